//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::StatusServices;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl StatusServices for Portico {
    async fn carried_over(
        &self,
        session: &Session,
    ) -> Result<Option<app::api::CarriedOver>, ServerFnError> {
        public(self.carried_over_at(session).await)
    }

    async fn account_status(
        &self,
        session: &Session,
    ) -> Result<Option<app::api::AccountStatus>, ServerFnError> {
        public(self.account_status_at(session).await)
    }
}
