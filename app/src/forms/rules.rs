//! The rules each field obeys. Each rule returns the cleaned value or a message that a
//! person understands; forms combine them in their `validate` functions.
use email_address::{EmailAddress, Options};
use serde::{Deserialize, Serialize};

pub const NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Long passphrases are welcome; a bound keeps megabytes from the hasher.
pub const PASSWORD_MAX_CHARS: usize = 1024;

// The messages each rule can give, for the browser: a page hands the island the texts of
// the rules its forms run there (`FormKind::messages`).
pub const EMAIL_CHECKS: &[&str] = &[
    "check-email-missing",
    "check-email-too-long",
    "check-email-format",
];
pub const FIRST_NAME_CHECKS: &[&str] = &[
    "check-first_name-missing",
    "check-first_name-too-long",
    "check-first_name-control",
];
pub const LAST_NAME_CHECKS: &[&str] = &[
    "check-last_name-missing",
    "check-last_name-too-long",
    "check-last_name-control",
];
pub const NEW_PASSWORD_CHECKS: &[&str] = &[
    "check-password-missing",
    "check-password-too-short",
    "check-password-too-long",
];
pub const CONFIRMATION_CHECKS: &[&str] = &[
    "check-confirm_password-missing",
    "check-confirm_password-mismatch",
];
pub const LOG_IN_PASSWORD_CHECKS: &[&str] = &[
    "check-password-log-in-missing",
    "check-password-log-in-incorrect",
];

/// An email address that passed validation: as typed (trimmed) for display and sending,
/// and normalized (lower case) for comparison and the unique index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormalizedEmail {
    as_typed: String,
    normalized: String,
}

impl NormalizedEmail {
    /// The only way to build one: the address must pass the email rule.
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        email(input)
    }

    pub fn as_typed(&self) -> &str {
        &self.as_typed
    }

    pub fn normalized(&self) -> &str {
        &self.normalized
    }
}

/// Email syntax: a plain address (no display name), a domain with a dot, at most 254
/// characters. Compared case-insensitively after trimming.
pub fn email(input: &str) -> Result<NormalizedEmail, &'static str> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err("check-email-missing");
    }
    if trimmed.chars().count() > EMAIL_MAX_CHARS {
        return Err("check-email-too-long");
    }
    let options = Options::default()
        .without_display_text()
        .without_domain_literal()
        .with_required_tld();
    match EmailAddress::parse_with_options(trimmed, options) {
        Ok(_) => Ok(NormalizedEmail {
            as_typed: trimmed.to_owned(),
            normalized: normalize(trimmed),
        }),
        Err(_) => Err("check-email-format"),
    }
}

/// The address compared case-insensitively: Unicode lower case on the server, where it
/// is stored and compared. The browser runs the same rules only for their errors and
/// never uses this value, so it lowers ASCII only and leaves out Unicode's case tables
/// (11 KB of every page's WASM).
fn normalize(address: &str) -> String {
    #[cfg(not(feature = "hydrate"))]
    return address.to_lowercase();
    #[cfg(feature = "hydrate")]
    return address.to_ascii_lowercase();
}

/// Which name a [`name`] is: each has its own messages, because languages do not build
/// "Enter your first name" from "first name" alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    First,
    Last,
}

/// A first or last name: 1 to 100 characters after trimming, no control characters.
pub fn name(kind: NameKind, input: &str) -> Result<String, &'static str> {
    let [missing, too_long, control] = match kind {
        NameKind::First => [
            "check-first_name-missing",
            "check-first_name-too-long",
            "check-first_name-control",
        ],
        NameKind::Last => [
            "check-last_name-missing",
            "check-last_name-too-long",
            "check-last_name-control",
        ],
    };
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(missing);
    }
    if trimmed.chars().count() > NAME_MAX_CHARS {
        return Err(too_long);
    }
    if trimmed.chars().any(char::is_control) {
        return Err(control);
    }
    Ok(trimmed.to_owned())
}

/// A new password: 12 to 1,024 characters, no composition rules (NIST SP 800-63B).
/// Whether it is common or easy to guess, the server checks (`server::password_rules`).
/// Not trimmed: every character a person typed counts.
pub fn new_password(input: &str) -> Result<String, &'static str> {
    let length = input.chars().count();
    if length == 0 {
        return Err("check-password-missing");
    }
    if length < PASSWORD_MIN_CHARS {
        return Err("check-password-too-short");
    }
    if length > PASSWORD_MAX_CHARS {
        return Err("check-password-too-long");
    }
    Ok(input.to_owned())
}

/// The confirmation must repeat the password exactly.
pub fn confirmation(password: &str, confirm: &str) -> Result<(), &'static str> {
    if confirm.is_empty() {
        Err("check-confirm_password-missing")
    } else if confirm != password {
        Err("check-confirm_password-mismatch")
    } else {
        Ok(())
    }
}

/// A password typed to log in: only its presence and an upper bound are checked, so that
/// a long input cannot make the server hash megabytes.
pub fn password_to_log_in(input: &str) -> Result<String, &'static str> {
    if input.is_empty() {
        Err("check-password-log-in-missing")
    } else if input.chars().count() > PASSWORD_MAX_CHARS {
        Err("check-password-log-in-incorrect")
    } else {
        Ok(input.to_owned())
    }
}

/// Six digits from an authenticator app (spaces, as some apps show them, are ignored).
pub fn app_code(input: &str) -> Result<String, &'static str> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code)
    } else {
        Err("check-code-app")
    }
}

/// The characters of a recovery code: Crockford's base32, without look-alikes.
pub const RECOVERY_CODE_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A recovery code: 16 characters of Crockford's base32, in any case, with or without
/// dashes (o, i and l are read as 0, 1 and 1). Its normalized form.
pub fn recovery_code(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_lowercase() {
            'o' => '0',
            'i' | 'l' => '1',
            c => c,
        })
        .collect();
    (code.len() == 16 && code.bytes().all(|b| RECOVERY_CODE_ALPHABET.contains(&b))).then_some(code)
}

/// The code asked for after a password: an app's, or a recovery code.
pub fn second_factor_code(
    input: &str,
) -> Result<super::two_factor::SecondFactorCode, &'static str> {
    use super::two_factor::SecondFactorCode;
    if let Ok(code) = app_code(input) {
        return Ok(SecondFactorCode::App(code));
    }
    recovery_code(input)
        .map(SecondFactorCode::Recovery)
        .ok_or("check-code-second-factor")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_compared_in_lower_case() {
        let email = email("  Ada.Lovelace@Example.COM ").unwrap();
        assert_eq!(email.as_typed(), "Ada.Lovelace@Example.COM");
        assert_eq!(email.normalized(), "ada.lovelace@example.com");
    }

    #[test]
    fn email_needs_an_address_with_a_dotted_domain_and_no_display_name() {
        assert!(email("").is_err());
        assert!(email("   ").is_err());
        assert!(email("ada").is_err());
        assert!(email("ada@localhost").is_err());
        assert!(email("Ada <ada@example.com>").is_err());
        assert!(email("ada@[127.0.0.1]").is_err());
        assert!(email("ada@@example.com").is_err());
        assert!(email("ada@example.com").is_ok());
    }

    /// An address of exactly `len` characters: a 64-character local part and a domain of
    /// 60-letter labels ending in an all-letter top-level label.
    fn address_of_length(len: usize) -> String {
        let mut domain_len = len - 65;
        let mut labels = Vec::new();
        while domain_len > 61 + 3 {
            labels.push("b".repeat(60));
            domain_len -= 61;
        }
        labels.push("c".repeat(domain_len));
        format!("{}@{}", "a".repeat(64), labels.join("."))
    }

    #[test]
    fn email_is_at_most_254_characters() {
        let at_limit = address_of_length(254);
        assert_eq!(at_limit.len(), 254);
        assert!(email(&at_limit).is_ok(), "254 characters is allowed");
        let over = address_of_length(255);
        assert_eq!(email(&over).unwrap_err(), "check-email-too-long");
    }

    #[test]
    fn name_is_one_to_one_hundred_characters() {
        assert_eq!(
            name(NameKind::First, "").unwrap_err(),
            "check-first_name-missing"
        );
        assert_eq!(
            name(NameKind::First, "  ").unwrap_err(),
            "check-first_name-missing"
        );
        assert_eq!(name(NameKind::First, "A").unwrap(), "A");
        assert_eq!(
            name(NameKind::First, &"é".repeat(100))
                .unwrap()
                .chars()
                .count(),
            100
        );
        assert_eq!(
            name(NameKind::First, &"é".repeat(101)).unwrap_err(),
            "check-first_name-too-long"
        );
    }

    #[test]
    fn name_has_no_control_characters() {
        assert!(name(NameKind::Last, "Lovelace\u{0}").is_err());
        assert!(name(NameKind::Last, "Love\nlace").is_err());
        assert!(name(NameKind::Last, "Love\u{7f}lace").is_err());
        assert_eq!(
            name(NameKind::Last, "  O'Brien-Núñez ").unwrap(),
            "O'Brien-Núñez"
        );
    }

    #[test]
    fn password_is_twelve_to_a_thousand_and_twenty_four_characters() {
        assert_eq!(new_password("").unwrap_err(), "check-password-missing");
        assert!(new_password(&"x".repeat(11)).is_err());
        assert!(new_password(&"x".repeat(12)).is_ok());
        assert!(new_password(&"ü".repeat(64)).is_ok(), "a long passphrase");
        assert!(new_password(&"ü".repeat(1024)).is_ok());
        assert_eq!(
            new_password(&"x".repeat(1025)).unwrap_err(),
            "check-password-too-long"
        );
    }

    #[test]
    fn password_has_no_composition_rules() {
        assert!(new_password("all lower case words").is_ok());
        assert!(
            new_password("            ").is_ok(),
            "spaces count as characters"
        );
    }

    #[test]
    fn confirmation_must_match() {
        assert!(confirmation("correct horse battery", "correct horse battery").is_ok());
        assert_eq!(
            confirmation("correct horse battery", "correct horse batter").unwrap_err(),
            "check-confirm_password-mismatch"
        );
        assert_eq!(
            confirmation("correct horse battery", "").unwrap_err(),
            "check-confirm_password-missing"
        );
    }

    #[test]
    fn a_recovery_code_is_read_as_typed_in_any_case_and_look_alikes_are_forgiven() {
        assert_eq!(
            recovery_code(" 7K2Q-9XPW 0ABC-DEFG "),
            Some("7k2q9xpw0abcdefg".into())
        );
        assert_eq!(
            recovery_code("7k2q9xpwOabcdefg"),
            recovery_code("7k2q9xpw0abcdefg")
        );
        assert_eq!(
            recovery_code("123456"),
            None,
            "an authenticator code is not one"
        );
        assert_eq!(
            recovery_code("7k2q-9xpw-0abc-defu"),
            None,
            "u is not in the alphabet"
        );
    }

    #[test]
    fn log_in_password_is_bounded_but_not_judged() {
        assert!(password_to_log_in("short").is_ok());
        assert!(password_to_log_in("").is_err());
        assert!(password_to_log_in(&"x".repeat(1024)).is_ok());
        assert!(password_to_log_in(&"x".repeat(1025)).is_err());
    }
}
