//! What a portal's home shows the person signed in: their company and role, whom to ask
//! there, and what waits for them.
use app::api::{CompanyAdmin, HomeRole, HomeView};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::services::session::caller::settle;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn home_at(&self, session: &Session) -> Result<Option<HomeView>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            let company = match person.account_id {
                Some(id) => account::Entity::find_by_id(id).one(&self.db).await?,
                None => None,
            };
            let waiting_requests = match (&company, person.role) {
                (Some(company), UserRole::CustomerAdmin) => Some(
                    registration_request::Entity::find()
                        .filter(registration_request::Column::AccountId.eq(company.id))
                        .filter(
                            registration_request::Column::State.eq(RequestState::AwaitingApproval),
                        )
                        .count(&self.db)
                        .await?,
                ),
                _ => None,
            };
            let customer_admins = match &company {
                Some(company) => self.customer_admins_of(company.id, person.id).await?,
                None => Vec::new(),
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
                customer_admins,
            }))
        })
        .await
    }

    /// The active customer administrators of a company but `except`, by name.
    async fn customer_admins_of(
        &self,
        company: i32,
        except: i32,
    ) -> Result<Vec<CompanyAdmin>, ServiceError> {
        Ok(user::Entity::find()
            .filter(user::Column::AccountId.eq(company))
            .filter(user::Column::Role.eq(UserRole::CustomerAdmin))
            .filter(user::Column::Status.eq(UserStatus::Active))
            .filter(user::Column::Id.ne(except))
            .order_by_asc(user::Column::FirstName)
            .order_by_asc(user::Column::LastName)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|admin| CompanyAdmin {
                name: format!("{} {}", admin.first_name, admin.last_name),
                email: admin.email,
            })
            .collect())
    }
}
