//! Pieces the pages are built from.
pub mod captcha;
pub mod fields;
pub mod layout;
