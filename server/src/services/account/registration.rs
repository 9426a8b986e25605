//! Registration in either portal: one transaction writes the user (unverified), the
//! consents, the verification token, for a business contact the registration request, the
//! audit record and the outbox row for the email. If any part fails, none is written.
//! The unique index on the normalized address decides between concurrent sign-ups with
//! one address.
use std::net::IpAddr;

use app::api::{check_your_email_path, RegisterOutcome};
use app::captcha::CaptchaResponse;
use app::forms::registration::ValidRegistration;
use app::forms::registration_code::INCORRECT as INCORRECT_CODE;
use app::forms::{ErrorKind, Field, FieldErrors, NormalizedEmail, RegistrationCode};
use app::i18n::Lang;
use app::policies::AGREED_AT_REGISTRATION;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::captcha::{CaptchaPass, CaptchaProblem};
use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::entities::{account, captcha_spent, consent};
use crate::db::is_unique_violation;
use crate::limits::{self, client_key, wait_in_words};
use crate::mail::{language_of, outbox, templates};
use crate::password_rules;
use crate::services::support::audit::{Audit, AuditAction};
pub use crate::services::support::email_tokens::VERIFICATION_LIFETIME;
use crate::services::support::erasure::Why;
use crate::services::support::password_refusal::weak_password;
use crate::services::{Portico, ServiceError};
use crate::tokens::Token;
use crate::webhooks::{self, Event};

/// The key of the message for an address that has an account in this portal.
pub const EMAIL_TAKEN: &str = "service-registration-email-taken";

impl Portico {
    /// A registration in the default language (see [`Portico::register_in_at`]).
    pub async fn register_at(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        self.register_in_at(client, portal, form, Lang::DEFAULT, now)
            .await
    }

    /// A registration made in `language`, which the person's emails are written in.
    pub async fn register_in_at(
        &self,
        client: IpAddr,
        portal: Portal,
        form: ValidRegistration,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        let client = client_key(client);
        let by_solver = matches!(form.captcha, CaptchaResponse::ProofOfWork { .. });
        // An account whose deletion fell due frees its address now.
        self.erase_if_due(form.email.normalized(), now).await?;
        // The question (the check without JavaScript) costs a script nothing to answer,
        // so each client gets a few answers an hour; the proof of work costs its time.
        if let CaptchaResponse::Answer { .. } = form.captcha {
            let limit = &self.limits.question_answers;
            if let Err(wait) = limits::attempt(&self.db, limit, &client, now).await? {
                return Ok(self.rejected(&client, too_many_answers(wait), now, language));
            }
        }
        let pass = match self.captcha.check(&form.captcha, now) {
            Ok(pass) => pass,
            // A wrong answer spends the challenge: one challenge, one answer.
            Err((problem, Some(challenge))) => {
                return self
                    .refuse_after_spending(
                        &client,
                        &challenge,
                        captcha_error(problem, challenge.by_solver),
                        now,
                        language,
                    )
                    .await;
            }
            Err((problem, None)) => {
                let errors = captcha_error(problem, by_solver);
                return Ok(self.rejected(&client, errors, now, language));
            }
        };
        // The strength estimate costs a crafted password up to some 15 ms: only after a
        // solved challenge, which a refusal spends (one challenge, one estimate).
        let person = [form.email.as_typed(), &form.first_name, &form.last_name];
        if let Err(message) = password_rules::check(&form.password, &person) {
            let errors = weak_password(message);
            return self
                .refuse_after_spending(&client, &pass, errors, now, language)
                .await;
        }
        // The company of a business contact's code. A wrong code spends the challenge,
        // and attempts per client are limited, so that codes cannot be guessed.
        let account = match (portal, &form.registration_code) {
            (Portal::Csm, Some(code)) => match self.account_of_code(&client, code, now).await? {
                Ok(account) => Some(account),
                Err(errors) => {
                    return self
                        .refuse_after_spending(&client, &pass, errors, now, language)
                        .await
                }
            },
            _ => None,
        };
        // Most duplicates are caught here, before spending a password hash on them.
        // The challenge is spent either way, so that one solved CAPTCHA cannot probe
        // address after address.
        if let Some(home) = self.address_in_use(&form.email, now).await? {
            return self
                .refuse_after_spending(&client, &pass, email_taken(portal, home), now, language)
                .await;
        }
        self.surge.record(&client, std::time::Instant::now());
        // What follows costs a password hash and sends an email: a client gets a few.
        if let Err(wait) =
            limits::attempt(&self.db, &self.limits.registrations, &client, now).await?
        {
            return self
                .refuse_after_spending(&client, &pass, too_many_registrations(wait), now, language)
                .await;
        }
        let password_hash = self.hasher.hash(form.password.clone()).await?;
        let token = Token::generate();

        let txn = crate::db::begin_write(&self.db).await?;
        match spend_captcha(&txn, &pass).await {
            Err(error) if is_unique_violation(&error) => {
                let errors = captcha_error(CaptchaProblem::Spent, by_solver);
                return Ok(self.rejected(&client, errors, now, language));
            }
            other => other?,
        }
        // An expired unverified registration of the address is erased, with its emails,
        // webhook deliveries and audit entries (it never logged in: no sessions).
        if let Some(expired) = expired_registration(&txn, &form.email, now).await? {
            self.erase(&txn, &expired, Why::ExpiredRegistration, now)
                .await?;
        }
        let kind = match portal {
            Portal::Csp => UserKind::Consumer,
            Portal::Csm => UserKind::Contact,
        };
        let inserted = user::ActiveModel {
            kind: Set(kind),
            email: Set(form.email.as_typed().to_owned()),
            email_normalized: Set(form.email.normalized().to_owned()),
            first_name: Set(form.first_name.clone()),
            last_name: Set(form.last_name.clone()),
            password_hash: Set(password_hash),
            status: Set(UserStatus::Unverified),
            created_at: Set(now),
            updated_at: Set(now),
            verified_at: Set(None),
            last_login_at: Set(None),
            account_id: Set(None),
            role: Set(UserRole::Member),
            preferred_language: Set(Some(language.tag().to_owned())),
            ..Default::default()
        }
        .insert(&txn)
        .await;
        let user = match inserted {
            Err(error) if is_unique_violation(&error) => {
                // A concurrent registration took the address; which portal it is in
                // is not known here, and this one's is the likelier.
                return Ok(self.rejected(&client, email_taken(portal, portal), now, language));
            }
            other => other?,
        };
        let account_id = account.as_ref().map(|a| a.id);
        if portal == Portal::Csm {
            registration_request::ActiveModel {
                user_id: Set(user.id),
                account_id: Set(account_id),
                state: Set(RequestState::AwaitingVerification),
                created_at: Set(now),
                decided_by: Set(None),
                decided_at: Set(None),
                reason: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        Audit::by_self(user.id)
            .account(account_id)
            .detail_in_words(
                "audit-detail-registered-in",
                &[("portal", portal.segment().to_owned())],
            )
            .record(&txn, AuditAction::Registered, now)
            .await?;
        webhooks::record_event(
            &txn,
            Event::UserRegistered,
            Some(&user.email_normalized),
            webhooks::person(&user),
            now,
        )
        .await?;
        for policy in AGREED_AT_REGISTRATION {
            consent::ActiveModel {
                user_id: Set(user.id),
                document: Set(policy.document.to_owned()),
                version: Set(policy.version.to_owned()),
                agreed_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        email_token::ActiveModel {
            user_id: Set(user.id),
            purpose: Set(TokenPurpose::Verify),
            token_hash: Set(token.hash()),
            created_at: Set(now),
            expires_at: Set(now + VERIFICATION_LIFETIME),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let link = self.link(portal, &format!("/verify?token={}", token.as_str()));
        let email = templates::verification(
            language_of(&user),
            portal,
            &user.email,
            &user.first_name,
            &link,
        );
        outbox::enqueue(&txn, &email, now).await?;
        txn.commit().await?;

        self.outbox.wake();
        tracing::info!(user = user.id, portal = portal.prefix(), "registered");
        Ok(RegisterOutcome::Registered {
            to: check_your_email_path(portal),
        })
    }

    /// The company whose registration code this is, or the error to show on the field.
    async fn account_of_code(
        &self,
        client: &str,
        code: &RegistrationCode,
        now: DateTime<Utc>,
    ) -> Result<Result<account::Model, FieldErrors>, DbErr> {
        let limit = &self.limits.registration_codes;
        if let Err(wait) = limits::attempt(&self.db, limit, client, now).await? {
            return Ok(Err(FieldErrors::one_of_kind(
                Field::RegistrationCode,
                app::forms::Message::key_with(
                    "service-registration-too-many-codes",
                    &[("wait", wait_in_words(wait))],
                ),
                ErrorKind::TooManyAttempts,
            )));
        }
        let found = account::Entity::find()
            .filter(account::Column::RegistrationCode.eq(code.as_str()))
            .one(&self.db)
            .await?;
        Ok(found.ok_or_else(|| FieldErrors::one(Field::RegistrationCode, INCORRECT_CODE)))
    }

    /// Refuses a registration after spending its CAPTCHA challenge (or says it was spent).
    async fn refuse_after_spending(
        &self,
        client: &str,
        pass: &CaptchaPass,
        errors: FieldErrors,
        now: DateTime<Utc>,
        language: Lang,
    ) -> Result<RegisterOutcome, ServiceError> {
        Ok(match spend_captcha(&self.db, pass).await {
            Err(error) if is_unique_violation(&error) => {
                let errors = captcha_error(CaptchaProblem::Spent, pass.by_solver);
                self.rejected(client, errors, now, language)
            }
            other => {
                other?;
                self.rejected(client, errors, now, language)
            }
        })
    }

    /// The portal of the account the address belongs to, not counting an unverified one
    /// whose link has expired (registering again replaces that one).
    async fn address_in_use(
        &self,
        email: &NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<Option<Portal>, DbErr> {
        let existing = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(email.normalized()))
            .one(&self.db)
            .await?;
        Ok(existing
            .filter(|user| !is_expired_registration(user, now))
            .map(|user| user.kind.portal()))
    }

    /// Refused: nothing was written, and the form comes back with a new challenge.
    fn rejected(
        &self,
        client: &str,
        errors: FieldErrors,
        now: DateTime<Utc>,
        language: Lang,
    ) -> RegisterOutcome {
        RegisterOutcome::Rejected {
            errors,
            captcha: self.challenge_for(client, now, language),
        }
    }

    /// A new Security Code challenge for `client`: harder while sign-ups surge (see
    /// `sign_up_surge`).
    pub fn challenge_for(
        &self,
        client: &str,
        now: DateTime<Utc>,
        lang: app::i18n::Lang,
    ) -> app::captcha::CaptchaChallenge {
        let factor = self.surge.factor(client, std::time::Instant::now());
        self.captcha.issue_harder(now, factor, lang)
    }
}

/// An unverified registration whose newest link has expired (a resend renews it).
fn is_expired_registration(user: &user::Model, now: DateTime<Utc>) -> bool {
    user.status == UserStatus::Unverified && user.updated_at + VERIFICATION_LIFETIME < now
}

/// The unverified registration of this address whose link has expired, if there is one:
/// registering again replaces it.
async fn expired_registration<C: ConnectionTrait>(
    db: &C,
    email: &NormalizedEmail,
    now: DateTime<Utc>,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email.normalized()))
        .filter(user::Column::Status.eq(UserStatus::Unverified))
        .filter(user::Column::UpdatedAt.lt(now - VERIFICATION_LIFETIME))
        .one(db)
        .await
}

/// Records that a CAPTCHA challenge has been used; a second use violates the primary key.
async fn spend_captcha<C: ConnectionTrait>(db: &C, pass: &CaptchaPass) -> Result<(), DbErr> {
    captcha_spent::ActiveModel {
        id: Set(pass.id.clone()),
        expires_at: Set(pass.expires_at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The address is taken: in this portal (log in or reset), or in the other (go there).
fn email_taken(portal: Portal, home: Portal) -> FieldErrors {
    if home == portal {
        FieldErrors::one_of_kind(Field::Email, EMAIL_TAKEN, ErrorKind::EmailTaken)
    } else {
        FieldErrors::one_of_kind(
            Field::Email,
            app::forms::Message::key_with(
                "service-registration-email-in-other-portal",
                &[("portal", home.name())],
            ),
            ErrorKind::EmailInPortal(home),
        )
    }
}

fn too_many_answers(wait: std::time::Duration) -> FieldErrors {
    FieldErrors::one_of_kind(
        Field::Captcha,
        app::forms::Message::key_with(
            "service-registration-too-many-answers",
            &[("wait", wait_in_words(wait))],
        ),
        ErrorKind::TooManyAttempts,
    )
}

fn too_many_registrations(wait: std::time::Duration) -> FieldErrors {
    FieldErrors::one_of_kind(
        Field::Form,
        app::forms::Message::key_with(
            "service-registration-too-many-registrations",
            &[("wait", wait_in_words(wait))],
        ),
        ErrorKind::TooManyAttempts,
    )
}

fn captcha_error(problem: CaptchaProblem, by_solver: bool) -> FieldErrors {
    FieldErrors::one(Field::Captcha, problem.message(by_solver))
}
