//! This area's part of the contract, for the server functions.
use crate::observability::metrics as measure;
use crate::services::{public, Portico};
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

#[async_trait::async_trait]
impl AccountServices for Portico {
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

    async fn email_token_status(&self, token: &str) -> Result<TokenStatus, ServerFnError> {
        public(self.verification_status_at(token, Utc::now()).await)
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
            public(self.carry_over_at(session, &carried).await)?;
        }
        Ok(status)
    }

    async fn carry_over(
        &self,
        session: &Session,
        carried: app::api::CarriedOver,
    ) -> Result<(), ServerFnError> {
        public(self.carry_over_at(session, &carried).await)
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

    async fn carried_admin_email(&self, session: &Session) -> Result<String, ServerFnError> {
        public(self.carried_admin_email(session).await)
    }

    async fn log_out(&self, session: &Session) -> Result<(), ServerFnError> {
        public(self.end_login(session).await)
    }

    async fn confirm_identity(
        &self,
        session: &Session,
        form: ValidConfirmIdentity,
    ) -> Result<Confirmation, ServerFnError> {
        public(self.confirm_identity_at(session, form, Utc::now()).await)
    }

    async fn current_user(&self, session: &Session) -> Result<Option<SessionUser>, ServerFnError> {
        public(self.session_user(session).await)
    }
}
