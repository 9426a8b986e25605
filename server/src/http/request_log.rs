//! Every request gets an id, a span that puts the id into every log line written while it
//! is handled, a line in the log when it is answered, and its count and latency in the
//! metrics.
//!
//! The id is the `X-Request-Id` a proxy sent, when it is a plausible id, else a new one;
//! the response carries it back. (tower-http's request-id layers would keep any value a
//! client sends, however long or strange, and it goes into log lines.)
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

use crate::observability::metrics as measure;

pub const REQUEST_ID: &str = "x-request-id";

/// Routes that probes and scrapers call every few seconds: logged at debug level only.
const QUIET_ROUTES: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

pub async fn observe(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .filter(|id| is_plausible_id(id))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
    let header = HeaderValue::from_str(&id).ok();
    if let Some(header) = &header {
        request.headers_mut().insert(REQUEST_ID, header.clone());
    }
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |path| path.as_str())
        .to_owned();
    let method = request.method().clone();
    // An error-level span exists whenever any line can be logged, so that even a warning
    // written under RUST_LOG=warn names its request.
    let span =
        tracing::error_span!("request", id = %id, method = %method, path = %request.uri().path());
    let mut response = next.run(request).instrument(span.clone()).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    measure::request_answered(&route, &method, status, took);
    span.in_scope(|| {
        let millis = took.as_secs_f64() * 1000.0;
        if QUIET_ROUTES.contains(&route.as_str()) {
            tracing::debug!(status, millis, "answered");
        } else {
            tracing::info!(status, millis, "answered");
        }
    });
    if let Some(header) = header {
        response.headers_mut().insert(REQUEST_ID, header);
    }
    response
}

/// Up to 64 characters of letters, digits, `-`, `_` and `.`: what proxies generate.
fn is_plausible_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_short_plain_ids_are_kept() {
        assert!(is_plausible_id("3f2a9c1e-7b6d-4e3f-9a8b-1c2d3e4f5a6b"));
        assert!(!is_plausible_id(""));
        assert!(!is_plausible_id("id with spaces"));
        assert!(!is_plausible_id("line\nbreak"));
        assert!(!is_plausible_id(&"a".repeat(65)));
    }
}
