//! The business registration's approval: a state machine over `registration_requests`.
//!
//! ```text
//! awaiting_verification ──verified──▶ approved            (code of an auto-approving company,
//!        │                                                  address in its domains)
//!        ├──verified, with a code──▶ awaiting_approval ──customer admin──▶ approved | rejected
//!        └──verified, no code─────▶ awaiting_account ──administrator──▶ awaiting_approval
//!                                                                    └─▶ approved | rejected
//! ```
//! Each step is one conditional update (the request must still be in the state the
//! decision was made from), so a request is decided once however many people press the
//! button at the same moment. The contact's status, the emails and the audit record
//! change in the same transaction.
use app::api::{ActionOutcome, AfterVerification};
use app::forms::business::{
    CompanyChoice, Decision, PendingDecision, ValidDecision, ValidPendingDecision,
};
use app::forms::{ErrorKind, Field};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserRole, UserStatus};
use crate::db::hold_row;
use crate::mail::{language_of, outbox, templates};
use crate::services::session::caller::CustomerAdmin;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::full_name;
use crate::services::{Portico, ServiceError};
use crate::webhooks::{self, Event};
use app::api::Access;

/// What a decision does to the request and its contact.
enum Verdict<'a> {
    Approve(&'a account::Model),
    Reject(Option<String>),
}

impl Portico {
    /// Takes a business contact's request on once their address is verified, inside the
    /// verification's transaction.
    pub(crate) async fn after_contact_verified(
        &self,
        txn: &DatabaseTransaction,
        contact: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<AfterVerification, ServiceError> {
        let request = registration_request::Entity::find()
            .filter(registration_request::Column::UserId.eq(contact.id))
            .one(txn)
            .await?;
        let Some(request) = request else {
            return Ok(AfterVerification::LogIn);
        };
        let account = match request.account_id {
            Some(id) => account::Entity::find_by_id(id).one(txn).await?,
            None => None,
        };
        if let Some(account) = account
            .as_ref()
            .filter(|a| a.auto_approve && a.owns_address(&contact.email_normalized))
        {
            self.conclude(txn, &request, contact, Verdict::Approve(account), None, now)
                .await?;
            return Ok(AfterVerification::LogIn);
        }
        let next_state = if account.is_some() {
            RequestState::AwaitingApproval
        } else {
            RequestState::AwaitingAccount
        };
        move_request(
            txn,
            request.id,
            RequestState::AwaitingVerification,
            None,
            vec![(registration_request::Column::State, Expr::value(next_state))],
        )
        .await?;
        set_status(txn, contact.id, UserStatus::PendingApproval, None, now).await?;
        outbox::enqueue(
            txn,
            &templates::request_pending(language_of(contact), &contact.email, &contact.first_name),
            now,
        )
        .await?;
        match &account {
            Some(account) => {
                self.ask_customer_admins(txn, account, contact, now).await?;
                Ok(AfterVerification::AwaitReview)
            }
            None => Ok(AfterVerification::AwaitAssignment),
        }
    }

    /// A customer administrator approves or rejects a request for their company.
    pub async fn decide_request_at(
        &self,
        session: &Session,
        form: ValidDecision,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let CustomerAdmin {
            user: admin,
            account,
        } = match self.customer_admin(session).await? {
            Access::Granted(admin) => admin,
            _ => return Ok(forbidden("service-approval-decide-forbidden")),
        };
        let verdict = match form.decision {
            Decision::Approve => Verdict::Approve(&account),
            Decision::Reject { reason } => Verdict::Reject(reason),
            Decision::Reopen => {
                return self
                    .reopen(form.request, Some(account.id), &admin, now)
                    .await
            }
        };
        self.decide(
            form.request,
            RequestState::AwaitingApproval,
            Some(account.id),
            verdict,
            &admin,
            now,
        )
        .await
    }

    /// An administrator settles a request that came without a company.
    pub async fn settle_pending_at(
        &self,
        session: &Session,
        form: ValidPendingDecision,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let admin = match self.administrator(session).await? {
            Access::Granted(admin) => admin,
            _ => return Ok(forbidden("service-approval-settle-forbidden")),
        };
        let from = RequestState::AwaitingAccount;
        match form.decision {
            PendingDecision::Reopen => self.reopen(form.request, None, &admin, now).await,
            PendingDecision::Reject { reason } => {
                self.decide(
                    form.request,
                    from,
                    None,
                    Verdict::Reject(reason),
                    &admin,
                    now,
                )
                .await
            }
            PendingDecision::Approve { account } => {
                let account = match self.chosen_company(account).await? {
                    Ok(account) => account,
                    Err(refusal) => return Ok(refusal),
                };
                self.decide(
                    form.request,
                    from,
                    None,
                    Verdict::Approve(&account),
                    &admin,
                    now,
                )
                .await
            }
            PendingDecision::Assign { account } => {
                let account = match self.chosen_company(account).await? {
                    Ok(account) => account,
                    Err(refusal) => return Ok(refusal),
                };
                self.assign(form.request, account.id, &admin, now).await
            }
        }
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

    /// Approves or rejects a request still in `from` (and in `account`, when given).
    async fn decide(
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
    async fn conclude(
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
            detail: reason.clone(),
        };
        match verdict {
            Verdict::Approve(account) => {
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
                let action = if actor.is_some() {
                    AuditAction::Approved
                } else {
                    AuditAction::ApprovedAutomatically
                };
                audit.record(txn, action, now).await?;
                webhooks::record_event(
                    txn,
                    Event::RegistrationApproved,
                    Some(&contact.email_normalized),
                    serde_json::json!({
                        "user": webhooks::person(contact),
                        "account": account.id,
                        "automatic": actor.is_none(),
                    }),
                    now,
                )
                .await?;
            }
            Verdict::Reject(reason) => {
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
                .await?;
            }
        }
        Ok(true)
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

    /// Emails each active customer administrator of the company that a request waits
    /// for them. Returns how many were asked.
    async fn ask_customer_admins<C: ConnectionTrait>(
        &self,
        db: &C,
        account: &account::Model,
        contact: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<usize, DbErr> {
        let admins = user::Entity::find()
            .filter(user::Column::AccountId.eq(account.id))
            .filter(user::Column::Role.eq(UserRole::CustomerAdmin))
            .filter(user::Column::Status.eq(UserStatus::Active))
            .all(db)
            .await?;
        let approvals = self.link(Portal::Csm, "/approvals");
        let who = format!("{} ({})", full_name(contact), contact.email);
        for admin in &admins {
            let email = templates::approval_needed(
                language_of(admin),
                &admin.email,
                &admin.first_name,
                &who,
                &account.name,
                approvals.clone(),
            );
            // It names the contact: erasing them finds it.
            outbox::enqueue_about(db, &email, contact.id, now).await?;
        }
        Ok(admins.len())
    }
}

/// Moves a request out of `from` (and, when given, only within `account`): one
/// conditional update. True if it moved; false if it was no longer in `from`.
pub(crate) async fn move_request<C: ConnectionTrait>(
    db: &C,
    id: i32,
    from: RequestState,
    account: Option<i32>,
    set: Vec<(registration_request::Column, SimpleExpr)>,
) -> Result<bool, DbErr> {
    let mut update = registration_request::Entity::update_many()
        .filter(registration_request::Column::Id.eq(id))
        .filter(registration_request::Column::State.eq(from));
    if let Some(account) = account {
        update = update.filter(registration_request::Column::AccountId.eq(account));
    }
    for (column, value) in set {
        update = update.col_expr(column, value);
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

/// Sets a contact's status (and, when approved, their company).
pub(crate) async fn set_status<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    status: UserStatus,
    account: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut update = user::Entity::update_many()
        .col_expr(user::Column::Status, Expr::value(status))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(user_id));
    if let Some(account) = account {
        update = update.col_expr(user::Column::AccountId, Expr::value(account));
    }
    update.exec(db).await?;
    Ok(())
}

fn forbidden(message: &'static str) -> ActionOutcome {
    ActionOutcome::refused(Field::Form, message, ErrorKind::Forbidden)
}

/// Holds a registration request's row for the transaction (SQLite's write lock, and the
/// lock order's second place: see `db::hold_row`), then reads it.
pub(crate) async fn hold_request(
    txn: &sea_orm::DatabaseTransaction,
    request_id: i32,
) -> Result<Option<registration_request::Model>, sea_orm::DbErr> {
    hold_row::<registration_request::Entity, _>(txn, registration_request::Column::Id, request_id)
        .await?;
    registration_request::Entity::find_by_id(request_id)
        .one(txn)
        .await
}

pub(crate) fn no_such_request() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        "service-approval-no-such-request",
        ErrorKind::NotFound,
    )
}

fn no_such_company() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Account,
        "service-approval-no-such-company",
        ErrorKind::NotFound,
    )
}

/// Someone settled the request first (or it never reached the state the page showed).
fn already_decided(
    contact: &user::Model,
    request: &registration_request::Model,
    expected: RequestState,
) -> ActionOutcome {
    let key = match request.state {
        RequestState::Approved => "service-approval-already-approved",
        RequestState::Rejected => "service-approval-already-rejected",
        state if state == expected => "service-approval-changed-meanwhile",
        _ => "service-approval-not-waiting",
    };
    ActionOutcome::refused(
        Field::Form,
        app::forms::Message::key_with(key, &[("name", full_name(contact))]),
        ErrorKind::Conflict,
    )
}
