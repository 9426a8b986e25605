//! Log-ins part-way through, as the session keeps them between the steps of the gate
//! (`gate`): waiting for a second step (or a factor's set-up), or for agreement to new
//! terms. Each carries the person's credential version when it began, so that a new
//! password, a changed factor or "log out everywhere" ends it (`logins`).
use serde::{Deserialize, Serialize};

use super::factors_used::FactorsUsed;

/// A log-in whose first factor was right, waiting for its second step.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub user_id: i32,
    pub next: Option<String>,
    /// The person has no second factor but must set one up before logging in.
    pub set_up: bool,
    pub since: i64,
    /// The person's credential version when the password was given: a new password, a
    /// changed factor or "log out everywhere" since then ends this log-in.
    #[serde(default)]
    pub credential_version: i32,
}

/// A log-in waiting for the person's agreement to new terms.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PendingTerms {
    pub user_id: i32,
    pub next: Option<String>,
    pub since: i64,
    /// As a pending second step's: ended by a credential change.
    #[serde(default)]
    pub credential_version: i32,
    /// How the person proved who they are, for the login that follows.
    #[serde(default)]
    pub factors: FactorsUsed,
}

/// A log-in through another OpenID Connect provider on its way through the gate: what
/// its `logins` row records once the gate lets the person in (`gate::start`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProviderLogin {
    pub user_id: i32,
    pub provider_id: i32,
    pub subject: String,
    pub sid: Option<String>,
    /// When the Portico login ends (seconds since the epoch): the provider session's end
    /// or `SSO_SESSION_MAX_HOURS`, whichever comes first.
    pub expires_at: i64,
    pub since: i64,
}
