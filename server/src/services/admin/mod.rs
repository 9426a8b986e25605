//! The administration's company accounts and people.
pub mod accounts;
pub mod people;
