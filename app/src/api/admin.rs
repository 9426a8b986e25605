//! Internal administration at `/admin`: company accounts, their registration codes and
//! contacts, and the registration requests that came without a company.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome, ContactView, RequestView};
use crate::forms::business::{AccountCodeForm, AccountForm, PendingForm};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: i32,
    pub name: String,
    pub domains: Vec<String>,
    pub auto_approve: bool,
    /// As people read it: `ACME-7K2Q-9XPW`.
    pub registration_code: String,
    pub contacts: u64,
    /// Requests waiting for the company's customer administrators.
    pub awaiting_approval: u64,
    /// Whether the company's contacts need a second factor.
    pub require_two_factor: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub account: AccountSummary,
    pub contacts: Vec<ContactView>,
    pub requests: Vec<RequestView>,
    /// Invitations neither accepted nor revoked, newest first.
    pub invitations: Vec<super::InvitationView>,
}

/// Where a searched, paged list is: what was searched, which page, and whether another
/// follows. Lists are paged on the server, [`PER_PAGE`] rows at a time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub query: String,
    pub page: u64,
    pub more: bool,
}

/// Rows per page of the administration's lists.
pub const PER_PAGE: u64 = 50;

/// Companies with this many or fewer are offered in a list; past it, the administrator
/// types the company's name or registration code.
pub const LISTED_COMPANIES: u64 = 200;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountList {
    pub accounts: Vec<AccountSummary>,
    pub listing: Listing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingList {
    pub requests: Vec<RequestView>,
    /// Every company, by name, for the "assign to" choice; empty when there are more
    /// than [`LISTED_COMPANIES`] (the company is then typed).
    pub accounts: Vec<(i32, String)>,
    pub listing: Listing,
}

#[server(prefix = "/api", endpoint = "admin_accounts")]
pub async fn accounts(query: String, page: u64) -> Result<Access<AccountList>, ServerFnError> {
    services()?.accounts(&session().await?, query, page).await
}

#[server(prefix = "/api", endpoint = "admin_account")]
pub async fn account_detail(account: i32) -> Result<Access<Option<AccountRecord>>, ServerFnError> {
    services()?.account_detail(&session().await?, account).await
}

#[server(prefix = "/api", endpoint = "admin_save_account")]
pub async fn save_account(form: AccountForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.save_account(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "admin_regenerate_code")]
pub async fn regenerate_code(form: AccountCodeForm) -> Result<ActionOutcome, ServerFnError> {
    match form.account.trim().parse::<i32>() {
        Ok(account) => {
            services()?
                .regenerate_code(&session().await?, account)
                .await
        }
        Err(_) => Ok(ActionOutcome::Rejected {
            errors: crate::forms::FieldErrors::one(
                crate::forms::Field::Form,
                crate::forms::business::OUT_OF_DATE,
            ),
        }),
    }
}

#[server(prefix = "/api", endpoint = "admin_pending")]
pub async fn pending_requests(
    query: String,
    page: u64,
) -> Result<Access<PendingList>, ServerFnError> {
    services()?
        .pending_requests(&session().await?, query, page)
        .await
}

#[server(prefix = "/api", endpoint = "admin_settle_pending")]
pub async fn settle_pending(form: PendingForm) -> Result<ActionOutcome, ServerFnError> {
    let rejecting = |d: &crate::forms::business::PendingDecision| {
        matches!(d, crate::forms::business::PendingDecision::Reject { .. })
    };
    match form.validate() {
        Ok(valid)
            if rejecting(&valid.decision)
                && !crate::forms::confirmation::is_confirmed(&form.confirmed) =>
        {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(valid) => services()?.settle_pending(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// A person, as the administration's search shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i32,
    pub name: String,
    pub email: String,
    /// "Consumer", "Contact of Acme Supplies", "Administrator".
    pub kind: String,
    /// "Active", "Login disabled", "Unverified", …
    pub status: String,
    /// "Authenticator app, 2 passkeys, 8 recovery codes", or "None".
    pub second_factors: String,
    pub has_second_factors: bool,
    /// The administrator looking at the list (who cannot delete themselves there).
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub query: String,
    pub people: Vec<PersonView>,
    pub page: u64,
    pub more: bool,
}

/// A person's row's buttons in the administration.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub person: String,
    /// Ticked: the administrator checked who the person is (a call back, an ID).
    pub identity_checked: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

impl crate::forms::Redact for PersonForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[server(prefix = "/api", endpoint = "admin_people")]
pub async fn people(query: String, page: u64) -> Result<Access<PeopleList>, ServerFnError> {
    services()?.people(&session().await?, query, page).await
}

#[server(prefix = "/api", endpoint = "admin_reset_second_factors")]
pub async fn reset_second_factors(form: PersonForm) -> Result<ActionOutcome, ServerFnError> {
    if !crate::forms::is_ticked(&form.identity_checked) {
        return Ok(ActionOutcome::Rejected {
            errors: crate::forms::FieldErrors::one(
                crate::forms::Field::IdentityChecked,
                "api-identity-check-first",
            ),
        });
    }
    if !crate::forms::confirmation::is_confirmed(&form.confirmed) {
        return Ok(ActionOutcome::ConfirmFirst);
    }
    match form.person.trim().parse::<i32>() {
        Ok(person) => {
            services()?
                .reset_second_factors(&session().await?, person)
                .await
        }
        Err(_) => Ok(ActionOutcome::Rejected {
            errors: crate::forms::FieldErrors::one(
                crate::forms::Field::Form,
                crate::forms::business::OUT_OF_DATE,
            ),
        }),
    }
}

#[cfg(feature = "ssr")]
pub use contract::AdminServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::business::{ValidAccount, ValidPendingDecision};
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// The administration's company accounts and people. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait AdminServices: Send + Sync + 'static {
        /// Companies whose name or code contains `query`, a page at a time.
        async fn accounts(
            &self,
            session: &Session,
            query: String,
            page: u64,
        ) -> Result<Access<AccountList>, ServerFnError>;
        async fn account_detail(
            &self,
            session: &Session,
            account: i32,
        ) -> Result<Access<Option<AccountRecord>>, ServerFnError>;
        async fn save_account(
            &self,
            session: &Session,
            form: ValidAccount,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn regenerate_code(
            &self,
            session: &Session,
            account: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn pending_requests(
            &self,
            session: &Session,
            query: String,
            page: u64,
        ) -> Result<Access<PendingList>, ServerFnError>;
        async fn settle_pending(
            &self,
            session: &Session,
            form: ValidPendingDecision,
        ) -> Result<ActionOutcome, ServerFnError>;
        /// People found by part of their address or name.
        async fn people(
            &self,
            session: &Session,
            query: String,
            page: u64,
        ) -> Result<Access<PeopleList>, ServerFnError>;
        /// A person lost their second factors (a phone): an administrator removes them all.
        async fn reset_second_factors(
            &self,
            session: &Session,
            person: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
    }
}
