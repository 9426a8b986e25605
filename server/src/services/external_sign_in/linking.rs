//! An existing account meets a provider's identity with its address: the provider's word
//! for the address is not enough to link them (an account takeover, where a provider lets
//! anyone claim an address), so the person proves the Portico account once — here, with
//! its password, or an emailed link opened in the same browser — and the link is made
//! and they go through the gate.
use app::api::Client;
use chrono::Duration;
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, EntityTrait};
use tower_sessions::Session;

use super::identity::{Pending, Refusal, SignInOutcome};
use super::joining::insert_link;
use crate::db::entities::email_token::TokenPurpose;
use crate::db::entities::identity_provider;
use crate::db::entities::user::{self, UserStatus};
use crate::db::is_unique_violation;
use crate::limits;
use crate::mail::{language_of, outbox, templates};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::email_tokens::{issue_limited_token, use_token};
use crate::services::{Portico, ServiceError};

/// How long an emailed proof works: as long as the sign-in waits.
const PROOF_LIFETIME: Duration = Duration::minutes(10);

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
        self.link_and_admit(session, client, txn, person, pending, now)
            .await
    }

    /// Emails the owner of the account the waiting sign-in found a link that proves it
    /// (within the address's link budget, as reset links). Answers the same whether or
    /// not a link went out.
    pub async fn send_link_proof_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let pending = Pending::get(session, now).await?;
        let Some((pending, owner)) = pending.and_then(|p| p.existing.map(|id| (p, id))) else {
            return Ok(SignInOutcome::Refused(Refusal::NothingPending));
        };
        let person = user::Entity::find_by_id(owner).one(&self.db).await?;
        let provider = identity_provider::Entity::find_by_id(pending.identity.provider_id)
            .one(&self.db)
            .await?;
        let (Some(person), Some(provider)) = (person, provider) else {
            return Ok(SignInOutcome::Refused(Refusal::NothingPending));
        };
        let portal = person.kind.portal();
        let txn = crate::db::begin_write(&self.db).await?;
        let purpose = TokenPurpose::LinkSignIn;
        let issued = issue_limited_token(&txn, person.id, purpose, PROOF_LIFETIME, None, now);
        if let Ok(token) = issued.await? {
            let link = self.link(portal, &format!("/sso/link?token={}", token.as_str()));
            let email = templates::link_sign_in(
                language_of(&person),
                portal,
                &person.email,
                &person.first_name,
                &provider.name,
                link,
            );
            outbox::enqueue(&txn, &email, now).await?;
        }
        txn.commit().await?;
        self.outbox.wake();
        Ok(SignInOutcome::ProveAccountFirst { portal })
    }

    /// The emailed link, opened in the browser whose sign-in waits: proves the account
    /// that sign-in found (a link for any other account, or with nothing waiting, links
    /// nothing), and the identity is linked to it.
    pub async fn link_with_emailed_token_at(
        &self,
        session: &Session,
        client: &Client,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let pending = Pending::get(session, now).await?;
        let Some((pending, owner)) = pending.and_then(|p| p.existing.map(|id| (p, id))) else {
            return Ok(SignInOutcome::Refused(Refusal::NothingPending));
        };
        let txn = crate::db::begin_write(&self.db).await?;
        let used = use_token(&txn, token, TokenPurpose::LinkSignIn, now).await?;
        if used.is_none_or(|used| used.user_id != owner) {
            txn.rollback().await?;
            return Ok(SignInOutcome::Refused(Refusal::LinkNotValid));
        }
        let person = user::Entity::find_by_id(owner).one(&txn).await?;
        let Some(person) = person.filter(|p| p.status == UserStatus::Active) else {
            txn.rollback().await?;
            return Ok(SignInOutcome::Refused(Refusal::CannotSignIn));
        };
        self.link_and_admit(session, client, txn, person, pending, now)
            .await
    }

    /// Links the proven account in `txn` and lets the person through the gate.
    async fn link_and_admit(
        &self,
        session: &Session,
        client: &Client,
        txn: DatabaseTransaction,
        person: user::Model,
        pending: Pending,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
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
        tracing::info!(user = person.id, "linked an identity after a proof");
        self.admit_identity(session, client, &person, &pending.identity, now)
            .await
    }
}
