//! A person's record for administrators: their account, sessions and history, and their
//! login switched off and on.
use app::api::{Access, ActionOutcome, PersonRecord, PER_PAGE};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::audit_entry;
use crate::db::entities::user::{self, UserStatus};
use crate::db::hold_row;
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::{date, full_name};
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn person_record_at(
        &self,
        session: &Session,
        id: i32,
    ) -> Result<Access<Option<PersonRecord>>, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let Some(person) = user::Entity::find_by_id(id).one(&self.db).await? else {
                return Ok(Access::Granted(None));
            };
            let view = self
                .person_views(std::slice::from_ref(&person))
                .await?
                .pop()
                .expect("one view for one person");
            let sessions = self.sessions_of(person.id, "").await?;
            let entries = audit_entry::Entity::find()
                .filter(
                    Condition::any()
                        .add(audit_entry::Column::ActorId.eq(id))
                        .add(audit_entry::Column::SubjectId.eq(id)),
                )
                .order_by_desc(audit_entry::Column::Id)
                .limit(PER_PAGE)
                .all(&self.db)
                .await?;
            let history = self.audit_views(entries).await?;
            let own = person.id == admin.id;
            Ok(Access::Granted(Some(PersonRecord {
                person: view,
                registered: date(person.created_at),
                verified: person.verified_at.map(date),
                last_log_in: person.last_login_at.map(date),
                deletion_due: person.deletion_due_at.map(date),
                sessions,
                history,
                can_disable: !own && person.status == UserStatus::Active,
                can_enable: person.status == UserStatus::Disabled,
            })))
        })
        .await
    }

    /// An administrator switches anyone's login off (their sessions end) or on again.
    pub async fn switch_login_at(
        &self,
        session: &Session,
        id: i32,
        enable: bool,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            if id == admin.id {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-records-own-login",
                    ErrorKind::Invalid,
                ));
            }
            if !enable {
                self.fresh_proof(session, now).await?;
            }
            let switch = Switch::of(enable);
            let txn = crate::db::begin_write(&self.db).await?;
            hold_row::<user::Entity, _>(&txn, user::Column::Id, id).await?;
            let Some(person) = user::Entity::find_by_id(id).one(&txn).await? else {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-records-no-such-person",
                    ErrorKind::NotFound,
                ));
            };
            let name = full_name(&person);
            if !switch.apply(&txn, id, now).await? {
                return Ok(switch.not_applicable(name));
            }
            let ended = if enable {
                Vec::new()
            } else {
                self.end_logins(&txn, id, None).await?
            };
            Audit {
                actor: Some(admin.id),
                subject: Some(id),
                account: person.account_id,
                detail: None,
            }
            .record(&txn, switch.action, now)
            .await?;
            txn.commit().await?;
            self.delete_stored_sessions(ended).await;
            Ok(switch.done(name))
        })
        .await
    }
}

/// A login switched on (from disabled to active) or off (the other way).
struct Switch {
    enable: bool,
    from: UserStatus,
    to: UserStatus,
    action: AuditAction,
}

impl Switch {
    fn of(enable: bool) -> Self {
        let (from, to, action) = if enable {
            (
                UserStatus::Disabled,
                UserStatus::Active,
                AuditAction::LoginEnabled,
            )
        } else {
            (
                UserStatus::Active,
                UserStatus::Disabled,
                AuditAction::LoginDisabled,
            )
        };
        Switch {
            enable,
            from,
            to,
            action,
        }
    }

    /// Moves person `id` from `from` to `to` in one conditional `UPDATE`: false when they
    /// were not in `from` (switched already, or never active).
    async fn apply(
        &self,
        txn: &DatabaseTransaction,
        id: i32,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let changed = user::Entity::update_many()
            .col_expr(user::Column::Status, Expr::value(self.to))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(id))
            .filter(user::Column::Status.eq(self.from))
            .exec(txn)
            .await?;
        Ok(changed.rows_affected > 0)
    }

    fn not_applicable(&self, name: String) -> ActionOutcome {
        ActionOutcome::refused(
            Field::Form,
            app::forms::Message::key_with(
                if self.enable {
                    "service-records-login-not-disabled"
                } else {
                    "service-records-login-not-active"
                },
                &[("name", name)],
            ),
            ErrorKind::Conflict,
        )
    }

    fn done(&self, name: String) -> ActionOutcome {
        ActionOutcome::done(app::i18n::t_with(
            if self.enable {
                "service-records-login-enabled"
            } else {
                "service-records-login-disabled"
            },
            &[("name", name)],
        ))
    }
}
