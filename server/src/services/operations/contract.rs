//! This area's part of the contract, for the server functions.
use crate::services::{public, Portico};
use app::api::OperationsServices;
use app::api::{Access, ActionOutcome, OutboxView, WebhookList};
use app::forms::webhooks::{DeliveryKind, ValidWebhook};
use chrono::Utc;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

#[async_trait::async_trait]
impl OperationsServices for Portico {
    async fn webhook_list(&self, session: &Session) -> Result<Access<WebhookList>, ServerFnError> {
        public(self.webhook_list_at(session).await)
    }

    async fn add_webhook(
        &self,
        session: &Session,
        form: ValidWebhook,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.add_webhook_at(session, form, Utc::now()).await)
    }

    async fn remove_webhook(
        &self,
        session: &Session,
        endpoint: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.remove_webhook_at(session, endpoint, Utc::now()).await)
    }

    async fn outbox_waiting(
        &self,
        session: &Session,
        page: u64,
    ) -> Result<Access<OutboxView>, ServerFnError> {
        public(self.outbox_waiting_at(session, page).await)
    }

    async fn retry_delivery(
        &self,
        session: &Session,
        kind: DeliveryKind,
        id: i32,
    ) -> Result<ActionOutcome, ServerFnError> {
        public(self.retry_delivery_at(session, kind, id, Utc::now()).await)
    }
}
