//! The profile page's forms: the person's name, their password, their email address, and
//! ending their other sessions.
use serde::{Deserialize, Serialize};

use super::{rules, Field, FieldErrors, NormalizedEmail, Redact};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NameForm {
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug)]
pub struct ValidName {
    pub first_name: String,
    pub last_name: String,
}

impl NameForm {
    pub fn validate(&self) -> Result<ValidName, FieldErrors> {
        let mut errors = FieldErrors::new();
        let first = errors.check(
            Field::FirstName,
            rules::name(rules::NameKind::First, &self.first_name),
        );
        let last = errors.check(
            Field::LastName,
            rules::name(rules::NameKind::Last, &self.last_name),
        );
        match (first, last) {
            (Some(first_name), Some(last_name)) => Ok(ValidName {
                first_name,
                last_name,
            }),
            _ => Err(errors),
        }
    }
}

#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordChangeForm {
    pub current_password: String,
    pub password: String,
    pub confirm_password: String,
}

pub const PASSWORD_CHANGE_FIELDS: [Field; 3] = [
    Field::CurrentPassword,
    Field::Password,
    Field::ConfirmPassword,
];

pub struct ValidPasswordChange {
    pub current_password: String,
    pub password: String,
}

impl std::fmt::Debug for ValidPasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidPasswordChange")
            .finish_non_exhaustive()
    }
}

impl PasswordChangeForm {
    pub fn validate(&self) -> Result<ValidPasswordChange, FieldErrors> {
        let mut errors = FieldErrors::new();
        let current = errors.check(
            Field::CurrentPassword,
            rules::password_to_log_in(&self.current_password)
                .map_err(|_| "check-current_password-missing"),
        );
        let password = errors.check(Field::Password, rules::new_password(&self.password));
        errors.check(
            Field::ConfirmPassword,
            rules::confirmation(&self.password, &self.confirm_password),
        );
        match (current, password) {
            (Some(current_password), Some(password)) if errors.is_empty() => {
                Ok(ValidPasswordChange {
                    current_password,
                    password,
                })
            }
            _ => Err(errors.ordered_by(&PASSWORD_CHANGE_FIELDS)),
        }
    }
}

impl std::fmt::Debug for PasswordChangeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PasswordChangeForm").finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailChangeForm {
    pub new_email: String,
}

impl EmailChangeForm {
    pub fn validate(&self) -> Result<NormalizedEmail, FieldErrors> {
        rules::email(&self.new_email).map_err(|m| FieldErrors::one(Field::NewEmail, m))
    }
}

/// "Log out everywhere else": no fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EndOtherSessionsForm {}

impl Redact for NameForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

impl Redact for PasswordChangeForm {
    fn redacted(&self) -> Self {
        Self::default()
    }
}

impl Redact for EmailChangeForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

impl Redact for EndOtherSessionsForm {
    fn redacted(&self) -> Self {
        Self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_change_needs_the_current_one_and_a_valid_new_one() {
        let errors = PasswordChangeForm::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, PASSWORD_CHANGE_FIELDS.to_vec());
        let ok = PasswordChangeForm {
            current_password: "old".into(),
            password: "correct horse battery".into(),
            confirm_password: "correct horse battery".into(),
        };
        assert!(ok.validate().is_ok());
        assert!(!format!("{ok:?}").contains("horse"));
    }

    #[test]
    fn names_and_addresses_follow_the_registration_rules() {
        assert!(NameForm::default()
            .validate()
            .unwrap_err()
            .get(Field::LastName)
            .is_some());
        let error = EmailChangeForm {
            new_email: "nope".into(),
        }
        .validate()
        .unwrap_err();
        assert!(error.get(Field::NewEmail).is_some());
    }
}
