//! Why a provider, or what it sent, was refused. The messages name no secret, code or
//! token, and no URL beyond the provider's issuer: they are logged and shown to
//! administrators (a person signing in is shown the flow's own words).
use crate::outbound::{OutboundError, Refusal};

#[derive(Debug, thiserror::Error)]
pub enum RpError {
    #[error(
        "the issuer must be an http:// or https:// URL with a host and without a query or \
         fragment"
    )]
    InvalidIssuer,
    #[error("the provider's address is refused: {0}")]
    Refused(Refusal),
    #[error("the provider could not be reached: {0}")]
    Unreachable(String),
    #[error("the provider's answer is larger than {0} bytes")]
    TooLarge(usize),
    #[error("the provider answered with HTTP status {0}{hint}", hint = redirect_hint(*.0))]
    Status(u16),
    #[error("the provider's discovery document or keys could not be read: {0}")]
    Discovery(String),
    #[error("the discovery document names another issuer: {0}")]
    IssuerMismatch(String),
    #[error("the provider has no token endpoint")]
    NoTokenEndpoint,
    #[error(
        "the provider signs ID tokens only with algorithms Portico does not accept ({0}); \
         it accepts RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384 and EdDSA"
    )]
    NoAcceptedAlgorithm(String),
    #[error(
        "the provider offers neither client_secret_basic nor client_secret_post to \
         authenticate Portico at its token endpoint"
    )]
    NoClientAuthentication,
    #[error("the redirect URI is not a URL")]
    InvalidRedirectUri,
    #[error("the provider refused the code ({0})")]
    TokenRefused(String),
    #[error("the provider's answer from its token endpoint could not be read")]
    TokenAnswer,
    #[error("the sign-in answer names another issuer")]
    ResponseIssuer,
    #[error("the provider's ID token was refused: {0}")]
    IdToken(TokenProblem),
    #[error("the logout token was refused: {0}")]
    LogoutToken(TokenProblem),
}

fn redirect_hint(status: u16) -> &'static str {
    if (300..400).contains(&status) {
        " (a redirect, which Portico does not follow)"
    } else {
        ""
    }
}

impl From<OutboundError> for RpError {
    fn from(error: OutboundError) -> Self {
        match error {
            OutboundError::Refused(refusal) => RpError::Refused(refusal),
            OutboundError::TooLarge(limit) => RpError::TooLarge(limit),
            OutboundError::Failed(why) => RpError::Unreachable(why),
        }
    }
}

/// What is wrong with an ID token or a logout token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenProblem {
    #[error("there is none")]
    Missing,
    #[error("it is not a signed token Portico can read")]
    Malformed,
    #[error("its algorithm is not one Portico accepts")]
    Algorithm,
    #[error("it names a key the provider does not publish")]
    UnknownKey,
    #[error("its signature is wrong")]
    Signature,
    #[error("it is from another issuer")]
    Issuer,
    #[error("it is not for this client alone")]
    Audience,
    #[error("it was issued to another client (azp)")]
    AuthorizedParty,
    #[error("it has expired")]
    Expired,
    #[error("it is issued in the future (iat)")]
    IssuedAt,
    #[error("its nonce is missing or wrong")]
    Nonce,
    #[error("it carries no back-channel logout event")]
    Events,
    #[error("it names neither a subject nor a session")]
    Subject,
    #[error("it has no token id (jti)")]
    TokenId,
    #[error("its type is not a logout token's")]
    Type,
}
