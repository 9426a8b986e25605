//! Housekeeping: rows that only matter until they expire.
use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter};
use tower_sessions::session_store::ExpiredDeletion;

use crate::db::entities::outbox::{self, OutboxState};
use crate::db::entities::{
    captcha_spent, ceremony_spent, login, oidc_access_token, oidc_code, oidc_grant,
    oidc_refresh_token,
};
use crate::services::session::logins::LOGIN_IDLE_LIFETIME;
use crate::services::Portico;

const EVERY: Duration = Duration::from_secs(3600);

/// Sweeps every hour (see [`sweep`]).
pub async fn run(db: DatabaseConnection, outbox_retention: chrono::Duration) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        sweep(&db, Utc::now(), outbox_retention).await;
    }
}

/// One pass: spent CAPTCHA challenges and passkey ceremonies past their expiry would be
/// refused as expired anyway, logins idle longer than a session lives are gone with their
/// sessions, attempt limits in the past hold no state, and sent emails older than
/// `outbox_retention` are no longer needed to tell what was sent.
pub async fn sweep(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    outbox_retention: chrono::Duration,
) {
    let deleted = captcha_spent::Entity::delete_many()
        .filter(captcha_spent::Column::ExpiresAt.lt(now))
        .exec(db)
        .await;
    if let Err(error) = deleted {
        tracing::warn!(%error, "janitor: could not delete spent CAPTCHA challenges");
    }
    let deleted = ceremony_spent::Entity::delete_many()
        .filter(ceremony_spent::Column::ExpiresAt.lt(now))
        .exec(db)
        .await;
    if let Err(error) = deleted {
        tracing::warn!(%error, "janitor: could not delete spent passkey ceremonies");
    }
    // Logins whose sessions have expired with the cookie.
    let idle = login::Entity::delete_many()
        .filter(login::Column::LastSeenAt.lt(now - LOGIN_IDLE_LIFETIME))
        .exec(db)
        .await;
    if let Err(error) = idle {
        tracing::warn!(%error, "janitor: could not delete idle logins");
    }
    if let Err(error) = crate::limits::forget_old(db, now).await {
        tracing::warn!(%error, "janitor: could not delete spent attempt limits");
    }
    if let Err(error) = crate::services::oidc::pending::forget_expired(db, now).await {
        tracing::warn!(%error, "janitor: could not delete expired authorizations");
    }
    if let Err(error) = forget_sent_emails(db, now - outbox_retention).await {
        tracing::warn!(%error, "janitor: could not delete emails past their retention");
    }
    if let Err(error) = forget_expired_authorizations(db, now).await {
        tracing::warn!(%error, "janitor: could not delete expired OpenID Connect rows");
    }
}

/// What apps were given and can no longer use (authorizations nobody finished go in
/// `pending::forget_expired`): codes a
/// day past their lifetime (a code presented again within that day still revokes what it
/// gave), access tokens past their lifetime, refresh tokens past theirs (a used one is kept until
/// then, so that presenting it again is still seen as theft), and grants revoked a day ago
/// (their codes and tokens go with them).
async fn forget_expired_authorizations(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    oidc_code::Entity::delete_many()
        .filter(oidc_code::Column::ExpiresAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    oidc_access_token::Entity::delete_many()
        .filter(oidc_access_token::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    oidc_refresh_token::Entity::delete_many()
        .filter(oidc_refresh_token::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?;
    oidc_grant::Entity::delete_many()
        .filter(oidc_grant::Column::RevokedAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the rows of emails sent before `sent_before`. Unsent rows stay, whatever their
/// age: they are still to be sent, retried, or read in the dev mailbox.
async fn forget_sent_emails(
    db: &DatabaseConnection,
    sent_before: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let deleted = outbox::Entity::delete_many()
        .filter(outbox::Column::State.eq(OutboxState::Sent))
        .filter(outbox::Column::SentAt.lt(sent_before))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// Accounts whose scheduled deletion fell due are erased (log-in and registration also
/// erase their own address's on the spot, so this only has to catch the rest).
pub async fn carry_out_deletions(portico: Portico) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        match portico.erase_due_deletions(Utc::now()).await {
            Ok(0) => {}
            Ok(erased) => {
                tracing::info!(erased, "janitor: erased accounts whose deletion fell due")
            }
            Err(error) => tracing::warn!(%error, "janitor: could not carry out deletions"),
        }
    }
}

/// Sessions past their expiry are refused by the store; this removes their rows.
pub async fn expire_sessions<S: ExpiredDeletion>(store: S) {
    if let Err(error) = store.continuously_delete_expired(EVERY).await {
        tracing::warn!(%error, "janitor: stopped deleting expired sessions");
    }
}
