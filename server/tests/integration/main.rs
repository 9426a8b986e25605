//! Portico's integration tests, in one binary: each module used to be its own test crate,
//! and eleven links of the whole server (with Leptos' long type names) filled gigabytes
//! of disk and minutes of linking.
#![allow(dead_code)]

mod common;

mod account_life;
mod admin_log_in;
mod administration;
mod approvals;
mod apps;
mod apps_pages;
mod architecture;
mod cli;
mod concurrency;
mod confirmations;
mod data_export;
mod deployment;
mod erasure;
mod external_sign_in;
mod fresh_proof;
mod invitation_limits;
mod layout;
mod lifecycle;
mod login_gate;
mod mail;
mod oidc_authorize;
mod oidc_discovery;
mod oidc_housekeeping;
mod oidc_keys;
mod oidc_logout;
mod oidc_registration;
mod oidc_tokens;
mod operations;
mod page_templates;
mod passkey_log_in;
mod password_strength;
mod postgres;
mod records;
mod registration;
mod reliability;
mod relying_party;
mod second_factors;
mod secrets;
mod security;
mod sign_in_providers;
mod site_pages;
mod states;
mod verification;
mod webhooks;
