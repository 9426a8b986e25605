//! Adding a second factor (an authenticator app, a passkey): who may add one now, and the
//! one sequence every new factor ends with — recovery codes with a person's first
//! factor, a notice to them, the audit — and where they go then (someone required to
//! set one up is logged in).
use app::api::Client;
use app::forms::Message;
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseTransaction, DbErr};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::db::hold_row;
use crate::services::session::caller::{Refusal, Stop};
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::pending::Pending;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::stored_factors::replace_recovery_codes;
use crate::services::{Portico, ServiceError};

/// Who may add a second factor now.
pub(crate) enum Setter {
    /// Logged in, and proved who they are lately.
    Person(user::Model),
    /// Part-way through logging in, required to set one up first.
    SettingUp { user: user::Model, pending: Pending },
}

impl Setter {
    pub(crate) fn person(&self) -> &user::Model {
        match self {
            Setter::Person(user) | Setter::SettingUp { user, .. } => user,
        }
    }
}

/// A factor being added: the transaction that stores it, with its owner's row held, and
/// whether it is their first (which comes with recovery codes).
pub(crate) struct NewFactor {
    pub(crate) txn: DatabaseTransaction,
    first: bool,
}

impl NewFactor {
    /// The factor is not added after all.
    pub(crate) async fn abandon(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

/// What a new factor's owner is told, and what the audit log records of it.
pub(crate) struct Added {
    pub(crate) notice: Message,
    pub(crate) action: AuditAction,
    pub(crate) detail: Option<String>,
}

impl Portico {
    /// Who may add a second factor on this session now: the person logged in, if they
    /// proved who they are lately, or someone part-way through logging in who must set
    /// one up first.
    pub(crate) async fn setter(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Setter, Stop> {
        if let Ok(person) = self.caller(session).await?.person() {
            self.fresh_proof(session, now).await?;
            return Ok(Setter::Person(person));
        }
        match self.pending(session, now).await? {
            Some((pending, user)) if pending.set_up => Ok(Setter::SettingUp { user, pending }),
            _ => Err(Refusal::LogInFirst.into()),
        }
    }

    /// Begins adding a factor for `person`: the transaction to store it in.
    pub(crate) async fn begin_new_factor(
        &self,
        person: &user::Model,
    ) -> Result<NewFactor, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let first = !self.factors_of(&txn, person.id).await?.any();
        Ok(NewFactor { txn, first })
    }

    /// The factor is stored in `new`'s transaction: the first comes with recovery codes,
    /// the owner is told, the audit log records it, and all is committed together. Then
    /// where the person goes.
    pub(crate) async fn after_factor_added(
        &self,
        session: &Session,
        setter: &Setter,
        new: NewFactor,
        added: Added,
        client: &Client,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let person = setter.person();
        let NewFactor { txn, first } = new;
        let codes = match first {
            true => Some(replace_recovery_codes(&txn, person.id, now).await?),
            false => None,
        };
        self.tell(&txn, person, added.notice, now).await?;
        Audit {
            detail: added.detail,
            ..Audit::by_self(person.id)
        }
        .record(&txn, added.action, now)
        .await?;
        txn.commit().await?;
        self.outbox.wake();
        // Setting a factor up while logging in proves it as well as the password.
        let factors = match added.action {
            AuditAction::PasskeyAdded => FactorsUsed::PASSWORD.and_passkey(),
            _ => FactorsUsed::PASSWORD.and_code(),
        };
        self.on_after_factor_added(session, setter, client, codes, factors, now)
            .await
    }

    /// Where a person goes once a factor is added: their new recovery codes (if this was
    /// the first factor), then on; someone who had to set one up is logged in first.
    async fn on_after_factor_added(
        &self,
        session: &Session,
        setter: &Setter,
        client: &Client,
        codes: Option<Vec<String>>,
        factors: FactorsUsed,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let person = setter.person();
        let portal = person.kind.portal();
        let next = match setter {
            Setter::SettingUp { pending, .. } => {
                self.finish_log_in(session, person, pending.next.clone(), client, factors, now)
                    .await?
            }
            Setter::Person(_) => portal.path("/security"),
        };
        Ok(match codes {
            Some(codes) => {
                keys::FRESH_RECOVERY_CODES
                    .put(session, &(codes, next))
                    .await?;
                portal.path("/security/recovery-codes")
            }
            None => next,
        })
    }
}
