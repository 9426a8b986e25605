//! The self-hosted CAPTCHA's server half: signed, expiring challenges (ALTCHA's
//! proof-of-work scheme, plus an arithmetic question for browsers without JavaScript) and
//! the check of a response. Single use is the database's job: the registration writes the
//! challenge's id into `captcha_spent` in its own transaction.
use app::i18n::Lang;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use app::captcha::{parse_answer, pow_digest, CaptchaChallenge, CaptchaResponse};

type HmacSha256 = Hmac<Sha256>;

/// How long a challenge may be answered: long enough to fill in the form.
pub const CHALLENGE_LIFETIME: Duration = Duration::minutes(30);

/// The solver tries up to this many numbers: a few tens of milliseconds in a browser.
pub const DEFAULT_MAX_NUMBER: u64 = 50_000;

/// What the signed token carries; the server keeps no state per challenge.
#[derive(Serialize, Deserialize)]
struct Claims {
    id: String,
    expires: i64,
    salt: String,
    challenge: String,
    max: u64,
    /// HMAC of the question's answer, so the token does not give it away.
    answer: String,
}

/// A response that passed: the challenge's id must now be spent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaptchaPass {
    pub id: String,
    pub expires_at: DateTime<Utc>,
    /// Answered by the browser's solver (not the question): that browser solves the next
    /// challenge by itself.
    pub by_solver: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CaptchaProblem {
    #[error("The security check did not load properly. Reload the page and try again")]
    Malformed,
    #[error("The security check has expired")]
    Expired,
    #[error("The security check failed")]
    WrongSolution,
    #[error("The answer to the security question is not right")]
    WrongAnswer,
    #[error("This security check has been used already")]
    Spent,
}

impl CaptchaProblem {
    /// The key of its message on the Security Code. Every refusal comes with a new
    /// challenge, which the browser's solver solves at once by itself
    /// (`app::enhance::captcha`): a person whose browser solved the last one only presses
    /// Sign Up again; without JavaScript there is a new question to answer.
    pub fn message(self, by_solver: bool) -> &'static str {
        match (self, by_solver) {
            (CaptchaProblem::Malformed, _) => "service-registration-captcha-malformed",
            (CaptchaProblem::Expired, true) => "service-registration-captcha-expired-renewed",
            (CaptchaProblem::Expired, false) => "service-registration-captcha-expired",
            (CaptchaProblem::WrongSolution, _) => "service-registration-captcha-wrong-solution",
            (CaptchaProblem::WrongAnswer, _) => "service-registration-captcha-wrong-answer",
            (CaptchaProblem::Spent, true) => "service-registration-captcha-spent-renewed",
            (CaptchaProblem::Spent, false) => "service-registration-captcha-spent",
        }
    }
}

#[derive(Clone)]
pub struct CaptchaIssuer {
    key: [u8; 32],
    max_number: u64,
}

impl CaptchaIssuer {
    pub fn new(key: [u8; 32]) -> Self {
        Self {
            key,
            max_number: DEFAULT_MAX_NUMBER,
        }
    }

    /// A cheaper challenge, for tests and benchmarks that solve many.
    pub fn with_max_number(mut self, max_number: u64) -> Self {
        self.max_number = max_number.max(1);
        self
    }

    /// A key for another purpose, derived from this one (HMAC-SHA256 of the purpose): every
    /// instance reads the same CAPTCHA key from the database, so it derives the same key,
    /// without another setting to keep in step.
    pub fn derived_key(&self, purpose: &str) -> [u8; 32] {
        let mut mac = self.mac();
        mac.update(format!("derived key:{purpose}").as_bytes());
        let mut key = [0u8; 32];
        key.copy_from_slice(&mac.finalize().into_bytes());
        key
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC accepts keys of any length, so this cannot fail.
        HmacSha256::new_from_slice(&self.key).expect("HMAC takes any key length")
    }

    fn answer_mac(&self, id: &str, answer: u32) -> String {
        let mut mac = self.mac();
        mac.update(format!("answer:{id}:{answer}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    pub fn issue(&self, now: DateTime<Utc>) -> CaptchaChallenge {
        self.issue_harder(now, 1, Lang::DEFAULT)
    }

    /// A challenge whose proof of work takes `factor` times the base work (on average).
    /// Its question is asked in `lang`.
    pub fn issue_harder(&self, now: DateTime<Utc>, factor: u64, lang: Lang) -> CaptchaChallenge {
        let max_number = self.max_number.saturating_mul(factor.max(1));
        let mut rng = rand::thread_rng();
        let id = hex::encode(rng.gen::<[u8; 16]>());
        let expires = (now + CHALLENGE_LIFETIME).timestamp();
        let salt = format!("{}?expires={expires}", hex::encode(rng.gen::<[u8; 12]>()));
        let secret_number = rng.gen_range(0..=max_number);
        let challenge = hex::encode(pow_digest(&salt, secret_number));
        let (a, b) = (rng.gen_range(1..=9u32), rng.gen_range(1..=9u32));
        let claims = Claims {
            answer: self.answer_mac(&id, a + b),
            id,
            expires,
            salt: salt.clone(),
            challenge: challenge.clone(),
            max: max_number,
        };
        // Serializing a struct of strings and numbers cannot fail.
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap_or_default());
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        CaptchaChallenge {
            token: format!("{payload}.{signature}"),
            question: lang.text_with(
                "captcha-question",
                &[("a", a.to_string()), ("b", b.to_string())],
            ),
            salt,
            challenge,
            max_number,
        }
    }

    /// Checks a response against its challenge. It does not spend the challenge; on a
    /// wrong answer the problem comes with the challenge, which the caller must spend, so
    /// that one challenge allows one answer.
    pub fn check(
        &self,
        response: &CaptchaResponse,
        now: DateTime<Utc>,
    ) -> Result<CaptchaPass, (CaptchaProblem, Option<CaptchaPass>)> {
        let claims = self.open(response.token()).map_err(|p| (p, None))?;
        let expires_at =
            DateTime::from_timestamp(claims.expires, 0).ok_or((CaptchaProblem::Malformed, None))?;
        if now > expires_at {
            return Err((CaptchaProblem::Expired, None));
        }
        let pass = CaptchaPass {
            id: claims.id.clone(),
            expires_at,
            by_solver: matches!(response, CaptchaResponse::ProofOfWork { .. }),
        };
        let wrong = match response {
            CaptchaResponse::ProofOfWork { number, .. } => {
                let solved = *number <= claims.max
                    && hex::encode(pow_digest(&claims.salt, *number)) == claims.challenge;
                (!solved).then_some(CaptchaProblem::WrongSolution)
            }
            CaptchaResponse::Answer { answer, .. } => {
                let right = parse_answer(answer)
                    .is_some_and(|n| self.answer_mac(&claims.id, n) == claims.answer);
                (!right).then_some(CaptchaProblem::WrongAnswer)
            }
        };
        match wrong {
            None => Ok(pass),
            Some(problem) => Err((problem, Some(pass))),
        }
    }

    fn open(&self, token: &str) -> Result<Claims, CaptchaProblem> {
        let (payload, signature) = token.split_once('.').ok_or(CaptchaProblem::Malformed)?;
        let signature = URL_SAFE_NO_PAD
            .decode(signature)
            .map_err(|_| CaptchaProblem::Malformed)?;
        let mut mac = self.mac();
        mac.update(payload.as_bytes());
        mac.verify_slice(&signature)
            .map_err(|_| CaptchaProblem::Malformed)?;
        let json = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| CaptchaProblem::Malformed)?;
        serde_json::from_slice(&json).map_err(|_| CaptchaProblem::Malformed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::captcha::solve;

    fn issuer() -> CaptchaIssuer {
        CaptchaIssuer::new([7; 32]).with_max_number(2_000)
    }

    fn answer_of(question: &str) -> u32 {
        let numbers: Vec<u32> = question
            .trim_end_matches('?')
            .split(' ')
            .filter_map(|w| w.parse().ok())
            .collect();
        numbers.iter().sum()
    }

    #[test]
    fn a_solved_proof_of_work_passes() {
        let now = Utc::now();
        let challenge = issuer().issue(now);
        let number = solve(&challenge).unwrap();
        let response = CaptchaResponse::ProofOfWork {
            token: challenge.token,
            number,
        };
        assert!(issuer().check(&response, now).is_ok());
    }

    #[test]
    fn a_wrong_number_fails() {
        let now = Utc::now();
        let challenge = issuer().issue(now);
        let number = solve(&challenge).unwrap();
        let response = CaptchaResponse::ProofOfWork {
            token: challenge.token,
            number: number + 1,
        };
        assert!(matches!(
            issuer().check(&response, now),
            Err((CaptchaProblem::WrongSolution, Some(_)))
        ));
    }

    #[test]
    fn the_right_answer_to_the_question_passes_in_digits_or_words() {
        let now = Utc::now();
        let challenge = issuer().issue(now);
        let sum = answer_of(&challenge.question);
        let digits = CaptchaResponse::Answer {
            token: challenge.token.clone(),
            answer: sum.to_string(),
        };
        assert!(issuer().check(&digits, now).is_ok());
        let wrong = CaptchaResponse::Answer {
            token: challenge.token,
            answer: (sum + 1).to_string(),
        };
        let (problem, to_spend) = issuer().check(&wrong, now).unwrap_err();
        assert_eq!(problem, CaptchaProblem::WrongAnswer);
        assert!(
            to_spend.is_some(),
            "a wrong answer comes with its challenge to spend"
        );
    }

    #[test]
    fn a_harder_challenge_asks_for_more_work_and_still_checks() {
        let now = Utc::now();
        let challenge = issuer().issue_harder(now, 8, Lang::DEFAULT);
        assert_eq!(challenge.max_number, 16_000);
        let number = solve(&challenge).unwrap();
        let response = CaptchaResponse::ProofOfWork {
            token: challenge.token,
            number,
        };
        assert!(issuer().check(&response, now).is_ok());
    }

    #[test]
    fn an_expired_challenge_fails() {
        let then = Utc::now() - CHALLENGE_LIFETIME - Duration::seconds(1);
        let challenge = issuer().issue(then);
        let number = solve(&challenge).unwrap();
        let response = CaptchaResponse::ProofOfWork {
            token: challenge.token,
            number,
        };
        assert_eq!(
            issuer().check(&response, Utc::now()),
            Err((CaptchaProblem::Expired, None))
        );
    }

    #[test]
    fn a_token_signed_with_another_key_or_altered_fails() {
        let now = Utc::now();
        let challenge = CaptchaIssuer::new([8; 32])
            .with_max_number(2_000)
            .issue(now);
        let number = solve(&challenge).unwrap();
        let foreign = CaptchaResponse::ProofOfWork {
            token: challenge.token.clone(),
            number,
        };
        assert_eq!(
            issuer().check(&foreign, now),
            Err((CaptchaProblem::Malformed, None))
        );
        let garbage = CaptchaResponse::ProofOfWork {
            token: "not.a-token".into(),
            number,
        };
        assert_eq!(
            issuer().check(&garbage, now),
            Err((CaptchaProblem::Malformed, None))
        );
    }
}
