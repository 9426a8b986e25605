//! How a SQLite writer waits while another one holds the write lock.
//!
//! SQLite's own busy handler (the one `busy_timeout` installs) sleeps 1, 2, 5, 10, 15,
//! 20, 25, 25, 25, 50, 50 and then 100 ms between tries, whereas Portico's write
//! transactions hold the lock for tens to hundreds of microseconds. A writer that met
//! another slept far longer than the lock was held: with 16 apps signing people in at
//! once (`bench … oidc`), three short writes per sign-in made the p99 147 ms. This
//! handler tries again after 20 µs, doubling to at most 500 µs, and gives up after the
//! same 10 seconds as before ("database is locked", as with `busy_timeout`).
//!
//! sqlx offers `busy_timeout` only, so the handler is installed through SQLite's C API on
//! each new connection. The sleep blocks the connection's own worker thread (sqlx runs
//! every SQLite connection on a thread of its own), never a tokio worker.
use std::os::raw::{c_int, c_void};
use std::time::Duration;

use sea_orm::sqlx::sqlite::SqliteConnection;

/// The first pause; each try doubles it up to [`LONGEST_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_micros(20);
const LONGEST_PAUSE: Duration = Duration::from_micros(500);
/// How long a writer waits in all before it gives up.
pub const WAIT_AT_MOST: Duration = Duration::from_secs(10);

/// The pause before try number `tries` (0 for the first), or None when the writer has
/// waited [`WAIT_AT_MOST`] in all and should give up.
fn pause_before(tries: u32) -> Option<Duration> {
    let doublings = tries.min(LONGEST_PAUSE.as_micros().ilog2());
    let pause = (FIRST_PAUSE * 2u32.saturating_pow(doublings)).min(LONGEST_PAUSE);
    // Every pause is at most LONGEST_PAUSE: past this many tries the waits sum to more
    // than WAIT_AT_MOST.
    let tries_allowed = (WAIT_AT_MOST.as_micros() / LONGEST_PAUSE.as_micros()) as u32;
    (tries < tries_allowed).then_some(pause)
}

/// SQLite's busy callback: non-zero to try again, zero to give up with SQLITE_BUSY.
extern "C" fn wait_briefly(_: *mut c_void, tries: c_int) -> c_int {
    match pause_before(u32::try_from(tries).unwrap_or(0)) {
        Some(pause) => {
            std::thread::sleep(pause);
            1
        }
        None => 0,
    }
}

/// Installs [`wait_briefly`] as `connection`'s busy handler (replacing the one
/// `busy_timeout` installed when the connection was opened).
pub async fn install(connection: &mut SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    let mut handle = connection.lock_handle().await?;
    let raw = handle.as_raw_handle();
    // SAFETY: `raw` is the open connection's handle, held locked for this call; the
    // callback is a plain function with SQLite's signature that ignores its argument, so
    // the null pointer is never read.
    let status = unsafe {
        libsqlite3_sys::sqlite3_busy_handler(raw.as_ptr(), Some(wait_briefly), std::ptr::null_mut())
    };
    if status == libsqlite3_sys::SQLITE_OK {
        Ok(())
    } else {
        Err(sea_orm::sqlx::Error::Protocol(format!(
            "SQLite refused the busy handler (code {status})"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_start_short_and_grow_to_the_longest() {
        assert_eq!(pause_before(0), Some(FIRST_PAUSE));
        assert_eq!(pause_before(1), Some(FIRST_PAUSE * 2));
        assert_eq!(pause_before(30), Some(LONGEST_PAUSE));
    }

    #[test]
    fn a_writer_gives_up_once_its_pauses_add_up_to_the_whole_wait() {
        let mut waited = Duration::ZERO;
        let mut tries = 0;
        while let Some(pause) = pause_before(tries) {
            waited += pause;
            tries += 1;
        }
        assert!(waited <= WAIT_AT_MOST, "{waited:?}");
        assert!(
            waited >= WAIT_AT_MOST - Duration::from_millis(10),
            "{waited:?}"
        );
    }
}
