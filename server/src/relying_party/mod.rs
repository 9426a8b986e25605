//! Portico as an OpenID Connect relying party: companies' and consumers' sign-in through
//! their own provider. Protocol only — no database, no sessions, no pages; the sign-in
//! flow (`services/external_sign_in`) keeps the state, nonce and PKCE verifier that
//! [`Provider::begin`] hands it, and calls [`RelyingParty::redeem`] at the callback.
//!
//! Built on openidconnect's client side over [`crate::outbound`] (`http_client`): every
//! request to a provider goes to checked addresses only, follows no redirect, times out and
//! reads at most 256 KiB. What is checked, and where:
//! - discovery (`discovery`): the document's `issuer` equals the configured one byte for
//!   byte; the provider signs with an algorithm we accept and offers a client-secret method;
//! - ID tokens (`id_token`): issuer, audience (no other audience; `azp`, if present, is
//!   us), expiry and `iat` (one minute of clock skew), nonce, the algorithm (only
//!   [`ACCEPTED_ALGORITHMS`]: never `none`, never HS*), the signature by the provider's key;
//! - logout tokens (`logout_token`, Back-Channel Logout 1.0 §2.6): the same, plus the
//!   logout event, `jti`, `sub` or `sid`, and no `nonce`;
//! - keys (`keys`): the provider's JWKS, cached per provider, fetched again on an unknown
//!   `kid` (at most once per 30 s) and otherwise after an hour.
pub mod authorization;
pub mod discovery;
mod errors;
pub mod exchange;
pub mod http_client;
pub mod id_token;
pub mod keys;
pub mod logout_token;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use openidconnect::core::CoreJwsSigningAlgorithm;
use tokio::sync::RwLock;

pub use authorization::{AuthorizationRequest, Begun, Prompt};
pub use discovery::{Discovered, DiscoverySummary};
pub use errors::{RpError, TokenProblem};
pub use exchange::{Callback, ClientCredentials};
pub use http_client::ProviderHttp;
pub use id_token::VerifiedIdentity;
pub use keys::ProviderKeys;
pub use logout_token::LogoutToken;

use crate::outbound::{Outbound, OutboundPolicy};

/// The `User-Agent` of requests to providers.
pub const USER_AGENT: &str = "Portico-SignIn/1";

/// The algorithms a provider's ID tokens and logout tokens may be signed with. Never
/// `none`, and never HS*: Portico never hands a provider's client secret to the verifier
/// as an HMAC key, and refusing HS* outright is what closes "HS256 signed with the public
/// key" (a verifier that took the key it found for the `kid` as an HMAC secret).
pub const ACCEPTED_ALGORITHMS: [CoreJwsSigningAlgorithm; 9] = [
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
    CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    CoreJwsSigningAlgorithm::RsaSsaPssSha256,
    CoreJwsSigningAlgorithm::RsaSsaPssSha384,
    CoreJwsSigningAlgorithm::RsaSsaPssSha512,
    CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    CoreJwsSigningAlgorithm::EcdsaP384Sha384,
    CoreJwsSigningAlgorithm::EdDsa,
];

/// How far apart our clock and a provider's may be when `exp` and `iat` are checked.
pub const CLOCK_SKEW: chrono::Duration = chrono::Duration::seconds(60);

/// How long a provider's discovery document is used before it is read again.
pub const DISCOVERY_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// A provider as the relying party knows it: its discovery document and its keys.
pub struct Provider {
    discovered: Discovered,
    keys: ProviderKeys,
    discovered_at: Instant,
}

impl std::fmt::Debug for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("issuer", &self.issuer())
            .finish_non_exhaustive()
    }
}

impl Provider {
    fn new(discovered: Discovered) -> Self {
        let keys = ProviderKeys::new(discovered.jwks_uri().clone(), discovered.keys().clone());
        Provider {
            discovered,
            keys,
            discovered_at: Instant::now(),
        }
    }

    pub fn discovered(&self) -> &Discovered {
        &self.discovered
    }

    pub fn issuer(&self) -> &str {
        self.discovered.issuer()
    }

    /// What an administrator is shown of the provider.
    pub fn summary(&self) -> DiscoverySummary {
        self.discovered.summary()
    }

    /// A new authorization request: where to send the person, and what to keep for the
    /// callback (see [`authorization::begin`]).
    pub fn begin(&self, request: &AuthorizationRequest<'_>) -> Result<Begun, RpError> {
        authorization::begin(&self.discovered, request)
    }
}

/// The relying party's HTTP client and what it caches per provider (by issuer): the
/// discovery document for an hour, the keys as `keys` says. Cheap to clone; clones share
/// the caches.
#[derive(Clone)]
pub struct RelyingParty {
    http: ProviderHttp,
    providers: Arc<RwLock<HashMap<String, Arc<Provider>>>>,
}

impl RelyingParty {
    pub fn new(outbound: Outbound) -> Self {
        RelyingParty {
            http: ProviderHttp::new(outbound),
            providers: Arc::default(),
        }
    }

    /// A relying party whose requests keep to `policy` (`OUTBOUND_ALLOW_RANGES`).
    pub fn with_policy(policy: OutboundPolicy) -> Result<Self, RpError> {
        Ok(Self::new(Outbound::new(policy, USER_AGENT)?))
    }

    /// The provider at `issuer`, discovered now (the administrator's page, "Try
    /// sign-in"): the cached one, if any, is replaced.
    pub async fn discover(&self, issuer: &str) -> Result<Arc<Provider>, RpError> {
        let discovered = discovery::discover(&self.http, issuer).await?;
        let provider = Arc::new(Provider::new(discovered));
        self.providers
            .write()
            .await
            .insert(issuer.to_owned(), provider.clone());
        Ok(provider)
    }

    /// The provider at `issuer`, from the cache while its discovery is under an hour old.
    pub async fn provider(&self, issuer: &str) -> Result<Arc<Provider>, RpError> {
        if let Some(provider) = self.providers.read().await.get(issuer) {
            if provider.discovered_at.elapsed() < DISCOVERY_LIFETIME {
                return Ok(provider.clone());
            }
        }
        self.discover(issuer).await
    }

    /// Redeems the code the callback brought, and checks the ID token that comes back.
    pub async fn redeem(
        &self,
        provider: &Provider,
        client: &ClientCredentials<'_>,
        callback: &Callback<'_>,
    ) -> Result<VerifiedIdentity, RpError> {
        exchange::redeem(
            &self.http,
            &provider.discovered,
            &provider.keys,
            client,
            callback,
            Utc::now(),
        )
        .await
    }

    /// Checks a logout token the provider posted to its back-channel logout URI, for the
    /// client `client_id`.
    pub async fn verify_logout_token(
        &self,
        provider: &Provider,
        client_id: &str,
        token: &str,
    ) -> Result<LogoutToken, RpError> {
        let expected = logout_token::Expected {
            issuer: provider.issuer(),
            client_id,
            now: Utc::now(),
        };
        provider
            .keys
            .verify(&self.http, RpError::LogoutToken, |keys| {
                logout_token::verify(token, keys, &expected)
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn send<T: Send>(_: T) {}

    /// The flow's handlers are axum handlers: what they await must be `Send`. Compiling
    /// this is the test.
    #[allow(dead_code)]
    fn what_the_flow_awaits_is_send(
        rp: &RelyingParty,
        provider: &Provider,
        client: &ClientCredentials<'_>,
        callback: &Callback<'_>,
    ) {
        send(rp.discover("https://id.example"));
        send(rp.provider("https://id.example"));
        send(rp.redeem(provider, client, callback));
        send(rp.verify_logout_token(provider, "client", "token"));
    }
}
