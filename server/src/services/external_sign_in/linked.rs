//! A person's linked sign-ins: the profile lists them and the person unlinks one (never
//! their last way in); an administrator sees them on the person's page and unlinks one.
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use super::joining::NO_PASSWORD;
use crate::db::entities::{external_identity, identity_provider, passkey, user};
use crate::db::hold_row;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};

/// One linked sign-in, as the profile and the person's page show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkedSignIn {
    /// What unlinking names.
    pub id: i32,
    /// The provider's name.
    pub provider: String,
    /// The address the provider gave at the last sign-in.
    pub email: String,
    pub linked_at: DateTime<Utc>,
    pub last_sign_in_at: Option<DateTime<Utc>>,
}

/// What unlinking did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnlinkOutcome {
    Unlinked,
    /// The person has no password, no passkey and no other link: it is their last way in.
    LastWayIn,
    /// No such link (of this person's); or it went meanwhile.
    NotFound,
    /// Not logged in, or not allowed (the refusal's message key).
    Refused(&'static str),
}

impl UnlinkOutcome {
    /// The message's key, for what is not done.
    pub fn message(self) -> Option<&'static str> {
        match self {
            UnlinkOutcome::Unlinked => None,
            UnlinkOutcome::LastWayIn => Some("service-sso-unlink-last-way-in"),
            UnlinkOutcome::NotFound => Some("service-sso-unlink-not-found"),
            UnlinkOutcome::Refused(message) => Some(message),
        }
    }
}

impl Portico {
    /// A person's linked sign-ins, oldest first.
    pub async fn linked_sign_ins_of(
        &self,
        user_id: i32,
    ) -> Result<Vec<LinkedSignIn>, ServiceError> {
        let links = external_identity::Entity::find()
            .filter(external_identity::Column::UserId.eq(user_id))
            .order_by_asc(external_identity::Column::LinkedAt)
            .find_also_related(identity_provider::Entity)
            .all(&self.db)
            .await?;
        Ok(links
            .into_iter()
            .map(|(link, provider)| LinkedSignIn {
                id: link.id,
                provider: provider.map(|p| p.name).unwrap_or_default(),
                email: link.email,
                linked_at: link.linked_at,
                last_sign_in_at: link.last_sign_in_at,
            })
            .collect())
    }

    /// The logged-in person unlinks one of their sign-ins, unless it is their last way in.
    pub async fn unlink_own_sign_in_at(
        &self,
        session: &Session,
        link_id: i32,
        now: DateTime<Utc>,
    ) -> Result<UnlinkOutcome, ServiceError> {
        let person = match self.caller(session).await?.person() {
            Ok(person) => person,
            Err(refusal) => return Ok(UnlinkOutcome::Refused(refusal.message())),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        // Held first: two unlinks at once must not both see the other link.
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let Some(link) = link_of(&txn, link_id, Some(person.id)).await? else {
            return Ok(UnlinkOutcome::NotFound);
        };
        if !has_other_way_in(&txn, &person, link.id).await? {
            return Ok(UnlinkOutcome::LastWayIn);
        }
        unlink(&txn, &link, person.id, now).await?;
        txn.commit().await?;
        Ok(UnlinkOutcome::Unlinked)
    }

    /// An administrator unlinks a person's identity (the person can still reset a
    /// password by email, or sign in through the provider again and prove the account).
    pub async fn unlink_identity_as_administrator_at(
        &self,
        session: &Session,
        link_id: i32,
        now: DateTime<Utc>,
    ) -> Result<UnlinkOutcome, ServiceError> {
        let administrator = match self.caller(session).await?.administrator() {
            Ok(administrator) => administrator,
            Err(refusal) => return Ok(UnlinkOutcome::Refused(refusal.message())),
        };
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(link) = link_of(&txn, link_id, None).await? else {
            return Ok(UnlinkOutcome::NotFound);
        };
        unlink(&txn, &link, administrator.id, now).await?;
        txn.commit().await?;
        Ok(UnlinkOutcome::Unlinked)
    }
}

/// The link `id`, if it is `owner`'s (anyone's when none is named).
async fn link_of(
    txn: &DatabaseTransaction,
    id: i32,
    owner: Option<i32>,
) -> Result<Option<external_identity::Model>, ServiceError> {
    let found = external_identity::Entity::find_by_id(id).one(txn).await?;
    Ok(found.filter(|l| owner.is_none_or(|owner| l.user_id == owner)))
}

/// Whether the person could still log in without the link `but`: a password, a
/// passkey or another link.
async fn has_other_way_in(
    txn: &DatabaseTransaction,
    person: &user::Model,
    but: i32,
) -> Result<bool, ServiceError> {
    if person.password_hash != NO_PASSWORD {
        return Ok(true);
    }
    let passkeys = passkey::Entity::find()
        .filter(passkey::Column::UserId.eq(person.id))
        .count(txn)
        .await?;
    let other_links = external_identity::Entity::find()
        .filter(external_identity::Column::UserId.eq(person.id))
        .filter(external_identity::Column::Id.ne(but))
        .count(txn)
        .await?;
    Ok(passkeys + other_links > 0)
}

/// Deletes the link, with its audit record by `by`.
async fn unlink(
    txn: &DatabaseTransaction,
    link: &external_identity::Model,
    by: i32,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    external_identity::Entity::delete_by_id(link.id)
        .exec(txn)
        .await?;
    let person = user::Entity::find_by_id(link.user_id).one(txn).await?;
    Audit {
        actor: Some(by),
        subject: Some(link.user_id),
        account: person.and_then(|p| p.account_id),
        detail: None,
    }
    .detail_in_words("audit-detail-identity", &[("issuer", link.issuer.clone())])
    .record(txn, AuditAction::IdentityUnlinked, now)
    .await?;
    Ok(())
}
