//! Shared support every area may use: the audit log, views' formatting, erasure, sealed
//! cookies, notices to a person, stored factors, registration requests, company queries,
//! a person as the administration shows them, consents, emailed links' tokens, passwords, an
//! app's sign-in waiting for a registration.
pub mod app_clients;
pub mod app_sessions;
pub mod audit;
pub mod ceremony_cookie;
pub mod company_queries;
pub mod consents;
pub mod email_tokens;
pub mod ending_logins;
pub mod erasure;
pub mod factors;
pub mod identity_providers;
pub mod notices;
pub mod password_refusal;
pub mod password_replacement;
pub mod person_views;
pub mod registration_requests;
pub mod required_provider;
pub mod roles;
pub mod stored_factors;
pub mod views;
pub mod waiting_app_sign_ins;
