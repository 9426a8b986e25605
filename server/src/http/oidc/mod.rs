//! OpenID Connect's protocol endpoints: plain axum handlers that parse, call `Portico`
//! and shape the protocol's answers. Relying parties call them from other sites and from
//! servers, so these routes are mounted outside the same-origin check and outside the
//! session layer (`http::router`): no session is read or made for them. Endpoints that
//! need the person's session (authorize, logout) are not added here.
mod discovery;
mod jwks;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::AppState;

/// The protocol's routes that need no session.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(discovery::PATH, get(discovery::document))
        .route(jwks::PATH, get(jwks::key_set))
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
