//! How a new password that `password_rules::check` refused is shown: on the password
//! field, the same on every form that sets one (registration, reset, change, invitation).
use app::forms::{Field, FieldErrors};

/// The error of a new password `password_rules::check` refused (for every form that
/// sets one).
pub fn weak_password(message: app::forms::Message) -> FieldErrors {
    FieldErrors::one(Field::Password, message)
}
