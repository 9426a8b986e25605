//! Who is asking: the session's person, and what they may manage. Every service that acts
//! for someone starts here; pages only hide what the services refuse anyway.
use app::api::Access;
use chrono::Utc;
use sea_orm::EntityTrait;
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::entities::{account, login};
use crate::services::account::log_in::SESSION_USER_ID;
use crate::services::{Portico, ServiceError};

/// A customer administrator and the company they manage.
pub struct CustomerAdmin {
    pub user: user::Model,
    pub account: account::Model,
}

impl Portico {
    /// The person logged in to this session, while their account is active and the
    /// session's login has not been ended.
    pub async fn session_person(
        &self,
        session: &Session,
    ) -> Result<Option<user::Model>, ServiceError> {
        Ok(self.session_login(session).await?.map(|(person, _)| person))
    }

    /// The session's person and their login.
    pub async fn session_login(
        &self,
        session: &Session,
    ) -> Result<Option<(user::Model, login::Model)>, ServiceError> {
        let Some(id) = session.get::<i32>(SESSION_USER_ID).await? else {
            return Ok(None);
        };
        let Some(person) = user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .filter(|u| u.status == UserStatus::Active)
        else {
            return Ok(None);
        };
        Ok(self
            .current_login(session, person.id, Utc::now())
            .await?
            .map(|login| (person, login)))
    }

    /// The session's customer administrator with their company, or why not.
    pub async fn customer_admin(
        &self,
        session: &Session,
    ) -> Result<Access<CustomerAdmin>, ServiceError> {
        let Some(user) = self.session_person(session).await? else {
            return Ok(Access::LogInFirst);
        };
        if user.kind != UserKind::Contact || user.role != UserRole::CustomerAdmin {
            return Ok(Access::Denied);
        }
        let Some(account_id) = user.account_id else {
            return Ok(Access::Denied);
        };
        Ok(
            match account::Entity::find_by_id(account_id)
                .one(&self.db)
                .await?
            {
                Some(account) => Access::Granted(CustomerAdmin { user, account }),
                None => Access::Denied,
            },
        )
    }

    /// The session's administrator (one of ours), or why not.
    pub async fn administrator(
        &self,
        session: &Session,
    ) -> Result<Access<user::Model>, ServiceError> {
        Ok(match self.session_person(session).await? {
            None => Access::LogInFirst,
            Some(user) if is_administrator(&user) => Access::Granted(user),
            Some(_) => Access::Denied,
        })
    }
}

pub fn is_administrator(user: &user::Model) -> bool {
    user.kind == UserKind::Staff && user.role == UserRole::Admin
}
