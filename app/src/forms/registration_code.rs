//! Registration codes: what a company's customer administrator hands to its contacts so
//! that their registrations reach that company. Random, 12 characters of an alphabet
//! without look-alikes (no 0/O, 1/I/L), shown in groups of four; typed in any case, with
//! or without the dashes.
use serde::{Deserialize, Serialize};

/// The characters of a code: digits and capitals that cannot be mistaken for another.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const LENGTH: usize = 12;

/// The message (its key) for a code that is not one, or not any company's.
pub const INCORRECT: &str = "registration-code-incorrect";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationCode(String);

impl RegistrationCode {
    /// A code as typed: spaces and dashes are ignored, and case does not matter.
    /// Its error is a message's key ([`INCORRECT`]).
    pub fn parse(input: &str) -> Result<Self, &'static str> {
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let well_formed = code.len() == LENGTH && code.bytes().all(|b| ALPHABET.contains(&b));
        if well_formed {
            Ok(Self(code))
        } else {
            Err(INCORRECT)
        }
    }

    /// An optional code field: empty is no code.
    pub fn parse_optional(input: &str) -> Result<Option<Self>, &'static str> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(input).map(Some)
        }
    }

    /// Builds a code from characters already drawn from [`ALPHABET`].
    pub fn from_alphabet(chars: impl IntoIterator<Item = u8>) -> Option<Self> {
        let code: String = chars.into_iter().map(char::from).collect();
        Self::parse(&code).ok()
    }

    /// The stored form: upper case, no dashes.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As people read it: `ACME-7K2Q-9XPW`.
    pub fn display(&self) -> String {
        display_code(&self.0)
    }
}

/// Groups a stored code in fours for reading aloud and copying.
pub fn display_code(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_read_in_any_case_with_or_without_dashes() {
        let code = RegistrationCode::parse("acme 7k2q-9xpw").unwrap();
        assert_eq!(code.as_str(), "ACME7K2Q9XPW");
        assert_eq!(code.display(), "ACME-7K2Q-9XPW");
    }

    #[test]
    fn look_alike_characters_and_wrong_lengths_are_not_codes() {
        assert_eq!(
            RegistrationCode::parse("ACME7K2Q9XP0"),
            Err(INCORRECT),
            "zero"
        );
        assert!(
            RegistrationCode::parse("ACME7K2Q9XPI").is_err(),
            "capital i"
        );
        assert!(
            RegistrationCode::parse("ACME7K2Q9XP").is_err(),
            "11 characters"
        );
        assert!(
            RegistrationCode::parse("ACME7K2Q9XPWW").is_err(),
            "13 characters"
        );
        assert_eq!(RegistrationCode::parse_optional("  ").unwrap(), None);
    }

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for c in b"01ILO" {
            assert!(!ALPHABET.contains(c));
        }
    }
}
