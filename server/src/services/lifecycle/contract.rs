//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::LifecycleServices;
use app::api::{
    Access, ActionOutcome, ChangedPolicy, Client, DeletionView, InvitationLink, NewPasswordOutcome,
    TermsOutcome,
};
use app::forms::invitations::{ValidAcceptance, ValidInvitation, ValidInvitationChange};
use app::forms::leaving::{TermsAnswer, ValidAdminDeletion, ValidDeletion};
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl LifecycleServices for Portico {
    async fn invite_contact(
        &self,
        session: &Session,
        form: ValidInvitation,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.invite_contact_at(session, form, Utc::now()).await)
    }

    async fn change_invitation(
        &self,
        session: &Session,
        form: ValidInvitationChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_invitation_at(session, form, Utc::now()).await)
    }

    async fn invitation_link(&self, token: &str) -> Result<InvitationLink, ServerFnError> {
        public(self.invitation_link_at(token, Utc::now()).await)
    }

    async fn accept_invitation(
        &self,
        session: &Session,
        client: Client,
        form: ValidAcceptance,
        language: app::i18n::Lang,
    ) -> Result<NewPasswordOutcome, ServerFnError> {
        public(
            self.accept_invitation_in_at(session, &client, form, language, Utc::now())
                .await,
        )
    }

    async fn deletion_view(
        &self,
        session: &Session,
    ) -> Result<Access<DeletionView>, ServerFnError> {
        public(self.deletion_view_at(session, Utc::now()).await)
    }

    async fn delete_account(
        &self,
        session: &Session,
        form: ValidDeletion,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.delete_account_at(session, form, Utc::now()).await)
    }

    async fn delete_person(
        &self,
        session: &Session,
        form: ValidAdminDeletion,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.delete_person_at(session, form, Utc::now()).await)
    }

    async fn changed_policies(
        &self,
        session: &Session,
    ) -> Result<Option<Vec<ChangedPolicy>>, ServerFnError> {
        public(self.changed_policies_at(session, Utc::now()).await)
    }

    async fn answer_terms(
        &self,
        session: &Session,
        client: Client,
        answer: TermsAnswer,
    ) -> Result<TermsOutcome, ServerFnError> {
        public(
            self.answer_terms_at(session, &client, answer, Utc::now())
                .await,
        )
    }
}
