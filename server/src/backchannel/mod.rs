//! Back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a Portico login ends,
//! every app it signed in to that registered a `backchannel_logout_uri` is told, server to
//! server, with a signed logout token. The deliveries are written in the transaction that
//! ended the login (`services::support::app_sessions`); `BackchannelWorker` posts them
//! through [`crate::outbound`] (so `OUTBOUND_ALLOW_RANGES` applies) and retries with the
//! outbox's backoff.
mod worker;

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use serde_json::{json, Value};

use crate::db::entities::backchannel_delivery;
use crate::signing::store::StoreError;
pub use worker::BackchannelWorker;

/// The `User-Agent` of the posts.
pub const USER_AGENT: &str = "Portico-Logout/1";

/// After this many failed attempts (about half an hour of backoff) a logout is given up.
pub const MAX_ATTEMPTS: i32 = 12;

/// How long a logout token is good for (what oidc-provider uses): it is signed afresh at
/// each attempt, so it never has to outlive the retries.
pub const TOKEN_LIFETIME: Duration = Duration::minutes(2);

/// The event a logout token carries.
pub const LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

/// The explicit type of a logout token (the final 1.0 spec, §2.4).
pub const LOGOUT_TOKEN_TYPE: &str = "logout+jwt";

/// The claims of the logout token for `delivery`, issued at `now`. No `nonce`: the spec
/// forbids one, so that a logout token cannot pass for an ID token.
pub fn logout_claims(
    issuer: &str,
    delivery: &backchannel_delivery::Model,
    now: DateTime<Utc>,
) -> Value {
    let mut claims = json!({
        "iss": issuer,
        "aud": delivery.client_id,
        "iat": now.timestamp(),
        "exp": (now + TOKEN_LIFETIME).timestamp(),
        "jti": delivery.jti,
        "events": { LOGOUT_EVENT: {} },
    });
    if let Some(sub) = &delivery.sub {
        claims["sub"] = json!(sub);
    }
    if let Some(sid) = &delivery.sid {
        claims["sid"] = json!(sid);
    }
    claims
}

/// Starts posting logouts (beside the webhook worker), through a client that keeps to
/// `OUTBOUND_ALLOW_RANGES`.
pub fn start_worker(
    db: DatabaseConnection,
    config: &crate::config::Config,
    secrets: crate::secrets::SecretBox,
) -> anyhow::Result<()> {
    let policy = crate::outbound::OutboundPolicy::allowing(config.outbound_allow.clone());
    let outbound = crate::outbound::Outbound::new(policy, USER_AGENT)
        .map_err(|error| anyhow::anyhow!("building the HTTP client for logouts: {error}"))?;
    tokio::spawn(BackchannelWorker::new(db, outbound, &config.public_url, secrets).run());
    Ok(())
}

/// The signed logout token, with the app's ID-token algorithm.
pub async fn logout_token(
    db: &DatabaseConnection,
    secrets: &crate::secrets::SecretBox,
    issuer: &str,
    alg: &str,
    delivery: &backchannel_delivery::Model,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let claims = logout_claims(issuer, delivery, now);
    let ring = crate::signing::KeyRing::load(db, secrets, now).await?;
    Ok(crate::signing::jws::compact(
        &ring,
        LOGOUT_TOKEN_TYPE,
        &claims,
        alg,
    )?)
}
