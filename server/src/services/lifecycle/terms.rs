//! New versions of the privacy policy and the terms: someone who agreed to an older one
//! agrees to the current one at their next log-in, before any page. Until they do they
//! are not logged in at all (the session only remembers, for a while, who is part-way),
//! so no page and no service can act for them; declining leaves them logged out.
use app::api::{ChangedPolicy, Client, TermsOutcome};
use app::forms::leaving::TermsAnswer;
use app::forms::{Field, FieldErrors};
use app::policies::{Policy, AGREED_AT_REGISTRATION};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use crate::db::entities::consent;
use crate::db::entities::user::{self, UserStatus};
use crate::services::session::keys;
use crate::services::session::pending::PendingTerms;
use crate::services::support::audit::{Audit, AuditAction};
use crate::services::{Portico, ServiceError};

/// How long a log-in waits for the answer.
const PENDING_LIFETIME: Duration = Duration::minutes(30);

/// The current documents the person agreed to in an older version: each one whose
/// latest consent is for another version. (People an operator created, who never agreed
/// to anything, are not asked: the documents are what registering agrees to.)
pub async fn outdated_policies<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> Result<Vec<Policy>, DbErr> {
    let consents = consent::Entity::find()
        .filter(consent::Column::UserId.eq(user_id))
        .order_by_asc(consent::Column::AgreedAt)
        .order_by_asc(consent::Column::Id)
        .all(db)
        .await?;
    Ok(AGREED_AT_REGISTRATION
        .into_iter()
        .filter(|policy| {
            consents
                .iter()
                .rev()
                .find(|c| c.document == policy.document)
                .is_some_and(|latest| latest.version != policy.version)
        })
        .collect())
}

/// Records that the person agreed to these documents' current versions, now.
pub async fn record_consents<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    policies: &[Policy],
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    for policy in policies {
        consent::ActiveModel {
            user_id: Set(user_id),
            document: Set(policy.document.to_owned()),
            version: Set(policy.version.to_owned()),
            agreed_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

impl Portico {
    /// Where someone goes first if they must agree to new terms before they are logged
    /// in; the session remembers them (and where they were going) meanwhile.
    pub(crate) async fn terms_first(
        &self,
        session: &Session,
        person: &user::Model,
        next: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, ServiceError> {
        if outdated_policies(&self.db, person.id).await?.is_empty() {
            keys::TERMS_PENDING.take(session).await?;
            return Ok(None);
        }
        // As at every log-in, a fresh session id.
        session.cycle_id().await?;
        keys::TERMS_PENDING
            .put(
                session,
                &PendingTerms {
                    user_id: person.id,
                    next,
                    since: now.timestamp(),
                    credential_version: person.credential_version,
                },
            )
            .await?;
        Ok(Some(person.kind.portal().path("/accept-terms")))
    }

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
            .start_login(session, &person, client, pending.next, now)
            .await?;
        Ok(TermsOutcome::Continue { to })
    }
}
