//! sea-orm entities, one module per table.
pub mod account;
pub mod audit_entry;
pub mod captcha_spent;
pub mod ceremony_spent;
pub mod consent;
pub mod email_token;
pub mod former_address;
pub mod invitation;
pub mod login;
pub mod outbox;
pub mod passkey;
pub mod recovery_code;
pub mod registration_request;
pub mod setting;
pub mod user;
pub mod webhook_delivery;
pub mod webhook_endpoint;
