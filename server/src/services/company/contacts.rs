//! A company's own administration: its requests as its customer administrators see them,
//! and its contacts, whose login and role they (or an administrator) change.
use std::collections::HashMap;

use app::api::{Access, ActionOutcome, ContactList, RequestList, RequestView};
use app::forms::business::{ContactChange, ValidContactChange};
use app::forms::{ErrorKind, Field};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::hold_row;
use crate::mail::{language_of, outbox, templates};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::{contact_view, full_name, request_view};
use crate::services::{Portico, ServiceError};

impl Portico {
    pub async fn company_requests_at(
        &self,
        session: &Session,
    ) -> Result<Access<RequestList>, ServiceError> {
        let admin = match self.customer_admin(session).await?.granted() {
            Ok(admin) => admin,
            Err(refusal) => return Ok(refusal),
        };
        let condition = Condition::all()
            .add(registration_request::Column::AccountId.eq(admin.account.id))
            .add(registration_request::Column::State.ne(RequestState::AwaitingVerification));
        let mut requests = requests_where(&self.db, condition).await?;
        // Pending first, oldest first; then the decided, newest first.
        requests.sort_by(|a, b| {
            b.status.is_open().cmp(&a.status.is_open()).then_with(|| {
                if a.status.is_open() {
                    a.id.cmp(&b.id)
                } else {
                    b.id.cmp(&a.id)
                }
            })
        });
        Ok(Access::Granted(RequestList {
            company: admin.account.name,
            requests,
        }))
    }

    pub async fn company_contacts_at(
        &self,
        session: &Session,
    ) -> Result<Access<ContactList>, ServiceError> {
        let admin = match self.customer_admin(session).await?.granted() {
            Ok(admin) => admin,
            Err(refusal) => return Ok(refusal),
        };
        let contacts = contacts_of(&self.db, admin.account.id)
            .await?
            .iter()
            .map(|c| contact_view(c, admin.user.id))
            .collect();
        let invitations = crate::services::lifecycle::invitations::open_invitations(
            &self.db,
            admin.account.id,
            Utc::now(),
        )
        .await?;
        Ok(Access::Granted(ContactList {
            company: admin.account.name,
            contacts,
            require_two_factor: admin.account.require_two_factor,
            invitations,
        }))
    }

    /// A customer administrator changes a contact of their company; an administrator
    /// changes any contact.
    pub async fn change_contact_at(
        &self,
        session: &Session,
        form: ValidContactChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let (actor, within) = match self.customer_admin(session).await? {
            Access::Granted(admin) => (admin.user, Some(admin.account.id)),
            _ => match self.administrator(session).await? {
                Access::Granted(admin) => (admin, None),
                _ => {
                    return Ok(rejected(
                        "service-company-contacts-forbidden",
                        ErrorKind::Forbidden,
                    ))
                }
            },
        };
        if form.change == ContactChange::DisableLogin {
            if let Some(refusal) = self.confirm_first(session, now).await? {
                return Ok(refusal);
            }
        }
        // The company first, then the contact (the order of `db::hold_row`): the
        // contact's own deletion holds their company, then writes them. So their
        // company is looked up before the transaction and checked again under the holds.
        let Some(account_id) = company_of_contact(&self.db, form.contact, within).await? else {
            return Ok(rejected(
                "service-company-no-such-contact",
                ErrorKind::NotFound,
            ));
        };
        let txn = crate::db::begin_write(&self.db).await?;
        // Holding the company's row serializes every change to its contacts, so that two
        // people cannot each remove the other as the last customer administrator.
        hold_row::<account::Entity, _>(&txn, account::Column::Id, account_id).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, form.contact).await?;
        let Some(contact) = user::Entity::find_by_id(form.contact)
            .filter(user::Column::Kind.eq(UserKind::Contact))
            .filter(user::Column::AccountId.eq(account_id))
            .one(&txn)
            .await?
        else {
            return Ok(rejected(
                "service-company-no-such-contact",
                ErrorKind::NotFound,
            ));
        };
        let Some(company) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(rejected(
                "service-company-no-such-contact",
                ErrorKind::NotFound,
            ));
        };
        let name = full_name(&contact);
        let last_admin = contact.role == UserRole::CustomerAdmin
            && contact.status == UserStatus::Active
            && active_customer_admins(&txn, account_id).await? <= 1;
        let audit = Audit {
            actor: Some(actor.id),
            subject: Some(contact.id),
            account: Some(account_id),
            detail: None,
        };
        // The sessions of a disabled login end for good: enabling it again must not
        // bring them back.
        let mut ended = Vec::new();
        let message = match form.change {
            ContactChange::DisableLogin => {
                if contact.id == actor.id {
                    return Ok(rejected("service-company-own-login", ErrorKind::Invalid));
                }
                if last_admin {
                    return Ok(last_admin_error(&name));
                }
                if !set_contact(
                    &txn,
                    &contact,
                    UserStatus::Active,
                    user::Column::Status,
                    Expr::value(UserStatus::Disabled),
                    now,
                )
                .await?
                {
                    return Ok(rejected(
                        app::forms::Message::key_with(
                            "service-company-login-not-active",
                            &[("name", name.clone())],
                        ),
                        ErrorKind::Conflict,
                    ));
                }
                let email = templates::login_changed(
                    language_of(&contact),
                    &contact.email,
                    &contact.first_name,
                    &company.name,
                    false,
                    self.link(Portal::Csm, "/log-in"),
                );
                outbox::enqueue(&txn, &email, now).await?;
                ended = self.end_logins(&txn, contact.id, None).await?;
                audit.record(&txn, AuditAction::LoginDisabled, now).await?;
                app::i18n::t_with("service-company-login-disabled", &[("name", name.clone())])
            }
            ContactChange::EnableLogin => {
                if !set_contact(
                    &txn,
                    &contact,
                    UserStatus::Disabled,
                    user::Column::Status,
                    Expr::value(UserStatus::Active),
                    now,
                )
                .await?
                {
                    return Ok(rejected(
                        app::forms::Message::key_with(
                            "service-company-login-not-disabled",
                            &[("name", name.clone())],
                        ),
                        ErrorKind::Conflict,
                    ));
                }
                let email = templates::login_changed(
                    language_of(&contact),
                    &contact.email,
                    &contact.first_name,
                    &company.name,
                    true,
                    self.link(Portal::Csm, "/log-in"),
                );
                outbox::enqueue(&txn, &email, now).await?;
                audit.record(&txn, AuditAction::LoginEnabled, now).await?;
                app::i18n::t_with("service-company-login-enabled", &[("name", name.clone())])
            }
            ContactChange::MakeCustomerAdmin => {
                if contact.role == UserRole::CustomerAdmin {
                    return Ok(rejected(
                        app::forms::Message::key_with(
                            "service-company-admin-already",
                            &[("name", name.clone())],
                        ),
                        ErrorKind::Conflict,
                    ));
                }
                if !set_contact(
                    &txn,
                    &contact,
                    UserStatus::Active,
                    user::Column::Role,
                    Expr::value(UserRole::CustomerAdmin),
                    now,
                )
                .await?
                {
                    return Ok(rejected(
                        app::forms::Message::key_with(
                            "service-company-enable-first",
                            &[("name", name.clone())],
                        ),
                        ErrorKind::Conflict,
                    ));
                }
                audit
                    .record(&txn, AuditAction::MadeCustomerAdmin, now)
                    .await?;
                app::i18n::t_with("service-company-admin-made", &[("name", name.clone())])
            }
            ContactChange::RemoveCustomerAdmin => {
                if contact.role != UserRole::CustomerAdmin {
                    return Ok(rejected(
                        app::forms::Message::key_with(
                            "service-company-not-admin",
                            &[("name", name.clone())],
                        ),
                        ErrorKind::Conflict,
                    ));
                }
                if last_admin {
                    return Ok(last_admin_error(&name));
                }
                user::Entity::update_many()
                    .col_expr(user::Column::Role, Expr::value(UserRole::Member))
                    .col_expr(user::Column::UpdatedAt, Expr::value(now))
                    .filter(user::Column::Id.eq(contact.id))
                    .exec(&txn)
                    .await?;
                audit
                    .record(&txn, AuditAction::RemovedCustomerAdmin, now)
                    .await?;
                app::i18n::t_with("service-company-admin-removed", &[("name", name.clone())])
            }
        };
        txn.commit().await?;
        self.outbox.wake();
        self.delete_stored_sessions(ended).await;
        Ok(ActionOutcome::done(message))
    }
}

/// The company of a business contact, if they have one (and it is `within`, when given).
async fn company_of_contact<C: ConnectionTrait>(
    db: &C,
    contact: i32,
    within: Option<i32>,
) -> Result<Option<i32>, DbErr> {
    let contact = user::Entity::find_by_id(contact)
        .filter(user::Column::Kind.eq(UserKind::Contact))
        .one(db)
        .await?;
    Ok(contact
        .and_then(|c| c.account_id)
        .filter(|a| within.is_none_or(|w| w == *a)))
}

/// Changes one column of a contact whose status is still `status`. True if it changed.
async fn set_contact<C: ConnectionTrait>(
    db: &C,
    contact: &user::Model,
    status: UserStatus,
    column: user::Column,
    value: sea_orm::sea_query::SimpleExpr,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let result = user::Entity::update_many()
        .col_expr(column, value)
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(contact.id))
        .filter(user::Column::Status.eq(status))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

pub(crate) async fn active_customer_admins<C: ConnectionTrait>(
    db: &C,
    account: i32,
) -> Result<u64, DbErr> {
    user::Entity::find()
        .filter(user::Column::AccountId.eq(account))
        .filter(user::Column::Role.eq(UserRole::CustomerAdmin))
        .filter(user::Column::Status.eq(UserStatus::Active))
        .count(db)
        .await
}

/// The contacts of a company who joined it (approved), by name.
pub(crate) async fn contacts_of<C: ConnectionTrait>(
    db: &C,
    account: i32,
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::AccountId.eq(account))
        .filter(user::Column::Kind.eq(UserKind::Contact))
        .order_by_asc(user::Column::LastName)
        .order_by_asc(user::Column::FirstName)
        .all(db)
        .await
}

/// Requests matching `condition`, with their contacts and deciders, oldest first.
pub(crate) async fn requests_where<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
) -> Result<Vec<RequestView>, DbErr> {
    requests_page(db, condition, 0, u64::MAX).await
}

/// As [`requests_where`], `limit` of them from `offset` on.
pub(crate) async fn requests_page<C: ConnectionTrait>(
    db: &C,
    condition: Condition,
    offset: u64,
    limit: u64,
) -> Result<Vec<RequestView>, DbErr> {
    let mut find = registration_request::Entity::find()
        .filter(condition)
        .find_also_related(user::Entity)
        .order_by_asc(registration_request::Column::Id);
    if limit != u64::MAX {
        find = find.offset(offset).limit(limit);
    }
    let rows = find.all(db).await?;
    let decider_ids: Vec<i32> = rows.iter().filter_map(|(r, _)| r.decided_by).collect();
    let deciders: HashMap<i32, user::Model> = if decider_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(decider_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect()
    };
    Ok(rows
        .iter()
        .filter_map(|(request, contact)| {
            let decider = request.decided_by.and_then(|id| deciders.get(&id));
            contact.as_ref().map(|c| request_view(request, c, decider))
        })
        .collect())
}

fn rejected(message: impl Into<app::forms::Message>, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::Form, message, kind)
}

fn last_admin_error(name: &str) -> ActionOutcome {
    rejected(
        app::forms::Message::key_with("service-company-last-admin", &[("name", name.to_owned())]),
        ErrorKind::Conflict,
    )
}
