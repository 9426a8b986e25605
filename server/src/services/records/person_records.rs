//! The administration's records: a person's page (account, sessions, history, their
//! login switched off and on) and the audit log, filtered and paged.
use std::collections::HashMap;

use app::api::{Access, ActionOutcome, AuditFilter, AuditPage, AuditView, PersonRecord, PER_PAGE};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserStatus};
use crate::db::entities::{account, audit_entry};
use crate::db::hold_row;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::views::{contains_any, date, full_name, search_text};
use crate::services::{Portico, ServiceError};

/// At most this many people or companies a filter's text stands for.
const FILTER_MATCHES: u64 = 500;

impl Portico {
    pub async fn person_record_at(
        &self,
        session: &Session,
        id: i32,
    ) -> Result<Access<Option<PersonRecord>>, ServiceError> {
        let admin = match self.administrator(session).await?.granted() {
            Ok(admin) => admin,
            Err(refusal) => return Ok(refusal),
        };
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
    }

    /// An administrator switches anyone's login off (their sessions end) or on again.
    pub async fn switch_login_at(
        &self,
        session: &Session,
        id: i32,
        enable: bool,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let admin = match self.administrator(session).await? {
            Access::Granted(admin) => admin,
            _ => {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-records-forbidden",
                    ErrorKind::Forbidden,
                ))
            }
        };
        if id == admin.id {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-records-own-login",
                ErrorKind::Invalid,
            ));
        }
        if !enable {
            if let Some(refusal) = self.confirm_first(session, now).await? {
                return Ok(refusal);
            }
        }
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
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, id).await?;
        let Some(person) = user::Entity::find_by_id(id).one(&txn).await? else {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-records-no-such-person",
                ErrorKind::NotFound,
            ));
        };
        let changed = user::Entity::update_many()
            .col_expr(user::Column::Status, Expr::value(to))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Id.eq(id))
            .filter(user::Column::Status.eq(from))
            .exec(&txn)
            .await?;
        let name = full_name(&person);
        if changed.rows_affected == 0 {
            return Ok(ActionOutcome::refused(
                Field::Form,
                app::forms::Message::key_with(
                    if enable {
                        "service-records-login-not-disabled"
                    } else {
                        "service-records-login-not-active"
                    },
                    &[("name", name.clone())],
                ),
                ErrorKind::Conflict,
            ));
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
        .record(&txn, action, now)
        .await?;
        txn.commit().await?;
        self.delete_stored_sessions(ended).await;
        Ok(ActionOutcome::done(app::i18n::t_with(
            if enable {
                "service-records-login-enabled"
            } else {
                "service-records-login-disabled"
            },
            &[("name", name)],
        )))
    }

    /// The audit log, newest first, filtered by person, company, action and dates.
    pub async fn audit_entries_at(
        &self,
        session: &Session,
        mut filter: AuditFilter,
    ) -> Result<Access<AuditPage>, ServiceError> {
        if let Err(refusal) = self.administrator(session).await?.granted() {
            return Ok(refusal);
        }
        filter.person = search_text(&filter.person);
        filter.company = search_text(&filter.company);
        let actions: Vec<String> = AuditAction::ALL
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect();
        let mut condition = Condition::all();
        let mut problem = None;
        if !filter.person.is_empty() {
            let ids: Vec<i32> = user::Entity::find()
                .select_only()
                .column(user::Column::Id)
                .filter(contains_any(
                    &filter.person,
                    &[
                        user::Column::EmailNormalized,
                        user::Column::FirstName,
                        user::Column::LastName,
                    ],
                ))
                .limit(FILTER_MATCHES)
                .into_tuple()
                .all(&self.db)
                .await?;
            if ids.is_empty() {
                problem = Some(app::i18n::t_with(
                    "service-records-no-person-matches",
                    &[("person", filter.person.clone())],
                ));
            }
            condition = condition.add(
                Condition::any()
                    .add(audit_entry::Column::ActorId.is_in(ids.clone()))
                    .add(audit_entry::Column::SubjectId.is_in(ids)),
            );
        }
        if !filter.company.is_empty() {
            let ids: Vec<i32> = account::Entity::find()
                .select_only()
                .column(account::Column::Id)
                .filter(contains_any(&filter.company, &[account::Column::Name]))
                .limit(FILTER_MATCHES)
                .into_tuple()
                .all(&self.db)
                .await?;
            if ids.is_empty() {
                problem = Some(app::i18n::t_with(
                    "service-records-no-company-matches",
                    &[("company", filter.company.clone())],
                ));
            }
            condition = condition.add(audit_entry::Column::AccountId.is_in(ids));
        }
        if !filter.action.is_empty() {
            if actions.contains(&filter.action) {
                condition = condition.add(audit_entry::Column::Action.eq(filter.action.clone()));
            } else {
                problem = Some(app::i18n::t("service-records-choose-action"));
                filter.action.clear();
            }
        }
        let day = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if !filter.from.trim().is_empty() {
            match day(&filter.from) {
                Some(from) => {
                    let start = from.and_time(NaiveTime::MIN).and_utc();
                    condition = condition.add(audit_entry::Column::At.gte(start));
                }
                None => problem = Some(app::i18n::t("service-records-date-format")),
            }
        }
        if !filter.to.trim().is_empty() {
            match day(&filter.to).and_then(|d| d.succ_opt()) {
                Some(after) => {
                    let end = after.and_time(NaiveTime::MIN).and_utc();
                    condition = condition.add(audit_entry::Column::At.lt(end));
                }
                None => problem = Some(app::i18n::t("service-records-date-format")),
            }
        }
        let mut entries = audit_entry::Entity::find()
            .filter(condition)
            .order_by_desc(audit_entry::Column::Id)
            .offset(filter.page.saturating_mul(PER_PAGE))
            .limit(PER_PAGE + 1)
            .all(&self.db)
            .await?;
        let more = entries.len() as u64 > PER_PAGE;
        entries.truncate(PER_PAGE as usize);
        let entries = self.audit_views(entries).await?;
        Ok(Access::Granted(AuditPage {
            entries,
            filter,
            more,
            problem,
            actions,
        }))
    }

    /// Entries with their people and companies named (read for the page at once).
    async fn audit_views(
        &self,
        entries: Vec<audit_entry::Model>,
    ) -> Result<Vec<AuditView>, ServiceError> {
        let people_ids: Vec<i32> = entries
            .iter()
            .flat_map(|e| [e.actor_id, e.subject_id])
            .flatten()
            .collect();
        let people: HashMap<i32, String> = user::Entity::find()
            .filter(user::Column::Id.is_in(people_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, format!("{} ({})", full_name(&p), p.email)))
            .collect();
        let company_ids: Vec<i32> = entries.iter().filter_map(|e| e.account_id).collect();
        let companies: HashMap<i32, String> = account::Entity::find()
            .filter(account::Column::Id.is_in(company_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let named = |id: Option<i32>| {
            id.map(|id| {
                people
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| app::i18n::t("label-actor-deleted-account"))
            })
        };
        Ok(entries
            .into_iter()
            .map(|e| AuditView {
                at: date(e.at),
                actor: named(e.actor_id).unwrap_or_else(|| app::i18n::t("label-actor-portico")),
                action: e.action.replace('_', " "),
                subject: named(e.subject_id),
                company: e.account_id.and_then(|id| companies.get(&id).cloned()),
                detail: e.detail.map(|stored| {
                    crate::services::support::audit::detail_text(app::i18n::lang(), &stored)
                }),
            })
            .collect())
    }
}
