//! Checking a logout token a provider posts to `/sso/backchannel-logout/{provider}`
//! (OpenID Connect Back-Channel Logout 1.0, §2.4 and the steps of §2.6). openidconnect
//! reads only ID tokens, and a logout token is not one (no `nonce`, maybe no `sub`), so the
//! compact JWS is read here; the signature is still openidconnect's (`JsonWebKey::
//! verify_signature`) with a key of the provider's JWKS, and the algorithm one of
//! [`ACCEPTED_ALGORITHMS`].
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use openidconnect::core::{CoreJsonWebKey, CoreJsonWebKeySet, CoreJwsSigningAlgorithm};
use openidconnect::{JsonWebKey, JsonWebKeyAlgorithm, JsonWebKeyUse, JwsSigningAlgorithm};
use serde_json::{Map, Value};

use super::{TokenProblem, ACCEPTED_ALGORITHMS, CLOCK_SKEW};
use crate::backchannel::{LOGOUT_EVENT, LOGOUT_TOKEN_TYPE};

/// The longest logout token read: they are well under 2 KB.
const MAX_TOKEN_BYTES: usize = 16 * 1024;

/// What a checked logout token ends: the provider's session `sid`, or every session of
/// the person `subject`, or (both named) that session of that person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoutToken {
    pub subject: Option<String>,
    pub sid: Option<String>,
    /// The token's id, for a caller that refuses a token seen before.
    pub jti: String,
    pub expires_at: DateTime<Utc>,
}

/// What the token must match.
pub(super) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub now: DateTime<Utc>,
}

/// `token`, checked against `keys` and `expected`.
pub(super) fn verify(
    token: &str,
    keys: &CoreJsonWebKeySet,
    expected: &Expected<'_>,
) -> Result<LogoutToken, TokenProblem> {
    let jws = Jws::parse(token)?;
    let claims = jws.verified(keys)?;
    check_claims(&claims, expected)
}

/// A compact JWS, decoded but not yet verified.
struct Jws<'t> {
    signing_input: &'t str,
    header: Map<String, Value>,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

impl<'t> Jws<'t> {
    fn parse(token: &'t str) -> Result<Self, TokenProblem> {
        use TokenProblem::Malformed;
        if token.len() > MAX_TOKEN_BYTES {
            return Err(Malformed);
        }
        let (signing_input, signature) = token.rsplit_once('.').ok_or(Malformed)?;
        let (header, payload) = signing_input.split_once('.').ok_or(Malformed)?;
        let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| Malformed);
        Ok(Jws {
            signing_input,
            header: serde_json::from_slice(&decode(header)?).map_err(|_| Malformed)?,
            payload: decode(payload)?,
            signature: decode(signature)?,
        })
    }

    /// The claims, once the header is one we read and the signature is the provider's.
    fn verified(&self, keys: &CoreJsonWebKeySet) -> Result<Map<String, Value>, TokenProblem> {
        if self.header.contains_key("crit") {
            return Err(TokenProblem::Malformed); // no extension is understood here
        }
        if !self.header.get("typ").is_none_or(is_logout_type) {
            return Err(TokenProblem::Type);
        }
        let alg = self.algorithm()?;
        let kid = match self.header.get("kid") {
            None => None,
            Some(kid) => Some(kid.as_str().ok_or(TokenProblem::Malformed)?),
        };
        key(keys, kid, &alg)?
            .verify_signature(&alg, self.signing_input.as_bytes(), &self.signature)
            .map_err(|_| TokenProblem::Signature)?;
        serde_json::from_slice(&self.payload).map_err(|_| TokenProblem::Malformed)
    }

    fn algorithm(&self) -> Result<CoreJwsSigningAlgorithm, TokenProblem> {
        let alg = self.header.get("alg").ok_or(TokenProblem::Malformed)?;
        let alg: CoreJwsSigningAlgorithm =
            serde_json::from_value(alg.clone()).map_err(|_| TokenProblem::Algorithm)?;
        if ACCEPTED_ALGORITHMS.contains(&alg) {
            Ok(alg)
        } else {
            Err(TokenProblem::Algorithm)
        }
    }
}

/// `typ` as §2.4 writes it (`logout+jwt`, which a MIME type may prefix with
/// `application/`), or plain `JWT` from providers that predate it.
fn is_logout_type(typ: &Value) -> bool {
    let Some(typ) = typ.as_str() else {
        return false;
    };
    let typ = typ.to_ascii_lowercase();
    let typ = typ.strip_prefix("application/").unwrap_or(&typ);
    typ == LOGOUT_TOKEN_TYPE || typ == "jwt"
}

/// The one key of `keys` that can check an `alg` signature and has the id `kid` (any id
/// when the token names none).
fn key<'k>(
    keys: &'k CoreJsonWebKeySet,
    kid: Option<&str>,
    alg: &CoreJwsSigningAlgorithm,
) -> Result<&'k CoreJsonWebKey, TokenProblem> {
    let mut found = keys.keys().iter().filter(|key| {
        let named = kid.is_none_or(|kid| key.key_id().is_some_and(|id| id.as_str() == kid));
        named && signs_with(key, alg)
    });
    match (found.next(), found.next()) {
        (Some(key), None) => Ok(key),
        (None, _) => Err(TokenProblem::UnknownKey),
        (Some(_), Some(_)) => Err(TokenProblem::Signature), // which one is not said
    }
}

/// Whether `key` may check `alg` signatures: its use, its type and its own `alg`.
fn signs_with(key: &CoreJsonWebKey, alg: &CoreJwsSigningAlgorithm) -> bool {
    key.key_use()
        .is_none_or(|key_use| key_use.allows_signature())
        && alg.key_type().as_ref() == Some(key.key_type())
        && match key.signing_alg() {
            JsonWebKeyAlgorithm::Unspecified => true,
            JsonWebKeyAlgorithm::Algorithm(own) => own == alg,
            JsonWebKeyAlgorithm::Unsupported => false,
        }
}

/// §2.6 steps 3 to 5: the claims an ID token's would be checked by, then those of a
/// logout token.
fn check_claims(
    claims: &Map<String, Value>,
    expected: &Expected<'_>,
) -> Result<LogoutToken, TokenProblem> {
    let text = |name: &str| claims.get(name).and_then(Value::as_str);
    if text("iss") != Some(expected.issuer) {
        return Err(TokenProblem::Issuer);
    }
    if !only_audience(claims.get("aud"), expected.client_id) {
        return Err(TokenProblem::Audience);
    }
    let issued = time(claims.get("iat")).ok_or(TokenProblem::IssuedAt)?;
    if issued > expected.now + CLOCK_SKEW {
        return Err(TokenProblem::IssuedAt);
    }
    let expires_at = time(claims.get("exp")).ok_or(TokenProblem::Expired)?;
    if expires_at <= expected.now - CLOCK_SKEW {
        return Err(TokenProblem::Expired);
    }
    let jti = text("jti").filter(|jti| !jti.is_empty());
    let jti = jti.ok_or(TokenProblem::TokenId)?.to_owned();
    let event = claims
        .get("events")
        .and_then(Value::as_object)
        .and_then(|events| events.get(LOGOUT_EVENT));
    if !event.is_some_and(Value::is_object) {
        return Err(TokenProblem::Events);
    }
    // A nonce would let an ID token pass for a logout token, or the reverse.
    if claims.contains_key("nonce") {
        return Err(TokenProblem::Nonce);
    }
    let (subject, sid) = (
        text("sub").map(str::to_owned),
        text("sid").map(str::to_owned),
    );
    if subject.is_none() && sid.is_none() {
        return Err(TokenProblem::Subject);
    }
    Ok(LogoutToken {
        subject,
        sid,
        jti,
        expires_at,
    })
}

/// Whether `aud` (a string or a list, RFC 7519 §4.1.3) names `client_id` and no one else,
/// as an ID token's must.
fn only_audience(aud: Option<&Value>, client_id: &str) -> bool {
    match aud {
        Some(Value::String(aud)) => aud == client_id,
        Some(Value::Array(list)) => {
            !list.is_empty() && list.iter().all(|aud| aud.as_str() == Some(client_id))
        }
        _ => false,
    }
}

/// A NumericDate (seconds since the epoch, possibly with a fraction).
fn time(value: Option<&Value>) -> Option<DateTime<Utc>> {
    let seconds = value?.as_f64()?;
    if !seconds.is_finite() {
        return None;
    }
    DateTime::from_timestamp(seconds.trunc() as i64, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_audience_is_this_client_alone() {
        assert!(only_audience(Some(&json!("c")), "c"));
        assert!(only_audience(Some(&json!(["c"])), "c"));
        assert!(!only_audience(Some(&json!(["c", "other"])), "c"));
        assert!(!only_audience(Some(&json!([])), "c"));
        assert!(!only_audience(Some(&json!("other")), "c"));
        assert!(!only_audience(None, "c"));
    }

    #[test]
    fn a_logout_token_type_is_read_in_any_case_with_or_without_its_mime_prefix() {
        for typ in ["logout+jwt", "application/logout+jwt", "Logout+JWT", "JWT"] {
            assert!(is_logout_type(&json!(typ)), "{typ}");
        }
        for typ in [json!("at+jwt"), json!("secevent+jwt"), json!(1)] {
            assert!(!is_logout_type(&typ), "{typ}");
        }
    }

    #[test]
    fn tokens_that_are_not_three_base64url_parts_are_malformed() {
        for token in [
            "",
            "a.b",
            "a.b.c",
            "e30.e30.!!",
            &"a".repeat(MAX_TOKEN_BYTES + 1),
        ] {
            assert!(
                matches!(Jws::parse(token), Err(TokenProblem::Malformed)),
                "{token:.20}"
            );
        }
        assert!(Jws::parse("e30.e30.").is_ok());
    }
}
