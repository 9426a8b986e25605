//! A new person through a provider: after they agree to the privacy policy and the terms
//! (asked once, as at registration), an approved, verified contact of the provider's
//! company (role member, no registration code, no approval wait) or a verified consumer,
//! with no Portico password, linked to the identity, and logged in through the gate.
use app::api::Client;
use app::i18n::Lang;
use app::policies::AGREED_AT_REGISTRATION;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, DbErr, EntityTrait};
use tower_sessions::Session;

use super::deciding::portal_of;
use super::identity::{is_company, ExternalIdentity, Pending, PendingSignInView, Refusal};
use super::SignInOutcome;
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::entities::{account, external_identity, identity_provider};
use crate::db::is_unique_violation;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::consents::record_consents;
use crate::services::{Portico, ServiceError};
use crate::webhooks::{self, Event};

/// The password hash of a person who has none: no password verifies against it.
pub(super) const NO_PASSWORD: &str = "";

impl Portico {
    /// The sign-in waiting in this session for the person's agreement or proof, as its
    /// page shows it.
    pub async fn pending_sign_in_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingSignInView>, ServiceError> {
        let Some(pending) = Pending::get(session, now).await? else {
            return Ok(None);
        };
        let Some(provider) = identity_provider::Entity::find_by_id(pending.identity.provider_id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let company = match provider.account_id {
            Some(id) => account::Entity::find_by_id(id).one(&self.db).await?,
            None => None,
        };
        Ok(Some(PendingSignInView {
            portal: portal_of(&provider),
            email: pending.identity.email.clone().unwrap_or_default(),
            provider: company.as_ref().map_or(provider.name, |c| c.name.clone()),
            company: company
                .filter(|_| pending.existing.is_none())
                .map(|c| c.name),
        }))
    }

    /// The person agreed to the privacy policy and the terms: their account, made in
    /// `language`, linked to the identity, and the gate.
    pub async fn join_through_provider_at(
        &self,
        session: &Session,
        client: &Client,
        language: Lang,
        now: DateTime<Utc>,
    ) -> Result<SignInOutcome, ServiceError> {
        let pending = Pending::get(session, now).await?;
        let Some(pending) = pending.filter(|p| p.existing.is_none()) else {
            return Ok(SignInOutcome::Refused(Refusal::NothingPending));
        };
        let provider = identity_provider::Entity::find_by_id(pending.identity.provider_id)
            .one(&self.db)
            .await?;
        let Some(provider) = provider.filter(|p| p.enabled) else {
            return Ok(SignInOutcome::Refused(Refusal::ProviderOff));
        };
        let txn = crate::db::begin_write(&self.db).await?;
        let person = match insert_person(&txn, &provider, &pending.identity, language, now).await {
            Err(error) if is_unique_violation(&error) => {
                // Someone registered the address (or linked the identity) meanwhile.
                txn.rollback().await?;
                Pending::forget(session).await?;
                return Ok(SignInOutcome::Refused(Refusal::AddressElsewhere));
            }
            other => other?,
        };
        record_joined(&txn, &person, &pending.identity, now).await?;
        txn.commit().await?;
        self.outbox.wake();
        Pending::forget(session).await?;
        tracing::info!(user = person.id, "joined through a provider");
        self.admit_identity(session, client, &person, &pending.identity, now)
            .await
    }
}

/// The new person and their link, in the caller's transaction.
async fn insert_person(
    txn: &DatabaseTransaction,
    provider: &identity_provider::Model,
    identity: &ExternalIdentity,
    language: Lang,
    now: DateTime<Utc>,
) -> Result<user::Model, DbErr> {
    let (first_name, last_name) = identity.names();
    let kind = match is_company(provider) {
        true => UserKind::Contact,
        false => UserKind::Consumer,
    };
    let address = identity.address().unwrap_or_default();
    let person = user::ActiveModel {
        kind: Set(kind),
        email: Set(identity.email.clone().unwrap_or_default().trim().to_owned()),
        email_normalized: Set(address),
        first_name: Set(first_name),
        last_name: Set(last_name),
        password_hash: Set(NO_PASSWORD.to_owned()),
        status: Set(UserStatus::Active),
        created_at: Set(now),
        updated_at: Set(now),
        verified_at: Set(Some(now)),
        last_login_at: Set(None),
        account_id: Set(provider.account_id.filter(|_| kind == UserKind::Contact)),
        role: Set(UserRole::Member),
        preferred_language: Set(Some(language.tag().to_owned())),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    insert_link(txn, person.id, identity, now).await?;
    Ok(person)
}

/// The link between a person and their identity at a provider.
pub(super) async fn insert_link(
    txn: &DatabaseTransaction,
    user_id: i32,
    identity: &ExternalIdentity,
    now: DateTime<Utc>,
) -> Result<external_identity::Model, DbErr> {
    external_identity::ActiveModel {
        user_id: Set(user_id),
        provider_id: Set(identity.provider_id),
        issuer: Set(identity.issuer.clone()),
        subject: Set(identity.subject.clone()),
        email: Set(identity.email.clone().unwrap_or_default()),
        linked_at: Set(now),
        last_sign_in_at: Set(Some(now)),
        ..Default::default()
    }
    .insert(txn)
    .await
}

/// Their agreement, the audit records and the webhook event.
async fn record_joined(
    txn: &DatabaseTransaction,
    person: &user::Model,
    identity: &ExternalIdentity,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    record_consents(txn, person.id, &AGREED_AT_REGISTRATION, now).await?;
    let portal = person.kind.portal();
    Audit::by_self(person.id)
        .account(person.account_id)
        .detail_in_words(
            "audit-detail-registered-in",
            &[("portal", portal.segment().to_owned())],
        )
        .record(txn, AuditAction::Registered, now)
        .await?;
    Audit::by_self(person.id)
        .account(person.account_id)
        .detail_in_words(
            "audit-detail-identity",
            &[("issuer", identity.issuer.clone())],
        )
        .record(txn, AuditAction::IdentityLinked, now)
        .await?;
    webhooks::record_event(
        txn,
        Event::UserRegistered,
        Some(&person.email_normalized),
        webhooks::person(person),
        now,
    )
    .await
}
