//! STAND-IN until KEYS's `signing::jws` lands on main: the lead swaps these two functions
//! for `signing::jws::compact` and `signing::jws::verify_own` at merge. Only what this
//! area needs: RS256 compact JWS with the current key, and verifying a token we signed.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use ring::signature::{RsaPublicKeyComponents, RSA_PKCS1_2048_8192_SHA256};
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use crate::signing::store::{current_key, published_keys, StoreError};
use crate::signing::{KeyError, RS256};

/// A compact JWS of `claims` with header `typ`, signed by the current key with `alg`.
pub async fn compact(
    db: &DatabaseConnection,
    typ: &str,
    claims: &Value,
    alg: &str,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    // Every key here is RS256 (`signing`): another algorithm cannot be honoured.
    if alg != RS256 {
        return Err(KeyError::Signing.into());
    }
    let key = current_key(db, now).await?;
    let header = json!({ "alg": alg, "typ": typ, "kid": key.kid });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = key.sign(input.as_bytes())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// The claims of `token` when one of our published keys signed it and `issuer` issued
/// it. Expiry is not checked: an `id_token_hint` may be an expired ID token.
pub async fn verify_own(
    db: &DatabaseConnection,
    token: &str,
    issuer: &str,
    now: DateTime<Utc>,
) -> Option<Value> {
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    if header["alg"] != RS256 {
        return None;
    }
    let kid = header["kid"].as_str()?;
    let keys = published_keys(db, now).await.ok()?;
    let jwk = keys.iter().find(|k| k.kid == kid)?.public_jwk();
    let part = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str()?).ok();
    let public = RsaPublicKeyComponents {
        n: part("n")?,
        e: part("e")?,
    };
    // The signed input is everything before the last dot.
    let signed = &token[..token.rfind('.')?];
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    public
        .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &signature)
        .ok()?;
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    (claims["iss"] == issuer).then_some(claims)
}
