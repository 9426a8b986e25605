//! Second factors: the second step, an authenticator app, recovery codes, passkeys.
pub mod factors;
pub mod passkey_ceremonies;
