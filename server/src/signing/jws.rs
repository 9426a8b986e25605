//! Compact JWS written and read by hand, for what openidconnect cannot do: its JWT writer
//! is private and always leaves the header's `typ` out, which a logout token must carry
//! (`logout+jwt`); and its verifier checks expiry, which an `id_token_hint` must not
//! (RP-Initiated Logout accepts an expired hint).
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::{KeyError, KeyRing};

/// The longest token `verify_own` reads: ours are well under 2 KB.
const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// `claims` signed by the current key of `alg`, with `typ` in the header
/// (`logout+jwt` for a logout token).
pub fn compact(ring: &KeyRing, typ: &str, claims: &Value, alg: &str) -> Result<String, KeyError> {
    let signer = ring
        .signer(alg)
        .ok_or_else(|| KeyError::UnknownAlgorithm(alg.to_owned()))?;
    let header = json!({ "alg": signer.algorithm().name(), "typ": typ, "kid": signer.kid() });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = signer.sign_bytes(input.as_bytes())?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

/// The claims of a token we signed: a published key of ours by its `kid`, the algorithm
/// that key signs with, a valid signature, and `iss` equal to `issuer`. Expiry is not
/// checked (see the module). Anything else, malformed input included, is `None`.
pub fn verify_own(ring: &KeyRing, token: &str, issuer: &str) -> Option<Value> {
    if token.len() > MAX_TOKEN_BYTES {
        return None;
    }
    let mut parts = token.split('.');
    let (header, payload, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).ok()?).ok()?;
    let signer = ring.by_kid(header.get("kid")?.as_str()?)?;
    if header.get("alg")?.as_str()? != signer.algorithm().name() {
        return None;
    }
    let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
    let signed = &token[..token.rfind('.')?];
    if !signer.verifies(signed.as_bytes(), &signature) {
        return None;
    }
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
    (claims.get("iss")?.as_str()? == issuer).then_some(claims)
}
