//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::AdminServices;
use app::api::{Access, AccountList, AccountRecord, ActionOutcome, PendingList, PeopleList};
use app::forms::business::{ValidAccount, ValidPendingDecision};
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl AdminServices for Portico {
    async fn people(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PeopleList>, ServerFnError> {
        public(self.people_at(session, query, page).await)
    }

    async fn reset_second_factors(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.reset_second_factors_at(session, person, Utc::now())
                .await,
        )
    }

    async fn accounts(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<AccountList>, ServerFnError> {
        public(self.accounts_at(session, query, page).await)
    }

    async fn account_detail(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<Access<Option<AccountRecord>>, ServerFnError> {
        public(self.account_detail_at(session, account).await)
    }

    async fn save_account(
        &self,
        session: &Session,
        form: ValidAccount,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.save_account_at(session, form, Utc::now()).await)
    }

    async fn regenerate_code(
        &self,
        session: &Session,
        account: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.regenerate_code_at(session, account, Utc::now()).await)
    }

    async fn pending_requests(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PendingList>, ServerFnError> {
        public(self.pending_requests_at(session, query, page).await)
    }

    async fn settle_pending(
        &self,
        session: &Session,
        form: ValidPendingDecision,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.settle_pending_at(session, form, Utc::now()).await)
    }
}
