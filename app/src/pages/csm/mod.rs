//! The Customer Service Management portal's own pages, `/csm`.
#[cfg(feature = "ssr")]
pub mod approvals;
#[cfg(feature = "ssr")]
pub mod contacts;
pub mod home;
#[cfg(feature = "ssr")]
pub mod invitation;
