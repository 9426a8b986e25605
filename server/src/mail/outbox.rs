//! The outbox: every email is first a row, written in the transaction of the change that
//! caused it; the delivery worker sends due rows through SMTP and retries failures with
//! backoff, so an SMTP outage delays an email but never loses it.
//!
//! Several server instances may run one worker each. A worker claims a few due rows by
//! setting their lease in one statement (with `FOR UPDATE SKIP LOCKED` on PostgreSQL),
//! sends them a few at once, and records each outcome as soon as the SMTP server has
//! answered it. So after a crash the only emails that can go out twice are those whose
//! acceptance the dying process never recorded (at most [`CONCURRENT_SENDS`]), and each
//! carries a `Message-ID` that is the same on every attempt, so that a receiving server
//! can drop the repeat. The worker writes one outcome at a time: on SQLite, writers that
//! meet wait in SQLite's busy handler, which sleeps up to 100 ms a try, and eight senders
//! each claiming and recording their own rows delayed emails by 13 s (median) under a
//! sign-up flood.
//!
//! While the SMTP server cannot be reached, the worker asks it every few seconds whether
//! it is back; when it is (or any email goes through), every waiting email is due at once
//! instead of at the end of its grown backoff.
//!
//! A sent email's bodies are blanked at once (they hold working links), and the janitor
//! deletes its row after the retention period.
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::StreamExt;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter, Statement,
};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use super::Email;
use crate::db::entities::outbox::{self, OutboxState};
use crate::observability::metrics as measure;

/// Emails sent at once.
pub const CONCURRENT_SENDS: usize = 8;
/// Rows claimed by one statement.
const CLAIM_BATCH: u64 = 16;
/// A claimed row is left alone by other workers for this long: well past the time one
/// email can take (the SMTP timeout below, per command).
const LEASE: chrono::Duration = chrono::Duration::seconds(60);
const SMTP_TIMEOUT: Duration = Duration::from_secs(20);
/// How often the worker looks for due rows when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);
/// How often an unreachable SMTP server is asked whether it is back.
const PROBE: Duration = Duration::from_secs(2);

/// Puts an email into the outbox, inside the caller's transaction.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    email: &Email,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    insert(db, email, None, now).await
}

/// Puts an email that names someone other than its recipient into the outbox: erasing
/// `about` (that person) then finds it by them.
pub async fn enqueue_about<C: ConnectionTrait>(
    db: &C,
    email: &Email,
    about: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    insert(db, email, Some(about), now).await
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    email: &Email,
    about: Option<i32>,
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
        leased_until: Set(None),
        about_user_id: Set(about),
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

/// The `Message-ID` of an outbox row: the same on every attempt, and unique because the
/// row's id and creation time are.
pub fn message_id(row: &outbox::Model, domain: &str) -> String {
    format!(
        "<outbox.{}.{}@{domain}>",
        row.id,
        row.created_at.timestamp_micros()
    )
}

/// Wakes the worker when a transaction has committed a new email, so that it goes out
/// at once instead of at the next poll.
#[derive(Clone, Default)]
pub struct OutboxSignal(std::sync::Arc<Notify>);

impl OutboxSignal {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    pub(crate) async fn woken(&self) {
        self.0.notified().await;
    }
}

pub struct DeliveryWorker {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    signal: OutboxSignal,
    /// Set when the SMTP server could not be reached: sending pauses, and the server is
    /// probed, until it answers again.
    unreachable: std::sync::atomic::AtomicBool,
    /// Cancelled at shutdown: no new email is claimed; the ones being sent are finished.
    shutdown: CancellationToken,
}

enum Delivery {
    Sent,
    Retry { error: String, unreachable: bool },
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
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Self {
            db,
            transport,
            from,
            signal,
            unreachable: Default::default(),
            shutdown: CancellationToken::new(),
        })
    }

    /// Stops claiming emails once `shutdown` is cancelled.
    pub fn stopping_on(mut self, shutdown: CancellationToken) -> Self {
        self.shutdown = shutdown;
        self
    }

    fn is_unreachable(&self) -> bool {
        self.unreachable.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Delivers due emails until shutdown; returns once the emails being sent then are
    /// recorded.
    pub async fn run(self) {
        while !self.shutdown.is_cancelled() {
            if let Err(error) = self.deliver_due().await {
                tracing::warn!(%error, "outbox: could not read due emails; will retry");
            }
            if self.is_unreachable() {
                tokio::select! {
                    _ = tokio::time::sleep(PROBE) => {}
                    _ = self.shutdown.cancelled() => break,
                }
                if matches!(self.transport.test_connection().await, Ok(true)) {
                    tracing::info!("outbox: the SMTP server answers again");
                    self.unreachable
                        .store(false, std::sync::atomic::Ordering::Relaxed);
                    self.retry_waiting_now().await;
                }
                continue;
            }
            tokio::select! {
                _ = self.signal.woken() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = self.shutdown.cancelled() => break,
            }
        }
    }

    /// Sends every email that is due now, a few at once. Returns how many were sent.
    pub async fn deliver_due(&self) -> Result<usize, DbErr> {
        let writing = tokio::sync::Mutex::new(());
        let mut sent = 0;
        while !self.shutdown.is_cancelled() && !self.is_unreachable() {
            let claimed = self.claim(Utc::now()).await?;
            if claimed.is_empty() {
                break;
            }
            let outcomes: Vec<Result<bool, DbErr>> = futures::stream::iter(claimed)
                .map(|row| self.deliver(row, &writing))
                .buffer_unordered(CONCURRENT_SENDS)
                .collect()
                .await;
            for outcome in outcomes {
                sent += usize::from(outcome?);
            }
        }
        Ok(sent)
    }

    /// Sends one claimed email and records the outcome at once; true when it was sent.
    /// A claimed email not yet sent when the worker stops or finds the SMTP server gone is
    /// handed back without an attempt.
    async fn deliver(
        &self,
        row: outbox::Model,
        writing: &tokio::sync::Mutex<()>,
    ) -> Result<bool, DbErr> {
        if self.shutdown.is_cancelled() || self.is_unreachable() {
            let _one_writer = writing.lock().await;
            self.release(row.id).await?;
            return Ok(false);
        }
        let delivery = self.send(&row).await;
        let sent = matches!(delivery, Delivery::Sent);
        let _one_writer = writing.lock().await;
        self.record(row, delivery).await?;
        Ok(sent)
    }

    /// Leases up to [`CLAIM_BATCH`] of the oldest due rows to this worker.
    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<outbox::Model>, DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => {
                "UPDATE outbox SET leased_until = $1 WHERE id IN (\
                 SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= $2 \
                 AND (leased_until IS NULL OR leased_until <= $2) \
                 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *"
            }
            _ => {
                "UPDATE outbox SET leased_until = ?1 WHERE id IN (\
                 SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?2 \
                 AND (leased_until IS NULL OR leased_until <= ?2) \
                 ORDER BY id LIMIT ?3) RETURNING *"
            }
        };
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            [(now + LEASE).into(), now.into(), CLAIM_BATCH.into()],
        );
        let mut rows = outbox::Model::find_by_statement(statement)
            .all(&self.db)
            .await?;
        rows.sort_by_key(|row| row.id);
        Ok(rows)
    }

    /// Gives a claimed row back unattempted, for this or another worker to send.
    async fn release(&self, id: i32) -> Result<(), DbErr> {
        outbox::Entity::update_many()
            .col_expr(
                outbox::Column::LeasedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(outbox::Column::Id.eq(id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    async fn send(&self, row: &outbox::Model) -> Delivery {
        let to: Mailbox = match row.to_address.parse() {
            Ok(to) => to,
            Err(error) => return Delivery::Failed(format!("bad address: {error}")),
        };
        let message = Message::builder()
            .message_id(Some(message_id(row, self.from.email.domain())))
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
            Err(error) => Delivery::Retry {
                // No SMTP answer at all (refused, timed out, TLS), or "421 service not
                // available": the server, not this email, is the problem.
                unreachable: error.status().is_none_or(|code| code.to_string() == "421"),
                error: error.to_string(),
            },
        }
    }

    async fn record(&self, row: outbox::Model, delivery: Delivery) -> Result<(), DbErr> {
        let now = Utc::now();
        let attempts = row.attempts + 1;
        let (id, created_at, failed_before) = (row.id, row.created_at, row.attempts > 0);
        let mut update: outbox::ActiveModel = row.into();
        update.attempts = Set(attempts);
        update.leased_until = Set(None);
        let sent = matches!(delivery, Delivery::Sent);
        match delivery {
            Delivery::Sent => {
                update.state = Set(OutboxState::Sent);
                update.sent_at = Set(Some(now));
                update.last_error = Set(None);
                // The bodies hold working links (reset, verification, invitation) and
                // the recipient's name: once sent, the row keeps only what says that
                // it was (recipient, subject, state, times; its Message-ID is derived
                // from its id and creation time).
                update.text_body = Set(String::new());
                update.html_body = Set(String::new());
                measure::email_sent(now - created_at);
            }
            Delivery::Retry { error, unreachable } => {
                tracing::warn!(id, attempts, %error, "outbox: sending failed; will retry");
                if unreachable {
                    self.unreachable
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                }
                measure::email_not_sent(false);
                update.next_attempt_at = Set(now + backoff(attempts));
                update.last_error = Set(Some(error));
            }
            Delivery::Failed(error) => {
                tracing::error!(id, %error, "outbox: the SMTP server refused this email for good");
                measure::email_not_sent(true);
                update.state = Set(OutboxState::Failed);
                update.last_error = Set(Some(error));
            }
        }
        outbox::Entity::update(update).exec(&self.db).await?;
        if sent && failed_before {
            // An email that had failed went through: whatever stopped it is over.
            self.retry_waiting_now().await;
        }
        Ok(())
    }

    /// Every email waiting out its backoff is due now (those claimed stay claimed).
    async fn retry_waiting_now(&self) {
        let now = Utc::now();
        let released = outbox::Entity::update_many()
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
            .filter(outbox::Column::State.eq(OutboxState::Pending))
            .filter(outbox::Column::NextAttemptAt.gt(now))
            .filter(
                Condition::any()
                    .add(outbox::Column::LeasedUntil.is_null())
                    .add(outbox::Column::LeasedUntil.lte(now)),
            )
            .exec(&self.db)
            .await;
        match released {
            Ok(result) if result.rows_affected > 0 => {
                tracing::info!(
                    emails = result.rows_affected,
                    "outbox: retrying waiting emails now"
                );
                self.signal.wake();
            }
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "outbox: could not retry waiting emails"),
        }
    }
}

#[cfg(test)]
mod tests;
