//! Signing in through another OpenID Connect provider, as administrators set it up
//! (Portico as the relying party): a company's own provider with the email domains that
//! lead to it, and the consumers' social providers. An area: it uses the session kernel
//! and `support` (`support::identity_providers` is what every area reads — which provider
//! an address leads to, the consumers' buttons, a provider with its secret opened).
pub mod company;
mod contract;
mod domains;
pub mod issuer;
mod pages;
pub mod social;

pub use domains::{is_public_email_service, parse_domains};
