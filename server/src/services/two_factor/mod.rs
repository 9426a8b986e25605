//! Second factors as a person manages them: the security page, an authenticator app,
//! recovery codes, passkeys (adding one, logging in with one, one as the second step,
//! removing one). The second step of a log-in itself is in the session kernel
//! (`session::second_step`); the cryptography is in `crate::factors`.
mod contract;
pub mod new_factor;
pub mod passkey_ceremonies;
pub mod recovery_codes;
pub mod security;
pub mod totp;

use app::api::Confirmation;
use app::forms::{ErrorKind, Field, FieldErrors};

/// A confirmation refused with one error of `kind` on `field`.
fn rejected(field: Field, message: &'static str, kind: ErrorKind) -> Confirmation {
    Confirmation::Rejected {
        errors: FieldErrors::one_of_kind(field, message, kind),
    }
}
