//! New private keys, as PKCS#8 for the database. ring makes the elliptic-curve keys; it
//! cannot make RSA keys, so graviola makes those where it can run, else the `rsa` crate.
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, Ed25519KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};

use super::{Algorithm, KeyError};

/// The size of new RSA keys.
const RSA_BITS: usize = 2048;

/// A new private key of `alg`, PKCS#8 DER.
pub fn pkcs8(alg: Algorithm) -> Result<Vec<u8>, KeyError> {
    let rng = SystemRandom::new();
    match alg {
        Algorithm::Rs256 if graviola_can_run() => rsa_by_graviola(),
        Algorithm::Rs256 => rsa_by_rsa_crate(),
        Algorithm::Es256 => EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &rng)
            .map(|document| document.as_ref().to_vec())
            .map_err(|_| KeyError::Generation),
        Algorithm::EdDsa => Ed25519KeyPair::generate_pkcs8(&rng)
            .map(|document| document.as_ref().to_vec())
            .map_err(|_| KeyError::Generation),
    }
}

/// Whether this CPU has what graviola requires. graviola checks it too, but with an
/// `assert!` (`verify_cpu_features`): on an older or emulated x86_64 CPU the first key
/// would be a panic at start-up, so we ask first and fall back. The list is graviola
/// 0.4's own (adx, aes, avx, avx2, bmi1, pclmulqdq), and bmi2, whose `mulx` its
/// big-number code uses; on aarch64 its neon, aes, pmull and sha2.
fn graviola_can_run() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("adx")
            && std::arch::is_x86_feature_detected!("aes")
            && std::arch::is_x86_feature_detected!("avx")
            && std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("pclmulqdq")
    }
    #[cfg(target_arch = "aarch64")]
    {
        std::arch::is_aarch64_feature_detected!("neon")
            && std::arch::is_aarch64_feature_detected!("aes")
            && std::arch::is_aarch64_feature_detected!("pmull")
            && std::arch::is_aarch64_feature_detected!("sha2")
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        false
    }
}

/// graviola: fast (~20 ms), pure Rust and verified assembly. Its key generation is not
/// side-channel safe by its own docs: a key is made once per rotation, not per request.
fn rsa_by_graviola() -> Result<Vec<u8>, KeyError> {
    use graviola::signing::rsa::{KeySize, SigningKey};
    let key = SigningKey::generate(KeySize::Rsa2048).map_err(|_| KeyError::Generation)?;
    let mut buffer = [0u8; 4096];
    let pkcs8 = key
        .to_pkcs8_der(&mut buffer)
        .map_err(|_| KeyError::Generation)?;
    Ok(pkcs8.to_vec())
}

/// The `rsa` crate: slower, and it carries RUSTSEC-2023-0071 — a timing leak in its
/// private-key operations (decrypting, signing), which we never run with it: it only makes
/// the key, once, and ring signs.
pub(crate) fn rsa_by_rsa_crate() -> Result<Vec<u8>, KeyError> {
    use rsa::pkcs8::EncodePrivateKey;
    let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, RSA_BITS)
        .map_err(|_| KeyError::Generation)?;
    let document = key.to_pkcs8_der().map_err(|_| KeyError::Generation)?;
    Ok(document.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::Signer;

    #[test]
    fn the_rsa_crate_makes_a_2048_bit_key_that_ring_signs_with() {
        let pkcs8 = rsa_by_rsa_crate().unwrap();
        let signer = Signer::from_pkcs8(Algorithm::Rs256, "fallback".into(), &pkcs8).unwrap();
        let signature = signer.sign_bytes(b"header.payload").unwrap();
        assert_eq!(signature.len(), RSA_BITS / 8);
        assert!(signer.verifies(b"header.payload", &signature));
    }

    #[test]
    fn every_algorithm_gets_a_new_key_each_time() {
        for alg in Algorithm::ALL {
            assert_ne!(pkcs8(alg).unwrap(), pkcs8(alg).unwrap(), "{alg:?}");
        }
    }
}
