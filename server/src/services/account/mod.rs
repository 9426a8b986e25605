//! Ways in: registering, verifying an address, logging in (the portals' and the administration's).
pub mod admin_log_in;
mod contract;
pub mod log_in;
pub mod new_registration;
pub mod registration;
pub mod registration_checks;
pub mod verification;
