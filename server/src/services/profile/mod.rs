//! A person's own account: profile, email address, home, their data.
mod contract;
pub mod data_export;
pub mod email_change;
pub mod home;
pub mod language;
pub mod profile_page;
