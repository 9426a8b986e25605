//! An existing account meets a provider's identity with its address: the provider's word
//! for the address is not enough to link them (an account takeover, where a provider lets
//! anyone claim an address), so the person proves the Portico account once — here, with
//! its password — and the link is made and they go through the gate.
use app::api::Client;
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use tower_sessions::Session;

use super::identity::{Pending, Refusal, SignInOutcome};
use super::joining::insert_link;
use crate::db::entities::user::{self, UserStatus};
use crate::db::is_unique_violation;
use crate::limits;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// The person proves the account the waiting sign-in found with its password: the
    /// identity is linked to it and they are logged in (after their second step, if
    /// they have one). A wrong password leaves the sign-in waiting; each counts against
    /// the address's log-in limit, as at the log-in page.
    pub async fn link_with_password_at(
        &self,
        session: &Session,
        client: &Client,
        password: String,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let pending = Pending::get(session, now).await?;
        let Some((pending, owner)) = pending.and_then(|p| p.existing.map(|id| (p, id))) else {
            return Ok(SignInOutcome::Refused(Refusal::NothingPending));
        };
        let person = user::Entity::find_by_id(owner).one(&self.db).await?;
        let Some(person) = person.filter(|p| p.status == UserStatus::Active) else {
            return Ok(SignInOutcome::Refused(Refusal::CannotSignIn));
        };
        let limit = &self.limits.log_in_per_address;
        let address = person.email_normalized.as_str();
        if limits::attempt(&self.db, limit, address, now)
            .await?
            .is_err()
        {
            return Ok(SignInOutcome::Refused(Refusal::TooManyAttempts));
        }
        let stored = person.password_hash.clone();
        if !self.hasher.verify(password, stored).await? {
            return Ok(SignInOutcome::Refused(Refusal::WrongPassword));
        }
        limits::refund(&self.db, limit, address, now).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        let linked = insert_link(&txn, person.id, &pending.identity, now).await;
        Pending::forget(session).await?;
        match linked {
            // Linked meanwhile (the same sign-in finished twice): start again from the
            // provider, which then finds the link, whoever's it is.
            Err(error) if is_unique_violation(&error) => {
                txn.rollback().await?;
                return Ok(SignInOutcome::Refused(Refusal::NothingPending));
            }
            other => other?,
        };
        Audit::by_self(person.id)
            .account(person.account_id)
            .detail_in_words(
                "audit-detail-identity",
                &[("issuer", pending.identity.issuer.clone())],
            )
            .record(&txn, AuditAction::IdentityLinked, now)
            .await?;
        txn.commit().await?;
        tracing::info!(user = person.id, "linked an identity after the password");
        self.admit_identity(session, client, &person, &pending.identity, now)
            .await
    }
}
