//! The server's side of the contract: [`Portico`] implements the pages' `Services` — one
//! trait per area — with one folder per area, each implementing its trait in its
//! `contract.rs`. Below the areas: the session kernel (`session`) and shared support
//! (`support`). An area uses those two, never another area (DEVELOPERS.md, "How the
//! services are laid out"; `tests/integration/architecture.rs` checks it).

/// Writes an area's part of the contract from its services: each method listed answers
/// with the service it names — at the present time where the line ends `at now` — its
/// internal errors logged and shown as a plain "try again" ([`public`]). Methods that do
/// more follow `by hand:`, written out. (A macro, so that 60-odd one-line wrappers are
/// not each written out with their signatures.)
macro_rules! contract {
    (
        impl $contract:ident {
            $(
                fn $name:ident(&self $(, $arg:ident: $ty:ty)* $(,)?) -> $out:ty
                    = $service:ident($($input:expr),* $(,)?) $(at $now:ident)?;
            )*
            $(by hand: $($by_hand:tt)*)?
        }
    ) => {
        #[async_trait::async_trait]
        impl $contract for $crate::services::Portico {
            $(
                async fn $name(
                    &self $(, $arg: $ty)*
                ) -> Result<$out, leptos::prelude::ServerFnError> {
                    $crate::services::public(
                        contract!(@call self, $service, [$($input),*] $($now)?).await,
                    )
                }
            )*
            $($($by_hand)*)?
        }
    };
    (@call $portico:ident, $service:ident, [$($input:expr),*] now) => {
        $portico.$service($($input,)* chrono::Utc::now())
    };
    (@call $portico:ident, $service:ident, [$($input:expr),*]) => {
        $portico.$service($($input),*)
    };
}

pub mod account;
pub mod admin;
pub mod apps;
pub mod company;
pub mod external_sign_in;
pub mod lifecycle;
pub mod oidc;
pub mod operations;
pub mod profile;
pub mod records;
pub mod recovery;
pub mod session;
pub mod sign_in_providers;
pub mod status;
pub mod support;
pub mod two_factor;

use std::sync::Arc;

use app::api::LinkRequestOutcome;
use app::portal::Portal;
use leptos::prelude::{use_context, ServerFnError};
use sea_orm::{DatabaseConnection, DbErr};
use tower_sessions::SessionStore;

use crate::captcha::CaptchaIssuer;
use crate::factors::passkeys::Passkeys;
use crate::limits::Limits;
use crate::mail::outbox::OutboxSignal;
use crate::password::{HashError, PasswordHasher};
use crate::sign_up_surge::SignUpSurge;

/// Everything the services need, built once at start-up and shared by every request.
#[derive(Clone)]
pub struct Portico {
    pub db: DatabaseConnection,
    pub hasher: PasswordHasher,
    pub captcha: CaptchaIssuer,
    pub outbox: OutboxSignal,
    /// The base of links in emails, without a trailing slash.
    pub public_url: String,
    /// Limits on attempts, counted in the database (shared by every instance).
    pub limits: Limits,
    /// How hard the Security Code is while sign-ups surge.
    pub surge: Arc<SignUpSurge>,
    /// Where sessions live, so that ended ones can be deleted there.
    pub session_store: Option<Arc<dyn SessionStore>>,
    /// This site as a WebAuthn relying party; none when `PUBLIC_URL` has no domain name.
    pub passkeys: Option<Passkeys>,
    /// Seals the state of passkey log-ins, which waits in the browser (`ceremony_cookie`).
    pub ceremonies: support::ceremony_cookie::CeremonyCookies,
    /// Whether administrators must log in with a second factor (once any is set up).
    pub administrators_need_two_factors: bool,
    /// Where webhooks may be posted: public addresses and `OUTBOUND_ALLOW_RANGES`.
    pub outbound: crate::outbound::OutboundPolicy,
    /// The keys that sign ID tokens and logout tokens, read from the database at most
    /// once a minute (`self.keys.ring(&self.db, now)`).
    pub keys: Arc<crate::signing::KeyCache>,
    /// Seals the secrets stored in the database and opens them (`crate::secrets`).
    pub secrets: crate::secrets::SecretBox,
    /// The longest a login made through another provider lasts (`SSO_SESSION_MAX_HOURS`).
    pub sso_session_max: chrono::Duration,
}

/// What can go wrong inside a service that is not the person's doing.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error(transparent)]
    Hash(#[from] HashError),
    #[error("session store: {0}")]
    Session(#[from] tower_sessions::session::Error),
}

/// Adds a `Set-Cookie` to the answer of the server function being run.
pub(crate) fn set_cookie(value: String) {
    let header = axum::http::HeaderValue::from_str(&value);
    match (use_context::<leptos_axum::ResponseOptions>(), header) {
        (Some(response), Ok(header)) => {
            response.append_header(axum::http::header::SET_COOKIE, header)
        }
        _ => tracing::error!("a cookie could not be set on the answer"),
    }
}

/// Internal errors are logged here and never shown: the person gets a plain message.
/// (Not a `From` impl: server_fn's blanket `From<std::error::Error>` would show the cause.)
pub(crate) fn public<T>(result: Result<T, ServiceError>) -> Result<T, ServerFnError> {
    result.map_err(|error| {
        tracing::error!(%error, "request failed");
        ServerFnError::ServerError(app::i18n::t("http-something-went-wrong"))
    })
}

impl Portico {
    pub fn new(
        db: DatabaseConnection,
        hasher: PasswordHasher,
        captcha: CaptchaIssuer,
        outbox: OutboxSignal,
        public_url: &str,
        secrets: crate::secrets::SecretBox,
    ) -> Self {
        let ceremonies = support::ceremony_cookie::CeremonyCookies::new(
            captcha.derived_key("passkey log-in ceremonies"),
        );
        Self {
            db,
            hasher,
            captcha,
            outbox,
            public_url: public_url.trim_end_matches('/').to_owned(),
            limits: Limits::default(),
            surge: Arc::new(SignUpSurge::new(true)),
            session_store: None,
            passkeys: Passkeys::for_site(public_url).ok(),
            ceremonies,
            administrators_need_two_factors: true,
            outbound: crate::outbound::OutboundPolicy::public_only(),
            keys: Arc::new(crate::signing::KeyCache::new(secrets.clone())),
            secrets,
            sso_session_max: chrono::Duration::hours(12),
        }
    }

    /// How long a login through another provider lasts at most (a setting).
    pub fn with_sso_session_max_hours(mut self, hours: u32) -> Self {
        self.sso_session_max = chrono::Duration::hours(i64::from(hours));
        self
    }

    /// The private ranges webhook endpoints may be in (a setting).
    pub fn with_outbound_policy(mut self, policy: crate::outbound::OutboundPolicy) -> Self {
        self.outbound = policy;
        self
    }

    /// Whether administrators must log in with a second factor (a setting).
    pub fn with_administrators_needing_two_factors(mut self, required: bool) -> Self {
        self.administrators_need_two_factors = required;
        self
    }

    /// Other limits than the defaults (settings, or a test's).
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Whether the Security Code grows harder while sign-ups surge (a setting).
    pub fn with_surge(mut self, enabled: bool) -> Self {
        self.surge = Arc::new(SignUpSurge::new(enabled));
        self
    }

    /// The store the server's sessions live in.
    pub fn with_session_store(mut self, store: Arc<dyn SessionStore>) -> Self {
        self.session_store = Some(store);
        self
    }

    /// Answers a request for an emailed link at once, with the same words whatever the
    /// address, and sends the link (if any) afterwards: whether the address has an
    /// account then shows neither in the answer nor in how long it takes.
    pub(crate) fn answer_before_sending_link(
        &self,
        answer: &str,
        send: impl std::future::Future<Output = Result<recovery::links::LinkRequest, ServiceError>>
            + Send
            + 'static,
    ) -> Result<LinkRequestOutcome, ServerFnError> {
        tokio::spawn(async move {
            if let Err(error) = send.await {
                tracing::error!(%error, "an emailed link could not be sent");
            }
        });
        Ok(LinkRequestOutcome::Sent {
            message: app::i18n::t(answer),
        })
    }

    /// Whether cookies are `Secure`: the site is served over https.
    fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// A link into a portal, for an email.
    pub fn link(&self, portal: Portal, path_and_query: &str) -> String {
        format!("{}{}", self.public_url, portal.path(path_and_query))
    }
}
