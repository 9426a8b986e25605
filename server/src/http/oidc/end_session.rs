//! `/oidc/logout` (GET and POST, RP-Initiated Logout 1.0) and the confirmation it may ask
//! for. The decisions are `services::oidc::end_session`'s; this parses and answers: a
//! redirect back to the app, or a small page of Portico's own (an error, the question, or
//! "you are logged out"). The confirmation posts to `/oidc/logout/confirm`, which is not
//! one of `CROSS_SITE_PATHS`: the same-origin check keeps another site from pressing it.
use std::sync::Arc;

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use leptos::config::LeptosOptions;
use maud::{html, Markup, DOCTYPE};
use serde::Deserialize;
use tower_sessions::Session;

use crate::http::NO_SCRIPT_POLICY;
use crate::services::oidc::end_session::{EndSession, LogoutRequest};
use crate::services::Portico;
use app::i18n::Lang;

/// Where the confirmation's "Log out" posts to.
pub const CONFIRM_PATH: &str = "/oidc/logout/confirm";

/// The confirmation's hidden fields: where to go back to afterwards.
#[derive(Debug, Default, Deserialize)]
pub struct Confirmation {
    client_id: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
}

pub async fn by_get(
    State(portico): State<Arc<Portico>>,
    State(options): State<LeptosOptions>,
    session: Session,
    headers: HeaderMap,
    Query(request): Query<LogoutRequest>,
) -> Response {
    let decided = portico
        .end_session_at(&session, request, chrono::Utc::now())
        .await;
    answer(decided, &options, &headers)
}

pub async fn by_post(
    State(portico): State<Arc<Portico>>,
    State(options): State<LeptosOptions>,
    session: Session,
    headers: HeaderMap,
    Form(request): Form<LogoutRequest>,
) -> Response {
    let decided = portico
        .end_session_at(&session, request, chrono::Utc::now())
        .await;
    answer(decided, &options, &headers)
}

pub async fn confirm(
    State(portico): State<Arc<Portico>>,
    State(options): State<LeptosOptions>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<Confirmation>,
) -> Response {
    let decided = portico
        .confirm_end_session_at(
            &session,
            form.client_id,
            form.post_logout_redirect_uri,
            form.state,
        )
        .await;
    answer(decided, &options, &headers)
}

fn answer<E: std::fmt::Display>(
    decided: Result<EndSession, E>,
    options: &LeptosOptions,
    headers: &HeaderMap,
) -> Response {
    let lang = crate::http::language::of_request(headers);
    let decided = match decided {
        Ok(decided) => decided,
        Err(error) => {
            tracing::error!(%error, "RP-initiated logout failed");
            let body = html! { p { (lang.text("http-something-went-wrong")) } };
            let page = page(options, lang, "oidc-logout-refused-title", body);
            return (StatusCode::INTERNAL_SERVER_ERROR, page).into_response();
        }
    };
    match decided {
        EndSession::Refused(reason) => {
            let body = html! { p class="lead" { (lang.text(reason)) } };
            let page = page(options, lang, "oidc-logout-refused-title", body);
            (StatusCode::BAD_REQUEST, page).into_response()
        }
        EndSession::LoggedOut(Some(back)) => {
            (StatusCode::SEE_OTHER, [(header::LOCATION, back.location())]).into_response()
        }
        EndSession::LoggedOut(None) => {
            let body = html! {
                p class="lead" { (lang.text("oidc-logout-done-lead")) }
                p { a href="/" { (lang.text("oidc-logout-done-home")) } }
            };
            page(options, lang, "oidc-logout-done-title", body).into_response()
        }
        EndSession::Confirm { app, back } => {
            let lead = match app {
                Some(app) => lang.text_with("oidc-logout-confirm-app", &[("app", app)]),
                None => lang.text("oidc-logout-confirm-lead"),
            };
            let policy = policy_allowing_return(back.as_ref().map(|b| b.location()));
            let (client_id, uri, state) = back
                .map(|b| (b.client_id, b.post_logout_redirect_uri, b.state))
                .unwrap_or_default();
            let body = html! {
                p class="lead" { (lead) }
                form method="post" action=(CONFIRM_PATH) {
                    input type="hidden" name="client_id" value=(client_id);
                    input type="hidden" name="post_logout_redirect_uri" value=(uri);
                    input type="hidden" name="state" value=(state.unwrap_or_default());
                    button class="button" type="submit" { (lang.text("oidc-logout-submit")) }
                }
            };
            let page = page(options, lang, "oidc-logout-confirm-title", body);
            ([(header::CONTENT_SECURITY_POLICY, policy)], page).into_response()
        }
    }
}

/// The pages' policy, but the form may also lead to the app's return address: browsers
/// apply `form-action` to the redirect that answers the post too.
fn policy_allowing_return(location: Option<String>) -> HeaderValue {
    let origin = location
        .and_then(|l| reqwest::Url::parse(&l).ok())
        .map(|url| url.origin())
        .filter(|origin| origin.is_tuple())
        .map(|origin| origin.ascii_serialization());
    let policy = match origin {
        Some(origin) => NO_SCRIPT_POLICY.replace(
            "form-action 'self'",
            &format!("form-action 'self' {origin}"),
        ),
        None => NO_SCRIPT_POLICY.to_owned(),
    };
    // An origin as the URL parser writes it has no character a header refuses.
    HeaderValue::from_str(&policy).unwrap_or(HeaderValue::from_static(NO_SCRIPT_POLICY))
}

fn page(options: &LeptosOptions, lang: Lang, title: &str, body: Markup) -> Html<String> {
    let title = lang.text(title);
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.tag()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Portico" }
                    link rel="stylesheet" href=(app::shell::stylesheet_href(options));
                }
                body {
                    main class="site-main" id="main" {
                        h1 { (title) }
                        (body)
                    }
                }
            }
        }
        .into_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_confirmation_may_lead_to_the_apps_origin_and_nowhere_else() {
        let policy = policy_allowing_return(Some("https://rp.example:8443/out?state=x".into()));
        let policy = policy.to_str().unwrap();
        assert!(policy.contains("form-action 'self' https://rp.example:8443;"));
        assert!(!policy.contains("/out"));
        assert_eq!(policy_allowing_return(None), NO_SCRIPT_POLICY);
    }
}
