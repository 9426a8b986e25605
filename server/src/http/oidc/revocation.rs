//! `POST /oidc/revoke` (RFC 7009): an app gives back a token.
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;

use super::client_auth::authenticate;
use super::protocol::{Form, ProtocolError};
use crate::http::AppState;

pub async fn revoke(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match answer(&state, &headers, &body).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(refused) => refused.into_response(),
    }
}

async fn answer(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<(), ProtocolError> {
    let form = Form::parse(headers, body)?;
    let client = authenticate(&state.provider, headers, &form).await?;
    // `token_type_hint` is only a hint (§2.1): both kinds are looked up anyway.
    let token = form.require("token")?;
    match state
        .provider
        .revoke_token_at(&client, token, Utc::now())
        .await
    {
        Ok(Ok(())) => Ok(()),
        Ok(Err(refusal)) => Err(refusal.into()),
        Err(error) => Err(ProtocolError::internal(error)),
    }
}
