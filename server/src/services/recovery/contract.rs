//! This area's part of the contract, for the server functions.
use crate::db::entities::email_token::TokenPurpose;
use crate::services::recovery::links::{RESEND_SENT, RESET_SENT};
use app::api::RecoveryServices;
use app::api::{Client, LinkRequestOutcome, NewPasswordOutcome, TokenStatus};
use app::forms::email_links::ValidNewPassword;
use app::forms::NormalizedEmail;
use app::portal::Portal;
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

contract! {
    impl RecoveryServices {
        fn password_reset_status(&self, token: &str) -> TokenStatus
            = token_status_at(token, TokenPurpose::Reset) at now;
        fn reset_password(&self, session: &Session, client: Client, portal: Portal, form: ValidNewPassword) -> NewPasswordOutcome
            = reset_password_at(session, &client, portal, form) at now;
        fn email_change_status(&self, token: &str) -> TokenStatus
            = token_status_at(token, TokenPurpose::ChangeEmail) at now;
        fn confirm_email_change(&self, token: &str) -> TokenStatus
            = confirm_email_change_at(token) at now;
        by hand:

        async fn request_password_reset(
            &self,
            _portal: Portal,
            email: NormalizedEmail,
        ) -> Result<LinkRequestOutcome, ServerFnError> {
            let portico = self.clone();
            self.answer_before_sending_link(RESET_SENT, async move {
                portico.request_password_reset_at(&email, Utc::now()).await
            })
        }

        async fn resend_verification(
            &self,
            _portal: Portal,
            email: NormalizedEmail,
        ) -> Result<LinkRequestOutcome, ServerFnError> {
            let portico = self.clone();
            self.answer_before_sending_link(RESEND_SENT, async move {
                portico.resend_verification_at(&email, Utc::now()).await
            })
        }

    }
}
