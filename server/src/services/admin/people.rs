//! The administration's view of people: finding someone by address or name, and
//! removing the second factors of a person who lost them (a phone) once an administrator
//! has checked who they are.
use std::collections::HashMap;

use app::api::{Access, ActionOutcome, PeopleList, PersonView, PER_PAGE};
use app::forms::{ErrorKind, Field};
use app::i18n::{format_number, t, t_with, Lang};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use tower_sessions::Session;

use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{account, passkey, recovery_code};
use crate::db::hold_row;
use crate::services::session::caller::is_administrator;
use crate::services::session::reauthentication::CONFIRM_FIRST;
use crate::services::session::second_step::Factors;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::stored_factors::{delete_recovery_codes, turn_off_app};
use crate::services::support::views::{contains_any, full_name, grouped_counts, search_text};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// People whose address or name contains `query` (all of them, newest first, when it
    /// is empty), with their second factors.
    pub async fn people_at(
        &self,
        session: &Session,
        query: String,
        page: u64,
    ) -> Result<Access<PeopleList>, ServiceError> {
        let admin = match self.administrator(session).await?.granted() {
            Ok(admin) => admin,
            Err(refusal) => return Ok(refusal),
        };
        let query = search_text(&query);
        let mut find = user::Entity::find();
        if !query.is_empty() {
            find = find.filter(contains_any(
                &query,
                &[
                    user::Column::EmailNormalized,
                    user::Column::FirstName,
                    user::Column::LastName,
                ],
            ));
        }
        // One more than a page tells whether another follows, without counting them all.
        let mut found = find
            .order_by_desc(user::Column::Id)
            .offset(page.saturating_mul(PER_PAGE))
            .limit(PER_PAGE + 1)
            .all(&self.db)
            .await?;
        let more = found.len() as u64 > PER_PAGE;
        found.truncate(PER_PAGE as usize);
        let mut people = self.person_views(&found).await?;
        for person in &mut people {
            person.is_you = person.id == admin.id;
        }
        Ok(Access::Granted(PeopleList {
            query,
            people,
            page,
            more,
        }))
    }

    /// People as the administration lists them: company, status and second factors,
    /// counted for all of them at once.
    pub(crate) async fn person_views(
        &self,
        found: &[user::Model],
    ) -> Result<Vec<PersonView>, ServiceError> {
        let account_ids: Vec<i32> = found.iter().filter_map(|p| p.account_id).collect();
        let companies: HashMap<i32, String> = account::Entity::find()
            .filter(account::Column::Id.is_in(account_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        // Each person's factors, counted for the whole page in two queries.
        let ids: Vec<i32> = found.iter().map(|p| p.id).collect();
        let passkeys = grouped_counts(
            &self.db,
            passkey::Entity::find()
                .select_only()
                .column(passkey::Column::UserId)
                .column_as(passkey::Column::Id.count(), "n")
                .filter(passkey::Column::UserId.is_in(ids.clone()))
                .group_by(passkey::Column::UserId),
        )
        .await?;
        let codes = grouped_counts(
            &self.db,
            recovery_code::Entity::find()
                .select_only()
                .column(recovery_code::Column::UserId)
                .column_as(recovery_code::Column::Id.count(), "n")
                .filter(recovery_code::Column::UserId.is_in(ids))
                .filter(recovery_code::Column::UsedAt.is_null())
                .group_by(recovery_code::Column::UserId),
        )
        .await?;
        let mut people = Vec::with_capacity(found.len());
        for person in found {
            let factors = Factors {
                app: person.totp_secret.is_some(),
                passkeys: passkeys.get(&person.id).copied().unwrap_or(0),
                recovery_codes_left: codes.get(&person.id).copied().unwrap_or(0),
            };
            people.push(PersonView {
                id: person.id,
                name: full_name(person),
                email: person.email.clone(),
                kind: kind_label(person, &companies),
                status: status_label(person.status),
                second_factors: factors_label(factors),
                has_second_factors: factors.any() || factors.recovery_codes_left > 0,
                is_you: false,
            });
        }
        Ok(people)
    }

    /// Removes every second factor of a person (their app, passkeys and recovery codes):
    /// they log in with their password alone, or set a factor up again if they must have
    /// one. The person is told by email; the audit log names the administrator.
    pub async fn reset_second_factors_at(
        &self,
        session: &Session,
        person_id: i32,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        let admin = match self.administrator(session).await?.granted::<()>() {
            Ok(admin) => admin,
            Err(_) => {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-people-reset-forbidden",
                    ErrorKind::Forbidden,
                ))
            }
        };
        if !self.recently_authenticated(session, now).await? {
            return Ok(ActionOutcome::refused(
                Field::Form,
                CONFIRM_FIRST,
                ErrorKind::Forbidden,
            ));
        }
        if admin.id == person_id {
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-people-reset-own",
                ErrorKind::Conflict,
            ));
        }
        let txn = crate::db::begin_write(&self.db).await?;
        hold_row::<user::Entity, _>(&txn, user::Column::Id, person_id).await?;
        let Some(person) = user::Entity::find_by_id(person_id).one(&txn).await? else {
            txn.rollback().await?;
            return Ok(ActionOutcome::refused(
                Field::Form,
                "service-people-no-such-person",
                ErrorKind::NotFound,
            ));
        };
        let factors = self.factors_of(&txn, person.id).await?;
        if !factors.any() && factors.recovery_codes_left == 0 {
            txn.rollback().await?;
            return Ok(ActionOutcome::done(app::i18n::t_with(
                "service-people-no-second-factor",
                &[("email", person.email.clone())],
            )));
        }
        turn_off_app(&txn, person.id).await?;
        passkey::Entity::delete_many()
            .filter(passkey::Column::UserId.eq(person.id))
            .exec(&txn)
            .await?;
        delete_recovery_codes(&txn, person.id).await?;
        crate::services::session::second_step_lock::unlock_second_step(&txn, person.id).await?;
        self.tell(
            &txn,
            &person,
            app::forms::Message::from("email-security-factors-reset"),
            now,
        )
        .await?;
        Audit {
            actor: Some(admin.id),
            subject: Some(person.id),
            account: person.account_id,
            // In words, so that each reader reads it in their language.
            detail: Some(crate::services::support::audit::detail_message(
                "audit-detail-factors-removed",
                &[
                    ("app", factors.app.to_string()),
                    ("passkeys", factors.passkeys.to_string()),
                    ("codes", factors.recovery_codes_left.to_string()),
                ],
            )),
        }
        .record(&txn, AuditAction::SecondFactorsReset, now)
        .await?;
        txn.commit().await?;
        self.outbox.wake();
        Ok(ActionOutcome::done(app::i18n::t_with(
            "service-people-factors-removed",
            &[("email", person.email.clone())],
        )))
    }
}

fn kind_label(person: &user::Model, companies: &HashMap<i32, String>) -> String {
    if is_administrator(person) {
        return t("label-kind-administrator");
    }
    match (
        person.kind,
        person.account_id.and_then(|id| companies.get(&id)),
    ) {
        (UserKind::Consumer, _) => t("label-kind-consumer"),
        (UserKind::Contact, Some(company)) => {
            t_with("label-kind-contact-of", &[("company", company.clone())])
        }
        (UserKind::Contact, None) => t("label-kind-contact-without-company"),
        (UserKind::Staff, _) => t("label-kind-staff"),
    }
}

/// A status in the page's language ("Active", "Login disabled", …).
pub(crate) fn status_label(status: UserStatus) -> String {
    t(match status {
        UserStatus::Unverified => "label-status-unverified",
        UserStatus::PendingApproval => "label-status-pending-approval",
        UserStatus::Active => "label-status-active",
        UserStatus::Disabled => "label-status-disabled",
        UserStatus::Rejected => "label-status-rejected",
    })
}

/// "Authenticator app, 2 passkeys, 8 recovery codes", or "None", in the page's language.
fn factors_label(factors: Factors) -> String {
    factors_in(app::i18n::lang(), factors)
}

/// The factors in `lang`. The audit log stores them in English ([`Lang::DEFAULT`]), as it
/// stores its other details.
fn factors_in(lang: Lang, factors: Factors) -> String {
    let count = |key: &str, n: u64| lang.text_with(key, &[("count", format_number(lang, n))]);
    let mut parts = Vec::new();
    if factors.app {
        parts.push(lang.text("label-factors-app"));
    }
    match factors.passkeys {
        0 => {}
        1 => parts.push(lang.text("label-factors-passkeys-one")),
        n => parts.push(count("label-factors-passkeys-many", n)),
    }
    match factors.recovery_codes_left {
        0 => {}
        1 => parts.push(lang.text("label-factors-recovery-codes-one")),
        n => parts.push(count("label-factors-recovery-codes-many", n)),
    }
    if parts.is_empty() {
        lang.text("label-factors-none")
    } else {
        parts.join(&lang.text("label-factors-separator"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_wildcards_literally() {
        assert_eq!(
            crate::services::support::views::escape_like("a_b%c\\"),
            "a\\_b\\%c\\\\"
        );
    }

    #[test]
    fn factors_are_listed_in_words() {
        let none = Factors {
            app: false,
            passkeys: 0,
            recovery_codes_left: 0,
        };
        assert_eq!(factors_label(none), "None");
        let some = Factors {
            app: true,
            passkeys: 2,
            recovery_codes_left: 1,
        };
        assert_eq!(
            factors_label(some),
            "Authenticator app, 2 passkeys, 1 recovery code"
        );
    }
}
