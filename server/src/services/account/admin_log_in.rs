//! The administration's own log-in (`/admin/log-in`): the same password, second step and
//! limits as a portal's log-in, but only for Portico's administrators; and the business
//! portal's log-in sends an administrator there, keeping the address they typed.
use app::api::{Client, LogInOutcome};
use app::forms::log_in::ValidLogIn;
use app::forms::{ErrorKind, Field, FieldErrors};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::services::session::keys;
use crate::services::support::roles::is_administrator;
use crate::services::{Portico, ServiceError};

/// Where a log-in form is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    /// A portal's log-in page: its own people, never an administrator.
    Portal(Portal),
    /// `/admin/log-in`: administrators only.
    Administration,
}

impl Door {
    /// The portal whose accounts may log in here (administrators belong to the business
    /// portal's accounts).
    pub fn portal(self) -> Portal {
        match self {
            Door::Portal(portal) => portal,
            Door::Administration => Portal::Csm,
        }
    }
}

impl Portico {
    pub async fn admin_log_in_at(
        &self,
        session: &Session,
        client: &Client,
        form: ValidLogIn,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        let outcome = self
            .log_in_through(session, client, Door::Administration, form, now)
            .await?;
        if !matches!(outcome, LogInOutcome::Rejected { .. }) {
            keys::ADMIN_LOG_IN_EMAIL.take(session).await?;
        }
        Ok(outcome)
    }

    /// The address an administrator typed at the business portal's log-in, for the
    /// administration's log-in form (empty if none).
    pub async fn carried_admin_email(&self, session: &Session) -> Result<String, ServiceError> {
        Ok(keys::ADMIN_LOG_IN_EMAIL
            .get(session)
            .await?
            .unwrap_or_default())
    }

    /// Why `person` (whose password was right) may not log in at `door`, if they may not:
    /// administrators log in to the administration only, and only they do.
    pub(crate) async fn wrong_door(
        &self,
        session: &Session,
        door: Door,
        person: &user::Model,
    ) -> Result<Option<LogInOutcome>, ServiceError> {
        let administrator = is_administrator(person);
        Ok(match door {
            Door::Portal(_) if administrator => {
                // Their password was right: the address is theirs to have carried over.
                keys::ADMIN_LOG_IN_EMAIL.put(session, &person.email).await?;
                Some(refused(
                    "service-log-in-use-administration",
                    ErrorKind::AdministratorAccount,
                ))
            }
            Door::Administration if !administrator => Some(refused(
                "service-log-in-not-administrator",
                ErrorKind::EmailInPortal(person.kind.portal()),
            )),
            _ => None,
        })
    }
}

fn refused(key: &'static str, kind: ErrorKind) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one_of_kind(Field::Form, key, kind),
    }
}
