//! This area's part of the contract, for the server functions.
use crate::observability::metrics as measure;
use crate::services::session::keys;
use crate::services::{public, ServiceError};
use app::api::AccountServices;
use app::api::{Client, Confirmation, LogInOutcome, RegisterOutcome, SessionUser, TokenStatus};
use app::captcha::CaptchaChallenge;
use app::forms::log_in::{ValidConfirmIdentity, ValidLogIn};
use app::forms::registration::ValidRegistration;
use app::portal::Portal;
use chrono::Utc;
use leptos::prelude::ServerFnError;
use std::net::IpAddr;
use tower_sessions::Session;

contract! {
    impl AccountServices {
        fn email_token_status(&self, token: &str) -> TokenStatus
            = verification_status_at(token) at now;
        fn carry_over(&self, session: &Session, carried: app::api::CarriedOver) -> ()
            = carry_over_at(session, &carried);
        fn carried_admin_email(&self, session: &Session) -> String
            = carried_admin_email(session);
        fn log_out(&self, session: &Session) -> ()
            = end_login(session);
        fn confirm_identity(&self, session: &Session, form: ValidConfirmIdentity) -> Confirmation
            = confirm_identity_at(session, form) at now;
        fn current_user(&self, session: &Session) -> Option<SessionUser>
            = session_user(session);
        by hand:

        fn new_captcha(&self, client: IpAddr, lang: app::i18n::Lang) -> CaptchaChallenge {
            self.challenge_for(&crate::limits::client_key(client), Utc::now(), lang)
        }

        async fn register(
            &self,
            client: IpAddr,
            portal: Portal,
            form: ValidRegistration,
            language: app::i18n::Lang,
        ) -> Result<RegisterOutcome, ServerFnError> {
            let outcome = public(
                self.register_in_at(client, portal, form, language, Utc::now())
                    .await,
            )?;
            if let RegisterOutcome::Registered { .. } = outcome {
                measure::signed_up(portal.segment());
            }
            Ok(outcome)
        }

        async fn verify_email(
            &self,
            session: &Session,
            token: &str,
        ) -> Result<TokenStatus, ServerFnError> {
            let (status, person) = public(self.verify_email_of_at(token, Utc::now()).await)?;
            if let (TokenStatus::Verified(_), Some(person)) = (status, person) {
                measure::email_verified();
                // The log-in form starts with the address just verified.
                let carried = app::api::CarriedOver {
                    email: person.email,
                    reviewer: None,
                };
                let carry = keys::CARRIED_OVER.put(session, &carried).await;
                public(carry.map_err(ServiceError::from))?;
            }
            Ok(status)
        }

        async fn log_in(
            &self,
            session: &Session,
            client: Client,
            portal: Portal,
            form: ValidLogIn,
        ) -> Result<LogInOutcome, ServerFnError> {
            let outcome = public(
                self.log_in_at(session, &client, portal, form, Utc::now())
                    .await,
            )?;
            measure::logged_in(match outcome {
                LogInOutcome::LoggedIn { .. } => "succeeded",
                LogInOutcome::SecondStep { .. } => "second_step",
                _ => "failed",
            });
            Ok(outcome)
        }

        async fn admin_log_in(
            &self,
            session: &Session,
            client: Client,
            form: ValidLogIn,
        ) -> Result<LogInOutcome, ServerFnError> {
            let outcome = public(
                self.admin_log_in_at(session, &client, form, Utc::now())
                    .await,
            )?;
            measure::logged_in(match outcome {
                LogInOutcome::LoggedIn { .. } => "succeeded",
                LogInOutcome::SecondStep { .. } => "second_step",
                _ => "failed",
            });
            Ok(outcome)
        }

    }
}
