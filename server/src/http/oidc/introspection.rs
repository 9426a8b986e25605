//! `POST /oidc/introspect` (RFC 7662): for confidential apps (and so their resource
//! servers, with the app's credentials) only.
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::Value;

use super::client_auth::authenticate;
use super::protocol::{json_answer, Form, ProtocolError};
use crate::http::AppState;

pub async fn introspect(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match answer(&state, &headers, &body).await {
        Ok(answer) => json_answer(StatusCode::OK, &answer),
        Err(refused) => refused.into_response(),
    }
}

async fn answer(
    state: &AppState,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Value, ProtocolError> {
    let form = Form::parse(headers, body)?;
    let client = authenticate(&state.provider, headers, &form).await?;
    if client.is_public() {
        // A public app's id is no secret: anyone could ask about its tokens.
        return Err(ProtocolError::invalid_client(
            "introspection is for confidential clients",
            false,
        ));
    }
    let token = form.require("token")?;
    state
        .provider
        .introspect_at(&client, token, Utc::now())
        .await
        .map_err(ProtocolError::internal)
}
