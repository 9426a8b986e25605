//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::RecordsServices;
use app::api::{Access, ActionOutcome};
use app::api::{AuditFilter, AuditPage, PersonRecord};
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl RecordsServices for Portico {
    async fn person_record(
        &self,
        session: &Session,
        person: i32,
    ) -> Result<Access<Option<PersonRecord>>, ServerFnError> {
        public(self.person_record_at(session, person).await)
    }

    async fn switch_login(
        &self,
        session: &Session,
        person: i32,
        enable: bool,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(
            self.switch_login_at(session, person, enable, Utc::now())
                .await,
        )
    }

    async fn audit_entries(
        &self,
        session: &Session,
        filter: AuditFilter,
    ) -> Result<Access<AuditPage>, ServerFnError> {
        public(self.audit_entries_at(session, filter).await)
    }
}
