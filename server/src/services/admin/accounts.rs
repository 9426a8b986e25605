//! Internal administration of company accounts: create and edit them, and regenerate their
//! registration codes. (The requests that came without a company: `pending_list`.)
use std::collections::HashMap;

use app::api::{
    Access, AccountList, AccountRecord, AccountSummary, ActionOutcome, Listing, PER_PAGE,
};
use app::forms::business::ValidAccount;
use app::forms::registration_code::{ALPHABET, LENGTH};
use app::forms::{ErrorKind, Field, RegistrationCode};
use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::account;
use crate::db::entities::registration_request::{self, RequestState};
use crate::db::entities::user;
use crate::db::{hold_row, is_unique_violation};
use crate::services::session::caller::settle;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::company_queries::{contacts_of, requests_where};
use crate::services::support::views::{
    account_summary, contact_view, contains_any, grouped_counts, search_text,
};
use crate::services::{Portico, ServiceError};

/// A new random registration code, each character drawn uniformly from the alphabet.
pub fn generate_code() -> RegistrationCode {
    let mut rng = rand::rngs::OsRng;
    RegistrationCode::from_alphabet((0..LENGTH).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .expect("characters of the alphabet make a code")
}

impl Portico {
    /// Companies whose name or registration code contains `query`, by name, a page at a
    /// time, with their contacts and waiting requests counted for that page only.
    pub async fn accounts_at(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<AccountList>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            let query = search_text(&query);
            let mut find = account::Entity::find();
            if !query.is_empty() {
                // Codes are stored without their dashes, and typed with them.
                let code: String = query.chars().filter(|c| *c != '-').collect();
                find = find.filter(
                    contains_any(&query, &[account::Column::Name])
                        .add(contains_any(&code, &[account::Column::RegistrationCode])),
                );
            }
            let mut accounts = find
                .order_by_asc(account::Column::Name)
                .order_by_asc(account::Column::Id)
                .offset(page.saturating_mul(PER_PAGE))
                .limit(PER_PAGE + 1)
                .all(&self.db)
                .await?;
            let more = accounts.len() as u64 > PER_PAGE;
            accounts.truncate(PER_PAGE as usize);
            let accounts = self.account_summaries(&accounts).await?;
            Ok(Access::Granted(AccountList {
                accounts,
                listing: Listing { query, page, more },
            }))
        })
        .await
    }

    /// Companies with their contacts and waiting requests, counted for all of them at once.
    async fn account_summaries(
        &self,
        accounts: &[account::Model],
    ) -> Result<Vec<AccountSummary>, DbErr> {
        let ids: Vec<i32> = accounts.iter().map(|a| a.id).collect();
        let contacts = grouped_counts(
            &self.db,
            user::Entity::find()
                .select_only()
                .column(user::Column::AccountId)
                .column_as(user::Column::Id.count(), "n")
                .filter(user::Column::AccountId.is_in(ids.clone()))
                .group_by(user::Column::AccountId),
        )
        .await?;
        let awaiting = grouped_counts(
            &self.db,
            registration_request::Entity::find()
                .select_only()
                .column(registration_request::Column::AccountId)
                .column_as(registration_request::Column::Id.count(), "n")
                .filter(registration_request::Column::AccountId.is_in(ids))
                .filter(registration_request::Column::State.eq(RequestState::AwaitingApproval))
                .group_by(registration_request::Column::AccountId),
        )
        .await?;
        Ok(accounts
            .iter()
            .map(|a| {
                let count = |m: &HashMap<i32, u64>| m.get(&a.id).copied().unwrap_or(0);
                account_summary(a, count(&contacts), count(&awaiting))
            })
            .collect())
    }

    pub async fn account_detail_at(
        &self,
        session: &Session,
        id: i32,
    ) -> Result<Access<Option<AccountRecord>>, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let Some(account) = account::Entity::find_by_id(id).one(&self.db).await? else {
                return Ok(Access::Granted(None));
            };
            let contacts: Vec<_> = contacts_of(&self.db, id)
                .await?
                .iter()
                .map(|c| contact_view(c, admin.id))
                .collect();
            let requests = requests_where(
                &self.db,
                Condition::all().add(registration_request::Column::AccountId.eq(id)),
            )
            .await?;
            let awaiting = requests
                .iter()
                .filter(|r| r.status == app::api::RequestStatus::AwaitingApproval)
                .count() as u64;
            let invitations = crate::services::support::company_queries::open_invitations(
                &self.db,
                account.id,
                chrono::Utc::now(),
            )
            .await?;
            Ok(Access::Granted(Some(AccountRecord {
                account: account_summary(&account, contacts.len() as u64, awaiting),
                contacts,
                requests,
                invitations,
            })))
        })
        .await
    }

    /// Creates a company account (with a new registration code) or saves changes to one.
    pub async fn save_account_at(
        &self,
        session: &Session,
        form: ValidAccount,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let txn = crate::db::begin_write(&self.db).await?;
            let (account, action) = match form.account {
                None => (
                    create_account(&txn, &form, now).await?,
                    AuditAction::AccountCreated,
                ),
                Some(id) => {
                    hold_row::<account::Entity, _>(&txn, account::Column::Id, id).await?;
                    let Some(existing) = account::Entity::find_by_id(id).one(&txn).await? else {
                        return Ok(no_such_account());
                    };
                    // As for its customer administrators: turning the rule off needs a
                    // fresh proof.
                    if existing.require_two_factor && !form.require_two_factor {
                        self.fresh_proof(session, now).await?;
                    }
                    (
                        change_account(&txn, existing, &form, now).await?,
                        AuditAction::AccountChanged,
                    )
                }
            };
            Audit {
                actor: Some(admin.id),
                account: Some(account.id),
                ..Audit::default()
            }
            .detail_in_words(
                "audit-detail-account",
                &[
                    ("name", account.name.clone()),
                    ("domains", form.domains.join(", ")),
                    ("auto-approve", account.auto_approve.to_string()),
                    ("two-factors", account.require_two_factor.to_string()),
                ],
            )
            .record(&txn, action, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(saved_in_words(&account, action)))
        })
        .await
    }

    /// Gives a company a new registration code; the old one stops working at once.
    pub async fn regenerate_code_at(
        &self,
        session: &Session,
        id: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            let txn = crate::db::begin_write(&self.db).await?;
            if !hold_row::<account::Entity, _>(&txn, account::Column::Id, id).await? {
                return Ok(no_such_account());
            }
            let Some(existing) = account::Entity::find_by_id(id).one(&txn).await? else {
                return Ok(no_such_account());
            };
            let code = replace_code(&txn, id, now).await?;
            Audit {
                actor: Some(admin.id),
                account: Some(id),
                ..Audit::default()
            }
            .record(&txn, AuditAction::CodeRegenerated, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-accounts-new-code",
                &[("name", existing.name.clone()), ("code", code.display())],
            )))
        })
        .await
    }
}

/// A new company from the form, with a new registration code.
async fn create_account(
    txn: &DatabaseTransaction,
    form: &ValidAccount,
    now: DateTime<Utc>,
) -> Result<account::Model, DbErr> {
    let new = insert_account(txn, &form.name, &form.domains, form.auto_approve, now).await?;
    let mut changed: account::ActiveModel = new.into();
    changed.require_two_factor = Set(form.require_two_factor);
    changed.update(txn).await
}

/// A company changed as the form says (its code stays).
async fn change_account(
    txn: &DatabaseTransaction,
    existing: account::Model,
    form: &ValidAccount,
    now: DateTime<Utc>,
) -> Result<account::Model, DbErr> {
    let mut changed: account::ActiveModel = existing.into();
    changed.name = Set(form.name.clone());
    changed.email_domains = Set(form.domains.join("\n"));
    changed.auto_approve = Set(form.auto_approve);
    changed.require_two_factor = Set(form.require_two_factor);
    changed.updated_at = Set(now);
    changed.update(txn).await
}

/// What the page says after a company was created (with its code) or saved.
fn saved_in_words(account: &account::Model, action: AuditAction) -> String {
    match action {
        AuditAction::AccountCreated => app::i18n::t_with(
            "service-accounts-created",
            &[
                ("name", account.name.clone()),
                (
                    "code",
                    app::forms::registration_code::display_code(&account.registration_code),
                ),
            ],
        ),
        _ => app::i18n::t_with("service-accounts-saved", &[("name", account.name.clone())]),
    }
}

/// Gives company `id` a new random code (drawn again on the rare clash) and returns it.
async fn replace_code(
    txn: &DatabaseTransaction,
    id: i32,
    now: DateTime<Utc>,
) -> Result<RegistrationCode, DbErr> {
    loop {
        let code = generate_code();
        let updated = account::Entity::update_many()
            .col_expr(
                account::Column::RegistrationCode,
                Expr::value(code.as_str()),
            )
            .col_expr(account::Column::UpdatedAt, Expr::value(now))
            .filter(account::Column::Id.eq(id))
            .exec(txn)
            .await;
        match updated {
            // One chance in 10^17: draw again.
            Err(error) if is_unique_violation(&error) => continue,
            other => {
                other?;
                return Ok(code);
            }
        }
    }
}

/// Inserts a company with a fresh registration code (drawn again on the rare clash).
pub async fn insert_account<C: ConnectionTrait>(
    db: &C,
    name: &str,
    domains: &[String],
    auto_approve: bool,
    now: DateTime<Utc>,
) -> Result<account::Model, DbErr> {
    insert_account_with_code(db, name, domains, auto_approve, None, now).await
}

/// As [`insert_account`], with a chosen code (the demo company's, printed in the README).
pub async fn insert_account_with_code<C: ConnectionTrait>(
    db: &C,
    name: &str,
    domains: &[String],
    auto_approve: bool,
    code: Option<&RegistrationCode>,
    now: DateTime<Utc>,
) -> Result<account::Model, DbErr> {
    loop {
        let drawn = code.cloned().unwrap_or_else(generate_code);
        let inserted = account::ActiveModel {
            name: Set(name.to_owned()),
            registration_code: Set(drawn.as_str().to_owned()),
            email_domains: Set(domains.join("\n")),
            auto_approve: Set(auto_approve),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await;
        match inserted {
            // A random code that clashes is drawn again; a chosen one is the caller's error.
            Err(error) if is_unique_violation(&error) && code.is_none() => continue,
            other => return other,
        }
    }
}

/// The answer about a company that is not there (deleted meanwhile, or a made-up id).
fn no_such_account() -> ActionOutcome {
    ActionOutcome::refused(
        Field::Form,
        "service-accounts-no-such-account",
        ErrorKind::NotFound,
    )
}
