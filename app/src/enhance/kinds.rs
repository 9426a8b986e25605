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

    /// The keys of every message the form's checks can give in the browser: the page
    /// hands the island their texts in its language (`Enhanced`). A test runs each form's
    /// checks over hostile input and fails on a message missing here.
    pub fn messages(self) -> Vec<&'static str> {
        use crate::forms::rules::*;
        let lists: &[&[&'static str]] = match self {
            FormKind::Register => &[
                FIRST_NAME_CHECKS,
                LAST_NAME_CHECKS,
                EMAIL_CHECKS,
                &[crate::forms::registration_code::INCORRECT],
                NEW_PASSWORD_CHECKS,
                CONFIRMATION_CHECKS,
                &[
                    "check-security_code-unticked",
                    "check-security_code-not-loaded",
                    "check-security_code-incomplete",
                    "check-security_code-wrong-answer",
                    "check-consent-missing",
                    "island-captcha-checking",
                    "island-captcha-done",
                    "island-captcha-failed",
                ],
            ],
            // A portal's log-in refuses an administrator with a button to the
            // administration's, which the island draws too.
            FormKind::LogIn => &[
                EMAIL_CHECKS,
                LOG_IN_PASSWORD_CHECKS,
                &["errors-go-to-administration"],
            ],
            // An emailed link's forms say when the link died since the page was drawn.
            FormKind::Verify | FormKind::ConfirmEmailChange => &[&["island-link-gone"]],
            FormKind::EndOtherSessions => &[],
            FormKind::PasswordResetLink | FormKind::VerificationLink | FormKind::ProfileEmail => {
                &[EMAIL_CHECKS]
            }
            FormKind::NewPassword => &[
                NEW_PASSWORD_CHECKS,
                CONFIRMATION_CHECKS,
                &["island-link-gone"],
            ],
            FormKind::ConfirmIdentity => &[&["check-current_password-confirm"]],
            FormKind::ProfileName => &[FIRST_NAME_CHECKS, LAST_NAME_CHECKS],
            FormKind::ProfilePassword => &[
                &["check-current_password-missing"],
                NEW_PASSWORD_CHECKS,
                CONFIRMATION_CHECKS,
            ],
        };
        lists.iter().flat_map(|list| list.iter().copied()).collect()
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

    /// The browser fills nothing into the texts it is handed, so each must be whole, in
    /// every language: a message there, without an argument left open.
    #[cfg(feature = "ssr")]
    #[test]
    fn every_text_the_island_may_draw_is_whole_in_every_language() {
        for lang in crate::i18n::Lang::all() {
            for kind in FormKind::ALL {
                let keys = super::super::ISLAND_MESSAGES
                    .iter()
                    .copied()
                    .chain(
                        crate::portal::Portal::ALL
                            .into_iter()
                            .flat_map(super::super::other_portal_messages),
                    )
                    .chain(kind.messages());
                for key in keys {
                    let text = lang.text(key);
                    assert_ne!(text, key, "{key} is in locales/{}.ftl", lang.tag());
                    assert!(
                        !text.contains('{'),
                        "{key} in {} is whole: {text}",
                        lang.tag()
                    );
                }
            }
        }
    }

    /// A form's checks give only messages its page hands the island: each form's checks
    /// are run over empty, overlong and malformed input.
    #[cfg(feature = "ssr")]
    #[test]
    fn every_message_of_a_forms_checks_is_handed_to_the_island() {
        use crate::forms::{email_links, log_in, profile, registration};
        let long = "x".repeat(2000);
        let inputs = ["", "   ", "x", "\u{7}", "a@b", long.as_str(), "short pw"];
        for kind in FormKind::ALL {
            let handed = kind.messages();
            for value in inputs {
                for other in inputs {
                    let pairs: Vec<(String, String)> = [
                        "first_name",
                        "last_name",
                        "email",
                        "password",
                        "confirm_password",
                        "registration_code",
                        "security_code",
                        "captcha_token",
                        "captcha_solution",
                        "captcha_answer",
                        "consent",
                        "current_password",
                        "new_email",
                        "code",
                    ]
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let v = if i % 2 == 0 { value } else { other };
                        ((*name).to_owned(), v.to_owned())
                    })
                    .collect();
                    let errors = match kind {
                        FormKind::Register => {
                            super::super::decode::<registration::RegistrationForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::LogIn => super::super::decode::<log_in::LogInForm>(pairs)
                            .map(|f| f.validate().err().unwrap_or_default()),
                        FormKind::PasswordResetLink | FormKind::VerificationLink => {
                            super::super::decode::<email_links::EmailForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::NewPassword => {
                            super::super::decode::<email_links::NewPasswordForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::ConfirmIdentity => {
                            super::super::decode::<log_in::ConfirmIdentityForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::ProfileName => super::super::decode::<profile::NameForm>(pairs)
                            .map(|f| f.validate().err().unwrap_or_default()),
                        FormKind::ProfilePassword => {
                            super::super::decode::<profile::PasswordChangeForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::ProfileEmail => {
                            super::super::decode::<profile::EmailChangeForm>(pairs)
                                .map(|f| f.validate().err().unwrap_or_default())
                        }
                        FormKind::Verify
                        | FormKind::ConfirmEmailChange
                        | FormKind::EndOtherSessions => Some(crate::forms::FieldErrors::new()),
                    }
                    .expect("the form decodes");
                    for error in errors.iter() {
                        let key = error.message.key().expect("a check gives a key");
                        assert!(handed.contains(&key), "{kind:?} hands its island {key}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_form_is_found_by_its_name() {
        for kind in FormKind::ALL {
            assert_eq!(FormKind::of_id(kind.id()), Some(kind));
        }
    }
}
