//! The administration's company accounts and people.
pub mod accounts;
mod contract;
pub mod pending;
pub mod pending_list;
pub mod people;
