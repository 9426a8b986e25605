//! Everything a session holds, in one place: each key with the type of its value, read and
//! written only through [`Key`]. The stored names are the ones used before these keys were
//! typed, so that sessions live across the upgrade.
use std::marker::PhantomData;

use app::api::CarriedOver;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tower_sessions::Session;
use webauthn_rs::prelude::{PasskeyAuthentication, PasskeyRegistration};

use super::pending::{Pending, PendingTerms, ProviderLogin};

/// The stored names, for code that must name a key outside a service (the session layer's
/// cookie policy, and tests that set up a session by hand).
pub mod names {
    pub const USER_ID: &str = "user_id";
    pub const LOGIN_ID: &str = "login_id";
    pub const LANGUAGE: &str = "language";
    pub const AUTHENTICATED_AT: &str = "authenticated_at";
    pub const PENDING_LOG_IN: &str = "pending_log_in";
    pub const TERMS_PENDING: &str = "terms_pending";
    pub const TOTP_SETUP: &str = "totp_setup";
    pub const FRESH_RECOVERY_CODES: &str = "fresh_recovery_codes";
    pub const PASSKEY_ADDING: &str = "passkey_adding";
    pub const PASSKEY_SECOND_STEP: &str = "passkey_second_step";
    pub const CARRIED_OVER: &str = "carried_over";
    pub const STATUS_OF: &str = "account_status_of";
    pub const ADMIN_LOG_IN_EMAIL: &str = "admin_log_in_email";
    pub const PROVIDER_LOGIN: &str = "provider_login";
    pub const EXTERNAL_SIGN_IN: &str = "external_sign_in";
    pub const PROVIDER_SESSION_ENDED: &str = "provider_session_ended";
}

/// A session key whose value is a `T`.
pub struct Key<T> {
    name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T: Serialize + DeserializeOwned + Send + Sync> Key<T> {
    const fn new(name: &'static str) -> Self {
        Key {
            name,
            value: PhantomData,
        }
    }

    /// The name the value is stored under.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    pub async fn get(
        &self,
        session: &Session,
    ) -> Result<Option<T>, tower_sessions::session::Error> {
        session.get::<T>(self.name).await
    }

    pub async fn put(
        &self,
        session: &Session,
        value: &T,
    ) -> Result<(), tower_sessions::session::Error> {
        session.insert(self.name, value).await
    }

    /// Reads the value and removes it: for what counts once (a ceremony's state, codes
    /// shown once).
    pub async fn take(
        &self,
        session: &Session,
    ) -> Result<Option<T>, tower_sessions::session::Error> {
        session.remove::<T>(self.name).await
    }
}

/// The person logged in (with [`LOGIN_ID`], which says the login still counts).
pub const USER_ID: Key<i32> = Key::new(names::USER_ID);
/// The id of the session's row in `logins`.
pub const LOGIN_ID: Key<String> = Key::new(names::LOGIN_ID);
/// The signed-in person's language (from their profile, and changed with the switcher):
/// `http::language` prefers it to the cookie.
pub const LANGUAGE: Key<String> = Key::new(names::LANGUAGE);
/// When the person last proved who they are, in seconds since the epoch
/// (`reauthentication`).
pub const AUTHENTICATED_AT: Key<i64> = Key::new(names::AUTHENTICATED_AT);
/// A log-in waiting for its second step or a factor's set-up.
pub const PENDING_LOG_IN: Key<Pending> = Key::new(names::PENDING_LOG_IN);
/// A log-in waiting for agreement to new terms.
pub const TERMS_PENDING: Key<PendingTerms> = Key::new(names::TERMS_PENDING);
/// An authenticator app's secret until a code confirms it.
pub const TOTP_SETUP: Key<String> = Key::new(names::TOTP_SETUP);
/// Recovery codes just made and where to go after seeing them, until the page shows them
/// (once).
pub const FRESH_RECOVERY_CODES: Key<(Vec<String>, String)> = Key::new(names::FRESH_RECOVERY_CODES);
/// A passkey being added: the ceremony's state and the name the person gave it.
pub const PASSKEY_ADDING: Key<(PasskeyRegistration, String)> = Key::new(names::PASSKEY_ADDING);
/// A passkey ceremony as the second step of a log-in.
pub const PASSKEY_SECOND_STEP: Key<PasskeyAuthentication> = Key::new(names::PASSKEY_SECOND_STEP);
/// An address carried to the page that follows (`status`).
pub const CARRIED_OVER: Key<CarriedOver> = Key::new(names::CARRIED_OVER);
/// The person whose right password met an undecided or rejected registration: only they
/// see its status page.
pub const STATUS_OF: Key<i32> = Key::new(names::STATUS_OF);
/// The address an administrator typed at a portal's log-in, carried to `/admin/log-in`.
pub const ADMIN_LOG_IN_EMAIL: Key<String> = Key::new(names::ADMIN_LOG_IN_EMAIL);
/// A log-in through another provider waiting in the gate (a second step, new terms).
pub const PROVIDER_LOGIN: Key<ProviderLogin> = Key::new(names::PROVIDER_LOGIN);
/// A sign-in through another provider waiting for the person's agreement or for the proof
/// of their Portico account; its shape is `external_sign_in`'s (the kernel knows no area).
pub const EXTERNAL_SIGN_IN: Key<serde_json::Value> = Key::new(names::EXTERNAL_SIGN_IN);
/// The provider whose login just ended at its `expires_at`: the page goes back to it
/// silently (`prompt=none`).
pub const PROVIDER_SESSION_ENDED: Key<i32> = Key::new(names::PROVIDER_SESSION_ENDED);
