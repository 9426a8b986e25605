//! An issuer as an administrator types it: an https URL (http only on this machine, for
//! tests and development) whose discovery document Portico can read, fetched through the
//! outbound policy (no private addresses unless `OUTBOUND_ALLOW_RANGES` allows them), and
//! whose `issuer` is the typed one byte for byte. What discovery found is kept as JSON for
//! the administrator's page.
use app::forms::Message;
use serde::{Deserialize, Serialize};

use crate::outbound::{read_limited, Outbound, OutboundError, OutboundPolicy};

/// The largest discovery document read.
const DOCUMENT_LIMIT: usize = 64 * 1024;

/// What discovery found, as kept (`identity_providers.discovered`) and shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Found {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub userinfo_endpoint: Option<String>,
    pub end_session_endpoint: Option<String>,
    pub id_token_signing_alg_values_supported: Vec<String>,
    pub backchannel_logout_supported: bool,
}

/// The issuer's shape: absolute, https (http for localhost, 127.0.0.1 and [::1]), no
/// query, fragment or user name.
pub fn check_shape(issuer: &str) -> Result<(), Message> {
    let Ok(url) = url::Url::parse(issuer) else {
        return Err(Message::from("sign-in-providers-issuer-not-url"));
    };
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    let scheme_fits = url.scheme() == "https" || (url.scheme() == "http" && local);
    if !scheme_fits {
        return Err(Message::from("sign-in-providers-issuer-not-https"));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(Message::from("sign-in-providers-issuer-not-url"));
    }
    Ok(())
}

/// Reads `issuer`'s discovery document. Until the relying party's own discovery
/// (`crate::relying_party::discover`) is in, this minimal one does what the page needs:
/// fetch, size limit, and the issuer compared byte for byte.
pub async fn discover(policy: &OutboundPolicy, issuer: &str) -> Result<Found, Message> {
    check_shape(issuer)?;
    let unreachable = |reason: String| {
        Message::key_with(
            "sign-in-providers-issuer-unreachable",
            &[("reason", reason)],
        )
    };
    let outbound =
        Outbound::new(policy.clone(), "Portico").map_err(|error| unreachable(error.to_string()))?;
    let url = format!(
        "{}/.well-known/openid-configuration",
        issuer.trim_end_matches('/')
    );
    let request = reqwest::Request::new(
        reqwest::Method::GET,
        url.parse()
            .map_err(|_| Message::from("sign-in-providers-issuer-not-url"))?,
    );
    let response = outbound.send(request).await.map_err(|error| match error {
        OutboundError::Refused(refusal) => Message::key_with(
            "sign-in-providers-issuer-refused",
            &[("reason", refusal.to_string())],
        ),
        other => unreachable(other.to_string()),
    })?;
    if !response.status().is_success() {
        return Err(unreachable(response.status().to_string()));
    }
    let body = read_limited(response, DOCUMENT_LIMIT)
        .await
        .map_err(|error| unreachable(error.to_string()))?;
    let found: Found = serde_json::from_slice(&body)
        .map_err(|_| Message::from("sign-in-providers-issuer-not-discovery"))?;
    if found.authorization_endpoint.is_empty()
        || found.token_endpoint.is_empty()
        || found.jwks_uri.is_empty()
    {
        return Err(Message::from("sign-in-providers-issuer-not-discovery"));
    }
    if found.issuer != issuer {
        return Err(Message::key_with(
            "sign-in-providers-issuer-mismatch",
            &[("found", found.issuer)],
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issuer_is_https_or_a_local_http_address_without_query_or_fragment() {
        assert!(check_shape("https://id.acme.example").is_ok());
        assert!(check_shape("http://127.0.0.1:9000/realms/acme").is_ok());
        assert!(check_shape("http://id.acme.example").is_err());
        assert!(check_shape("https://id.acme.example/?tenant=1").is_err());
        assert!(check_shape("id.acme.example").is_err());
    }
}
