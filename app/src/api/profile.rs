//! A logged-in person's own account: their details, password, address and sessions.
use leptos::prelude::*;
// Forms' answers are postcard: see `crate::enhance`.
use leptos::server_fn::codec::Postcard;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome};
use crate::forms::profile::{EmailChangeForm, NameForm, PasswordChangeForm};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// A business contact's company.
    pub company: Option<String>,
    pub registered: String,
    pub last_log_in: Option<String>,
    /// An address change waiting for its link to be used.
    pub pending_email: Option<String>,
    pub sessions: Vec<SessionView>,
    /// Whether the person proved who they are within the last minutes, as sensitive
    /// changes (the email address) require; else the page offers to confirm first.
    pub recently_authenticated: bool,
}

/// One of the person's logged-in sessions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub started: String,
    pub last_seen: String,
    /// "Chrome on Linux", from the browser's user agent.
    pub browser: String,
    /// The session looking at the page.
    pub current: bool,
}

#[server(prefix = "/api", endpoint = "profile")]
pub async fn profile() -> Result<Access<ProfileView>, ServerFnError> {
    services()?.profile(&session().await?).await
}

#[server(prefix = "/api", endpoint = "update_name", output = Postcard)]
pub async fn update_name(form: NameForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.update_name(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "change_password", output = Postcard)]
pub async fn change_password(form: PasswordChangeForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.change_password(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "request_email_change", output = Postcard)]
pub async fn request_email_change(form: EmailChangeForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(email) => {
            services()?
                .request_email_change(&session().await?, email)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// "Log out everywhere else": nothing to send but the request itself.
#[server(prefix = "/api", endpoint = "end_other_sessions", output = Postcard)]
pub async fn end_other_sessions() -> Result<ActionOutcome, ServerFnError> {
    services()?.end_other_sessions(&session().await?).await
}

/// What a portal's home shows a signed-in person: who they are here and what they can do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeView {
    /// The portal the person belongs to.
    pub portal: crate::portal::Portal,
    pub first_name: String,
    /// A business contact's company.
    pub company: Option<String>,
    /// What they are here; the home names it in the page's language.
    pub role: HomeRole,
    /// Registration requests waiting for this customer administrator's decision.
    pub waiting_requests: Option<u64>,
    /// Whether the person has a passkey or an authenticator app.
    pub has_second_factor: bool,
    /// The company's customer administrators (but the person): whom to ask.
    pub customer_admins: Vec<CompanyAdmin>,
}

/// A customer administrator as a contact's home names them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyAdmin {
    pub name: String,
    pub email: String,
}

/// What a person is in their portal, as their home names it (`home-role-*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum HomeRole {
    /// One of ours: manages every company account at `/admin`.
    Administrator,
    /// Approves their company's registrations and manages its contacts.
    CustomerAdmin,
    /// A business contact of a company.
    Contact,
    Consumer,
}

/// The signed-in person's home, or nothing for a visitor.
#[server(prefix = "/api", endpoint = "home")]
pub async fn home() -> Result<Option<HomeView>, ServerFnError> {
    services()?.home(&session().await?).await
}

#[cfg(feature = "ssr")]
pub use contract::ProfileServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::profile::{ValidName, ValidPasswordChange};
    use crate::forms::NormalizedEmail;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// A person's own account. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait ProfileServices: Send + Sync + 'static {
        /// Saves the signed-in person's choice of language (their emails are written in it);
        /// nothing if nobody is signed in.
        async fn set_preferred_language(
            &self,
            session: &Session,
            language: crate::i18n::Lang,
        ) -> Result<(), ServerFnError>;
        async fn profile(&self, session: &Session) -> Result<Access<ProfileView>, ServerFnError>;
        async fn home(&self, session: &Session) -> Result<Option<HomeView>, ServerFnError>;
        /// "Download my data": the person's data as a JSON document.
        async fn export_data(&self, session: &Session) -> Result<Access<String>, ServerFnError>;
        async fn update_name(
            &self,
            session: &Session,
            form: ValidName,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn change_password(
            &self,
            session: &Session,
            form: ValidPasswordChange,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn request_email_change(
            &self,
            session: &Session,
            email: NormalizedEmail,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn end_other_sessions(
            &self,
            session: &Session,
        ) -> Result<ActionOutcome, ServerFnError>;
    }
}
