//! Second factors: the code asked for after the password, setting up and turning off an
//! authenticator app, and naming a passkey.
use serde::{Deserialize, Serialize};

use super::{is_ticked, rules, Field, FieldErrors, Message, Redact};

/// The code asked for after a right password: from the authenticator app, or one of the
/// recovery codes.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecondFactorForm {
    pub code: String,
}

/// A code as the person typed it, sorted by kind.
#[derive(Clone, PartialEq, Eq)]
pub enum SecondFactorCode {
    /// Six digits from the authenticator app.
    App(String),
    /// A recovery code, in the form it is stored in (lower case, no dashes).
    Recovery(String),
}

impl std::fmt::Debug for SecondFactorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SecondFactorCode::App(_) => "App(…)",
            SecondFactorCode::Recovery(_) => "Recovery(…)",
        })
    }
}

impl SecondFactorForm {
    pub fn validate(&self) -> Result<SecondFactorCode, FieldErrors> {
        rules::second_factor_code(&self.code).map_err(|m| FieldErrors::one(Field::Code, m))
    }
}

/// The code that confirms a new authenticator app works.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TotpConfirmForm {
    pub code: String,
}

impl TotpConfirmForm {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        rules::app_code(&self.code).map_err(|m| FieldErrors::one(Field::Code, m))
    }
}

/// Turning the authenticator app off: a current code from it, or the password.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TotpOffForm {
    pub current_password: String,
}

impl TotpOffForm {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        rules::password_to_log_in(&self.current_password).map_err(|_| {
            FieldErrors::one(
                Field::CurrentPassword,
                "two-factor-form-password-or-code-missing",
            )
        })
    }
}

/// The name a person gives a new passkey ("Work laptop").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasskeyNameForm {
    pub passkey_name: String,
}

pub const PASSKEY_NAME_MAX_CHARS: usize = 60;

impl PasskeyNameForm {
    pub fn validate(&self) -> Result<String, FieldErrors> {
        let name = self.passkey_name.trim();
        let problem: Option<Message> = if name.is_empty() {
            Some("two-factor-form-passkey-name-missing".into())
        } else if name.chars().count() > PASSKEY_NAME_MAX_CHARS {
            Some(Message::key_with(
                "two-factor-form-passkey-name-too-long",
                &[("max", PASSKEY_NAME_MAX_CHARS.to_string())],
            ))
        } else if name.chars().any(char::is_control) {
            Some("two-factor-form-passkey-name-control".into())
        } else {
            None
        };
        match problem {
            Some(message) => Err(FieldErrors::one(Field::PasskeyName, message)),
            None => Ok(name.to_owned()),
        }
    }
}

/// A passkey's Remove button.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasskeyForm {
    pub passkey: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

/// "Make new recovery codes": no fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegenerateCodesForm {}

/// A company's rule that its contacts need a second factor (its customer administrator's
/// form on `/csm/contacts`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyTwoFactorForm {
    pub require_two_factor: String,
}

impl CompanyTwoFactorForm {
    pub fn required(&self) -> bool {
        is_ticked(&self.require_two_factor)
    }
}

impl Redact for SecondFactorForm {
    fn redacted(&self) -> Self {
        Self::default()
    }
}

impl Redact for TotpConfirmForm {
    fn redacted(&self) -> Self {
        Self::default()
    }
}

impl Redact for TotpOffForm {
    fn redacted(&self) -> Self {
        Self::default()
    }
}

macro_rules! nothing_secret {
    ($($form:ty),*) => {$(
        impl Redact for $form {
            fn redacted(&self) -> Self {
                self.clone()
            }
        }
    )*};
}
nothing_secret!(
    PasskeyNameForm,
    PasskeyForm,
    CompanyTwoFactorForm,
    RegenerateCodesForm
);

macro_rules! secret_debug {
    ($($form:ty),*) => {$(
        impl std::fmt::Debug for $form {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($form)).finish_non_exhaustive()
            }
        }
    )*};
}
secret_debug!(SecondFactorForm, TotpConfirmForm, TotpOffForm);

#[cfg(test)]
mod tests {
    use super::*;

    fn code(input: &str) -> Result<SecondFactorCode, FieldErrors> {
        SecondFactorForm { code: input.into() }.validate()
    }

    #[test]
    fn a_code_is_six_digits_or_a_recovery_code() {
        assert_eq!(
            code(" 123 456 ").unwrap(),
            SecondFactorCode::App("123456".into())
        );
        assert_eq!(
            code("7K2Q-9XPW-0ABC-DEFG").unwrap(),
            SecondFactorCode::Recovery("7k2q9xpw0abcdefg".into())
        );
        for wrong in ["", "12345", "1234567", "abcdef", "7k2q-9xpw"] {
            let errors = code(wrong).unwrap_err();
            assert!(errors.get(Field::Code).is_some(), "{wrong:?}");
        }
    }

    #[test]
    fn a_new_app_is_confirmed_with_six_digits() {
        let form = |c: &str| TotpConfirmForm { code: c.into() }.validate();
        assert_eq!(form("012345").unwrap(), "012345");
        assert!(
            form("7k2q-9xpw-0abc-defg").is_err(),
            "a recovery code is not an app's"
        );
    }

    #[test]
    fn a_passkey_needs_a_short_plain_name() {
        let form = |n: &str| {
            PasskeyNameForm {
                passkey_name: n.into(),
            }
            .validate()
        };
        assert_eq!(form("  Work laptop ").unwrap(), "Work laptop");
        assert!(form(" ").is_err());
        assert!(form(&"x".repeat(61)).is_err());
        assert!(form("bad\u{0}name").is_err());
    }

    #[test]
    fn codes_never_reach_a_log() {
        let form = SecondFactorForm {
            code: "123456".into(),
        };
        assert!(!format!("{form:?}").contains("123456"));
        assert!(!format!("{:?}", form.validate().unwrap()).contains("123456"));
    }
}
