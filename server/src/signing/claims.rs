//! What an ID token says beyond OpenID Connect's standard claims, and the ID token itself
//! (built and signed by openidconnect with our `Signer`).
use openidconnect::core::{
    CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
};
use openidconnect::{AdditionalClaims, IdToken, IdTokenClaims};
use serde::{Deserialize, Serialize};

use super::{Algorithm, KeyError, KeyRing};

/// Portico's own claims. Each is left out when absent: openidconnect's own
/// `skip_serializing_none` does not reach a flattened struct.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PorticoClaims {
    /// The Portico login's public id (Back-Channel Logout's `sid`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// `csm` or `csp` (scope `portico`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portal: Option<String>,
    /// A contact's company (scope `portico`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyClaim>,
    /// A contact's role: `contact` or `customer_admin` (scope `portico`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl AdditionalClaims for PorticoClaims {}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompanyClaim {
    pub id: i32,
    pub name: String,
}

pub type PorticoIdTokenClaims = IdTokenClaims<PorticoClaims, CoreGenderClaim>;
pub type PorticoIdToken = IdToken<
    PorticoClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

/// A compact, signed ID token: the claims signed by the current key of `alg` (a JWS name,
/// the client's `id_token_signed_response_alg`).
pub fn id_token(
    ring: &KeyRing,
    alg: &str,
    claims: PorticoIdTokenClaims,
) -> Result<String, KeyError> {
    let algorithm =
        Algorithm::from_name(alg).ok_or_else(|| KeyError::UnknownAlgorithm(alg.to_owned()))?;
    let signer = ring
        .signer(alg)
        .ok_or_else(|| KeyError::UnknownAlgorithm(alg.to_owned()))?;
    let token = PorticoIdToken::new(claims, signer, algorithm.jws(), None, None)
        .map_err(|_| KeyError::Signing)?;
    Ok(token.to_string())
}
