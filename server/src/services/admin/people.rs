//! The administration's view of people: finding someone by address or name, and
//! removing the second factors of a person who lost them (a phone) once an administrator
//! has checked who they are.
use app::api::{Access, ActionOutcome, PeopleList, PER_PAGE};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use tower_sessions::Session;

use crate::db::entities::passkey;
use crate::db::entities::user;
use crate::db::hold_row;
use crate::services::session::caller::settle;
use crate::services::support::app_sessions::end_app_sessions_of_person;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::factors::Factors;
use crate::services::support::stored_factors::{delete_recovery_codes, turn_off_app};
use crate::services::support::views::{contains_any, search_text};
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
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
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
        })
        .await
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
        settle(async {
            let admin = self.caller(session).await?.administrator()?;
            self.fresh_proof(session, now).await?;
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
            self.remove_second_factors(&txn, &person, now).await?;
            // A factor may have been stolen: the apps it signed in to are signed out.
            end_app_sessions_of_person(&txn, person.id, now).await?;
            Audit {
                actor: Some(admin.id),
                subject: Some(person.id),
                account: person.account_id,
                // In words, so that each reader reads it in their language.
                detail: Some(removed_in_words(factors)),
            }
            .record(&txn, AuditAction::SecondFactorsReset, now)
            .await?;
            txn.commit().await?;
            self.outbox.wake();
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-people-factors-removed",
                &[("email", person.email.clone())],
            )))
        })
        .await
    }

    /// The person's app, passkeys and recovery codes go, a locked second step opens again,
    /// and they are told by email.
    async fn remove_second_factors(
        &self,
        txn: &DatabaseTransaction,
        person: &user::Model,
        now: DateTime<Utc>,
    ) -> Result<(), DbErr> {
        turn_off_app(txn, person.id).await?;
        passkey::Entity::delete_many()
            .filter(passkey::Column::UserId.eq(person.id))
            .exec(txn)
            .await?;
        delete_recovery_codes(txn, person.id).await?;
        crate::services::session::second_step_lock::unlock_second_step(txn, person.id).await?;
        self.tell(
            txn,
            person,
            app::forms::Message::from("email-security-factors-reset"),
            now,
        )
        .await?;
        Ok(())
    }
}

/// The audit log's detail of a reset: what was removed.
fn removed_in_words(factors: Factors) -> String {
    crate::services::support::audit::detail_message(
        "audit-detail-factors-removed",
        &[
            ("app", factors.app.to_string()),
            ("passkeys", factors.passkeys.to_string()),
            ("codes", factors.recovery_codes_left.to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_search_matches_wildcards_literally() {
        assert_eq!(
            crate::services::support::views::escape_like("a_b%c\\"),
            "a\\_b\\%c\\\\"
        );
    }
}
