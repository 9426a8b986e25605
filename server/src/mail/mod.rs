//! Email: what the messages say (templates), the outbox that keeps them until they are
//! sent (written in the transaction of the change that caused them), the delivery
//! worker, and the development mailbox.
pub mod dev_mailbox;
pub mod outbox;
pub mod templates;

/// A message ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}
