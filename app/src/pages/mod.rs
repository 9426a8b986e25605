//! One module per page: the account pages both portals share, each portal's own pages,
//! and internal administration.
pub mod account;
#[cfg(feature = "ssr")]
pub mod admin;
pub mod chooser;
pub mod csm;
pub mod csp_home;
pub mod not_found;
pub mod policy;

use leptos::prelude::*;

use crate::forms::{Field, FieldErrors};

/// What a page shows when a server function failed for a reason that is not the
/// person's input (the database is down, say): one error for the whole form.
pub fn failure_as_errors(error: &ServerFnError) -> FieldErrors {
    let message = match error {
        ServerFnError::Args(m) | ServerFnError::Deserialization(m) => m.clone(),
        ServerFnError::ServerError(m) => m.clone(),
        _ => "Something went wrong on our side. Please try again in a moment.".to_owned(),
    };
    FieldErrors::one(Field::Form, message)
}
