//! Email: what the messages say (templates), the outbox that keeps them until they are
//! sent (written in the transaction of the change that caused them), the delivery
//! worker, and the development mailbox.
pub mod dev_mailbox;
pub mod outbox;
pub mod templates;

use app::i18n::Lang;

use crate::db::entities::user;

/// The language a person's emails are written in, whoever caused them: their own choice,
/// else the language they registered in, else the default.
pub fn language_of(user: &user::Model) -> Lang {
    user.preferred_language
        .as_deref()
        .and_then(Lang::of_tag)
        .unwrap_or(Lang::DEFAULT)
}

/// A message ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}
