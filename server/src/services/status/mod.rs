//! What a person who cannot log in yet is told: the account-status page and the address carried to it.
pub mod carried;
mod contract;
