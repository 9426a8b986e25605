//! Deciding a request: approving or rejecting it, by a customer administrator, one of
//! Portico's administrators, or automatically (an auto-approving company's own domain).
//! One conditional update from the state the decision was made in, then the contact's
//! status, their email, the audit record and the webhook event in the same transaction.
use app::api::ActionOutcome;
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{DatabaseTransaction, DbErr, EntityTrait};

use super::{already_decided, hold_request, move_request, no_such_request, set_status};
use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserStatus};
use crate::mail::{language_of, outbox, templates};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};
use crate::webhooks::{self, Event};

/// What a decision does to the request and its contact.
pub(crate) enum Verdict<'a> {
    Approve(&'a account::Model),
    Reject(Option<String>),
}

impl Portico {
    /// Approves or rejects a request still in `from` (and in `account`, when given).
    pub(crate) async fn decide(
        &self,
        request_id: i32,
        from: RequestState,
        within: Option<i32>,
        verdict: Verdict<'_>,
        actor: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let Some(request) = hold_request(&txn, request_id).await? else {
            return Ok(no_such_request());
        };
        if within.is_some() && request.account_id != within {
            return Ok(no_such_request());
        }
        let Some(contact) = user::Entity::find_by_id(request.user_id).one(&txn).await? else {
            return Ok(no_such_request());
        };
        if request.state != from {
            return Ok(already_decided(&contact, &request, from));
        }
        let approving = matches!(verdict, Verdict::Approve(_));
        if !self
            .conclude(&txn, &request, &contact, verdict, Some(actor), now)
            .await?
        {
            txn.rollback().await?;
            return Ok(already_decided(&contact, &request, from));
        }
        txn.commit().await?;
        self.outbox.wake();
        let done = if approving {
            "service-approval-approved"
        } else {
            "service-approval-rejected"
        };
        Ok(ActionOutcome::done(app::i18n::t_with(
            done,
            &[
                ("name", full_name(&contact)),
                ("email", contact.email.clone()),
            ],
        )))
    }

    /// Settles a request: moves it from its current state (if it is still there), sets the
    /// contact's status, emails them and records it. False if someone settled it first.
    pub(crate) async fn conclude(
        &self,
        txn: &DatabaseTransaction,
        request: &registration_request::Model,
        contact: &user::Model,
        verdict: Verdict<'_>,
        actor: Option<&user::Model>,
        now: DateTime<Utc>,
    ) -> Result<bool, DbErr> {
        let actor_id = actor.map(|a| a.id);
        let (state, reason, account) = match &verdict {
            Verdict::Approve(account) => (RequestState::Approved, None, Some(account.id)),
            Verdict::Reject(reason) => (RequestState::Rejected, reason.clone(), request.account_id),
        };
        let moved = move_request(
            txn,
            request.id,
            request.state,
            request.account_id,
            vec![
                (registration_request::Column::State, Expr::value(state)),
                (
                    registration_request::Column::AccountId,
                    Expr::value(account),
                ),
                (
                    registration_request::Column::DecidedBy,
                    Expr::value(actor_id),
                ),
                (registration_request::Column::DecidedAt, Expr::value(now)),
                (
                    registration_request::Column::Reason,
                    Expr::value(reason.clone()),
                ),
            ],
        )
        .await?;
        if !moved {
            return Ok(false);
        }
        let audit = Audit {
            actor: actor_id,
            subject: Some(contact.id),
            account,
            detail: reason,
        };
        match verdict {
            Verdict::Approve(account) => {
                self.approved(txn, contact, account, audit, actor.is_none(), now)
                    .await?
            }
            Verdict::Reject(reason) => rejected(txn, contact, reason, audit, now).await?,
        }
        Ok(true)
    }

    /// The contact joins the company: active, emailed, recorded.
    async fn approved(
        &self,
        txn: &DatabaseTransaction,
        contact: &user::Model,
        account: &account::Model,
        audit: Audit,
        automatic: bool,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        set_status(txn, contact.id, UserStatus::Active, Some(account.id), now).await?;
        let log_in = self.link(Portal::Csm, "/log-in");
        let email = templates::contact_approved(
            language_of(contact),
            &contact.email,
            &contact.first_name,
            &account.name,
            log_in,
        );
        outbox::enqueue(txn, &email, now).await?;
        let action = if automatic {
            AuditAction::ApprovedAutomatically
        } else {
            AuditAction::Approved
        };
        audit.record(txn, action, now).await?;
        webhooks::record_event(
            txn,
            Event::RegistrationApproved,
            Some(&contact.email_normalized),
            serde_json::json!({
                "user": webhooks::person(contact),
                "account": account.id,
                "automatic": automatic,
            }),
            now,
        )
        .await
    }
}

/// The contact is rejected: emailed (with the reason, if one was given) and recorded.
async fn rejected(
    txn: &DatabaseTransaction,
    contact: &user::Model,
    reason: Option<String>,
    audit: Audit,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    set_status(txn, contact.id, UserStatus::Rejected, None, now).await?;
    let email = templates::request_rejected(
        language_of(contact),
        &contact.email,
        &contact.first_name,
        reason.as_deref(),
    );
    outbox::enqueue(txn, &email, now).await?;
    audit.record(txn, AuditAction::Rejected, now).await?;
    webhooks::record_event(
        txn,
        Event::RegistrationRejected,
        Some(&contact.email_normalized),
        serde_json::json!({
            "user": webhooks::person(contact),
            "reason": reason,
        }),
        now,
    )
    .await
}
