//! Apps that sign people in with Portico (OpenID Connect clients): the administration
//! registers, changes and removes them; a person sees the apps they are connected to and
//! disconnects one; a portal's home lists the apps its people may open.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome, FieldErrors};
use crate::forms::apps::{AppChoiceForm, AppForm};
use crate::submission::Outcome;

/// An app as the administration sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppView {
    pub client_id: String,
    pub name: String,
    pub description: String,
    pub redirect_uris: Vec<String>,
    pub post_logout_redirect_uris: Vec<String>,
    pub backchannel_logout_uri: String,
    pub initiate_login_uri: String,
    /// `csp`, `csm` or `both`.
    pub portal: String,
    pub public: bool,
    pub first_party: bool,
    pub created: String,
}

/// What registering an app, or a new secret, gives back: shown once, never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCredentials {
    pub client_id: String,
    /// None for a public app.
    pub client_secret: Option<String>,
}

/// The outcome of registering an app or asking for a new secret.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AppIssueOutcome {
    Issued(IssuedCredentials),
    Rejected {
        errors: FieldErrors,
    },
    /// A new secret makes the old one stop working: asked once more first.
    ConfirmFirst,
}

impl Outcome for AppIssueOutcome {
    fn http_status(&self) -> u16 {
        match self {
            AppIssueOutcome::Issued(_) | AppIssueOutcome::ConfirmFirst => 200,
            AppIssueOutcome::Rejected { errors } => errors.http_status(),
        }
    }
}

/// An app a person has signed in to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectedApp {
    pub client_id: String,
    pub name: String,
    /// When they last signed in to it (or agreed to share with it), in the page's words.
    pub since: String,
}

/// An app of the person's portal, as their home lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalApp {
    pub name: String,
    pub description: String,
    /// Its start address with `?iss=` (OIDC Core §4, a login the app starts).
    pub start: String,
}

#[server(prefix = "/api", endpoint = "apps_list")]
pub async fn apps_list() -> Result<Access<Vec<AppView>>, ServerFnError> {
    services()?.apps_list(&session().await?).await
}

#[server(prefix = "/api", endpoint = "app_details")]
pub async fn app_details(client_id: String) -> Result<Access<Option<AppView>>, ServerFnError> {
    services()?.app_details(&session().await?, client_id).await
}

#[server(prefix = "/api", endpoint = "create_app")]
pub async fn create_app(form: AppForm) -> Result<AppIssueOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.create_app(&session().await?, valid).await,
        Err(errors) => Ok(AppIssueOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "update_app")]
pub async fn update_app(form: AppForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.update_app(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "regenerate_app_secret")]
pub async fn regenerate_app_secret(form: AppChoiceForm) -> Result<AppIssueOutcome, ServerFnError> {
    match form.validate() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(AppIssueOutcome::ConfirmFirst)
        }
        Ok(id) => {
            services()?
                .regenerate_app_secret(&session().await?, id)
                .await
        }
        Err(errors) => Ok(AppIssueOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "delete_app")]
pub async fn delete_app(form: AppChoiceForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(id) => services()?.delete_app(&session().await?, id).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "connected_apps")]
pub async fn connected_apps() -> Result<Access<Vec<ConnectedApp>>, ServerFnError> {
    services()?.connected_apps(&session().await?).await
}

#[server(prefix = "/api", endpoint = "disconnect_app")]
pub async fn disconnect_app(form: AppChoiceForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(id) => services()?.disconnect_app(&session().await?, id).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// The apps of the signed-in person's portal with a start address; none for a visitor.
#[server(prefix = "/api", endpoint = "portal_apps")]
pub async fn portal_apps() -> Result<Vec<PortalApp>, ServerFnError> {
    services()?.portal_apps(&session().await?).await
}

#[cfg(feature = "ssr")]
pub use contract::AppsServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::apps::ValidApp;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Apps (OpenID Connect clients). Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait AppsServices: Send + Sync + 'static {
        async fn apps_list(&self, session: &Session)
            -> Result<Access<Vec<AppView>>, ServerFnError>;
        async fn app_details(
            &self,
            session: &Session,
            client_id: String,
        ) -> Result<Access<Option<AppView>>, ServerFnError>;
        async fn create_app(
            &self,
            session: &Session,
            form: ValidApp,
        ) -> Result<AppIssueOutcome, ServerFnError>;
        async fn update_app(
            &self,
            session: &Session,
            form: ValidApp,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn regenerate_app_secret(
            &self,
            session: &Session,
            client_id: String,
        ) -> Result<AppIssueOutcome, ServerFnError>;
        async fn delete_app(
            &self,
            session: &Session,
            client_id: String,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn connected_apps(
            &self,
            session: &Session,
        ) -> Result<Access<Vec<ConnectedApp>>, ServerFnError>;
        async fn disconnect_app(
            &self,
            session: &Session,
            client_id: String,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn portal_apps(&self, session: &Session) -> Result<Vec<PortalApp>, ServerFnError>;
    }
}
