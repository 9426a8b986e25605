//! How a person proved who they are at a log-in, as the gate records it on the login row
//! (`logins.amr`) and apps are told it in the ID token's `amr` (RFC 8176): `pwd` for a
//! password (also a reset link or an invitation, which end with choosing one), `otp` for
//! an app's code or a recovery code, `hwk` for a passkey, and `mfa` when two were used.
//! A sign-in through another provider adds no value of its own: RFC 8176 has none for
//! "federated", and how the provider checked the person is not known here, so claiming
//! `pwd` would be untrue; it still counts towards `mfa` with a factor given here.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorsUsed {
    pub password: bool,
    pub code: bool,
    pub passkey: bool,
    /// Signed in through another OpenID Connect provider (`external_sign_in`).
    #[serde(default)]
    pub provider: bool,
}

impl FactorsUsed {
    pub const PASSWORD: Self = Self {
        password: true,
        code: false,
        passkey: false,
        provider: false,
    };

    pub const PASSKEY: Self = Self {
        password: false,
        code: false,
        passkey: true,
        provider: false,
    };

    /// A sign-in through another provider alone.
    pub const PROVIDER: Self = Self {
        password: false,
        code: false,
        passkey: false,
        provider: true,
    };

    /// The same factors, but the first of them was another provider, not a password
    /// (the second step names `PASSWORD` for every first factor).
    pub fn through_provider(self) -> Self {
        Self {
            password: false,
            provider: true,
            ..self
        }
    }

    /// These and an app's or a recovery code.
    pub fn and_code(self) -> Self {
        Self { code: true, ..self }
    }

    /// These and a passkey.
    pub fn and_passkey(self) -> Self {
        Self {
            passkey: true,
            ..self
        }
    }

    /// The RFC 8176 values, separated by spaces.
    pub fn amr(self) -> String {
        let used = [
            (self.password, "pwd"),
            (self.code, "otp"),
            (self.passkey, "hwk"),
        ];
        let mut values: Vec<&str> = used.iter().filter(|(on, _)| *on).map(|(_, v)| *v).collect();
        if values.len() + usize::from(self.provider) > 1 {
            values.push("mfa");
        }
        values.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_factors_are_mfa() {
        assert_eq!(FactorsUsed::PASSWORD.amr(), "pwd");
        assert_eq!(FactorsUsed::PASSKEY.amr(), "hwk");
        assert_eq!(FactorsUsed::PASSWORD.and_code().amr(), "pwd otp mfa");
        assert_eq!(FactorsUsed::PASSWORD.and_passkey().amr(), "pwd hwk mfa");
        assert_eq!(FactorsUsed::PROVIDER.amr(), "");
        let code_after_provider = FactorsUsed::PASSWORD.and_code().through_provider();
        assert_eq!(code_after_provider.amr(), "otp mfa");
    }
}
