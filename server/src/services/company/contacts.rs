//! A company's contacts as its customer administrators see them, and the changes they
//! (or one of Portico's administrators, for any company) make to a contact's login and
//! role: disabling or enabling the login, making or removing a customer administrator.
use app::api::{Access, ActionOutcome, ContactList};
use app::forms::business::{ContactChange, ValidContactChange};
use app::forms::{ErrorKind, Field, Message};
use app::portal::Portal;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::user::{self, UserKind, UserRole, UserStatus};
use crate::db::hold_row;
use crate::mail::{language_of, outbox, templates};
use crate::services::session::caller::{settle, Manager};
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::company_queries::open_invitations;
use crate::services::support::views::{contact_view, full_name};
use crate::services::{Portico, ServiceError};

use crate::services::support::company_queries::{active_customer_admins, contacts_of};

/// One contact change under way: the transaction holding the company and the contact.
struct Change<'a> {
    txn: &'a DatabaseTransaction,
    contact: user::Model,
    company: account::Model,
    /// The contact's name, for the messages.
    name: String,
    /// They are the company's last active customer administrator.
    last_admin: bool,
    audit: Audit,
    now: DateTime<Utc>,
}

/// A change made: what the page says, and the store's sessions to delete after the commit.
struct Changed {
    message: String,
    ended: Vec<String>,
}

impl Changed {
    fn said(key: &'static str, name: &str) -> Self {
        Changed {
            message: app::i18n::t_with(key, &[("name", name.to_owned())]),
            ended: Vec::new(),
        }
    }
}

/// A change's result: made, or refused with what the page shows.
type Outcome = Result<Result<Changed, ActionOutcome>, ServiceError>;

impl Portico {
    pub async fn company_contacts_at(
        &self,
        session: &Session,
    ) -> Result<Access<ContactList>, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.customer_admin()?;
            let contacts = contacts_of(&self.db, admin.account.id)
                .await?
                .iter()
                .map(|c| contact_view(c, admin.user.id))
                .collect();
            let invitations = open_invitations(&self.db, admin.account.id, Utc::now()).await?;
            Ok(Access::Granted(ContactList {
                company: admin.account.name,
                contacts,
                require_two_factor: admin.account.require_two_factor,
                invitations,
            }))
        })
        .await
    }

    /// A customer administrator changes a contact of their company; an administrator
    /// changes any contact.
    pub async fn change_contact_at(
        &self,
        session: &Session,
        form: ValidContactChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let (actor, within) = match self.caller(session).await?.manager()? {
                Manager::CustomerAdmin(admin) => (admin.user, Some(admin.account.id)),
                Manager::Administrator(admin) => (admin, None),
            };
            if form.change == ContactChange::DisableLogin {
                self.fresh_proof(session, now).await?;
            }
            Ok(self.change_contact(&actor, within, form, now).await?)
        })
        .await
    }

    /// Holds the contact's company and the contact, then makes the change.
    async fn change_contact(
        &self,
        actor: &user::Model,
        within: Option<i32>,
        form: ValidContactChange,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        // The company first, then the contact (the order of `db::hold_row`): the
        // contact's own deletion holds their company, then writes them. So their
        // company is looked up before the transaction and checked again under the holds.
        let Some(account_id) = company_of_contact(&self.db, form.contact, within).await? else {
            return Ok(no_such_contact());
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
            return Ok(no_such_contact());
        };
        let Some(company) = account::Entity::find_by_id(account_id).one(&txn).await? else {
            return Ok(no_such_contact());
        };
        let change = Change {
            txn: &txn,
            name: full_name(&contact),
            last_admin: contact.role == UserRole::CustomerAdmin
                && contact.status == UserStatus::Active
                && active_customer_admins(&txn, account_id).await? <= 1,
            audit: Audit {
                actor: Some(actor.id),
                subject: Some(contact.id),
                account: Some(account_id),
                detail: None,
            },
            contact,
            company,
            now,
        };
        let changed = match form.change {
            ContactChange::DisableLogin => self.disable_login(change, actor).await?,
            ContactChange::EnableLogin => self.enable_login(change).await?,
            ContactChange::MakeCustomerAdmin => make_customer_admin(change).await?,
            ContactChange::RemoveCustomerAdmin => remove_customer_admin(change).await?,
        };
        let changed = match changed {
            Ok(changed) => changed,
            Err(refusal) => return Ok(refusal),
        };
        txn.commit().await?;
        self.outbox.wake();
        self.delete_stored_sessions(changed.ended).await;
        Ok(ActionOutcome::done(changed.message))
    }

    /// Disables an active login (not one's own, not the last customer administrator's);
    /// its sessions end for good: enabling it again must not bring them back.
    async fn disable_login(&self, change: Change<'_>, actor: &user::Model) -> Outcome {
        let (txn, contact) = (change.txn, &change.contact);
        if contact.id == actor.id {
            return Ok(Err(rejected(
                "service-company-own-login",
                ErrorKind::Invalid,
            )));
        }
        if change.last_admin {
            return Ok(Err(last_admin_error(&change.name)));
        }
        let disabled = Expr::value(UserStatus::Disabled);
        let from = UserStatus::Active;
        if !set_contact(
            txn,
            contact,
            from,
            user::Column::Status,
            disabled,
            change.now,
        )
        .await?
        {
            return Ok(Err(conflict(
                "service-company-login-not-active",
                &change.name,
            )));
        }
        self.email_login_changed(&change, false).await?;
        let ended = self.end_logins(txn, contact.id, None).await?;
        let (name, now) = (change.name.clone(), change.now);
        change
            .audit
            .record(txn, AuditAction::LoginDisabled, now)
            .await?;
        Ok(Ok(Changed {
            ended,
            ..Changed::said("service-company-login-disabled", &name)
        }))
    }

    /// Enables a disabled login.
    async fn enable_login(&self, change: Change<'_>) -> Outcome {
        let (txn, contact) = (change.txn, &change.contact);
        let active = Expr::value(UserStatus::Active);
        let from = UserStatus::Disabled;
        if !set_contact(txn, contact, from, user::Column::Status, active, change.now).await? {
            return Ok(Err(conflict(
                "service-company-login-not-disabled",
                &change.name,
            )));
        }
        self.email_login_changed(&change, true).await?;
        let (txn, name, now) = (change.txn, change.name.clone(), change.now);
        change
            .audit
            .record(txn, AuditAction::LoginEnabled, now)
            .await?;
        Ok(Ok(Changed::said("service-company-login-enabled", &name)))
    }

    /// Tells the contact their login was enabled or disabled.
    async fn email_login_changed(&self, change: &Change<'_>, enabled: bool) -> Result<(), DbErr> {
        let contact = &change.contact;
        let email = templates::login_changed(
            language_of(contact),
            &contact.email,
            &contact.first_name,
            &change.company.name,
            enabled,
            self.link(Portal::Csm, "/log-in"),
        );
        outbox::enqueue(change.txn, &email, change.now).await
    }
}

/// Makes an active contact a customer administrator.
async fn make_customer_admin(change: Change<'_>) -> Outcome {
    let (txn, contact) = (change.txn, &change.contact);
    if contact.role == UserRole::CustomerAdmin {
        return Ok(Err(conflict("service-company-admin-already", &change.name)));
    }
    let role = Expr::value(UserRole::CustomerAdmin);
    let from = UserStatus::Active;
    if !set_contact(txn, contact, from, user::Column::Role, role, change.now).await? {
        return Ok(Err(conflict("service-company-enable-first", &change.name)));
    }
    let (txn, name, now) = (change.txn, change.name.clone(), change.now);
    change
        .audit
        .record(txn, AuditAction::MadeCustomerAdmin, now)
        .await?;
    Ok(Ok(Changed::said("service-company-admin-made", &name)))
}

/// Makes a customer administrator (not the company's last) a member again.
async fn remove_customer_admin(change: Change<'_>) -> Outcome {
    let (txn, contact) = (change.txn, &change.contact);
    if contact.role != UserRole::CustomerAdmin {
        return Ok(Err(conflict("service-company-not-admin", &change.name)));
    }
    if change.last_admin {
        return Ok(Err(last_admin_error(&change.name)));
    }
    user::Entity::update_many()
        .col_expr(user::Column::Role, Expr::value(UserRole::Member))
        .col_expr(user::Column::UpdatedAt, Expr::value(change.now))
        .filter(user::Column::Id.eq(contact.id))
        .exec(txn)
        .await?;
    let (txn, name, now) = (change.txn, change.name.clone(), change.now);
    change
        .audit
        .record(txn, AuditAction::RemovedCustomerAdmin, now)
        .await?;
    Ok(Ok(Changed::said("service-company-admin-removed", &name)))
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
    value: SimpleExpr,
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

fn rejected(message: impl Into<Message>, kind: ErrorKind) -> ActionOutcome {
    ActionOutcome::refused(Field::Form, message, kind)
}

fn no_such_contact() -> ActionOutcome {
    rejected("service-company-no-such-contact", ErrorKind::NotFound)
}

/// The contact is not (any more) in the state the change starts from.
fn conflict(key: &'static str, name: &str) -> ActionOutcome {
    rejected(
        Message::key_with(key, &[("name", name.to_owned())]),
        ErrorKind::Conflict,
    )
}

fn last_admin_error(name: &str) -> ActionOutcome {
    conflict("service-company-last-admin", name)
}
