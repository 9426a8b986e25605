//! Revocation (RFC 7009): an app gives back a token it holds. A refresh token takes its
//! whole grant with it (and so the grant's access tokens); an access token goes alone.
use chrono::{DateTime, Utc};
use sea_orm::{EntityTrait, ModelTrait};

use super::tokens::{revoke_grant, Refusal, TokenError};
use crate::db::entities::{oidc_access_token, oidc_grant, oidc_refresh_token};
use crate::services::support::app_clients::AppClient;
use crate::services::Portico;
use crate::tokens::{could_be_a_token, hash_token};

impl Portico {
    /// Ok for a token revoked and for one that is unknown (§2.2: the app cannot do more
    /// about it). A token of another client is refused and left alone: §2.1 has the server
    /// verify "whether the token was issued to the client making the revocation request"
    /// and refuse the request if not; RFC 6749 §5.2 names that refusal `invalid_grant`
    /// ("issued to another client").
    pub async fn revoke_token_at(
        &self,
        client: &AppClient,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<(), Refusal>, TokenError> {
        if !could_be_a_token(token) {
            return Ok(Ok(()));
        }
        let hash = hash_token(token);
        let txn = crate::db::begin_write(&self.db).await?;
        if let Some(refresh) = oidc_refresh_token::Entity::find_by_id(hash.clone())
            .one(&txn)
            .await?
        {
            let grant = oidc_grant::Entity::find_by_id(refresh.grant_id.clone())
                .one(&txn)
                .await?;
            if grant.is_some_and(|grant| grant.client_id != client.client_id) {
                return Ok(Err(not_yours()));
            }
            revoke_grant(&txn, &refresh.grant_id, now).await?;
        } else if let Some(access) = oidc_access_token::Entity::find_by_id(hash)
            .one(&txn)
            .await?
        {
            if access.client_id != client.client_id {
                return Ok(Err(not_yours()));
            }
            access.delete(&txn).await?;
        }
        txn.commit().await?;
        Ok(Ok(()))
    }
}

fn not_yours() -> Refusal {
    Refusal::InvalidGrant("the token was issued to another client")
}
