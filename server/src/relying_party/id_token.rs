//! Checking a provider's ID token (OpenID Connect Core §3.1.3.7) with openidconnect's
//! `IdTokenVerifier`, set up as Portico needs it: only [`ACCEPTED_ALGORITHMS`], no client
//! secret (so no HMAC key is ever offered), no audience besides our client id, expiry with
//! [`CLOCK_SKEW`] — then what openidconnect leaves to us: `iat` not in the future and
//! `azp`, when present, naming our client.
use chrono::{DateTime, Utc};
use openidconnect::core::{
    CoreGenderClaim, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, ClaimsVerificationError, ClientId, EmptyExtraTokenFields, IdToken,
    IdTokenClaims, IdTokenFields, IssuerUrl, LocalizedClaim, Nonce, SignatureVerificationError,
    StandardTokenResponse,
};
use serde::{Deserialize, Serialize};

use super::{TokenProblem, ACCEPTED_ALGORITHMS, CLOCK_SKEW};

/// The claims we read beyond the standard ones: the provider's session, which its logout
/// tokens name.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ProviderClaims {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
}

impl AdditionalClaims for ProviderClaims {}

pub type ProviderIdToken = IdToken<
    ProviderClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;

pub type ProviderTokenResponse = StandardTokenResponse<
    IdTokenFields<
        ProviderClaims,
        EmptyExtraTokenFields,
        CoreGenderClaim,
        CoreJweContentEncryptionAlgorithm,
        CoreJwsSigningAlgorithm,
    >,
    CoreTokenType,
>;

/// Who the provider says signed in, from a checked ID token.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedIdentity {
    pub issuer: String,
    /// `sub`: with the issuer, the link to a Portico person (never the email).
    pub subject: String,
    pub email: Option<String>,
    /// Whether the provider vouches for the address; absent counts as not.
    pub email_verified: bool,
    pub name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    /// The provider's session, as its logout tokens will name it.
    pub sid: Option<String>,
    /// When the ID token expires (`exp`).
    pub expires_at: DateTime<Utc>,
    /// When the person last proved who they are at the provider (`auth_time`).
    pub authenticated_at: Option<DateTime<Utc>>,
}

/// What the ID token must match.
pub(super) struct Expected<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a str,
    pub now: DateTime<Utc>,
}

/// `token`, checked against `keys` and `expected`.
pub(super) fn verify(
    token: &ProviderIdToken,
    keys: &CoreJsonWebKeySet,
    expected: &Expected<'_>,
) -> Result<VerifiedIdentity, TokenProblem> {
    let issuer = IssuerUrl::new(expected.issuer.to_owned()).map_err(|_| TokenProblem::Issuer)?;
    let now = expected.now;
    let verifier = CoreIdTokenVerifier::new_public_client(
        ClientId::new(expected.client_id.to_owned()),
        issuer,
        keys.clone(),
    )
    .set_allowed_algs(ACCEPTED_ALGORITHMS)
    .set_time_fn(move || now - CLOCK_SKEW);
    let nonce = Nonce::new(expected.nonce.to_owned());
    let claims = token.claims(&verifier, &nonce).map_err(problem)?;
    if claims.issue_time() > now + CLOCK_SKEW {
        return Err(TokenProblem::IssuedAt);
    }
    if let Some(azp) = claims.authorized_party() {
        if azp.as_str() != expected.client_id {
            return Err(TokenProblem::AuthorizedParty);
        }
    }
    Ok(identity(claims))
}

fn identity(claims: &IdTokenClaims<ProviderClaims, CoreGenderClaim>) -> VerifiedIdentity {
    fn text<T: std::ops::Deref<Target = String>>(
        claim: Option<&LocalizedClaim<T>>,
    ) -> Option<String> {
        claim
            .and_then(|claim| claim.get(None))
            .map(|value| String::clone(value))
    }
    VerifiedIdentity {
        issuer: String::clone(claims.issuer()),
        subject: String::clone(claims.subject()),
        email: claims.email().map(|email| String::clone(email)),
        email_verified: claims.email_verified() == Some(true),
        name: text(claims.name()),
        given_name: text(claims.given_name()),
        family_name: text(claims.family_name()),
        sid: claims.additional_claims().sid.clone(),
        expires_at: claims.expiration(),
        authenticated_at: claims.auth_time(),
    }
}

/// openidconnect's refusal as ours (its messages would carry the token's values).
fn problem(error: ClaimsVerificationError) -> TokenProblem {
    use SignatureVerificationError as Signature;
    match error {
        ClaimsVerificationError::Expired(_) => TokenProblem::Expired,
        ClaimsVerificationError::InvalidAudience(_) => TokenProblem::Audience,
        ClaimsVerificationError::InvalidIssuer(_) => TokenProblem::Issuer,
        ClaimsVerificationError::InvalidNonce(_) => TokenProblem::Nonce,
        ClaimsVerificationError::SignatureVerification(Signature::NoMatchingKey) => {
            TokenProblem::UnknownKey
        }
        ClaimsVerificationError::SignatureVerification(
            Signature::DisallowedAlg(_) | Signature::NoSignature | Signature::UnsupportedAlg(_),
        ) => TokenProblem::Algorithm,
        ClaimsVerificationError::SignatureVerification(_) => TokenProblem::Signature,
        _ => TokenProblem::Malformed,
    }
}
