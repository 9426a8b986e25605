//! The audit log as administrators read it: filtered by person, company, action and
//! dates, newest first, a page at a time, with people and companies named.
use std::collections::HashMap;

use app::api::{Access, AuditFilter, AuditPage, AuditView, PER_PAGE};
use chrono::{NaiveDate, NaiveTime};
use sea_orm::sea_query::ConditionExpression;
use sea_orm::{ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::db::entities::{account, audit_entry};
use crate::services::session::caller::settle;
use crate::services::support::audit::AuditAction;
use crate::services::support::views::{contains_any, date, full_name, search_text};
use crate::services::{Portico, ServiceError};

/// At most this many people or companies a filter's text stands for.
const FILTER_MATCHES: u64 = 500;

/// The entries a filter asks for, and what the page says about a part of it that could
/// not be used (the last such part, as the filter is read).
struct Selection {
    condition: Condition,
    problem: Option<String>,
}

impl Portico {
    /// The audit log, newest first, filtered by person, company, action and dates.
    pub async fn audit_entries_at(
        &self,
        session: &Session,
        mut filter: AuditFilter,
    ) -> Result<Access<AuditPage>, ServiceError> {
        settle(async {
            self.caller(session).await?.administrator()?;
            filter.person = search_text(&filter.person);
            filter.company = search_text(&filter.company);
            let actions: Vec<String> = AuditAction::ALL
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect();
            let Selection { condition, problem } = self.selection(&mut filter, &actions).await?;
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
        })
        .await
    }

    /// The filter read part by part; an action that is not one of `actions` is cleared.
    async fn selection(
        &self,
        filter: &mut AuditFilter,
        actions: &[String],
    ) -> Result<Selection, DbErr> {
        let mut selection = Selection {
            condition: Condition::all(),
            problem: None,
        };
        if !filter.person.is_empty() {
            self.by_person(&mut selection, &filter.person).await?;
        }
        if !filter.company.is_empty() {
            self.by_company(&mut selection, &filter.company).await?;
        }
        if !filter.action.is_empty() {
            if actions.contains(&filter.action) {
                selection.and(audit_entry::Column::Action.eq(filter.action.clone()));
            } else {
                selection.problem = Some(app::i18n::t("service-records-choose-action"));
                filter.action.clear();
            }
        }
        selection.by_dates(&filter.from, &filter.to);
        Ok(selection)
    }

    /// Entries by or about the people whose address or name contains `person`.
    async fn by_person(&self, selection: &mut Selection, person: &str) -> Result<(), DbErr> {
        let ids: Vec<i32> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(contains_any(
                person,
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
            selection.problem = Some(app::i18n::t_with(
                "service-records-no-person-matches",
                &[("person", person.to_owned())],
            ));
        }
        selection.and(
            Condition::any()
                .add(audit_entry::Column::ActorId.is_in(ids.clone()))
                .add(audit_entry::Column::SubjectId.is_in(ids)),
        );
        Ok(())
    }

    /// Entries about the companies whose name contains `company`.
    async fn by_company(&self, selection: &mut Selection, company: &str) -> Result<(), DbErr> {
        let ids: Vec<i32> = account::Entity::find()
            .select_only()
            .column(account::Column::Id)
            .filter(contains_any(company, &[account::Column::Name]))
            .limit(FILTER_MATCHES)
            .into_tuple()
            .all(&self.db)
            .await?;
        if ids.is_empty() {
            selection.problem = Some(app::i18n::t_with(
                "service-records-no-company-matches",
                &[("company", company.to_owned())],
            ));
        }
        selection.and(audit_entry::Column::AccountId.is_in(ids));
        Ok(())
    }

    /// Entries with their people and companies named (read for the page at once).
    pub(super) async fn audit_views(
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

impl Selection {
    /// Narrows the selection to entries that also meet `condition`.
    fn and(&mut self, condition: impl Into<ConditionExpression>) {
        let so_far = std::mem::replace(&mut self.condition, Condition::all());
        self.condition = so_far.add(condition);
    }

    /// From the start of day `from` to the end of day `to` (both "YYYY-MM-DD", each may be
    /// empty).
    fn by_dates(&mut self, from: &str, to: &str) {
        let day = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        if !from.trim().is_empty() {
            match day(from) {
                Some(from) => {
                    let start = from.and_time(NaiveTime::MIN).and_utc();
                    self.and(audit_entry::Column::At.gte(start));
                }
                None => self.problem = Some(app::i18n::t("service-records-date-format")),
            }
        }
        if !to.trim().is_empty() {
            match day(to).and_then(|d| d.succ_opt()) {
                Some(after) => {
                    let end = after.and_time(NaiveTime::MIN).and_utc();
                    self.and(audit_entry::Column::At.lt(end));
                }
                None => self.problem = Some(app::i18n::t("service-records-date-format")),
            }
        }
    }
}
