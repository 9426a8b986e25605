//! The business registration's approval: a state machine over `registration_requests`.
//!
//! ```text
//! awaiting_verification ──verified──▶ approved            (code of an auto-approving company,
//!        │                                                  address in its domains)
//!        ├──verified, with a code──▶ awaiting_approval ──customer admin──▶ approved | rejected
//!        └──verified, no code─────▶ awaiting_account ──administrator──▶ awaiting_approval
//!                                                                    └─▶ approved | rejected
//! ```
//! Each step is one conditional update (the request must still be in the state the
//! decision was made from), so a request is decided once however many people press the
//! button at the same moment. The contact's status, the emails and the audit record
//! change in the same transaction.
//!
//! Support, not an area: a company's customer administrators (`company`), Portico's
//! administrators (`admin`) and the verification of an address (`account`) all move
//! requests, and areas do not use each other.
pub mod decisions;
pub mod reopening;
pub mod verified;

use app::api::ActionOutcome;
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserStatus};
use crate::db::hold_row;
use crate::services::support::views::full_name;

/// Moves a request out of `from` (and, when given, only within `account`): one
/// conditional update. True if it moved; false if it was no longer in `from`.
pub(crate) async fn move_request<C: ConnectionTrait>(
    db: &C,
    id: i32,
    from: RequestState,
    account: Option<i32>,
    set: Vec<(registration_request::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    let mut update = registration_request::Entity::update_many()
        .filter(registration_request::Column::Id.eq(id))
        .filter(registration_request::Column::State.eq(from));
    if let Some(account) = account {
        update = update.filter(registration_request::Column::AccountId.eq(account));
    }
    for (column, value) in set {
        update = update.col_expr(column, value);
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Sets a contact's status (and, when approved, their company).
pub(crate) async fn set_status<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    status: UserStatus,
    account: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut update = user::Entity::update_many()
        .col_expr(user::Column::Status, Expr::value(status))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id));
    if let Some(account) = account {
        update = update.col_expr(user::Column::AccountId, Expr::value(account));
    }
    update.exec(db).await?;
    Ok(())
}

/// Holds a registration request's row for the transaction (SQLite's write lock, and the
/// lock order's second place: see `db::hold_row`), then reads it.
pub(crate) async fn hold_request(
    txn: &sea_orm::DatabaseTransaction,
    request_id: i32,
) -> Result<Option<registration_request::Model>, sea_orm::DbErr> {
    hold_row::<registration_request::Entity, _>(txn, registration_request::Column::Id, request_id)
        .await?;
    registration_request::Entity::find_by_id(request_id)
        .one(txn)
        .await
}

pub(crate) fn no_such_request() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        "service-approval-no-such-request",
        ErrorKind::NotFound,
    )
}

/// Someone settled the request first (or it never reached the state the page showed).
pub(crate) fn already_decided(
    contact: &user::Model,
    request: &registration_request::Model,
    expected: RequestState,
) -> ActionOutcome {
    let key = match request.state {
        RequestState::Approved => "service-approval-already-approved",
        RequestState::Rejected => "service-approval-already-rejected",
        state if state == expected => "service-approval-changed-meanwhile",
        _ => "service-approval-not-waiting",
    };
    ActionOutcome::refused(
        Field::Form,
        app::forms::Message::key_with(key, &[("name", full_name(contact))]),
        ErrorKind::Conflict,
    )
}
