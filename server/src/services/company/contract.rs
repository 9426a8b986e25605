//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::CompanyServices;
use app::api::{Access, ActionOutcome, ContactList, RequestList};
use app::forms::business::{ValidContactChange, ValidDecision};
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl CompanyServices for Portico {
    async fn set_company_two_factor(
        &self,
        session: &Session,
        require: bool,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.set_company_two_factor_at(session, require, Utc::now())
                .await,
        )
    }

    async fn company_requests(
        &self,
        session: &Session,
    ) -> Result<Access<RequestList>, ServerFnError> {
        public(self.company_requests_at(session).await)
    }

    async fn decide_request(
        &self,
        session: &Session,
        form: ValidDecision,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.decide_request_at(session, form, Utc::now()).await)
    }

    async fn company_contacts(
        &self,
        session: &Session,
    ) -> Result<Access<ContactList>, ServerFnError> {
        public(self.company_contacts_at(session).await)
    }

    async fn change_contact(
        &self,
        session: &Session,
        form: ValidContactChange,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.change_contact_at(session, form, Utc::now()).await)
    }
}
