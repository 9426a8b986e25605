//! Pieces the pages are built from.
pub mod captcha;
pub mod confirm_step;
pub mod fields;
pub mod guarded;
pub mod home;
#[cfg(feature = "ssr")]
pub mod invitations;
pub mod layout;
pub mod notice;
