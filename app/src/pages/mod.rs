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

use crate::forms::{Field, FieldErrors, Message};

/// What a page shows when a server function failed for a reason that is not the
/// person's input (the database is down, say): one error for the whole form. The
/// server's texts are in the person's language already; the fallback is a message the
/// page hands the island (`page-something-went-wrong`), as this runs in the browser too.
pub fn failure_as_errors(error: &ServerFnError) -> FieldErrors {
    let message = match error {
        ServerFnError::Args(m) | ServerFnError::Deserialization(m) => Message::text_of(m.clone()),
        ServerFnError::ServerError(m) => Message::text_of(m.clone()),
        _ => Message::from("page-something-went-wrong"),
    };
    FieldErrors::one(Field::Form, message)
}
