//! `GET|POST /oidc/userinfo`: the claims an access token stands for. The token comes in
//! the `Authorization: Bearer` header, or (POST) as `access_token` in a form body
//! (RFC 6750 §2.1, §2.2), never both.
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::Value;

use super::protocol::{json_answer, Form, ProtocolError};
use crate::http::AppState;

pub async fn userinfo(
    State(state): State<AppState>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = match presented_token(&method, &headers, &body) {
        Ok(Some(token)) => token,
        // RFC 6750 §3.1: a request without credentials gets the challenge, no error code.
        Ok(None) => return no_token(),
        Err(refused) => return refused.into_response(),
    };
    match state.provider.userinfo_at(&token, Utc::now()).await {
        Ok(Some(claims)) => json_answer(StatusCode::OK, &Value::Object(claims)),
        Ok(None) => ProtocolError::invalid_token().into_response(),
        Err(error) => ProtocolError::internal(error).into_response(),
    }
}

fn presented_token(
    method: &Method,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Option<String>, ProtocolError> {
    let from_header = match headers.get(header::AUTHORIZATION) {
        None => None,
        Some(value) => {
            let value = value.to_str().map_err(|_| ProtocolError::invalid_token())?;
            match value.split_once(' ') {
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                    Some(token.trim().to_owned())
                }
                _ => return Err(ProtocolError::invalid_token()),
            }
        }
    };
    let from_body = if method == Method::POST {
        Form::parse(headers, body)?
            .get("access_token")
            .map(str::to_owned)
    } else {
        None
    };
    match (from_header, from_body) {
        (Some(_), Some(_)) => Err(ProtocolError::invalid_request(
            "send the access token one way, not two",
        )),
        (token, None) | (None, token) => Ok(token),
    }
}

fn no_token() -> Response {
    let mut response = StatusCode::UNAUTHORIZED.into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(r#"Bearer realm="portico""#),
    );
    response
}
