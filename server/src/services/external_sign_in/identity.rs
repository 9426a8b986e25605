//! What a provider proved about a person, what signing in through it leads to, and the
//! sign-in that waits in the session for the person's agreement or proof.
use app::portal::Portal;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::db::entities::identity_provider;
use crate::services::session::keys;
use crate::services::ServiceError;

/// A person as a provider's verified ID token names them (`relying_party` checked its
/// signature, issuer, audience, expiry and nonce).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalIdentity {
    /// The provider the sign-in was started for (`identity_providers.id`): the state
    /// names it, so a token from another provider never reaches here as this one's.
    pub provider_id: i32,
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    /// Absent in the token counts as false.
    pub email_verified: bool,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub name: Option<String>,
    /// The provider session's id, which a back-channel logout names.
    pub provider_sid: Option<String>,
    /// When the provider's session ends, if it says.
    pub provider_session_ends: Option<DateTime<Utc>>,
}

impl ExternalIdentity {
    /// The address as the unique index compares it.
    pub(super) fn address(&self) -> Option<String> {
        self.email
            .as_deref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| e.contains('@'))
    }

    /// First and last name: the token's given and family names, else its `name` split at
    /// the last space, else the address's local part.
    pub(super) fn names(&self) -> (String, String) {
        if let Some(given) = self.given_name.clone().filter(|g| !g.trim().is_empty()) {
            return (given, self.family_name.clone().unwrap_or_default());
        }
        if let Some(name) = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            return match name.rsplit_once(' ') {
                Some((first, last)) => (first.to_owned(), last.to_owned()),
                None => (name.to_owned(), String::new()),
            };
        }
        let local = self.email.as_deref().and_then(|e| e.split('@').next());
        (local.unwrap_or_default().to_owned(), String::new())
    }
}

/// Where signing in through a provider leads.
#[derive(Debug, PartialEq, Eq)]
pub enum SignInOutcome {
    LoggedIn {
        to: String,
    },
    /// On to the second step (or a factor's set-up); nothing is logged in yet.
    SecondStep {
        to: String,
    },
    /// A new person: on to agree to the privacy policy and the terms
    /// (`pending_sign_in`, then `join_through_provider_at`).
    AgreeFirst {
        portal: Portal,
    },
    /// The address has a Portico account: on to prove it once
    /// (`link_with_password_at`, or `send_link_proof_at` then
    /// `link_with_emailed_token_at`).
    ProveAccountFirst {
        portal: Portal,
    },
    Refused(Refusal),
}

/// Why a sign-in through a provider is refused; each has a message for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The provider is unknown, removed or not switched on.
    ProviderOff,
    /// The token says no verified address (or none at all).
    EmailUnverified,
    /// The address is not in the company's domains.
    OutsideDomains,
    /// The address belongs to a consumer or to another company (or, for a social
    /// provider, to a company's contact).
    AddressElsewhere,
    /// The person's login is disabled, or their account cannot be used now.
    CannotSignIn,
    /// Nothing waits in this session (it expired, or was finished).
    NothingPending,
    /// The password given to prove the account is wrong.
    WrongPassword,
    /// Too many wrong passwords: wait.
    TooManyAttempts,
    /// The emailed link is used, expired, unknown or another account's.
    LinkNotValid,
}

impl Refusal {
    /// The message's key in the language files.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::ProviderOff => "service-sso-provider-off",
            Refusal::EmailUnverified => "service-sso-email-unverified",
            Refusal::OutsideDomains => "service-sso-outside-domains",
            Refusal::AddressElsewhere => "service-sso-address-elsewhere",
            Refusal::CannotSignIn => "service-sso-cannot-sign-in",
            Refusal::NothingPending => "service-sso-nothing-pending",
            Refusal::WrongPassword => "service-log-in-incorrect",
            Refusal::TooManyAttempts => "service-sso-too-many",
            Refusal::LinkNotValid => "service-sso-link-not-valid",
        }
    }
}

/// What the agreement or proof page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingSignInView {
    pub portal: Portal,
    pub email: String,
    /// The company a new contact joins (none for a consumer, and when proving).
    pub company: Option<String>,
    /// The provider's name (for a company: the company's).
    pub provider: String,
}

/// A sign-in waiting in the session: for the agreement of a new person, or for the proof
/// of an existing account (whose id it names).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Pending {
    pub identity: ExternalIdentity,
    /// The account to link after the proof; none for a new person.
    pub existing: Option<i32>,
    pub since: i64,
}

/// How long a waiting sign-in lasts.
const PENDING_LIFETIME: i64 = 10 * 60;

impl Pending {
    pub(super) async fn put(&self, session: &Session) -> Result<(), ServiceError> {
        let value = serde_json::to_value(self).map_err(stored_badly)?;
        keys::EXTERNAL_SIGN_IN.put(session, &value).await?;
        Ok(())
    }

    /// The waiting sign-in, while it is recent.
    pub(super) async fn get(
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>, ServiceError> {
        let Some(value) = keys::EXTERNAL_SIGN_IN.get(session).await? else {
            return Ok(None);
        };
        // A value that does not read (from an older version) is as good as none.
        let pending = serde_json::from_value::<Self>(value).ok();
        Ok(pending.filter(|p| now.timestamp() - p.since <= PENDING_LIFETIME))
    }

    pub(super) async fn forget(session: &Session) -> Result<(), ServiceError> {
        keys::EXTERNAL_SIGN_IN.take(session).await?;
        Ok(())
    }
}

fn stored_badly(error: serde_json::Error) -> ServiceError {
    ServiceError::Session(tower_sessions::session::Error::SerdeJson(error))
}

/// Whether a provider is a company's (else a social one).
pub(super) fn is_company(provider: &identity_provider::Model) -> bool {
    provider.kind == "company" && provider.account_id.is_some()
}
