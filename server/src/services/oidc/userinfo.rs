//! Userinfo: the claims of an access token's scope, read now, so that a changed name or
//! a disabled person shows at once.
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use serde_json::{Map, Value};

use super::claims::person_claims;
use super::tokens::standing_grant;
use crate::db::entities::{oidc_access_token, user};
use crate::services::support::app_clients::{self, AppClient};
use crate::services::Portico;
use crate::tokens::{could_be_a_token, hash_token};

/// An access token that still works: its row, app and person.
pub(super) struct LiveAccessToken {
    pub row: oidc_access_token::Model,
    pub client: AppClient,
    pub person: user::Model,
}

/// The access token `presented`, if it has not expired, its grant stands and its person
/// may still sign in to its app.
pub(super) async fn live_access_token<C: ConnectionTrait>(
    db: &C,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<Option<LiveAccessToken>, DbErr> {
    if !could_be_a_token(presented) {
        return Ok(None);
    }
    let Some(row) = oidc_access_token::Entity::find_by_id(hash_token(presented))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if row.expires_at <= now {
        return Ok(None);
    }
    let Some(client) = app_clients::find(db, &row.client_id).await? else {
        return Ok(None);
    };
    let Some((_, person)) = standing_grant(db, &row.grant_id, &client).await? else {
        return Ok(None);
    };
    Ok(Some(LiveAccessToken {
        row,
        client,
        person,
    }))
}

impl Portico {
    /// The claims for `access_token`, or None when it does not work (any reason: the
    /// answer is the same 401).
    pub async fn userinfo_at(
        &self,
        access_token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Map<String, Value>>, DbErr> {
        let Some(live) = live_access_token(&self.db, access_token, now).await? else {
            return Ok(None);
        };
        Ok(Some(
            person_claims(&self.db, &live.person, &live.row.scope).await?,
        ))
    }
}
