//! The lock on the second step of a log-in. The per-person limit on codes (one a minute
//! after five) slows a guesser who knows the password but never stops them: ~1,440
//! guesses a day find a six-digit code (±1 step) within a month about one time in eight.
//! So wrong codes in a row are counted on the person, and the tenth within a day locks
//! the step until the owner resets their password by email (which proves the mailbox)
//! or an administrator resets their factors; the owner is told by email at once.
use app::forms::Message;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::user;
use crate::db::hold_row;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};

/// Wrong codes in a row that lock the second step.
pub const WRONG_CODES_BEFORE_LOCK: i32 = 10;
/// Wrong codes further apart than this start the count again.
pub const WRONG_CODES_WINDOW: Duration = Duration::hours(24);

/// The key of the message that says the step is locked, and how to unlock it.
pub const LOCKED: &str = "service-two-factor-locked";

impl Portico {
    /// Counts a wrong code against the person; true if the step is locked now (the
    /// owner is emailed the moment it locks).
    pub(crate) async fn count_wrong_code(
        &self,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        // Held first: concurrent wrong codes are counted one after the other.
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let Some(current) = user::Entity::find_by_id(person.id).one(&txn).await? else {
            return Ok(false);
        };
        if current.second_factor_locked_at.is_some() {
            return Ok(true);
        }
        let recent = current
            .second_factor_failed_at
            .is_some_and(|at| now - at <= WRONG_CODES_WINDOW);
        let failures = if recent {
            current.second_factor_failures + 1
        } else {
            1
        };
        let locks = failures >= WRONG_CODES_BEFORE_LOCK;
        let mut update = user::Entity::update_many()
            .col_expr(user::Column::SecondFactorFailures, Expr::value(failures))
            .col_expr(user::Column::SecondFactorFailedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id));
        if locks {
            update = update.col_expr(user::Column::SecondFactorLockedAt, Expr::value(now));
        }
        update.exec(&txn).await?;
        if locks {
            let what = Message::key_with(
                "email-security-second-step-locked",
                &[("count", failures.to_string())],
            );
            self.tell(&txn, &current, what, now).await?;
            Audit::by_self(person.id)
                .account(person.account_id)
                .record(&txn, AuditAction::SecondStepLocked, now)
                .await?;
            tracing::warn!(user = person.id, "second step locked after wrong codes");
        }
        txn.commit().await?;
        if locks {
            self.outbox.wake();
        }
        Ok(locks)
    }

    /// A right code: the count of wrong ones starts again.
    pub(crate) async fn forget_wrong_codes(&self, person: &user::Model) -> Result<(), DbErr> {
        if person.second_factor_failures == 0 {
            return Ok(());
        }
        unlock_second_step(&self.db, person.id).await
    }
}

/// Lifts the lock and forgets the wrong codes (a reset by email, an administrator's
/// reset of the person's factors, a right code).
pub(crate) async fn unlock_second_step<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::SecondFactorFailures, Expr::value(0))
        .col_expr(
            user::Column::SecondFactorFailedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            user::Column::SecondFactorLockedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
