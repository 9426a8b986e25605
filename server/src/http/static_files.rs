//! The browser's assets under `/pkg` (WASM, JS, CSS). cargo-leptos builds them with a
//! content hash in their names (`hash-files`) and compresses them with brotli and gzip at
//! build time (`--precompress`), so they are served as they are, compressed, and cached
//! for good: a new build has new names. The server does no compression work for them.
use std::path::Path;

use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::map_response;
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

/// A year, the most a cache keeps anything; the names change with the content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Serves `dir`, preferring `name.br` (or `name.gz`) where the browser accepts it.
pub fn router(dir: &Path) -> Router {
    Router::new()
        .fallback_service(ServeDir::new(dir).precompressed_br().precompressed_gzip())
        .layer(map_response(cache_for_good))
}

async fn cache_for_good(mut response: Response) -> Response {
    if response.status() == StatusCode::OK {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    #[tokio::test]
    async fn assets_are_served_precompressed_and_cached_for_good() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("app.1a2b.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.path().join("app.1a2b.wasm.br"), b"compressed").unwrap();
        let response = router(dir.path())
            .oneshot(
                Request::get("/app.1a2b.wasm")
                    .header(header::ACCEPT_ENCODING, "br")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::CACHE_CONTROL], IMMUTABLE);
        let missing = router(dir.path())
            .oneshot(Request::get("/nope.js").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(missing.status(), StatusCode::NOT_FOUND);
        assert!(missing.headers().get(header::CACHE_CONTROL).is_none());
    }
}
