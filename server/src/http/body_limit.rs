//! Bodies larger than a form can be are refused with 413. A declared size up to a
//! megabyte is read (and dropped) first: a server that answers before the client has
//! finished sending may reset the connection under it, and the client then sees a
//! network error instead of the 413 and its message. Larger bodies are refused at once,
//! and bodies without a declared size are cut off by `RequestBodyLimitLayer` as they are
//! read.
use axum::body::to_bytes;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::MAX_BODY_BYTES;

/// The most an oversized body is read before it is refused.
const READ_BEFORE_REFUSING: usize = 1024 * 1024;

pub const TOO_LARGE: &str = "The form is too large. Please shorten what you typed and try again.";

pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    match declared {
        Some(size) if size > MAX_BODY_BYTES => {
            if size <= READ_BEFORE_REFUSING {
                let _ = to_bytes(request.into_body(), READ_BEFORE_REFUSING).await;
            }
            (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE).into_response()
        }
        _ => next.run(request).await,
    }
}
