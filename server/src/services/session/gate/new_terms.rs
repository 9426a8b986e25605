//! A step of the gate: new versions of the privacy policy and the terms. Someone who
//! agreed to an older one is not logged in yet: the session remembers them (and where
//! they were going) until they answer on the terms page (`lifecycle::terms`).
use app::policies::{Policy, AGREED_AT_REGISTRATION};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::consent;
use crate::db::entities::user;
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::pending::PendingTerms;
use crate::services::{Portico, ServiceError};

/// The current documents the person agreed to in an older version: each one whose
/// latest consent is for another version. (People an operator created, who never agreed
/// to anything, are not asked: the documents are what registering agrees to.)
pub async fn outdated_policies<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Vec<Policy>, DbErr> {
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(user_id))
        .order_by_asc(consent::Column::AgreedAt)
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?;
    Ok(AGREED_AT_REGISTRATION
        .into_iter()
        .filter(|policy| {
            consents
                .iter()
                .rev()
                .find(|c| c.document == policy.document)
                .is_some_and(|latest| latest.version != policy.version)
        })
        .collect())
}

impl Portico {
    /// Where someone goes first if they must agree to new terms before they are logged
    /// in; the session remembers them (and where they were going) meanwhile.
    pub(in crate::services::session::gate) async fn terms_first(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        factors: FactorsUsed,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, ServiceError> {
        if outdated_policies(&self.db, person.id).await?.is_empty() {
            keys::TERMS_PENDING.take(session).await?;
            return Ok(None);
        }
        // As at every log-in, a fresh session id.
        session.cycle_id().await?;
        keys::TERMS_PENDING
            .put(
                session,
                &PendingTerms {
                    user_id: person.id,
                    next,
                    since: now.timestamp(),
                    credential_version: person.credential_version,
                    factors,
                },
            )
            .await?;
        Ok(Some(person.kind.portal().path("/accept-terms")))
    }
}
