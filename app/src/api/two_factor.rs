//! Second factors: the step after a right password, an authenticator app, recovery codes,
//! and passkeys (whose ceremonies the page's script runs, in JSON, beside the WASM: the
//! browser's WebAuthn API is only on the pages that use it).
use leptos::prelude::*;
// Forms' answers are postcard: see `crate::enhance`.
use leptos::server_fn::codec::{Json, Postcard};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{client, services, session};
use super::{Access, ActionOutcome, Confirmation, LogInOutcome};
use crate::forms::two_factor::{PasskeyForm, SecondFactorForm, TotpConfirmForm, TotpOffForm};
use crate::portal::Portal;

/// What a person part-way through logging in (the password was right) can use next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingLogIn {
    pub app: bool,
    pub passkeys: bool,
    pub recovery_codes: bool,
}

/// A person's second factors, as their security page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityView {
    /// Since when an authenticator app is on ("24 Nov 2026, 09:05 UTC").
    pub app_since: Option<String>,
    pub passkeys: Vec<PasskeyView>,
    pub recovery_codes_left: u64,
    /// Their company (or, for one of ours, the server) requires a second factor.
    pub required: bool,
    /// Whether they proved who they are lately (changes need it).
    pub recently_authenticated: bool,
    /// Whether this site can have passkeys (it needs a domain name).
    pub passkeys_here: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: i32,
    pub name: String,
    pub added: String,
    pub last_used: Option<String>,
}

/// Setting up an authenticator app: the secret as a QR code and as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpSetupView {
    /// In groups of four, for typing.
    pub secret: String,
    /// An SVG element (drawn by the server).
    pub qr_svg: String,
    /// Whether this finishes a log-in (the person's company requires a second factor).
    pub finishing_log_in: bool,
    /// Whether a passkey could be added instead (this site has a domain name).
    pub passkeys_here: bool,
}

/// New recovery codes, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCodesView {
    pub codes: Vec<String>,
    pub left: u64,
    /// Where to go on.
    pub next: String,
}

/// A step of a passkey ceremony, as the page's script reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum PasskeyStep {
    /// The options to pass to `navigator.credentials` (JSON).
    Options { options: String },
    /// Done: go on to this page.
    Done { to: String },
    /// Not possible; why.
    Refused { message: String },
    /// The name given for a new passkey is refused: the message goes on its field.
    Invalid { field: String, message: String },
}

#[server(prefix = "/api", endpoint = "pending_second_factor")]
pub async fn pending_second_factor() -> Result<Option<PendingLogIn>, ServerFnError> {
    services()?.pending_second_factor(&session().await?).await
}

#[server(prefix = "/api", endpoint = "second_factor", output = Postcard)]
pub async fn second_factor(
    portal: Portal,
    form: SecondFactorForm,
) -> Result<LogInOutcome, ServerFnError> {
    match form.validate() {
        Ok(code) => {
            services()?
                .second_factor(&session().await?, client()?, portal, code)
                .await
        }
        Err(errors) => Ok(LogInOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "security")]
pub async fn security() -> Result<Access<SecurityView>, ServerFnError> {
    services()?.security(&session().await?).await
}

#[server(prefix = "/api", endpoint = "totp_setup")]
pub async fn totp_setup() -> Result<Access<TotpSetupView>, ServerFnError> {
    services()?.totp_setup(&session().await?).await
}

#[server(prefix = "/api", endpoint = "confirm_totp", output = Postcard)]
pub async fn confirm_totp(form: TotpConfirmForm) -> Result<Confirmation, ServerFnError> {
    match form.validate() {
        Ok(code) => {
            services()?
                .confirm_totp(&session().await?, client()?, code)
                .await
        }
        Err(errors) => Ok(Confirmation::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "turn_off_totp", output = Postcard)]
pub async fn turn_off_totp(form: TotpOffForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(confirm) => services()?.turn_off_totp(&session().await?, confirm).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

/// New recovery codes for old: nothing to send but the request itself.
#[server(prefix = "/api", endpoint = "regenerate_recovery_codes", output = Postcard)]
pub async fn regenerate_recovery_codes() -> Result<Confirmation, ServerFnError> {
    services()?
        .regenerate_recovery_codes(&session().await?)
        .await
}

#[server(prefix = "/api", endpoint = "remove_passkey", output = Postcard)]
pub async fn remove_passkey(form: PasskeyForm) -> Result<ActionOutcome, ServerFnError> {
    match form.passkey.trim().parse::<i32>() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(passkey) => services()?.remove_passkey(&session().await?, passkey).await,
        Err(_) => Ok(ActionOutcome::refused(
            crate::forms::Field::Form,
            crate::forms::business::OUT_OF_DATE,
            crate::forms::ErrorKind::Invalid,
        )),
    }
}

/// The recovery codes just made (shown once), or how many are left.
#[server(prefix = "/api", endpoint = "fresh_recovery_codes")]
pub async fn fresh_recovery_codes() -> Result<Access<RecoveryCodesView>, ServerFnError> {
    services()?.fresh_recovery_codes(&session().await?).await
}

/// A refused step is answered with a 400, its message in the body.
#[cfg(feature = "ssr")]
fn answered(step: Result<PasskeyStep, ServerFnError>) -> Result<PasskeyStep, ServerFnError> {
    if let (Ok(PasskeyStep::Refused { .. } | PasskeyStep::Invalid { .. }), Some(response)) =
        (&step, use_context::<leptos_axum::ResponseOptions>())
    {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    step
}

#[server(prefix = "/api", endpoint = "passkey_add_start", input = Json, output = Json)]
pub async fn passkey_add_start(name: String) -> Result<PasskeyStep, ServerFnError> {
    answered(
        async move {
            let form = crate::forms::two_factor::PasskeyNameForm { passkey_name: name };
            match form.validate() {
                Ok(name) => services()?.passkey_add_start(&session().await?, name).await,
                Err(errors) => Ok(PasskeyStep::Invalid {
                    field: crate::forms::Field::PasskeyName.id().to_owned(),
                    message: errors.iter().map(|e| e.message.text()).collect(),
                }),
            }
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "passkey_add_finish", input = Json, output = Json)]
pub async fn passkey_add_finish(credential: String) -> Result<PasskeyStep, ServerFnError> {
    answered(
        async move {
            services()?
                .passkey_add_finish(&session().await?, client()?, credential)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "passkey_log_in_start", input = Json, output = Json)]
pub async fn passkey_log_in_start() -> Result<PasskeyStep, ServerFnError> {
    answered(async move { services()?.passkey_log_in_start(&session().await?).await }.await)
}

#[server(prefix = "/api", endpoint = "passkey_log_in_finish", input = Json, output = Json)]
pub async fn passkey_log_in_finish(
    portal: Portal,
    credential: String,
    next: String,
) -> Result<PasskeyStep, ServerFnError> {
    answered(
        async move {
            let next = crate::forms::log_in::local_path(&next);
            services()?
                .passkey_log_in_finish(&session().await?, client()?, portal, credential, next)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "passkey_second_factor_start", input = Json, output = Json)]
pub async fn passkey_second_factor_start() -> Result<PasskeyStep, ServerFnError> {
    answered(
        async move {
            services()?
                .passkey_second_factor_start(&session().await?)
                .await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "passkey_second_factor_finish", input = Json, output = Json)]
pub async fn passkey_second_factor_finish(
    portal: Portal,
    credential: String,
) -> Result<PasskeyStep, ServerFnError> {
    answered(
        async move {
            services()?
                .passkey_second_factor_finish(&session().await?, client()?, portal, credential)
                .await
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub use contract::TwoFactorServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::two_factor::SecondFactorCode;
    use crate::portal::Portal;
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Second factors and passkeys. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait TwoFactorServices: Send + Sync + 'static {
        /// What a person part-way through logging in can use next, if they are.
        async fn pending_second_factor(
            &self,
            session: &Session,
        ) -> Result<Option<PendingLogIn>, ServerFnError>;
        /// The code after the password: the log-in completes.
        async fn second_factor(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            code: SecondFactorCode,
        ) -> Result<LogInOutcome, ServerFnError>;
        async fn security(&self, session: &Session) -> Result<Access<SecurityView>, ServerFnError>;
        async fn totp_setup(
            &self,
            session: &Session,
        ) -> Result<Access<TotpSetupView>, ServerFnError>;
        async fn confirm_totp(
            &self,
            session: &Session,
            client: Client,
            code: String,
        ) -> Result<Confirmation, ServerFnError>;
        /// `confirm` is the password or a current code.
        async fn turn_off_totp(
            &self,
            session: &Session,
            confirm: String,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn regenerate_recovery_codes(
            &self,
            session: &Session,
        ) -> Result<Confirmation, ServerFnError>;
        async fn remove_passkey(
            &self,
            session: &Session,
            passkey: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn fresh_recovery_codes(
            &self,
            session: &Session,
        ) -> Result<Access<RecoveryCodesView>, ServerFnError>;
        async fn passkey_add_start(
            &self,
            session: &Session,
            name: String,
        ) -> Result<PasskeyStep, ServerFnError>;
        async fn passkey_add_finish(
            &self,
            session: &Session,
            client: Client,
            credential: String,
        ) -> Result<PasskeyStep, ServerFnError>;
        async fn passkey_log_in_start(
            &self,
            session: &Session,
        ) -> Result<PasskeyStep, ServerFnError>;
        async fn passkey_log_in_finish(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            credential: String,
            next: Option<String>,
        ) -> Result<PasskeyStep, ServerFnError>;
        async fn passkey_second_factor_start(
            &self,
            session: &Session,
        ) -> Result<PasskeyStep, ServerFnError>;
        async fn passkey_second_factor_finish(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            credential: String,
        ) -> Result<PasskeyStep, ServerFnError>;
    }
}
