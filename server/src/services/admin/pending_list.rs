//! The requests that came without a company, as the administration lists them to give
//! each one to a company (or reject it); with a search, also the ones the staff rejected,
//! to reopen one.
use app::api::{Access, Listing, PendingList, LISTED_COMPANIES, PER_PAGE};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, PaginatorTrait, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user;
use crate::services::session::caller::settle;
use crate::services::support::company_queries::requests_page;
use crate::services::support::views::{contains_any, search_text};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Requests that came without a company, oldest first, searched by the person's name
    /// or address, a page at a time.
    pub async fn pending_requests_at(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PendingList>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            let query = search_text(&query);
            let mut requests = requests_page(
                &self.db,
                pending_condition(&query),
                page.saturating_mul(PER_PAGE),
                PER_PAGE + 1,
            )
            .await?;
            let more = requests.len() as u64 > PER_PAGE;
            requests.truncate(PER_PAGE as usize);
            Ok(Access::Granted(PendingList {
                requests,
                accounts: self.companies_to_choose().await?,
                listing: Listing { query, page, more },
            }))
        })
        .await
    }

    /// The companies a waiting request can be given to, by name, while there are few
    /// enough to list (more are found by a search instead).
    async fn companies_to_choose(&self) -> Result<Vec<(i32, String)>, DbErr> {
        let companies = account::Entity::find().count(&self.db).await?;
        if companies > LISTED_COMPANIES {
            return Ok(Vec::new());
        }
        Ok(account::Entity::find()
            .order_by_asc(account::Column::Name)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect())
    }
}

/// The requests the administration's list shows: those waiting for a company, and with a
/// search, whose person's name or address contains `query`.
fn pending_condition(query: &str) -> Condition {
    let waiting =
        Condition::all().add(registration_request::Column::State.eq(RequestState::AwaitingAccount));
    if query.is_empty() {
        return waiting;
    }
    // A search also finds the staff's own rejections, to reopen one (the list itself shows
    // only what waits).
    let rejected_by_staff = Condition::all()
        .add(registration_request::Column::State.eq(RequestState::Rejected))
        .add(registration_request::Column::AccountId.is_null());
    let condition = Condition::any().add(waiting).add(rejected_by_staff);
    // Correlated (EXISTS), so that only the waiting requests' people are read: an IN over
    // the matching people would scan all of them.
    Condition::all().add(condition).add(Expr::exists(
        sea_orm::sea_query::Query::select()
            .expr(Expr::val(1))
            .from(user::Entity)
            .and_where(Expr::col((user::Entity, user::Column::Id)).equals((
                registration_request::Entity,
                registration_request::Column::UserId,
            )))
            .cond_where(contains_any(
                query,
                &[
                    user::Column::EmailNormalized,
                    user::Column::FirstName,
                    user::Column::LastName,
                ],
            ))
            .to_owned(),
    ))
}
