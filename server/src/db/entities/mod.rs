//! sea-orm entities, one module per table.
pub mod captcha_spent;
pub mod consent;
pub mod email_token;
pub mod outbox;
pub mod setting;
pub mod user;
