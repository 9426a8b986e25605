//! An authorization's grant and its code: the seam between the authorization endpoint,
//! which decides that a person signs in to an app, and the token endpoint, which hands out
//! what the code stands for. Everything stored is a hash.
use crate::db::entities::{oidc_code, oidc_grant};
use crate::tokens::Token;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

/// How long a code may wait for its exchange (the spec recommends at most ten minutes;
/// the exchange is a server-to-server call that follows at once).
pub const CODE_LIFETIME: Duration = Duration::seconds(60);

/// What a person granted an app in one authorization, as the code will carry it.
#[derive(Clone, Debug)]
pub struct GrantRequest {
    pub client_id: String,
    pub user_id: i32,
    /// The Portico login it came from, so that ending it ends the app's session too.
    pub login_id: Option<String>,
    pub sid: Option<String>,
    /// Space-separated, as granted (after consent).
    pub scope: String,
    pub nonce: Option<String>,
    pub auth_time: DateTime<Utc>,
    /// Space-separated RFC 8176 values.
    pub amr: String,
    /// Exactly as the authorization request sent it: the exchange must send it again.
    pub redirect_uri: String,
    /// The PKCE S256 challenge, if the request had one.
    pub code_challenge: Option<String>,
}

/// Writes the grant and its code; returns the code, which is not kept.
pub async fn issue_code<C: ConnectionTrait>(
    db: &C,
    request: GrantRequest,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let grant_id = Token::generate().as_str()[..22].to_owned();
    let code = Token::generate();
    oidc_grant::Entity::insert(oidc_grant::ActiveModel {
        id: Set(grant_id.clone()),
        client_id: Set(request.client_id.clone()),
        user_id: Set(request.user_id),
        login_id: Set(request.login_id),
        sid: Set(request.sid),
        scope: Set(request.scope),
        nonce: Set(request.nonce),
        auth_time: Set(request.auth_time),
        amr: Set(request.amr),
        created_at: Set(now),
        revoked_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    oidc_code::Entity::insert(oidc_code::ActiveModel {
        code_hash: Set(code.hash()),
        grant_id: Set(grant_id),
        client_id: Set(request.client_id),
        redirect_uri: Set(request.redirect_uri),
        code_challenge: Set(request.code_challenge),
        expires_at: Set(now + CODE_LIFETIME),
        used_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(code.as_str().to_owned())
}
