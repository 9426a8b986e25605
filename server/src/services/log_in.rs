//! Logging in and the session it starts. A wrong password and an unknown address get the
//! same message and take the same time; whether an address is verified is told only to
//! someone who knows its password.
use app::api::{LogInOutcome, SessionUser};
use app::forms::consumer::ValidLogIn;
use app::forms::{Field, FieldErrors};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use super::{Portico, ServiceError};
use crate::db::entities::user::{self, UserStatus};

/// The session key that holds the logged-in user's id.
pub const SESSION_USER_ID: &str = "user_id";

pub const INCORRECT: &str = "Email address or password is incorrect";

impl Portico {
    pub async fn log_in_at(
        &self,
        session: &Session,
        portal: Portal,
        form: ValidLogIn,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        let found = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(form.email.normalized()))
            .one(&self.db)
            .await?;
        let Some(found) = found else {
            self.hasher.verify_decoy(form.password).await?;
            return Ok(rejected(INCORRECT.into()));
        };
        if !self
            .hasher
            .verify(form.password, found.password_hash.clone())
            .await?
        {
            return Ok(rejected(INCORRECT.into()));
        }
        let home = found.kind.portal();
        if home != portal {
            return Ok(rejected(format!(
                "Your account belongs to the {}. Log in there, at {}.",
                home.name(),
                home.path("/log-in")
            )));
        }
        match found.status {
            UserStatus::Active => {}
            UserStatus::Unverified => {
                return Ok(rejected(format!(
                    "Verify your email address before you log in: open the link in the email we sent to {}.",
                    found.email
                )));
            }
            UserStatus::PendingApproval => {
                return Ok(rejected(
                    "Your registration is waiting for approval. We will email you when it is processed.".into(),
                ));
            }
            UserStatus::Disabled => {
                return Ok(rejected(
                    "Your account is disabled. Contact us if you think this is a mistake.".into(),
                ));
            }
        }
        // A new session id at log-in, so that an id planted before cannot be ridden.
        session.cycle_id().await?;
        session.insert(SESSION_USER_ID, found.id).await?;
        user::Entity::update_many()
            .col_expr(user::Column::LastLoginAt, Expr::value(now))
            .filter(user::Column::Id.eq(found.id))
            .exec(&self.db)
            .await?;
        tracing::info!(user = found.id, "logged in");
        Ok(LogInOutcome::LoggedIn {
            to: portal.prefix().to_owned(),
        })
    }

    /// The person this session belongs to, while their account is active.
    pub async fn session_user(
        &self,
        session: &Session,
    ) -> Result<Option<SessionUser>, ServiceError> {
        let Some(id) = session.get::<i32>(SESSION_USER_ID).await? else {
            return Ok(None);
        };
        let found = user::Entity::find_by_id(id).one(&self.db).await?;
        Ok(found
            .filter(|u| u.status == UserStatus::Active)
            .map(|u| SessionUser {
                first_name: u.first_name,
                portal: u.kind.portal(),
            }))
    }
}

fn rejected(message: String) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one(Field::Form, message),
    }
}
