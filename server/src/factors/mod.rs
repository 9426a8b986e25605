//! Second factors, as cryptography and data: authenticator-app codes (RFC 6238), recovery
//! codes, and passkeys (WebAuthn). What a person does with them — setting one up, logging
//! in with one — is in `services::two_factor::factors` and `services::two_factor::passkey_ceremonies`.
pub mod passkeys;
pub mod recovery_codes;
pub mod totp;
