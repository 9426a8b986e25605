//! The ID token: the person's claims for the granted scopes, with the token's own fields,
//! signed as a compact JWS.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::db::entities::oidc_grant;
use crate::signing::claims::{id_token, PorticoIdTokenClaims};
use crate::signing::store::StoreError;
use crate::signing::{KeyCache, KeyError};

pub const ID_TOKEN_LIFETIME: Duration = Duration::minutes(10);

/// What goes into one ID token besides the person's claims.
pub struct IdTokenFields<'a> {
    pub issuer: &'a str,
    pub grant: &'a oidc_grant::Model,
    /// The nonce of the authorization: only in the token of the code exchange (OpenID
    /// Connect Core §12.2: a refreshed ID token should not carry it).
    pub with_nonce: bool,
    pub access_token: &'a str,
    pub now: DateTime<Utc>,
}

/// The ID token's claims: `person` (from `claims::person_claims`, `sub` included) and
/// the token's fields.
pub fn id_token_claims(fields: IdTokenFields, person: Map<String, Value>) -> Value {
    let grant = fields.grant;
    let mut claims = Map::new();
    claims.insert("iss".into(), fields.issuer.into());
    claims.insert("aud".into(), grant.client_id.clone().into());
    claims.insert("azp".into(), grant.client_id.clone().into());
    claims.insert("iat".into(), fields.now.timestamp().into());
    let expires = fields.now + ID_TOKEN_LIFETIME;
    claims.insert("exp".into(), expires.timestamp().into());
    claims.insert("auth_time".into(), grant.auth_time.timestamp().into());
    if let (true, Some(nonce)) = (fields.with_nonce, &grant.nonce) {
        claims.insert("nonce".into(), nonce.clone().into());
    }
    let amr: Vec<&str> = grant.amr.split_whitespace().collect();
    if !amr.is_empty() {
        claims.insert("amr".into(), json!(amr));
    }
    if let Some(sid) = &grant.sid {
        claims.insert("sid".into(), sid.clone().into());
    }
    claims.insert("at_hash".into(), at_hash(fields.access_token).into());
    claims.extend(person);
    Value::Object(claims)
}

/// OpenID Connect Core §3.1.3.6: the left half of the access token's SHA-256, base64url.
fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// Signs `claims` with the current key of the app's algorithm (its
/// `id_token_signed_response_alg`). The claims go through openidconnect's typed ID token,
/// which checks their shape and signs with our `Signer`.
pub async fn sign(
    keys: &KeyCache,
    db: &DatabaseConnection,
    alg: &str,
    claims: &Value,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let ring = keys.ring(db, now).await?;
    let typed: PorticoIdTokenClaims = serde_json::from_value(claims.clone()).map_err(|error| {
        tracing::error!(%error, "an ID token's claims do not fit their type");
        KeyError::Signing
    })?;
    Ok(id_token(&ring, alg, typed)?)
}
