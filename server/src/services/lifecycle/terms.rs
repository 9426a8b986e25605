//! New versions of the privacy policy and the terms: someone who agreed to an older one
//! agrees to the current one at their next log-in, before any page. Until they do they
//! are not logged in at all (the session only remembers, for a while, who is part-way),
//! so no page and no service can act for them; declining leaves them logged out. Asking
//! is a step of the gate (`session::gate::new_terms`); the answer is given here.
use app::api::{ChangedPolicy, Client, TermsOutcome};
use app::forms::leaving::TermsAnswer;
use app::forms::{Field, FieldErrors};
use chrono::{DateTime, Duration, Utc};
use sea_orm::EntityTrait;
use tower_sessions::Session;

use crate::db::entities::user::{self, UserStatus};
use crate::services::session::gate::new_terms::outdated_policies;
use crate::services::session::keys;
use crate::services::session::pending::PendingTerms;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::support::consents::record_consents;
use crate::services::{Portico, ServiceError};

/// How long a log-in waits for the answer.
const PENDING_LIFETIME: Duration = Duration::minutes(30);

impl Portico {
    /// The person part-way through logging in, waiting to agree.
    async fn pending_terms(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<(user::Model, PendingTerms)>, ServiceError> {
        let Some(pending) = keys::TERMS_PENDING.get(session).await? else {
            return Ok(None);
        };
        if now.timestamp() - pending.since > PENDING_LIFETIME.num_seconds() {
            keys::TERMS_PENDING.take(session).await?;
            return Ok(None);
        }
        let person = user::Entity::find_by_id(pending.user_id)
            .one(&self.db)
            .await?
            .filter(|p| p.status == UserStatus::Active)
            .filter(|p| p.credential_version == pending.credential_version);
        if person.is_none() {
            keys::TERMS_PENDING.take(session).await?;
        }
        Ok(person.map(|person| (person, pending)))
    }

    pub async fn changed_policies_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Option<Vec<ChangedPolicy>>, ServiceError> {
        let Some((person, _)) = self.pending_terms(session, now).await? else {
            return Ok(None);
        };
        let portal = person.kind.portal();
        Ok(Some(
            outdated_policies(&self.db, person.id)
                .await?
                .into_iter()
                .map(|policy| ChangedPolicy {
                    title: policy.title(),
                    version: policy.version.to_owned(),
                    path: portal.path(policy.path),
                })
                .collect(),
        ))
    }

    pub async fn answer_terms_at(
        &self,
        session: &Session,
        client: &Client,
        answer: TermsAnswer,
        now: DateTime<Utc>,
    ) -> Result<TermsOutcome, ServiceError> {
        let Some((person, pending)) = self.pending_terms(session, now).await? else {
            return Ok(TermsOutcome::Rejected {
                errors: FieldErrors::one(
                    Field::Form,
                    crate::services::session::second_step::LOG_IN_AGAIN,
                ),
            });
        };
        keys::TERMS_PENDING.take(session).await?;
        if answer == TermsAnswer::Decline {
            return Ok(TermsOutcome::LoggedOut {
                message: app::i18n::t("service-terms-declined"),
            });
        }
        let outdated = outdated_policies(&self.db, person.id).await?;
        let txn = crate::db::begin_write(&self.db).await?;
        record_consents(&txn, person.id, &outdated, now).await?;
        let versions: Vec<String> = outdated
            .iter()
            .map(|p| format!("{} {}", p.document, p.version))
            .collect();
        Audit::by_self(person.id)
            .account(person.account_id)
            .detail(versions.join(", "))
            .record(&txn, AuditAction::TermsAccepted, now)
            .await?;
        txn.commit().await?;
        let to = self
            .admit_after_every_factor(session, &person, client, pending.next, pending.factors, now)
            .await?;
        Ok(TermsOutcome::Continue { to })
    }
}
