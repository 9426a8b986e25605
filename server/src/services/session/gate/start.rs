//! The last step of the gate: the session itself. A new session id, the person in it,
//! and its `logins` row. Private to the gate (see its `//!`): only its entry points,
//! which take every step before, reach it.
use app::api::Client;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::{login, user};
use crate::services::session::factors_used::FactorsUsed;
use crate::services::session::keys;
use crate::services::session::pending::ProviderLogin;
use crate::services::{Portico, ServiceError};

impl Portico {
    /// Starts a login on this session: a new session id, the person in it, and its row;
    /// says where the person goes next (`next`, or their home). Someone who has not
    /// agreed to the current terms is not logged in yet: they go to agree first (see
    /// `new_terms`). Logging in cancels a scheduled deletion of the account.
    pub(in crate::services::session::gate) async fn start_login(
        &self,
        session: &Session,
        person: &user::Model,
        client: &Client,
        next: Option<String>,
        factors: FactorsUsed,
        now: DateTime<Utc>,
    ) -> Result<String, ServiceError> {
        let terms_first = self.terms_first(session, person, next.clone(), factors, now);
        if let Some(agree_first) = terms_first.await? {
            return Ok(agree_first);
        }
        if person.deletion_due_at.is_some() {
            self.cancel_deletion(person, now).await?;
        }
        let provider = provider_login_of(session, person, now).await?;
        let factors = match provider {
            Some(_) => factors.through_provider(),
            None => factors,
        };
        // Nothing set before the log-in (a half-set-up authenticator's secret, a
        // ceremony's state, a pending step) lives on into the logged-in session, and a
        // new session id, so that an id planted before cannot be ridden.
        session.clear().await;
        session.cycle_id().await?;
        let mut bytes = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let id = hex::encode(bytes);
        // The public id apps see as `sid`: separate from `id`, which proves the session.
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let sid = hex::encode(&bytes[..16]);
        // Inserted without reading it back: "log out my other sessions" elsewhere may
        // delete it at once, and then this session simply does not count.
        let mut row = login::ActiveModel {
            id: Set(id.clone()),
            user_id: Set(person.id),
            session_id: Set(None),
            created_at: Set(now),
            last_seen_at: Set(now),
            user_agent: Set(client.user_agent.clone()),
            sid: Set(Some(sid)),
            amr: Set(Some(factors.amr())),
            ..Default::default()
        };
        if let Some(provider) = provider {
            row.provider_id = Set(Some(provider.provider_id));
            row.provider_sid = Set(provider.sid);
            row.provider_subject = Set(Some(provider.subject));
            row.expires_at = Set(DateTime::from_timestamp(provider.expires_at, 0));
        }
        login::Entity::insert(row)
            .exec_without_returning(&self.db)
            .await?;
        keys::USER_ID.put(session, &person.id).await?;
        keys::LOGIN_ID.put(session, &id).await?;
        if let Some(language) = &person.preferred_language {
            keys::LANGUAGE.put(session, language).await?;
        }
        self.mark_authenticated(session, now).await?;
        user::Entity::update_many()
            .col_expr(user::Column::LastLoginAt, Expr::value(now))
            .filter(user::Column::Id.eq(person.id))
            .exec(&self.db)
            .await?;
        Ok(next.unwrap_or_else(|| crate::services::session::second_step::home_of(person)))
    }
}

/// How long a log-in through a provider may wait in the gate (a second step, new terms)
/// before it no longer counts as one.
const PROVIDER_LOGIN_WAITS: i64 = 10 * 60;

/// The sign-in through a provider this log-in finishes, if it is this person's and
/// recent: taken out of the session, so that it counts for one login only.
async fn provider_login_of(
    session: &Session,
    person: &user::Model,
    now: DateTime<Utc>,
) -> Result<Option<ProviderLogin>, ServiceError> {
    let found = keys::PROVIDER_LOGIN.take(session).await?;
    Ok(found
        .filter(|p| p.user_id == person.id && now.timestamp() - p.since <= PROVIDER_LOGIN_WAITS))
}
