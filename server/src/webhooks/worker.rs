//! Posting deliveries. Each endpoint has its own lane: its deliveries are posted one at a
//! time, while other endpoints' lanes post theirs at the same time, so an endpoint that
//! never answers delays nothing but itself. A lane claims a few rows at a time with a
//! lease (their `next_attempt_at` moves to the lease's end, so no other instance takes
//! them meanwhile), no more than can be posted within the lease even if each takes the
//! whole timeout, and before each post checks that the post and its record still fit in
//! what is left of the lease; rows it cannot post in time it gives back. So a lease never
//! runs out on a row still being worked on, and no second instance posts it again.
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    FromQueryResult, QueryFilter, QuerySelect, Statement,
};

use super::{signature, MAX_ATTEMPTS, SIGNATURE_HEADER};
use crate::db::entities::outbox::OutboxState;
use crate::db::entities::{webhook_delivery, webhook_endpoint};
use crate::mail::outbox::backoff;
use crate::outbound::Outbound;
use crate::secrets::{Purpose, SecretBox};

/// How often the worker looks for due deliveries.
const POLL: Duration = Duration::from_secs(2);
/// The most rows a lane claims at once, however short the timeout.
const MOST_PER_CLAIM: u32 = 20;
/// The most endpoints posted to at once by one instance.
const MOST_LANES: usize = 32;

/// How long a claim holds its rows, and how long one post may take.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    lease: Duration,
    delivery_timeout: Duration,
    /// Kept free at the end of a lease: for recording a post's outcome.
    margin: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Self::new(
            Duration::from_secs(60),
            Duration::from_secs(10),
            Duration::from_secs(5),
        )
    }
}

impl Timing {
    /// The lease is made long enough for at least one post and its record.
    pub fn new(lease: Duration, delivery_timeout: Duration, margin: Duration) -> Self {
        Self {
            lease: lease.max(delivery_timeout + margin),
            delivery_timeout,
            margin,
        }
    }

    /// As many rows as can be posted within one lease, each taking the whole timeout.
    fn rows_per_claim(&self) -> u32 {
        let usable = self.lease.saturating_sub(self.margin);
        let fit = usable.as_millis() / self.delivery_timeout.as_millis().max(1);
        (fit as u32).clamp(1, MOST_PER_CLAIM)
    }

    /// Whether a post started `since_claim` after the claim ends, recorded, in the lease.
    fn fits(&self, since_claim: Duration) -> bool {
        since_claim + self.delivery_timeout + self.margin <= self.lease
    }
}

/// The time a lane works by: the real clock, or one that starts at a given time (tests
/// and tools) and runs as fast as the real one, so that leases still end.
#[derive(Clone, Copy)]
struct Clock {
    start: DateTime<Utc>,
    started: Instant,
}

impl Clock {
    fn starting_at(start: DateTime<Utc>) -> Self {
        Self {
            start,
            started: Instant::now(),
        }
    }

    fn now(&self) -> DateTime<Utc> {
        let elapsed = chrono::Duration::from_std(self.started.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}

/// Posts due deliveries until the process ends.
#[derive(Clone)]
pub struct WebhookWorker {
    db: DatabaseConnection,
    outbound: Outbound,
    /// Opens the endpoints' secrets, which sign the posts.
    secrets: SecretBox,
    timing: Timing,
    /// The endpoints whose lane runs in this instance.
    busy: Arc<Mutex<HashSet<i32>>>,
}

enum Attempt {
    Delivered,
    Failed(String),
}

impl WebhookWorker {
    pub fn new(db: DatabaseConnection, outbound: Outbound, secrets: SecretBox) -> Self {
        Self {
            db,
            outbound,
            secrets,
            timing: Timing::default(),
            busy: Arc::default(),
        }
    }

    pub fn with_timing(mut self, timing: Timing) -> Self {
        self.timing = timing;
        self
    }

    pub async fn run(self) {
        loop {
            match self.due_endpoints(Utc::now()).await {
                Ok(endpoints) => {
                    for endpoint in endpoints {
                        self.start_lane(endpoint);
                    }
                }
                Err(error) => {
                    tracing::warn!(%error, "webhooks: could not read due deliveries; will retry")
                }
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Starts `endpoint`'s lane unless it runs already (or too many do).
    fn start_lane(&self, endpoint: i32) {
        {
            let mut busy = self.busy.lock().unwrap_or_else(|e| e.into_inner());
            if busy.len() >= MOST_LANES || !busy.insert(endpoint) {
                return;
            }
        }
        let worker = self.clone();
        tokio::spawn(async move {
            if let Err(error) = worker.lane(endpoint, Clock::starting_at(Utc::now())).await {
                tracing::warn!(%error, endpoint, "webhooks: a lane stopped; will retry");
            }
            let mut busy = worker.busy.lock().unwrap_or_else(|e| e.into_inner());
            busy.remove(&endpoint);
        });
    }

    /// Posts every delivery due at `now`, all endpoints at once, and returns how many were
    /// delivered (for tests and tools; `run` does the same continuously). The clock starts
    /// at `now` and runs on from there.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<usize, DbErr> {
        let endpoints = self.due_endpoints(now).await?;
        let clock = Clock::starting_at(now);
        let lanes = endpoints
            .into_iter()
            .map(|endpoint| self.lane(endpoint, clock));
        let mut delivered = 0;
        for lane in futures::future::join_all(lanes).await {
            delivered += lane?;
        }
        Ok(delivered)
    }

    async fn due_endpoints(&self, now: DateTime<Utc>) -> Result<Vec<i32>, DbErr> {
        webhook_delivery::Entity::find()
            .select_only()
            .column(webhook_delivery::Column::EndpointId)
            .distinct()
            .filter(webhook_delivery::Column::State.eq(OutboxState::Pending))
            .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
            .into_tuple::<i32>()
            .all(&self.db)
            .await
    }

    /// Posts `endpoint`'s due deliveries one at a time until none is due.
    async fn lane(&self, endpoint: i32, clock: Clock) -> Result<usize, DbErr> {
        let mut delivered = 0;
        loop {
            let Some(target) = webhook_endpoint::Entity::find_by_id(endpoint)
                .one(&self.db)
                .await?
            else {
                return Ok(delivered);
            };
            let now = clock.now();
            let claimed_at = Instant::now();
            let mut rows = self.claim(endpoint, now).await?.into_iter();
            let mut posted = 0;
            while let Some(row) = rows.next() {
                // The first row always fits: the lease was just taken, and is long enough.
                if posted > 0 && !self.timing.fits(claimed_at.elapsed()) {
                    let rest: Vec<i32> =
                        std::iter::once(row.id).chain(rows.map(|r| r.id)).collect();
                    self.give_back(rest, now).await?;
                    break;
                }
                let attempt = self.post(&target, &row).await;
                delivered += usize::from(matches!(attempt, Attempt::Delivered));
                // A failure's backoff counts from the failure.
                self.record(row, attempt, clock.now()).await?;
                posted += 1;
            }
            if posted == 0 {
                return Ok(delivered);
            }
        }
    }

    async fn claim(
        &self,
        endpoint: i32,
        now: DateTime<Utc>,
    ) -> Result<Vec<webhook_delivery::Model>, DbErr> {
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DbBackend::Postgres => {
                "UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id IN (\
                 SELECT id FROM webhook_deliveries WHERE endpoint_id = $2 AND state = 'pending' \
                 AND next_attempt_at <= $3 ORDER BY id LIMIT $4 FOR UPDATE SKIP LOCKED) RETURNING *"
            }
            _ => {
                "UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN (\
                 SELECT id FROM webhook_deliveries WHERE endpoint_id = ? AND state = 'pending' \
                 AND next_attempt_at <= ? ORDER BY id LIMIT ?) RETURNING *"
            }
        };
        let lease_end =
            now + chrono::Duration::from_std(self.timing.lease).unwrap_or(chrono::Duration::MAX);
        let statement = Statement::from_sql_and_values(
            backend,
            sql,
            [
                lease_end.into(),
                endpoint.into(),
                now.into(),
                i64::from(self.timing.rows_per_claim()).into(),
            ],
        );
        let mut rows = webhook_delivery::Model::find_by_statement(statement)
            .all(&self.db)
            .await?;
        rows.sort_by_key(|r| r.id);
        Ok(rows)
    }

    /// Makes claimed rows due again at once, for whichever instance claims next.
    async fn give_back(&self, ids: Vec<i32>, now: DateTime<Utc>) -> Result<(), DbErr> {
        webhook_delivery::Entity::update_many()
            .col_expr(webhook_delivery::Column::NextAttemptAt, Expr::value(now))
            .filter(webhook_delivery::Column::Id.is_in(ids))
            .filter(webhook_delivery::Column::State.eq(OutboxState::Pending))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    async fn post(
        &self,
        endpoint: &webhook_endpoint::Model,
        row: &webhook_delivery::Model,
    ) -> Attempt {
        let Ok(url) = reqwest::Url::parse(&endpoint.url) else {
            return Attempt::Failed("the endpoint's address is not a URL".into());
        };
        // A secret that does not open (the secrets key changed) fails this delivery, with
        // the reason naming the key's setting; the retries succeed once the key is back.
        let secret = match self.secrets.open(Purpose::WebhookSecret, &endpoint.secret) {
            Ok(secret) => secret,
            Err(error) => return Attempt::Failed(error.to_string()),
        };
        let sent_at = Utc::now().timestamp();
        let signed = signature(&secret, sent_at, &row.payload);
        let mut request = reqwest::Request::new(reqwest::Method::POST, url);
        let headers = request.headers_mut();
        headers.insert(
            reqwest::header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        // Always valid: a constant name, and "t=<digits>,v1=<hex>".
        if let (Ok(name), Ok(value)) = (
            reqwest::header::HeaderName::from_bytes(SIGNATURE_HEADER.as_bytes()),
            reqwest::header::HeaderValue::try_from(signed),
        ) {
            headers.insert(name, value);
        }
        *request.body_mut() = Some(row.payload.clone().into());
        *request.timeout_mut() = Some(self.timing.delivery_timeout);
        match self.outbound.send(request).await {
            Ok(response) if response.status().is_success() => Attempt::Delivered,
            Ok(response) => Attempt::Failed(format!("the endpoint answered {}", response.status())),
            Err(error) => Attempt::Failed(error.to_string()),
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
        update.attempts = sea_orm::ActiveValue::Set(attempts);
        match attempt {
            Attempt::Delivered => {
                update.state = sea_orm::ActiveValue::Set(OutboxState::Sent);
                update.delivered_at = sea_orm::ActiveValue::Set(Some(now));
                update.last_error = sea_orm::ActiveValue::Set(None);
            }
            Attempt::Failed(error) if attempts >= MAX_ATTEMPTS => {
                tracing::error!(id, attempts, %error, "webhooks: giving up on a delivery");
                update.state = sea_orm::ActiveValue::Set(OutboxState::Failed);
                update.last_error = sea_orm::ActiveValue::Set(Some(error));
            }
            Attempt::Failed(error) => {
                tracing::warn!(id, attempts, %error, "webhooks: delivery failed; will retry");
                update.next_attempt_at = sea_orm::ActiveValue::Set(now + backoff(attempts));
                update.last_error = sea_orm::ActiveValue::Set(Some(error));
            }
        }
        webhook_delivery::Entity::update(update)
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_holds_no_more_rows_than_fit_in_its_lease() {
        let timing = Timing::default();
        assert_eq!(timing.rows_per_claim(), 5, "55 s of lease, 10 s a post");
        assert!(timing.fits(Duration::from_secs(45)));
        assert!(!timing.fits(Duration::from_secs(46)));
        let tight = Timing::new(
            Duration::from_secs(1),
            Duration::from_secs(10),
            Duration::from_secs(1),
        );
        assert_eq!(tight.rows_per_claim(), 1);
        assert!(
            tight.fits(Duration::ZERO),
            "one post always fits a fresh lease"
        );
    }
}
