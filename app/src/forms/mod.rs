//! Typed forms and their validation. Each form has one `validate` function that both the
//! browser (as the person leaves a field, and on submit) and the server (always) call.
pub mod apps;
pub mod business;
pub mod confirmation;
pub mod email_links;
pub mod errors;
pub mod invitations;
pub mod leaving;
pub mod log_in;
pub mod profile;
pub mod registration;
pub mod registration_code;
pub mod rules;
pub mod sign_in_providers;
pub mod two_factor;
pub mod webhooks;

pub use errors::{ErrorKind, Field, FieldError, FieldErrors, Message};
pub use registration_code::RegistrationCode;
pub use rules::NormalizedEmail;

/// A form that can be shown back to the person after a submission.
pub trait Redact {
    /// The form with its secrets (passwords, CAPTCHA answers) cleared, so that it can be
    /// rendered into a page without ever echoing a password.
    fn redacted(&self) -> Self;
}

/// An HTML checkbox is sent as "on" when ticked and not at all otherwise (so its field
/// is then empty: every form field is a string, decoded the same way from a plain post
/// and from the form in the browser).
pub fn is_ticked(value: &str) -> bool {
    !value.is_empty()
}
