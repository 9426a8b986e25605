//! Removing one of the person's passkeys (they proved who they are lately). Not their
//! last factor when they must have one; their recovery codes go with their last.
use app::api::ActionOutcome;
use app::forms::{ErrorKind, Field, Message};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::{passkey, user};
use crate::db::hold_row;
use crate::services::session::caller::settle;
use crate::services::session::second_step::LAST_REQUIRED_FACTOR;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::ending_logins::outdate_pending_log_ins;
use crate::services::support::stored_factors::delete_recovery_codes;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Removes one of the person's passkeys (they proved who they are lately).
    pub async fn remove_passkey_at(
        &self,
        session: &Session,
        passkey_id: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            self.fresh_proof(session, now).await?;
            let txn = crate::db::begin_write(&self.db).await?;
            hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
            let Some(row) = passkey::Entity::find_by_id(passkey_id)
                .filter(passkey::Column::UserId.eq(person.id))
                .one(&txn)
                .await?
            else {
                txn.rollback().await?;
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-passkeys-no-such-passkey",
                    ErrorKind::NotFound,
                ));
            };
            let factors = self.factors_of(&txn, person.id).await?;
            let last = !factors.app && factors.passkeys == 1;
            if last && self.must_have_second_factor(&person).await? {
                txn.rollback().await?;
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    LAST_REQUIRED_FACTOR,
                    ErrorKind::Conflict,
                ));
            }
            passkey::Entity::delete_by_id(row.id).exec(&txn).await?;
            outdate_pending_log_ins(&txn, person.id).await?;
            if last {
                delete_recovery_codes(&txn, person.id).await?;
            }
            let name = [("name", row.name.clone())];
            self.tell(
                &txn,
                &person,
                Message::key_with("email-security-passkey-removed", &name),
                now,
            )
            .await?;
            Audit::by_self(person.id)
                .detail(row.name.clone())
                .record(&txn, AuditAction::PasskeyRemoved, now)
                .await?;
            txn.commit().await?;
            self.outbox.wake();
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-passkeys-removed",
                &name,
            )))
        })
        .await
    }
}
