//! Requests whose target is not a path: `CONNECT host:port` (authority form) and
//! `OPTIONS *` (asterisk form) address a proxy or the server as a whole, never a page.
//! They are answered 400 here, before any handler sees them (leptos_axum's fallback
//! expects a path and panicked on them).
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_targets_without_a_path(request: Request, next: Next) -> Response {
    if has_a_path(request.method(), request.uri()) {
        next.run(request).await
    } else {
        (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "This server answers requests for its pages only: the request's target must be a path.\n",
        )
            .into_response()
    }
}

fn has_a_path(method: &Method, uri: &axum::http::Uri) -> bool {
    method != Method::CONNECT && uri.path().starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authority_and_asterisk_forms_have_no_path() {
        let uri = |s: &str| s.parse::<axum::http::Uri>().unwrap();
        assert!(!has_a_path(&Method::CONNECT, &uri("127.0.0.1:22")));
        assert!(!has_a_path(&Method::GET, &uri("127.0.0.1:22")));
        assert!(!has_a_path(&Method::OPTIONS, &uri("*")));
        assert!(has_a_path(&Method::GET, &uri("/csp/register")));
        assert!(has_a_path(&Method::GET, &uri("http://example.com/csp")));
        assert!(has_a_path(&Method::GET, &uri("http://example.com")));
    }
}
