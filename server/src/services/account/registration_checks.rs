//! What a registration must pass before anything is written: the Security Code (with a
//! few question answers per client an hour), the password's strength, a business
//! contact's registration code, a free address and the per-client budget of sign-ups.
//! Every refusal after a solved challenge spends it, so that one solved challenge cannot
//! probe password after password or address after address.
use app::api::RegisterOutcome;
use app::captcha::CaptchaResponse;
use app::forms::registration::ValidRegistration;
use app::forms::registration_code::INCORRECT as INCORRECT_CODE;
use app::forms::{ErrorKind, Field, FieldErrors, NormalizedEmail, RegistrationCode};
use app::i18n::Lang;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::captcha::{CaptchaPass, CaptchaProblem};
use crate::db::entities::user::{self, UserStatus};
use crate::db::entities::{account, captcha_spent};
use crate::db::is_unique_violation;
use crate::limits::{self, wait_in_words};
use crate::password_rules;
use crate::services::account::registration::{EMAIL_TAKEN, VERIFICATION_LIFETIME};
use crate::services::support::password_refusal::weak_password;
use crate::services::{Portico, ServiceError};

/// A registration that passed its checks: its solved challenge (spent by the transaction
/// that writes it) and, for a business contact, the company of their code.
pub(super) struct Passed {
    pub(super) pass: CaptchaPass,
    pub(super) account: Option<account::Model>,
}

impl Portico {
    /// The checks in their order, cheapest and least revealing first; a refusal is the
    /// form back with a new challenge.
    pub(super) async fn check_registration(
        &self,
        client: &str,
        portal: Portal,
        form: &ValidRegistration,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<Result<Passed, RegisterOutcome>, ServiceError> {
        let pass = match self
            .check_security_code(client, form, language, now)
            .await?
        {
            Ok(pass) => pass,
            Err(refused) => return Ok(Err(refused)),
        };
        // The strength estimate costs a crafted password up to some 15 ms: only after a
        // solved challenge, which a refusal spends (one challenge, one estimate).
        let person = [form.email.as_typed(), &form.first_name, &form.last_name];
        if let Err(message) = password_rules::check(&form.password, &person) {
            let errors = weak_password(message);
            return self
                .refuse_after_spending(client, &pass, errors, now, language)
                .await
                .map(Err);
        }
        // The company of a business contact's code. A wrong code spends the challenge,
        // and attempts per client are limited, so that codes cannot be guessed.
        let account = match (portal, &form.registration_code) {
            (Portal::Csm, Some(code)) => match self.account_of_code(client, code, now).await? {
                Ok(account) => Some(account),
                Err(errors) => {
                    return self
                        .refuse_after_spending(client, &pass, errors, now, language)
                        .await
                        .map(Err)
                }
            },
            _ => None,
        };
        // Most duplicates are caught here, before spending a password hash on them.
        // The challenge is spent either way, so that one solved CAPTCHA cannot probe
        // address after address.
        if let Some(home) = self.address_in_use(&form.email, now).await? {
            let errors = email_taken(portal, home);
            return self
                .refuse_after_spending(client, &pass, errors, now, language)
                .await
                .map(Err);
        }
        self.surge.record(client, std::time::Instant::now());
        // What follows costs a password hash and sends an email: a client gets a few.
        if let Err(wait) =
            limits::attempt(&self.db, &self.limits.registrations, client, now).await?
        {
            let errors = too_many_registrations(wait);
            return self
                .refuse_after_spending(client, &pass, errors, now, language)
                .await
                .map(Err);
        }
        Ok(Ok(Passed { pass, account }))
    }

    /// The Security Code: solved (not yet spent), or the refusal. The question (the
    /// check without JavaScript) costs a script nothing to answer, so each client gets a
    /// few answers an hour; the proof of work costs its time.
    async fn check_security_code(
        &self,
        client: &str,
        form: &ValidRegistration,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<Result<CaptchaPass, RegisterOutcome>, ServiceError> {
        let by_solver = matches!(form.captcha, CaptchaResponse::ProofOfWork { .. });
        if let CaptchaResponse::Answer { .. } = form.captcha {
            let limit = &self.limits.question_answers;
            if let Err(wait) = limits::attempt(&self.db, limit, client, now).await? {
                return Ok(Err(self.rejected(
                    client,
                    too_many_answers(wait),
                    now,
                    language,
                )));
            }
        }
        match self.captcha.check(&form.captcha, now) {
            Ok(pass) => Ok(Ok(pass)),
            // A wrong answer spends the challenge: one challenge, one answer.
            Err((problem, Some(challenge))) => {
                let errors = captcha_error(problem, challenge.by_solver);
                self.refuse_after_spending(client, &challenge, errors, now, language)
                    .await
                    .map(Err)
            }
            Err((problem, None)) => {
                let errors = captcha_error(problem, by_solver);
                Ok(Err(self.rejected(client, errors, now, language)))
            }
        }
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
}

/// An unverified registration whose newest link has expired (a resend renews it).
fn is_expired_registration(user: &user::Model, now: DateTime<Utc>) -> bool {
    user.status == UserStatus::Unverified && user.updated_at + VERIFICATION_LIFETIME < now
}

/// Records that a CAPTCHA challenge has been used; a second use violates the primary key.
pub(super) async fn spend_captcha<C: ConnectionTrait>(
    db: &C,
    pass: &CaptchaPass,
) -> Result<(), DbErr> {
    captcha_spent::ActiveModel {
        id: Set(pass.id.clone()),
        expires_at: Set(pass.expires_at),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The address is taken: in this portal (log in or reset), or in the other (go there).
pub(super) fn email_taken(portal: Portal, home: Portal) -> FieldErrors {
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

pub(super) fn captcha_error(problem: CaptchaProblem, by_solver: bool) -> FieldErrors {
    FieldErrors::one(Field::Captcha, problem.message(by_solver))
}
