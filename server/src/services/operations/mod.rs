//! Operations: webhooks and the outbox.
pub mod webhooks;
