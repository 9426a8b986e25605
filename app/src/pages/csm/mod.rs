//! The Customer Service Management portal's own pages, `/csm`.
pub mod approvals;
pub mod contacts;
pub mod home;
