//! Limits on attempts per client, for guesses that must stay few (registration codes).
//! The limiter is governor's keyed GCRA (the engine behind tower_governor), used directly
//! rather than as a tower layer: a layer would answer 429 before the page runs and lose
//! the form, while here the page keeps what was typed and says on the field when to try
//! again. The client's address comes from tower_governor's key extractors (see `http`).
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

#[derive(Clone)]
pub struct AttemptLimiter(Arc<DefaultKeyedRateLimiter<IpAddr>>);

impl AttemptLimiter {
    /// `burst` attempts at once, then one more every `every`.
    pub fn new(burst: u32, every: Duration) -> Self {
        let quota = Quota::with_period(every)
            .expect("a period longer than zero")
            .allow_burst(NonZeroU32::new(burst.max(1)).expect("at least one"));
        Self(Arc::new(RateLimiter::keyed(quota)))
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

/// "2 minutes", "1 minute", "30 seconds": when to try again, as a person reads it.
pub fn wait_in_words(wait: Duration) -> String {
    let seconds = wait.as_secs().max(1);
    if seconds < 60 {
        format!("{seconds} seconds")
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
    fn waits_read_as_words() {
        assert_eq!(wait_in_words(Duration::from_secs(30)), "30 seconds");
        assert_eq!(wait_in_words(Duration::from_secs(61)), "2 minutes");
        assert_eq!(wait_in_words(Duration::from_secs(60)), "1 minute");
    }
}
