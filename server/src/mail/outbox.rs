//! The outbox: every email is first a row, written in the transaction of the change that
//! caused it; the delivery worker sends due rows through SMTP and retries failures with
//! backoff, so an SMTP outage delays an email but never loses it.
//!
//! Several server instances may run one worker each: a worker claims rows by pushing
//! their next attempt into the future in one statement (with `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL), so each email is sent by one worker.
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::stream::{self, StreamExt};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, DatabaseConnection, DbBackend, DbErr,
    EntityTrait, FromQueryResult, Statement,
};
use tokio::sync::Notify;

use super::Email;
use crate::db::entities::outbox::{self, OutboxState};

/// Rows claimed at once.
const BATCH: i64 = 32;
/// Emails sent at once.
const CONCURRENT_SENDS: usize = 8;
/// A claimed row is left alone by other workers for this long.
const LEASE: chrono::Duration = chrono::Duration::seconds(120);
/// How often the worker looks for due rows when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);

/// Puts an email into the outbox, inside the caller's transaction.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    outbox::ActiveModel {
        to_address: Set(email.to.clone()),
        subject: Set(email.subject.clone()),
        text_body: Set(email.text.clone()),
        html_body: Set(email.html.clone()),
        state: Set(OutboxState::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The wait before the next attempt after `attempts` failures: 2 s, 4 s, 8 s, … at most
/// 15 minutes.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let seconds = 2i64.saturating_pow(attempts.clamp(1, 20) as u32);
    chrono::Duration::seconds(seconds.min(15 * 60))
}

/// Wakes the worker when a transaction has committed a new email, so that it goes out
/// at once instead of at the next poll.
#[derive(Clone, Default)]
pub struct OutboxSignal(Arc<Notify>);

impl OutboxSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    async fn woken(&self) {
        self.0.notified().await;
    }
}

pub struct DeliveryWorker {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    signal: OutboxSignal,
}

enum Delivery {
    Sent,
    Retry(String),
    Failed(String),
}

impl DeliveryWorker {
    pub fn new(
        db: DatabaseConnection,
        smtp_url: &str,
        from: Mailbox,
        signal: OutboxSignal,
    ) -> Result<Self, lettre::transport::smtp::Error> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self {
            db,
            transport,
            from,
            signal,
        })
    }

    /// Delivers due emails until the process ends.
    pub async fn run(self) {
        loop {
            if let Err(error) = self.deliver_due().await {
                tracing::warn!(%error, "outbox: could not read due emails; will retry");
            }
            tokio::select! {
                _ = self.signal.woken() => {}
                _ = tokio::time::sleep(POLL) => {}
            }
        }
    }

    /// Sends every email that is due now. Returns how many were sent.
    pub async fn deliver_due(&self) -> Result<usize, DbErr> {
        let mut sent = 0;
        loop {
            let claimed = self.claim(Utc::now()).await?;
            if claimed.is_empty() {
                return Ok(sent);
            }
            let results: Vec<_> = stream::iter(claimed)
                .map(|row| async move {
                    let delivery = self.send(&row).await;
                    (row, delivery)
                })
                .buffer_unordered(CONCURRENT_SENDS)
                .collect()
                .await;
            for (row, delivery) in results {
                if matches!(delivery, Delivery::Sent) {
                    sent += 1;
                }
                self.record(row, delivery).await?;
            }
        }
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<outbox::Model>, DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => {
                "UPDATE outbox SET next_attempt_at = $1 WHERE id IN (\
                 SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $2 \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
            }
            _ => {
                "UPDATE outbox SET next_attempt_at = ? WHERE id IN (\
                 SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? \
                 ORDER BY id LIMIT ?) RETURNING *"
            }
        };
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            [(now + LEASE).into(), now.into(), BATCH.into()],
        );
        let mut rows = outbox::Model::find_by_statement(statement)
            .all(&self.db)
            .await?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    async fn send(&self, row: &outbox::Model) -> Delivery {
        let to: Mailbox = match row.to_address.parse() {
            Ok(to) => to,
            Err(error) => return Delivery::Failed(format!("bad address: {error}")),
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(row.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                row.text_body.clone(),
                row.html_body.clone(),
            ));
        let message = match message {
            Ok(message) => message,
            Err(error) => return Delivery::Failed(error.to_string()),
        };
        match self.transport.send(message).await {
            Ok(_) => Delivery::Sent,
            Err(error) if error.is_permanent() => Delivery::Failed(error.to_string()),
            Err(error) => Delivery::Retry(error.to_string()),
        }
    }

    async fn record(&self, row: outbox::Model, delivery: Delivery) -> Result<(), DbErr> {
        let now = Utc::now();
        let attempts = row.attempts + 1;
        let id = row.id;
        let mut update: outbox::ActiveModel = row.into();
        update.attempts = Set(attempts);
        match delivery {
            Delivery::Sent => {
                update.state = Set(OutboxState::Sent);
                update.sent_at = Set(Some(now));
                update.last_error = Set(None);
            }
            Delivery::Retry(error) => {
                tracing::warn!(id, attempts, %error, "outbox: sending failed; will retry");
                update.next_attempt_at = Set(now + backoff(attempts));
                update.last_error = Set(Some(error));
            }
            Delivery::Failed(error) => {
                tracing::error!(id, %error, "outbox: the SMTP server refused this email for good");
                update.state = Set(OutboxState::Failed);
                update.last_error = Set(Some(error));
            }
        }
        outbox::Entity::update(update).exec(&self.db).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        assert_eq!(backoff(1).num_seconds(), 2);
        assert_eq!(backoff(2).num_seconds(), 4);
        assert_eq!(backoff(5).num_seconds(), 32);
        assert_eq!(backoff(30).num_seconds(), 15 * 60);
    }
}
