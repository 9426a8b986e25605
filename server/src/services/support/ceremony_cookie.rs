//! The state of "Log in with a passkey" between its two requests. Anyone may start one,
//! without a session: kept in the session store, each start stored a row for 14 days, so
//! a script could fill the store. The state travels in a cookie instead:
//!
//! - sealed with AES-256-GCM (encrypted and authenticated, the cookie's name as associated
//!   data) under a key derived from the CAPTCHA key, which every instance reads from the
//!   database: any instance opens what another sealed, and nobody else can make or read one;
//! - good for [`LIFETIME`], and sent back by the browser only to the finishing endpoint;
//! - single use: the finish records the sealed bytes' SHA-256 in `ceremonies_spent` (a
//!   primary key, like `captcha_spent`) before it checks the answer, so the same cookie
//!   and answer replayed are refused. webauthn-rs cannot refuse that itself: its state
//!   holds the challenge, not whether it was answered, and many passkeys do not count
//!   their uses.
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tower_sessions::cookie::{time, Cookie, SameSite};

use crate::db::entities::ceremony_spent;
use crate::db::is_unique_violation;

/// The cookie's name.
pub const COOKIE: &str = "portico_passkey_log_in";
/// The only path the browser sends it to (the server function that finishes a log-in).
pub const PATH: &str = "/api/passkey_log_in_finish";
/// How long a started log-in may wait for the passkey's answer.
pub const LIFETIME: Duration = Duration::minutes(5);

const NONCE_BYTES: usize = 12;
type CookieNonce = aes_gcm::aead::Nonce<Aes256Gcm>;

/// Seals and opens ceremony states.
#[derive(Clone)]
pub struct CeremonyCookies {
    cipher: Aes256Gcm,
}

/// What a cookie carries inside its seal.
#[derive(Serialize, Deserialize)]
struct Sealed<T> {
    expires: i64,
    state: T,
}

/// A state that came back sealed by this site and not expired.
pub struct Opened<T> {
    pub state: T,
    pub expires: DateTime<Utc>,
    /// The SHA-256 of the sealed bytes (hex): what is recorded as spent.
    pub id: String,
}

impl CeremonyCookies {
    pub fn new(key: [u8; 32]) -> Self {
        Self {
            cipher: Aes256Gcm::new(&Key::<Aes256Gcm>::from(key)),
        }
    }

    /// The state, sealed for the cookie (base64url of nonce ‖ ciphertext ‖ tag). None only
    /// if it cannot be written as JSON.
    pub fn seal<T: Serialize>(&self, state: &T, now: DateTime<Utc>) -> Option<String> {
        let expires = (now + LIFETIME).timestamp();
        let plain = serde_json::to_vec(&Sealed { expires, state }).ok()?;
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let payload = Payload {
            msg: &plain,
            aad: COOKIE.as_bytes(),
        };
        let sealed = self
            .cipher
            .encrypt(&CookieNonce::from(nonce), payload)
            .ok()?;
        Some(URL_SAFE_NO_PAD.encode([&nonce[..], &sealed].concat()))
    }

    /// What a cookie's value sealed, if this site sealed it and it has not expired.
    pub fn open<T: DeserializeOwned>(&self, value: &str, now: DateTime<Utc>) -> Option<Opened<T>> {
        let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
        if bytes.len() < NONCE_BYTES {
            return None;
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: sealed,
            aad: COOKIE.as_bytes(),
        };
        let plain = self
            .cipher
            .decrypt(&CookieNonce::try_from(nonce).ok()?, payload)
            .ok()?;
        let opened: Sealed<T> = serde_json::from_slice(&plain).ok()?;
        let expires = DateTime::from_timestamp(opened.expires, 0)?;
        (expires > now).then(|| Opened {
            state: opened.state,
            expires,
            id: hex::encode(Sha256::digest(&bytes)),
        })
    }
}

/// Records that a state came back: true the first time, false ever after.
pub async fn spend<C: ConnectionTrait, T>(db: &C, opened: &Opened<T>) -> Result<bool, DbErr> {
    let spent = ceremony_spent::ActiveModel {
        id: Set(opened.id.clone()),
        expires_at: Set(opened.expires),
    }
    .insert(db)
    .await;
    match spent {
        Ok(_) => Ok(true),
        Err(error) if is_unique_violation(&error) => Ok(false),
        Err(error) => Err(error),
    }
}

/// The `Set-Cookie` value that gives the browser a sealed state.
pub fn set_cookie(sealed: String, secure: bool) -> String {
    cookie(
        sealed,
        secure,
        time::Duration::seconds(LIFETIME.num_seconds()),
    )
    .to_string()
}

/// The `Set-Cookie` value that makes the browser forget it.
pub fn removal(secure: bool) -> String {
    cookie(String::new(), secure, time::Duration::ZERO).to_string()
}

fn cookie(value: String, secure: bool, max_age: time::Duration) -> Cookie<'static> {
    Cookie::build((COOKIE, value))
        .path(PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(max_age)
        .build()
}

/// The sealed state among a request's `Cookie` headers, if any.
pub fn received(headers: &axum::http::HeaderMap) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .into_iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_state_opens_once_sealed_by_the_same_key_and_not_after_it_expires() {
        let now = Utc::now();
        let sealer = CeremonyCookies::new([1; 32]);
        let sealed = sealer.seal(&"the state", now).unwrap();
        assert!(!sealed.contains("the state"), "the state is encrypted");
        let opened = sealer.open::<String>(&sealed, now).unwrap();
        assert_eq!(opened.state, "the state");
        assert_eq!(opened.id.len(), 64);
        // Another instance with the same key opens it; another key does not.
        assert!(CeremonyCookies::new([1; 32])
            .open::<String>(&sealed, now)
            .is_some());
        assert!(CeremonyCookies::new([2; 32])
            .open::<String>(&sealed, now)
            .is_none());
        assert!(sealer
            .open::<String>(&sealed, now + LIFETIME + Duration::seconds(1))
            .is_none());
        // Sealing the same state twice gives two different cookies (a fresh nonce).
        assert_ne!(sealer.seal(&"the state", now).unwrap(), sealed);
    }

    #[test]
    fn an_altered_or_malformed_cookie_opens_to_nothing() {
        let now = Utc::now();
        let sealer = CeremonyCookies::new([1; 32]);
        let sealed = sealer.seal(&"the state", now).unwrap();
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let altered = URL_SAFE_NO_PAD.encode(bytes);
        for value in [altered.as_str(), "", "AAAA", "not base64!"] {
            assert!(sealer.open::<String>(value, now).is_none(), "{value:?}");
        }
    }

    #[test]
    fn the_cookie_goes_only_to_the_finishing_endpoint_for_five_minutes() {
        let set = set_cookie("abc".into(), true);
        for part in [
            "portico_passkey_log_in=abc",
            "Path=/api/passkey_log_in_finish",
            "HttpOnly",
            "Secure",
            "SameSite=Strict",
            "Max-Age=300",
        ] {
            assert!(set.contains(part), "{set} has {part}");
        }
        assert!(removal(false).contains("Max-Age=0"));
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            axum::http::header::COOKIE,
            "lang=de; portico_passkey_log_in=abc".parse().unwrap(),
        );
        assert_eq!(received(&headers).as_deref(), Some("abc"));
    }
}
