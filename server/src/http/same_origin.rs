//! Refuses state-changing requests that another site's page sent (log-in CSRF, and every
//! other cross-site post): the `SameSite=Lax` session cookie alone does not stop a page on
//! a sibling subdomain, which counts as the same site. The check is the one Go 1.25's
//! `http.CrossOriginProtection` makes: a browser that sends `Sec-Fetch-Site` must say
//! `same-origin` (or `none`, for what the person typed or bookmarked); one that does not
//! must send an `Origin` of this site; a request with neither did not come from a
//! browser, which is what cross-site forgery needs, so it passes.
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// This site's origin as browsers write it (`https://portal.example.com`).
#[derive(Clone)]
pub struct SiteOrigin(pub String);

/// The key of the message that answers a form sent from another site.
pub const CROSS_SITE: &str = "http-cross-site";

pub async fn refuse_cross_site(
    State(SiteOrigin(site)): State<SiteOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let protocol_path = super::oidc::CROSS_SITE_PATHS.contains(&request.uri().path());
    if is_safe(request.method()) || protocol_path || is_same_origin(&request, &site) {
        next.run(request).await
    } else {
        let lang = super::language::of_request(request.headers());
        (StatusCode::FORBIDDEN, lang.text(CROSS_SITE)).into_response()
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_origin(request: &Request, site: &str) -> bool {
    let headers = request.headers();
    if let Some(fetch_site) = headers.get("sec-fetch-site") {
        return matches!(fetch_site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return true;
    };
    if origin == site {
        return true;
    }
    // The address the browser used, as it sent it in `Host` (the same server reached
    // under another name, as tests do with localhost and 127.0.0.1).
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let scheme_end = origin.find("://").map_or(0, |i| i + 3);
    host.is_some_and(|host| &origin[scheme_end..] == host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method(Method::POST).uri("/csp/log-in");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    const SITE: &str = "https://portal.example.com";

    #[test]
    fn browsers_must_say_the_post_came_from_this_origin() {
        assert!(is_same_origin(
            &post(&[("sec-fetch-site", "same-origin")]),
            SITE
        ));
        assert!(is_same_origin(&post(&[("sec-fetch-site", "none")]), SITE));
        assert!(!is_same_origin(
            &post(&[("sec-fetch-site", "same-site")]),
            SITE
        ));
        assert!(!is_same_origin(
            &post(&[("sec-fetch-site", "cross-site")]),
            SITE
        ));
    }

    #[test]
    fn without_fetch_metadata_the_origin_decides() {
        assert!(is_same_origin(&post(&[("origin", SITE)]), SITE));
        assert!(!is_same_origin(
            &post(&[("origin", "https://evil.example")]),
            SITE
        ));
        assert!(!is_same_origin(
            &post(&[("origin", "https://shop.example.com")]),
            SITE
        ));
        assert!(is_same_origin(
            &post(&[
                ("origin", "http://localhost:3100"),
                ("host", "localhost:3100")
            ]),
            SITE
        ));
        assert!(!is_same_origin(&post(&[("origin", "null")]), SITE));
        assert!(is_same_origin(&post(&[]), SITE), "not a browser");
    }
}
