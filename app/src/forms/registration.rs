//! The registration form of both portals. The business portal's adds the registration
//! code. Fields are named as the HTML form names them (inside `form[...]`), so that the
//! same struct is decoded from a plain form post and from the browser's server-function
//! call.
use serde::{Deserialize, Serialize};

use super::{is_ticked, rules, Field, FieldErrors, NormalizedEmail, Redact, RegistrationCode};
use crate::captcha::CaptchaResponse;

/// The registration form of `/csp/register` and `/csm/register`, as submitted.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// The company's registration code (business portal only; optional there).
    pub registration_code: String,
    pub password: String,
    pub confirm_password: String,
    /// The "Security Code" checkbox.
    pub security_code: String,
    pub captcha_token: String,
    /// The proof-of-work number the browser found (with JavaScript).
    pub captcha_solution: String,
    /// The typed answer to the server-rendered question (without JavaScript).
    pub captcha_answer: String,
    /// The privacy policy and terms checkbox.
    pub consent: String,
    /// The log-in's `next`: an app's waiting sign-in is carried to the verification link.
    pub next: String,
}

/// The order of the fields on the registration form, for the error summary.
pub const REGISTRATION_FIELDS: [Field; 8] = [
    Field::FirstName,
    Field::LastName,
    Field::Email,
    Field::RegistrationCode,
    Field::Password,
    Field::ConfirmPassword,
    Field::Captcha,
    Field::Consent,
];

/// A registration that passed every rule the form itself can check.
#[derive(Clone)]
pub struct ValidRegistration {
    pub first_name: String,
    pub last_name: String,
    pub email: NormalizedEmail,
    /// A code in the right shape; whether it belongs to a company, the server decides.
    pub registration_code: Option<RegistrationCode>,
    pub password: String,
    pub captcha: CaptchaResponse,
    /// The app's sign-in to come back to after verifying (`log_in::resume_address`).
    pub resume: Option<String>,
}

impl std::fmt::Debug for ValidRegistration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidRegistration")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

impl RegistrationForm {
    pub fn validate(&self) -> Result<ValidRegistration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let first_name = errors.check(
            Field::FirstName,
            rules::name(rules::NameKind::First, &self.first_name),
        );
        let last_name = errors.check(
            Field::LastName,
            rules::name(rules::NameKind::Last, &self.last_name),
        );
        let email = errors.check(Field::Email, rules::email(&self.email));
        let registration_code = errors.check(
            Field::RegistrationCode,
            RegistrationCode::parse_optional(&self.registration_code),
        );
        let password = errors.check(Field::Password, rules::new_password(&self.password));
        errors.check(
            Field::ConfirmPassword,
            rules::confirmation(&self.password, &self.confirm_password),
        );
        let captcha = errors.check(Field::Captcha, self.captcha_response());
        if !is_ticked(&self.consent) {
            errors.add(Field::Consent, "check-consent-missing");
        }
        match (
            first_name,
            last_name,
            email,
            registration_code,
            password,
            captcha,
        ) {
            (
                Some(first_name),
                Some(last_name),
                Some(email),
                Some(registration_code),
                Some(password),
                Some(captcha),
            ) if errors.is_empty() => Ok(ValidRegistration {
                first_name,
                last_name,
                email,
                registration_code,
                password,
                captcha,
                resume: super::log_in::resume_address(&self.next),
            }),
            _ => Err(errors.ordered_by(&REGISTRATION_FIELDS)),
        }
    }

    fn captcha_response(&self) -> Result<CaptchaResponse, &'static str> {
        if !is_ticked(&self.security_code) {
            return Err("check-security_code-unticked");
        }
        CaptchaResponse::from_form(
            &self.captcha_token,
            &self.captcha_solution,
            &self.captcha_answer,
        )
    }
}

impl Redact for RegistrationForm {
    fn redacted(&self) -> Self {
        Self {
            password: String::new(),
            confirm_password: String::new(),
            captcha_solution: String::new(),
            captcha_answer: String::new(),
            security_code: String::new(),
            ..self.clone()
        }
    }
}

/// Passwords never reach a log through `Debug`.
impl std::fmt::Debug for RegistrationForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistrationForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::captcha::CaptchaResponse;

    fn complete() -> RegistrationForm {
        RegistrationForm {
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "ada@example.com".into(),
            registration_code: String::new(),
            password: "correct horse battery".into(),
            confirm_password: "correct horse battery".into(),
            security_code: "on".into(),
            captcha_token: "token".into(),
            captcha_solution: "42".into(),
            captcha_answer: String::new(),
            consent: "on".into(),
            next: String::new(),
        }
    }

    #[test]
    fn a_complete_registration_is_valid() {
        let valid = complete().validate().unwrap();
        assert_eq!(valid.email.normalized(), "ada@example.com");
        assert!(matches!(
            valid.captcha,
            CaptchaResponse::ProofOfWork { number: 42, .. }
        ));
    }

    #[test]
    fn every_missing_field_gets_its_own_error_in_form_order() {
        let errors = RegistrationForm::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        let expected: Vec<Field> = REGISTRATION_FIELDS
            .into_iter()
            .filter(|f| *f != Field::RegistrationCode)
            .collect();
        assert_eq!(fields, expected, "the code is optional");
    }

    #[test]
    fn both_boxes_are_required() {
        let mut form = complete();
        form.consent.clear();
        assert!(form.validate().unwrap_err().get(Field::Consent).is_some());
        let mut form = complete();
        form.security_code.clear();
        assert!(form.validate().unwrap_err().get(Field::Captcha).is_some());
    }

    #[test]
    fn the_captcha_must_be_solved() {
        let mut form = complete();
        form.captcha_solution.clear();
        let errors = form.validate().unwrap_err();
        assert_eq!(
            errors.get(Field::Captcha).unwrap().message,
            "check-security_code-incomplete".into()
        );
    }

    #[test]
    fn the_passwords_must_match() {
        let mut form = complete();
        form.confirm_password = "correct horse batterY".into();
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors.get(Field::ConfirmPassword).is_some());
    }

    #[test]
    fn redacting_clears_every_secret_and_keeps_the_rest() {
        let shown = complete().redacted();
        assert!(shown.password.is_empty() && shown.confirm_password.is_empty());
        assert!(shown.captcha_solution.is_empty() && shown.captcha_answer.is_empty());
        assert_eq!(shown.email, "ada@example.com");
        assert_eq!(shown.first_name, "Ada");
    }

    #[test]
    fn debug_output_never_shows_the_password() {
        let text = format!("{:?}", complete());
        assert!(!text.contains("horse"));
        let text = format!(
            "{:?}",
            crate::forms::log_in::LogInForm {
                email: "a@b.co".into(),
                password: "secret-pass".into(),
                next: String::new(),
            }
        );
        assert!(!text.contains("secret"));
    }

    #[test]
    fn a_registration_code_is_optional_but_must_have_the_shape_of_one() {
        assert_eq!(complete().validate().unwrap().registration_code, None);
        let mut form = complete();
        form.registration_code = " acme-7k2q-9xpw ".into();
        let code = form.validate().unwrap().registration_code.unwrap();
        assert_eq!(code.as_str(), "ACME7K2Q9XPW");
        form.registration_code = "ACME".into();
        assert_eq!(
            form.validate()
                .unwrap_err()
                .get(Field::RegistrationCode)
                .unwrap()
                .message,
            crate::forms::registration_code::INCORRECT.into()
        );
    }
}
