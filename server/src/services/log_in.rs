//! Logging in and the session it starts. A wrong password and an unknown address get the
//! same message and take the same time; whether an address is verified is told only to
//! someone who knows its password.
use app::api::{LogInOutcome, SessionUser};
use app::forms::log_in::ValidLogIn;
use app::forms::{Field, FieldErrors};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use super::access::is_administrator;
use super::{Portico, ServiceError};
use crate::db::entities::user::{self, UserKind, UserStatus};

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
            return Ok(LogInOutcome::Rejected {
                errors: app::forms::FieldErrors::one_of_kind(
                    Field::Form,
                    format!(
                        "Your account belongs to the {}. Log in there, at {}.",
                        home.name(),
                        home.path("/log-in")
                    ),
                    app::forms::ErrorKind::EmailInPortal(home),
                ),
            });
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
                    "Your registration is pending review. You receive an email when your request is processed.".into(),
                ));
            }
            UserStatus::Rejected => {
                return Ok(rejected(
                    "Your registration was not approved, so you cannot log in. If you think this is a mistake, contact your company's customer administrator.".into(),
                ));
            }
            UserStatus::Disabled => {
                return Ok(rejected(match found.kind {
                    UserKind::Contact => "Your login has been disabled by your company. Contact your company's customer administrator.".into(),
                    _ => "Your account is disabled. Contact us if you think this is a mistake.".into(),
                }));
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
        let home = if is_administrator(&found) {
            "/admin".to_owned()
        } else {
            portal.prefix().to_owned()
        };
        Ok(LogInOutcome::LoggedIn {
            to: form.next.unwrap_or(home),
        })
    }

    /// The person this session belongs to, as the header shows them.
    pub async fn session_user(
        &self,
        session: &Session,
    ) -> Result<Option<SessionUser>, ServiceError> {
        Ok(self.session_person(session).await?.map(|u| SessionUser {
            first_name: u.first_name,
            portal: u.kind.portal(),
            role: u.role.into(),
        }))
    }
}

fn rejected(message: String) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one(Field::Form, message),
    }
}
