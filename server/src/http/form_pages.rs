//! Plain form posts (no JavaScript) to a page: the page is rendered with the posted body in
//! context, runs the form's server function, and answers with its outcome (see
//! `app::submission`).
use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leptos::prelude::provide_context;

use super::{AppState, MAX_BODY_BYTES};
use app::shell;
use app::submission::PostedForm;

pub async fn post_to_page(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_BODY_BYTES).await else {
        let lang = super::language::of_request(&parts.headers);
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            lang.text(super::body_limit::TOO_LARGE),
        )
            .into_response();
    };
    let posted = PostedForm(Arc::from(body.as_ref()));
    let services = state.services.clone();
    let options = state.leptos_options.clone();
    let context_options = options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(services.clone());
            app::i18n::provide_language();
            provide_context(context_options.clone());
            provide_context(posted.clone());
            super::page_policy::keep_nonce();
        },
        move || shell(options.clone()),
    );
    render(Request::from_parts(parts, Body::empty())).await
}
