//! Adding a passkey: on the security page, or as the second factor someone must set up
//! before their log-in finishes. Ends as every new factor does (`new_factor`).
use app::api::{Client, PasskeyStep};
use app::forms::Message;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;
use webauthn_rs::prelude::{Passkey, Uuid};

use super::{problem_key, refused};
use crate::db::entities::passkey;
use crate::db::entities::user;
use crate::db::is_unique_violation;
use crate::factors::passkeys::{credential_id, PasskeyProblem};
use crate::services::session::caller::settle;
use crate::services::session::keys;
use crate::services::support::audit::AuditAction;
use crate::services::two_factor::new_factor::Added;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Starts adding a passkey named `name` for the person on this session.
    pub async fn passkey_add_start_at(
        &self,
        session: &Session,
        name: String,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        settle(async {
            let setter = self.setter(session, now).await?;
            let person = setter.person();
            let handle = self.passkey_handle(person).await?;
            let existing = self.passkeys_of(person.id).await?;
            let existing: Vec<Passkey> = existing.into_iter().map(|(_, p)| p).collect();
            let display = format!("{} {}", person.first_name, person.last_name);
            Ok(
                match site.start_registration(handle, &person.email, &display, &existing) {
                    Ok((options, state)) => {
                        keys::PASSKEY_ADDING.put(session, &(state, name)).await?;
                        PasskeyStep::Options { options }
                    }
                    Err(problem) => refused(problem_key(&problem)),
                },
            )
        })
        .await
    }

    /// The browser's new passkey: checked, kept, and its owner told. The first second
    /// factor comes with recovery codes; someone required to set one up is logged in.
    pub async fn passkey_add_finish_at(
        &self,
        session: &Session,
        client: &Client,
        credential: String,
        now: DateTime<Utc>,
    ) -> Result<PasskeyStep, ServiceError> {
        let site = match self.passkeys_here() {
            Ok(site) => site,
            Err(refusal) => return Ok(refusal),
        };
        let Some((state, name)) = keys::PASSKEY_ADDING.take(session).await? else {
            return Ok(refused(problem_key(&PasskeyProblem::NoCeremony)));
        };
        settle(async {
            let setter = self.setter(session, now).await?;
            let new = match site.finish_registration(&credential, &state) {
                Ok(new) => new,
                Err(problem) => return Ok(refused(problem_key(&problem))),
            };
            let factor = self.begin_new_factor(setter.person()).await?;
            let inserted = passkey::ActiveModel {
                user_id: Set(setter.person().id),
                credential_id: Set(credential_id(&new)),
                name: Set(name.clone()),
                passkey: Set(serde_json::to_string(&new).unwrap_or_default()),
                created_at: Set(now),
                last_used_at: Set(None),
                ..Default::default()
            }
            .insert(&factor.txn)
            .await;
            match inserted {
                Err(error) if is_unique_violation(&error) => {
                    factor.abandon().await?;
                    return Ok(refused("service-passkeys-added-already"));
                }
                other => other?,
            };
            let added = Added {
                notice: Message::key_with(
                    "email-security-passkey-added",
                    &[("name", name.clone())],
                ),
                action: AuditAction::PasskeyAdded,
                detail: Some(name),
            };
            let to = self
                .after_factor_added(session, &setter, factor, added, client, now)
                .await?;
            Ok(PasskeyStep::Done { to })
        })
        .await
    }

    /// The person's handle in their passkeys: a random UUID, made with their first one.
    async fn passkey_handle(&self, person: &user::Model) -> Result<Uuid, ServiceError> {
        if let Some(handle) = person
            .webauthn_id
            .as_deref()
            .and_then(|h| Uuid::parse_str(h).ok())
        {
            return Ok(handle);
        }
        let handle = Uuid::new_v4();
        user::Entity::update_many()
            .col_expr(user::Column::WebauthnId, Expr::value(handle.to_string()))
            .filter(user::Column::Id.eq(person.id))
            .filter(user::Column::WebauthnId.is_null())
            .exec(&self.db)
            .await?;
        // Another request may have given one first: the stored one counts.
        let stored = user::Entity::find_by_id(person.id)
            .one(&self.db)
            .await?
            .and_then(|u| u.webauthn_id)
            .and_then(|h| Uuid::parse_str(&h).ok());
        Ok(stored.unwrap_or(handle))
    }
}
