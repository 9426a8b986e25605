//! The contract between the pages and the server: the server functions every form calls,
//! their typed outcomes, and (with `ssr`) the [`Services`] trait the server implements.
//! A server function stays thin: it validates the form with the same function the browser
//! ran, then hands the valid form to the server's services, reached through context.
pub mod account;
pub mod admin;
pub mod apps;
pub mod company;
pub mod lifecycle;
pub mod operations;
pub mod profile;
pub mod records;
pub mod recovery;
#[cfg(feature = "ssr")]
mod services;
pub mod sign_in_providers;
pub mod status;
pub mod two_factor;

pub use account::*;
pub use admin::*;
pub use apps::*;
pub use company::*;
pub use lifecycle::*;
pub use operations::*;
pub use profile::*;
pub use records::*;
pub use recovery::*;
#[cfg(feature = "ssr")]
pub use services::*;
pub use sign_in_providers::*;
pub use status::*;
pub use two_factor::*;

use serde::{Deserialize, Serialize};

use crate::forms::{ErrorKind, Field, FieldErrors, Message};
use crate::portal::Portal;
use crate::submission::Outcome;

/// What a person may do beyond their own account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Member,
    /// Approves their company's registrations and manages its contacts.
    CustomerAdmin,
    /// One of ours: manages every company account at `/admin`.
    Admin,
}

/// The person logged in, as the header shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub first_name: String,
    pub portal: Portal,
    pub role: Role,
    /// The language they chose, else the one they registered in (`en`, `de`); none for
    /// people from before languages.
    pub preferred_language: Option<String>,
}

/// A page that only some people may see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Access<T> {
    Granted(T),
    /// Nobody is logged in: the page offers to log in and come back.
    LogInFirst,
    /// Logged in, but this is not theirs to see.
    Denied,
}

impl<T> Access<T> {
    /// What was granted, or the same refusal for a page that shows something else.
    pub fn granted<U>(self) -> Result<T, Access<U>> {
        match self {
            Access::Granted(value) => Ok(value),
            Access::LogInFirst => Err(Access::LogInFirst),
            Access::Denied => Err(Access::Denied),
        }
    }
}

impl<T> Outcome for Access<T> {
    fn http_status(&self) -> u16 {
        match self {
            Access::Granted(_) => 200,
            Access::LogInFirst => 401,
            Access::Denied => 403,
        }
    }
}

/// The outcome of a management form (a decision, a change to a contact or an account).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ActionOutcome {
    /// Done: what the page says, for example "Approved Ada Lovelace".
    Done {
        message: String,
    },
    Rejected {
        errors: FieldErrors,
    },
    /// Not done: a destructive action waits for its second look. The page shows what it
    /// would do to whom, with a Confirm button that posts the form again with
    /// `form[confirmed]` ([`crate::forms::confirmation`]).
    ConfirmFirst,
}

impl ActionOutcome {
    pub fn done(message: impl Into<String>) -> Self {
        ActionOutcome::Done {
            message: message.into(),
        }
    }

    /// Refused, with one error of `kind` on `field`: a message's key (`&'static str`), a
    /// [`Message::key_with`], or a [`Message::text_of`] already in the person's language.
    pub fn refused(field: Field, message: impl Into<Message>, kind: ErrorKind) -> Self {
        ActionOutcome::Rejected {
            errors: FieldErrors::one_of_kind(field, message, kind),
        }
    }
}

impl Outcome for ActionOutcome {
    fn http_status(&self) -> u16 {
        match self {
            ActionOutcome::Done { .. } | ActionOutcome::ConfirmFirst => 200,
            ActionOutcome::Rejected { errors } => errors.http_status(),
        }
    }
}
