//! `/.well-known/openid-configuration` (OpenID Connect Discovery 1.0): what we support,
//! built with openidconnect's `ProviderMetadata` and, for what it has no field for
//! (logout, revocation, introspection, PKCE, RFC 9207), [`PorticoMetadata`].
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGrantType,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJweKeyManagementAlgorithm,
    CoreResponseMode, CoreResponseType, CoreSubjectIdentifierType,
};
use openidconnect::url::ParseError;
use openidconnect::{
    AdditionalProviderMetadata, AuthUrl, EndSessionUrl, IntrospectionUrl, IssuerUrl,
    JsonWebKeySetUrl, LanguageTag, PkceCodeChallengeMethod, ProviderMetadata, ResponseTypes,
    RevocationUrl, Scope, TokenUrl, UserInfoUrl,
};
use serde::{Deserialize, Serialize};

use crate::services::Portico;
use crate::signing::Algorithm;

pub const PATH: &str = "/.well-known/openid-configuration";

/// It changes only with a new release or `PUBLIC_URL`.
const MAX_AGE_SECONDS: u32 = 3600;

const SCOPES: [&str; 5] = ["openid", "profile", "email", "offline_access", "portico"];

const CLAIMS: [&str; 18] = [
    "sub",
    "iss",
    "aud",
    "exp",
    "iat",
    "auth_time",
    "nonce",
    "amr",
    "sid",
    "email",
    "email_verified",
    "name",
    "given_name",
    "family_name",
    "locale",
    "portal",
    "company",
    "role",
];

/// The metadata openidconnect's `ProviderMetadata` has no field for.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PorticoMetadata {
    pub end_session_endpoint: EndSessionUrl,
    pub revocation_endpoint: RevocationUrl,
    pub revocation_endpoint_auth_methods_supported: Vec<CoreClientAuthMethod>,
    pub introspection_endpoint: IntrospectionUrl,
    /// Confidential clients only.
    pub introspection_endpoint_auth_methods_supported: Vec<CoreClientAuthMethod>,
    /// `S256` only: `plain` gives no protection against a stolen code.
    pub code_challenge_methods_supported: Vec<PkceCodeChallengeMethod>,
    /// RFC 9207: the authorization response carries `iss`.
    pub authorization_response_iss_parameter_supported: bool,
    pub backchannel_logout_supported: bool,
    /// Logout tokens carry `sid`.
    pub backchannel_logout_session_supported: bool,
    pub prompt_values_supported: Vec<String>,
}

impl AdditionalProviderMetadata for PorticoMetadata {}

pub type PorticoProviderMetadata = ProviderMetadata<
    PorticoMetadata,
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

pub async fn document(State(portico): State<Arc<Portico>>) -> Response {
    let json = metadata(&portico.public_url)
        .map_err(|e| e.to_string())
        .and_then(|metadata| serde_json::to_string(&metadata).map_err(|e| e.to_string()));
    match json {
        Ok(json) => super::public_json(json, MAX_AGE_SECONDS),
        Err(error) => super::internal_error("the discovery document", &error),
    }
}

/// The document for the issuer `base`: `PUBLIC_URL` as configured (openidconnect's URL
/// types write the string they were given, so no `/` is added: relying parties compare
/// `iss` with it as strings).
pub fn metadata(base: &str) -> Result<PorticoProviderMetadata, ParseError> {
    let at = |path: &str| format!("{base}{path}");
    let algorithms = Algorithm::ALL.iter().map(|alg| alg.jws()).collect();
    let secret_methods = vec![
        CoreClientAuthMethod::ClientSecretBasic,
        CoreClientAuthMethod::ClientSecretPost,
    ];
    let mut any_method = secret_methods.clone();
    any_method.push(CoreClientAuthMethod::None);
    let additional = PorticoMetadata {
        end_session_endpoint: EndSessionUrl::new(at("/oidc/logout"))?,
        revocation_endpoint: RevocationUrl::new(at("/oidc/revoke"))?,
        revocation_endpoint_auth_methods_supported: any_method.clone(),
        introspection_endpoint: IntrospectionUrl::new(at("/oidc/introspect"))?,
        introspection_endpoint_auth_methods_supported: secret_methods,
        code_challenge_methods_supported: vec![PkceCodeChallengeMethod::new("S256".into())],
        authorization_response_iss_parameter_supported: true,
        backchannel_logout_supported: true,
        backchannel_logout_session_supported: true,
        prompt_values_supported: ["none", "login", "consent"].map(String::from).to_vec(),
    };
    Ok(PorticoProviderMetadata::new(
        IssuerUrl::new(base.to_owned())?,
        AuthUrl::new(at("/oidc/authorize"))?,
        JsonWebKeySetUrl::new(at(super::jwks::PATH))?,
        vec![ResponseTypes::new(vec![CoreResponseType::Code])],
        vec![CoreSubjectIdentifierType::Public],
        algorithms,
        additional,
    )
    .set_token_endpoint(Some(TokenUrl::new(at("/oidc/token"))?))
    .set_userinfo_endpoint(Some(UserInfoUrl::new(at("/oidc/userinfo"))?))
    .set_scopes_supported(Some(SCOPES.map(|s| Scope::new(s.into())).to_vec()))
    .set_response_modes_supported(Some(vec![CoreResponseMode::Query]))
    .set_grant_types_supported(Some(vec![
        CoreGrantType::AuthorizationCode,
        CoreGrantType::RefreshToken,
    ]))
    .set_token_endpoint_auth_methods_supported(Some(any_method))
    .set_claims_supported(Some(CLAIMS.map(|c| CoreClaimName::new(c.into())).to_vec()))
    .set_ui_locales_supported(Some(
        ["en", "de"].map(|l| LanguageTag::new(l.into())).to_vec(),
    ))
    .set_claims_parameter_supported(Some(false))
    .set_request_parameter_supported(Some(false))
    .set_request_uri_parameter_supported(Some(false)))
}
