//! An address carried to the page that follows a step — the log-in form after a verified
//! address, "check your email" after registering — in the session, never in a URL.
use app::api::CarriedOver;
use tower_sessions::Session;

use crate::services::session::keys;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn carry_over_at(
        &self,
        session: &Session,
        carried: &CarriedOver,
    ) -> Result<(), ServiceError> {
        keys::CARRIED_OVER.put(session, carried).await?;
        Ok(())
    }

    pub async fn carried_over_at(
        &self,
        session: &Session,
    ) -> Result<Option<CarriedOver>, ServiceError> {
        Ok(keys::CARRIED_OVER.get(session).await?)
    }
}
