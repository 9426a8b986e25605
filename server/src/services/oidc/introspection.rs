//! Introspection (RFC 7662), for confidential clients: whether a token works now, and
//! what it stands for.
use chrono::{DateTime, Utc};
use sea_orm::{DbErr, EntityTrait};
use serde_json::{json, Value};

use super::claims::subject_of;
use super::tokens::standing_grant;
use super::userinfo::live_access_token;
use crate::db::entities::oidc_refresh_token;
use crate::services::support::app_clients::AppClient;
use crate::services::Portico;
use crate::tokens::{could_be_a_token, hash_token};

impl Portico {
    /// `{"active": false}` and nothing more for a token that is unknown, expired,
    /// revoked, whose person may no longer sign in, or that was issued to another client:
    /// an app learns nothing about other apps' tokens (§2.2 lets the server answer so
    /// to a caller that may not know about the token).
    pub async fn introspect_at(
        &self,
        client: &AppClient,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Value, DbErr> {
        let inactive = json!({ "active": false });
        if !could_be_a_token(token) {
            return Ok(inactive);
        }
        if let Some(live) = live_access_token(&self.db, token, now).await? {
            if live.client.client_id != client.client_id {
                return Ok(inactive);
            }
            let sub = subject_of(&self.db, &live.person).await?;
            let row = live.row;
            let mut answer = self.active(client, &row.scope, &sub, row.created_at, row.expires_at);
            // Access tokens only: RFC 7662 takes the types from RFC 6749 §5.1, which has
            // no name for a refresh token.
            answer["token_type"] = "Bearer".into();
            return Ok(answer);
        }
        let Some(refresh) = oidc_refresh_token::Entity::find_by_id(hash_token(token))
            .one(&self.db)
            .await?
        else {
            return Ok(inactive);
        };
        if refresh.used_at.is_some() || refresh.expires_at <= now {
            return Ok(inactive);
        }
        let Some((grant, person)) = standing_grant(&self.db, &refresh.grant_id, client).await?
        else {
            return Ok(inactive);
        };
        let sub = subject_of(&self.db, &person).await?;
        Ok(self.active(
            client,
            &grant.scope,
            &sub,
            refresh.created_at,
            refresh.expires_at,
        ))
    }

    fn active(
        &self,
        client: &AppClient,
        scope: &str,
        sub: &str,
        issued: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Value {
        json!({
            "active": true,
            "scope": scope,
            "client_id": client.client_id,
            "sub": sub,
            "iat": issued.timestamp(),
            "exp": expires.timestamp(),
            "iss": self.public_url,
            "aud": client.client_id,
        })
    }
}
