//! Requests that came without a company, as Portico's administrators settle them on
//! `/admin/pending`: sent to a company's customer administrators, approved into a company,
//! rejected, or reopened. (Their list is `pending_list`.)
use app::api::ActionOutcome;
use app::forms::business::{CompanyChoice, PendingDecision, ValidPendingDecision};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user;
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::registration_requests::decisions::Verdict;
use crate::services::support::registration_requests::{
    already_decided, hold_request, move_request, no_such_request,
};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// An administrator settles a request that came without a company.
    pub async fn settle_pending_at(
        &self,
        session: &Session,
        form: ValidPendingDecision,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let from = RequestState::AwaitingAccount;
            let request = form.request;
            Ok(match form.decision {
                PendingDecision::Reopen => self.reopen(request, None, &admin, now).await?,
                PendingDecision::Reject { reason } => {
                    let verdict = Verdict::Reject(reason);
                    self.decide(request, from, None, verdict, &admin, now)
                        .await?
                }
                PendingDecision::Approve { account } => match self.chosen_company(account).await? {
                    Ok(account) => {
                        let verdict = Verdict::Approve(&account);
                        self.decide(request, from, None, verdict, &admin, now)
                            .await?
                    }
                    Err(refusal) => refusal,
                },
                PendingDecision::Assign { account } => match self.chosen_company(account).await? {
                    Ok(account) => self.assign(request, account.id, &admin, now).await?,
                    Err(refusal) => refusal,
                },
            })
        })
        .await
    }

    /// The company an administrator chose: by id from the list, or typed as its
    /// registration code or its exact name (any case).
    async fn chosen_company(
        &self,
        choice: CompanyChoice,
    ) -> Result<Result<account::Model, ActionOutcome>, ServiceError> {
        let typed = match choice {
            CompanyChoice::Id(id) => {
                return Ok(account::Entity::find_by_id(id)
                    .one(&self.db)
                    .await?
                    .ok_or_else(no_such_company))
            }
            CompanyChoice::Typed(typed) => typed,
        };
        if let Ok(code) = app::forms::RegistrationCode::parse(&typed) {
            if let Some(found) = account::Entity::find()
                .filter(account::Column::RegistrationCode.eq(code.as_str()))
                .one(&self.db)
                .await?
            {
                return Ok(Ok(found));
            }
        }
        let named = account::Entity::find()
            .filter(
                Expr::expr(Func::lower(Expr::col(account::Column::Name))).eq(typed.to_lowercase()),
            )
            .limit(2)
            .all(&self.db)
            .await?;
        Ok(match <[account::Model; 1]>::try_from(named) {
            Ok([found]) => Ok(found),
            Err(named) if named.is_empty() => Err(ActionOutcome::refused(
                Field::Account,
                app::forms::Message::key_with(
                    "service-approval-no-company-named",
                    &[("typed", typed.to_string())],
                ),
                ErrorKind::NotFound,
            )),
            Err(_) => Err(ActionOutcome::refused(
                Field::Account,
                "service-approval-several-companies",
                ErrorKind::Invalid,
            )),
        })
    }

    /// Sends a request without a company to a company's customer administrators.
    async fn assign(
        &self,
        request_id: i32,
        account_id: i32,
        admin: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let txn = crate::db::begin_write(&self.db).await?;
        let request = hold_request(&txn, request_id).await?;
        let Some(account) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(no_such_company());
        };
        let Some(request) = request else {
            return Ok(no_such_request());
        };
        let Some(contact) = user::Entity::find_by_id(request.user_id).one(&txn).await? else {
            return Ok(no_such_request());
        };
        let moved = move_request(
            &txn,
            request.id,
            RequestState::AwaitingAccount,
            None,
            vec![
                (
                    registration_request::Column::State,
                    Expr::value(RequestState::AwaitingApproval),
                ),
                (
                    registration_request::Column::AccountId,
                    Expr::value(account.id),
                ),
            ],
        )
        .await?;
        if !moved {
            txn.rollback().await?;
            return Ok(already_decided(
                &contact,
                &request,
                RequestState::AwaitingAccount,
            ));
        }
        let asked = self
            .ask_customer_admins(&txn, &account, &contact, now)
            .await?;
        if asked == 0 {
            txn.rollback().await?;
            return Ok(ActionOutcome::refused(
                Field::Account,
                app::forms::Message::key_with(
                    "service-approval-no-customer-admin",
                    &[("company", account.name.clone())],
                ),
                ErrorKind::Invalid,
            ));
        }
        Audit {
            actor: Some(admin.id),
            subject: Some(contact.id),
            account: Some(account.id),
            detail: None,
        }
        .record(&txn, AuditAction::AssignedAccount, now)
        .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-approval-sent-to-company",
            &[
                ("name", full_name(&contact)),
                ("company", account.name.clone()),
            ],
        )))
    }
}

fn no_such_company() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Account,
        "service-approval-no-such-company",
        ErrorKind::NotFound,
    )
}
