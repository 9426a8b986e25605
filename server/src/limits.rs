//! Limits on attempts per client, for guesses that must stay few (registration codes).
//! The limiter is governor's keyed GCRA (the engine behind tower_governor), used directly
//! rather than as a tower layer: a layer would answer 429 before the page runs and lose
//! the form, while here the page keeps what was typed and says on the field when to try
//! again. The client's address comes from tower_governor's key extractors (see `http`).
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

#[derive(Clone)]
pub struct AttemptLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl AttemptLimiter {
    /// `burst` attempts at once, then one more every `every`.
    pub fn new(burst: u32, every: Duration) -> Self {
        Self(Arc::new(RateLimiter::keyed(quota(burst, every))))
    }

    /// Registration codes: 10 attempts, then one every 30 seconds. A person who mistypes
    /// a code tries a few times; a guesser of 12 characters from 31 gets nowhere.
    pub fn registration_codes() -> Self {
        Self::new(10, Duration::from_secs(30))
    }

    /// Counts an attempt by `client`, or says how long until the next one is allowed.
    pub fn attempt(&self, client: IpAddr) -> Result<(), Duration> {
        self.0
            .check_key(&client)
            .map_err(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
    }

    /// Forgets clients whose attempts are long past, so that memory stays bounded.
    pub async fn forget_old(self) {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            self.0.retain_recent();
            self.0.shrink_to_fit();
        }
    }
}

/// Failed attempts per key (an address, a client): a few in a row are allowed, then one
/// more every `every`; past that the key is locked until the next is allowed. Only
/// failures count, so that a person who logs in often is never held back.
pub struct FailureLimiter<K: Hash + Eq + Clone> {
    failures: DefaultKeyedRateLimiter<K>,
    // governor cannot look without counting, so the lock it decides is kept here.
    locked_until: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq + Clone> FailureLimiter<K> {
    pub fn new(burst: u32, every: Duration) -> Self {
        Self {
            failures: RateLimiter::keyed(quota(burst, every)),
            locked_until: Mutex::new(HashMap::new()),
        }
    }

    /// How long the key stays locked, if it is.
    pub fn locked_for(&self, key: &K) -> Option<Duration> {
        let now = Instant::now();
        let locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked
            .get(key)
            .and_then(|until| until.checked_duration_since(now))
    }

    /// Counts a failure; if it was one too many, locks the key and says for how long.
    pub fn failed(&self, key: &K) -> Option<Duration> {
        let wait = self
            .failures
            .check_key(key)
            .err()
            .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))?;
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked.insert(key.clone(), Instant::now() + wait);
        Some(wait)
    }

    /// Lifts a lock (the owner proved who they are another way).
    pub fn forgive(&self, key: &K) {
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked.remove(key);
    }

    fn forget_old(&self) {
        self.failures.retain_recent();
        self.failures.shrink_to_fit();
        let now = Instant::now();
        let mut locked = self.locked_until.lock().unwrap_or_else(|e| e.into_inner());
        locked.retain(|_, until| *until > now);
        locked.shrink_to_fit();
    }
}

/// Failed log-ins, limited per address (so that one account's password cannot be
/// guessed) and per client (so that one client cannot try many accounts).
#[derive(Clone)]
pub struct LogInLimits(Arc<(FailureLimiter<String>, FailureLimiter<IpAddr>)>);

impl Default for LogInLimits {
    fn default() -> Self {
        Self::new(
            FailureLimiter::new(5, Duration::from_secs(60)),
            FailureLimiter::new(20, Duration::from_secs(20)),
        )
    }
}

impl LogInLimits {
    pub fn new(by_address: FailureLimiter<String>, by_client: FailureLimiter<IpAddr>) -> Self {
        Self(Arc::new((by_address, by_client)))
    }

    /// How long this address or client must wait before trying again, if at all.
    pub fn locked_for(&self, address: &str, client: IpAddr) -> Option<Duration> {
        let (by_address, by_client) = &*self.0;
        by_address
            .locked_for(&address.to_owned())
            .into_iter()
            .chain(by_client.locked_for(&client))
            .max()
    }

    /// Counts a failed log-in; says how long to wait if that was one too many.
    pub fn failed(&self, address: &str, client: IpAddr) -> Option<Duration> {
        let (by_address, by_client) = &*self.0;
        let address_wait = by_address.failed(&address.to_owned());
        let client_wait = by_client.failed(&client);
        address_wait.into_iter().chain(client_wait).max()
    }

    /// After a password reset, the address may log in again at once.
    pub fn forgive_address(&self, address: &str) {
        self.0 .0.forgive(&address.to_owned());
    }

    pub async fn forget_old(self) {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        loop {
            every.tick().await;
            self.0 .0.forget_old();
            self.0 .1.forget_old();
        }
    }
}

/// `burst` attempts at once, then one more every `every` (at least a millisecond, so
/// that governor's period is never zero).
fn quota(burst: u32, every: Duration) -> Quota {
    let every = every.max(Duration::from_millis(1));
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
        .allow_burst(burst)
}

/// "2 minutes", "1 minute", "30 seconds": when to try again, as a person reads it.
pub fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.as_secs().max(1);
    if seconds < 60 {
        format!("{seconds} seconds")
    } else if seconds > 2 * 3600 {
        format!("{} hours", seconds.div_ceil(3600))
    } else {
        let minutes = seconds.div_ceil(60);
        if minutes == 1 {
            "1 minute".into()
        } else {
            format!("{minutes} minutes")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_burst_then_waits_while_others_are_unaffected() {
        let limiter = AttemptLimiter::new(3, Duration::from_secs(60));
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..3 {
            assert!(limiter.attempt(client).is_ok());
        }
        let wait = limiter.attempt(client).unwrap_err();
        assert!(wait > Duration::from_secs(50) && wait <= Duration::from_secs(60));
        assert!(limiter.attempt("192.0.2.2".parse().unwrap()).is_ok());
    }

    #[test]
    fn only_failures_past_the_burst_lock_a_key() {
        let limiter = FailureLimiter::new(2, Duration::from_secs(60));
        let key = "ada@example.com".to_string();
        assert_eq!(limiter.failed(&key), None);
        assert_eq!(limiter.failed(&key), None);
        assert_eq!(limiter.locked_for(&key), None, "two failures are allowed");
        let wait = limiter.failed(&key).expect("the third locks");
        assert!(wait > Duration::from_secs(50));
        assert!(limiter.locked_for(&key).is_some());
        assert_eq!(limiter.locked_for(&"bob@example.com".to_string()), None);
    }

    #[test]
    fn waits_read_as_words() {
        assert_eq!(wait_in_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
    }
}
