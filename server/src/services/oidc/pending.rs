//! Authorizations waiting for the person: to log in (and the steps after it) or to consent. The
//! request is checked before it waits, and its random id travels in the `next` address
//! (`/oidc/authorize/resume/<id>`), since logging in clears the session; only the id's
//! hash is stored.
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::requests::{AuthorizationRequest, Prompt};
use crate::db::entities::oidc_pending_authorization as pending;
use crate::services::support::app_clients;
use crate::tokens::{could_be_a_token, hash_token, Token};

/// Long enough to log in, take a second step or agree to new terms.
pub const LIFETIME: Duration = Duration::minutes(30);

/// Where a waiting authorization goes on.
pub fn resume_path(id: &str) -> String {
    format!("/oidc/authorize/resume/{id}")
}

/// A waiting authorization, as stored, with when it began.
pub struct Waiting {
    pub request: AuthorizationRequest,
    pub created_at: DateTime<Utc>,
}

/// Keeps `request` waiting; returns the id that resumes it.
pub async fn store<C: ConnectionTrait>(
    db: &C,
    request: &AuthorizationRequest,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let id = Token::generate();
    pending::Entity::insert(pending::ActiveModel {
        id_hash: Set(id.hash()),
        client_id: Set(request.client.client_id.clone()),
        redirect_uri: Set(request.redirect_uri.clone()),
        scope: Set(request.scope.clone()),
        state: Set(request.state.clone()),
        nonce: Set(request.nonce.clone()),
        code_challenge: Set(request.code_challenge.clone()),
        prompt: Set(request.prompt.as_text()),
        max_age: Set(request.max_age),
        login_hint: Set(request.login_hint.clone()),
        ui_locales: Set(request.ui_locales.clone()),
        created_at: Set(now),
        expires_at: Set(now + LIFETIME),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id.as_str().to_owned())
}

/// The authorization `id` stands for, while it has not expired or been used.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<Waiting>, DbErr> {
    if !could_be_a_token(id) {
        return Ok(None);
    }
    let Some(row) = pending::Entity::find_by_id(hash_token(id))
        .filter(pending::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    // An app removed meanwhile takes its waiting authorizations with it.
    let Some(client) = app_clients::find(db, &row.client_id).await? else {
        return Ok(None);
    };
    Ok(Some(Waiting {
        created_at: row.created_at,
        request: AuthorizationRequest {
            client,
            redirect_uri: row.redirect_uri,
            scope: row.scope,
            state: row.state,
            nonce: row.nonce,
            code_challenge: row.code_challenge,
            prompt: Prompt::parse(row.prompt.as_deref().unwrap_or_default()).unwrap_or_default(),
            max_age: row.max_age,
            login_hint: row.login_hint,
            ui_locales: row.ui_locales,
        },
    }))
}

/// Uses the authorization up: true for the one caller that did (a code is issued once).
pub async fn take<C: ConnectionTrait>(db: &C, id: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let deleted = pending::Entity::delete_many()
        .filter(pending::Column::IdHash.eq(hash_token(id)))
        .filter(pending::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected == 1)
}

/// Deletes the authorizations nobody came back to (the janitor's hourly sweep).
pub async fn forget_expired<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let deleted = pending::Entity::delete_many()
        .filter(pending::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
