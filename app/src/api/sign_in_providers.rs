//! Signing in through a company's own OpenID Connect provider, as Portico's
//! administrators set it up on the company's page in `/admin`.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome};
use crate::forms::sign_in_providers::{CompanyProviderForm, ProviderChoiceForm};

/// A company's provider as its page shows it (never its client secret).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyProviderView {
    pub id: i32,
    pub issuer: String,
    pub client_id: String,
    pub domains: Vec<String>,
    pub enabled: bool,
    pub required: bool,
    /// What discovery found, one `name: value` a line.
    pub found: Vec<(String, String)>,
    /// What to register at the provider.
    pub redirect_uri: String,
    pub backchannel_logout_uri: String,
}

/// The company's page's section: its provider if it has one, and the redirect URI to
/// register before setting one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanySignInView {
    pub provider: Option<CompanyProviderView>,
    pub redirect_uri: String,
}

#[server(prefix = "/api", endpoint = "company_sign_in")]
pub async fn company_sign_in(account: i32) -> Result<Access<CompanySignInView>, ServerFnError> {
    services()?
        .company_sign_in(&session().await?, account)
        .await
}

#[server(prefix = "/api", endpoint = "set_company_provider")]
pub async fn set_company_provider(
    form: CompanyProviderForm,
) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => {
            services()?
                .set_company_provider(&session().await?, valid)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// Switches the company's provider on or off (`enabled` is `on` or `off`).
#[server(prefix = "/api", endpoint = "switch_company_provider")]
pub async fn switch_company_provider(
    form: ProviderChoiceForm,
) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(account) => {
            let on = form.enabled == "on";
            services()?
                .switch_company_provider(&session().await?, account, on)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// Removes the company's provider (`provider` names the company here), asked first.
#[server(prefix = "/api", endpoint = "remove_company_provider")]
pub async fn remove_company_provider(
    form: ProviderChoiceForm,
) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(account) => {
            services()?
                .remove_company_provider(&session().await?, account)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[cfg(feature = "ssr")]
pub use contract::SignInProvidersServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::sign_in_providers::ValidCompanyProvider;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Sign-in providers. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait SignInProvidersServices: Send + Sync + 'static {
        async fn company_sign_in(
            &self,
            session: &Session,
            account: i32,
        ) -> Result<Access<CompanySignInView>, ServerFnError>;
        async fn set_company_provider(
            &self,
            session: &Session,
            form: ValidCompanyProvider,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn switch_company_provider(
            &self,
            session: &Session,
            account: i32,
            enabled: bool,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn remove_company_provider(
            &self,
            session: &Session,
            account: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
    }
}
