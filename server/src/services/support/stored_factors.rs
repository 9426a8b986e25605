//! Changes to a person's stored second factors that more than one area makes: the
//! person on their security page, an administrator resetting someone's factors.
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr};
use sea_orm::{EntityTrait, QueryFilter};

use crate::db::entities::{recovery_code, user};
use crate::factors::recovery_codes;

/// Forgets a person's authenticator app (in `txn`); a log-in waiting for its second
/// step is outdated with it.
pub(crate) async fn turn_off_app<C: ConnectionTrait>(txn: &C, user_id: i32) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(
            user::Column::TotpSecret,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            user::Column::TotpEnabledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(user::Column::TotpLastStep, Expr::value(Option::<i64>::None))
        .filter(user::Column::Id.eq(user_id))
        .exec(txn)
        .await?;
    crate::services::support::ending_logins::outdate_pending_log_ins(txn, user_id).await
}

/// A new set of recovery codes for a person (the old set deleted), stored hashed;
/// returned as they are shown.
pub(crate) async fn replace_recovery_codes<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    delete_recovery_codes(txn, user_id).await?;
    let codes = recovery_codes::generate();
    for code in &codes {
        let normalized = app::forms::rules::recovery_code(code).unwrap_or_default();
        recovery_code::ActiveModel {
            user_id: Set(user_id),
            code_hash: Set(recovery_codes::hash(user_id, &normalized)),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(codes)
}

/// Deletes a person's recovery codes (in `txn`): they go with their last second factor.
pub(crate) async fn delete_recovery_codes<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
) -> Result<(), DbErr> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}
