//! Getting back in: a password reset by email, a new verification link, and confirming a
//! change of address from the link sent to the new one.
use leptos::prelude::*;
// Forms' answers are postcard: see `crate::enhance`.
use leptos::server_fn::codec::Postcard;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{client, services, session};
use super::{LinkUsed, TokenStatus};
use crate::forms::email_links::{ConfirmEmailChangeForm, EmailForm, NewPasswordForm};
use crate::forms::FieldErrors;
use crate::portal::Portal;
use crate::submission::Outcome;

/// What became of a request for an emailed link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkRequestOutcome {
    /// What the page says: for a reset, the same whether or not the address has an account.
    Sent {
        message: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for LinkRequestOutcome {
    fn http_status(&self) -> u16 {
        match self {
            LinkRequestOutcome::Sent { .. } => 200,
            LinkRequestOutcome::Rejected { errors } => errors.http_status(),
        }
    }
}

/// What became of a new password chosen from a reset link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NewPasswordOutcome {
    /// Saved, every other session ended, and this one logged in.
    LoggedIn {
        to: String,
    },
    /// Saved, every other session ended; the person gives their second factor (or sets
    /// one up) next, at `to`, before anything is logged in.
    SecondStep {
        to: String,
    },
    /// Saved; the account cannot log in yet (unverified, pending, disabled): why.
    Saved {
        message: String,
    },
    Rejected {
        errors: FieldErrors,
    },
    /// The link no longer works (used, expired, unknown).
    Link(TokenStatus),
}

impl Outcome for NewPasswordOutcome {
    fn http_status(&self) -> u16 {
        match self {
            NewPasswordOutcome::LoggedIn { .. } | NewPasswordOutcome::SecondStep { .. } => 303,
            NewPasswordOutcome::Saved { .. } => 200,
            NewPasswordOutcome::Rejected { errors } => errors.http_status(),
            NewPasswordOutcome::Link(status) => status.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            NewPasswordOutcome::LoggedIn { to } | NewPasswordOutcome::SecondStep { to } => {
                Some(to.clone())
            }
            _ => None,
        }
    }
}

#[server(prefix = "/api", endpoint = "request_password_reset", output = Postcard)]
pub async fn request_password_reset(
    portal: Portal,
    form: EmailForm,
) -> Result<LinkRequestOutcome, ServerFnError> {
    match form.validate() {
        Ok(email) => services()?.request_password_reset(portal, email).await,
        Err(errors) => Ok(LinkRequestOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "password_reset_status")]
pub async fn password_reset_status(token: String) -> Result<TokenStatus, ServerFnError> {
    services()?.password_reset_status(&token).await
}

#[server(prefix = "/api", endpoint = "reset_password", output = Postcard)]
pub async fn reset_password(
    portal: Portal,
    form: NewPasswordForm,
) -> Result<NewPasswordOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => {
            services()?
                .reset_password(&session().await?, client()?, portal, valid)
                .await
        }
        Err(errors) => Ok(NewPasswordOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "resend_verification", output = Postcard)]
pub async fn resend_verification(
    portal: Portal,
    form: EmailForm,
) -> Result<LinkRequestOutcome, ServerFnError> {
    match form.validate() {
        Ok(email) => services()?.resend_verification(portal, email).await,
        Err(errors) => Ok(LinkRequestOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "email_change_status")]
pub async fn email_change_status(token: String) -> Result<TokenStatus, ServerFnError> {
    services()?.email_change_status(&token).await
}

#[server(prefix = "/api", endpoint = "confirm_email_change", output = Postcard)]
pub async fn confirm_email_change(
    portal: Portal,
    form: ConfirmEmailChangeForm,
) -> Result<LinkUsed, ServerFnError> {
    Ok(match services()?.confirm_email_change(&form.token).await? {
        TokenStatus::Verified(_) => LinkUsed::Done {
            to: portal.path("/email-changed"),
        },
        other => LinkUsed::Dead(other),
    })
}

#[cfg(feature = "ssr")]
pub use contract::RecoveryServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::email_links::ValidNewPassword;
    use crate::forms::NormalizedEmail;
    use crate::portal::Portal;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Emailed links: a password reset, a new verification link, an email change. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait RecoveryServices: Send + Sync + 'static {
        async fn request_password_reset(
            &self,
            portal: Portal,
            email: NormalizedEmail,
        ) -> Result<LinkRequestOutcome, ServerFnError>;
        async fn password_reset_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
        async fn reset_password(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            form: ValidNewPassword,
        ) -> Result<NewPasswordOutcome, ServerFnError>;
        async fn resend_verification(
            &self,
            portal: Portal,
            email: NormalizedEmail,
        ) -> Result<LinkRequestOutcome, ServerFnError>;
        async fn email_change_status(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
        async fn confirm_email_change(&self, token: &str) -> Result<TokenStatus, ServerFnError>;
    }
}
