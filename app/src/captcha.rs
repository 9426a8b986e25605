//! The self-hosted CAPTCHA's shared half: the challenge a page carries, the response a
//! form sends back, and the proof-of-work solver the browser runs (ALTCHA's scheme: find
//! the number `n` with `SHA-256(salt + n) == challenge`). The server half (signing,
//! checking, single use) lives in the server crate.
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a registration page needs to show the CAPTCHA. `token` is signed by the server
/// and carries everything it needs to check the answer later; the rest is for the person
/// (`question`, without JavaScript) or for the browser's solver.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptchaChallenge {
    pub token: String,
    pub question: String,
    pub salt: String,
    pub challenge: String,
    pub max_number: u64,
}

/// The person's answer, in one of its two forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptchaResponse {
    /// The number the browser's proof-of-work solver found.
    ProofOfWork { token: String, number: u64 },
    /// The typed answer to the server-rendered question.
    Answer { token: String, answer: String },
}

impl CaptchaResponse {
    /// Reads the response from the form's fields; the checks that need the server's key
    /// happen on the server.
    pub fn from_form(token: &str, solution: &str, answer: &str) -> Result<Self, &'static str> {
        let token = token.trim().to_owned();
        if token.is_empty() {
            return Err("check-security_code-not-loaded");
        }
        if let Ok(number) = solution.trim().parse::<u64>() {
            return Ok(CaptchaResponse::ProofOfWork { token, number });
        }
        let answer = answer.trim();
        if answer.is_empty() {
            return Err("check-security_code-incomplete");
        }
        if answer.chars().count() > 32 {
            return Err("check-security_code-wrong-answer");
        }
        Ok(CaptchaResponse::Answer {
            token,
            answer: answer.to_owned(),
        })
    }

    pub fn token(&self) -> &str {
        match self {
            CaptchaResponse::ProofOfWork { token, .. } | CaptchaResponse::Answer { token, .. } => {
                token
            }
        }
    }
}

/// `SHA-256(salt + number)`, the digest both sides compare.
pub fn pow_digest(salt: &str, number: u64) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(salt.as_bytes());
    hasher.update(number.to_string().as_bytes());
    hasher.finalize().into()
}

/// Finds the proof-of-work number by trying each in turn.
pub fn solve(challenge: &CaptchaChallenge) -> Option<u64> {
    solve_within(challenge, &target(challenge)?, 0..=challenge.max_number)
}

/// The digest a challenge asks for, if it can be read.
pub fn target(challenge: &CaptchaChallenge) -> Option<[u8; 32]> {
    hex::decode(&challenge.challenge).ok()?.try_into().ok()
}

/// Tries the numbers in `numbers` only: the browser solves in slices, so that the page
/// stays responsive (and its status is painted) while it works.
pub fn solve_within(
    challenge: &CaptchaChallenge,
    target: &[u8; 32],
    numbers: std::ops::RangeInclusive<u64>,
) -> Option<u64> {
    numbers
        .into_iter()
        .find(|&n| pow_digest(&challenge.salt, n) == *target)
}

/// Reads an answer to "What is a plus b?" typed as digits or as a word of any language the
/// product speaks (`captcha-number-words`: zero to twenty).
#[cfg(feature = "ssr")]
pub fn parse_answer(answer: &str) -> Option<u32> {
    let answer = answer.trim().to_lowercase();
    answer.parse().ok().or_else(|| {
        crate::i18n::Lang::all().find_map(|lang| {
            lang.text("captcha-number-words")
                .split_whitespace()
                .position(|word| word == answer)
                .map(|n| n as u32)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_solver_finds_the_number_behind_the_challenge() {
        let challenge = CaptchaChallenge {
            salt: "abc?expires=1".into(),
            challenge: hex::encode(pow_digest("abc?expires=1", 1234)),
            max_number: 5000,
            ..Default::default()
        };
        assert_eq!(solve(&challenge), Some(1234));
    }

    #[test]
    fn the_solver_gives_up_past_the_maximum() {
        let challenge = CaptchaChallenge {
            salt: "s".into(),
            challenge: hex::encode(pow_digest("s", 50)),
            max_number: 49,
            ..Default::default()
        };
        assert_eq!(solve(&challenge), None);
    }

    #[test]
    fn a_response_is_the_solution_when_there_is_one_else_the_answer() {
        assert!(matches!(
            CaptchaResponse::from_form("t", "17", "").unwrap(),
            CaptchaResponse::ProofOfWork { number: 17, .. }
        ));
        assert!(matches!(
            CaptchaResponse::from_form("t", "", " 9 ").unwrap(),
            CaptchaResponse::Answer { answer, .. } if answer == "9"
        ));
        assert!(CaptchaResponse::from_form("t", "", "").is_err());
        assert!(CaptchaResponse::from_form("", "17", "").is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn answers_may_be_digits_or_words() {
        assert_eq!(parse_answer("12"), Some(12));
        assert_eq!(parse_answer(" Twelve "), Some(12));
        assert_eq!(parse_answer("a dozen"), None);
        assert_eq!(parse_answer("zwölf"), Some(12), "a German word");
    }
}
