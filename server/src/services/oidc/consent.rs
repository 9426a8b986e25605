//! The consent a third-party app asks for: what the page shows, and the person's answer.
//! "Allow" remembers the scopes for the person and app (`oidc_consents`) and issues the
//! code; "Cancel" sends `access_denied` back.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use tower_sessions::Session;

use super::authorize::{error_to_app, log_in_page, Decision};
use super::claims::may_sign_in;
use super::pending;
use super::requests::AppError;
use crate::db::entities::oidc_consent;
use crate::services::{Portico, ServiceError};

/// What the consent page shows.
#[derive(Debug)]
pub struct ConsentView {
    pub app_name: String,
    pub app_description: Option<String>,
    /// Message keys, one per thing the app will receive.
    pub receives: Vec<&'static str>,
}

/// What the consent page is for a request.
#[derive(Debug)]
pub enum ConsentPage {
    Show(ConsentView),
    /// Not (or no longer) logged in, or the request has moved on: go there.
    GoTo(Decision),
    /// The request expired or was used.
    Expired,
}

/// The message that says in words what a scope gives the app.
fn receives(scope: &str) -> Vec<&'static str> {
    scope
        .split(' ')
        .filter_map(|scope| match scope {
            "openid" => Some("oidc-consent-receives-identity"),
            "email" => Some("oidc-consent-receives-email"),
            "profile" => Some("oidc-consent-receives-profile"),
            "portico" => Some("oidc-consent-receives-portico"),
            "offline_access" => Some("oidc-consent-receives-offline"),
            _ => None,
        })
        .collect()
}

impl Portico {
    /// The consent page of the waiting authorization `id`.
    pub async fn consent_page(
        &self,
        session: &Session,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<ConsentPage, ServiceError> {
        let Some(waiting) = pending::find(&self.db, id, now).await? else {
            return Ok(ConsentPage::Expired);
        };
        let request = waiting.request;
        let Some((person, _)) = self.session_login(session).await? else {
            let to = log_in_page(request.client.portal, &pending::resume_path(id));
            let ui_locales = None;
            return Ok(ConsentPage::GoTo(Decision::ToPortico { to, ui_locales }));
        };
        if !may_sign_in(&person, &request.client) {
            let error = AppError::new("access_denied", "this person may not use this app");
            let state = request.state.as_deref();
            let to = error_to_app(&request.redirect_uri, state, &error, self.oidc_issuer());
            return Ok(ConsentPage::GoTo(to));
        }
        Ok(ConsentPage::Show(ConsentView {
            receives: receives(&request.scope),
            app_name: request.client.name,
            app_description: request.client.description,
        }))
    }

    /// The person's answer; None when the request expired or was used, or nobody is
    /// logged in any more.
    pub async fn answer_consent(
        &self,
        session: &Session,
        id: &str,
        allow: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<Decision>, ServiceError> {
        let Some(waiting) = pending::find(&self.db, id, now).await? else {
            return Ok(None);
        };
        let request = waiting.request;
        let state = request.state.as_deref();
        let Some((person, login)) = self.session_login(session).await? else {
            return Ok(None);
        };
        if !allow || !may_sign_in(&person, &request.client) {
            pending::take(&self.db, id, now).await?;
            let error = AppError::new("access_denied", "the person did not allow it");
            return Ok(Some(error_to_app(
                &request.redirect_uri,
                state,
                &error,
                self.oidc_issuer(),
            )));
        }
        self.grant(&request, &person, &login, Some(id), true, now)
            .await
    }
}

/// Remembers what the person allowed the app, replacing what they allowed before.
pub(super) async fn remember<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    client_id: &str,
    scope: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    oidc_consent::Entity::insert(oidc_consent::ActiveModel {
        user_id: Set(user_id),
        client_id: Set(client_id.to_owned()),
        scope: Set(scope.to_owned()),
        granted_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([oidc_consent::Column::UserId, oidc_consent::Column::ClientId])
            .update_columns([oidc_consent::Column::Scope, oidc_consent::Column::GrantedAt])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}
