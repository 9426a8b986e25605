//! An app's sign-in waiting for a person who registers on the way (issue 22): the
//! registration (area `account`) keeps it waiting while the new address is verified. The
//! rest of a waiting authorization's life is `oidc::pending`'s.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::oidc_pending_authorization as pending;
use crate::tokens::hash_token;

/// As long as the verification link of the new address lives.
pub const LIFETIME_WHILE_REGISTERING: Duration = Duration::hours(24);

/// Where a waiting authorization goes on (`oidc::pending::resume_path`).
const RESUME_PREFIX: &str = "/oidc/authorize/resume/";

/// Keeps the authorization `resume` (its resume address) waiting while the person who
/// registered from it verifies their address; false when it is unknown or gone.
pub async fn wait_for_registration<C: ConnectionTrait>(
    db: &C,
    resume: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let Some(id) = resume.strip_prefix(RESUME_PREFIX) else {
        return Ok(false);
    };
    let updated = pending::Entity::update_many()
        .col_expr(
            pending::Column::ExpiresAt,
            Expr::value(now + LIFETIME_WHILE_REGISTERING),
        )
        .filter(pending::Column::IdHash.eq(hash_token(id)))
        .filter(pending::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}
