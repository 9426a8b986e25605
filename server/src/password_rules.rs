//! What the server checks of a new password beyond the form's own rules (length, which
//! the browser checks too): that it is not one of the 100,000 most common passwords
//! (NIST SP 800-63B, OWASP ASVS 6.2.4). The list ships with the server
//! (`data/common-passwords.txt.br`, see `data/README.md`) and never reaches the browser.
use std::collections::HashSet;
use std::sync::LazyLock;

use app::forms::rules::PASSWORD_MIN_CHARS;

/// The message (its key) for a password on the list.
pub const COMMON_PASSWORD: &str = "password-common";

/// The listed passwords that a password passing the length rule could equal: of the
/// 100,000, only those of at least the minimum length (a few hundred) need to be kept.
/// Read from the compressed list on first use, not at start-up.
static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut list = Vec::new();
    let compressed: &[u8] = include_bytes!("../data/common-passwords.txt.br");
    if let Err(error) = brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut list) {
        tracing::error!(%error, "the common-password list could not be read");
    }
    String::from_utf8_lossy(&list)
        .lines()
        .filter(|password| password.chars().count() >= PASSWORD_MIN_CHARS)
        .map(str::to_lowercase)
        .collect()
});

/// Whether a password is on the list, in any case ("Password123456" is as weak as
/// "password123456").
pub fn is_common(password: &str) -> bool {
    COMMON.contains(&password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_a_hundred_thousand_passwords() {
        let mut list = Vec::new();
        let compressed: &[u8] = include_bytes!("../data/common-passwords.txt.br");
        brotli_decompressor::BrotliDecompress(&mut &compressed[..], &mut list).unwrap();
        assert_eq!(String::from_utf8(list).unwrap().lines().count(), 100_000);
    }

    #[test]
    fn common_passwords_are_refused_in_any_case_and_others_pass() {
        assert!(is_common("qwerty123456"));
        assert!(is_common("QWERTY123456"));
        assert!(is_common("1q2w3e4r5t6y"));
        assert!(!is_common("correct horse battery staple"));
        assert!(
            !is_common("short"),
            "too short to matter: the form refuses it anyway"
        );
    }
}
