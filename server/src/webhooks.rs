//! Webhooks: other systems learn who joined. Each event is a row per subscribed endpoint,
//! written in the transaction of the change (so an event is never lost nor sent for a
//! change that rolled back); a worker posts it as JSON, signed, and retries with backoff.
//!
//! The signature, in `X-Portico-Signature`, is `t=<unix seconds>,v1=<hex HMAC-SHA256>` of
//! `<t>.<body>` with the endpoint's secret: the receiver recomputes it and refuses a
//! timestamp more than a few minutes old, so that a captured request cannot be replayed.
use std::time::Duration;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, FromQueryResult, Statement,
};
use sha2::Sha256;

use crate::db::entities::outbox::OutboxState;
use crate::db::entities::{user, webhook_delivery, webhook_endpoint};
use crate::mail::outbox::backoff;

/// The header that carries the signature.
pub const SIGNATURE_HEADER: &str = "X-Portico-Signature";

/// After this many failed attempts (about half an hour of backoff) a delivery is failed;
/// an administrator can retry it from `/admin/outbox`.
pub const MAX_ATTEMPTS: i32 = 12;

const POLL: Duration = Duration::from_secs(2);
const BATCH: i64 = 20;
/// A claimed delivery is not claimed again by another instance for this long.
const LEASE: chrono::Duration = chrono::Duration::seconds(60);

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

/// Posts due deliveries until the process ends.
pub struct WebhookWorker {
    db: DatabaseConnection,
    client: reqwest::Client,
}

enum Attempt {
    Delivered,
    Failed(String),
}

impl WebhookWorker {
    pub fn new(db: DatabaseConnection) -> Self {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Portico-Webhooks/1")
            .build()
            .expect("an HTTP client");
        Self { db, client }
    }

    pub async fn run(self) {
        loop {
            if let Err(error) = self.deliver_due(Utc::now()).await {
                tracing::warn!(%error, "webhooks: could not read due deliveries; will retry");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Posts every delivery due at `now`. Returns how many were delivered.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        let mut delivered = 0;
        loop {
            let claimed = self.claim(now).await?;
            if claimed.is_empty() {
                return Ok(delivered);
            }
            for row in claimed {
                let endpoint = webhook_endpoint::Entity::find_by_id(row.endpoint_id)
                    .one(&self.db)
                    .await?;
                let attempt = match endpoint {
                    Some(endpoint) => self.post(&endpoint, &row).await,
                    None => continue,
                };
                if matches!(attempt, Attempt::Delivered) {
                    delivered += 1;
                }
                self.record(row, attempt, now).await?;
            }
        }
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<webhook_delivery::Model>, DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => {
                "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id IN (\
                 SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= $2 \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
            }
            _ => {
                "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN (\
                 SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ? \
                 ORDER BY id LIMIT ?) RETURNING *"
            }
        };
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            [(now + LEASE).into(), now.into(), BATCH.into()],
        );
        let mut rows = webhook_delivery::Model::find_by_statement(statement)
            .all(&self.db)
            .await?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    async fn post(
        &self,
        endpoint: &webhook_endpoint::Model,
        row: &webhook_delivery::Model,
    ) -> Attempt {
        let sent_at = Utc::now().timestamp();
        let response = self
            .client
            .post(&endpoint.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(
                SIGNATURE_HEADER,
                signature(&endpoint.secret, sent_at, &row.payload),
            )
            .body(row.payload.clone())
            .send()
            .await;
        match response {
            Ok(response) if response.status().is_success() => Attempt::Delivered,
            Ok(response) => Attempt::Failed(format!("the endpoint answered {}", response.status())),
            Err(error) => Attempt::Failed(without_url(error).to_string()),
        }
    }

    async fn record(
        &self,
        row: webhook_delivery::Model,
        attempt: Attempt,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let attempts = row.attempts + 1;
        let id = row.id;
        let mut update: webhook_delivery::ActiveModel = row.into();
        update.attempts = Set(attempts);
        match attempt {
            Attempt::Delivered => {
                update.state = Set(OutboxState::Sent);
                update.delivered_at = Set(Some(now));
                update.last_error = Set(None);
            }
            Attempt::Failed(error) if attempts >= MAX_ATTEMPTS => {
                tracing::error!(id, attempts, %error, "webhooks: giving up on a delivery");
                update.state = Set(OutboxState::Failed);
                update.last_error = Set(Some(error));
            }
            Attempt::Failed(error) => {
                tracing::warn!(id, attempts, %error, "webhooks: delivery failed; will retry");
                update.next_attempt_at = Set(now + backoff(attempts));
                update.last_error = Set(Some(error));
            }
        }
        webhook_delivery::Entity::update(update)
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

/// The endpoint's URL may carry a secret token: errors are recorded without it.
fn without_url(error: reqwest::Error) -> reqwest::Error {
    error.without_url()
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
