//! A person's own account: profile, home, their data.
mod contract;
pub mod data_export;
pub mod home;
pub mod profile;
