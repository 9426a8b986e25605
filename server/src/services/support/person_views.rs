//! People as the administration shows them (company, status, second factors in words):
//! the people list (`admin`) and a person's record (`records`) show the same view, so it
//! lives here rather than in either area.
use std::collections::HashMap;

use app::api::PersonView;
use app::i18n::{format_number, t, t_with, Lang};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::db::entities::user::{self, UserKind, UserStatus};
use crate::db::entities::{account, passkey, recovery_code};
use crate::services::support::factors::Factors;
use crate::services::support::roles::is_administrator;
use crate::services::support::views::{full_name, grouped_counts};
use crate::services::{Portico, ServiceError};

impl Portico {
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
