//! This area's part of the contract, for the server functions.
use app::api::OperationsServices;
use app::api::{Access, ActionOutcome, OutboxView, WebhookList};
use app::forms::webhooks::{DeliveryKind, ValidWebhook};
use tower_sessions::Session;

contract! {
    impl OperationsServices {
        fn webhook_list(&self, session: &Session) -> Access<WebhookList>
            = webhook_list_at(session);
        fn add_webhook(&self, session: &Session, form: ValidWebhook) -> ActionOutcome
            = add_webhook_at(session, form) at now;
        fn remove_webhook(&self, session: &Session, endpoint: i32) -> ActionOutcome
            = remove_webhook_at(session, endpoint) at now;
        fn outbox_waiting(&self, session: &Session, page: u64) -> Access<OutboxView>
            = outbox_waiting_at(session, page);
        fn retry_delivery(&self, session: &Session, kind: DeliveryKind, id: i32) -> ActionOutcome
            = retry_delivery_at(session, kind, id) at now;
    }
}
