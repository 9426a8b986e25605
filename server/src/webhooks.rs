//! Webhooks: other systems learn who joined. Each event is a row per subscribed endpoint,
//! written in the transaction of the change (so an event is never lost nor sent for a
//! change that rolled back); a worker posts it as JSON, signed, and retries with backoff.
//!
//! The signature, in `X-Portico-Signature`, is `t=<unix seconds>,v1=<hex HMAC-SHA256>` of
//! `<t>.<body>` with the endpoint's secret: the receiver recomputes it and refuses a
//! timestamp more than five minutes away from its clock, so that a captured request
//! cannot be replayed. Delivery is at least once (a post whose answer is lost is posted
//! again): each payload's `id` is the same on every attempt, for receivers to drop repeats.
//! Posts go out through [`crate::outbound`], which refuses private addresses.
mod worker;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use sha2::Sha256;

use crate::db::entities::outbox::OutboxState;
use crate::db::entities::{user, webhook_delivery, webhook_endpoint};
pub use worker::{Timing, WebhookWorker};

/// The `User-Agent` of the posts.
pub const USER_AGENT: &str = "Portico-Webhooks/1";

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Portico-Signature";

/// After this many failed attempts (about half an hour of backoff) a delivery is failed;
/// an administrator can retry it from `/admin/outbox`.
pub const MAX_ATTEMPTS: i32 = 12;

/// What happened, as receivers see it in `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    UserRegistered,
    UserVerified,
    RegistrationApproved,
    RegistrationRejected,
    ContactInvited,
    UserDeleted,
}

impl Event {
    pub const ALL: [Event; 6] = [
        Event::UserRegistered,
        Event::UserVerified,
        Event::RegistrationApproved,
        Event::RegistrationRejected,
        Event::ContactInvited,
        Event::UserDeleted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Event::UserRegistered => "user.registered",
            Event::UserVerified => "user.verified",
            Event::RegistrationApproved => "registration.approved",
            Event::RegistrationRejected => "registration.rejected",
            Event::ContactInvited => "contact.invited",
            Event::UserDeleted => "user.deleted",
        }
    }

    pub fn of_name(name: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.name() == name)
    }
}

/// The person an event is about, as a payload names them.
pub fn person(person: &user::Model) -> serde_json::Value {
    serde_json::json!({
        "id": person.id,
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "portal": person.kind.portal().segment(),
        "account": person.account_id,
    })
}

/// Starts posting deliveries, through a client that keeps to `OUTBOUND_ALLOW_RANGES`;
/// `secrets` opens the endpoints' secrets.
pub fn start_worker(
    db: sea_orm::DatabaseConnection,
    config: &crate::config::Config,
    secrets: crate::secrets::SecretBox,
) -> anyhow::Result<()> {
    let policy = crate::outbound::OutboundPolicy::allowing(config.outbound_allow.clone());
    let outbound = crate::outbound::Outbound::new(policy, USER_AGENT)
        .map_err(|error| anyhow::anyhow!("building the HTTP client for webhooks: {error}"))?;
    tokio::spawn(WebhookWorker::new(db, outbound, secrets).run());
    Ok(())
}

/// Records `event` for every endpoint that wants it, in the caller's transaction.
/// `about` is the address the event concerns (erasing that person deletes the rows).
pub async fn record_event<C: ConnectionTrait>(
    db: &C,
    event: Event,
    about: Option<&str>,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let endpoints = webhook_endpoint::Entity::find().all(db).await?;
    for endpoint in endpoints.iter().filter(|e| e.wants(event.name())) {
        let payload = serde_json::json!({
            "id": uuid::Uuid::new_v4().to_string(),
            "type": event.name(),
            "created_at": now.to_rfc3339(),
            "data": data,
        });
        webhook_delivery::ActiveModel {
            endpoint_id: Set(endpoint.id),
            event: Set(event.name().to_owned()),
            payload: Set(payload.to_string()),
            subject_email: Set(about.map(str::to_lowercase)),
            state: Set(OutboxState::Pending),
            attempts: Set(0),
            next_attempt_at: Set(now),
            last_error: Set(None),
            created_at: Set(now),
            delivered_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// The value of [`SIGNATURE_HEADER`] for `body` sent at `timestamp`.
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_covers_the_timestamp_and_the_body() {
        let a = signature("secret", 1_700_000_000, "{}");
        assert!(a.starts_with("t=1700000000,v1="));
        assert_eq!(a.len(), "t=1700000000,v1=".len() + 64);
        assert_ne!(a, signature("secret", 1_700_000_001, "{}"));
        assert_ne!(a, signature("secret", 1_700_000_000, "{ }"));
        assert_ne!(a, signature("other", 1_700_000_000, "{}"));
    }

    #[test]
    fn event_names_round_trip() {
        for event in Event::ALL {
            assert_eq!(Event::of_name(event.name()), Some(event));
        }
    }
}
