//! The two pages of the authorization flow that Portico draws itself: the error page
//! (an app or address it cannot send the person back to) and the consent page. Plain
//! HTML with the site's stylesheet, no script: both must work without JavaScript, and
//! neither needs more.
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use crate::http::AppState;
use crate::services::oidc::consent::ConsentView;
use crate::services::oidc::requests::PageError;
use app::i18n::Lang;

fn page(state: &AppState, lang: Lang, title: &str, head: Markup, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.tag()) {
                head {
                    meta charset="utf-8";
                    (head)
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · Portico" }
                    link rel="stylesheet" href=(app::shell::stylesheet_href(&state.leptos_options));
                }
                body {
                    main class="site-main" id="main" { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// Never stored: the consent page names a waiting authorization, the error page a request.
fn not_stored(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// 400, in the person's language, and no redirect: the request names no app and address
/// that an error could safely go back to.
pub fn error(state: &AppState, lang: Lang, error: PageError) -> Response {
    let title = lang.text("oidc-error-title");
    let body = html! {
        h1 { (title) }
        p class="lead" { (lang.text(error.message())) }
        p { (lang.text("oidc-error-what-now")) }
    };
    not_stored(
        (
            StatusCode::BAD_REQUEST,
            page(state, lang, &title, html! {}, body),
        )
            .into_response(),
    )
}

/// The way back to the app after a form (the log-in, the consent): a page that goes on by
/// itself, not a redirect. A redirect would end the form's submission at the app's
/// address, which the form's page's Content-Security-Policy (`form-action 'self'`) blocks
/// in the browser.
pub fn continue_to_app(state: &AppState, lang: Lang, to: &str) -> Response {
    let title = lang.text("oidc-continue-title");
    let body = html! {
        h1 { (title) }
        p { a class="button" href=(to) { (lang.text("oidc-continue-link")) } }
    };
    let head = html! { meta http-equiv="refresh" content=(format!("0; url={to}")); };
    not_stored(page(state, lang, &title, head, body).into_response())
}

/// "<App> would like to …": what the app will receive, with "Allow" and "Cancel".
pub fn consent(state: &AppState, lang: Lang, id: &str, view: &ConsentView) -> Response {
    let title = lang.text_with("oidc-consent-title", &[("app", view.app_name.clone())]);
    let body = html! {
        h1 { (title) }
        @if let Some(description) = &view.app_description {
            p class="lead" { (description) }
        }
        p { (lang.text_with("oidc-consent-receives", &[("app", view.app_name.clone())])) }
        ul {
            @for key in &view.receives { li { (lang.text(key)) } }
        }
        form class="form" method="post" action=(format!("/oidc/consent/{id}")) {
            button class="button" type="submit" name="decision" value="allow" {
                (lang.text("oidc-consent-allow"))
            }
            " "
            button class="button button--secondary" type="submit" name="decision" value="cancel" {
                (lang.text("oidc-consent-cancel"))
            }
        }
    };
    not_stored(page(state, lang, &title, html! {}, body).into_response())
}
