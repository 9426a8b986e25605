//! `POST /oidc/token`: a code or a refresh token for tokens (RFC 6749 §4.1.3, §6).
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::json;

use super::client_auth::authenticate;
use super::protocol::{json_answer, Form, ProtocolError};
use crate::http::AppState;
use crate::services::oidc::codes::Exchange;
use crate::services::oidc::tokens::Issued;

pub async fn token(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match answer(&state, &headers, &body).await {
        Ok(issued) => {
            let mut body = json!({
                "access_token": issued.access_token,
                "token_type": "Bearer",
                "expires_in": issued.expires_in,
                "id_token": issued.id_token,
                "scope": issued.scope,
            });
            if let Some(refresh) = issued.refresh_token {
                body["refresh_token"] = refresh.into();
            }
            json_answer(StatusCode::OK, &body)
        }
        Err(refused) => refused.into_response(),
    }
}

async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Issued, ProtocolError> {
    let portico = &state.provider;
    let form = Form::parse(headers, body)?;
    let client = authenticate(portico, headers, &form).await?;
    let now = Utc::now();
    let outcome = match form.require("grant_type")? {
        "authorization_code" => {
            let exchange = Exchange {
                code: form.require("code")?,
                redirect_uri: form.get("redirect_uri"),
                code_verifier: form.get("code_verifier"),
            };
            portico.redeem_code_at(&client, exchange, now).await
        }
        "refresh_token" => {
            let presented = form.require("refresh_token")?;
            portico
                .refresh_at(&client, presented, form.get("scope"), now)
                .await
        }
        _ => {
            return Err(ProtocolError::bad(
                "unsupported_grant_type",
                "grant_type must be authorization_code or refresh_token",
            ))
        }
    };
    match outcome {
        Ok(Ok(issued)) => Ok(issued),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => Err(ProtocolError::internal(error)),
    }
}
