//! Signing in through another OpenID Connect provider (issue 23): a company's own provider
//! or a consumers' social one has vouched for a person (`relying_party` checked the ID
//! token: [`ExternalIdentity`] is what it proved), and this area decides what follows,
//! each decision in one transaction:
//!
//! - a known link (issuer and `sub`, never the email) → the gate, as every other log-in;
//! - no link, a verified address and no account → a new person (an approved contact of
//!   the provider's company, or a verified consumer) once they agree to the privacy
//!   policy and the terms (`joining`);
//! - an account with that address that could be theirs → linked only after they prove
//!   that account once (`linking`): an email the provider vouches for is not enough
//!   (Zitadel and Keycloak both shipped account takeovers that way);
//! - everything else refused with a message ([`Refusal`]).
//!
//! Also: back-channel logout from a provider (`backchannel`), a person's linked sign-ins
//! and unlinking them (`linked`), and a company that requires its provider
//! (`support::required_provider`, used where passwords are decided).
mod backchannel;
mod deciding;
mod expiry;
mod identity;
mod joining;
mod linked;
mod linking;

pub use identity::{ExternalIdentity, PendingSignInView, Refusal, SignInOutcome};
pub use linked::{LinkedSignIn, UnlinkOutcome};
