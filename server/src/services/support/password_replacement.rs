//! Replacing a person's password, wherever it happens (a reset link, the profile): every
//! other login ends and the owner is told by email, in the caller's transaction.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::db::entities::user;
use crate::mail::{language_of, outbox, templates};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Sets a new password inside the caller's transaction: every login but `keep` ends,
    /// and the owner is told by email. Returns the store's sessions to delete once the
    /// transaction commits.
    pub(crate) async fn replace_password<C: ConnectionTrait>(
        &self,
        db: &C,
        person: &user::Model,
        password_hash: String,
        keep: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, ServiceError> {
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .exec(db)
            .await?;
        let ended = self.end_logins(db, person.id, keep).await?;
        let portal = person.kind.portal();
        let reset = self.link(portal, "/reset");
        let email = templates::password_changed(
            language_of(person),
            portal,
            &person.email,
            &person.first_name,
            reset,
        );
        outbox::enqueue(db, &email, now).await?;
        Ok(ended)
    }
}
