//! A login through a provider ends with the provider's session, or after
//! `SSO_SESSION_MAX_HOURS` (`session::logins` treats it as logged out past its
//! `expires_at`): the page that finds it ended goes back to the provider silently.
use tower_sessions::Session;

use crate::services::session::keys;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// The provider whose login on this session just ended at its `expires_at`, to go
    /// back to with `prompt=none` (a `login_required` answer there means the log-in
    /// page). Taken: asked once.
    pub async fn provider_session_ended(
        &self,
        session: &Session,
    ) -> Result<Option<i32>, ServiceError> {
        Ok(keys::PROVIDER_SESSION_ENDED.take(session).await?)
    }
}
