//! How hard the Security Code's proof of work is: harder while sign-ups surge, from one
//! client or from everyone (as mCaptcha does), easier again as they calm down. A bot
//! that signs up in bulk pays more CPU per sign-up; a person, who signs up once, never
//! notices.
//!
//! Each rate is a meter: the time by which its recent sign-ups would have been spread at
//! its calm pace (GCRA's arrival time). How far that time runs ahead of now, in units of
//! the pace, is the backlog; each doubling of the backlog past a threshold doubles the
//! work. Kept in memory per instance: difficulty needs no agreement between instances
//! (the limits that must, are in the database).
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The pace at which sign-ups are calm, and the backlog (in sign-ups) from which the work
/// doubles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pace {
    pub every: Duration,
    pub threshold: u32,
}

/// Everyone together: a sign-up a second, doubling from a backlog of 30.
pub const OVERALL: Pace = Pace {
    every: Duration::from_secs(1),
    threshold: 30,
};

/// One client: a sign-up in ten minutes, doubling from a backlog of 3.
pub const PER_CLIENT: Pace = Pace {
    every: Duration::from_secs(600),
    threshold: 3,
};

/// The work never grows beyond this factor (a few seconds in a phone's browser).
pub const MAX_FACTOR: u64 = 32;

/// Clients remembered at most; the calmest are forgotten first when more come.
const MAX_CLIENTS: usize = 100_000;

pub struct SignUpSurge {
    enabled: bool,
    overall: Mutex<Instant>,
    clients: Mutex<HashMap<String, Instant>>,
}

impl SignUpSurge {
    /// `enabled: false` keeps the work at its base (a setting; benchmarks say so).
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            overall: Mutex::new(Instant::now()),
            clients: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a sign-up from `client`.
    pub fn record(&self, client: &str, now: Instant) {
        if !self.enabled {
            return;
        }
        advance(
            &mut self.overall.lock().unwrap_or_else(|e| e.into_inner()),
            OVERALL,
            now,
        );
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        if clients.len() >= MAX_CLIENTS {
            clients.retain(|_, tat| *tat > now);
        }
        let tat = clients.entry(client.to_owned()).or_insert(now);
        advance(tat, PER_CLIENT, now);
    }

    /// How many times the base work a challenge for `client` asks for now.
    pub fn factor(&self, client: &str, now: Instant) -> u64 {
        if !self.enabled {
            return 1;
        }
        let overall = *self.overall.lock().unwrap_or_else(|e| e.into_inner());
        let own = self
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(client)
            .copied();
        let factor =
            doubling(overall, OVERALL, now) * own.map_or(1, |tat| doubling(tat, PER_CLIENT, now));
        factor.min(MAX_FACTOR)
    }
}

fn advance(tat: &mut Instant, pace: Pace, now: Instant) {
    *tat = (*tat).max(now) + pace.every;
}

/// 1 below the threshold, then 2 for a backlog of one to two thresholds, 4 for two to
/// four, and so on.
fn doubling(tat: Instant, pace: Pace, now: Instant) -> u64 {
    let backlog = tat.saturating_duration_since(now).as_secs_f64() / pace.every.as_secs_f64();
    let ratio = backlog / f64::from(pace.threshold.max(1));
    if ratio < 1.0 {
        1
    } else {
        1u64 << ((ratio.log2().floor() as u32) + 1).min(6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_doubles_as_one_client_keeps_signing_up_and_calms_down_after() {
        let surge = SignUpSurge::new(true);
        let now = Instant::now();
        assert_eq!(surge.factor("a", now), 1);
        for _ in 0..3 {
            surge.record("a", now);
        }
        assert_eq!(surge.factor("a", now), 2, "a backlog of 3 sign-ups");
        for _ in 0..3 {
            surge.record("a", now);
        }
        assert_eq!(surge.factor("a", now), 4);
        assert_eq!(surge.factor("b", now), 1, "another client is not affected");
        let later = now + PER_CLIENT.every * 7;
        assert_eq!(surge.factor("a", later), 1, "calm again");
    }

    #[test]
    fn a_surge_from_everyone_raises_the_work_for_everyone() {
        let surge = SignUpSurge::new(true);
        let now = Instant::now();
        for client in 0..60 {
            surge.record(&client.to_string(), now);
        }
        assert_eq!(
            surge.factor("newcomer", now),
            4,
            "a backlog of 60 at one a second"
        );
    }

    #[test]
    fn the_work_is_bounded_and_can_be_switched_off() {
        let surge = SignUpSurge::new(true);
        let now = Instant::now();
        for _ in 0..10_000 {
            surge.record("bot", now);
        }
        assert_eq!(surge.factor("bot", now), MAX_FACTOR);
        let off = SignUpSurge::new(false);
        off.record("bot", now);
        assert_eq!(off.factor("bot", now), 1);
    }
}
