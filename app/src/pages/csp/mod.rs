//! The Consumer Service Portal, `/csp`.
pub mod home;
pub mod log_in;
pub mod log_out;
pub mod register;
pub mod reset;
pub mod verify;
