//! A company's own administration in the business portal: its customer administrators
//! decide its registration requests and manage its contacts.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome};
use crate::forms::business::{ContactChangeForm, DecisionForm};

/// Where a registration request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestStatus {
    AwaitingAccount,
    AwaitingApproval,
    Approved,
    Rejected,
}

impl RequestStatus {
    /// What the status is called, in the current language.
    pub fn label(self) -> String {
        crate::i18n::t(match self {
            RequestStatus::AwaitingAccount => "api-request-status-awaiting-account",
            RequestStatus::AwaitingApproval => "api-request-status-pending",
            RequestStatus::Approved => "api-request-status-approved",
            RequestStatus::Rejected => "api-request-status-rejected",
        })
    }

    /// The status's name in CSS classes (`tag--pending`): the same in every language.
    pub fn css_name(self) -> &'static str {
        match self {
            RequestStatus::AwaitingAccount => "waiting-for-a-company",
            RequestStatus::AwaitingApproval => "pending",
            RequestStatus::Approved => "approved",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::AwaitingAccount | RequestStatus::AwaitingApproval
        )
    }
}

/// One registration request, as a list shows it. Dates are formatted by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub requested: String,
    pub status: RequestStatus,
    /// "by Carol Jones on 24 Nov 2026" once decided.
    pub decided: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestList {
    pub company: String,
    /// Pending first (oldest first), then the decided ones (newest first).
    pub requests: Vec<RequestView>,
}

/// Whether a contact can log in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ContactStatus {
    Active,
    LoginDisabled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub status: ContactStatus,
    pub customer_admin: bool,
    pub last_log_in: Option<String>,
    /// The person looking at the list (who cannot disable themselves).
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactList {
    pub company: String,
    pub contacts: Vec<ContactView>,
    /// Whether the company's contacts need a second factor.
    pub require_two_factor: bool,
    /// Invitations neither accepted nor revoked, newest first.
    pub invitations: Vec<super::InvitationView>,
}

#[server(prefix = "/api", endpoint = "company_requests")]
pub async fn company_requests() -> Result<Access<RequestList>, ServerFnError> {
    services()?.company_requests(&session().await?).await
}

#[server(prefix = "/api", endpoint = "decide_request")]
pub async fn decide_request(form: DecisionForm) -> Result<ActionOutcome, ServerFnError> {
    let rejecting = |d: &crate::forms::business::Decision| {
        matches!(d, crate::forms::business::Decision::Reject { .. })
    };
    match form.validate() {
        Ok(valid)
            if rejecting(&valid.decision)
                && !crate::forms::confirmation::is_confirmed(&form.confirmed) =>
        {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(valid) => services()?.decide_request(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "company_contacts")]
pub async fn company_contacts() -> Result<Access<ContactList>, ServerFnError> {
    services()?.company_contacts(&session().await?).await
}

#[server(prefix = "/api", endpoint = "change_contact")]
pub async fn change_contact(form: ContactChangeForm) -> Result<ActionOutcome, ServerFnError> {
    use crate::forms::business::ContactChange;
    let taking_away = |c| {
        matches!(
            c,
            ContactChange::DisableLogin | ContactChange::RemoveCustomerAdmin
        )
    };
    match form.validate() {
        Ok(valid)
            if taking_away(valid.change)
                && !crate::forms::confirmation::is_confirmed(&form.confirmed) =>
        {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(valid) => services()?.change_contact(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "set_company_two_factor")]
pub async fn set_company_two_factor(
    form: crate::forms::two_factor::CompanyTwoFactorForm,
) -> Result<ActionOutcome, ServerFnError> {
    services()?
        .set_company_two_factor(&session().await?, form.required())
        .await
}

#[cfg(feature = "ssr")]
pub use contract::CompanyServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::business::{ValidContactChange, ValidDecision};
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// A company's customer administrators. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait CompanyServices: Send + Sync + 'static {
        async fn company_requests(
            &self,
            session: &Session,
        ) -> Result<Access<RequestList>, ServerFnError>;
        async fn decide_request(
            &self,
            session: &Session,
            form: ValidDecision,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn company_contacts(
            &self,
            session: &Session,
        ) -> Result<Access<ContactList>, ServerFnError>;
        /// A customer administrator's rule that their company's contacts need a second factor.
        async fn set_company_two_factor(
            &self,
            session: &Session,
            require: bool,
        ) -> Result<ActionOutcome, ServerFnError>;
        /// For a customer administrator (their company's contacts) or an administrator (any).
        async fn change_contact(
            &self,
            session: &Session,
            form: ValidContactChange,
        ) -> Result<ActionOutcome, ServerFnError>;
    }
}
