//! Emailed links: password reset, a new verification link, tokens' status.
pub mod links;
