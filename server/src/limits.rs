//! Limits on attempts (log-ins, registration codes, sign-ups, second-factor codes),
//! counted in the database so that every server instance behind a load balancer enforces
//! one limit.
//!
//! Each limit is GCRA (the generic cell rate algorithm that governor and tower_governor
//! use): `burst` attempts at once, then one more every `every`. Its whole state per key
//! is one time, the "theoretical arrival time", kept in a row of `attempt_limits`. An
//! attempt is one `INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING` statement that
//! both decides and counts, so concurrent attempts cannot all pass a check before the
//! first of them is counted. Written here because governor's state stores are in-memory
//! and synchronous, and no kept crate keeps GCRA state in SQL.
use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

/// One kind of attempt and how many are allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// What is counted; the rows of different limits never mix.
    pub scope: &'static str,
    /// Attempts allowed at once.
    pub burst: u32,
    /// Then one more every this long.
    pub every: Duration,
}

impl Limit {
    pub const fn new(scope: &'static str, burst: u32, every: Duration) -> Self {
        Self {
            scope,
            burst,
            every,
        }
    }

    /// `count` attempts an hour, all of which may come at once.
    pub fn per_hour(scope: &'static str, count: u32) -> Self {
        let count = count.max(1);
        Self::new(scope, count, Duration::from_secs(3600) / count)
    }

    fn every_ms(&self) -> i64 {
        (self.every.as_millis() as i64).max(1)
    }

    /// How far ahead of now the arrival time may run: the whole burst.
    fn span_ms(&self) -> i64 {
        self.every_ms().saturating_mul(i64::from(self.burst.max(1)))
    }
}

/// Every limit the services apply, as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Log-ins per address, so that one account's password cannot be guessed.
    pub log_in_per_address: Limit,
    /// Log-ins per client, so that one client cannot try many accounts.
    pub log_in_per_client: Limit,
    /// Registration codes tried per client.
    pub registration_codes: Limit,
    /// Registrations per client: each costs a password hash and sends an email.
    pub registrations: Limit,
    /// Answers to the Security Code's question (the check without JavaScript) per
    /// client: a script answers it for free, so it gets few.
    pub question_answers: Limit,
    /// Codes for a second factor per person.
    pub second_factor: Limit,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            log_in_per_address: Limit::new("log_in_address", 5, Duration::from_secs(60)),
            log_in_per_client: Limit::new("log_in_client", 20, Duration::from_secs(20)),
            registration_codes: Limit::new("registration_code", 10, Duration::from_secs(30)),
            registrations: Limit::per_hour("registration", DEFAULT_REGISTRATIONS_PER_HOUR),
            question_answers: Limit::per_hour("question_answer", DEFAULT_ANSWERS_PER_HOUR),
            second_factor: Limit::new("second_factor", 5, Duration::from_secs(60)),
        }
    }
}

pub const DEFAULT_REGISTRATIONS_PER_HOUR: u32 = 10;
pub const DEFAULT_ANSWERS_PER_HOUR: u32 = 5;

/// Counts an attempt against `limit` for `subject`, or says how long until the next one
/// is allowed (a refused attempt is not counted).
pub async fn attempt<C: ConnectionTrait>(
    db: &C,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), Duration>, DbErr> {
    let now_ms = now.timestamp_millis();
    let backend = db.get_database_backend();
    let counted = db
        .query_one(Statement::from_sql_and_values(
            backend,
            placeholders(
                backend,
                "INSERT INTO attempt_limits (scope, subject, tat) VALUES ($1, $2, $3 + $4) \
             ON CONFLICT (scope, subject) DO UPDATE \
             SET tat = (CASE WHEN attempt_limits.tat > $3 THEN attempt_limits.tat ELSE $3 END) + $4 \
             WHERE (CASE WHEN attempt_limits.tat > $3 THEN attempt_limits.tat ELSE $3 END) + $4 - $3 <= $5 \
                 RETURNING tat",
            ),
            [
                limit.scope.into(),
                subject.into(),
                now_ms.into(),
                limit.every_ms().into(),
                limit.span_ms().into(),
            ],
        ))
        .await?;
    if counted.is_some() {
        return Ok(Ok(()));
    }
    let tat = arrival_time(db, limit, subject).await?.unwrap_or(now_ms);
    let wait_ms = tat.max(now_ms) + limit.every_ms() - limit.span_ms() - now_ms;
    Ok(Err(Duration::from_millis(wait_ms.max(1000) as u64)))
}

/// Gives back an attempt that turned out to be no guess (a log-in with the right
/// password), so that only failures use up the limit.
pub async fn refund<C: ConnectionTrait>(
    db: &C,
    limit: &Limit,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute(Statement::from_sql_and_values(
        backend,
        placeholders(
            backend,
            "UPDATE attempt_limits SET tat = CASE WHEN tat - $4 > $3 THEN tat - $4 ELSE $3 END \
             WHERE scope = $1 AND subject = $2",
        ),
        [
            limit.scope.into(),
            subject.into(),
            now.timestamp_millis().into(),
            limit.every_ms().into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Forgets every attempt of `subject` (its owner proved who they are another way).
pub async fn forgive<C: ConnectionTrait>(
    db: &C,
    limit: &Limit,
    subject: &str,
) -> Result<(), DbErr> {
    let backend = db.get_database_backend();
    db.execute(Statement::from_sql_and_values(
        backend,
        placeholders(
            backend,
            "DELETE FROM attempt_limits WHERE scope = $1 AND subject = $2",
        ),
        [limit.scope.into(), subject.into()],
    ))
    .await?;
    Ok(())
}

/// Deletes the rows of subjects whose attempts are all in the past: they hold no state.
pub async fn forget_old<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let backend = db.get_database_backend();
    let deleted = db
        .execute(Statement::from_sql_and_values(
            backend,
            placeholders(backend, "DELETE FROM attempt_limits WHERE tat < $1"),
            [now.timestamp_millis().into()],
        ))
        .await?;
    Ok(deleted.rows_affected())
}

async fn arrival_time<C: ConnectionTrait>(
    db: &C,
    limit: &Limit,
    subject: &str,
) -> Result<Option<i64>, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one(Statement::from_sql_and_values(
            backend,
            placeholders(
                backend,
                "SELECT tat FROM attempt_limits WHERE scope = $1 AND subject = $2",
            ),
            [limit.scope.into(), subject.into()],
        ))
        .await?;
    row.map(|row| row.try_get::<i64>("", "tat")).transpose()
}

/// The SQL is written with PostgreSQL's numbered `$n`; SQLite numbers them `?n`.
pub fn placeholders(backend: DbBackend, sql: &str) -> String {
    match backend {
        DbBackend::Postgres => sql.to_owned(),
        _ => sql.replace('$', "?"),
    }
}

/// The key that limits a client: its IPv4 address, or the /64 network of an IPv6 one
/// (one subscriber usually holds a whole /64, and could otherwise take a new address
/// for every attempt).
pub fn client_key(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// "2 minutes", "1 minute", "30 seconds": when to try again, as a person reads it (in the
/// current page's language).
pub fn wait_in_words(wait: Duration) -> String {
    use app::i18n::{t, t_with};
    let seconds = wait.as_secs().max(1);
    if seconds == 1 {
        t("service-limits-wait-one-second")
    } else if seconds < 60 {
        t_with(
            "service-limits-wait-seconds",
            &[("seconds", seconds.to_string())],
        )
    } else if seconds > 2 * 3600 {
        t_with(
            "service-limits-wait-hours",
            &[("hours", seconds.div_ceil(3600).to_string())],
        )
    } else {
        let minutes = seconds.div_ceil(60);
        if minutes == 1 {
            t("service-limits-wait-one-minute")
        } else {
            t_with(
                "service-limits-wait-minutes",
                &[("minutes", minutes.to_string())],
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_keyed_by_their_64_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let other: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(other));
        assert_eq!(client_key("192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_eq!(client_key("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
    }

    #[test]
    fn a_limit_per_hour_spreads_its_refills_over_the_hour() {
        let limit = Limit::per_hour("x", 5);
        assert_eq!(limit.burst, 5);
        assert_eq!(limit.every, Duration::from_secs(720));
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(wait_in_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
    }
}
