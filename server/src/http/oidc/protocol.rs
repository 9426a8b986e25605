//! What the protocol endpoints share: their form bodies, read strictly (RFC 6749 §3.2: a
//! parameter at most once), and their JSON answers, never cached (§5.1), errors as
//! §5.2 names them.
use std::borrow::Cow;
use std::collections::HashMap;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::services::oidc::tokens::Refusal;

/// More than any request of these endpoints carries: a longer value is not ours.
const LONGEST_VALUE: usize = 4096;
const MOST_PARAMETERS: usize = 32;

/// A refusal as the app's developer reads it: a status, an `error` code and why.
#[derive(Debug)]
pub struct ProtocolError {
    status: StatusCode,
    error: &'static str,
    description: Cow<'static, str>,
    /// The `WWW-Authenticate` challenge to send with it, if any.
    challenge: Option<&'static str>,
}

impl ProtocolError {
    /// A 400 with `error`.
    pub fn bad(error: &'static str, description: impl Into<Cow<'static, str>>) -> Self {
        ProtocolError {
            status: StatusCode::BAD_REQUEST,
            error,
            description: description.into(),
            challenge: None,
        }
    }

    pub fn invalid_request(description: impl Into<Cow<'static, str>>) -> Self {
        Self::bad("invalid_request", description)
    }

    /// 401 `invalid_client`; with the Basic challenge when the client used Basic (§5.2).
    pub fn invalid_client(description: &'static str, used_basic: bool) -> Self {
        ProtocolError {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description: description.into(),
            challenge: used_basic.then_some(r#"Basic realm="portico""#),
        }
    }

    /// 401 with a Bearer challenge (RFC 6750 §3.1).
    pub fn invalid_token() -> Self {
        ProtocolError {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_token",
            description: "the access token is unknown, expired or revoked".into(),
            challenge: Some(r#"Bearer error="invalid_token""#),
        }
    }

    /// Something on our side: logged, and said without details.
    pub fn internal(error: impl std::fmt::Display) -> Self {
        tracing::error!(%error, "an OpenID Connect endpoint failed");
        ProtocolError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: "something went wrong on our side".into(),
            challenge: None,
        }
    }
}

impl From<Refusal> for ProtocolError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::InvalidRequest(why) => Self::bad("invalid_request", why),
            Refusal::InvalidGrant(why) => Self::bad("invalid_grant", why),
            Refusal::InvalidScope(why) => Self::bad("invalid_scope", why),
        }
    }
}

impl IntoResponse for ProtocolError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.error, "error_description": self.description });
        let mut response = json_answer(self.status, &body);
        if let Some(challenge) = self.challenge {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        response
    }
}

/// A JSON answer that no cache keeps (it holds tokens, or says why there are none).
pub fn json_answer(status: StatusCode, body: &Value) -> Response {
    let headers = [
        (header::CACHE_CONTROL, "no-store"),
        (header::PRAGMA, "no-cache"),
        (header::CONTENT_TYPE, "application/json"),
    ];
    (status, headers, body.to_string()).into_response()
}

/// A form body's parameters, each at most once.
#[derive(Debug, Default)]
pub struct Form(HashMap<String, String>);

impl Form {
    /// Reads an `application/x-www-form-urlencoded` body. Bad UTF-8 (raw or
    /// percent-encoded), a repeated parameter, a huge value or another content type is
    /// refused as `invalid_request`.
    pub fn parse(headers: &HeaderMap, body: &[u8]) -> Result<Self, ProtocolError> {
        if body.is_empty() {
            return Ok(Form::default());
        }
        let form_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| {
                value
                    .to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        if !form_type {
            return Err(ProtocolError::invalid_request(
                "the body must be application/x-www-form-urlencoded",
            ));
        }
        let mut parameters = HashMap::new();
        for pair in body.split(|&b| b == b'&').filter(|pair| !pair.is_empty()) {
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &[][..]),
            };
            let (name, value) = (decode(name)?, decode(value)?);
            if value.len() > LONGEST_VALUE || parameters.len() >= MOST_PARAMETERS {
                return Err(ProtocolError::invalid_request(
                    "a parameter is too long, or there are too many",
                ));
            }
            if parameters.contains_key(&name) {
                return Err(ProtocolError::invalid_request(format!(
                    "{name} is given more than once"
                )));
            }
            parameters.insert(name, value);
        }
        Ok(Form(parameters))
    }

    /// A parameter, an empty one counting as absent (RFC 6749 §3.1).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn require(&self, name: &'static str) -> Result<&str, ProtocolError> {
        self.get(name)
            .ok_or_else(|| ProtocolError::invalid_request(format!("{name} is missing")))
    }
}

/// One name or value of a form body (`+` is a space), which must be UTF-8.
pub fn decode(raw: &[u8]) -> Result<String, ProtocolError> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_encoding::percent_decode(&spaced)
        .decode_utf8()
        .map(Cow::into_owned)
        .map_err(|_| ProtocolError::invalid_request("the body is not UTF-8"))
}
