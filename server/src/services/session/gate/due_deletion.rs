//! A step of the gate: an account whose owner asked to delete it. Logging in during the
//! grace period keeps it (`cancel_deletion`, from the gate's last step only); once its
//! deletion is due it is erased before anyone can log in to it (`erase_if_due`, which
//! every way in calls for its address first, and the janitor for all due accounts).
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::db::entities::user;
use crate::mail::{language_of, outbox as mail_outbox, templates};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::erasure::{hold_for_erasure, Why};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Logging in during the grace period keeps the account.
    pub(in crate::services::session::gate) async fn cancel_deletion(
        &self,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let cancelled = user::Entity::update_many()
            .col_expr(
                user::Column::DeletionDueAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::DeletionDueAt.is_not_null())
            .exec(&txn)
            .await?;
        if cancelled.rows_affected == 1 {
            let email = templates::deletion_cancelled(
                language_of(person),
                person.kind.portal(),
                &person.email,
                &person.first_name,
            );
            mail_outbox::enqueue(&txn, &email, now).await?;
            Audit::by_self(person.id)
                .account(person.account_id)
                .record(&txn, AuditAction::DeletionCancelled, now)
                .await?;
        }
        txn.commit().await?;
        self.outbox.wake();
        Ok(())
    }

    /// Erases the account of this address if its deletion is due. True if it was.
    pub async fn erase_if_due(
        &self,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(person) = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(address))
            .filter(user::Column::DeletionDueAt.lte(now))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        // Re-read under the row's lock: a log-in may just have cancelled it.
        hold_for_erasure(&txn, person.id).await?;
        let Some(person) = user::Entity::find_by_id(person.id)
            .filter(user::Column::DeletionDueAt.lte(now))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        let ended = self.erase(&txn, &person, Why::OwnerAsked, now).await?;
        txn.commit().await?;
        self.delete_stored_sessions(ended).await;
        tracing::info!("erased an account whose deletion fell due");
        Ok(true)
    }
}
