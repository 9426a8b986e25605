//! Joining and leaving: invitations, new terms, deleting an account.
pub mod deletion;
pub mod invitation_limits;
pub mod invitations;
pub mod terms;
