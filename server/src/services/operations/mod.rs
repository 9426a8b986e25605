//! Operations: webhooks and the outbox.
mod contract;
pub mod webhooks;
