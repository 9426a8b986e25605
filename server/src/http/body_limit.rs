//! Bodies larger than a form can be are refused with 413. A declared size up to a
//! megabyte is read (and dropped) first: a server that answers before the client has
//! finished sending may reset the connection under it, and the client then sees a
//! network error instead of the 413 and its message. Larger bodies are refused at once,
//! and bodies without a declared size are cut off by `RequestBodyLimitLayer` as they are
//! read. The body is read piece by piece and each piece dropped, never held whole: 64
//! clients sending a megabyte each would otherwise hold 64 MB.
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::MAX_BODY_BYTES;

/// The most an oversized body is read before it is refused.
const READ_BEFORE_REFUSING: usize = 1024 * 1024;

/// The key of the message that answers a body too large.
pub const TOO_LARGE: &str = "http-form-too-large";

pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    match declared {
        Some(size) if size > MAX_BODY_BYTES => {
            let lang = super::language::of_request(request.headers());
            if size <= READ_BEFORE_REFUSING {
                drain(request.into_body(), READ_BEFORE_REFUSING).await;
            }
            (StatusCode::PAYLOAD_TOO_LARGE, lang.text(TOO_LARGE)).into_response()
        }
        _ => next.run(request).await,
    }
}

/// Reads and drops up to `limit` bytes of `body`.
async fn drain(body: Body, limit: usize) {
    let mut stream = body.into_data_stream();
    let mut read = 0;
    while let Some(Ok(piece)) = futures::StreamExt::next(&mut stream).await {
        read += piece.len();
        if read >= limit {
            break;
        }
    }
}
