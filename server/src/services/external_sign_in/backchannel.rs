//! Back-channel logout from a provider (OpenID Connect Back-Channel Logout 1.0): its
//! verified logout token names the person's `sub` there and/or the provider session's
//! `sid`; the Portico logins made through that provider with them end, and with them
//! the app sessions they opened (issue 22's back-channel logouts to the apps follow).
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::db::entities::login;
use crate::services::support::app_sessions::end_app_sessions_of_login;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Ends the logins made through `provider_id` in the provider session `sid`, or every
    /// login of `subject` through it when the token names no session. Says how many
    /// ended. A token that names neither ends nothing (the verifier refuses it first).
    pub async fn end_provider_sessions_at(
        &self,
        provider_id: i32,
        subject: Option<&str>,
        sid: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<usize, ServiceError> {
        if subject.is_none() && sid.is_none() {
            return Ok(0);
        }
        let mut ending = login::Entity::find().filter(login::Column::ProviderId.eq(provider_id));
        if let Some(subject) = subject {
            ending = ending.filter(login::Column::ProviderSubject.eq(subject));
        }
        if let Some(sid) = sid {
            ending = ending.filter(login::Column::ProviderSid.eq(sid));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        let ended = ending.all(&txn).await?;
        for ended in &ended {
            end_app_sessions_of_login(&txn, &ended.id, now).await?;
        }
        let ids: Vec<String> = ended.iter().map(|l| l.id.clone()).collect();
        login::Entity::delete_many()
            .filter(login::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        let count = ended.len();
        let stored = ended.into_iter().filter_map(|l| l.session_id).collect();
        self.delete_stored_sessions(stored).await;
        tracing::info!(
            provider = provider_id,
            count,
            "a provider logged people out"
        );
        Ok(count)
    }
}
