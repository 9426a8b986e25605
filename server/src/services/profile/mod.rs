//! A person's own account: profile, home, their data.
pub mod data_export;
pub mod home;
pub mod profile;
