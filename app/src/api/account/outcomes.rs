//! What the account's server functions answer: registering, following an emailed link,
//! logging in, confirming who one is, logging out.
use serde::{Deserialize, Serialize};

use crate::captcha::CaptchaChallenge;
use crate::forms::FieldErrors;
use crate::portal::Portal;
use crate::submission::Outcome;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RegisterOutcome {
    /// The account exists, unverified, and the verification email is on its way: the
    /// "check your email" page is next.
    Registered { to: String },
    /// Nothing was written. The CAPTCHA must be solved again, with this new challenge.
    Rejected {
        errors: FieldErrors,
        captcha: CaptchaChallenge,
    },
}

impl Outcome for RegisterOutcome {
    fn http_status(&self) -> u16 {
        match self {
            RegisterOutcome::Registered { .. } => 303,
            RegisterOutcome::Rejected { errors, .. } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            RegisterOutcome::Registered { to } => Some(to.clone()),
            RegisterOutcome::Rejected { .. } => None,
        }
    }
}

/// The page after registering: "check your email". The address it names waits in the
/// session (`CarriedOver`), not in this URL.
pub fn check_your_email_path(portal: Portal) -> String {
    portal.path("/register/sent")
}

/// What pressing an emailed link's button came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LinkUsed {
    /// Done: the page that says so is next.
    Done { to: String },
    /// The link no longer works (used, expired, unknown, or its address taken).
    Dead(TokenStatus),
}

impl Outcome for LinkUsed {
    fn http_status(&self) -> u16 {
        match self {
            LinkUsed::Done { .. } => 303,
            LinkUsed::Dead(status) => status.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            LinkUsed::Done { to } => Some(to.clone()),
            LinkUsed::Dead(_) => None,
        }
    }
}

impl AfterVerification {
    /// How the page after verifying names this in its address.
    pub fn as_query(self) -> &'static str {
        match self {
            AfterVerification::LogIn => "log-in",
            AfterVerification::AwaitReview => "review",
            AfterVerification::AwaitAssignment => "assignment",
        }
    }

    pub fn of_query(value: &str) -> Self {
        match value {
            "review" => AfterVerification::AwaitReview,
            "assignment" => AfterVerification::AwaitAssignment,
            _ => AfterVerification::LogIn,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LogInOutcome {
    LoggedIn {
        to: String,
    },
    /// The password was right; a second factor (or setting one up) comes next, at `to`.
    /// No session exists until then.
    SecondStep {
        to: String,
    },
    /// The password was right, but a decision on the registration is awaited (or was
    /// "no"): the page at `to` says where they stand. No session is logged in.
    Status {
        to: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for LogInOutcome {
    fn http_status(&self) -> u16 {
        match self {
            LogInOutcome::LoggedIn { .. }
            | LogInOutcome::SecondStep { .. }
            | LogInOutcome::Status { .. } => 303,
            LogInOutcome::Rejected { errors } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            LogInOutcome::LoggedIn { to }
            | LogInOutcome::SecondStep { to }
            | LogInOutcome::Status { to } => Some(to.clone()),
            LogInOutcome::Rejected { .. } => None,
        }
    }
}

/// What "Confirm it's you" (or another form that leads on) came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Confirmation {
    /// Confirmed: back to the page that asked.
    Confirmed {
        to: String,
    },
    Rejected {
        errors: FieldErrors,
    },
}

impl Outcome for Confirmation {
    fn http_status(&self) -> u16 {
        match self {
            Confirmation::Confirmed { .. } => 303,
            Confirmation::Rejected { errors } => errors.http_status(),
        }
    }
    fn redirect_to(&self) -> Option<String> {
        match self {
            Confirmation::Confirmed { to } => Some(to.clone()),
            Confirmation::Rejected { .. } => None,
        }
    }
}

/// What a verification link's token is, or became once used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenStatus {
    /// Unused and unexpired: the button will verify the address.
    Valid,
    /// The address was verified just now; this is what happens next.
    Verified(AfterVerification),
    Expired,
    Used,
    Unknown,
    /// An email change's new address was taken by another account meanwhile.
    Taken,
}

impl Outcome for TokenStatus {
    fn http_status(&self) -> u16 {
        match self {
            TokenStatus::Valid | TokenStatus::Verified(_) => 200,
            TokenStatus::Expired | TokenStatus::Used => 410,
            TokenStatus::Unknown => 404,
            TokenStatus::Taken => 409,
        }
    }
}

/// What a person can do once their address is verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterVerification {
    /// Log in now (a consumer; a contact approved automatically).
    LogIn,
    /// Wait: the company's customer administrators review the business request.
    AwaitReview,
    /// Wait: no company was given, so one of ours finds it first.
    AwaitAssignment,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedOut {
    pub to: String,
}

impl Outcome for LoggedOut {
    fn http_status(&self) -> u16 {
        303
    }
    fn redirect_to(&self) -> Option<String> {
        Some(self.to.clone())
    }
}
