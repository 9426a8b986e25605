//! Session cookies that name no session. Every browser sends one after its session ended
//! (a log-out, an expiry, "log out everywhere else", a disabled login), and tower-sessions
//! warns "possibly suspicious activity: record not found in store" for each: hundreds of
//! warnings in which a real one is lost. The library's line is kept below warnings
//! (`observability::logs`); this store logs the event at debug and counts it in
//! `portico_unknown_session_cookies_total`, where a sudden rise (guessed cookies) shows.
use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store;
use tower_sessions::SessionStore;

use crate::observability::metrics;

/// The session store, counting the cookies it has no session for.
#[derive(Clone, Debug)]
pub struct CountingUnknown<S>(pub S);

#[async_trait]
impl<S: SessionStore> SessionStore for CountingUnknown<S> {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.0.create(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.0.save(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let record = self.0.load(id).await?;
        if record.is_none() {
            tracing::debug!("a session cookie names no session (ended, expired or made up)");
            metrics::unknown_session_cookie();
        }
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.0.delete(id).await
    }
}
