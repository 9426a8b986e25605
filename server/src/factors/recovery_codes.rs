//! Recovery codes: ten single-use codes for when the second factor is lost. Each is 80
//! random bits, written as 16 characters of Crockford's base32 in groups of four
//! (`7k2q-9xpw-…`), read as `app::forms::rules::recovery_code` reads them. Only a
//! SHA-256 of each is kept, salted with the person's id: codes this long cannot be
//! guessed, so a slow hash would buy nothing but cost on every log-in.
use rand::RngCore;
use sha2::{Digest, Sha256};

pub const COUNT: usize = 10;
use app::forms::rules::RECOVERY_CODE_ALPHABET as ALPHABET;
const LENGTH: usize = 16;

/// A new set of codes, as the person is shown them (once).
pub fn generate() -> Vec<String> {
    (0..COUNT).map(|_| generate_one()).collect()
}

fn generate_one() -> String {
    let mut bytes = [0u8; LENGTH];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    // Each byte's low five bits pick a character: 32 of them, so none is favoured.
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect();
    format!(
        "{}-{}-{}-{}",
        &code[0..4],
        &code[4..8],
        &code[8..12],
        &code[12..16]
    )
}

/// What is stored of a person's code.
pub fn hash(user_id: i32, normalized: &str) -> String {
    hex::encode(Sha256::digest(format!("{user_id}:{normalized}").as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_different_codes_in_groups_of_four() {
        let codes = generate();
        assert_eq!(codes.len(), 10);
        for code in &codes {
            assert_eq!(code.len(), 19);
            assert_eq!(code.matches('-').count(), 3);
            assert!(app::forms::rules::recovery_code(code).is_some());
        }
        let mut unique = codes.clone();
        unique.dedup();
        assert_eq!(unique.len(), 10);
    }

    #[test]
    fn the_hash_depends_on_the_person() {
        assert_ne!(hash(1, "7k2q9xpw0abcdefg"), hash(2, "7k2q9xpw0abcdefg"));
        assert_eq!(hash(1, "7k2q9xpw0abcdefg").len(), 64);
    }
}
