//! Which second factors a person has, and whether they must have one: what decides
//! whether a log-in takes a second step (and what the security page and the home show).
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter};

use crate::db::entities::user::{self, UserKind};
use crate::db::entities::{account, passkey, recovery_code};
use crate::services::support::roles::is_administrator;
use crate::services::Portico;

/// A person's second factors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Factors {
    pub app: bool,
    pub passkeys: u64,
    pub recovery_codes_left: u64,
}

impl Factors {
    pub fn any(self) -> bool {
        self.app || self.passkeys > 0
    }
}

impl Portico {
    pub async fn factors_of<C: ConnectionTrait>(
        &self,
        db: &C,
        user_id: i32,
    ) -> Result<Factors, DbErr> {
        let app = user::Entity::find_by_id(user_id)
            .one(db)
            .await?
            .is_some_and(|u| u.totp_secret.is_some());
        let passkeys = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(user_id))
            .count(db)
            .await?;
        let recovery_codes_left = recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::UsedAt.is_null())
            .count(db)
            .await?;
        Ok(Factors {
            app,
            passkeys,
            recovery_codes_left,
        })
    }

    /// Whether the person may log in only with a second factor: their company requires
    /// one, or they are one of ours and the server requires one of its administrators.
    pub async fn must_have_second_factor(&self, person: &user::Model) -> Result<bool, DbErr> {
        if is_administrator(person) {
            return Ok(self.administrators_need_two_factors);
        }
        if person.kind != UserKind::Contact {
            return Ok(false);
        }
        let Some(account_id) = person.account_id else {
            return Ok(false);
        };
        Ok(account::Entity::find_by_id(account_id)
            .one(&self.db)
            .await?
            .is_some_and(|a| a.require_two_factor))
    }
}
