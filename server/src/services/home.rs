//! What a portal's home shows the person signed in: their company and role, and what
//! waits for them.
use app::api::{HomeRole, HomeView};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tower_sessions::Session;

use super::{Portico, ServiceError};
use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{UserKind, UserRole};

impl Portico {
    pub async fn home_at(&self, session: &Session) -> Result<Option<HomeView>, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(None);
        };
        let company = match person.account_id {
            Some(id) => account::Entity::find_by_id(id).one(&self.db).await?,
            None => None,
        };
        let waiting_requests = match (&company, person.role) {
            (Some(company), UserRole::CustomerAdmin) => Some(
                registration_request::Entity::find()
                    .filter(registration_request::Column::AccountId.eq(company.id))
                    .filter(registration_request::Column::State.eq(RequestState::AwaitingApproval))
                    .count(&self.db)
                    .await?,
            ),
            _ => None,
        };
        let role = match (person.kind, person.role) {
            (_, UserRole::Admin) => HomeRole::Administrator,
            (_, UserRole::CustomerAdmin) => HomeRole::CustomerAdmin,
            (UserKind::Consumer, _) => HomeRole::Consumer,
            _ => HomeRole::Contact,
        };
        Ok(Some(HomeView {
            has_second_factor: self.factors_of(&self.db, person.id).await?.any(),
            portal: person.kind.portal(),
            first_name: person.first_name,
            company: company.map(|c| c.name),
            role,
            waiting_requests,
        }))
    }
}
