//! Leaving: "Delete my account" (the person's password), an administrator's immediate
//! deletion (with a reason), and the answer to new terms at log-in.
use serde::{Deserialize, Serialize};

use super::business::id;
use super::{is_ticked, rules, Field, FieldErrors, Message, Redact};

/// The longest reason an administrator can give for deleting an account.
pub const DELETION_REASON_MAX_CHARS: usize = 500;

/// "Delete my account": the password proves it is the person.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeleteAccountForm {
    pub current_password: String,
}

pub struct ValidDeletion {
    pub password: String,
}

impl std::fmt::Debug for DeleteAccountForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeleteAccountForm").finish_non_exhaustive()
    }
}

impl DeleteAccountForm {
    pub fn validate(&self) -> Result<ValidDeletion, FieldErrors> {
        rules::password_to_log_in(&self.current_password)
            .map(|password| ValidDeletion { password })
            .map_err(|_| FieldErrors::one(Field::CurrentPassword, "leaving-password-missing"))
    }
}

impl Redact for DeleteAccountForm {
    fn redacted(&self) -> Self {
        Self::default()
    }
}

/// An administrator deletes someone's account at once, saying why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AdminDeletionForm {
    pub person: String,
    pub reason: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAdminDeletion {
    pub person: i32,
    pub reason: String,
}

impl AdminDeletionForm {
    pub fn validate(&self) -> Result<ValidAdminDeletion, FieldErrors> {
        let person = id(&self.person)?;
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err(FieldErrors::one(Field::Reason, "leaving-reason-missing"));
        }
        if reason.chars().count() > DELETION_REASON_MAX_CHARS {
            return Err(FieldErrors::one(
                Field::Reason,
                Message::key_with(
                    "leaving-reason-too-long",
                    &[("max", DELETION_REASON_MAX_CHARS.to_string())],
                ),
            ));
        }
        Ok(ValidAdminDeletion {
            person,
            reason: reason.to_owned(),
        })
    }
}

impl Redact for AdminDeletionForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// New terms at log-in: accept (with the box ticked) or decline.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermsAnswerForm {
    pub consent: String,
    /// `accept` or `decline`: the button pressed.
    pub answer: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermsAnswer {
    Accept,
    Decline,
}

impl TermsAnswerForm {
    pub fn validate(&self) -> Result<TermsAnswer, FieldErrors> {
        match self.answer.as_str() {
            "decline" => Ok(TermsAnswer::Decline),
            _ if is_ticked(&self.consent) => Ok(TermsAnswer::Accept),
            _ => Err(FieldErrors::one(
                Field::Consent,
                "leaving-terms-consent-missing",
            )),
        }
    }
}

impl Redact for TermsAnswerForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleting_needs_the_password() {
        assert!(DeleteAccountForm::default().validate().is_err());
        let form = DeleteAccountForm {
            current_password: "correct horse battery".into(),
        };
        assert_eq!(form.validate().unwrap().password, "correct horse battery");
    }

    #[test]
    fn an_administrator_gives_a_reason() {
        let form = AdminDeletionForm {
            person: "7".into(),
            reason: "  ".into(),
            ..Default::default()
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.iter().next().unwrap().field, Field::Reason);
        let form = AdminDeletionForm {
            person: "7".into(),
            reason: " Asked by phone ".into(),
            ..Default::default()
        };
        assert_eq!(form.validate().unwrap().reason, "Asked by phone");
    }

    #[test]
    fn accepting_terms_needs_the_box_and_declining_does_not() {
        let mut form = TermsAnswerForm {
            consent: String::new(),
            answer: "accept".into(),
        };
        assert!(form.validate().is_err());
        form.consent = "on".into();
        assert_eq!(form.validate().unwrap(), TermsAnswer::Accept);
        form.consent.clear();
        form.answer = "decline".into();
        assert_eq!(form.validate().unwrap(), TermsAnswer::Decline);
    }
}
