//! Posting back-channel logouts. The shape of `webhooks/worker.rs`, smaller: a claim
//! takes a few due rows with a lease (their `next_attempt_at` moves to its end, so no other
//! instance takes them meanwhile), posts them all at once, each within the timeout, and
//! records each outcome; a failure is retried with the outbox's backoff until
//! [`MAX_ATTEMPTS`]. Posting at once keeps an app that never answers from delaying the
//! others by more than one timeout.
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    FromQueryResult, Statement,
};

use super::{logout_token, MAX_ATTEMPTS};
use crate::db::entities::backchannel_delivery;
use crate::db::entities::outbox::OutboxState;
use crate::mail::outbox::backoff;
use crate::outbound::Outbound;
use crate::secrets::SecretBox;
use crate::services::support::app_clients;

/// How often the worker looks for due logouts.
const POLL: Duration = Duration::from_secs(2);
/// The most rows claimed at once.
const PER_CLAIM: i64 = 20;
/// How long one post may take.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claim holds its rows: the posts (at once) and their records fit in it.
const LEASE: chrono::Duration = chrono::Duration::seconds(60);

enum Attempt {
    Delivered,
    Failed(String),
    /// The app is gone or takes no logouts any more: retrying cannot help.
    Pointless(String),
}

/// Posts due logouts until the process ends.
#[derive(Clone)]
pub struct BackchannelWorker {
    db: DatabaseConnection,
    outbound: Outbound,
    /// `iss` of the logout tokens: `PUBLIC_URL`, as the ID tokens have it.
    issuer: String,
    /// Opens the stored signing keys.
    secrets: SecretBox,
}

impl BackchannelWorker {
    pub fn new(
        db: DatabaseConnection,
        outbound: Outbound,
        issuer: &str,
        secrets: SecretBox,
    ) -> Self {
        Self {
            db,
            outbound,
            issuer: issuer.to_owned(),
            secrets,
        }
    }

    pub async fn run(self) {
        loop {
            if let Err(error) = self.deliver_due(Utc::now()).await {
                tracing::warn!(%error, "back-channel logouts: could not post; will retry");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Posts every logout due at `now` and returns how many were delivered (`run` does
    /// the same continuously; tests call it with their own `now`).
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        let mut delivered = 0;
        loop {
            let rows = self.claim(now).await?;
            if rows.is_empty() {
                return Ok(delivered);
            }
            let posts = rows.iter().map(|row| self.post(row, now));
            let attempts = futures::future::join_all(posts).await;
            for (row, attempt) in rows.into_iter().zip(attempts) {
                delivered += usize::from(matches!(attempt, Attempt::Delivered));
                self.record(row, attempt, now).await?;
            }
        }
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<backchannel_delivery::Model>, DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => {
                "UPDATE backchannel_deliveries SET next_attempt_at = $1 WHERE id IN (\
                 SELECT id FROM backchannel_deliveries WHERE state = 'pending' \
                 AND next_attempt_at <= $2 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) \
                 RETURNING *"
            }
            _ => {
                "UPDATE backchannel_deliveries SET next_attempt_at = ? WHERE id IN (\
                 SELECT id FROM backchannel_deliveries WHERE state = 'pending' \
                 AND next_attempt_at <= ? ORDER BY id LIMIT ?) RETURNING *"
            }
        };
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            [(now + LEASE).into(), now.into(), PER_CLAIM.into()],
        );
        backchannel_delivery::Model::find_by_statement(statement)
            .all(&self.db)
            .await
    }

    async fn post(&self, row: &backchannel_delivery::Model, now: DateTime<Utc>) -> Attempt {
        let client = match app_clients::find(&self.db, &row.client_id).await {
            Ok(Some(client)) => client,
            Ok(None) => return Attempt::Pointless("the app is gone".into()),
            Err(error) => return Attempt::Failed(error.to_string()),
        };
        let Some(uri) = client.backchannel_logout_uri.as_deref() else {
            return Attempt::Pointless("the app takes no back-channel logouts now".into());
        };
        let Ok(url) = reqwest::Url::parse(uri) else {
            return Attempt::Pointless("the app's logout URI is not a URL".into());
        };
        // Signed now, not when queued: the token lives two minutes, the retries longer.
        let alg = &client.id_token_signed_response_alg;
        let token = match logout_token(&self.db, &self.secrets, &self.issuer, alg, row, now).await {
            Ok(token) => token,
            Err(error) => return Attempt::Failed(error.to_string()),
        };
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        request.headers_mut().insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        // A JWS is base64url and dots only: nothing in it needs form-encoding.
        *request.body_mut() = Some(format!("logout_token={token}").into());
        *request.timeout_mut() = Some(TIMEOUT);
        match self.outbound.send(request).await {
            Ok(response) if response.status().is_success() => Attempt::Delivered,
            Ok(response) => Attempt::Failed(format!("the app answered {}", response.status())),
            Err(error) => Attempt::Failed(error.to_string()),
        }
    }

    async fn record(
        &self,
        row: backchannel_delivery::Model,
        attempt: Attempt,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        let (id, attempts) = (row.id, row.attempts + 1);
        let mut update: backchannel_delivery::ActiveModel = row.into();
        update.attempts = Set(attempts);
        let (error, give_up) = match attempt {
            Attempt::Delivered => {
                update.state = Set(OutboxState::Sent);
                update.delivered_at = Set(Some(now));
                update.last_error = Set(None);
                backchannel_delivery::Entity::update(update)
                    .exec(&self.db)
                    .await?;
                return Ok(());
            }
            Attempt::Failed(error) => (error, attempts >= MAX_ATTEMPTS),
            Attempt::Pointless(error) => (error, true),
        };
        if give_up {
            tracing::error!(id, attempts, %error, "back-channel logout: giving up");
            update.state = Set(OutboxState::Failed);
        } else {
            tracing::warn!(id, attempts, %error, "back-channel logout failed; will retry");
            update.next_attempt_at = Set(now + backoff(attempts));
        }
        update.last_error = Set(Some(error));
        backchannel_delivery::Entity::update(update)
            .exec(&self.db)
            .await?;
        Ok(())
    }
}
