//! Who is asking: a request's caller is resolved once from its session — nobody, a person,
//! a customer administrator of their company, one of our administrators — and a service
//! asks it what it needs (`caller.administrator()?`). A refusal is one type, [`Refusal`],
//! and becomes what the page shows in one place ([`Refused`]); no service writes its own
//! guard. Pages only hide what the services refuse anyway.
use app::api::{Access, ActionOutcome, Confirmation, PasskeyStep};
use app::forms::{ErrorKind, Field, FieldErrors, Message};
use chrono::Utc;
use sea_orm::{DbErr, EntityTrait};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserStatus};
use crate::db::entities::{account, login};
use crate::password::HashError;
use crate::services::session::keys;
use crate::services::support::roles::{is_administrator, is_customer_admin};
use crate::services::{Portico, ServiceError};

/// Why a service does not act for its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody is logged in, or their session has ended.
    LogInFirst,
    /// Logged in, but only administrators (ours) may.
    AdministratorsOnly,
    /// Logged in, but only the company's customer administrators may.
    CustomerAdministratorsOnly,
    /// A sensitive action, and the person has not proved who they are lately: the page
    /// links to "Confirm it's you", which comes back (`reauthentication`).
    ConfirmFirst,
}

impl Refusal {
    /// What a form refused this way says.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::LogInFirst => "service-common-session-ended",
            Refusal::AdministratorsOnly => "service-common-administrators-only",
            Refusal::CustomerAdministratorsOnly => "service-common-customer-administrators-only",
            Refusal::ConfirmFirst => super::reauthentication::CONFIRM_FIRST,
        }
    }

    fn field_errors(self) -> FieldErrors {
        FieldErrors::one_of_kind(Field::Form, self.message(), ErrorKind::Forbidden)
    }
}

/// An outcome that can say "refused": the one place a [`Refusal`] becomes what a page shows.
pub trait Refused {
    fn refused(refusal: Refusal) -> Self;
}

impl<T> Refused for Access<T> {
    fn refused(refusal: Refusal) -> Self {
        match refusal {
            Refusal::LogInFirst => Access::LogInFirst,
            _ => Access::Denied,
        }
    }
}

impl Refused for ActionOutcome {
    fn refused(refusal: Refusal) -> Self {
        ActionOutcome::Rejected {
            errors: refusal.field_errors(),
        }
    }
}

impl Refused for Confirmation {
    fn refused(refusal: Refusal) -> Self {
        Confirmation::Rejected {
            errors: refusal.field_errors(),
        }
    }
}

impl Refused for PasskeyStep {
    fn refused(refusal: Refusal) -> Self {
        PasskeyStep::Refused {
            message: Message::from(refusal.message()).text(),
        }
    }
}

/// What an action that does nothing for a refused caller (saving a language choice when
/// nobody is logged in) answers: nothing.
impl Refused for () {
    fn refused(_: Refusal) -> Self {}
}

/// What a page that shows nothing to a refused caller gets: nothing.
impl<T> Refused for Option<T> {
    fn refused(_: Refusal) -> Self {
        None
    }
}

/// Why a service's work stopped: its caller was refused, or something failed inside.
#[derive(Debug)]
pub enum Stop {
    Refused(Refusal),
    Failed(ServiceError),
}

impl From<Refusal> for Stop {
    fn from(refusal: Refusal) -> Self {
        Stop::Refused(refusal)
    }
}

impl From<ServiceError> for Stop {
    fn from(error: ServiceError) -> Self {
        Stop::Failed(error)
    }
}

impl From<DbErr> for Stop {
    fn from(error: DbErr) -> Self {
        Stop::Failed(error.into())
    }
}

impl From<HashError> for Stop {
    fn from(error: HashError) -> Self {
        Stop::Failed(error.into())
    }
}

impl From<tower_sessions::session::Error> for Stop {
    fn from(error: tower_sessions::session::Error) -> Self {
        Stop::Failed(error.into())
    }
}

/// A service's answer from its work: a refusal becomes the outcome the page shows, a
/// failure stays an error. Used as `settle(async { … }).await` around work that asks
/// its caller with `?`.
pub async fn settle<T: Refused>(
    work: impl std::future::Future<Output = Result<T, Stop>>,
) -> Result<T, ServiceError> {
    match work.await {
        Ok(outcome) => Ok(outcome),
        Err(Stop::Refused(refusal)) => Ok(T::refused(refusal)),
        Err(Stop::Failed(error)) => Err(error),
    }
}

/// A customer administrator and the company they manage.
pub struct CustomerAdmin {
    pub user: user::Model,
    pub account: account::Model,
}

/// Someone who manages a company's contacts: its customer administrator, or one of ours
/// (for any company).
pub enum Manager {
    CustomerAdmin(CustomerAdmin),
    Administrator(user::Model),
}

/// Who is asking, resolved once per request.
pub enum Caller {
    Anonymous,
    Person(Box<SignedIn>),
}

/// A person logged in, as their session found them.
pub struct SignedIn {
    pub person: user::Model,
    pub login: login::Model,
    /// The company a customer administrator manages.
    pub manages: Option<account::Model>,
}

impl Caller {
    /// The person logged in.
    pub fn person(self) -> Result<user::Model, Refusal> {
        self.login().map(|(person, _)| person)
    }

    /// The person logged in and this session's login.
    pub fn login(self) -> Result<(user::Model, login::Model), Refusal> {
        let signed_in = self.signed_in()?;
        Ok((signed_in.person, signed_in.login))
    }

    /// One of our administrators.
    pub fn administrator(self) -> Result<user::Model, Refusal> {
        let signed_in = self.signed_in()?;
        match is_administrator(&signed_in.person) {
            true => Ok(signed_in.person),
            false => Err(Refusal::AdministratorsOnly),
        }
    }

    /// A customer administrator, with the company they manage.
    pub fn customer_admin(self) -> Result<CustomerAdmin, Refusal> {
        let signed_in = self.signed_in()?;
        match signed_in.manages {
            Some(account) => Ok(CustomerAdmin {
                user: signed_in.person,
                account,
            }),
            None => Err(Refusal::CustomerAdministratorsOnly),
        }
    }

    /// A customer administrator, or one of ours.
    pub fn manager(self) -> Result<Manager, Refusal> {
        match self {
            Caller::Person(signed_in) if is_administrator(&signed_in.person) => {
                Ok(Manager::Administrator(signed_in.person))
            }
            caller => caller.customer_admin().map(Manager::CustomerAdmin),
        }
    }

    fn signed_in(self) -> Result<SignedIn, Refusal> {
        match self {
            Caller::Anonymous => Err(Refusal::LogInFirst),
            Caller::Person(signed_in) => Ok(*signed_in),
        }
    }
}

impl Portico {
    /// The caller of a request made with this session.
    pub async fn caller(&self, session: &Session) -> Result<Caller, ServiceError> {
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(Caller::Anonymous);
        };
        let manages = match person.account_id {
            Some(id) if is_customer_admin(&person) => {
                account::Entity::find_by_id(id).one(&self.db).await?
            }
            _ => None,
        };
        Ok(Caller::Person(Box::new(SignedIn {
            person,
            login,
            manages,
        })))
    }

    /// The person logged in to this session, while their account is active and the
    /// session's login has not been ended.
    pub async fn session_person(
        &self,
        session: &Session,
    ) -> Result<Option<user::Model>, ServiceError> {
        Ok(self.session_login(session).await?.map(|(person, _)| person))
    }

    /// The session's person and their login.
    pub async fn session_login(
        &self,
        session: &Session,
    ) -> Result<Option<(user::Model, login::Model)>, ServiceError> {
        let Some(id) = keys::USER_ID.get(session).await? else {
            return Ok(None);
        };
        let Some(person) = user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|u| u.status == UserStatus::Active)
        else {
            return Ok(None);
        };
        Ok(self
            .current_login(session, person.id, Utc::now())
            .await?
            .map(|login| (person, login)))
    }
}
