//! The authorization request that sends a person to their provider: the code flow with
//! PKCE (S256), a fresh `state` and `nonce`, and the scopes `openid email profile`. The
//! caller keeps the state, nonce and verifier of [`Begun`] (in the person's session) and
//! brings the nonce and verifier back to [`super::exchange::redeem`].
use openidconnect::core::{CoreAuthPrompt, CoreAuthenticationFlow};
use openidconnect::{CsrfToken, LoginHint, Nonce, PkceCodeChallenge, RedirectUrl, Scope};

use super::{Discovered, RpError};

/// The scopes asked for besides `openid` (which openidconnect adds itself).
pub const SCOPES: [&str; 2] = ["email", "profile"];

/// `prompt` (OpenID Connect Core §3.1.2.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// No page at the provider: the answer is a sign-in or an error (`login_required`).
    None,
    Login,
    Consent,
    SelectAccount,
}

impl Prompt {
    fn core(self) -> CoreAuthPrompt {
        match self {
            Prompt::None => CoreAuthPrompt::None,
            Prompt::Login => CoreAuthPrompt::Login,
            Prompt::Consent => CoreAuthPrompt::Consent,
            Prompt::SelectAccount => CoreAuthPrompt::SelectAccount,
        }
    }
}

pub struct AuthorizationRequest<'a> {
    pub client_id: &'a str,
    /// `{PUBLIC_URL}/sso/callback`, as registered at the provider.
    pub redirect_uri: &'a str,
    /// The address the person typed, so that the provider can skip asking for it.
    pub login_hint: Option<&'a str>,
    pub prompt: Option<Prompt>,
}

/// Where to send the person, and what to keep until the callback. The three values are
/// secrets of this sign-in: kept server-side, never logged.
pub struct Begun {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

impl std::fmt::Debug for Begun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Begun").finish_non_exhaustive()
    }
}

/// A new authorization request to the provider `discovered`.
pub fn begin(
    discovered: &Discovered,
    request: &AuthorizationRequest<'_>,
) -> Result<Begun, RpError> {
    let redirect_uri = RedirectUrl::new(request.redirect_uri.to_owned())
        .map_err(|_| RpError::InvalidRedirectUri)?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let client = discovered
        .client(request.client_id, None)
        .set_redirect_uri(redirect_uri);
    let mut authorization = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scopes(SCOPES.map(|scope| Scope::new(scope.to_owned())))
        .set_pkce_challenge(challenge);
    if let Some(hint) = request.login_hint {
        authorization = authorization.set_login_hint(LoginHint::new(hint.to_owned()));
    }
    if let Some(prompt) = request.prompt {
        authorization = authorization.add_prompt(prompt.core());
    }
    let (url, state, nonce) = authorization.url();
    Ok(Begun {
        url: url.into(),
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// The `iss` of an answer at the redirect URI (RFC 9207), when there is one: it must be
/// the provider's issuer, and a provider that says it sends `iss` must send it. (The
/// state already names the provider the answer is for; this also catches an answer that
/// another provider sent with a stolen state.)
pub fn check_response_issuer(discovered: &Discovered, iss: Option<&str>) -> Result<(), RpError> {
    match iss {
        Some(iss) if iss == discovered.issuer() => Ok(()),
        None if !discovered.sends_response_issuer() => Ok(()),
        _ => Err(RpError::ResponseIssuer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relying_party::discovery::tests::discovered;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use serde_json::json;
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;

    #[test]
    fn an_authorization_request_carries_state_nonce_and_an_s256_challenge() {
        let provider = discovered(json!({}));
        let begun = begin(
            &provider,
            &AuthorizationRequest {
                client_id: "portico",
                redirect_uri: "https://portico.example/sso/callback",
                login_hint: Some("ann@acme.example"),
                prompt: Some(Prompt::None),
            },
        )
        .unwrap();
        let url = url::Url::parse(&begun.url).unwrap();
        assert!(begun.url.starts_with("https://id.example/authorize?"));
        let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(begun.pkce_verifier.as_bytes()));
        assert_eq!(query["response_type"], "code");
        assert_eq!(query["client_id"], "portico");
        assert_eq!(
            query["redirect_uri"],
            "https://portico.example/sso/callback"
        );
        assert_eq!(query["scope"], "openid email profile");
        assert_eq!(query["state"], begun.state);
        assert_eq!(query["nonce"], begun.nonce);
        assert_eq!(query["code_challenge"], challenge);
        assert_eq!(query["code_challenge_method"], "S256");
        assert_eq!(query["login_hint"], "ann@acme.example");
        assert_eq!(query["prompt"], "none");
        assert!(begun.state.len() >= 22 && begun.nonce.len() >= 22);
        assert!(begun.pkce_verifier.len() >= 43);
    }

    #[test]
    fn two_requests_share_no_secret() {
        let provider = discovered(json!({}));
        let request = AuthorizationRequest {
            client_id: "portico",
            redirect_uri: "https://portico.example/sso/callback",
            login_hint: None,
            prompt: None,
        };
        let (one, two) = (
            begin(&provider, &request).unwrap(),
            begin(&provider, &request).unwrap(),
        );
        assert_ne!(one.state, two.state);
        assert_ne!(one.nonce, two.nonce);
        assert_ne!(one.pkce_verifier, two.pkce_verifier);
        assert!(!one.url.contains("prompt=") && !one.url.contains("login_hint="));
    }

    #[test]
    fn an_answer_from_another_issuer_is_refused() {
        let quiet = discovered(json!({}));
        assert!(check_response_issuer(&quiet, None).is_ok());
        assert!(check_response_issuer(&quiet, Some("https://id.example")).is_ok());
        assert!(check_response_issuer(&quiet, Some("https://evil.example")).is_err());
        let says_iss =
            discovered(json!({ "authorization_response_iss_parameter_supported": true }));
        assert!(check_response_issuer(&says_iss, None).is_err());
        assert!(check_response_issuer(&says_iss, Some("https://id.example")).is_ok());
    }
}
