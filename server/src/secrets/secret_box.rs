//! Sealing and opening: AES-256-GCM with ring (built already for rustls and the signing
//! keys), a fresh random nonce per seal, the purpose as associated data.
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, AES_256_GCM, NONCE_LEN};
use ring::rand::{SecureRandom, SystemRandom};

use super::{Purpose, SecretError};

/// How every sealed value starts; the version names the cipher and the layout after it.
pub const SEALED_PREFIX: &str = "sealed:v1:";

/// Seals and opens stored secrets with the installation's key. Cheap to clone.
#[derive(Clone)]
pub struct SecretBox {
    key: Arc<LessSafeKey>,
    /// Where the key came from, in words, for errors: the setting or the file.
    source: Arc<str>,
    random: SystemRandom,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretBox")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl SecretBox {
    /// A box for `key`; `source` says where it came from (`PORTICO_SECRETS_KEY`, or the
    /// key file's path), for the errors of values it cannot open.
    pub fn new(key: [u8; 32], source: &str) -> Self {
        // Cannot fail: AES-256-GCM takes exactly 32 bytes, and the type says 32.
        let unbound = UnboundKey::new(&AES_256_GCM, &key).expect("a 32-byte AES-256 key");
        Self {
            key: Arc::new(LessSafeKey::new(unbound)),
            source: source.into(),
            random: SystemRandom::new(),
        }
    }

    /// Where the key came from, in words.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// `plain`, sealed for `purpose`: `sealed:v1:<base64url(nonce ‖ ciphertext ‖ tag)>`.
    pub fn seal(&self, purpose: Purpose, plain: &str) -> String {
        let mut nonce = [0u8; NONCE_LEN];
        // The operating system's random source fails only where it does not exist (a
        // kernel without getrandom and /dev/urandom), where ring's keys and TLS could not
        // work either. Sealing without a fresh nonce would be worse than stopping.
        self.random
            .fill(&mut nonce)
            .expect("the operating system's random source");
        let mut sealed = plain.as_bytes().to_vec();
        // Cannot fail: ring refuses only inputs over 64 GiB, and a secret is a few hundred
        // bytes to a few kilobytes (an RSA key in base64).
        self.key
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(purpose.associated_data()),
                &mut sealed,
            )
            .expect("a secret of a few kilobytes");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// What `stored` sealed, if it was sealed for `purpose` with this key and not altered.
    pub fn open(&self, purpose: Purpose, stored: &str) -> Result<String, SecretError> {
        let encoded = stored
            .strip_prefix(SEALED_PREFIX)
            .ok_or(SecretError::NotSealed { purpose })?;
        let wrong_key = || SecretError::WrongKey {
            purpose,
            key_from: self.source.to_string(),
        };
        let mut bytes = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| wrong_key())?;
        if bytes.len() < NONCE_LEN {
            return Err(wrong_key());
        }
        let mut sealed = bytes.split_off(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(&bytes).map_err(|_| wrong_key())?;
        let plain = self
            .key
            .open_in_place(nonce, Aad::from(purpose.associated_data()), &mut sealed)
            .map_err(|_| wrong_key())?;
        String::from_utf8(plain.to_vec()).map_err(|_| wrong_key())
    }

    /// Whether `stored` is in the sealed form (not whether it opens).
    pub fn is_sealed(stored: &str) -> bool {
        stored.starts_with(SEALED_PREFIX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealer() -> SecretBox {
        SecretBox::new([7; 32], "the test key")
    }

    #[test]
    fn a_sealed_value_opens_to_what_was_sealed() {
        let secrets = sealer();
        for plain in ["", "a webhook secret", "ünïcødé ✓", &"k".repeat(4000)] {
            let sealed = secrets.seal(Purpose::WebhookSecret, plain);
            assert!(sealed.starts_with(SEALED_PREFIX), "{sealed}");
            assert!(plain.len() < 8 || !sealed.contains(plain));
            assert_eq!(
                secrets.open(Purpose::WebhookSecret, &sealed).as_deref(),
                Ok(plain)
            );
        }
    }

    #[test]
    fn the_same_value_sealed_twice_looks_different() {
        let secrets = sealer();
        let first = secrets.seal(Purpose::SigningKey, "the same");
        let second = secrets.seal(Purpose::SigningKey, "the same");
        assert_ne!(first, second, "a fresh nonce each time");
    }

    #[test]
    fn a_value_sealed_for_one_purpose_does_not_open_as_another() {
        let secrets = sealer();
        let sealed = secrets.seal(Purpose::WebhookSecret, "moved to another column");
        for other in [Purpose::SigningKey, Purpose::ProviderClientSecret] {
            assert!(matches!(
                secrets.open(other, &sealed),
                Err(SecretError::WrongKey { purpose, .. }) if purpose == other
            ));
        }
    }

    #[test]
    fn an_altered_sealed_value_is_refused() {
        let secrets = sealer();
        let sealed = secrets.seal(Purpose::WebhookSecret, "a webhook secret");
        let mut bytes = URL_SAFE_NO_PAD
            .decode(sealed.strip_prefix(SEALED_PREFIX).unwrap())
            .unwrap();
        for index in [0, NONCE_LEN, bytes.len() - 1] {
            bytes[index] ^= 1;
            let altered = format!("{SEALED_PREFIX}{}", URL_SAFE_NO_PAD.encode(&bytes));
            assert!(secrets.open(Purpose::WebhookSecret, &altered).is_err());
            bytes[index] ^= 1;
        }
        let truncated = &sealed[..sealed.len() - 4];
        assert!(secrets.open(Purpose::WebhookSecret, truncated).is_err());
        for garbage in ["sealed:v1:", "sealed:v1:!!!", "sealed:v1:AAAA"] {
            assert!(secrets.open(Purpose::WebhookSecret, garbage).is_err());
        }
    }

    #[test]
    fn another_key_cannot_open_it_and_the_error_names_the_setting() {
        let sealed = sealer().seal(Purpose::SigningKey, "a private key");
        let other = SecretBox::new([8; 32], "the key file /srv/secrets.key");
        let error = other.open(Purpose::SigningKey, &sealed).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("the key file /srv/secrets.key"),
            "{message}"
        );
        assert!(message.contains("PORTICO_SECRETS_KEY"), "{message}");
        assert!(message.contains("signing key"), "{message}");
    }

    #[test]
    fn a_value_in_clear_is_not_taken_for_a_sealed_one() {
        assert_eq!(
            sealer().open(Purpose::WebhookSecret, "a secret in clear"),
            Err(SecretError::NotSealed {
                purpose: Purpose::WebhookSecret
            })
        );
    }

    #[test]
    fn the_key_does_not_show_in_debug_output() {
        let shown = format!("{:?}", SecretBox::new([0xab; 32], "PORTICO_SECRETS_KEY"));
        assert!(!shown.contains("171"), "{shown}");
        assert!(!shown.to_lowercase().contains("abab"), "{shown}");
    }
}
