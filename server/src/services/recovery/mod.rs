//! Emailed links: password reset, a new verification link, tokens' status.
mod contract;
pub mod links;
