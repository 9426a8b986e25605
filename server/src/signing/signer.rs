//! One private key that signs with ring, and its public half as a JWK.
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use openidconnect::core::{CoreJsonCurveType, CoreJsonWebKey, CoreJwsSigningAlgorithm};
use openidconnect::{JsonWebKeyId, PrivateSigningKey, SigningError};
use ring::rand::SystemRandom;
use ring::signature::{
    self, EcdsaKeyPair, Ed25519KeyPair, KeyPair as _, RsaKeyPair, RsaPublicKeyComponents,
    UnparsedPublicKey,
};

use super::{Algorithm, KeyError};

/// A private key that signs, with its id and its JWK (computed once: openidconnect asks
/// for it twice per ID token).
pub struct Signer {
    kid: String,
    alg: Algorithm,
    key: Key,
    jwk: CoreJsonWebKey,
}

enum Key {
    Rs256(RsaKeyPair),
    Es256(EcdsaKeyPair),
    EdDsa(Ed25519KeyPair),
}

impl Signer {
    /// A key from its PKCS#8 form.
    pub fn from_pkcs8(alg: Algorithm, kid: String, pkcs8: &[u8]) -> Result<Self, KeyError> {
        let id = Some(JsonWebKeyId::new(kid.clone()));
        let unreadable = |_| KeyError::Unreadable;
        let (key, jwk) = match alg {
            Algorithm::Rs256 => {
                let pair = RsaKeyPair::from_pkcs8(pkcs8).map_err(unreadable)?;
                // Big-endian without leading zeros, as a JWK's `n` and `e` are.
                let public: RsaPublicKeyComponents<Vec<u8>> = pair.public().into();
                let jwk = CoreJsonWebKey::new_rsa(public.n, public.e, id);
                (Key::Rs256(pair), jwk)
            }
            Algorithm::Es256 => {
                // FIXED: r‖s, 64 bytes, as JWS writes ECDSA signatures (not ASN.1).
                let pair = EcdsaKeyPair::from_pkcs8(
                    &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    pkcs8,
                    &SystemRandom::new(),
                )
                .map_err(unreadable)?;
                // Uncompressed point: 0x04 ‖ x (32) ‖ y (32).
                let point = pair.public_key().as_ref();
                let (x, y) = (point[1..33].to_vec(), point[33..65].to_vec());
                let jwk = CoreJsonWebKey::new_ec(x, y, CoreJsonCurveType::P256, id);
                (Key::Es256(pair), jwk)
            }
            Algorithm::EdDsa => {
                let pair = Ed25519KeyPair::from_pkcs8(pkcs8).map_err(unreadable)?;
                let x = pair.public_key().as_ref().to_vec();
                let jwk = CoreJsonWebKey::new_okp(x, CoreJsonCurveType::Ed25519, id);
                (Key::EdDsa(pair), jwk)
            }
        };
        Ok(Signer { kid, alg, key, jwk })
    }

    /// A stored key, its PKCS#8 in base64 as the database keeps it.
    pub fn from_stored(alg: Algorithm, kid: String, pkcs8_base64: &str) -> Result<Self, KeyError> {
        let pkcs8 = STANDARD
            .decode(pkcs8_base64)
            .map_err(|_| KeyError::Unreadable)?;
        Self::from_pkcs8(alg, kid, &pkcs8)
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The public key as a JWK (RFC 7517), for the JWKS.
    pub fn jwk(&self) -> &CoreJsonWebKey {
        &self.jwk
    }

    /// A signature of `message` with this key's algorithm.
    pub fn sign_bytes(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        let rng = SystemRandom::new();
        match &self.key {
            Key::Rs256(pair) => {
                let mut signature = vec![0; pair.public().modulus_len()];
                pair.sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut signature)
                    .map_err(|_| KeyError::Signing)?;
                Ok(signature)
            }
            Key::Es256(pair) => pair
                .sign(&rng, message)
                .map(|s| s.as_ref().to_vec())
                .map_err(|_| KeyError::Signing),
            Key::EdDsa(pair) => Ok(pair.sign(message).as_ref().to_vec()),
        }
    }

    /// Whether `signature` is this key's signature of `message`.
    pub fn verifies(&self, message: &[u8], signature: &[u8]) -> bool {
        let verified = match &self.key {
            Key::Rs256(pair) => UnparsedPublicKey::new(
                &signature::RSA_PKCS1_2048_8192_SHA256,
                pair.public().as_ref(),
            )
            .verify(message, signature),
            Key::Es256(pair) => {
                UnparsedPublicKey::new(&signature::ECDSA_P256_SHA256_FIXED, pair.public_key())
                    .verify(message, signature)
            }
            Key::EdDsa(pair) => UnparsedPublicKey::new(&signature::ED25519, pair.public_key())
                .verify(message, signature),
        };
        verified.is_ok()
    }
}

impl PrivateSigningKey for Signer {
    type VerificationKey = CoreJsonWebKey;

    fn sign(
        &self,
        signature_alg: &CoreJwsSigningAlgorithm,
        message: &[u8],
    ) -> Result<Vec<u8>, SigningError> {
        if *signature_alg != self.alg.jws() {
            return Err(SigningError::UnsupportedAlg(format!("{signature_alg:?}")));
        }
        self.sign_bytes(message)
            .map_err(|_| SigningError::CryptoError)
    }

    fn as_verification_key(&self) -> CoreJsonWebKey {
        self.jwk.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::generate;

    #[test]
    fn each_key_verifies_its_own_signature_and_not_another_message() {
        for alg in Algorithm::ALL {
            let pkcs8 = generate::pkcs8(alg).unwrap();
            let signer = Signer::from_pkcs8(alg, "k".into(), &pkcs8).unwrap();
            let signature = signer.sign_bytes(b"header.payload").unwrap();
            assert!(signer.verifies(b"header.payload", &signature), "{alg:?}");
            assert!(!signer.verifies(b"header.other", &signature), "{alg:?}");
            let stored = Signer::from_stored(alg, "k".into(), &STANDARD.encode(&pkcs8)).unwrap();
            assert_eq!(stored.jwk(), signer.jwk());
        }
    }

    #[test]
    fn a_key_refuses_to_sign_with_another_algorithm() {
        let pkcs8 = generate::pkcs8(Algorithm::Es256).unwrap();
        let signer = Signer::from_pkcs8(Algorithm::Es256, "k".into(), &pkcs8).unwrap();
        assert!(PrivateSigningKey::sign(&signer, &CoreJwsSigningAlgorithm::EdDsa, b"m").is_err());
    }

    #[test]
    fn a_stored_key_that_is_not_a_key_is_refused() {
        for alg in Algorithm::ALL {
            assert!(matches!(
                Signer::from_stored(alg, "k".into(), "bm90IGEga2V5"),
                Err(KeyError::Unreadable)
            ));
        }
        let ed = generate::pkcs8(Algorithm::EdDsa).unwrap();
        assert!(Signer::from_pkcs8(Algorithm::Rs256, "k".into(), &ed).is_err());
    }
}
