//! OpenID Connect's protocol endpoints: plain axum handlers that parse, call `Portico`
//! and shape the protocol's answers. Relying parties call them from other sites and from
//! servers: `server_to_server` is mounted outside the same-origin check and outside the
//! session layer (`http::router`), so no session is read or made for it; `browser_flow`
//! keeps the session but skips the same-origin check for the paths that need it.
mod authorize;
mod client_auth;
mod discovery;
mod end_session;
mod introspection;
mod jwks;
mod pages;
mod protocol;
mod revocation;
mod token;
mod userinfo;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::AppState;

/// Paths a browser is sent to by another site in the flow (authorization, RP-initiated
/// logout). They keep the session but skip the same-origin check: arriving from the app's
/// site is what they are for, and they change nothing the person did not ask for.
pub const CROSS_SITE_PATHS: [&str; 2] = ["/oidc/authorize", "/oidc/logout"];

/// What an app's server calls (discovery, keys, token, userinfo, revocation,
/// introspection): no session, no same-origin check.
pub fn server_to_server() -> Router<AppState> {
    Router::new()
        .route(discovery::PATH, get(discovery::document))
        .route(jwks::PATH, get(jwks::key_set))
        .route("/oidc/token", post(token::token))
        .route(
            "/oidc/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
        .route("/oidc/revoke", post(revocation::revoke))
        .route("/oidc/introspect", post(introspection::introspect))
}

/// What a person's browser visits during the flow: inside the session layer.
pub fn browser_flow() -> Router<AppState> {
    Router::new()
        .route("/oidc/authorize", get(authorize::get).post(authorize::post))
        .route("/oidc/authorize/resume/{id}", get(authorize::resume))
        .route(
            "/oidc/consent/{id}",
            get(authorize::consent_page).post(authorize::consent_answer),
        )
        .route(
            "/oidc/logout",
            get(end_session::by_get).post(end_session::by_post),
        )
        .route(end_session::CONFIRM_PATH, post(end_session::confirm))
}

/// A JSON document any site may read (CORS `*`: browser-based relying parties fetch
/// discovery and keys), cached for `max_age` seconds.
fn public_json(body: String, max_age: u32) -> Response {
    let cache = HeaderValue::from_str(&format!("public, max-age={max_age}"))
        .unwrap_or(HeaderValue::from_static("no-cache"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (header::CACHE_CONTROL, cache),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
        ],
        body,
    )
        .into_response()
}

/// An internal error, logged; the caller learns only that it was ours.
fn internal_error(what: &str, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%error, "{what}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "application/json")],
        r#"{"error":"server_error"}"#,
    )
        .into_response()
}
