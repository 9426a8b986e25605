//! A provider's signing keys (its JWKS), cached in memory per provider. A token naming a
//! key we do not have makes us fetch the set again — the provider may have rotated its
//! keys since — but at most once per [`UNKNOWN_KEY_COOLDOWN`], so that tokens with made-up
//! `kid`s cannot make us fetch on every request. Otherwise the set is fetched again after
//! [`REFRESH_AFTER`]; when that fails, the keys we have serve on and the next attempt
//! waits [`RETRY_AFTER`] (a provider that is down must not cost every sign-in a timeout).
use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::CoreJsonWebKeySet;
use openidconnect::{JsonWebKeySet, JsonWebKeySetUrl};
use tokio::sync::{Mutex, RwLock};

use super::discovery::from_discovery_error;
use super::http_client::ProviderHttp;
use super::{RpError, TokenProblem};

/// How long a fetched key set is used before it is fetched again.
pub const REFRESH_AFTER: Duration = Duration::from_secs(60 * 60);
/// The least time between two fetches caused by unknown keys.
pub const UNKNOWN_KEY_COOLDOWN: Duration = Duration::from_secs(30);
/// After a failed hourly fetch, how long until the next attempt.
pub const RETRY_AFTER: Duration = Duration::from_secs(30);

/// The cached keys of one provider.
pub struct ProviderKeys {
    jwks_uri: JsonWebKeySetUrl,
    state: RwLock<KeyState>,
    /// One fetch at a time: concurrent tokens with a new `kid` share one fetch.
    fetching: Mutex<()>,
}

#[derive(Clone)]
struct KeyState {
    keys: Arc<CoreJsonWebKeySet>,
    refresh_at: Instant,
    unknown_key_fetch_at: Instant,
}

impl KeyState {
    fn fetched(keys: CoreJsonWebKeySet, now: Instant) -> Self {
        KeyState {
            keys: Arc::new(keys),
            refresh_at: now + REFRESH_AFTER,
            unknown_key_fetch_at: now,
        }
    }

    fn due(&self, now: Instant) -> bool {
        now >= self.refresh_at
    }

    fn may_fetch_for_unknown_key(&self, now: Instant) -> bool {
        now >= self.unknown_key_fetch_at
    }

    /// The state after a fetch at `now` for an unknown key.
    fn refetched(&self, keys: CoreJsonWebKeySet, now: Instant) -> Self {
        KeyState {
            unknown_key_fetch_at: now + UNKNOWN_KEY_COOLDOWN,
            ..KeyState::fetched(keys, now)
        }
    }
}

impl ProviderKeys {
    /// The keys at `jwks_uri`, as just fetched (by discovery).
    pub fn new(jwks_uri: JsonWebKeySetUrl, keys: CoreJsonWebKeySet) -> Self {
        ProviderKeys {
            jwks_uri,
            state: RwLock::new(KeyState::fetched(keys, Instant::now())),
            fetching: Mutex::new(()),
        }
    }

    /// `verify` run with the keys; when it finds the token's key unknown, run once more
    /// with the keys fetched again (if the cooldown allows). Its problems become errors
    /// through `wrap` (an ID token's or a logout token's).
    pub async fn verify<T>(
        &self,
        http: &ProviderHttp,
        wrap: fn(TokenProblem) -> RpError,
        verify: impl Fn(&CoreJsonWebKeySet) -> Result<T, TokenProblem>,
    ) -> Result<T, RpError> {
        let keys = self.current(http).await;
        match verify(&keys) {
            Err(TokenProblem::UnknownKey) => match self.fetched_for_unknown_key(http, &keys).await?
            {
                Some(fresh) => verify(&fresh).map_err(wrap),
                None => Err(wrap(TokenProblem::UnknownKey)),
            },
            verified => verified.map_err(wrap),
        }
    }

    /// The keys to verify with, fetched again first when they are due.
    async fn current(&self, http: &ProviderHttp) -> Arc<CoreJsonWebKeySet> {
        let state = self.state.read().await.clone();
        if !state.due(Instant::now()) {
            return state.keys;
        }
        let _one_fetch = self.fetching.lock().await;
        let state = self.state.read().await.clone();
        let now = Instant::now();
        if !state.due(now) {
            return state.keys; // fetched while we waited
        }
        match self.fetch(http).await {
            Ok(keys) => {
                let fresh = KeyState {
                    unknown_key_fetch_at: state.unknown_key_fetch_at,
                    ..KeyState::fetched(keys, now)
                };
                let keys = fresh.keys.clone();
                *self.state.write().await = fresh;
                keys
            }
            Err(error) => {
                tracing::warn!(%error, jwks_uri = %self.jwks_uri.as_str(),
                    "a provider's keys could not be fetched again; the cached ones serve on");
                self.state.write().await.refresh_at = now + RETRY_AFTER;
                state.keys
            }
        }
    }

    /// The keys fetched again because a token named a key not in `seen`: `None` when the
    /// last such fetch was under [`UNKNOWN_KEY_COOLDOWN`] ago.
    async fn fetched_for_unknown_key(
        &self,
        http: &ProviderHttp,
        seen: &Arc<CoreJsonWebKeySet>,
    ) -> Result<Option<Arc<CoreJsonWebKeySet>>, RpError> {
        let _one_fetch = self.fetching.lock().await;
        let state = self.state.read().await.clone();
        if !Arc::ptr_eq(&state.keys, seen) {
            return Ok(Some(state.keys)); // fetched while we waited
        }
        let now = Instant::now();
        if !state.may_fetch_for_unknown_key(now) {
            return Ok(None);
        }
        // The cooldown starts whether the fetch works or not.
        self.state.write().await.unknown_key_fetch_at = now + UNKNOWN_KEY_COOLDOWN;
        let fresh = state.refetched(self.fetch(http).await?, now);
        let keys = fresh.keys.clone();
        *self.state.write().await = fresh;
        Ok(Some(keys))
    }

    async fn fetch(&self, http: &ProviderHttp) -> Result<CoreJsonWebKeySet, RpError> {
        JsonWebKeySet::fetch_async(&self.jwks_uri, http)
            .await
            .map_err(from_discovery_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_due_again_after_an_hour() {
        let start = Instant::now();
        let state = KeyState::fetched(CoreJsonWebKeySet::default(), start);
        assert!(!state.due(start + REFRESH_AFTER - Duration::from_secs(1)));
        assert!(state.due(start + REFRESH_AFTER));
    }

    #[test]
    fn an_unknown_key_fetches_at_once_then_not_again_for_thirty_seconds() {
        let start = Instant::now();
        let state = KeyState::fetched(CoreJsonWebKeySet::default(), start);
        assert!(state.may_fetch_for_unknown_key(start));
        let after = state.refetched(CoreJsonWebKeySet::default(), start);
        assert!(!after.may_fetch_for_unknown_key(start + Duration::from_secs(29)));
        assert!(after.may_fetch_for_unknown_key(start + UNKNOWN_KEY_COOLDOWN));
        assert!(!after.due(start + Duration::from_secs(59 * 60)));
    }
}
