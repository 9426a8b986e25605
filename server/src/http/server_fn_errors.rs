//! Server functions answer every error with a 500, even when the request itself was
//! malformed. This layer turns the errors that mean "bad input" (the arguments could not
//! be read) into a 400, so that a 500 means only that the server failed.
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

/// How server_fn encodes its argument errors at the start of the body.
const BAD_INPUT_PREFIXES: [&[u8]; 3] = [b"Args|", b"Deserialization|", b"MissingArg|"];

pub async fn bad_input_is_4xx(request: Request, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if BAD_INPUT_PREFIXES.iter().any(|p| bytes.starts_with(p)) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
