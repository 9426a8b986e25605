//! Which language a response is in, and the switcher that changes it.
//!
//! Every request gets its [`Lang`] here, before the page cache and the pages: the
//! person's choice, else the first language of `Accept-Language` that Portico speaks
//! (parsed and ordered by weight by the `accept-language` crate), else English. The
//! choice is the signed-in person's language (their profile's, which log-in puts in the
//! session), else the `lang` cookie that the switcher sets; a signed-in person's cookie
//! is brought in line with their profile. URLs are the same in every language; responses
//! say that they vary by both headers.
use ::cookie::time::Duration;
use ::cookie::{Cookie, SameSite};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use tower_sessions::Session;

use app::api::SharedServices;
use app::i18n::Lang;

/// The cookie that keeps a person's choice (a year: it is a preference, not a secret).
pub const COOKIE: &str = "lang";
const COOKIE_MAX_AGE_SECONDS: i64 = 365 * 24 * 60 * 60;

/// The value of the language cookie among a request's cookies.
pub fn chosen(headers: &HeaderMap) -> Option<&str> {
    cookies(headers).find_map(|cookie| (cookie.name() == COOKIE).then(|| cookie.value_raw())?)
}

/// Whether every cookie the request carries is the language cookie (so no session: the
/// page cache may answer it, with the language in its key).
pub fn only_the_language_cookie(headers: &HeaderMap) -> bool {
    cookies(headers).all(|cookie| cookie.name() == COOKIE)
}

/// The request's cookies, read by the `cookie` crate from every `Cookie` header (HTTP/2
/// may send several). A pair it cannot read is left out, as the session layer (through
/// the same crate) leaves it out.
fn cookies(headers: &HeaderMap) -> impl Iterator<Item = Cookie<'_>> {
    headers
        .get_all(header::COOKIE)
        .into_iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
}

/// The language of a request, from its headers.
pub fn of_request(headers: &HeaderMap) -> Lang {
    let accept_language = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    Lang::negotiate(chosen(headers), accept_language)
}

/// The middleware: the request's language goes into its extensions (where the pages,
/// server functions and page cache find it), and the response says what it varied by.
pub async fn choose(
    State(SecureCookies(secure)): State<SecureCookies>,
    mut request: Request,
    next: Next,
) -> Response {
    let profile = match profile_session(&request) {
        Some(session) => language_in(session).await,
        None => None,
    };
    // A signed-in person's cookie that says otherwise is brought in line below.
    let (lang, cookie_to_set) = match profile {
        Some(lang) => {
            let cookie = chosen(request.headers()).and_then(Lang::of_tag);
            (lang, (cookie != Some(lang)).then_some(lang))
        }
        None => (of_request(request.headers()), None),
    };
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.append(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    if let Some(lang) = cookie_to_set {
        if let Ok(value) = HeaderValue::from_str(&cookie(lang, secure)) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// The signed-in person's language, if they have one. (Only pages and server functions
/// ask: the assets under `/pkg` do not load a session.)
fn profile_session(request: &Request) -> Option<Session> {
    if request.uri().path().starts_with("/pkg/") {
        return None;
    }
    // Cloned: a borrowed request (its body is not `Sync`) cannot be held across an await.
    request.extensions().get::<Session>().cloned()
}

async fn language_in(session: Session) -> Option<Lang> {
    let tag: String = session
        .get(crate::services::session::keys::names::LANGUAGE)
        .await
        .ok()
        .flatten()?;
    Lang::of_tag(&tag)
}

#[derive(Deserialize)]
pub struct Switch {
    lang: String,
    /// The page the switcher was on, to go back to.
    #[serde(default)]
    back: String,
}

/// Whether the cookie may only travel over HTTPS.
#[derive(Clone, Copy)]
pub struct SecureCookies(pub bool);

/// `POST /language`: keeps the choice in the cookie and, for a signed-in person, in their
/// profile; then back to the page (a path of this site only: never an open redirect).
pub async fn switch(
    State((services, SecureCookies(secure))): State<(SharedServices, SecureCookies)>,
    session: Session,
    headers: HeaderMap,
    Form(switch): Form<Switch>,
) -> Response {
    let Some(lang) = Lang::of_tag(&switch.lang) else {
        let message = of_request(&headers).text("language-unknown");
        return (StatusCode::UNPROCESSABLE_ENTITY, message).into_response();
    };
    if services
        .set_preferred_language(&session, lang)
        .await
        .is_err()
    {
        tracing::warn!("the language choice could not be saved in the profile");
    }
    let back = if is_local_path(&switch.back) {
        switch.back.as_str()
    } else {
        "/"
    };
    let mut response = Redirect::to(back).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&cookie(lang, secure)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The `Set-Cookie` value that keeps `lang` as the person's choice.
pub fn cookie(lang: Lang, secure: bool) -> String {
    Cookie::build((COOKIE, lang.tag()))
        .path("/")
        .max_age(Duration::seconds(COOKIE_MAX_AGE_SECONDS))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(secure)
        .to_string()
}

/// A path on this site (`/csp/register?x=1`), not another site (`//evil.example`,
/// `https://…`, `/\evil.example`).
fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with("/\\")
        && !path.chars().any(|c| c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn a_choice_beats_the_browser_languages_which_beat_english() {
        let german_browser = ("accept-language", "de-DE,de;q=0.9,en;q=0.8");
        assert_eq!(of_request(&headers(&[german_browser])).tag(), "de");
        assert_eq!(
            of_request(&headers(&[
                german_browser,
                ("cookie", "portico_session=x; lang=en")
            ]))
            .tag(),
            "en"
        );
        assert_eq!(
            of_request(&headers(&[("accept-language", "fr;q=1, de;q=0.5")])).tag(),
            "de",
            "the first language by weight that Portico speaks"
        );
        assert_eq!(
            of_request(&headers(&[("accept-language", "en;q=0.2, de;q=0.8")])).tag(),
            "de",
            "weights, not the order written"
        );
        assert_eq!(
            of_request(&headers(&[("accept-language", "fr")])).tag(),
            "en"
        );
        assert_eq!(
            of_request(&headers(&[("cookie", "lang=xx")])).tag(),
            "en",
            "an unknown choice is ignored"
        );
    }

    #[test]
    fn only_a_request_with_no_cookie_but_the_language_may_be_answered_from_a_template() {
        assert!(only_the_language_cookie(&headers(&[])));
        assert!(only_the_language_cookie(&headers(&[("cookie", "lang=de")])));
        assert!(!only_the_language_cookie(&headers(&[(
            "cookie",
            "lang=de; portico_session=abc"
        )])));
    }

    #[test]
    fn the_language_cookie_is_read_by_its_exact_name_from_every_cookie_header() {
        let choice = |cookies: &[&'static str]| {
            let pairs: Vec<_> = cookies.iter().map(|c| ("cookie", *c)).collect();
            of_request(&headers(&pairs)).tag()
        };
        assert_eq!(choice(&["portico_session=x;lang=de; other=1"]), "de");
        assert_eq!(
            choice(&["portico_session=x", "lang=de"]),
            "de",
            "two headers"
        );
        assert_eq!(choice(&[" lang = de "]), "de", "space around the pair");
        assert_eq!(choice(&["xlang=de"]), "en", "a name that only ends in lang");
        assert_eq!(choice(&["language=de; lang_old=de"]), "en");
        assert_eq!(choice(&["xlang=en; lang=de"]), "de");
        assert_eq!(choice(&["lang=de; lang=en"]), "de", "the first of two");
        assert!(!only_the_language_cookie(&headers(&[(
            "cookie", "xlang=de"
        )])));
        assert!(!only_the_language_cookie(&headers(&[
            ("cookie", "lang=de"),
            ("cookie", "portico_session=abc")
        ])));
    }

    #[test]
    fn the_choice_is_kept_a_year_for_the_whole_site_and_sent_only_over_https_when_secure() {
        for secure in [false, true] {
            let set = cookie(Lang::of_tag("de").unwrap(), secure);
            let parsed = Cookie::parse(set.as_str()).unwrap();
            assert_eq!(parsed.name_value(), ("lang", "de"));
            assert_eq!(parsed.path(), Some("/"));
            assert_eq!(parsed.max_age(), Some(Duration::days(365)));
            assert_eq!(parsed.same_site(), Some(SameSite::Lax));
            assert_eq!(parsed.http_only(), Some(true));
            assert_eq!(parsed.secure().unwrap_or(false), secure, "{set}");
        }
    }

    #[test]
    fn the_switcher_goes_back_only_to_a_page_of_this_site() {
        assert!(is_local_path("/csp/register"));
        assert!(is_local_path("/csp/log-in?next=%2Fcsp%2Fprofile"));
        assert!(!is_local_path("//evil.example/"));
        assert!(!is_local_path("/\\evil.example/"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path(""));
    }
}
