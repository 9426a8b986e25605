//! Deleting an account: the person schedules it (7 days, cancelled by logging in), or an
//! administrator does it at once with a reason. Erasing (`erasure.rs`) removes every row
//! that holds the person's data; the audit log keeps that an account was deleted, without
//! who.
use app::api::{Access, ActionOutcome, DeletionView};
use app::forms::leaving::{ValidAdminDeletion, ValidDeletion};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::user::{self, UserKind, UserRole};
use crate::db::hold_row;
use crate::mail::{language_of, outbox as mail_outbox, templates};
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::erasure::{hold_for_erasure, Why};
use crate::services::support::views::{date, full_name};
use crate::services::{Portico, ServiceError};

/// How long a person has to change their mind.
pub const DELETION_GRACE: Duration = Duration::days(7);

impl Portico {
    pub async fn deletion_view_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<DeletionView>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            Ok(Access::Granted(DeletionView {
                blocked: self
                    .why_not_delete(&self.db, &person)
                    .await?
                    .map(|why| why.text()),
                would_happen: date(now + DELETION_GRACE),
            }))
        })
        .await
    }

    /// Why this person cannot delete their own account now, if they cannot.
    async fn why_not_delete<C: ConnectionTrait>(
        &self,
        db: &C,
        person: &user::Model,
    ) -> Result<Option<app::forms::Message>, DbErr> {
        if person.kind == UserKind::Staff {
            return Ok(Some("service-deletion-administrator".into()));
        }
        let Some(account_id) = person.account_id else {
            return Ok(None);
        };
        if person.role != UserRole::CustomerAdmin {
            return Ok(None);
        }
        let admins =
            crate::services::support::company_queries::active_customer_admins(db, account_id)
                .await?;
        if admins > 1 {
            return Ok(None);
        }
        let company = account::Entity::find_by_id(account_id)
            .one(db)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        Ok(Some(app::forms::Message::key_with(
            "service-deletion-last-admin",
            &[("company", company)],
        )))
    }

    /// "Delete my account": after the password, the deletion is scheduled, every session
    /// ends, and an email says how to cancel.
    pub async fn delete_account_at(
        &self,
        session: &Session,
        form: ValidDeletion,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            if let Err(errors) = self
                .check_password_again(&person, form.password, now)
                .await?
            {
                return Ok(ActionOutcome::Rejected { errors });
            }
            let txn = crate::db::begin_write(&self.db).await?;
            if let Some(account_id) = person.account_id {
                // Serialized with role changes in the company: two last administrators cannot
                // both leave.
                hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id).await?;
            }
            if let Some(why) = self.why_not_delete(&txn, &person).await? {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    why,
                    ErrorKind::Conflict,
                ));
            }
            let due = now + DELETION_GRACE;
            user::Entity::update_many()
                .col_expr(user::Column::DeletionDueAt, Expr::value(due))
                .col_expr(user::Column::UpdatedAt, Expr::value(now))
                .filter(user::Column::Id.eq(person.id))
                .exec(&txn)
                .await?;
            let portal = person.kind.portal();
            let email = templates::deletion_scheduled(
                language_of(&person),
                portal,
                &person.email,
                &person.first_name,
                due,
                self.link(portal, "/log-in"),
            );
            mail_outbox::enqueue(&txn, &email, now).await?;
            let ended = self.end_logins(&txn, person.id, None).await?;
            Audit::by_self(person.id)
                .account(person.account_id)
                .record(&txn, AuditAction::DeletionScheduled, now)
                .await?;
            txn.commit().await?;
            self.outbox.wake();
            self.delete_stored_sessions(ended).await;
            session.flush().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-deletion-scheduled",
                &[("date", app::i18n::format_date_time(app::i18n::lang(), due))],
            )))
        })
        .await
    }

    /// An administrator deletes an account at once, saying why.
    pub async fn delete_person_at(
        &self,
        session: &Session,
        form: ValidAdminDeletion,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            if admin.id == form.person {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-deletion-own-account",
                    ErrorKind::Invalid,
                ));
            }
            self.fresh_proof(session, now).await?;
            let txn = crate::db::begin_write(&self.db).await?;
            hold_for_erasure(&txn, form.person).await?;
            let Some(person) = user::Entity::find_by_id(form.person).one(&txn).await? else {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-deletion-no-such-person",
                    ErrorKind::NotFound,
                ));
            };
            let name = full_name(&person);
            let ended = self
                .erase(
                    &txn,
                    &person,
                    Why::Administrator {
                        by: admin.id,
                        reason: &form.reason,
                    },
                    now,
                )
                .await?;
            txn.commit().await?;
            self.delete_stored_sessions(ended).await;
            tracing::info!(admin = admin.id, "deleted an account");
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-deletion-deleted",
                &[("name", name)],
            )))
        })
        .await
    }

    /// Carries out the deletions that fell due. The janitor calls it; log-in and
    /// registration call [`Portico::erase_if_due`] for their address, so that neither
    /// waits for the janitor.
    pub async fn erase_due_deletions(&self, now: DateTime<Utc>) -> Result<u64, ServiceError> {
        let due = user::Entity::find()
            .filter(user::Column::DeletionDueAt.lte(now))
            .all(&self.db)
            .await?;
        let mut erased = 0;
        for person in due {
            if self.erase_if_due(&person.email_normalized, now).await? {
                erased += 1;
            }
        }
        Ok(erased)
    }
}
