//! "Download my data": everything the service holds about a person, as one JSON document
//! (GDPR art. 15 and 20). Secrets are left out (the password hash, the authenticator
//! app's secret, passkeys' public keys, recovery-code hashes, tokens): they are not about
//! the person, and a leaked export must not open the account.
use app::api::Access;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveEnum, ColumnTrait, Condition, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use tower_sessions::Session;

use crate::db::entities::user;
use crate::db::entities::{
    account, audit_entry, consent, login, outbox, passkey, registration_request,
};
use crate::services::session::caller::settle;
use crate::services::support::audit::detail_text;
use crate::services::{Portico, ServiceError};

fn when(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

impl Portico {
    /// The person's data as JSON, if they are signed in and proved who they are lately
    /// (`Denied` asks them to confirm first).
    pub async fn export_data_at(
        &self,
        session: &Session,
        now: DateTime<Utc>,
    ) -> Result<Access<String>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            self.fresh_proof(session, now).await?;
            let company = match person.account_id {
                Some(id) => account::Entity::find_by_id(id).one(&self.db).await?,
                None => None,
            };
            let document: Value = json!({
                "exported_at": when(now),
                "profile": {
                    "email": person.email,
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "portal": person.kind.portal().name(),
                    "status": person.status.to_value(),
                    "registered_at": when(person.created_at),
                    "verified_at": person.verified_at.map(when),
                    "last_log_in_at": person.last_login_at.map(when),
                    "preferred_language": person.preferred_language,
                },
                "company": company.map(|c| json!({ "name": c.name, "role": person.role.to_value() })),
                "consents": self.consents_of(person.id).await?,
                "log_ins": self.log_ins_of(person.id).await?,
                "registration_requests": self.requests_of(person.id).await?,
                "second_factors": self.second_factors_of(&person).await?,
                "audit_log": self.audit_of(person.id).await?,
                "emails": self.emails_to(&person.email).await?,
            });
            Ok(Access::Granted(
                serde_json::to_string_pretty(&document).unwrap_or_default(),
            ))
        })
        .await
    }

    async fn consents_of(&self, person: i32) -> Result<Vec<Value>, DbErr> {
        Ok(consent::Entity::find()
            .filter(consent::Column::UserId.eq(person))
            .order_by_asc(consent::Column::AgreedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| json!({ "document": c.document, "version": c.version, "agreed_at": when(c.agreed_at) }))
            .collect())
    }

    async fn log_ins_of(&self, person: i32) -> Result<Vec<Value>, DbErr> {
        Ok(login::Entity::find()
            .filter(login::Column::UserId.eq(person))
            .order_by_asc(login::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|l| {
                json!({
                    "started_at": when(l.created_at),
                    "last_seen_at": when(l.last_seen_at),
                    "browser": l.user_agent,
                    "active": l.session_id.is_some(),
                })
            })
            .collect())
    }

    async fn requests_of(&self, person: i32) -> Result<Vec<Value>, DbErr> {
        Ok(registration_request::Entity::find()
            .filter(registration_request::Column::UserId.eq(person))
            .order_by_asc(registration_request::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| {
                json!({
                    "requested_at": when(r.created_at),
                    "state": r.state.to_value(),
                    "decided_at": r.decided_at.map(when),
                    "reason": r.reason,
                })
            })
            .collect())
    }

    /// What the person's second factors are, without their secrets.
    async fn second_factors_of(&self, person: &user::Model) -> Result<Value, DbErr> {
        let passkeys = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(person.id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| json!({ "name": p.name, "added_at": when(p.created_at), "last_used_at": p.last_used_at.map(when) }))
            .collect::<Vec<_>>();
        let factors = self.factors_of(&self.db, person.id).await?;
        Ok(json!({
            "authenticator_app_since": person.totp_enabled_at.map(when),
            "passkeys": passkeys,
            "recovery_codes_left": factors.recovery_codes_left,
        }))
    }

    /// The audit log's entries about the person or by them.
    async fn audit_of(&self, person: i32) -> Result<Vec<Value>, DbErr> {
        Ok(audit_entry::Entity::find()
            .filter(
                Condition::any()
                    .add(audit_entry::Column::SubjectId.eq(person))
                    .add(audit_entry::Column::ActorId.eq(person)),
            )
            .order_by_asc(audit_entry::Column::At)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "at": when(a.at),
                    "action": a.action,
                    "by_you": a.actor_id == Some(person),
                    "detail": a.detail.as_deref().map(|stored| {
                        detail_text(app::i18n::Lang::DEFAULT, stored)
                    }),
                })
            })
            .collect())
    }

    async fn emails_to(&self, address: &str) -> Result<Vec<Value>, DbErr> {
        Ok(outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(address))
            .order_by_asc(outbox::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| json!({ "subject": e.subject, "written_at": when(e.created_at), "sent_at": e.sent_at.map(when) }))
            .collect())
    }
}
