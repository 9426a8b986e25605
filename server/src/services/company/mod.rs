//! A company's customer administrators: its contacts, its registration requests, its rules.
pub mod approval;
pub mod contacts;
mod contract;
pub mod two_factor_rule;
