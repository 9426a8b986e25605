//! Prometheus metrics. Counters and histograms are recorded where things happen (through
//! the functions here, so that every name is in one place); the gauges (outbox, hashing
//! queue, database pool) are read when `/metrics` is scraped.
use std::sync::OnceLock;
use std::time::Duration;

use ::metrics::{counter, describe_counter, describe_gauge, describe_histogram, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::db::Pool;
use crate::password::PasswordHasher;

const REQUESTS: &str = "portico_http_requests_total";
const REQUEST_SECONDS: &str = "portico_http_request_duration_seconds";
const SIGN_UPS: &str = "portico_sign_ups_total";
const VERIFICATIONS: &str = "portico_email_verifications_total";
const LOG_INS: &str = "portico_log_ins_total";
const EMAILS_SENT: &str = "portico_emails_sent_total";
const EMAILS_NOT_SENT: &str = "portico_email_send_failures_total";
const EMAIL_DELIVERY_SECONDS: &str = "portico_email_delivery_seconds";
const OUTBOX: &str = "portico_outbox_emails";
const HASH_QUEUE: &str = "portico_password_hash_queue";
const HASH_MEMORY: &str = "portico_password_hash_memory_blocks";
const POOL: &str = "portico_database_pool_connections";
const UNKNOWN_SESSIONS: &str = "portico_unknown_session_cookies_total";

/// The process's metrics and what the gauges are read from.
#[derive(Clone)]
pub struct Metrics {
    handle: PrometheusHandle,
    db: DatabaseConnection,
    pool: Pool,
    hasher: PasswordHasher,
}

/// The recorder is global to the process: installed once, shared by every server in it.
static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

impl Metrics {
    /// Installs the process's recorder (once) and spawns its upkeep.
    pub fn install(db: DatabaseConnection, pool: Pool, hasher: PasswordHasher) -> Self {
        let handle = HANDLE.get_or_init(|| {
            let recorder = histograms(PrometheusBuilder::new()).build_recorder();
            let handle = recorder.handle();
            if ::metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("metrics: another recorder was installed first");
            }
            describe();
            // Histogram samples wait in the recorder until upkeep folds them in.
            let upkeep = handle.clone();
            tokio::spawn(async move {
                let mut every = tokio::time::interval(Duration::from_secs(5));
                loop {
                    every.tick().await;
                    upkeep.run_upkeep();
                }
            });
            handle
        });
        Self {
            handle: handle.clone(),
            db,
            pool,
            hasher,
        }
    }

    /// The Prometheus text exposition, with the gauges read now.
    pub async fn render(&self) -> String {
        self.read_gauges().await;
        self.handle.render()
    }

    async fn read_gauges(&self) {
        gauge!(HASH_QUEUE).set(self.hasher.queued() as f64);
        gauge!(HASH_MEMORY).set(self.hasher.blocks_held() as f64);
        let (size, idle, max) = match &self.pool {
            Pool::Sqlite(pool) => (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            ),
            Pool::Postgres(pool) => (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            ),
        };
        gauge!(POOL, "state" => "in_use").set(f64::from(size.saturating_sub(idle)));
        gauge!(POOL, "state" => "idle").set(f64::from(idle));
        gauge!(POOL, "state" => "max").set(f64::from(max));
        let backend = self.db.get_database_backend();
        let counts = self
            .db
            .query_all(Statement::from_string(
                backend,
                "SELECT state, attempts > 0 AS retried, COUNT(*) AS n FROM outbox \
                 WHERE state <> 'sent' GROUP BY state, attempts > 0",
            ))
            .await;
        let (mut pending, mut retrying, mut failed) = (0i64, 0i64, 0i64);
        match counts {
            Ok(rows) => {
                for row in rows {
                    let state: String = row.try_get("", "state").unwrap_or_default();
                    let retried: bool = row.try_get("", "retried").unwrap_or(false);
                    let n: i64 = row.try_get("", "n").unwrap_or(0);
                    match (state.as_str(), retried) {
                        ("failed", _) => failed += n,
                        (_, true) => retrying += n,
                        _ => pending += n,
                    }
                }
            }
            Err(error) => tracing::warn!(%error, "metrics: could not count the outbox"),
        }
        gauge!(OUTBOX, "state" => "pending").set(pending as f64);
        gauge!(OUTBOX, "state" => "retrying").set(retrying as f64);
        gauge!(OUTBOX, "state" => "failed").set(failed as f64);
    }
}

/// Latencies as Prometheus histograms (buckets) rather than summaries.
fn histograms(builder: PrometheusBuilder) -> PrometheusBuilder {
    const REQUEST_BUCKETS: &[f64] = &[
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
    ];
    const DELIVERY_BUCKETS: &[f64] = &[
        0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0,
    ];
    // Only an empty bucket list is refused, and these are not empty.
    let with_requests =
        builder.set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.into()), REQUEST_BUCKETS);
    match with_requests {
        Ok(builder) => builder
            .set_buckets_for_metric(
                Matcher::Full(EMAIL_DELIVERY_SECONDS.into()),
                DELIVERY_BUCKETS,
            )
            .unwrap_or_else(|_| PrometheusBuilder::new()),
        Err(_) => PrometheusBuilder::new(),
    }
}

fn describe() {
    describe_counter!(
        REQUESTS,
        "HTTP requests answered, by route, method and status."
    );
    describe_histogram!(REQUEST_SECONDS, "Time to answer an HTTP request, by route.");
    describe_counter!(SIGN_UPS, "Accounts registered, by portal.");
    describe_counter!(VERIFICATIONS, "Email addresses verified.");
    describe_counter!(LOG_INS, "Log-in attempts with a password, by outcome.");
    describe_counter!(EMAILS_SENT, "Emails accepted by the SMTP server.");
    describe_counter!(
        EMAILS_NOT_SENT,
        "Email attempts that failed, by kind (retry, permanent)."
    );
    describe_histogram!(
        EMAIL_DELIVERY_SECONDS,
        "Time from an email's creation to its acceptance by the SMTP server."
    );
    describe_gauge!(
        OUTBOX,
        "Emails not yet sent: pending, retrying (failed before) and failed for good."
    );
    describe_gauge!(HASH_QUEUE, "Password hashes waiting for a hashing thread.");
    describe_gauge!(
        HASH_MEMORY,
        "Argon2 memory blocks (19 MiB each) the hashing threads hold: none when idle."
    );
    describe_gauge!(
        POOL,
        "Database connections: in use, idle and the most the pool opens."
    );
    describe_counter!(
        UNKNOWN_SESSIONS,
        "Session cookies that named no session: ended, expired, or made up."
    );
}

/// The methods a route label is split by; any other method counts as `other`, so that
/// invented methods cannot grow the number of series.
fn method_label(method: &axum::http::Method) -> &'static str {
    use axum::http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::HEAD => "HEAD",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// An answered request. `route` is the route's pattern (never the path itself, which
/// would carry ids and tokens and grow without bound).
pub fn request_answered(route: &str, method: &axum::http::Method, status: u16, took: Duration) {
    counter!(REQUESTS, "route" => route.to_owned(), "method" => method_label(method), "status" => status.to_string()).increment(1);
    histogram!(REQUEST_SECONDS, "route" => route.to_owned()).record(took.as_secs_f64());
}

pub fn signed_up(portal: &'static str) {
    counter!(SIGN_UPS, "portal" => portal).increment(1);
}

pub fn email_verified() {
    counter!(VERIFICATIONS).increment(1);
}

/// A log-in with a password: `outcome` is `succeeded`, `second_step` (the password was
/// right, a second factor follows) or `failed`.
pub fn logged_in(outcome: &'static str) {
    counter!(LOG_INS, "outcome" => outcome).increment(1);
}

pub fn email_sent(since_created: chrono::Duration) {
    counter!(EMAILS_SENT).increment(1);
    let seconds = since_created.num_milliseconds().max(0) as f64 / 1000.0;
    histogram!(EMAIL_DELIVERY_SECONDS).record(seconds);
}

/// A request's session cookie named no session (see `http::session_cookies`).
pub fn unknown_session_cookie() {
    counter!(UNKNOWN_SESSIONS).increment(1);
}

pub fn email_not_sent(permanently: bool) {
    let kind = if permanently { "permanent" } else { "retry" };
    counter!(EMAILS_NOT_SENT, "kind" => kind).increment(1);
}
