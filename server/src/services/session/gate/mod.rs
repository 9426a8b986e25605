//! The one way from a proven identity to a session. Everything that stands between the
//! two — the second factor, a required factor's set-up, new terms, a due deletion,
//! cancelling a scheduled deletion — is a step of this module, and nothing else puts a
//! person into a session: `start::start_login` is private to the gate, so a way in
//! can only reach a session through the entry points below, which take every step.
//!
//! - after a first factor — a password, an emailed reset link, an accepted invitation —
//!   [`Portico::admit_after_first_factor`]: a person who has a second factor, or must set
//!   one up (their company's rule, `ADMIN_TWO_FACTOR`), goes on to that step with
//!   nothing logged in;
//! - once every factor is given (the second step, a passkey, which is both, or new terms
//!   agreed to after them) [`Portico::admit_after_every_factor`]: new terms first
//!   ([`new_terms`]), a scheduled deletion cancelled ([`due_deletion`]), then the session.
//!
//! A new way in (single sign-on, an OpenID Connect authorization) proves an identity,
//! erases the address's account if its deletion is due ([`Portico::erase_if_due`]), and
//! then calls `admit_after_first_factor` (or `admit_after_every_factor` when what it
//! proved counts as both factors): it cannot skip a step, because it cannot call
//! `start_login` (a password reset once did, issue 19).
pub mod due_deletion;
pub mod new_terms;
mod start;

use app::api::Client;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::pending::ProviderLogin;
use crate::services::{Portico, ServiceError};

/// Where a person goes after their first factor.
#[derive(Debug)]
pub(crate) enum Admission {
    /// Logged in (or on to agree to new terms first, which `to` then names).
    LoggedIn { to: String },
    /// On to the second step, or to set up a factor; nothing is logged in yet.
    SecondStep { to: String },
}

impl Portico {
    /// After a first factor: the second step when the person has or needs one, else the
    /// session.
    pub(crate) async fn admit_after_first_factor(
        &self,
        session: &Session,
        person: &user::Model,
        client: &Client,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Admission, ServiceError> {
        // A password (or link, or invitation) is no sign-in through a provider: a
        // provider's sign-in abandoned earlier in this session must not mark this login.
        keys::PROVIDER_LOGIN.take(session).await?;
        if let Some(to) = self.second_step(session, person, next.clone(), now).await? {
            return Ok(Admission::SecondStep { to });
        }
        let password = FactorsUsed::PASSWORD;
        let to = self
            .start_login(session, person, client, next, password, now)
            .await?;
        Ok(Admission::LoggedIn { to })
    }

    /// After a sign-in through another provider (`external_sign_in`), which counts as a
    /// first factor: the second step when the person has or needs one, else the session.
    /// The login that follows records the provider, its `sid` and the person's `sub`
    /// there, and ends at `provider.expires_at`.
    pub(crate) async fn admit_through_provider(
        &self,
        session: &Session,
        person: &user::Model,
        client: &Client,
        provider: ProviderLogin,
        now: DateTime<Utc>,
    ) -> Result<Admission, ServiceError> {
        if let Some(to) = self.second_step(session, person, None, now).await? {
            keys::PROVIDER_LOGIN.put(session, &provider).await?;
            return Ok(Admission::SecondStep { to });
        }
        keys::PROVIDER_LOGIN.put(session, &provider).await?;
        let factors = FactorsUsed::PROVIDER;
        let to = self
            .start_login(session, person, client, None, factors, now)
            .await?;
        Ok(Admission::LoggedIn { to })
    }

    /// Once every factor is given: new terms first, a scheduled deletion cancelled, then
    /// the session, which records how the person proved who they are (`factors`). Says where the person goes next (`next`, their home, or the terms).
    pub(crate) async fn admit_after_every_factor(
        &self,
        session: &Session,
        person: &user::Model,
        client: &Client,
        next: Option<String>,
        factors: FactorsUsed,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        self.start_login(session, person, client, next, factors, now)
            .await
    }
}
