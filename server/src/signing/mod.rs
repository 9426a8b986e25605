//! The keys that sign ID tokens: RS256 (OpenID Connect's required algorithm) with ring,
//! keys made by graviola (ring cannot generate RSA keys) and kept in the database
//! (`store`), so that every instance signs with the same ones.
pub mod store;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use ring::rand::SystemRandom;
use ring::signature::{RsaKeyPair, RsaPublicKeyComponents, RSA_PKCS1_SHA256};
use serde_json::{json, Value};

/// The algorithm every key here signs with.
pub const RS256: &str = "RS256";

/// Why a key could not be made, read or used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key could not be generated")]
    Generation,
    #[error("the stored key is not a readable RSA key")]
    Unreadable,
    #[error("the key could not sign")]
    Signing,
}

/// A private key that signs, with its id.
pub struct SigningKey {
    pub kid: String,
    pair: RsaKeyPair,
}

impl SigningKey {
    /// A new 2048-bit RSA key and its PKCS#8 form (to store), with a random id.
    pub fn generate() -> Result<(Self, Vec<u8>), KeyError> {
        use graviola::signing::rsa::{KeySize, SigningKey as NewKey};
        let new = NewKey::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generation)?;
        let mut buffer = [0u8; 4096];
        let pkcs8 = new
            .to_pkcs8_der(&mut buffer)
            .map_err(|_| KeyError::Generation)?
            .to_vec();
        let key = Self::from_pkcs8(new_kid(), &pkcs8)?;
        Ok((key, pkcs8))
    }

    /// A stored key.
    pub fn from_pkcs8(kid: String, pkcs8: &[u8]) -> Result<Self, KeyError> {
        let pair = RsaKeyPair::from_pkcs8(pkcs8).map_err(|_| KeyError::Unreadable)?;
        Ok(SigningKey { kid, pair })
    }

    /// A stored key, its PKCS#8 in base64 as the database keeps it.
    pub fn from_stored(kid: String, pkcs8_base64: &str) -> Result<Self, KeyError> {
        let pkcs8 = STANDARD
            .decode(pkcs8_base64)
            .map_err(|_| KeyError::Unreadable)?;
        Self::from_pkcs8(kid, &pkcs8)
    }

    /// An RS256 signature of `message`.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let mut signature = vec![0; self.pair.public().modulus_len()];
        self.pair
            .sign(
                &RSA_PKCS1_SHA256,
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| KeyError::Signing)?;
        Ok(signature)
    }

    /// The public key as a JWK (RFC 7517), for the JWKS.
    pub fn public_jwk(&self) -> Value {
        // Big-endian, without leading zeros, as a JWK's `n` and `e` are.
        let public: RsaPublicKeyComponents<Vec<u8>> = self.pair.public().into();
        let (n, e) = (public.n, public.e);
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": RS256,
            "kid": self.kid,
            "n": URL_SAFE_NO_PAD.encode(n),
            "e": URL_SAFE_NO_PAD.encode(e),
        })
    }
}

/// A key id: 16 random bytes, base64url.
fn new_kid() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::RSA_PKCS1_2048_8192_SHA256;

    #[test]
    fn a_signature_verifies_with_the_published_jwk_and_not_with_another_message() {
        let (key, pkcs8) = SigningKey::generate().unwrap();
        let signature = key.sign(b"header.payload").unwrap();
        let jwk = key.public_jwk();
        let part = |name: &str| URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap();
        let public = RsaPublicKeyComponents {
            n: part("n"),
            e: part("e"),
        };
        public
            .verify(&RSA_PKCS1_2048_8192_SHA256, b"header.payload", &signature)
            .unwrap();
        assert!(public
            .verify(&RSA_PKCS1_2048_8192_SHA256, b"header.other", &signature)
            .is_err());
        assert_eq!(jwk["kid"], key.kid);
        assert_eq!(jwk["alg"], "RS256");
        let stored = SigningKey::from_stored(key.kid.clone(), &STANDARD.encode(&pkcs8)).unwrap();
        assert_eq!(stored.public_jwk(), jwk);
    }

    #[test]
    fn a_stored_key_that_is_not_a_key_is_refused() {
        assert!(matches!(
            SigningKey::from_stored("k".into(), "bm90IGEga2V5"),
            Err(KeyError::Unreadable)
        ));
    }
}
