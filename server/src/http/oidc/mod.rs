//! The OpenID Connect provider's protocol endpoints: thin handlers that parse a request,
//! ask the services and shape the protocol's answer. Two groups, by who calls them.
use super::AppState;
use axum::routing::{get, post};
use axum::Router;

mod end_session;

/// Paths a browser is sent to by another site in the flow (authorization, RP-initiated
/// logout). They keep the session but skip the same-origin check: arriving from the app's
/// site is what they are for, and they change nothing the person did not ask for.
pub const CROSS_SITE_PATHS: [&str; 2] = ["/oidc/authorize", "/oidc/logout"];

/// What an app's server calls (discovery, keys, token, userinfo, revocation,
/// introspection): no session, no same-origin check.
pub fn server_to_server() -> Router<AppState> {
    Router::new()
}

/// What a person's browser visits during the flow: inside the session layer.
pub fn browser_flow() -> Router<AppState> {
    Router::new()
        .route(
            "/oidc/logout",
            get(end_session::by_get).post(end_session::by_post),
        )
        .route(end_session::CONFIRM_PATH, post(end_session::confirm))
}
