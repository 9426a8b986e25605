//! Reading a company: its contacts, its registration requests as the pages list them, its
//! active customer administrators and its open invitations. Support, because the company's
//! own pages, the administration's company record and an account's deletion all read them.
use std::collections::HashMap;

use app::api::{InvitationView, RequestView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::db::entities::invitation;
use crate::db::entities::registration_request;
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::services::support::views::{date, request_view};

pub(crate) async fn active_customer_admins<C: ConnectionTrait>(
    db: &C,
    account: i32,
) -> Result<u64, DbErr> {
    user::Entity::find()
        .filter(user::Column::AccountId.eq(account))
        .filter(user::Column::Role.eq(UserRole::CustomerAdmin))
        .filter(user::Column::Status.eq(UserStatus::Active))
        .count(db)
        .await
}

/// The contacts of a company who joined it (approved), by name.
pub(crate) async fn contacts_of<C: ConnectionTrait>(
    db: &C,
    account: i32,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::AccountId.eq(account))
        .filter(user::Column::Kind.eq(UserKind::Contact))
        .order_by_asc(user::Column::LastName)
        .order_by_asc(user::Column::FirstName)
        .all(db)
        .await
}

/// Requests matching `condition`, with their contacts and deciders, oldest first.
pub(crate) async fn requests_where<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
) -> Result<Vec<RequestView>, DbErr> {
    requests_page(db, condition, 0, u64::MAX).await
}

/// As [`requests_where`], `limit` of them from `offset` on.
pub(crate) async fn requests_page<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
    offset: u64,
    limit: u64,
) -> Result<Vec<RequestView>, DbErr> {
    let mut find = registration_request::Entity::find()
        .filter(condition)
        .find_also_related(user::Entity)
        .order_by_asc(registration_request::Column::Id);
    if limit != u64::MAX {
        find = find.offset(offset).limit(limit);
    }
    let rows = find.all(db).await?;
    let decider_ids: Vec<i32> = rows.iter().filter_map(|(r, _)| r.decided_by).collect();
    let deciders: HashMap<i32, user::Model> = if decider_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(decider_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect()
    };
    Ok(rows
        .iter()
        .filter_map(|(request, contact)| {
            let decider = request.decided_by.and_then(|id| deciders.get(&id));
            contact.as_ref().map(|c| request_view(request, c, decider))
        })
        .collect())
}

/// The pending invitations of a company, newest first, for its contact list.
pub(crate) async fn open_invitations<C: ConnectionTrait>(
    db: &C,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationView>, DbErr> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::AccountId.eq(account_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .order_by_desc(invitation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|i| InvitationView {
            id: i.id,
            name: format!("{} {}", i.first_name, i.last_name),
            email: i.email,
            customer_admin: i.role == UserRole::CustomerAdmin,
            sent: date(i.sent_at),
            expires: date(i.expires_at),
            expired: i.expires_at <= now,
        })
        .collect())
}
