//! What a page carries over from the step before it (the address just registered,
//! verified, or typed in the wrong portal), and where a person stands who gave the right
//! password but may not log in yet. Both wait in the session for the page that follows,
//! never in its URL: URLs end up in the browser's history and in logs.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};

/// An address carried to the next page: "check your email" names it, and the log-in and
/// "send a new link" forms start filled in with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedOver {
    pub email: String,
    /// Who decides a business registration, when the page after registering says so.
    pub reviewer: Option<Reviewer>,
}

/// Who decides a business registration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reviewer {
    /// The customer administrators of the company whose registration code was given.
    Company,
    /// No code was given: Portico's staff find the company first.
    Staff,
}

/// Where a business contact stands who gave the right password before approval, or
/// after a rejection.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountStatus {
    pub first_name: String,
    pub state: AccountState,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountState {
    /// The company's customer administrators decide.
    AwaitingCompany { company: String },
    /// No company was given: Portico's staff find it first.
    AwaitingStaff,
    /// Not approved: by the company (when named) or by Portico's staff.
    Rejected {
        company: Option<String>,
        /// The reason the decider gave, if any.
        reason: Option<String>,
        /// Whether registering again with another address is open to them (a rejection
        /// by the staff for want of a company; a company's own "no" is not to be
        /// worked around).
        may_register_again: bool,
    },
}

/// The address the step before carried over, if any.
#[server(prefix = "/api", endpoint = "carried_address")]
pub async fn carried_address() -> Result<Option<CarriedOver>, ServerFnError> {
    // A page template is the same for everyone: it carries nothing.
    if crate::page_template::rendering_template() {
        return Ok(None);
    }
    services()?.carried_over(&session().await?).await
}

/// Where the person who just gave their password stands, if a log-in found them waiting
/// or rejected.
#[server(prefix = "/api", endpoint = "registration_status")]
pub async fn registration_status() -> Result<Option<AccountStatus>, ServerFnError> {
    services()?.account_status(&session().await?).await
}

#[cfg(feature = "ssr")]
pub use contract::StatusServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {

    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// What a person who cannot log in yet is told. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait StatusServices: Send + Sync + 'static {
        async fn carried_over(
            &self,
            session: &Session,
        ) -> Result<Option<crate::api::CarriedOver>, ServerFnError>;
        async fn account_status(
            &self,
            session: &Session,
        ) -> Result<Option<crate::api::AccountStatus>, ServerFnError>;
    }
}
