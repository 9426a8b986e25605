//! Redeeming the code at the provider's token endpoint (with the PKCE verifier, and the
//! client secret as client_secret_basic, or client_secret_post when the provider offers
//! only that), then checking the ID token that comes back (`id_token`) against the keys
//! (`keys`, fetched again for an unknown `kid`).
use chrono::{DateTime, Utc};
use openidconnect::core::CoreErrorResponseType;
use openidconnect::{
    AuthorizationCode, PkceCodeVerifier, RedirectUrl, RequestTokenError, StandardErrorResponse,
};

use super::http_client::ProviderHttp;
use super::id_token::{self, Expected};
use super::{Discovered, ProviderKeys, RpError, TokenProblem, VerifiedIdentity};
use crate::outbound::OutboundError;

/// Portico's registration at the provider.
pub struct ClientCredentials<'a> {
    pub client_id: &'a str,
    /// In clear (opened from its sealed form just for this request).
    pub client_secret: &'a str,
    /// The same redirect URI the authorization request named.
    pub redirect_uri: &'a str,
}

/// What the callback brought and what the session kept since [`super::Begun`].
pub struct Callback<'a> {
    pub code: &'a str,
    pub pkce_verifier: &'a str,
    pub nonce: &'a str,
}

/// Redeems `callback.code` and returns who the checked ID token says signed in.
pub async fn redeem(
    http: &ProviderHttp,
    discovered: &Discovered,
    keys: &ProviderKeys,
    client: &ClientCredentials<'_>,
    callback: &Callback<'_>,
    now: DateTime<Utc>,
) -> Result<VerifiedIdentity, RpError> {
    let redirect_uri = RedirectUrl::new(client.redirect_uri.to_owned())
        .map_err(|_| RpError::InvalidRedirectUri)?;
    let oidc = discovered
        .client(client.client_id, Some(client.client_secret))
        .set_redirect_uri(redirect_uri)
        .set_auth_type(discovered.client_authentication()?);
    let answer = oidc
        .exchange_code(AuthorizationCode::new(callback.code.to_owned()))
        .map_err(|_| RpError::NoTokenEndpoint)?
        .set_pkce_verifier(PkceCodeVerifier::new(callback.pkce_verifier.to_owned()))
        .request_async(http)
        .await
        .map_err(from_token_error)?;
    let token = answer
        .extra_fields()
        .id_token()
        .ok_or(RpError::IdToken(TokenProblem::Missing))?;
    let expected = Expected {
        issuer: discovered.issuer(),
        client_id: client.client_id,
        nonce: callback.nonce,
        now,
    };
    keys.verify(http, RpError::IdToken, |keys| {
        id_token::verify(token, keys, &expected)
    })
    .await
}

/// The token endpoint's refusal or failure, without its body (which may echo the code).
fn from_token_error(
    error: RequestTokenError<OutboundError, StandardErrorResponse<CoreErrorResponseType>>,
) -> RpError {
    match error {
        RequestTokenError::ServerResponse(answer) => {
            RpError::TokenRefused(error_code(answer.error().as_ref()))
        }
        RequestTokenError::Request(error) => error.into(),
        _ => RpError::TokenAnswer,
    }
}

/// An OAuth error code as the provider sent it, when it looks like one (RFC 6749 §5.2
/// codes are short ASCII); anything else is not repeated.
fn error_code(code: &str) -> String {
    let plain = code.len() <= 64
        && !code.is_empty()
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        code.to_owned()
    } else {
        "an error code Portico does not repeat".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_error_codes_are_repeated() {
        assert_eq!(error_code("invalid_grant"), "invalid_grant");
        assert_ne!(
            error_code("see https://x.example/?code=abc"),
            "see https://x.example/?code=abc"
        );
        assert_ne!(error_code(""), "");
    }
}
