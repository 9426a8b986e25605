//! `/oidc/jwks`: the public keys that verify our tokens — the current key of each
//! algorithm, a rotated key before it signs, and a retired one until its tokens expire.
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use crate::services::Portico;

pub const PATH: &str = "/oidc/jwks";

/// As long as an instance keeps its keys (`signing::key_ring::RELOAD_INTERVAL`); a new
/// key is published for twice that before it signs (`signing::store::PUBLISH_LEAD`).
const MAX_AGE_SECONDS: u32 = 60;

pub async fn key_set(State(portico): State<Arc<Portico>>) -> Response {
    let ring = match portico.keys.ring(&portico.db, chrono::Utc::now()).await {
        Ok(ring) => ring,
        Err(error) => return super::internal_error("the signing keys", &error),
    };
    match serde_json::to_string(&ring.jwks()) {
        Ok(json) => super::public_json(json, MAX_AGE_SECONDS),
        Err(error) => super::internal_error("the JWKS", &error),
    }
}
