//! Invitations into a company: inviting a contact, resending or revoking the invitation,
//! and the invited person's acceptance (a password and their consent; the link proves
//! their address).
use serde::{Deserialize, Serialize};

use super::business::id;
use super::rules::NameKind;
use super::{is_ticked, rules, Field, FieldErrors, NormalizedEmail, Redact};
use crate::i18n::t;

/// "Invite a contact", on `/csm/contacts` and on a company's page in `/admin`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvitationForm {
    /// The company (an administrator's page names it; a customer administrator's is theirs).
    pub account: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// `member` or `customer_admin`.
    pub role: String,
}

pub const INVITATION_FIELDS: [Field; 4] =
    [Field::FirstName, Field::LastName, Field::Email, Field::Role];

#[derive(Clone, Debug)]
pub struct ValidInvitation {
    pub account: Option<i32>,
    pub first_name: String,
    pub last_name: String,
    pub email: NormalizedEmail,
    pub customer_admin: bool,
}

impl InvitationForm {
    pub fn validate(&self) -> Result<ValidInvitation, FieldErrors> {
        let mut errors = FieldErrors::new();
        let account = match self.account.trim() {
            "" => None,
            given => match id(given) {
                Ok(account) => Some(account),
                Err(error) => return Err(error),
            },
        };
        let first_name = errors.check(
            Field::FirstName,
            rules::name(NameKind::First, &self.first_name),
        );
        let last_name = errors.check(
            Field::LastName,
            rules::name(NameKind::Last, &self.last_name),
        );
        let email = errors.check(Field::Email, rules::email(&self.email));
        let customer_admin = errors.check(
            Field::Role,
            match self.role.as_str() {
                "member" => Ok(false),
                "customer_admin" => Ok(true),
                _ => Err("invitation-form-choose-role"),
            },
        );
        match (first_name, last_name, email, customer_admin) {
            (Some(first_name), Some(last_name), Some(email), Some(customer_admin)) => {
                Ok(ValidInvitation {
                    account,
                    first_name,
                    last_name,
                    email,
                    customer_admin,
                })
            }
            _ => Err(errors.ordered_by(&INVITATION_FIELDS)),
        }
    }
}

impl Redact for InvitationForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// Resend or Revoke, beside a pending invitation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvitationChangeForm {
    pub invitation: String,
    /// `resend` or `revoke`.
    pub change: String,
    /// `yes` once the person confirmed on the second look (`forms::confirmation`).
    pub confirmed: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationChange {
    Resend,
    Revoke,
}

impl InvitationChange {
    pub const ALL: [InvitationChange; 2] = [InvitationChange::Resend, InvitationChange::Revoke];

    pub fn form_value(self) -> &'static str {
        match self {
            InvitationChange::Resend => "resend",
            InvitationChange::Revoke => "revoke",
        }
    }

    /// The button's text, in the current language.
    pub fn label(self) -> String {
        t(match self {
            InvitationChange::Resend => "invitation-form-resend",
            InvitationChange::Revoke => "invitation-form-revoke",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidInvitationChange {
    pub invitation: i32,
    pub change: InvitationChange,
}

impl InvitationChangeForm {
    pub fn validate(&self) -> Result<ValidInvitationChange, FieldErrors> {
        let invitation = id(&self.invitation)?;
        let change = InvitationChange::ALL
            .into_iter()
            .find(|c| c.form_value() == self.change)
            .ok_or_else(|| {
                FieldErrors::one(Field::Form, "invitation-form-choose-resend-or-revoke")
            })?;
        Ok(ValidInvitationChange { invitation, change })
    }
}

impl Redact for InvitationChangeForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// The page an invitation opens: a password twice and consent.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcceptInvitationForm {
    pub token: String,
    pub password: String,
    pub confirm_password: String,
    pub consent: String,
}

pub const ACCEPT_FIELDS: [Field; 4] = [
    Field::Form,
    Field::Password,
    Field::ConfirmPassword,
    Field::Consent,
];

pub struct ValidAcceptance {
    pub token: String,
    pub password: String,
}

/// Neither the token nor the password reaches a log.
impl std::fmt::Debug for ValidAcceptance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidAcceptance").finish_non_exhaustive()
    }
}

impl std::fmt::Debug for AcceptInvitationForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AcceptInvitationForm")
            .finish_non_exhaustive()
    }
}

impl AcceptInvitationForm {
    pub fn validate(&self) -> Result<ValidAcceptance, FieldErrors> {
        let mut errors = FieldErrors::new();
        let password = errors.check(Field::Password, rules::new_password(&self.password));
        errors.check(
            Field::ConfirmPassword,
            rules::confirmation(&self.password, &self.confirm_password),
        );
        if !is_ticked(&self.consent) {
            errors.add(Field::Consent, "invitation-form-consent-missing");
        }
        match password {
            Some(password) if errors.is_empty() => Ok(ValidAcceptance {
                token: self.token.clone(),
                password,
            }),
            _ => Err(errors.ordered_by(&ACCEPT_FIELDS)),
        }
    }
}

impl Redact for AcceptInvitationForm {
    fn redacted(&self) -> Self {
        Self {
            token: self.token.clone(),
            consent: self.consent.clone(),
            ..Self::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invitation(role: &str) -> InvitationForm {
        InvitationForm {
            account: String::new(),
            first_name: "Ada".into(),
            last_name: "Lovelace".into(),
            email: "Ada@Example.com".into(),
            role: role.into(),
        }
    }

    #[test]
    fn an_invitation_needs_a_name_an_address_and_a_role() {
        let valid = invitation("customer_admin").validate().unwrap();
        assert!(valid.customer_admin);
        assert_eq!(valid.email.normalized(), "ada@example.com");
        assert_eq!(valid.account, None);
        let errors = InvitationForm::default().validate().unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, INVITATION_FIELDS.to_vec());
    }

    #[test]
    fn an_unknown_role_is_refused_on_its_field() {
        let errors = invitation("owner").validate().unwrap_err();
        assert_eq!(errors.iter().next().unwrap().field, Field::Role);
        assert_eq!(
            errors.get(Field::Role).unwrap().message,
            "invitation-form-choose-role".into()
        );
    }

    #[test]
    fn accepting_needs_a_matching_password_and_consent() {
        let form = AcceptInvitationForm {
            token: "t".into(),
            password: "correct horse battery".into(),
            confirm_password: "correct horse battery".into(),
            consent: String::new(),
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(errors.iter().next().unwrap().field, Field::Consent);
        let form = AcceptInvitationForm {
            consent: "on".into(),
            ..form
        };
        assert!(form.validate().is_ok());
        assert!(form.redacted().password.is_empty());
    }
}
