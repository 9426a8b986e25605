//! Emailed links' tokens (verification, password reset, email change), shared by the
//! areas that send or open them: 32 random bytes, only the SHA-256 stored, one purpose,
//! single use through one conditional update, expiring, and a budget per address counted
//! from the token rows with the person's row held first.
use app::api::TokenStatus;
use app::forms::NormalizedEmail;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use crate::db::entities::email_token::{self, TokenPurpose};
use crate::db::entities::user;
use crate::db::hold_row;
use crate::services::{Portico, ServiceError};
use crate::tokens::{could_be_a_token, hash_token, Token};

/// How long a verification link works.
pub const VERIFICATION_LIFETIME: Duration = Duration::hours(24);

/// At most one link of a purpose per address in this long…
pub const LINK_INTERVAL: Duration = Duration::seconds(60);
/// …and at most this many a day (besides the one registration sends).
pub const LINKS_PER_DAY: u64 = 5;

impl Portico {
    /// What a link's token is now, without using it.
    pub async fn token_status_at(
        &self,
        token: &str,
        purpose: TokenPurpose,
        now: DateTime<Utc>,
    ) -> Result<TokenStatus, ServiceError> {
        if !could_be_a_token(token) {
            return Ok(TokenStatus::Unknown);
        }
        let found = email_token::Entity::find()
            .filter(email_token::Column::TokenHash.eq(hash_token(token)))
            .filter(email_token::Column::Purpose.eq(purpose))
            .one(&self.db)
            .await?;
        Ok(match found {
            None => TokenStatus::Unknown,
            Some(t) if t.used_at.is_some() => TokenStatus::Used,
            Some(t) if t.expires_at <= now => TokenStatus::Expired,
            Some(_) => TokenStatus::Valid,
        })
    }
}

/// The account of an address, if any.
pub(crate) async fn find_by_address<C: ConnectionTrait>(
    db: &C,
    email: &NormalizedEmail,
) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::EmailNormalized.eq(email.normalized()))
        .one(db)
        .await
}

/// Whether another link of this purpose may go to the person now, or how long to wait:
/// one a minute, and [`LINKS_PER_DAY`] a day besides the first. Counted from the tokens
/// themselves, so the limit holds across server instances.
pub(crate) async fn link_budget<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Result<(), std::time::Duration>, DbErr> {
    let today = email_token::Entity::find()
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::CreatedAt.gt(now - Duration::days(1)))
        .order_by_asc(email_token::Column::CreatedAt);
    let count = today.clone().count(db).await?;
    let wait_until = if count > LINKS_PER_DAY {
        let oldest = today.one(db).await?.map(|t| t.created_at);
        oldest.map(|at| at + Duration::days(1))
    } else {
        let newest = email_token::Entity::find()
            .filter(email_token::Column::UserId.eq(user_id))
            .filter(email_token::Column::Purpose.eq(purpose))
            .order_by_desc(email_token::Column::CreatedAt)
            .one(db)
            .await?
            .map(|t| t.created_at);
        newest
            .map(|at| at + LINK_INTERVAL)
            .filter(|until| *until > now)
    };
    Ok(match wait_until {
        Some(until) => Err((until - now).to_std().unwrap_or_default()),
        None => Ok(()),
    })
}

/// A new link for the person if their budget for links of this purpose allows one now,
/// else how long until it does. The person's row is held first, so that concurrent
/// requests are decided one after the other and together send no more than the budget.
pub(crate) async fn issue_limited_token<C: ConnectionTrait>(
    txn: &C,
    user_id: i32,
    purpose: TokenPurpose,
    lifetime: Duration,
    new_email: Option<String>,
    now: DateTime<Utc>,
) -> Result<Result<Token, std::time::Duration>, DbErr> {
    hold_row::<user::Entity, _>(txn, user::Column::Id, user_id).await?;
    if let Err(wait) = link_budget(txn, user_id, purpose, now).await? {
        return Ok(Err(wait));
    }
    issue_token(txn, user_id, purpose, lifetime, new_email, now)
        .await
        .map(Ok)
}

/// A new link for the person: its token row, with their older unused links of the same
/// purpose made to expire now.
pub(crate) async fn issue_token<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    purpose: TokenPurpose,
    lifetime: Duration,
    new_email: Option<String>,
    now: DateTime<Utc>,
) -> Result<Token, DbErr> {
    email_token::Entity::update_many()
        .col_expr(email_token::Column::ExpiresAt, Expr::value(now))
        .filter(email_token::Column::UserId.eq(user_id))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    let token = Token::generate();
    email_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose),
        token_hash: Set(token.hash()),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        used_at: Set(None),
        new_email: Set(new_email),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Uses a token of this purpose if it is unused and unexpired: one conditional update,
/// so it works once however many requests race. Returns its row.
pub(crate) async fn use_token<C: ConnectionTrait>(
    db: &C,
    token: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<email_token::Model>, DbErr> {
    let hash = hash_token(token);
    let used = email_token::Entity::update_many()
        .col_expr(email_token::Column::UsedAt, Expr::value(now))
        .filter(email_token::Column::TokenHash.eq(hash.as_str()))
        .filter(email_token::Column::Purpose.eq(purpose))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if used.rows_affected == 0 {
        return Ok(None);
    }
    email_token::Entity::find()
        .filter(email_token::Column::TokenHash.eq(hash))
        .one(db)
        .await
}
