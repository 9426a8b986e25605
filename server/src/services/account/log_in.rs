//! Logging in and the session it starts. A wrong password and an unknown address get the
//! same message and take the same time; whether an address is verified is told only to
//! someone who knows its password.
//!
//! Every attempt is counted against the address's and the client's limits before the
//! password is hashed, so that parallel guesses cannot all pass a check before the first
//! failure is recorded; an attempt with the right password is given back, so only
//! failures use the limits up.
use app::api::{CarriedOver, Client, LogInOutcome, SessionUser};
use app::forms::log_in::ValidLogIn;
use app::forms::{ErrorKind, Field, FieldErrors};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::limits::{self, client_key, wait_in_words};
use crate::services::account::admin_log_in::Door;
use crate::services::session::gate::Admission;
use crate::services::session::keys;
use crate::services::support::required_provider::{must_use_company_provider, USE_COMPANY_SIGN_IN};
use crate::services::{Portico, ServiceError};

/// The key of the message for a wrong password or an unknown address (the same for both).
pub const INCORRECT: &str = "service-log-in-incorrect";

impl Portico {
    pub async fn log_in_at(
        &self,
        session: &Session,
        client: &Client,
        portal: Portal,
        form: ValidLogIn,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        self.log_in_through(session, client, Door::Portal(portal), form, now)
            .await
    }

    /// A log-in at `door`: a portal's log-in page, or the administration's.
    pub(crate) async fn log_in_through(
        &self,
        session: &Session,
        client: &Client,
        door: Door,
        form: ValidLogIn,
        now: DateTime<Utc>,
    ) -> Result<LogInOutcome, ServiceError> {
        let address = form.email.normalized().to_owned();
        // An account whose deletion fell due is gone, whether or not the janitor came by.
        self.erase_if_due(&address, now).await?;
        let client_key = client_key(client.address);
        if let Err(wait) = self.count_log_in(&address, &client_key, now).await? {
            return Ok(too_many_failures(wait));
        }
        let checked = self.check_password(door.portal(), form).await?;
        if !matches!(checked, Checked::WrongPassword) {
            self.refund_log_in(&address, &client_key, now).await?;
        }
        let (found, next) = match checked {
            Checked::Person(person, next) => (*person, next),
            Checked::Refused(outcome) => return Ok(outcome),
            Checked::WrongPassword => return Ok(rejected(INCORRECT)),
            Checked::OtherPortal(home, email) => {
                // The other portal's log-in form starts with the address (never the
                // password): the button to it carries nothing in its URL.
                let carried = CarriedOver {
                    email,
                    reviewer: None,
                };
                keys::CARRIED_OVER.put(session, &carried).await?;
                return Ok(other_portal(home));
            }
            Checked::Undecided(person) => {
                keys::STATUS_OF.put(session, &person.id).await?;
                return Ok(LogInOutcome::Status {
                    to: door.portal().path("/account-status"),
                });
            }
        };
        if let Some(refusal) = self.wrong_door(session, door, &found).await? {
            return Ok(refusal);
        }
        // Someone with a second factor (or who must set one up) has no session until it
        // is given.
        Ok(
            match self
                .admit_after_first_factor(session, &found, client, next, now)
                .await?
            {
                Admission::SecondStep { to } => LogInOutcome::SecondStep { to },
                Admission::LoggedIn { to } => {
                    tracing::info!(user = found.id, "logged in");
                    LogInOutcome::LoggedIn { to }
                }
            },
        )
    }

    /// Counts a log-in attempt against the address's and the client's limits, or says how
    /// long to wait.
    async fn count_log_in(
        &self,
        address: &str,
        client_key: &str,
        now: DateTime<Utc>,
    ) -> Result<Result<(), std::time::Duration>, ServiceError> {
        let limits = &self.limits;
        if let Err(wait) =
            limits::attempt(&self.db, &limits.log_in_per_address, address, now).await?
        {
            return Ok(Err(wait));
        }
        if let Err(wait) =
            limits::attempt(&self.db, &limits.log_in_per_client, client_key, now).await?
        {
            limits::refund(&self.db, &limits.log_in_per_address, address, now).await?;
            return Ok(Err(wait));
        }
        Ok(Ok(()))
    }

    async fn refund_log_in(
        &self,
        address: &str,
        client_key: &str,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let limits = &self.limits;
        limits::refund(&self.db, &limits.log_in_per_address, address, now).await?;
        limits::refund(&self.db, &limits.log_in_per_client, client_key, now).await?;
        Ok(())
    }

    /// Who the address and password belong to, if they are right and the account may
    /// log in here.
    async fn check_password(
        &self,
        portal: Portal,
        form: ValidLogIn,
    ) -> Result<Checked, ServiceError> {
        let found = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(form.email.normalized()))
            .one(&self.db)
            .await?;
        let Some(found) = found else {
            self.hasher.verify_decoy(form.password).await?;
            return Ok(Checked::WrongPassword);
        };
        if !self
            .hasher
            .verify(form.password, found.password_hash.clone())
            .await?
        {
            return Ok(Checked::WrongPassword);
        }
        let home = found.kind.portal();
        if home != portal {
            return Ok(Checked::OtherPortal(home, found.email));
        }
        match found.status {
            UserStatus::Active => {}
            UserStatus::Unverified => {
                return Ok(Checked::Refused(LogInOutcome::Rejected {
                    errors: FieldErrors::one_of_kind(
                        Field::Form,
                        app::forms::Message::key_with(
                            "service-log-in-unverified",
                            &[("email", found.email.clone())],
                        ),
                        ErrorKind::Unverified(home),
                    ),
                }));
            }
            UserStatus::PendingApproval | UserStatus::Rejected => {
                return Ok(Checked::Undecided(Box::new(found)));
            }
            UserStatus::Disabled => {
                return Ok(refused(match found.kind {
                    UserKind::Contact => "service-log-in-disabled-by-company",
                    _ => "service-log-in-disabled",
                }));
            }
        }
        // Known only to someone who knows the password, as whether it is verified.
        if must_use_company_provider(&self.db, &found).await? {
            return Ok(refused(USE_COMPANY_SIGN_IN));
        }
        Ok(Checked::Person(Box::new(found), form.next))
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
            preferred_language: u.preferred_language,
        }))
    }
}

/// What the password check found.
enum Checked {
    Person(Box<user::Model>, Option<String>),
    WrongPassword,
    /// The password is right, but the account may not log in here (yet): why.
    Refused(LogInOutcome),
    /// The password is right for an account of the other portal (its address).
    OtherPortal(Portal, String),
    /// The password is right, and the registration awaits its decision or was refused.
    Undecided(Box<user::Model>),
}

/// The answer to a right password in the wrong portal: the way to the right one.
fn other_portal(home: Portal) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one_of_kind(
            Field::Form,
            app::forms::Message::key_with(
                "service-log-in-other-portal",
                &[("portal", home.name())],
            ),
            ErrorKind::EmailInPortal(home),
        ),
    }
}

fn refused(message: &'static str) -> Checked {
    Checked::Refused(rejected(message))
}

fn too_many_failures(wait: std::time::Duration) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one_of_kind(
            Field::Form,
            app::forms::Message::key_with(
                "service-log-in-too-many",
                &[("wait", wait_in_words(wait))],
            ),
            ErrorKind::TooManyAttempts,
        ),
    }
}

fn rejected(message: impl Into<app::forms::Message>) -> LogInOutcome {
    LogInOutcome::Rejected {
        errors: FieldErrors::one(Field::Form, message),
    }
}
