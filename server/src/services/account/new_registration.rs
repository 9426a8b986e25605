//! Writing a registration: one transaction writes the user (unverified), the consents,
//! the verification token, for a business contact the registration request, the audit
//! record, the webhook event and the outbox row for the email. If any part fails, none is
//! written. The unique index on the normalized address decides between concurrent
//! sign-ups with one address.
use app::api::{check_your_email_path, RegisterOutcome};
use app::captcha::CaptchaResponse;
use app::forms::registration::ValidRegistration;
use app::forms::NormalizedEmail;
use app::i18n::Lang;
use app::policies::AGREED_AT_REGISTRATION;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter,
};

use crate::captcha::CaptchaProblem;
use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::is_unique_violation;
use crate::mail::{language_of, outbox, templates};
use crate::services::account::registration_checks::{
    captcha_error, email_taken, spend_captcha, Passed,
};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::consents::record_consents;
use crate::services::support::email_tokens::VERIFICATION_LIFETIME;
use crate::services::support::erasure::Why;
use crate::services::support::waiting_app_sign_ins;
use crate::services::{Portico, ServiceError};
use crate::tokens::Token;
use crate::webhooks::{self, Event};

impl Portico {
    /// Writes a registration that passed its checks, spending its challenge in the same
    /// transaction (a second use of it is refused there).
    pub(super) async fn write_registration(
        &self,
        client: &str,
        portal: Portal,
        form: &ValidRegistration,
        passed: Passed,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<RegisterOutcome, ServiceError> {
        let Passed { pass, account } = passed;
        let by_solver = matches!(form.captcha, CaptchaResponse::ProofOfWork { .. });
        let password_hash = self.hasher.hash(form.password.clone()).await?;
        let token = Token::generate();

        let txn = crate::db::begin_write(&self.db).await?;
        match spend_captcha(&txn, &pass).await {
            Err(error) if is_unique_violation(&error) => {
                let errors = captcha_error(CaptchaProblem::Spent, by_solver);
                return Ok(self.rejected(client, errors, now, language));
            }
            other => other?,
        }
        // An expired unverified registration of the address is erased, with its emails,
        // webhook deliveries and audit entries (it never logged in: no sessions).
        if let Some(expired) = expired_registration(&txn, &form.email, now).await? {
            self.erase(&txn, &expired, Why::ExpiredRegistration, now)
                .await?;
        }
        let inserted = new_user(portal, form, password_hash, language, now)
            .insert(&txn)
            .await;
        let user = match inserted {
            Err(error) if is_unique_violation(&error) => {
                // A concurrent registration took the address; which portal it is in
                // is not known here, and this one's is the likelier.
                return Ok(self.rejected(client, email_taken(portal, portal), now, language));
            }
            other => other?,
        };
        let account_id = account.as_ref().map(|a| a.id);
        let link = VerificationLink {
            token,
            resume: self.resume_waiting(&txn, form, now).await?,
        };
        self.record_registration(&txn, &user, portal, account_id, &link, now)
            .await?;
        txn.commit().await?;

        self.outbox.wake();
        tracing::info!(user = user.id, portal = portal.prefix(), "registered");
        Ok(RegisterOutcome::Registered {
            to: check_your_email_path(portal),
        })
    }

    /// What a new registration writes besides the user, in its transaction: a business
    /// contact's request, the audit record, the webhook event, the consents, the
    /// verification link and its email.
    async fn record_registration<C: ConnectionTrait>(
        &self,
        db: &C,
        user: &user::Model,
        portal: Portal,
        account_id: Option<i32>,
        link: &VerificationLink,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
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
            .insert(db)
            .await?;
        }
        Audit::by_self(user.id)
            .account(account_id)
            .detail_in_words(
                "audit-detail-registered-in",
                &[("portal", portal.segment().to_owned())],
            )
            .record(db, AuditAction::Registered, now)
            .await?;
        webhooks::record_event(
            db,
            Event::UserRegistered,
            Some(&user.email_normalized),
            webhooks::person(user),
            now,
        )
        .await?;
        record_consents(db, user.id, &AGREED_AT_REGISTRATION, now).await?;
        email_token::ActiveModel {
            user_id: Set(user.id),
            purpose: Set(TokenPurpose::Verify),
            token_hash: Set(link.token.hash()),
            created_at: Set(now),
            expires_at: Set(now + VERIFICATION_LIFETIME),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let link = self.link(portal, &link.path());
        let email = templates::verification(
            language_of(user),
            portal,
            &user.email,
            &user.first_name,
            &link,
        );
        outbox::enqueue(db, &email, now).await?;
        Ok(())
    }

    /// The app's waiting sign-in the person registered from, kept waiting until their
    /// verification link expires; `None` when there is none (or it is gone).
    async fn resume_waiting<C: ConnectionTrait>(
        &self,
        db: &C,
        form: &ValidRegistration,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, DbErr> {
        let Some(resume) = &form.resume else {
            return Ok(None);
        };
        let waits = waiting_app_sign_ins::wait_for_registration(db, resume, now).await?;
        Ok(waits.then(|| resume.clone()))
    }
}

/// The verification email's link: its token, and the app's sign-in to go back to. The
/// resume address travels in the link rather than the session, so that opening the email
/// in another browser (or on a phone) leads back to the app too; it is no key by itself,
/// since resuming still needs the person's log-in.
struct VerificationLink {
    token: Token,
    resume: Option<String>,
}

impl VerificationLink {
    /// The link's path under its portal.
    fn path(&self) -> String {
        let token = self.token.as_str();
        match &self.resume {
            // `resume_address` let through only URL-safe characters.
            Some(resume) => format!("/verify?token={token}&next={resume}"),
            None => format!("/verify?token={token}"),
        }
    }
}

/// The person as registered: unverified, a member, writing in the language they
/// registered in.
fn new_user(
    portal: Portal,
    form: &ValidRegistration,
    password_hash: String,
    language: Lang,
    now: DateTime<Utc>,
) -> user::ActiveModel {
    let kind = match portal {
        Portal::Csp => UserKind::Consumer,
        Portal::Csm => UserKind::Contact,
    };
    user::ActiveModel {
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
