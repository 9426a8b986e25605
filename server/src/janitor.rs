//! Housekeeping: rows that only matter until they expire.
use std::time::Duration;

use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use tower_sessions::session_store::ExpiredDeletion;

use crate::db::entities::captcha_spent;

const EVERY: Duration = Duration::from_secs(3600);

/// Spent CAPTCHA challenges past their expiry would be refused as expired anyway.
pub async fn run(db: DatabaseConnection) {
    let mut every = tokio::time::interval(EVERY);
    loop {
        every.tick().await;
        let deleted = captcha_spent::Entity::delete_many()
            .filter(captcha_spent::Column::ExpiresAt.lt(Utc::now()))
            .exec(&db)
            .await;
        if let Err(error) = deleted {
            tracing::warn!(%error, "janitor: could not delete spent CAPTCHA challenges");
        }
    }
}

/// Sessions past their expiry are refused by the store; this removes their rows.
pub async fn expire_sessions<S: ExpiredDeletion>(store: S) {
    if let Err(error) = store.continuously_delete_expired(EVERY).await {
        tracing::warn!(%error, "janitor: stopped deleting expired sessions");
    }
}
