//! Tokens sent by email: 32 random bytes, URL-safe. Only the SHA-256 is stored, so a copy
//! of the database does not let anyone use a link.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A token as it goes into a link. Never logged: `Debug` hides it.
pub struct Token(String);

impl Token {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn hash(&self) -> String {
        hash_token(&self.0)
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(…)")
    }
}

/// Whether a string from a link is worth looking up: tokens we issue are 43 characters,
/// so an empty or very long one is not ours (and is not hashed).
pub fn could_be_a_token(token: &str) -> bool {
    !token.is_empty() && token.len() <= 128
}

/// The stored form of a token: hex SHA-256.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_32_random_url_safe_bytes() {
        let a = Token::generate();
        let b = Token::generate();
        assert_ne!(a.as_str(), b.as_str());
        assert_eq!(URL_SAFE_NO_PAD.decode(a.as_str()).unwrap().len(), 32);
        assert!(a
            .as_str()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }

    #[test]
    fn only_the_hash_is_stored_and_debug_hides_the_token() {
        let token = Token::generate();
        assert_eq!(token.hash().len(), 64);
        assert_ne!(token.hash(), token.as_str());
        assert!(!format!("{token:?}").contains(token.as_str()));
    }
}
