//! The guards from before [`super::caller::Caller`], kept only while the areas move to the
//! caller (issue 21). Nothing new uses them; this file goes when the last use does.
use app::api::Access;
use tower_sessions::Session;

use super::caller::{Caller, CustomerAdmin, Refusal, Refused};
use crate::db::entities::user;
use crate::services::{Portico, ServiceError};

fn access<T>(asked: Result<T, Refusal>) -> Access<T> {
    asked.map_or_else(Access::refused, Access::Granted)
}

impl Portico {
    pub async fn customer_admin(
        &self,
        session: &Session,
    ) -> Result<Access<CustomerAdmin>, ServiceError> {
        Ok(access(self.caller(session).await?.customer_admin()))
    }

    pub async fn administrator(
        &self,
        session: &Session,
    ) -> Result<Access<user::Model>, ServiceError> {
        let caller: Caller = self.caller(session).await?;
        Ok(access(caller.administrator()))
    }
}
