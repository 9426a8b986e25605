//! Recovery codes, as their owner sees them: a new set for old, and the set just made,
//! shown once. (The first set comes with a first factor, `new_factor`; a code used at
//! log-in is checked in `session::second_step::codes`.)
use app::api::{Access, Confirmation, RecoveryCodesView};
use app::forms::{ErrorKind, Field, Message};
use chrono::{DateTime, Utc};
use tower_sessions::Session;

use super::rejected;
use crate::db::entities::user;
use crate::db::hold_row;
use crate::services::session::caller::settle;
use crate::services::session::keys;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::stored_factors::replace_recovery_codes;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// New recovery codes for old (the old ones stop working).
    pub async fn regenerate_recovery_codes_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Confirmation, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            self.fresh_proof(session, now).await?;
            let txn = crate::db::begin_write(&self.db).await?;
            hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
            if !self.factors_of(&txn, person.id).await?.any() {
                txn.rollback().await?;
                return Ok(rejected(
                    Field::Form,
                    "service-two-factor-codes-need-factor",
                    ErrorKind::Conflict,
                ));
            }
            let codes = replace_recovery_codes(&txn, person.id, now).await?;
            self.tell(
                &txn,
                &person,
                Message::from("email-security-new-recovery-codes"),
                now,
            )
            .await?;
            Audit::by_self(person.id)
                .record(&txn, AuditAction::RecoveryCodesRegenerated, now)
                .await?;
            txn.commit().await?;
            self.outbox.wake();
            let portal = person.kind.portal();
            keys::FRESH_RECOVERY_CODES
                .put(session, &(codes, portal.path("/security")))
                .await?;
            Ok(Confirmation::Confirmed {
                to: portal.path("/security/recovery-codes"),
            })
        })
        .await
    }

    /// The recovery codes just made, taken from the session: they are shown once.
    pub async fn fresh_recovery_codes_at(
        &self,
        session: &Session,
    ) -> Result<Access<RecoveryCodesView>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            let (codes, next) = keys::FRESH_RECOVERY_CODES
                .take(session)
                .await?
                .unwrap_or_else(|| (Vec::new(), person.kind.portal().path("/security")));
            let left = self
                .factors_of(&self.db, person.id)
                .await?
                .recovery_codes_left;
            Ok(Access::Granted(RecoveryCodesView { codes, left, next }))
        })
        .await
    }
}
