//! "Download my data": everything the service holds about a person, as one JSON document
//! (GDPR art. 15 and 20). Secrets are left out (the password hash, the authenticator
//! app's secret, passkeys' public keys, recovery-code hashes, tokens): they are not about
//! the person, and a leaked export must not open the account.
use app::api::Access;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveEnum, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{json, Value};
use tower_sessions::Session;

use crate::db::entities::{
    account, audit_entry, consent, login, outbox, passkey, registration_request,
};
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
        let Some(person) = self.session_person(session).await? else {
            return Ok(Access::LogInFirst);
        };
        if !self.recently_authenticated(session, now).await? {
            return Ok(Access::Denied);
        }
        let company = match person.account_id {
            Some(id) => account::Entity::find_by_id(id).one(&self.db).await?,
            None => None,
        };
        let consents = consent::Entity::find()
            .filter(consent::Column::UserId.eq(person.id))
            .order_by_asc(consent::Column::AgreedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|c| json!({ "document": c.document, "version": c.version, "agreed_at": when(c.agreed_at) }))
            .collect::<Vec<_>>();
        let log_ins = login::Entity::find()
            .filter(login::Column::UserId.eq(person.id))
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
            .collect::<Vec<_>>();
        let requests = registration_request::Entity::find()
            .filter(registration_request::Column::UserId.eq(person.id))
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
            .collect::<Vec<_>>();
        let audit = audit_entry::Entity::find()
            .filter(
                Condition::any()
                    .add(audit_entry::Column::SubjectId.eq(person.id))
                    .add(audit_entry::Column::ActorId.eq(person.id)),
            )
            .order_by_asc(audit_entry::Column::At)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "at": when(a.at),
                    "action": a.action,
                    "by_you": a.actor_id == Some(person.id),
                    "detail": a.detail.as_deref().map(|stored| {
                        crate::services::support::audit::detail_text(app::i18n::Lang::DEFAULT, stored)
                    }),
                })
            })
            .collect::<Vec<_>>();
        let emails = outbox::Entity::find()
            .filter(outbox::Column::ToAddress.eq(person.email.clone()))
            .order_by_asc(outbox::Column::CreatedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| json!({ "subject": e.subject, "written_at": when(e.created_at), "sent_at": e.sent_at.map(when) }))
            .collect::<Vec<_>>();
        let passkeys = passkey::Entity::find()
            .filter(passkey::Column::UserId.eq(person.id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| json!({ "name": p.name, "added_at": when(p.created_at), "last_used_at": p.last_used_at.map(when) }))
            .collect::<Vec<_>>();
        let factors = self.factors_of(&self.db, person.id).await?;
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
            "consents": consents,
            "log_ins": log_ins,
            "registration_requests": requests,
            "second_factors": {
                "authenticator_app_since": person.totp_enabled_at.map(when),
                "passkeys": passkeys,
                "recovery_codes_left": factors.recovery_codes_left,
            },
            "audit_log": audit,
            "emails": emails,
        });
        Ok(Access::Granted(
            serde_json::to_string_pretty(&document).unwrap_or_default(),
        ))
    }
}
