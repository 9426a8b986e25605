//! Taking a rejection back. A rejected registration request keeps its contact's address
//! (so that the same person cannot simply register again past the decision), and whoever
//! decided it can reopen it: a company's customer administrators the requests for their
//! company, Portico's staff those they rejected without a company. Reopened, the request
//! waits again where it was decided (`awaiting_approval` or `awaiting_account`), the
//! contact is pending approval again, and the audit log records who reopened it. Here in
//! support because both the company's and the administrators' pages reopen.
use app::api::ActionOutcome;
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::EntityTrait;

use super::{hold_request, move_request, no_such_request, set_status};
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserStatus};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Reopens a rejected request within `account` (a customer administrator's company),
    /// or one without a company (`None`: Portico's staff). One conditional update from
    /// `rejected`, so two people pressing Reopen reopen it once.
    pub(crate) async fn reopen(
        &self,
        request_id: i32,
        account: Option<i32>,
        actor: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let request = hold_request(&txn, request_id).await?;
        // Only whoever decided it: the company's, or the staff's (no company).
        let Some(request) = request.filter(|r| r.account_id == account) else {
            return Ok(no_such_request());
        };
        let Some(contact) = user::Entity::find_by_id(request.user_id).one(&txn).await? else {
            return Ok(no_such_request());
        };
        let back_to = if account.is_some() {
            RequestState::AwaitingApproval
        } else {
            RequestState::AwaitingAccount
        };
        let none: Option<String> = None;
        let moved = move_request(
            &txn,
            request.id,
            RequestState::Rejected,
            account,
            vec![
                (registration_request::Column::State, Expr::value(back_to)),
                (
                    registration_request::Column::DecidedBy,
                    Expr::value(None::<i32>),
                ),
                (
                    registration_request::Column::DecidedAt,
                    Expr::value(None::<DateTime<Utc>>),
                ),
                (registration_request::Column::Reason, Expr::value(none)),
            ],
        )
        .await?;
        if !moved {
            txn.rollback().await?;
            return Ok(not_rejected(&contact));
        }
        set_status(&txn, contact.id, UserStatus::PendingApproval, None, now).await?;
        Audit {
            actor: Some(actor.id),
            subject: Some(contact.id),
            account,
            detail: None,
        }
        .record(&txn, AuditAction::Reopened, now)
        .await?;
        txn.commit().await?;
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-approval-reopened",
            &[
                ("name", full_name(&contact)),
                ("email", contact.email.clone()),
            ],
        )))
    }
}

/// The request is not rejected (any more): someone reopened or it was never rejected.
fn not_rejected(contact: &user::Model) -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        app::forms::Message::key_with(
            "service-approval-not-rejected",
            &[("name", full_name(contact))],
        ),
        ErrorKind::Conflict,
    )
}
