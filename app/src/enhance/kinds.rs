//! Every form the island enhances, by the name the markup gives it, and where its
//! behaviour is written (beside the page that has the form).
#[cfg(feature = "hydrate")]
use crate::portal::Portal;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Register,
    LogIn,
    Verify,
    ConfirmEmailChange,
    PasswordResetLink,
    VerificationLink,
    NewPassword,
    ConfirmIdentity,
    ProfileName,
    ProfilePassword,
    ProfileEmail,
    EndOtherSessions,
}

impl FormKind {
    const ALL: [FormKind; 12] = [
        FormKind::Register,
        FormKind::LogIn,
        FormKind::Verify,
        FormKind::ConfirmEmailChange,
        FormKind::PasswordResetLink,
        FormKind::VerificationLink,
        FormKind::NewPassword,
        FormKind::ConfirmIdentity,
        FormKind::ProfileName,
        FormKind::ProfilePassword,
        FormKind::ProfileEmail,
        FormKind::EndOtherSessions,
    ];

    /// The form's name in the markup (`data-form`).
    pub fn id(self) -> &'static str {
        match self {
            FormKind::Register => "register",
            FormKind::LogIn => "log-in",
            FormKind::Verify => "verify",
            FormKind::ConfirmEmailChange => "confirm-email-change",
            FormKind::PasswordResetLink => "password-reset-link",
            FormKind::VerificationLink => "verification-link",
            FormKind::NewPassword => "new-password",
            FormKind::ConfirmIdentity => "confirm-identity",
            FormKind::ProfileName => "profile-name",
            FormKind::ProfilePassword => "profile-password",
            FormKind::ProfileEmail => "profile-email",
            FormKind::EndOtherSessions => "end-other-sessions",
        }
    }

    pub fn of_id(id: &str) -> Option<FormKind> {
        FormKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// What the form does in the browser.
    #[cfg(feature = "hydrate")]
    pub(super) fn behaviour(self, portal: Portal) -> super::Behaviour {
        use crate::pages::account::{
            ask_for_link, confirm, email_link, log_in, new_password, profile, register,
        };
        match self {
            FormKind::Register => register::behaviour(portal),
            FormKind::LogIn => log_in::behaviour(portal),
            FormKind::Verify => email_link::verify_behaviour(portal),
            FormKind::ConfirmEmailChange => email_link::email_change_behaviour(portal),
            FormKind::PasswordResetLink => ask_for_link::reset_behaviour(portal),
            FormKind::VerificationLink => ask_for_link::resend_behaviour(portal),
            FormKind::NewPassword => new_password::behaviour(portal),
            FormKind::ConfirmIdentity => confirm::behaviour(),
            FormKind::ProfileName => profile::name_behaviour(),
            FormKind::ProfilePassword => profile::password_behaviour(),
            FormKind::ProfileEmail => profile::email_behaviour(),
            FormKind::EndOtherSessions => profile::sessions_behaviour(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_found_by_its_name() {
        for kind in FormKind::ALL {
            assert_eq!(FormKind::of_id(kind.id()), Some(kind));
        }
    }
}
