//! Second factors: the second step, an authenticator app, recovery codes, passkeys.
mod contract;
pub mod factors;
pub mod passkey_ceremonies;
