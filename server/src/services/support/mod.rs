//! Shared support every area may use: the audit log, views' formatting, erasure, sealed cookies.
pub mod audit;
pub mod ceremony_cookie;
pub mod consents;
pub mod email_tokens;
pub mod erasure;
pub mod password_refusal;
pub mod password_replacement;
pub mod views;
