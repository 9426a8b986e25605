//! This area's part of the contract, for the server functions.
use crate::services::{public, set_cookie};
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

contract! {
    impl TwoFactorServices {
        fn pending_second_factor(&self, session: &Session) -> Option<PendingLogIn>
            = pending_second_factor_at(session) at now;
        fn second_factor(&self, session: &Session, client: Client, _portal: Portal, code: SecondFactorCode) -> LogInOutcome
            = second_factor_at(session, &client, code) at now;
        fn security(&self, session: &Session) -> Access<SecurityView>
            = security_at(session) at now;
        fn totp_setup(&self, session: &Session) -> Access<TotpSetupView>
            = totp_setup_at(session) at now;
        fn confirm_totp(&self, session: &Session, client: Client, code: String) -> Confirmation
            = confirm_totp_at(session, &client, code) at now;
        fn turn_off_totp(&self, session: &Session, confirm: String) -> ActionOutcome
            = turn_off_totp_at(session, confirm) at now;
        fn regenerate_recovery_codes(&self, session: &Session) -> Confirmation
            = regenerate_recovery_codes_at(session) at now;
        fn remove_passkey(&self, session: &Session, passkey: i32) -> ActionOutcome
            = remove_passkey_at(session, passkey) at now;
        fn fresh_recovery_codes(&self, session: &Session) -> Access<RecoveryCodesView>
            = fresh_recovery_codes_at(session);
        fn passkey_add_start(&self, session: &Session, name: String) -> PasskeyStep
            = passkey_add_start_at(session, name) at now;
        fn passkey_add_finish(&self, session: &Session, client: Client, credential: String) -> PasskeyStep
            = passkey_add_finish_at(session, &client, credential) at now;
        fn passkey_second_factor_start(&self, session: &Session) -> PasskeyStep
            = passkey_second_factor_start_at(session) at now;
        fn passkey_second_factor_finish(&self, session: &Session, client: Client, _portal: Portal, credential: String) -> PasskeyStep
            = passkey_second_factor_finish_at(session, &client, credential) at now;
        by hand:

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

    }
}
