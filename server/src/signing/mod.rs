//! The keys that sign ID tokens and logout tokens: one current key per algorithm — RS256
//! (OpenID Connect's required algorithm), ES256 and EdDSA — signing with ring, kept in the
//! database (`store`) so that every instance signs with the same ones, and cached per
//! instance (`ring::KeyCache`). openidconnect builds the messages (`claims`, the JWKS);
//! `Signer` is its `PrivateSigningKey`. See `store` for rotation.
pub mod claims;
pub mod command;
pub mod cost;
pub mod generate;
pub mod jws;
pub mod key_ring;
pub mod signer;
pub mod store;

pub use claims::{id_token, CompanyClaim, PorticoClaims, PorticoIdToken, PorticoIdTokenClaims};
pub use key_ring::{KeyCache, KeyRing};
pub use signer::Signer;

use chrono::Duration;
use openidconnect::core::CoreJwsSigningAlgorithm;

/// How long an ID token is good for (the plan's 10 minutes).
pub const ID_TOKEN_LIFETIME: Duration = Duration::minutes(10);
/// How long a logout token is good for (Back-Channel Logout; oidc-provider's 120 s). Each
/// delivery attempt signs a new one.
pub const LOGOUT_TOKEN_LIFETIME: Duration = Duration::minutes(2);
/// The longest any token signed by a key lives.
pub const LONGEST_TOKEN_LIFETIME: Duration = ID_TOKEN_LIFETIME;

/// The algorithms we sign with, each with a current key of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Algorithm {
    Rs256,
    Es256,
    EdDsa,
}

impl Algorithm {
    pub const ALL: [Algorithm; 3] = [Algorithm::Rs256, Algorithm::Es256, Algorithm::EdDsa];

    /// The name in a JWS header, in discovery and in the database.
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Rs256 => "RS256",
            Algorithm::Es256 => "ES256",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    /// The algorithm of a name, exactly as JWS writes it (case matters there).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }

    /// openidconnect's name for it.
    pub fn jws(self) -> CoreJwsSigningAlgorithm {
        match self {
            Algorithm::Rs256 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            Algorithm::Es256 => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            Algorithm::EdDsa => CoreJwsSigningAlgorithm::EdDsa,
        }
    }
}

/// Why a key could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key could not be generated")]
    Generation,
    #[error("the stored key is not a readable key of its algorithm")]
    Unreadable,
    #[error("the key could not sign")]
    Signing,
    #[error("no current key signs with {0}")]
    UnknownAlgorithm(String),
}

/// A key id: 16 random bytes, base64url.
fn new_kid() -> String {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn algorithm_names_are_read_back_exactly_and_nothing_else() {
        for alg in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
        }
        for other in ["rs256", "none", "HS256", "", "EDDSA"] {
            assert_eq!(Algorithm::from_name(other), None);
        }
    }
}
