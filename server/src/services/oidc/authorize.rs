//! What a checked authorization request leads to: a code for the app at once (single
//! sign-on), the log-in page (and back through `/oidc/authorize/resume/<id>`), the consent
//! page, or an error for the app.
use app::api::CarriedOver;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::{DbErr, EntityTrait};
use tower_sessions::Session;

use super::claims::may_sign_in;
use super::consent::remember;
use super::grants::{issue_code, GrantRequest};
use super::pending;
use super::requests::{covers, AppError, AuthorizationRequest};
use crate::db::entities::user;
use crate::db::entities::{login, oidc_consent};
use crate::services::support::app_clients::AppPortal;
use crate::services::{Portico, ServiceError};

/// Where the browser goes next.
#[derive(Debug, PartialEq, Eq)]
pub enum Decision {
    /// Back to the app, with a code or an error.
    ToApp(String),
    /// To a page of Portico (the log-in, the consent), in the language the app asked for.
    ToPortico {
        to: String,
        ui_locales: Option<String>,
    },
}

/// A waiting authorization being resumed: its id, and when it began (a log-in that
/// `prompt=login` asked for must be newer).
pub struct Resuming {
    pub id: String,
    pub since: DateTime<Utc>,
}

/// The app's redirect URI with `pairs`, the request's `state` and Portico's `iss`
/// (RFC 9207) added to its query. The registered URI is kept byte for byte.
pub fn to_app(
    redirect_uri: &str,
    pairs: &[(&str, &str)],
    state: Option<&str>,
    issuer: &str,
) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (name, value) in pairs {
        query.append_pair(name, value);
    }
    if let Some(state) = state {
        query.append_pair("state", state);
    }
    query.append_pair("iss", issuer);
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{separator}{}", query.finish())
}

/// An error for the app, as the address the browser is sent to.
pub fn error_to_app(
    redirect_uri: &str,
    state: Option<&str>,
    error: &AppError,
    issuer: &str,
) -> Decision {
    Decision::ToApp(to_app(
        redirect_uri,
        &[
            ("error", error.code),
            ("error_description", error.description),
        ],
        state,
        issuer,
    ))
}

/// The log-in page of the app's portal. An app for both portals sends people to the
/// consumer log-in, which points a business contact to theirs (keeping `next`).
pub fn log_in_page(portal: AppPortal, next: &str) -> String {
    let portal = match portal {
        AppPortal::Csm => Portal::Csm,
        AppPortal::Csp | AppPortal::Both => Portal::Csp,
    };
    let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
    portal.path(&format!("/log-in?next={next}"))
}

impl Portico {
    /// The issuer Portico names in answers: `PUBLIC_URL`.
    pub fn oidc_issuer(&self) -> &str {
        &self.public_url
    }

    /// A new authorization request, checked already.
    pub async fn authorize(
        &self,
        session: &Session,
        request: AuthorizationRequest,
        now: DateTime<Utc>,
    ) -> Result<Decision, ServiceError> {
        self.decide_authorization(session, request, None, now).await
    }

    /// An authorization that waited for a log-in; None when it expired or was used.
    pub async fn resume_authorization(
        &self,
        session: &Session,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Decision>, ServiceError> {
        let Some(waiting) = pending::find(&self.db, id, now).await? else {
            return Ok(None);
        };
        let resuming = Resuming {
            id: id.to_owned(),
            since: waiting.created_at,
        };
        let decision = self
            .decide_authorization(session, waiting.request, Some(resuming), now)
            .await?;
        Ok(Some(decision))
    }

    async fn decide_authorization(
        &self,
        session: &Session,
        request: AuthorizationRequest,
        resuming: Option<Resuming>,
        now: DateTime<Utc>,
    ) -> Result<Decision, ServiceError> {
        let fresh_after = resuming.as_ref().map(|r| r.since);
        let signed_in = self
            .session_login(session)
            .await?
            .filter(|(_, login)| recent_enough(&request, login, fresh_after, now));
        let Some((person, login)) = signed_in else {
            return self.to_log_in(session, &request, resuming, now).await;
        };
        let issuer = self.oidc_issuer();
        let state = request.state.as_deref();
        if !may_sign_in(&person, &request.client) {
            let error = AppError::new("access_denied", "this person may not use this app");
            return Ok(error_to_app(&request.redirect_uri, state, &error, issuer));
        }
        if self.needs_consent(&request, person.id).await? {
            if request.prompt.none {
                let error = AppError::new("consent_required", "the person has not consented");
                return Ok(error_to_app(&request.redirect_uri, state, &error, issuer));
            }
            let id = match resuming {
                Some(resuming) => resuming.id,
                None => pending::store(&self.db, &request, now).await?,
            };
            return Ok(Decision::ToPortico {
                to: format!("/oidc/consent/{id}"),
                ui_locales: None,
            });
        }
        let id = resuming.map(|r| r.id);
        let granted = self.grant(&request, &person, &login, id.as_deref(), false, now);
        match granted.await? {
            Some(decision) => Ok(decision),
            None => Ok(expired(&request, issuer)),
        }
    }

    /// No (recent enough) log-in: `prompt=none` is answered at once, else the person logs
    /// in and comes back to the waiting authorization.
    async fn to_log_in(
        &self,
        session: &Session,
        request: &AuthorizationRequest,
        resuming: Option<Resuming>,
        now: DateTime<Utc>,
    ) -> Result<Decision, ServiceError> {
        if request.prompt.none {
            let error = AppError::new("login_required", "the person is not logged in");
            let state = request.state.as_deref();
            return Ok(error_to_app(
                &request.redirect_uri,
                state,
                &error,
                self.oidc_issuer(),
            ));
        }
        let id = match resuming {
            Some(resuming) => resuming.id,
            None => pending::store(&self.db, request, now).await?,
        };
        // The address the app suggests fills the log-in form: through the session, as
        // every carried-over address does, never in a URL.
        if let Some(hint) = &request.login_hint {
            let carried = CarriedOver {
                email: hint.clone(),
                reviewer: None,
            };
            self.carry_over_at(session, &carried).await?;
        }
        Ok(Decision::ToPortico {
            to: log_in_page(request.client.portal, &pending::resume_path(&id)),
            ui_locales: request.ui_locales.clone(),
        })
    }

    /// Whether a third-party app must ask first: `prompt=consent`, or nothing remembered
    /// that covers the scopes. First-party apps never ask.
    async fn needs_consent(
        &self,
        request: &AuthorizationRequest,
        user_id: i32,
    ) -> Result<bool, DbErr> {
        if request.client.first_party {
            return Ok(false);
        }
        if request.prompt.consent {
            return Ok(true);
        }
        let remembered =
            oidc_consent::Entity::find_by_id((user_id, request.client.client_id.clone()))
                .one(&self.db)
                .await?;
        Ok(!remembered.is_some_and(|c| covers(&c.scope, &request.scope)))
    }

    /// Issues the code (using up the waiting authorization `id`, if any, and
    /// remembering the consent just given, in the same transaction) and sends it to the
    /// app; None when the authorization was used.
    pub(super) async fn grant(
        &self,
        request: &AuthorizationRequest,
        person: &user::Model,
        login: &login::Model,
        waiting: Option<&str>,
        consented: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Decision>, ServiceError> {
        // Every statement below writes (the waiting authorization's DELETE first).
        let txn = crate::db::begin_write_first(&self.db).await?;
        if let Some(id) = waiting {
            if !pending::take(&txn, id, now).await? {
                return Ok(None);
            }
        }
        if consented {
            let client_id = &request.client.client_id;
            remember(&txn, person.id, client_id, &request.scope, now).await?;
        }
        let code = issue_code(&txn, grant_request(request, person, login), now).await?;
        txn.commit().await?;
        Ok(Some(Decision::ToApp(to_app(
            &request.redirect_uri,
            &[("code", &code)],
            request.state.as_deref(),
            self.oidc_issuer(),
        ))))
    }
}

/// Whether the session's log-in answers the request: newer than the request when it
/// asked for a new log-in (`prompt=login`), and within its `max_age`.
fn recent_enough(
    request: &AuthorizationRequest,
    login: &login::Model,
    fresh_after: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> bool {
    let logged_in_again = fresh_after.is_some_and(|since| login.created_at > since);
    let prompt_answered = !request.prompt.login || logged_in_again;
    let age = (now - login.created_at).num_seconds();
    let young_enough = request.max_age.is_none_or(|max_age| age <= max_age);
    prompt_answered && young_enough
}

fn grant_request(
    request: &AuthorizationRequest,
    person: &user::Model,
    login: &login::Model,
) -> GrantRequest {
    GrantRequest {
        client_id: request.client.client_id.clone(),
        user_id: person.id,
        login_id: Some(login.id.clone()),
        sid: login.sid.clone(),
        scope: request.scope.clone(),
        nonce: request.nonce.clone(),
        auth_time: login.created_at,
        amr: login.amr.clone().unwrap_or_default(),
        redirect_uri: request.redirect_uri.clone(),
        code_challenge: request.code_challenge.clone(),
    }
}

/// The waiting authorization was used meanwhile (a second tab): the app starts again.
fn expired(request: &AuthorizationRequest, issuer: &str) -> Decision {
    let error = AppError::new("access_denied", "this authorization was already used");
    error_to_app(
        &request.redirect_uri,
        request.state.as_deref(),
        &error,
        issuer,
    )
}
