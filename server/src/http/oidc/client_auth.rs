//! Who is calling the token, revocation and introspection endpoints: a confidential app
//! by `client_secret_basic` or `client_secret_post`, or a public app by its `client_id`
//! alone (then PKCE is what proves it). One method per request (RFC 6749 §2.3).
use axum::http::{header, HeaderMap};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

use super::protocol::{decode, Form, ProtocolError};
use crate::services::support::app_clients::{self, AppClient};
use crate::services::Portico;

const WRONG: &str = "unknown client, or wrong secret";

/// The app the request comes from, authenticated.
pub async fn authenticate(
    portico: &Portico,
    headers: &HeaderMap,
    form: &Form,
) -> Result<AppClient, ProtocolError> {
    let basic = basic_credentials(headers)?;
    let body_id = form.get("client_id");
    let body_secret = form.get("client_secret");
    if let Some((id, secret)) = basic {
        if body_secret.is_some() {
            return Err(ProtocolError::invalid_request(
                "use one client authentication method, not two",
            ));
        }
        if body_id.is_some_and(|body_id| body_id != id) {
            return Err(ProtocolError::invalid_request(
                "client_id differs from the Authorization header's",
            ));
        }
        return confidential(portico, &id, &secret, true).await;
    }
    let Some(id) = body_id else {
        return Err(ProtocolError::invalid_client(
            "client authentication is required",
            false,
        ));
    };
    match body_secret {
        Some(secret) => confidential(portico, id, secret, false).await,
        None => public(portico, id).await,
    }
}

async fn confidential(
    portico: &Portico,
    id: &str,
    secret: &str,
    used_basic: bool,
) -> Result<AppClient, ProtocolError> {
    match find(portico, id).await? {
        Some(client) if client.authenticate(secret) => Ok(client),
        _ => Err(ProtocolError::invalid_client(WRONG, used_basic)),
    }
}

async fn public(portico: &Portico, id: &str) -> Result<AppClient, ProtocolError> {
    match find(portico, id).await? {
        Some(client) if client.is_public() => Ok(client),
        Some(_) => Err(ProtocolError::invalid_client(
            "this client must authenticate with its secret",
            false,
        )),
        None => Err(ProtocolError::invalid_client(WRONG, false)),
    }
}

async fn find(portico: &Portico, id: &str) -> Result<Option<AppClient>, ProtocolError> {
    app_clients::find(&portico.db, id)
        .await
        .map_err(ProtocolError::internal)
}

/// `Authorization: Basic …`: the id and secret, each form-urlencoded before they were
/// joined (RFC 6749 §2.3.1), so decoded here. None without the header; another scheme or
/// a malformed value is refused.
fn basic_credentials(headers: &HeaderMap) -> Result<Option<(String, String)>, ProtocolError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let refused = || ProtocolError::invalid_client("malformed Basic credentials", true);
    let value = value.to_str().map_err(|_| refused())?;
    let (scheme, encoded) = value.split_once(' ').ok_or_else(refused)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(refused());
    }
    let joined = STANDARD.decode(encoded.trim()).map_err(|_| refused())?;
    let at = joined.iter().position(|&b| b == b':').ok_or_else(refused)?;
    let id = decode(&joined[..at]).map_err(|_| refused())?;
    let secret = decode(&joined[at + 1..]).map_err(|_| refused())?;
    Ok(Some((id, secret)))
}
