//! The account pages of both portals: each takes the portal it is shown in.
#[cfg(feature = "ssr")]
pub mod accept_terms;
pub mod ask_for_link;
pub mod confirm;
#[cfg(feature = "ssr")]
pub mod delete_account;
pub mod email_change;
pub mod email_link;
pub mod log_in;
pub mod log_out;
pub mod new_password;
pub mod profile;
pub mod register;
pub mod second_factor;
pub mod security;
pub mod status;
pub mod verify;
