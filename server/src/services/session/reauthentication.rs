//! Sensitive actions (a new email address, a second factor added or removed, deleting the
//! account; and an administrator's that weaken others' security: resetting second
//! factors, turning a company's two-factor rule off, adding a webhook, deleting a person,
//! disabling a login) need an authentication of the person within the last ten minutes:
//! a log-in, or the "Confirm it's you" page. A session left open somewhere is then not
//! enough to take the account over, or to act as its administrator.
use app::api::Confirmation;
use app::forms::log_in::ValidConfirmIdentity;
use app::forms::{ErrorKind, Field, FieldErrors};
use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::limits::{self, wait_in_words};
use crate::services::session::caller::{settle, Refusal, Stop};
use crate::services::session::keys;
use crate::services::{Portico, ServiceError};

/// What a sensitive action refused for want of a fresh proof says.
pub const CONFIRM_FIRST: &str = "service-profile-confirm-first";

/// How long a proof of who one is lasts for sensitive actions.
pub const RECENT: Duration = Duration::minutes(10);

impl Portico {
    /// Records that the session's person proved who they are just now.
    pub(crate) async fn mark_authenticated(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        keys::AUTHENTICATED_AT
            .put(session, &now.timestamp())
            .await?;
        Ok(())
    }

    /// Whether the session's person proved who they are within [`RECENT`].
    pub(crate) async fn recently_authenticated(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let at = keys::AUTHENTICATED_AT.get(session).await?;
        Ok(at
            .and_then(|at| DateTime::from_timestamp(at, 0))
            .is_some_and(|at| now - at <= RECENT && at <= now))
    }

    /// Refuses a sensitive action when the session's person has not proved who they are
    /// within [`RECENT`] (`self.fresh_proof(session, now).await?` in a service's work).
    pub(crate) async fn fresh_proof(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<(), Stop> {
        match self.recently_authenticated(session, now).await? {
            true => Ok(()),
            false => Err(Refusal::ConfirmFirst.into()),
        }
    }

    /// "Confirm it's you": the password again, or a code from the authenticator app.
    pub async fn confirm_identity_at(
        &self,
        session: &Session,
        form: ValidConfirmIdentity,
        now: DateTime<Utc>,
    ) -> Result<Confirmation, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            if let Err(errors) = self
                .password_or_app_code(&person, form.password, now)
                .await?
            {
                return Ok(Confirmation::Rejected { errors });
            }
            self.mark_authenticated(session, now).await?;
            Ok(Confirmation::Confirmed {
                to: form
                    .next
                    .unwrap_or_else(|| person.kind.portal().path("/profile")),
            })
        })
        .await
    }

    /// Checks the password a logged-in person typed again. Wrong ones count against the
    /// same limit as wrong log-ins of their address, so that a session left open cannot
    /// be used to guess the password; a right one is given back.
    pub(crate) async fn check_password_again(
        &self,
        person: &user::Model,
        password: String,
        now: DateTime<Utc>,
    ) -> Result<Result<(), FieldErrors>, ServiceError> {
        let limit = &self.limits.log_in_per_address;
        let address = person.email_normalized.as_str();
        if let Err(wait) = limits::attempt(&self.db, limit, address, now).await? {
            return Ok(Err(FieldErrors::one_of_kind(
                Field::CurrentPassword,
                app::forms::Message::key_with(
                    "service-reauthentication-too-many",
                    &[("wait", wait_in_words(wait))],
                ),
                ErrorKind::TooManyAttempts,
            )));
        }
        if !self
            .hasher
            .verify(password, person.password_hash.clone())
            .await?
        {
            return Ok(Err(FieldErrors::one(
                Field::CurrentPassword,
                "service-reauthentication-wrong-password",
            )));
        }
        limits::refund(&self.db, limit, address, now).await?;
        Ok(Ok(()))
    }
}
