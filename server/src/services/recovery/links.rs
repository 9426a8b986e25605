//! Getting back in with an emailed link: password reset, a new verification link, and
//! confirming a change of address. Every link is a [`Token`]: 32 random bytes, only the
//! SHA-256 stored, one purpose, single use through one conditional update, expiring. A
//! new link of a purpose makes the person's older ones of that purpose stop working.
use app::api::{AfterVerification, Client, NewPasswordOutcome, TokenStatus};
use app::forms::email_links::ValidNewPassword;
use app::forms::{Field, FieldErrors, NormalizedEmail};
use app::portal::Portal;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::user::{self, UserStatus};
use crate::db::is_unique_violation;
use crate::limits;
use crate::mail::{language_of, outbox, templates};
use crate::password_rules;
use crate::services::session::gate::Admission;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::email_tokens::{
    find_by_address, issue_limited_token, use_token, VERIFICATION_LIFETIME,
};
pub use crate::services::support::email_tokens::{LINKS_PER_DAY, LINK_INTERVAL};
use crate::services::support::required_provider::{must_use_company_provider, USE_COMPANY_SIGN_IN};
use crate::services::{Portico, ServiceError};
use crate::tokens::{could_be_a_token, hash_token};

/// How long a password reset link works.
pub const RESET_LIFETIME: Duration = Duration::hours(1);
/// The answer to a request for a reset link, whatever the address (a key).
pub const RESET_SENT: &str = "service-recovery-reset-sent";

/// The answer to a request for a new verification link, whatever the address (a key).
pub const RESEND_SENT: &str = "service-recovery-resend-sent";

/// Whether a request for an emailed link sent one. The page never tells: it says the
/// same whatever the address, so that nobody learns which addresses have accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRequest {
    Sent,
    /// No account (or, for a verification link, no unverified one) has this address.
    NoSuchAccount,
    /// A link went to the address a short while ago.
    TooSoon,
}

impl Portico {
    /// Sends a password reset link to the address's account, if it has one and its link
    /// budget allows. The page does not wait for this (see `Services`).
    pub async fn request_password_reset_at(
        &self,
        email: &NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<LinkRequest, ServiceError> {
        let Some(person) = find_by_address(&self.db, email).await? else {
            return Ok(LinkRequest::NoSuchAccount);
        };
        // Their company signs them in: a Portico password would be a way around it.
        if must_use_company_provider(&self.db, &person).await? {
            return Ok(LinkRequest::NoSuchAccount);
        }
        let portal = person.kind.portal();
        let txn = crate::db::begin_write(&self.db).await?;
        let Ok(token) = issue_limited_token(
            &txn,
            person.id,
            TokenPurpose::Reset,
            RESET_LIFETIME,
            None,
            now,
        )
        .await?
        else {
            txn.rollback().await?;
            return Ok(LinkRequest::TooSoon);
        };
        let link = self.link(portal, &format!("/reset/new?token={}", token.as_str()));
        let email = templates::password_reset(
            language_of(&person),
            portal,
            &person.email,
            &person.first_name,
            link,
        );
        outbox::enqueue(&txn, &email, now).await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::PasswordResetRequested, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(LinkRequest::Sent)
    }

    /// Sets a new password from a reset link: every other session ends, and this one goes
    /// on as after a right password (the second step, if the person has a factor), if the
    /// account may log in. A locked second step is unlocked: the mailbox proved it.
    pub async fn reset_password_at(
        &self,
        session: &Session,
        client: &Client,
        portal: Portal,
        form: ValidNewPassword,
        now: DateTime<Utc>,
    ) -> Result<NewPasswordOutcome, ServiceError> {
        // Hashing is costly, and so can the strength estimate be: only for a link that
        // works now, and the estimate fed with its owner's name and address.
        let status = self
            .token_status_at(&form.token, TokenPurpose::Reset, now)
            .await?;
        if status != TokenStatus::Valid {
            return Ok(NewPasswordOutcome::Link(status));
        }
        let owner = email_token::Entity::find()
            .filter(email_token::Column::TokenHash.eq(hash_token(&form.token)))
            .find_also_related(user::Entity)
            .one(&self.db)
            .await?;
        let Some((_, Some(owner))) = owner else {
            return Ok(NewPasswordOutcome::Link(TokenStatus::Unknown));
        };
        if must_use_company_provider(&self.db, &owner).await? {
            return Ok(NewPasswordOutcome::Rejected {
                errors: FieldErrors::one(Field::Form, USE_COMPANY_SIGN_IN),
            });
        }
        let own = [&*owner.email, &owner.first_name, &owner.last_name];
        if let Err(message) = password_rules::check(&form.password, &own) {
            return Ok(NewPasswordOutcome::Rejected {
                errors: crate::services::support::password_refusal::weak_password(message),
            });
        }
        let password_hash = self.hasher.hash(form.password).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(token) = use_token(&txn, &form.token, TokenPurpose::Reset, now).await? else {
            txn.rollback().await?;
            let status = self
                .token_status_at(&form.token, TokenPurpose::Reset, now)
                .await?;
            return Ok(NewPasswordOutcome::Link(status));
        };
        let Some(person) = user::Entity::find_by_id(token.user_id).one(&txn).await? else {
            return Ok(NewPasswordOutcome::Link(TokenStatus::Unknown));
        };
        let ended = self
            .replace_password(&txn, &person, password_hash, None, now)
            .await?;
        // The link proved the mailbox: a second step locked by wrong codes opens again.
        crate::services::session::second_step_lock::unlock_second_step(&txn, person.id).await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::PasswordReset, now)
            .await?;
        // As the change left it (a new credential version), for the steps that follow.
        let person = user::Entity::find_by_id(person.id)
            .one(&txn)
            .await?
            .unwrap_or(person);
        txn.commit().await?;
        self.outbox.wake();
        self.delete_stored_sessions(ended).await;
        limits::forgive(
            &self.db,
            &self.limits.log_in_per_address,
            &person.email_normalized,
        )
        .await?;
        self.after_reset(session, client, portal, &person, now)
            .await
    }

    /// Where a person goes once their new password is saved: logged in (or on to their
    /// second step) when they reset it in their own portal and may log in, else told
    /// where they can.
    async fn after_reset(
        &self,
        session: &Session,
        client: &Client,
        portal: Portal,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<NewPasswordOutcome, ServiceError> {
        let home = person.kind.portal();

        if person.status != UserStatus::Active || home != portal {
            return Ok(NewPasswordOutcome::Saved {
                message: match person.status {
                    UserStatus::Active => app::i18n::t_with(
                        "service-recovery-saved-other-portal",
                        &[("portal", home.name())],
                    ),
                    UserStatus::Unverified => app::i18n::t("service-recovery-saved-unverified"),
                    _ => app::i18n::t("service-recovery-saved-cannot-log-in"),
                },
            });
        }
        // The link proves the mailbox, one factor: a person with a second factor gives it
        // now, as at every log-in.
        Ok(
            match self
                .admit_after_first_factor(session, person, client, None, now)
                .await?
            {
                Admission::SecondStep { to } => NewPasswordOutcome::SecondStep { to },
                Admission::LoggedIn { to } => NewPasswordOutcome::LoggedIn { to },
            },
        )
    }

    /// Sends a new verification link to an address whose registration is not verified,
    /// if its link budget allows. The page does not wait for this (see `Services`).
    pub async fn resend_verification_at(
        &self,
        email: &NormalizedEmail,
        now: DateTime<Utc>,
    ) -> Result<LinkRequest, ServiceError> {
        let person = find_by_address(&self.db, email)
            .await?
            .filter(|p| p.status == UserStatus::Unverified);
        let Some(person) = person else {
            return Ok(LinkRequest::NoSuchAccount);
        };
        let portal = person.kind.portal();
        let txn = crate::db::begin_write(&self.db).await?;
        let Ok(token) = issue_limited_token(
            &txn,
            person.id,
            TokenPurpose::Verify,
            VERIFICATION_LIFETIME,
            None,
            now,
        )
        .await?
        else {
            txn.rollback().await?;
            return Ok(LinkRequest::TooSoon);
        };
        // Counted from the newest link: the registration is not replaced while it works.
        user::Entity::update_many()
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .exec(&txn)
            .await?;
        let link = self.link(portal, &format!("/verify?token={}", token.as_str()));
        outbox::enqueue(
            &txn,
            &templates::verification(
                language_of(&person),
                portal,
                &person.email,
                &person.first_name,
                &link,
            ),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::VerificationResent, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(LinkRequest::Sent)
    }

    /// Makes an address change take effect: the link sent to the new address was opened.
    pub async fn confirm_email_change_at(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<TokenStatus, ServiceError> {
        if !could_be_a_token(token) {
            return Ok(TokenStatus::Unknown);
        }
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(used) = use_token(&txn, token, TokenPurpose::ChangeEmail, now).await? else {
            txn.rollback().await?;
            return self
                .token_status_at(token, TokenPurpose::ChangeEmail, now)
                .await;
        };
        let Some(new_email) = used
            .new_email
            .as_deref()
            .and_then(|e| NormalizedEmail::parse(e).ok())
        else {
            return Ok(TokenStatus::Unknown);
        };
        // The address left behind still has mail about them: erasing them looks there.
        if let Some(person) = user::Entity::find_by_id(used.user_id).one(&txn).await? {
            crate::services::support::erasure::remember_address(
                &txn,
                person.id,
                &person.email_normalized,
                now,
            )
            .await?;
        }
        let changed = user::Entity::update_many()
            .col_expr(user::Column::Email, Expr::value(new_email.as_typed()))
            .col_expr(
                user::Column::EmailNormalized,
                Expr::value(new_email.normalized()),
            )
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(used.user_id))
            .exec(&txn)
            .await;
        match changed {
            Err(error) if is_unique_violation(&error) => {
                txn.rollback().await?;
                return Ok(TokenStatus::Taken);
            }
            other => other?,
        };
        Audit::by_self(used.user_id)
            .detail(new_email.as_typed())
            .record(&txn, AuditAction::EmailChanged, now)
            .await?;
        txn.commit().await?;
        Ok(TokenStatus::Verified(AfterVerification::LogIn))
    }
}
