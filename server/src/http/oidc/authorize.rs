//! `/oidc/authorize` (GET, and POST with a form body as OIDC Core §3.1.2.1 allows), its
//! resumption after a log-in, and the consent page of third-party apps. Thin: the
//! services decide (`services/oidc/`), this reads the request and shapes the answer.
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use chrono::Utc;
use tower_sessions::Session;

use super::pages;
use crate::http::{language, AppState};
use crate::services::oidc::authorize::{error_to_app, Decision};
use crate::services::oidc::consent::ConsentPage;
use crate::services::oidc::requests::{self, Checked, PageError};
use crate::services::ServiceError;
use app::i18n::Lang;

pub async fn get(
    State(state): State<AppState>,
    session: Session,
    Extension(lang): Extension<Lang>,
    RawQuery(query): RawQuery,
) -> Response {
    authorize(&state, &session, lang, &query.unwrap_or_default()).await
}

pub async fn post(
    State(state): State<AppState>,
    session: Session,
    Extension(lang): Extension<Lang>,
    body: Bytes,
) -> Response {
    let Ok(body) = std::str::from_utf8(&body) else {
        return pages::error(&state, lang, PageError::Malformed);
    };
    authorize(&state, &session, lang, body).await
}

async fn authorize(state: &AppState, session: &Session, lang: Lang, encoded: &str) -> Response {
    let provider = &state.provider;
    let checked = match requests::check(&provider.db, encoded).await {
        Ok(checked) => checked,
        Err(error) => return failed(state, lang, error.into()),
    };
    let request = match checked {
        Checked::Page(error) => return pages::error(state, lang, error),
        Checked::ToApp {
            redirect_uri,
            state: app_state,
            error,
        } => {
            let issuer = provider.oidc_issuer();
            return answer(
                state,
                error_to_app(&redirect_uri, app_state.as_deref(), &error, issuer),
            );
        }
        Checked::Valid(request) => *request,
    };
    match provider.authorize(session, request, Utc::now()).await {
        Ok(decision) => answer(state, decision),
        Err(error) => failed(state, lang, error),
    }
}

/// `/oidc/authorize/resume/{id}`: where the log-in sends the person back.
pub async fn resume(
    State(state): State<AppState>,
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
) -> Response {
    match state
        .provider
        .resume_authorization(&session, &id, Utc::now())
        .await
    {
        Ok(Some(decision)) => answer_after_form(&state, lang, decision),
        Ok(None) => pages::error(&state, lang, PageError::Expired),
        Err(error) => failed(&state, lang, error),
    }
}

/// `GET /oidc/consent/{id}`: what a third-party app asks for, with "Allow" and "Cancel".
pub async fn consent_page(
    State(state): State<AppState>,
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
) -> Response {
    match state.provider.consent_page(&session, &id, Utc::now()).await {
        Ok(ConsentPage::Show(view)) => pages::consent(&state, lang, &id, &view),
        Ok(ConsentPage::GoTo(decision)) => answer(&state, decision),
        Ok(ConsentPage::Expired) => pages::error(&state, lang, PageError::Expired),
        Err(error) => failed(&state, lang, error),
    }
}

/// `POST /oidc/consent/{id}`: the person's answer, a plain form post (`decision=allow` or
/// `cancel`), same-origin like every other.
pub async fn consent_answer(
    State(state): State<AppState>,
    session: Session,
    Extension(lang): Extension<Lang>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let allow = url::form_urlencoded::parse(&body).any(|(n, v)| n == "decision" && v == "allow");
    let answered = state
        .provider
        .answer_consent(&session, &id, allow, Utc::now());
    match answered.await {
        Ok(Some(decision)) => answer_after_form(&state, lang, decision),
        Ok(None) => pages::error(&state, lang, PageError::Expired),
        Err(error) => failed(&state, lang, error),
    }
}

/// A 303 to where the decision goes; the app's language wish becomes the person's choice
/// as the language switcher makes it (the `lang` cookie).
fn answer(state: &AppState, decision: Decision) -> Response {
    let (to, ui_locales) = match decision {
        Decision::ToApp(to) => (to, None),
        Decision::ToPortico { to, ui_locales } => (to, ui_locales),
    };
    let Ok(location) = HeaderValue::from_str(&to) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response();
    let wished = ui_locales
        .as_deref()
        .and_then(|locales| locales.split(' ').find_map(Lang::of_tag));
    if let Some(lang) = wished {
        let secure = state.provider.public_url.starts_with("https://");
        if let Ok(cookie) = HeaderValue::from_str(&language::cookie(lang, secure)) {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    response
}

/// As [`answer`], where the request may be the end of a form's submission (the log-in
/// redirects to the resumption, the consent page posts): the app is reached through a
/// page, Portico's own pages by a redirect.
fn answer_after_form(state: &AppState, lang: Lang, decision: Decision) -> Response {
    match decision {
        Decision::ToApp(to) => pages::continue_to_app(state, lang, &to),
        decision => answer(state, decision),
    }
}

fn failed(state: &AppState, lang: Lang, error: ServiceError) -> Response {
    tracing::error!(%error, "an authorization failed");
    let mut page = pages::error(state, lang, PageError::Malformed);
    *page.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    page
}
