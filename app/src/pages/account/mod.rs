//! The account pages of both portals: each takes the portal it is shown in.
pub mod log_in;
pub mod log_out;
pub mod register;
pub mod reset;
pub mod verify;
