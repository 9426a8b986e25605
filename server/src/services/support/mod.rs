//! Shared support every area may use: the audit log, views' formatting, erasure, sealed cookies.
pub mod audit;
pub mod ceremony_cookie;
pub mod erasure;
pub mod person_views;
pub mod views;
