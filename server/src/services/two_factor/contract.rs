//! This area's part of the contract, for the server functions.
use crate::services::{public, set_cookie, Portico};
use app::api::TwoFactorServices;
use app::api::{
    Access, ActionOutcome, Client, Confirmation, LogInOutcome, PasskeyStep, PendingLogIn,
    RecoveryCodesView, SecurityView, TotpSetupView,
};
use app::forms::two_factor::SecondFactorCode;
use app::portal::Portal;
use chrono::Utc;
use leptos::prelude::{use_context, ServerFnError};
use tower_sessions::Session;

#[async_trait::async_trait]
impl TwoFactorServices for Portico {
    async fn pending_second_factor(
        &self,
        session: &Session,
    ) -> Result<Option<PendingLogIn>, ServerFnError> {
        public(self.pending_second_factor_at(session, Utc::now()).await)
    }

    async fn second_factor(
        &self,
        session: &Session,
        client: Client,
        _portal: Portal,
        code: SecondFactorCode,
    ) -> Result<LogInOutcome, ServerFnError> {
        public(
            self.second_factor_at(session, &client, code, Utc::now())
                .await,
        )
    }

    async fn security(&self, session: &Session) -> Result<Access<SecurityView>, ServerFnError> {
        public(self.security_at(session, Utc::now()).await)
    }

    async fn totp_setup(&self, session: &Session) -> Result<Access<TotpSetupView>, ServerFnError> {
        public(self.totp_setup_at(session, Utc::now()).await)
    }

    async fn confirm_totp(
        &self,
        session: &Session,
        client: Client,
        code: String,
    ) -> Result<Confirmation, ServerFnError> {
        public(
            self.confirm_totp_at(session, &client, code, Utc::now())
                .await,
        )
    }

    async fn turn_off_totp(
        &self,
        session: &Session,
        confirm: String,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.turn_off_totp_at(session, confirm, Utc::now()).await)
    }

    async fn regenerate_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Confirmation, ServerFnError> {
        public(self.regenerate_recovery_codes_at(session, Utc::now()).await)
    }

    async fn remove_passkey(
        &self,
        session: &Session,
        passkey: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.remove_passkey_at(session, passkey, Utc::now()).await)
    }

    async fn fresh_recovery_codes(
        &self,
        session: &Session,
    ) -> Result<Access<RecoveryCodesView>, ServerFnError> {
        public(self.fresh_recovery_codes_at(session).await)
    }

    async fn passkey_add_start(
        &self,
        session: &Session,
        name: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(self.passkey_add_start_at(session, name, Utc::now()).await)
    }

    async fn passkey_add_finish(
        &self,
        session: &Session,
        client: Client,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_add_finish_at(session, &client, credential, Utc::now())
                .await,
        )
    }

    async fn passkey_log_in_start(&self, _: &Session) -> Result<PasskeyStep, ServerFnError> {
        let (step, sealed) = self.passkey_log_in_start_at(Utc::now());
        if let Some(sealed) = sealed {
            set_cookie(crate::services::support::ceremony_cookie::set_cookie(
                sealed,
                self.secure_cookies(),
            ));
        }
        Ok(step)
    }

    async fn passkey_log_in_finish(
        &self,
        session: &Session,
        client: Client,
        portal: Portal,
        credential: String,
        next: Option<String>,
    ) -> Result<PasskeyStep, ServerFnError> {
        let answer = crate::services::two_factor::passkey_ceremonies::PasskeyAnswer {
            sealed_state: use_context::<axum::http::request::Parts>().and_then(|request| {
                crate::services::support::ceremony_cookie::received(&request.headers)
            }),
            credential,
        };
        // Single use: the browser forgets the state whatever comes of it.
        set_cookie(crate::services::support::ceremony_cookie::removal(
            self.secure_cookies(),
        ));
        public(
            self.passkey_log_in_finish_at(session, &client, portal, answer, next, Utc::now())
                .await,
        )
    }

    async fn passkey_second_factor_start(
        &self,
        session: &Session,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_second_factor_start_at(session, Utc::now())
                .await,
        )
    }

    async fn passkey_second_factor_finish(
        &self,
        session: &Session,
        client: Client,
        _portal: Portal,
        credential: String,
    ) -> Result<PasskeyStep, ServerFnError> {
        public(
            self.passkey_second_factor_finish_at(session, &client, credential, Utc::now())
                .await,
        )
    }
}
