//! What runs behind the administration's back office: webhook endpoints, and the outbox
//! of emails and webhook deliveries with their state.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use super::{services, session};
use super::{Access, ActionOutcome};
use crate::forms::webhooks::{DeliveryKind, RetryForm, WebhookForm, WebhookRemovalForm};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookView {
    pub id: i32,
    pub url: String,
    pub events: Vec<String>,
    pub delivered: u64,
    pub waiting: u64,
    pub failed: u64,
}

/// One email or webhook delivery, as the outbox page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub kind: DeliveryKind,
    pub id: i32,
    /// The address, or the endpoint's URL.
    pub to: String,
    /// The subject, or the event.
    pub what: String,
    /// "Pending", "Retrying", "Failed", "Delivered".
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created: String,
    pub failed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookList {
    pub endpoints: Vec<WebhookView>,
    /// The latest deliveries, newest first.
    pub deliveries: Vec<DeliveryView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxView {
    /// Pending, retrying and failed emails and webhook deliveries, oldest first.
    pub waiting: Vec<DeliveryView>,
    pub page: u64,
    pub more: bool,
    /// Emails delivered to the dev mailbox (never sent), when it is on.
    pub in_dev_mailbox: u64,
}

#[server(prefix = "/api", endpoint = "webhooks_overview")]
pub async fn webhooks_overview() -> Result<Access<WebhookList>, ServerFnError> {
    services()?.webhook_list(&session().await?).await
}

#[server(prefix = "/api", endpoint = "add_webhook")]
pub async fn add_webhook(form: WebhookForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(valid) => services()?.add_webhook(&session().await?, valid).await,
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "remove_webhook")]
pub async fn remove_webhook(form: WebhookRemovalForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok(_) if !crate::forms::confirmation::is_confirmed(&form.confirmed) => {
            Ok(ActionOutcome::ConfirmFirst)
        }
        Ok(endpoint) => {
            services()?
                .remove_webhook(&session().await?, endpoint)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[server(prefix = "/api", endpoint = "outbox_waiting")]
pub async fn outbox_waiting(page: u64) -> Result<Access<OutboxView>, ServerFnError> {
    services()?.outbox_waiting(&session().await?, page).await
}

#[server(prefix = "/api", endpoint = "retry_delivery")]
pub async fn retry_delivery(form: RetryForm) -> Result<ActionOutcome, ServerFnError> {
    match form.validate() {
        Ok((kind, id)) => {
            services()?
                .retry_delivery(&session().await?, kind, id)
                .await
        }
        Err(errors) => Ok(ActionOutcome::Rejected { errors }),
    }
}

#[cfg(feature = "ssr")]
pub use contract::OperationsServices;

/// What the server implements for this area's server functions.
#[cfg(feature = "ssr")]
mod contract {
    use crate::api::*;
    use crate::forms::webhooks::{DeliveryKind, ValidWebhook};
    use leptos::prelude::ServerFnError;
    use tower_sessions::Session;
    /// Webhooks and the outbox. Errors are already fit to show.
    #[async_trait::async_trait]
    pub trait OperationsServices: Send + Sync + 'static {
        async fn webhook_list(
            &self,
            session: &Session,
        ) -> Result<Access<WebhookList>, ServerFnError>;
        async fn add_webhook(
            &self,
            session: &Session,
            form: ValidWebhook,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn remove_webhook(
            &self,
            session: &Session,
            endpoint: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
        async fn outbox_waiting(
            &self,
            session: &Session,
            page: u64,
        ) -> Result<Access<OutboxView>, ServerFnError>;
        async fn retry_delivery(
            &self,
            session: &Session,
            kind: DeliveryKind,
            id: i32,
        ) -> Result<ActionOutcome, ServerFnError>;
    }
}
