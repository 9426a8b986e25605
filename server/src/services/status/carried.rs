//! What waits in the session for the page that follows a step (`app::api::status`): an
//! address carried over, and whose registration a log-in found undecided or rejected.
//! Neither goes into a URL. A session that holds no log-in lasts 10 minutes unused
//! (`http/anonymous_sessions.rs`), so neither lingers.
use app::api::{AccountState, AccountStatus};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserStatus};
use crate::db::entities::{account, registration_request};
use crate::services::session::keys;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Where the person a log-in found waiting or rejected stands now; None when nobody
    /// is, or when they may log in by now.
    pub async fn account_status_at(
        &self,
        session: &Session,
    ) -> Result<Option<AccountStatus>, ServiceError> {
        let Some(id) = keys::STATUS_OF.get(session).await? else {
            return Ok(None);
        };
        let Some(person) = user::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        let request = registration_request::Entity::find()
            .filter(registration_request::Column::UserId.eq(person.id))
            .one(&self.db)
            .await?;
        let company = match request.as_ref().and_then(|r| r.account_id) {
            Some(id) => account::Entity::find_by_id(id)
                .one(&self.db)
                .await?
                .map(|company| company.name),
            None => None,
        };
        let state = match person.status {
            UserStatus::PendingApproval => match company {
                Some(company) => AccountState::AwaitingCompany { company },
                None => AccountState::AwaitingStaff,
            },
            UserStatus::Rejected => AccountState::Rejected {
                may_register_again: company.is_none(),
                company,
                reason: request
                    .and_then(|r| r.reason)
                    .filter(|reason| !reason.trim().is_empty()),
            },
            _ => return Ok(None),
        };
        Ok(Some(AccountStatus {
            first_name: person.first_name,
            state,
        }))
    }
}
