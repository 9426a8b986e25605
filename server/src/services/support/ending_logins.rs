//! Ending a person's logins — when their password changes, their login is disabled, their
//! factors are reset, they are erased, or they end their other sessions: the rows in
//! `logins` go (a session counts only while its row exists), every log-in of theirs that is
//! part-way through is outdated, and their sessions leave the session store. The app
//! sessions those logins opened end with them (`app_sessions`).
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use tower_sessions::session::Id;

use crate::db::entities::{login, user};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Ends every login of a person but `keep`, and every log-in of theirs that is
    /// part-way through, inside the caller's transaction; returns the store's session
    /// ids to delete once it commits.
    pub(crate) async fn end_logins<C: ConnectionTrait>(
        &self,
        db: &C,
        user_id: i32,
        keep: Option<&str>,
    ) -> Result<Vec<String>, ServiceError> {
        // A write first: on SQLite the transaction then holds the write lock before it
        // reads (see `db::hold_row`).
        outdate_pending_log_ins(db, user_id).await?;
        let mut others = login::Entity::find().filter(login::Column::UserId.eq(user_id));
        if let Some(keep) = keep {
            others = others.filter(login::Column::Id.ne(keep));
        }
        let ended = others.all(db).await?;
        let mut delete = login::Entity::delete_many().filter(login::Column::UserId.eq(user_id));
        if let Some(keep) = keep {
            delete = delete.filter(login::Column::Id.ne(keep));
        }
        delete.exec(db).await?;
        // Callers pass no time here; the app sessions end when the logins do.
        super::app_sessions::end_app_sessions_of_person_but(db, user_id, keep, Utc::now()).await?;
        Ok(ended.into_iter().filter_map(|l| l.session_id).collect())
    }

    /// Deletes sessions from the store (after the transaction that ended their logins).
    /// Their logins are gone already, so a failure here leaves only dead rows.
    pub(crate) async fn delete_stored_sessions(&self, ids: Vec<String>) {
        let Some(store) = &self.session_store else {
            return;
        };
        for id in ids {
            if let Ok(id) = id.parse::<Id>() {
                if let Err(error) = store.delete(&id).await {
                    tracing::warn!(%error, "could not delete an ended session from the store");
                }
            }
        }
    }
}

/// Ends every log-in of the person that is part-way through (waiting for a second
/// step, a factor's set-up or new terms): each carries the credential version it began
/// under (`session::pending`). Called when a password changes, a factor is
/// added or removed, and whenever the person's sessions are ended.
pub(crate) async fn outdate_pending_log_ins<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::CredentialVersion,
            Expr::col(user::Column::CredentialVersion).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
