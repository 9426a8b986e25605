//! Reading a provider's discovery document (OpenID Connect Discovery 1.0) and the keys it
//! publishes, with openidconnect's `discover_async` over [`ProviderHttp`]. The document's
//! `issuer` must equal the configured issuer byte for byte (Discovery §4.3: a document
//! naming another issuer could hand us another provider's endpoints). A provider is
//! refused here, where the administrator sees why, when no sign-in through it could
//! succeed: no token endpoint, no algorithm we accept, no client-secret method.
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreClaimName, CoreClaimType, CoreClientAuthMethod,
    CoreErrorResponseType, CoreGenderClaim, CoreGrantType, CoreJsonWebKey, CoreJsonWebKeySet,
    CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm, CoreResponseMode,
    CoreResponseType, CoreRevocableToken, CoreRevocationErrorResponse, CoreSubjectIdentifierType,
    CoreTokenIntrospectionResponse,
};
use openidconnect::{
    AdditionalProviderMetadata, AuthType, Client, ClientId, ClientSecret, DiscoveryError,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, JsonWebKeySetUrl, ProviderMetadata,
    StandardErrorResponse,
};
use serde::{Deserialize, Serialize};

use super::http_client::ProviderHttp;
use super::id_token::ProviderTokenResponse;
use super::{id_token::ProviderClaims, RpError, ACCEPTED_ALGORITHMS};
use crate::outbound::OutboundError;

/// What Portico reads of a discovery document beyond openidconnect's core fields.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct ExtraMetadata {
    pub backchannel_logout_supported: Option<bool>,
    pub backchannel_logout_session_supported: Option<bool>,
    /// RFC 9207: the provider adds `iss` to its answers at the redirect URI.
    pub authorization_response_iss_parameter_supported: Option<bool>,
    pub end_session_endpoint: Option<String>,
}

impl AdditionalProviderMetadata for ExtraMetadata {}

/// A discovery document, as openidconnect reads it, with [`ExtraMetadata`].
pub type ProviderDocument = ProviderMetadata<
    ExtraMetadata,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// openidconnect's client for one of a provider's clients, with our ID token claims.
pub(super) type ProviderClient = Client<
    ProviderClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    ProviderTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// A provider as discovery found it: its document, and the keys it published then.
#[derive(Clone, Debug)]
pub struct Discovered {
    document: ProviderDocument,
}

/// What an administrator is shown of a provider (and what the `discovered` column keeps).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiscoverySummary {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: Option<String>,
    pub userinfo_endpoint: Option<String>,
    pub jwks_uri: String,
    pub end_session_endpoint: Option<String>,
    /// The algorithms the provider says it signs ID tokens with.
    pub signing_algorithms: Vec<String>,
    /// Of those, the ones Portico accepts.
    pub accepted_algorithms: Vec<String>,
    /// How Portico authenticates at the token endpoint: `client_secret_basic` or
    /// `client_secret_post`.
    pub client_authentication: String,
    pub backchannel_logout: bool,
    /// Whether its logout tokens name the session (`sid`).
    pub backchannel_logout_session: bool,
    /// How many keys the provider published.
    pub keys: usize,
}

/// Reads the discovery document of `issuer` and its keys, and checks them.
pub async fn discover(http: &ProviderHttp, issuer: &str) -> Result<Discovered, RpError> {
    let issuer = issuer_url(issuer)?;
    let document = ProviderDocument::discover_async(issuer, http)
        .await
        .map_err(from_discovery_error)?;
    let discovered = Discovered { document };
    discovered.check()?;
    Ok(discovered)
}

/// `issuer` as an issuer URL: http(s), a host, no query, no fragment (Discovery §2).
fn issuer_url(issuer: &str) -> Result<IssuerUrl, RpError> {
    let url = IssuerUrl::new(issuer.to_owned()).map_err(|_| RpError::InvalidIssuer)?;
    let parsed = url.url();
    let usable = matches!(parsed.scheme(), "http" | "https")
        && parsed.host().is_some()
        && parsed.query().is_none()
        && parsed.fragment().is_none();
    usable.then_some(url).ok_or(RpError::InvalidIssuer)
}

/// A discovery (or key set) failure in words that name no URL and no answer body.
pub(super) fn from_discovery_error(error: DiscoveryError<OutboundError>) -> RpError {
    match error {
        DiscoveryError::Request(error) => error.into(),
        DiscoveryError::Response(status, _, _) if status.as_u16() != 200 => {
            RpError::Status(status.as_u16())
        }
        // 200 with another Content-Type than JSON: the message says which.
        DiscoveryError::Response(_, _, message) => RpError::Discovery(message),
        DiscoveryError::Parse(error) => RpError::Discovery(error.to_string()),
        // openidconnect's only validation: the document's issuer.
        DiscoveryError::Validation(message) => RpError::IssuerMismatch(message),
        DiscoveryError::UrlParse(_) => RpError::InvalidIssuer,
        other => RpError::Discovery(other.to_string()),
    }
}

impl Discovered {
    fn check(&self) -> Result<(), RpError> {
        if self.document.token_endpoint().is_none() {
            return Err(RpError::NoTokenEndpoint);
        }
        if self.accepted_algorithms().is_empty() {
            return Err(RpError::NoAcceptedAlgorithm(
                self.signing_algorithms().join(", "),
            ));
        }
        self.client_authentication().map(|_| ())
    }

    /// The issuer, exactly as configured (and as the document has it).
    pub fn issuer(&self) -> &str {
        self.document.issuer().as_str()
    }

    pub fn document(&self) -> &ProviderDocument {
        &self.document
    }

    pub fn jwks_uri(&self) -> &JsonWebKeySetUrl {
        self.document.jwks_uri()
    }

    /// The keys the provider published when it was discovered.
    pub fn keys(&self) -> &CoreJsonWebKeySet {
        self.document.jwks()
    }

    pub fn supports_backchannel_logout(&self) -> bool {
        self.extra().backchannel_logout_supported == Some(true)
    }

    pub fn end_session_endpoint(&self) -> Option<&str> {
        self.extra().end_session_endpoint.as_deref()
    }

    /// Whether the provider adds `iss` to its answers at the redirect URI (RFC 9207).
    pub fn sends_response_issuer(&self) -> bool {
        self.extra().authorization_response_iss_parameter_supported == Some(true)
    }

    fn extra(&self) -> &ExtraMetadata {
        self.document.additional_metadata()
    }

    /// How Portico authenticates at the token endpoint: client_secret_basic, the default
    /// when the document lists no methods (Discovery §3), or client_secret_post when the
    /// provider offers that and not basic.
    pub fn client_authentication(&self) -> Result<AuthType, RpError> {
        match self.document.token_endpoint_auth_methods_supported() {
            None => Ok(AuthType::BasicAuth),
            Some(methods) if methods.contains(&CoreClientAuthMethod::ClientSecretBasic) => {
                Ok(AuthType::BasicAuth)
            }
            Some(methods) if methods.contains(&CoreClientAuthMethod::ClientSecretPost) => {
                Ok(AuthType::RequestBody)
            }
            Some(_) => Err(RpError::NoClientAuthentication),
        }
    }

    /// openidconnect's client for `client_id` at this provider.
    pub(super) fn client(&self, client_id: &str, secret: Option<&str>) -> ProviderClient {
        ProviderClient::from_provider_metadata(
            self.document.clone(),
            ClientId::new(client_id.to_owned()),
            secret.map(|secret| ClientSecret::new(secret.to_owned())),
        )
    }

    fn signing_algorithms(&self) -> Vec<String> {
        let algorithms = self.document.id_token_signing_alg_values_supported();
        algorithms.iter().map(algorithm_name).collect()
    }

    fn accepted_algorithms(&self) -> Vec<String> {
        let algorithms = self.document.id_token_signing_alg_values_supported();
        algorithms
            .iter()
            .filter(|alg| ACCEPTED_ALGORITHMS.contains(alg))
            .map(algorithm_name)
            .collect()
    }

    pub fn summary(&self) -> DiscoverySummary {
        let document = &self.document;
        let text = |url: &str| url.to_owned();
        DiscoverySummary {
            issuer: self.issuer().to_owned(),
            authorization_endpoint: text(document.authorization_endpoint()),
            token_endpoint: document.token_endpoint().map(|url| text(url)),
            userinfo_endpoint: document.userinfo_endpoint().map(|url| text(url)),
            jwks_uri: text(document.jwks_uri()),
            end_session_endpoint: self.end_session_endpoint().map(text),
            signing_algorithms: self.signing_algorithms(),
            accepted_algorithms: self.accepted_algorithms(),
            client_authentication: match self.client_authentication() {
                Ok(AuthType::RequestBody) => "client_secret_post",
                _ => "client_secret_basic",
            }
            .to_owned(),
            backchannel_logout: self.supports_backchannel_logout(),
            backchannel_logout_session: self.extra().backchannel_logout_session_supported
                == Some(true),
            keys: self.keys().keys().len(),
        }
    }
}

/// An algorithm's name as JWS writes it ("RS256").
fn algorithm_name(alg: &openidconnect::core::CoreJwsSigningAlgorithm) -> String {
    serde_json::to_value(alg)
        .ok()
        .and_then(|name| name.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A provider at `https://id.example` as its document `changes` it.
    pub(in crate::relying_party) fn discovered(changes: Value) -> Discovered {
        let mut document = json!({
            "issuer": "https://id.example",
            "authorization_endpoint": "https://id.example/authorize",
            "token_endpoint": "https://id.example/token",
            "jwks_uri": "https://id.example/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256", "HS256"],
        });
        for (name, value) in changes.as_object().into_iter().flatten() {
            document[name] = value.clone();
        }
        Discovered {
            document: serde_json::from_value(document).expect("a discovery document"),
        }
    }

    #[test]
    fn a_provider_is_refused_when_no_sign_in_through_it_could_work() {
        assert!(discovered(json!({})).check().is_ok());
        let hs_only = discovered(json!({ "id_token_signing_alg_values_supported": ["HS256"] }));
        assert!(
            matches!(hs_only.check(), Err(RpError::NoAcceptedAlgorithm(algs)) if algs == "HS256")
        );
        let no_secret =
            discovered(json!({ "token_endpoint_auth_methods_supported": ["private_key_jwt"] }));
        assert!(matches!(
            no_secret.check(),
            Err(RpError::NoClientAuthentication)
        ));
        let mut no_token = discovered(json!({}));
        no_token.document = no_token.document.set_token_endpoint(None);
        assert!(matches!(no_token.check(), Err(RpError::NoTokenEndpoint)));
    }

    #[test]
    fn basic_authentication_is_used_unless_only_post_is_offered() {
        let methods = |list: Value| {
            discovered(json!({ "token_endpoint_auth_methods_supported": list }))
                .client_authentication()
                .ok()
        };
        assert!(matches!(
            discovered(json!({})).client_authentication(),
            Ok(AuthType::BasicAuth)
        ));
        assert!(matches!(
            methods(json!(["client_secret_post", "client_secret_basic"])),
            Some(AuthType::BasicAuth)
        ));
        assert!(matches!(
            methods(json!(["private_key_jwt", "client_secret_post"])),
            Some(AuthType::RequestBody)
        ));
    }

    #[test]
    fn the_summary_says_what_was_found_and_what_portico_accepts() {
        let summary = discovered(json!({
            "backchannel_logout_supported": true,
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }))
        .summary();
        assert_eq!(summary.issuer, "https://id.example");
        assert_eq!(
            summary.token_endpoint.as_deref(),
            Some("https://id.example/token")
        );
        assert_eq!(summary.signing_algorithms, ["RS256", "HS256"]);
        assert_eq!(summary.accepted_algorithms, ["RS256"]);
        assert_eq!(summary.client_authentication, "client_secret_post");
        assert!(summary.backchannel_logout);
        assert!(!summary.backchannel_logout_session);
    }

    #[test]
    fn an_issuer_is_an_http_url_without_query_or_fragment() {
        for issuer in ["https://id.example", "http://127.0.0.1:8080/realms/acme"] {
            assert!(issuer_url(issuer).is_ok(), "{issuer}");
        }
        for issuer in [
            "id.example",
            "ftp://id.example",
            "https://id.example/?tenant=1",
            "https://id.example/#x",
        ] {
            assert!(
                matches!(issuer_url(issuer), Err(RpError::InvalidIssuer)),
                "{issuer}"
            );
        }
    }
}
