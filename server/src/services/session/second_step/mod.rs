//! The second step of a log-in. After a first factor (see `gate`), a person who has a
//! second factor — or must set one up: their company's rule, `ADMIN_TWO_FACTOR` — gets a
//! *pending* log-in in the session, never a logged-in session, until a code, a recovery
//! code or a passkey finishes it. In the session kernel because the gate needs it, and
//! every way in passes the gate.
pub mod codes;

use app::api::{Client, LogInOutcome, PendingLogIn};
use app::forms::two_factor::SecondFactorCode;
use app::forms::{ErrorKind, Field, FieldErrors};
use chrono::{DateTime, Duration, Utc};
use sea_orm::EntityTrait;
use tower_sessions::Session;

use crate::db::entities::user::{self, UserStatus};
use crate::limits;
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::pending::Pending;
use crate::services::session::second_step_lock::LOCKED;
use crate::services::support::roles::is_administrator;
use crate::services::{Portico, ServiceError};

/// How long the step after a right password may take.
pub const PENDING_LIFETIME: Duration = Duration::minutes(10);

/// The keys of messages several steps give.
pub const WRONG_CODE: &str = "service-two-factor-wrong-code";
pub const LOG_IN_AGAIN: &str = "service-two-factor-log-in-again";
pub const LAST_REQUIRED_FACTOR: &str = "service-two-factor-last-required";

impl Portico {
    /// After a first factor (see `gate`): where the log-in goes on to if the person has
    /// (or must set up) a second factor; nothing is logged in until then.
    pub(crate) async fn second_step(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, ServiceError> {
        let portal = person.kind.portal();
        let set_up = if self.factors_of(&self.db, person.id).await?.any() {
            false
        } else if self.must_have_second_factor(person).await? {
            true
        } else {
            return Ok(None);
        };
        // A new id, as at log-in: the waiting log-in is this browser's alone.
        session.cycle_id().await?;
        let pending = Pending {
            user_id: person.id,
            next,
            set_up,
            since: now.timestamp(),
            credential_version: person.credential_version,
        };
        keys::PENDING_LOG_IN.put(session, &pending).await?;
        let to = if set_up {
            "/security/app"
        } else {
            "/log-in/second-factor"
        };
        Ok(Some(portal.path(to)))
    }

    /// The log-in waiting for its second step, while it has not expired, its person may
    /// still log in and their credentials have not changed since it began.
    pub(crate) async fn pending(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<(Pending, user::Model)>, ServiceError> {
        let Some(pending) = keys::PENDING_LOG_IN.get(session).await? else {
            return Ok(None);
        };
        let fresh = DateTime::from_timestamp(pending.since, 0)
            .is_some_and(|since| now - since <= PENDING_LIFETIME);
        if !fresh {
            keys::PENDING_LOG_IN.take(session).await?;
            return Ok(None);
        }
        let person = user::Entity::find_by_id(pending.user_id)
            .one(&self.db)
            .await?
            .filter(|u| u.status == UserStatus::Active)
            .filter(|u| u.credential_version == pending.credential_version);
        if person.is_none() {
            keys::PENDING_LOG_IN.take(session).await?;
        }
        Ok(person.map(|person| (pending, person)))
    }

    pub async fn pending_second_factor_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<PendingLogIn>, ServiceError> {
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(None);
        };
        if pending.set_up {
            return Ok(None);
        }
        let factors = self.factors_of(&self.db, person.id).await?;
        Ok(Some(PendingLogIn {
            app: factors.app,
            passkeys: factors.passkeys > 0 && self.passkeys.is_some(),
            recovery_codes: factors.recovery_codes_left > 0,
        }))
    }

    /// The code after the password: from the app, or a recovery code. Wrong ones count
    /// against the person's limit, as wrong passwords do.
    pub async fn second_factor_at(
        &self,
        session: &Session,
        client: &Client,
        code: SecondFactorCode,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        let Some((pending, person)) = self.pending(session, now).await? else {
            return Ok(log_in_again());
        };
        if pending.set_up {
            return Ok(log_in_again());
        }
        if person.second_factor_locked_at.is_some() {
            return Ok(LogInOutcome::Rejected {
                errors: FieldErrors::one(Field::Code, LOCKED),
            });
        }
        let key = person.id.to_string();
        let limit = &self.limits.second_factor;
        if let Err(wait) = limits::attempt(&self.db, limit, &key, now).await? {
            return Ok(LogInOutcome::Rejected {
                errors: codes::too_many_codes(wait),
            });
        }
        let right = match &code {
            SecondFactorCode::App(code) => self.use_app_code(&person, code, now).await?,
            SecondFactorCode::Recovery(code) => self.use_recovery_code(&person, code, now).await?,
        };
        if !right {
            let locked = self.count_wrong_code(&person, now).await?;
            return Ok(LogInOutcome::Rejected {
                errors: FieldErrors::one(Field::Code, if locked { LOCKED } else { WRONG_CODE }),
            });
        }
        limits::refund(&self.db, limit, &key, now).await?;
        self.forget_wrong_codes(&person).await?;
        let to = self
            .finish_log_in(
                session,
                &person,
                pending.next,
                client,
                FactorsUsed::PASSWORD.and_code(),
                now,
            )
            .await?;
        Ok(LogInOutcome::LoggedIn { to })
    }

    /// The second step is done: the person is logged in; where they go.
    pub(crate) async fn finish_log_in(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        client: &Client,
        factors: FactorsUsed,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        keys::PENDING_LOG_IN.take(session).await?;
        let to = self
            .admit_after_every_factor(session, person, client, next, factors, now)
            .await?;
        tracing::info!(user = person.id, "logged in with a second factor");
        Ok(to)
    }
}

/// Where a person lands after logging in: administrators at `/admin`, others at their
/// portal's home.
pub(crate) fn home_of(person: &user::Model) -> String {
    if is_administrator(person) {
        "/admin".to_owned()
    } else {
        person.kind.portal().prefix().to_owned()
    }
}

fn log_in_again() -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one_of_kind(Field::Form, LOG_IN_AGAIN, ErrorKind::Forbidden),
    }
}
