//! The OpenID Connect provider's protocol endpoints: thin handlers that parse a request,
//! ask the services and shape the protocol's answer. Two groups, by who calls them.
mod client_auth;
mod introspection;
mod protocol;
mod revocation;
mod token;
mod userinfo;

use super::AppState;
use axum::routing::{get, post};
use axum::Router;

/// Paths a browser is sent to by another site in the flow (authorization, RP-initiated
/// logout). They keep the session but skip the same-origin check: arriving from the app's
/// site is what they are for, and they change nothing the person did not ask for.
pub const CROSS_SITE_PATHS: [&str; 2] = ["/oidc/authorize", "/oidc/logout"];

/// What an app's server calls (discovery, keys, token, userinfo, revocation,
/// introspection): no session, no same-origin check.
pub fn server_to_server() -> Router<AppState> {
    Router::new()
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
}
