//! Shared support every area may use: the audit log, views' formatting, erasure, sealed cookies.
pub mod audit;
pub mod ceremony_cookie;
pub mod company_queries;
pub mod erasure;
pub mod registration_requests;
pub mod views;
