//! Secrets at rest: values Portico must read back in clear (a webhook endpoint's secret, a
//! signing key's private half, an identity provider's client secret) are stored sealed
//! with AES-256-GCM under a key that is not in the database, so that a dump or a copy of
//! the database alone reveals no usable secret.
//!
//! - The key (`key_source`, `key_file`): `PORTICO_SECRETS_KEY` (base64 of 32 bytes) if
//!   set, else the key file `PORTICO_SECRETS_KEY_FILE` (by default `secrets.key` beside
//!   the SQLite database file, `data/secrets.key` with PostgreSQL), made with mode 0600 at
//!   the first start and never overwritten. It must be backed up with the database: a
//!   database restored without its key has secrets nobody can open.
//! - The stored form (`secret_box`): `sealed:v1:<base64url(nonce ‖ ciphertext ‖ tag)>`,
//!   a random 96-bit nonce per seal, and the [`Purpose`] as associated data, so that a
//!   sealed value moved to another column does not open there.
//! - Values stored before this existed are sealed in place at start-up (`sealing_pass`).
//! - A value that does not open (the key changed) is an error naming the key's setting,
//!   never a panic.
pub mod key_file;
pub mod key_source;
mod sealing_pass;
mod secret_box;

pub use key_file::{load_or_create, KeyFileError};
pub use key_source::{KeySource, KeySourceError};
pub use sealing_pass::{holds_sealed_values, seal_stored_in_place};
pub use secret_box::{SecretBox, SEALED_PREFIX};

/// The box for the key `source` names — read, or made at the first start while nothing
/// is sealed yet — once the secrets still stored in clear are sealed with it.
pub async fn open_at_start(
    source: &KeySource,
    db: &sea_orm::DatabaseConnection,
) -> anyhow::Result<SecretBox> {
    let sealed_already = holds_sealed_values(db).await?;
    let secrets = load_or_create(source, !sealed_already)?;
    seal_stored_in_place(db, &secrets)
        .await
        .map_err(|error| anyhow::anyhow!("sealing the secrets stored in clear: {error}"))?;
    Ok(secrets)
}

/// What a sealed value is, bound into its seal: a value sealed for one purpose does not
/// open as another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// `webhook_endpoints.secret`: the HMAC key deliveries are signed with.
    WebhookSecret,
    /// `signing_keys.private_key_pkcs8`: an ID-token signing key (base64 PKCS#8).
    SigningKey,
    /// An identity provider's client secret (Portico as a relying party).
    ProviderClientSecret,
}

impl Purpose {
    /// The associated data of the seal. Never change one: values sealed with it would no
    /// longer open.
    fn associated_data(self) -> &'static [u8] {
        match self {
            Purpose::WebhookSecret => b"portico webhook secret",
            Purpose::SigningKey => b"portico signing key",
            Purpose::ProviderClientSecret => b"portico provider client secret",
        }
    }

    /// What the value is, in words, for errors.
    pub fn describe(self) -> &'static str {
        match self {
            Purpose::WebhookSecret => "webhook endpoint's secret",
            Purpose::SigningKey => "signing key",
            Purpose::ProviderClientSecret => "sign-in provider's client secret",
        }
    }
}

/// Why a stored value could not be opened. Each message names the key's setting, since
/// that is what an operator must look at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error(
        "a stored {} cannot be opened with the secrets key from {}: it was sealed with \
         another key, or altered. Restore the key it was sealed with (PORTICO_SECRETS_KEY, \
         or the key file PORTICO_SECRETS_KEY_FILE names)",
        purpose.describe(),
        key_from
    )]
    WrongKey { purpose: Purpose, key_from: String },
    #[error(
        "a stored {} is not sealed (it does not start with {SEALED_PREFIX}); the server \
         seals stored values when it starts",
        purpose.describe()
    )]
    NotSealed { purpose: Purpose },
}
