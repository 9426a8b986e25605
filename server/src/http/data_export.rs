//! `/csp/profile/data.json` and `/csm/profile/data.json`: "Download my data", a file
//! rather than a page (so a plain link downloads it, with or without JavaScript).
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::AppState;
use app::api::Access;
use app::portal::Portal;

/// Where each portal serves the file.
pub const PATH: &str = "/profile/data.json";

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let portal = Portal::of_path(uri.path()).unwrap_or(Portal::Csp);
    let back_to = |page: &str| {
        Redirect::to(&format!(
            "{}?next={}",
            portal.path(page),
            portal.path("/profile")
        ))
        .into_response()
    };
    match state.services.export_data(&session).await {
        Ok(Access::Granted(json)) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"portico-my-data.json\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            json,
        )
            .into_response(),
        Ok(Access::LogInFirst) => back_to("/log-in"),
        // Proved who they are too long ago: the password again, then back to the profile.
        Ok(Access::Denied) => back_to("/confirm"),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            super::language::of_request(&headers).text("http-something-went-wrong"),
        )
            .into_response(),
    }
}
