//! Everyone's account: registering in either portal, verifying the address, logging in
//! and out.
mod outcomes;

use leptos::prelude::*;
pub use outcomes::*;
// Forms' answers are postcard: see `crate::enhance`.
use leptos::server_fn::codec::Postcard;

use super::SessionUser;
#[cfg(feature = "ssr")]
use super::{client, services, session};
use crate::captcha::CaptchaChallenge;
use crate::forms::log_in::{ConfirmIdentityForm, LogInForm, VerifyEmailForm};
use crate::forms::registration::RegistrationForm;
use crate::portal::Portal;

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
            TokenStatus::Verified(next) => {
                // The app the person registered from, for the log-in that follows.
                let resume = crate::forms::log_in::resume_address(&form.next)
                    .map(|resume| format!("&resume={resume}"))
                    .unwrap_or_default();
                LinkUsed::Done {
                    to: portal.path(&format!("/verified?next={}{resume}", next.as_query())),
                }
            }
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
