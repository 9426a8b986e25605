//! How a person proved who they are at a log-in, as the gate records it on the login row
//! (`logins.amr`) and apps are told it in the ID token's `amr` (RFC 8176): `pwd` for a
//! password (also a reset link or an invitation, which end with choosing one), `otp` for
//! an app's code or a recovery code, `hwk` for a passkey, and `mfa` when two were used.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorsUsed {
    pub password: bool,
    pub code: bool,
    pub passkey: bool,
}

impl FactorsUsed {
    pub const PASSWORD: Self = Self {
        password: true,
        code: false,
        passkey: false,
    };

    pub const PASSKEY: Self = Self {
        password: false,
        code: false,
        passkey: true,
    };

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
        if values.len() > 1 {
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
    }
}
