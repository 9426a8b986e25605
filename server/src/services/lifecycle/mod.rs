//! Joining and leaving: invitations, new terms, deleting an account.
mod contract;
pub mod deletion;
pub mod invitation_acceptance;
pub mod invitation_limits;
pub mod invitations;
pub mod terms;
