//! Forms around emailed links: asking for a password reset link, choosing the new
//! password it leads to, asking for a new verification link, and confirming a change of
//! address.
use serde::{Deserialize, Serialize};

use super::{rules, Field, FieldErrors, NormalizedEmail, Redact};

/// "Forgot your password?" and "Send a new verification link": the address to send the
/// link to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    pub email: String,
}

impl EmailForm {
    pub fn validate(&self) -> Result<NormalizedEmail, FieldErrors> {
        rules::email(&self.email).map_err(|message| FieldErrors::one(Field::Email, message))
    }
}

/// The page a reset link opens: the token, and the new password twice.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewPasswordForm {
    pub token: String,
    pub password: String,
    pub confirm_password: String,
}

pub const NEW_PASSWORD_FIELDS: [Field; 3] = [Field::Form, Field::Password, Field::ConfirmPassword];

pub struct ValidNewPassword {
    pub token: String,
    pub password: String,
}

/// Neither the token nor the password reaches a log.
impl std::fmt::Debug for ValidNewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidNewPassword").finish_non_exhaustive()
    }
}

impl NewPasswordForm {
    pub fn validate(&self) -> Result<ValidNewPassword, FieldErrors> {
        let mut errors = FieldErrors::new();
        let password = errors.check(Field::Password, rules::new_password(&self.password));
        errors.check(
            Field::ConfirmPassword,
            rules::confirmation(&self.password, &self.confirm_password),
        );
        match password {
            Some(password) if errors.is_empty() => Ok(ValidNewPassword {
                token: self.token.clone(),
                password,
            }),
            _ => Err(errors.ordered_by(&NEW_PASSWORD_FIELDS)),
        }
    }
}

impl Redact for NewPasswordForm {
    fn redacted(&self) -> Self {
        Self {
            token: self.token.clone(),
            ..Self::default()
        }
    }
}

impl std::fmt::Debug for NewPasswordForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewPasswordForm").finish_non_exhaustive()
    }
}

/// The button on the page an email-change link opens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfirmEmailChangeForm {
    pub token: String,
}

impl Redact for EmailForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

impl Redact for ConfirmEmailChangeForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_password_follows_the_registration_rules() {
        let form = |password: &str, confirm: &str| NewPasswordForm {
            token: "t".into(),
            password: password.into(),
            confirm_password: confirm.into(),
        };
        assert!(form("correct horse battery", "correct horse battery")
            .validate()
            .is_ok());
        assert!(form("short", "short")
            .validate()
            .unwrap_err()
            .get(Field::Password)
            .is_some());
        let mismatch = form("correct horse battery", "correct horse")
            .validate()
            .unwrap_err();
        assert!(mismatch.get(Field::ConfirmPassword).is_some());
    }

    #[test]
    fn redacting_keeps_only_the_token() {
        let shown = NewPasswordForm {
            token: "t".into(),
            password: "secret password".into(),
            confirm_password: "secret password".into(),
        }
        .redacted();
        assert_eq!((shown.token.as_str(), shown.password.as_str()), ("t", ""));
        assert!(!format!("{:?}", shown).contains("secret"));
    }
}
