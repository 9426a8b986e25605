//! Everyone's account: registering in either portal, verifying the address, logging in
//! and out.
use leptos::prelude::*;
// Forms' answers are postcard: see `crate::enhance`.
use leptos::server_fn::codec::Postcard;
use serde::{Deserialize, Serialize};

use super::SessionUser;
#[cfg(feature = "ssr")]
use super::{client, services, session};
use crate::captcha::CaptchaChallenge;
use crate::forms::log_in::{ConfirmIdentityForm, LogInForm, VerifyEmailForm};
use crate::forms::registration::RegistrationForm;
use crate::forms::FieldErrors;
use crate::portal::Portal;
use crate::submission::Outcome;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterOutcome {
    /// The account exists, unverified, and the verification email is on its way: the
    /// "check your email" page is next.
    Registered { to: String },
    /// Nothing was written. The CAPTCHA must be solved again, with this new challenge.
    Rejected {
        errors: FieldErrors,
        captcha: CaptchaChallenge,
    },
}

impl Outcome for RegisterOutcome {
    fn http_status(&self) -> u16 {
        match self {
            RegisterOutcome::Registered { .. } => 303,
            RegisterOutcome::Rejected { errors, .. } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            RegisterOutcome::Registered { to } => Some(to.clone()),
            RegisterOutcome::Rejected { .. } => None,
        }
    }
}

/// The page after registering: "check your email". The address it names waits in the
/// session (`CarriedOver`), not in this URL.
pub fn check_your_email_path(portal: Portal) -> String {
    portal.path("/register/sent")
}

/// What pressing an emailed link's button came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkUsed {
    /// Done: the page that says so is next.
    Done { to: String },
    /// The link no longer works (used, expired, unknown, or its address taken).
    Dead(TokenStatus),
}

impl Outcome for LinkUsed {
    fn http_status(&self) -> u16 {
        match self {
            LinkUsed::Done { .. } => 303,
            LinkUsed::Dead(status) => status.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            LinkUsed::Done { to } => Some(to.clone()),
            LinkUsed::Dead(_) => None,
        }
    }
}

impl AfterVerification {
    /// How the page after verifying names this in its address.
    pub fn as_query(self) -> &'static str {
        match self {
            AfterVerification::LogIn => "log-in",
            AfterVerification::AwaitReview => "review",
            AfterVerification::AwaitAssignment => "assignment",
        }
    }

    pub fn of_query(value: &str) -> Self {
        match value {
            "review" => AfterVerification::AwaitReview,
            "assignment" => AfterVerification::AwaitAssignment,
            _ => AfterVerification::LogIn,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LogInOutcome {
    LoggedIn {
        to: String,
    },
    /// The password was right; a second factor (or setting one up) comes next, at `to`.
    /// No session exists until then.
    SecondStep {
        to: String,
    },
    /// The password was right, but a decision on the registration is awaited (or was
    /// "no"): the page at `to` says where they stand. No session is logged in.
    Status {
        to: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for LogInOutcome {
    fn http_status(&self) -> u16 {
        match self {
            LogInOutcome::LoggedIn { .. }
            | LogInOutcome::SecondStep { .. }
            | LogInOutcome::Status { .. } => 303,
            LogInOutcome::Rejected { errors } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            LogInOutcome::LoggedIn { to }
            | LogInOutcome::SecondStep { to }
            | LogInOutcome::Status { to } => Some(to.clone()),
            LogInOutcome::Rejected { .. } => None,
        }
    }
}

/// What "Confirm it's you" (or another form that leads on) came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Confirmation {
    /// Confirmed: back to the page that asked.
    Confirmed {
        to: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for Confirmation {
    fn http_status(&self) -> u16 {
        match self {
            Confirmation::Confirmed { .. } => 303,
            Confirmation::Rejected { errors } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            Confirmation::Confirmed { to } => Some(to.clone()),
            Confirmation::Rejected { .. } => None,
        }
    }
}

/// What a verification link's token is, or became once used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenStatus {
    /// Unused and unexpired: the button will verify the address.
    Valid,
    /// The address was verified just now; this is what happens next.
    Verified(AfterVerification),
    Expired,
    Used,
    Unknown,
    /// An email change's new address was taken by another account meanwhile.
    Taken,
}

impl Outcome for TokenStatus {
    fn http_status(&self) -> u16 {
        match self {
            TokenStatus::Valid | TokenStatus::Verified(_) => 200,
            TokenStatus::Expired | TokenStatus::Used => 410,
            TokenStatus::Unknown => 404,
            TokenStatus::Taken => 409,
        }
    }
}

/// What a person can do once their address is verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterVerification {
    /// Log in now (a consumer; a contact approved automatically).
    LogIn,
    /// Wait: the company's customer administrators review the business request.
    AwaitReview,
    /// Wait: no company was given, so one of ours finds it first.
    AwaitAssignment,
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

#[server(prefix = "/api", endpoint = "register", output = Postcard)]
pub async fn register(
    portal: Portal,
    form: RegistrationForm,
) -> Result<RegisterOutcome, ServerFnError> {
    let services = services()?;
    match form.validate() {
        Ok(valid) => {
            let carried = super::CarriedOver {
                email: valid.email.as_typed().to_owned(),
                reviewer: (portal == Portal::Csm).then_some(match valid.registration_code {
                    Some(_) => super::Reviewer::Company,
                    None => super::Reviewer::Staff,
                }),
            };
            let outcome = services
                .register(client()?.address, portal, valid, crate::i18n::lang())
                .await?;
            // The next page names the address, and so does the other portal's log-in
            // form for an address that has an account there.
            let other_portal = matches!(&outcome, RegisterOutcome::Rejected { errors, .. }
                if errors.iter().any(|e| matches!(e.kind, crate::forms::ErrorKind::EmailInPortal(_))));
            if other_portal || matches!(outcome, RegisterOutcome::Registered { .. }) {
                services.carry_over(&session().await?, carried).await?;
            }
            Ok(outcome)
        }
        Err(errors) => Ok(RegisterOutcome::Rejected {
            errors,
            captcha: services.new_captcha(client()?.address, crate::i18n::lang()),
        }),
    }
}

#[server(prefix = "/api", endpoint = "new_captcha")]
pub async fn new_captcha() -> Result<CaptchaChallenge, ServerFnError> {
    // A template's challenge is filled in for each response (`page_template`).
    if crate::page_template::rendering_template() {
        return Ok(crate::page_template::placeholder_challenge());
    }
    Ok(services()?.new_captcha(client()?.address, crate::i18n::lang()))
}

#[server(prefix = "/api", endpoint = "log_in", output = Postcard)]
pub async fn log_in(portal: Portal, form: LogInForm) -> Result<LogInOutcome, ServerFnError> {
    let services = services()?;
    match form.validate() {
        Ok(valid) => {
            services
                .log_in(&session().await?, client()?, portal, valid)
                .await
        }
        Err(errors) => Ok(LogInOutcome::Rejected { errors }),
    }
}

/// The administration's log-in (`/admin/log-in`, a plain post: its page loads no WASM).
#[server(prefix = "/api", endpoint = "admin_log_in", output = Postcard)]
pub async fn admin_log_in(form: LogInForm) -> Result<LogInOutcome, ServerFnError> {
    let services = services()?;
    match form.validate() {
        Ok(valid) => {
            services
                .admin_log_in(&session().await?, client()?, valid)
                .await
        }
        Err(errors) => Ok(LogInOutcome::Rejected { errors }),
    }
}

/// The address to fill the administration's log-in with: the one an administrator typed
/// at the business portal's log-in, if they did.
#[server(prefix = "/api", endpoint = "carried_admin_email", output = Postcard)]
pub async fn carried_admin_email() -> Result<String, ServerFnError> {
    services()?.carried_admin_email(&session().await?).await
}

#[server(prefix = "/api", endpoint = "confirm_identity", output = Postcard)]
pub async fn confirm_identity(form: ConfirmIdentityForm) -> Result<Confirmation, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.confirm_identity(&session().await?, valid).await,
        Err(errors) => Ok(Confirmation::Rejected { errors }),
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

#[server(prefix = "/api", endpoint = "verify_email", output = Postcard)]
pub async fn verify_email(
    portal: Portal,
    form: VerifyEmailForm,
) -> Result<LinkUsed, ServerFnError> {
    Ok(
        match services()?
            .verify_email(&session().await?, &form.token)
            .await?
        {
            TokenStatus::Verified(next) => LinkUsed::Done {
                to: portal.path(&format!("/verified?next={}", next.as_query())),
            },
            other => LinkUsed::Dead(other),
        },
    )
}

#[cfg(feature = "ssr")]
pub use contract::AccountServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::captcha::CaptchaChallenge;
    use crate::forms::log_in::{ValidConfirmIdentity, ValidLogIn};
    use crate::forms::registration::ValidRegistration;
    use crate::portal::Portal;
    use leptos::prelude::ServerFnError;
    use std::net::IpAddr;
    use tower_sessions::Session;
    /// Registering, verifying an address, logging in and out. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait AccountServices: Send + Sync + 'static {
        /// A Security Code challenge for the client (harder while sign-ups surge).
        /// A new Security Code challenge, its question asked in `lang`.
        fn new_captcha(&self, client: IpAddr, lang: crate::i18n::Lang) -> CaptchaChallenge;
        /// `language` is the registrant's (the request's): their emails are written in it.
        async fn register(
            &self,
            client: IpAddr,
            portal: Portal,
            form: ValidRegistration,
            language: crate::i18n::Lang,
        ) -> Result<RegisterOutcome, ServerFnError>;
        async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
        /// Verifies the address; the session carries it to the log-in form.
        async fn verify_email(
            &self,
            session: &Session,
            token: &str,
        ) -> Result<TokenStatus, ServerFnError>;
        /// Keeps an address in the session for the page that follows (`status.rs`).
        async fn carry_over(
            &self,
            session: &Session,
            carried: crate::api::CarriedOver,
        ) -> Result<(), ServerFnError>;
        async fn log_in(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            form: ValidLogIn,
        ) -> Result<LogInOutcome, ServerFnError>;
        /// `/admin/log-in`: as `log_in`, for administrators only.
        async fn admin_log_in(
            &self,
            session: &Session,
            client: Client,
            form: ValidLogIn,
        ) -> Result<LogInOutcome, ServerFnError>;
        /// The address an administrator typed at the business portal's log-in (or empty).
        async fn carried_admin_email(&self, session: &Session) -> Result<String, ServerFnError>;
        async fn log_out(&self, session: &Session) -> Result<(), ServerFnError>;
        /// "Confirm it's you" before a sensitive change.
        async fn confirm_identity(
            &self,
            session: &Session,
            form: ValidConfirmIdentity,
        ) -> Result<Confirmation, ServerFnError>;
        async fn current_user(
            &self,
            session: &Session,
        ) -> Result<Option<SessionUser>, ServerFnError>;
    }
}
