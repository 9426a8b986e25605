//! Logging in and out, and the button of an emailed verification link.
use serde::{Deserialize, Serialize};

use super::{rules, Field, FieldErrors, NormalizedEmail, Redact};

/// The log-in form (both portals).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogInForm {
    pub email: String,
    pub password: String,
    /// Where to go after logging in (a path on this site), when a page sent the person
    /// here to log in first.
    pub next: String,
}

pub const LOG_IN_FIELDS: [Field; 3] = [Field::Form, Field::Email, Field::Password];

pub struct ValidLogIn {
    pub email: NormalizedEmail,
    pub password: String,
    pub next: Option<String>,
}

impl std::fmt::Debug for ValidLogIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidLogIn")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

impl LogInForm {
    pub fn validate(&self) -> Result<ValidLogIn, FieldErrors> {
        let mut errors = FieldErrors::new();
        let email = errors.check(Field::Email, rules::email(&self.email));
        let password = errors.check(Field::Password, rules::password_to_log_in(&self.password));
        match (email, password) {
            (Some(email), Some(password)) => Ok(ValidLogIn {
                email,
                password,
                next: local_path(&self.next),
            }),
            _ => Err(errors.ordered_by(&LOG_IN_FIELDS)),
        }
    }
}

impl Redact for LogInForm {
    fn redacted(&self) -> Self {
        Self {
            password: String::new(),
            ..self.clone()
        }
    }
}

impl std::fmt::Debug for LogInForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LogInForm")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// "Confirm it's you" before a sensitive change: the password again, and where to go
/// back to.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfirmIdentityForm {
    pub current_password: String,
    pub next: String,
}

pub struct ValidConfirmIdentity {
    pub password: String,
    pub next: Option<String>,
}

impl ConfirmIdentityForm {
    pub fn validate(&self) -> Result<ValidConfirmIdentity, FieldErrors> {
        let password = rules::password_to_log_in(&self.current_password).map_err(|_| {
            FieldErrors::one(Field::CurrentPassword, "check-current_password-confirm")
        })?;
        Ok(ValidConfirmIdentity {
            password,
            next: local_path(&self.next),
        })
    }
}

impl Redact for ConfirmIdentityForm {
    fn redacted(&self) -> Self {
        Self {
            current_password: String::new(),
            next: self.next.clone(),
        }
    }
}

impl std::fmt::Debug for ConfirmIdentityForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConfirmIdentityForm")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for ValidConfirmIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ValidConfirmIdentity")
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

/// The confirmation button on the page an email's verification link opens.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerifyEmailForm {
    pub token: String,
    /// An app's waiting sign-in the registration came from (see [`resume_address`]).
    pub next: String,
}

impl Redact for VerifyEmailForm {
    fn redacted(&self) -> Self {
        self.clone()
    }
}

/// The header's Log out button: no fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogOutForm {}

impl Redact for LogOutForm {
    fn redacted(&self) -> Self {
        Self {}
    }
}

/// A path on this site to go to after logging in: it must start with one `/`, so that a
/// crafted link cannot send a person to another site after they log in.
pub fn local_path(next: &str) -> Option<String> {
    let next = next.trim();
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && next.len() <= 200
        && !next.chars().any(char::is_control);
    local.then(|| next.to_owned())
}

/// Where an app's waiting sign-in goes on (`/oidc/authorize/resume/<id>`, the server's
/// `oidc::pending::resume_path`).
const RESUME_PREFIX: &str = "/oidc/authorize/resume/";

/// `next` when it resumes an app's sign-in: the one address registering and verifying
/// carry along (into the verification email's link), so that a person who registers from
/// an app's log-in comes back to the app. Anything else is dropped: the id is plain
/// URL-safe characters, so the address goes into a query unencoded and cannot lead off
/// the site.
pub fn resume_address(next: &str) -> Option<String> {
    let id = local_path(next)?.strip_prefix(RESUME_PREFIX)?.to_owned();
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    (!id.is_empty() && id.chars().all(plain)).then(|| format!("{RESUME_PREFIX}{id}"))
}

/// `path` with `?next=` when `next` resumes an app's sign-in (the links between log-in
/// and registration keep it), else `path` alone.
pub fn keeping_resume(path: String, next: &str) -> String {
    match resume_address(next) {
        Some(resume) => format!("{path}?next={resume}"),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_apps_waiting_sign_in_is_carried_through_registration() {
        assert_eq!(
            resume_address(" /oidc/authorize/resume/aB3-_x ").as_deref(),
            Some("/oidc/authorize/resume/aB3-_x")
        );
        for other in [
            "/csp/profile",
            "https://evil.example/oidc/authorize/resume/x",
            "//evil.example/oidc/authorize/resume/x",
            "/oidc/authorize/resume/",
            "/oidc/authorize/resume/x?y=1",
            "/oidc/authorize/resume/x/../../../csp",
            "/oidc/authorize/resume/x&next=//evil.example",
        ] {
            assert_eq!(resume_address(other), None, "{other}");
        }
        assert_eq!(
            keeping_resume("/csp/register".into(), "/csp/profile"),
            "/csp/register"
        );
        assert_eq!(
            keeping_resume("/csp/register".into(), "/oidc/authorize/resume/x"),
            "/csp/register?next=/oidc/authorize/resume/x"
        );
    }

    #[test]
    fn log_in_needs_an_email_and_a_password() {
        let errors = LogInForm::default().validate().unwrap_err();
        assert!(errors.get(Field::Email).is_some());
        assert!(errors.get(Field::Password).is_some());
    }

    #[test]
    fn confirming_needs_the_password_and_keeps_only_a_local_next() {
        let errors = ConfirmIdentityForm::default().validate().unwrap_err();
        assert!(errors.get(Field::CurrentPassword).is_some());
        let form = ConfirmIdentityForm {
            current_password: "secret-pass".into(),
            next: "https://evil.example/".into(),
        };
        assert_eq!(form.validate().unwrap().next, None);
        assert!(!format!("{form:?}").contains("secret"));
        assert!(form.redacted().current_password.is_empty());
    }

    #[test]
    fn only_a_path_on_this_site_is_a_place_to_go_next() {
        assert_eq!(local_path("/csm/approvals"), Some("/csm/approvals".into()));
        assert_eq!(local_path("https://evil.example/"), None);
        assert_eq!(local_path("//evil.example/"), None);
        assert_eq!(local_path("/\\evil.example/"), None);
        assert_eq!(local_path(""), None);
    }
}
