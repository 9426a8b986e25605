//! Deleting an account: the person schedules it (7 days, cancelled by logging in), or an
//! administrator does it at once with a reason. Erasing removes every row that holds the
//! person's data; the audit log keeps that an account was deleted, without who.
use app::api::{Access, ActionOutcome, DeletionView};
use app::forms::leaving::{ValidAdminDeletion, ValidDeletion};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Statement, TransactionTrait,
};
use tower_sessions::Session;

use super::audit::{Audit, AuditAction};
use super::views::{date, full_name};
use super::{Portico, ServiceError};
use crate::db::entities::user::{self, UserKind, UserRole};
use crate::db::entities::{
    account, audit_entry, consent, email_token, invitation, login, outbox, passkey, recovery_code,
    registration_request, webhook_delivery,
};
use crate::db::hold_row;
use crate::mail::{language_of, outbox as mail_outbox, templates};
use crate::webhooks::{self, Event};

/// How long a person has to change their mind.
pub const DELETION_GRACE: Duration = Duration::days(7);

impl Portico {
    pub async fn deletion_view_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<DeletionView>, ServiceError> {
        let Some(person) = self.session_person(session).await? else {
            return Ok(Access::LogInFirst);
        };
        Ok(Access::Granted(DeletionView {
            blocked: self
                .why_not_delete(&self.db, &person)
                .await?
                .map(|why| why.text()),
            would_happen: date(now + DELETION_GRACE),
        }))
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
        let admins = super::company::active_customer_admins(db, account_id).await?;
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
        let Some(person) = self.session_person(session).await? else {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-deletion-log-in-first",
                ErrorKind::Forbidden,
            ));
        };
        if let Err(errors) = self
            .check_password_again(&person, form.password, now)
            .await?
        {
            return Ok(ActionOutcome::Rejected { errors });
        }
        let txn = self.db.begin().await?;
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
    }

    /// Logging in during the grace period keeps the account.
    pub(super) async fn cancel_deletion(
        &self,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<(), ServiceError> {
        let txn = self.db.begin().await?;
        let cancelled = user::Entity::update_many()
            .col_expr(
                user::Column::DeletionDueAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::DeletionDueAt.is_not_null())
            .exec(&txn)
            .await?;
        if cancelled.rows_affected == 1 {
            let email = templates::deletion_cancelled(
                language_of(person),
                person.kind.portal(),
                &person.email,
                &person.first_name,
            );
            mail_outbox::enqueue(&txn, &email, now).await?;
            Audit::by_self(person.id)
                .account(person.account_id)
                .record(&txn, AuditAction::DeletionCancelled, now)
                .await?;
        }
        txn.commit().await?;
        self.outbox.wake();
        Ok(())
    }

    /// An administrator deletes an account at once, saying why.
    pub async fn delete_person_at(
        &self,
        session: &Session,
        form: ValidAdminDeletion,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let admin = match self.administrator(session).await? {
            Access::Granted(admin) => admin,
            _ => {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-deletion-forbidden",
                    ErrorKind::Forbidden,
                ))
            }
        };
        if admin.id == form.person {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-deletion-own-account",
                ErrorKind::Invalid,
            ));
        }
        if let Some(refusal) = self.confirm_first(session, now).await? {
            return Ok(refusal);
        }
        let txn = self.db.begin().await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, form.person).await?;
        let Some(person) = user::Entity::find_by_id(form.person).one(&txn).await? else {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-deletion-no-such-person",
                ErrorKind::NotFound,
            ));
        };
        let name = full_name(&person);
        let ended = self
            .erase(&txn, &person, Some(admin.id), Some(&form.reason), now)
            .await?;
        txn.commit().await?;
        self.delete_stored_sessions(ended).await;
        tracing::info!(admin = admin.id, "deleted an account");
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-deletion-deleted",
            &[("name", name)],
        )))
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

    /// Erases the account of this address if its deletion is due. True if it was.
    pub async fn erase_if_due(
        &self,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, ServiceError> {
        let txn = self.db.begin().await?;
        let Some(person) = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(address))
            .filter(user::Column::DeletionDueAt.lte(now))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        // Re-read under the row's lock: a log-in may just have cancelled it.
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person.id).await?;
        let Some(person) = user::Entity::find_by_id(person.id)
            .filter(user::Column::DeletionDueAt.lte(now))
            .one(&txn)
            .await?
        else {
            return Ok(false);
        };
        let ended = self.erase(&txn, &person, None, None, now).await?;
        txn.commit().await?;
        self.delete_stored_sessions(ended).await;
        tracing::info!("erased an account whose deletion fell due");
        Ok(true)
    }

    /// Removes every row that holds the person's data, in the caller's transaction, and
    /// records the deletion without naming them. Returns the session ids to delete from
    /// the store after commit.
    async fn erase<C: ConnectionTrait>(
        &self,
        db: &C,
        person: &user::Model,
        by: Option<i32>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, ServiceError> {
        let id = person.id;
        let address = person.email_normalized.as_str();
        let ended = self.end_logins(db, id, None).await?;
        // The rows that belong to the person (their foreign keys cascade too; deleting
        // them here does not depend on the database enforcing that).
        consent::Entity::delete_many()
            .filter(consent::Column::UserId.eq(id))
            .exec(db)
            .await?;
        email_token::Entity::delete_many()
            .filter(email_token::Column::UserId.eq(id))
            .exec(db)
            .await?;
        login::Entity::delete_many()
            .filter(login::Column::UserId.eq(id))
            .exec(db)
            .await?;
        passkey::Entity::delete_many()
            .filter(passkey::Column::UserId.eq(id))
            .exec(db)
            .await?;
        recovery_code::Entity::delete_many()
            .filter(recovery_code::Column::UserId.eq(id))
            .exec(db)
            .await?;
        registration_request::Entity::delete_many()
            .filter(registration_request::Column::UserId.eq(id))
            .exec(db)
            .await?;
        // Emails to them (sent or not) hold their address, name and links.
        outbox::Entity::delete_many()
            .filter(Expr::expr(Func::lower(Expr::col(outbox::Column::ToAddress))).eq(address))
            .exec(db)
            .await?;
        invitation::Entity::delete_many()
            .filter(invitation::Column::EmailNormalized.eq(address))
            .exec(db)
            .await?;
        webhook_delivery::Entity::delete_many()
            .filter(webhook_delivery::Column::SubjectEmail.eq(address))
            .exec(db)
            .await?;
        // Where others' rows point at them, the pointer goes: the rows stay.
        invitation::Entity::update_many()
            .col_expr(
                invitation::Column::InvitedBy,
                Expr::value(Option::<i32>::None),
            )
            .filter(invitation::Column::InvitedBy.eq(id))
            .exec(db)
            .await?;
        registration_request::Entity::update_many()
            .col_expr(
                registration_request::Column::DecidedBy,
                Expr::value(Option::<i32>::None),
            )
            .filter(registration_request::Column::DecidedBy.eq(id))
            .exec(db)
            .await?;
        audit_entry::Entity::update_many()
            .col_expr(
                audit_entry::Column::ActorId,
                Expr::value(Option::<i32>::None),
            )
            .filter(audit_entry::Column::ActorId.eq(id))
            .exec(db)
            .await?;
        audit_entry::Entity::update_many()
            .col_expr(
                audit_entry::Column::SubjectId,
                Expr::value(Option::<i32>::None),
            )
            .filter(audit_entry::Column::SubjectId.eq(id))
            .exec(db)
            .await?;
        // Attempt limits are kept per address.
        let backend = db.get_database_backend();
        db.execute(Statement::from_sql_and_values(
            backend,
            crate::limits::placeholders(backend, "DELETE FROM attempt_limits WHERE subject = $1"),
            [address.into()],
        ))
        .await?;
        user::Entity::delete_by_id(id).exec(db).await?;
        let kind = match person.kind {
            UserKind::Consumer => "consumer",
            UserKind::Contact => "contact",
            UserKind::Staff => "staff",
        };
        let detail = match reason {
            Some(reason) => super::audit::detail_message(
                "audit-detail-deleted-by-administrator",
                &[("kind", kind.to_owned()), ("reason", reason.to_owned())],
            ),
            None => super::audit::detail_message(
                "audit-detail-deleted-by-owner",
                &[("kind", kind.to_owned())],
            ),
        };
        Audit {
            actor: by,
            subject: None,
            account: person.account_id,
            detail: Some(detail),
        }
        .record(db, AuditAction::AccountDeleted, now)
        .await?;
        // Other systems hear that the account is gone: by its id only.
        webhooks::record_event(
            db,
            Event::UserDeleted,
            None,
            serde_json::json!({ "user": id, "account": person.account_id }),
            now,
        )
        .await?;
        Ok(ended)
    }
}
