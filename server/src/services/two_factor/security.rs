//! The security page: the person's second factors and whether they must have one.
use app::api::{Access, PasskeyView, SecurityView};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::passkey;
use crate::services::session::caller::settle;
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn security_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<SecurityView>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            let factors = self.factors_of(&self.db, person.id).await?;
            let passkeys = passkey::Entity::find()
                .filter(passkey::Column::UserId.eq(person.id))
                .order_by_asc(passkey::Column::CreatedAt)
                .all(&self.db)
                .await?
                .into_iter()
                .map(|p| PasskeyView {
                    id: p.id,
                    name: p.name,
                    added: date(p.created_at),
                    last_used: p.last_used_at.map(date),
                })
                .collect();
            Ok(Access::Granted(SecurityView {
                app_since: person.totp_enabled_at.map(date),
                passkeys,
                recovery_codes_left: factors.recovery_codes_left,
                required: self.must_have_second_factor(&person).await?,
                recently_authenticated: self.recently_authenticated(session, now).await?,
                passkeys_here: self.passkeys.is_some(),
            }))
        })
        .await
    }
}
