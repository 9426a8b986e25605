//! The one way from a proven identity to a session. Every way in goes through here:
//!
//! - after a first factor — a password, an emailed reset link, an accepted invitation —
//!   [`Portico::admit_after_first_factor`]: a person who has a second factor, or must set
//!   one up (their company's rule, `ADMIN_TWO_FACTOR`), goes on to that step with
//!   nothing logged in;
//! - once every factor is given (the second step, or a passkey, which is both),
//!   `start_login` (in `sessions`): new terms first, a due deletion cancelled, then the
//!   session.
//!
//! A way in that called `start_login` after a first factor alone would skip the second
//! factor: none does (a password reset once did, issue 19).
use app::api::Client;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::services::{Portico, ServiceError};

/// Where a person goes after their first factor.
#[derive(Debug)]
pub(crate) enum Admission {
    /// Logged in (or on to agree to new terms first, which `to` then names).
    LoggedIn { to: String },
    /// On to the second step, or to set up a factor; nothing is logged in yet.
    SecondStep { to: String },
}

impl Portico {
    /// After a first factor: the second step when the person has or needs one, else the
    /// session.
    pub(crate) async fn admit_after_first_factor(
        &self,
        session: &Session,
        person: &user::Model,
        client: &Client,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Admission, ServiceError> {
        if let Some(to) = self.second_step(session, person, next.clone(), now).await? {
            return Ok(Admission::SecondStep { to });
        }
        let to = self.start_login(session, person, client, next, now).await?;
        Ok(Admission::LoggedIn { to })
    }
}
