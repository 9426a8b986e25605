//! The administration's records: one person's account, sessions and history, and the
//! audit log, filtered and paged.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome, PersonView, SessionView};
use crate::forms::business::id;
use crate::forms::{Field, FieldErrors, Redact};

/// One entry of the audit log, as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditView {
    pub at: String,
    /// "Carol Jones (carol@acme.example)", "Portico", or "a deleted account".
    pub actor: String,
    pub action: String,
    pub subject: Option<String>,
    pub company: Option<String>,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub person: PersonView,
    pub registered: String,
    pub verified: Option<String>,
    pub last_log_in: Option<String>,
    pub deletion_due: Option<String>,
    pub sessions: Vec<SessionView>,
    /// What they did and what was done to them, newest first (the latest 50).
    pub history: Vec<AuditView>,
    /// Whether their login can be disabled (active) or enabled (disabled) here.
    pub can_disable: bool,
    pub can_enable: bool,
}

/// The audit log's filters, as the page's query names them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Part of a person's address (who acted, or whom it was about).
    pub person: String,
    /// Part of a company's name.
    pub company: String,
    /// One action, as the log names it (`approved`, `login_disabled`, …).
    pub action: String,
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    pub page: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditView>,
    pub filter: AuditFilter,
    pub more: bool,
    /// What the filter could not use ("No person matches …"), if anything.
    pub problem: Option<String>,
    /// Every action the log knows, for the filter's choice.
    pub actions: Vec<String>,
}

/// Disable or Enable a person's login, on their page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginSwitchForm {
    pub person: String,
    /// `disable` or `enable`.
    pub change: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

impl LoginSwitchForm {
    pub fn validate(&self) -> Result<(i32, bool), FieldErrors> {
        let person = id(&self.person)?;
        match self.change.as_str() {
            "disable" => Ok((person, false)),
            "enable" => Ok((person, true)),
            _ => Err(FieldErrors::one(
                Field::Form,
                "api-choose-disable-or-enable",
            )),
        }
    }
}

impl Redact for LoginSwitchForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[server(prefix = "/api", endpoint = "person_page")]
pub async fn person_page(person: i32) -> Result<Access<Option<PersonRecord>>, ServerFnError> {
    services()?.person_record(&session().await?, person).await
}

#[server(prefix = "/api", endpoint = "switch_login")]
pub async fn switch_login(form: LoginSwitchForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok((_, false)) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok((person, enable)) => {
            services()?
                .switch_login(&session().await?, person, enable)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "audit_entries")]
pub async fn audit_entries(filter: AuditFilter) -> Result<Access<AuditPage>, ServerFnError> {
    services()?.audit_entries(&session().await?, filter).await
}

#[cfg(feature = "ssr")]
pub use contract::RecordsServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Records of a person and the audit log. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait RecordsServices: Send + Sync + 'static {
        /// One person's account, sessions and history.
        async fn person_record(
            &self,
            session: &Session,
            person: i32,
        ) -> Result<Access<Option<PersonRecord>>, ServerFnError>;
        /// An administrator disables or enables anyone's login (not their own).
        async fn switch_login(
            &self,
            session: &Session,
            person: i32,
            enable: bool,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn audit_entries(
            &self,
            session: &Session,
            filter: AuditFilter,
        ) -> Result<Access<AuditPage>, ServerFnError>;
    }
}
