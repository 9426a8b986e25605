//! The contract between the pages and the server: the server functions every form calls,
//! their typed outcomes, and (with `ssr`) the [`Services`] trait the server implements.
//! A server function stays thin: it validates the form with the same function the browser
//! ran, then hands the valid form to the server's services, reached through context.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::captcha::CaptchaChallenge;
use crate::forms::consumer::{ConsumerRegistration, LogInForm, VerifyEmailForm};
use crate::forms::FieldErrors;
use crate::portal::Portal;
use crate::submission::Outcome;

/// The person logged in, as the header shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub first_name: String,
    pub portal: Portal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterOutcome {
    /// The account exists, unverified, and the verification email is on its way.
    Registered { email: String },
    /// Nothing was written. The CAPTCHA must be solved again, with this new challenge.
    Rejected {
        errors: FieldErrors,
        captcha: CaptchaChallenge,
    },
}

impl Outcome for RegisterOutcome {
    fn http_status(&self) -> u16 {
        match self {
            RegisterOutcome::Registered { .. } => 200,
            RegisterOutcome::Rejected { errors, .. } => errors_status(errors),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LogInOutcome {
    LoggedIn { to: String },
    Rejected { errors: FieldErrors },
}

impl Outcome for LogInOutcome {
    fn http_status(&self) -> u16 {
        match self {
            LogInOutcome::LoggedIn { .. } => 303,
            LogInOutcome::Rejected { errors } => errors_status(errors),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            LogInOutcome::LoggedIn { to } => Some(to.clone()),
            LogInOutcome::Rejected { .. } => None,
        }
    }
}

/// What a verification link's token is, or became once used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenStatus {
    /// Unused and unexpired: the button will verify the address.
    Valid,
    /// The address was verified just now.
    Verified,
    Expired,
    Used,
    Unknown,
}

impl Outcome for TokenStatus {
    fn http_status(&self) -> u16 {
        match self {
            TokenStatus::Valid | TokenStatus::Verified => 200,
            TokenStatus::Expired | TokenStatus::Used => 410,
            TokenStatus::Unknown => 404,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedOut {
    pub to: String,
}

impl Outcome for LoggedOut {
    fn http_status(&self) -> u16 {
        303
    }
    fn redirect_to(&self) -> Option<String> {
        Some(self.to.clone())
    }
}

/// Errors of the person's input are a 422; errors of the server's state (the address is
/// taken) are a 409.
fn errors_status(errors: &FieldErrors) -> u16 {
    if errors
        .iter()
        .any(|e| e.kind == crate::forms::ErrorKind::EmailTaken)
    {
        409
    } else {
        422
    }
}

#[server(prefix = "/api", endpoint = "register_consumer")]
pub async fn register_consumer(
    form: ConsumerRegistration,
) -> Result<RegisterOutcome, ServerFnError> {
    let services = services()?;
    match form.validate() {
        Ok(valid) => services.register_consumer(valid).await,
        Err(errors) => Ok(RegisterOutcome::Rejected {
            errors,
            captcha: services.new_captcha(),
        }),
    }
}

#[server(prefix = "/api", endpoint = "new_captcha")]
pub async fn new_captcha() -> Result<CaptchaChallenge, ServerFnError> {
    Ok(services()?.new_captcha())
}

#[server(prefix = "/api", endpoint = "log_in")]
pub async fn log_in(portal: Portal, form: LogInForm) -> Result<LogInOutcome, ServerFnError> {
    let services = services()?;
    match form.validate() {
        Ok(valid) => services.log_in(&session().await?, portal, valid).await,
        Err(errors) => Ok(LogInOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "log_out")]
pub async fn log_out(portal: Portal) -> Result<LoggedOut, ServerFnError> {
    services()?.log_out(&session().await?).await?;
    Ok(LoggedOut {
        to: portal.prefix().to_owned(),
    })
}

#[server(prefix = "/api", endpoint = "current_user")]
pub async fn current_user() -> Result<Option<SessionUser>, ServerFnError> {
    services()?.current_user(&session().await?).await
}

/// Tells what a verification link's token is, without using it.
#[server(prefix = "/api", endpoint = "email_token_status")]
pub async fn email_token_status(token: String) -> Result<TokenStatus, ServerFnError> {
    services()?.email_token_status(&token).await
}

#[server(prefix = "/api", endpoint = "verify_email")]
pub async fn verify_email(form: VerifyEmailForm) -> Result<TokenStatus, ServerFnError> {
    services()?.verify_email(&form.token).await
}

#[cfg(feature = "ssr")]
pub use backend::*;

#[cfg(feature = "ssr")]
mod backend {
    use std::sync::Arc;

    use leptos::prelude::*;
    use tower_sessions::Session;

    use super::{LogInOutcome, RegisterOutcome, SessionUser, TokenStatus};
    use crate::captcha::CaptchaChallenge;
    use crate::forms::consumer::{ValidConsumerRegistration, ValidLogIn};
    use crate::portal::Portal;

    /// What the server implements for the pages. Errors are already fit to show: the
    /// server logs the cause and returns a plain "try again" message.
    #[async_trait::async_trait]
    pub trait Services: Send + Sync + 'static {
        fn new_captcha(&self) -> CaptchaChallenge;
        async fn register_consumer(
            &self,
            form: ValidConsumerRegistration,
        ) -> Result<RegisterOutcome, ServerFnError>;
        async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
        async fn verify_email(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
        async fn log_in(
            &self,
            session: &Session,
            portal: Portal,
            form: ValidLogIn,
        ) -> Result<LogInOutcome, ServerFnError>;
        async fn log_out(&self, session: &Session) -> Result<(), ServerFnError>;
        async fn current_user(
            &self,
            session: &Session,
        ) -> Result<Option<SessionUser>, ServerFnError>;
    }

    /// The services as the server provides them in context.
    pub type SharedServices = Arc<dyn Services>;

    pub(super) fn services() -> Result<SharedServices, ServerFnError> {
        use_context::<SharedServices>()
            .ok_or_else(|| ServerFnError::new("The server is not set up to answer this."))
    }

    pub(super) async fn session() -> Result<Session, ServerFnError> {
        leptos_axum::extract::<Session>()
            .await
            .map_err(|_| ServerFnError::new("Your session could not be read. Reload the page."))
    }
}
