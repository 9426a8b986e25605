//! Rows as the pages show them: names, statuses and dates in words.
use app::api::{AccountSummary, ContactStatus, ContactView, RequestStatus, RequestView};
use app::forms::registration_code::display_code;
use chrono::{DateTime, Utc};

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserRole, UserStatus};

/// "24 Nov 2026, 09:05 UTC", in the current page's language.
pub fn date(at: DateTime<Utc>) -> String {
    app::i18n::format_date_time(app::i18n::lang(), at)
}

pub fn full_name(user: &user::Model) -> String {
    format!("{} {}", user.first_name, user.last_name)
}

/// A request with its contact, and the person who decided it if anyone did.
pub fn request_view(
    request: &registration_request::Model,
    contact: &user::Model,
    decider: Option<&user::Model>,
) -> RequestView {
    let status = match request.state {
        RequestState::AwaitingVerification | RequestState::AwaitingAccount => {
            RequestStatus::AwaitingAccount
        }
        RequestState::AwaitingApproval => RequestStatus::AwaitingApproval,
        RequestState::Approved => RequestStatus::Approved,
        RequestState::Rejected => RequestStatus::Rejected,
    };
    let decided = request.decided_at.map(|at| match decider {
        Some(decider) => app::i18n::t_with(
            "service-views-decided-by",
            &[("name", full_name(decider)), ("date", date(at))],
        ),
        None => app::i18n::t_with("service-views-decided-automatically", &[("date", date(at))]),
    });
    RequestView {
        id: request.id,
        name: full_name(contact),
        email: contact.email.clone(),
        requested: date(request.created_at),
        status,
        decided,
        reason: request.reason.clone(),
    }
}

pub fn contact_view(contact: &user::Model, viewer: i32) -> ContactView {
    ContactView {
        id: contact.id,
        name: full_name(contact),
        email: contact.email.clone(),
        status: if contact.status == UserStatus::Disabled {
            ContactStatus::LoginDisabled
        } else {
            ContactStatus::Active
        },
        customer_admin: contact.role == UserRole::CustomerAdmin,
        last_log_in: contact.last_login_at.map(date),
        is_you: contact.id == viewer,
    }
}

pub fn account_summary(account: &account::Model, contacts: u64, awaiting: u64) -> AccountSummary {
    AccountSummary {
        id: account.id,
        name: account.name.clone(),
        domains: account.domains(),
        auto_approve: account.auto_approve,
        registration_code: display_code(&account.registration_code),
        contacts,
        awaiting_approval: awaiting,
        require_two_factor: account.require_two_factor,
    }
}

/// A case-insensitive "contains" condition on `columns` for an administrator's search
/// (at most 100 characters; `%` and `_` match themselves).
pub fn contains_any<C: sea_orm::ColumnTrait>(query: &str, columns: &[C]) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, Func, LikeExpr};
    let pattern = format!("%{}%", escape_like(&query.to_lowercase()));
    columns
        .iter()
        .fold(sea_orm::Condition::any(), |any, column| {
            any.add(
                Expr::expr(Func::lower(Expr::col(*column)))
                    .like(LikeExpr::new(pattern.clone()).escape('\\')),
            )
        })
}

/// A search as typed, trimmed and cut to 100 characters.
pub fn search_text(query: &str) -> String {
    query.trim().chars().take(100).collect()
}

/// `%`, `_` and `\\` match themselves in a LIKE pattern.
pub fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The rows of a count grouped by an id column (`SELECT key, COUNT(…) … GROUP BY key`), as a
/// map from the id; rows without an id are left out.
pub async fn grouped_counts<C: sea_orm::ConnectionTrait, E: sea_orm::EntityTrait>(
    db: &C,
    query: sea_orm::Select<E>,
) -> Result<std::collections::HashMap<i32, u64>, sea_orm::DbErr> {
    let rows: Vec<(Option<i32>, i64)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(key, n)| key.map(|key| (key, n as u64)))
        .collect())
}
