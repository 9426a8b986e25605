//! The codes that prove a second factor: an authenticator app's (which also proves who
//! one is on "Confirm it's you", `reauthentication`) and a recovery code. Each is used
//! once, by one conditional `UPDATE`; wrong ones count against `attempt_limits`.
use app::forms::{ErrorKind, Field, FieldErrors, Message};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter};

use super::WRONG_CODE;
use crate::db::entities::{recovery_code, user};
use crate::factors::{recovery_codes, totp};
use crate::limits::{self, wait_in_words};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// An authenticator app's code, accepted once: the step it was accepted in is
    /// recorded with one conditional update, so that two requests with one code cannot
    /// both pass.
    pub(super) async fn use_app_code(
        &self,
        person: &user::Model,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let Some(secret) = &person.totp_secret else {
            return Ok(false);
        };
        let Some(step) =
            totp::accepted_step(secret, code, now.timestamp() as u64, person.totp_last_step)
        else {
            return Ok(false);
        };
        let recorded = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(step))
            .filter(user::Column::Id.eq(person.id))
            .filter(
                sea_orm::Condition::any()
                    .add(user::Column::TotpLastStep.is_null())
                    .add(user::Column::TotpLastStep.lt(step)),
            )
            .exec(&self.db)
            .await?;
        Ok(recorded.rows_affected == 1)
    }

    /// A recovery code, used once (one conditional update); its owner is told by email.
    pub(super) async fn use_recovery_code(
        &self,
        person: &user::Model,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let used = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(now))
            .filter(recovery_code::Column::UserId.eq(person.id))
            .filter(recovery_code::Column::CodeHash.eq(recovery_codes::hash(person.id, code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if used.rows_affected != 1 {
            txn.rollback().await?;
            return Ok(false);
        }
        let left = self.factors_of(&txn, person.id).await?.recovery_codes_left;
        self.tell(
            &txn,
            person,
            Message::key_with(
                "email-security-recovery-code-used",
                &[("left", left.to_string())],
            ),
            now,
        )
        .await?;
        Audit::by_self(person.id)
            .record(&txn, AuditAction::RecoveryCodeUsed, now)
            .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(true)
    }

    /// Checks a person's password, or a current code from their authenticator app (six
    /// digits, when they have one): either proves who they are. Wrong ones count against
    /// the limits of wrong passwords and of wrong codes.
    pub(crate) async fn password_or_app_code(
        &self,
        person: &user::Model,
        input: String,
        now: DateTime<Utc>,
    ) -> Result<Result<(), FieldErrors>, ServiceError> {
        let code = match app::forms::rules::app_code(&input) {
            Ok(code) if person.totp_secret.is_some() => code,
            _ => return self.check_password_again(person, input, now).await,
        };
        let limit = &self.limits.second_factor;
        let key = person.id.to_string();
        if let Err(wait) = limits::attempt(&self.db, limit, &key, now).await? {
            return Ok(Err(too_many_codes_on(Field::CurrentPassword, wait)));
        }
        if !self.use_app_code(person, &code, now).await? {
            return Ok(Err(FieldErrors::one(Field::CurrentPassword, WRONG_CODE)));
        }
        limits::refund(&self.db, limit, &key, now).await?;
        Ok(Ok(()))
    }
}

pub(super) fn too_many_codes(wait: std::time::Duration) -> FieldErrors {
    too_many_codes_on(Field::Code, wait)
}

fn too_many_codes_on(field: Field, wait: std::time::Duration) -> FieldErrors {
    FieldErrors::one_of_kind(
        field,
        Message::key_with(
            "service-two-factor-too-many",
            &[("wait", wait_in_words(wait))],
        ),
        ErrorKind::TooManyAttempts,
    )
}
