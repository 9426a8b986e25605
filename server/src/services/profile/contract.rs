//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::ProfileServices;
use app::api::{Access, ActionOutcome, HomeView, ProfileView};
use app::forms::profile::{ValidName, ValidPasswordChange};
use app::forms::NormalizedEmail;
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl ProfileServices for Portico {
    async fn profile(&self, session: &Session) -> Result<Access<ProfileView>, ServerFnError> {
        public(self.profile_at(session, Utc::now()).await)
    }

    async fn home(&self, session: &Session) -> Result<Option<HomeView>, ServerFnError> {
        public(self.home_at(session).await)
    }

    async fn export_data(&self, session: &Session) -> Result<Access<String>, ServerFnError> {
        public(self.export_data_at(session, Utc::now()).await)
    }

    async fn update_name(
        &self,
        session: &Session,
        form: ValidName,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.update_name_at(session, form, Utc::now()).await)
    }

    async fn change_password(
        &self,
        session: &Session,
        form: ValidPasswordChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_password_at(session, form, Utc::now()).await)
    }

    async fn request_email_change(
        &self,
        session: &Session,
        email: NormalizedEmail,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.request_email_change_at(session, email, Utc::now())
                .await,
        )
    }

    async fn end_other_sessions(&self, session: &Session) -> Result<ActionOutcome, ServerFnError> {
        public(self.end_other_sessions_at(session, Utc::now()).await)
    }

    async fn set_preferred_language(
        &self,
        session: &Session,
        language: app::i18n::Lang,
    ) -> Result<(), ServerFnError> {
        public(self.set_preferred_language_at(session, language).await)
    }
}
