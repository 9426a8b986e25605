//! A person's side of apps: the ones they are connected to (a grant not revoked, or a
//! consent), "Disconnect", and the apps their portal's home offers.
use std::collections::BTreeMap;

use app::api::{Access, ActionOutcome, ConnectedApp, PortalApp};
use app::forms::{ErrorKind, Field};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use tower_sessions::Session;

use crate::db::entities::{oidc_consent, oidc_grant};
use crate::services::session::caller::settle;
use crate::services::support::audit::{detail_message, Audit, AuditAction};
use crate::services::support::views::date;
use crate::services::support::{app_clients, app_sessions};
use crate::services::{Portico, ServiceError};

impl Portico {
    /// The apps the person is connected to, each with when they last signed in to it (or
    /// agreed to share with it), by name.
    pub async fn connected_apps_at(
        &self,
        session: &Session,
    ) -> Result<Access<Vec<ConnectedApp>>, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            let mut latest: BTreeMap<String, DateTime<Utc>> = BTreeMap::new();
            let grants = oidc_grant::Entity::find()
                .filter(oidc_grant::Column::UserId.eq(person.id))
                .filter(oidc_grant::Column::RevokedAt.is_null())
                .all(&self.db)
                .await?;
            let consents = oidc_consent::Entity::find()
                .filter(oidc_consent::Column::UserId.eq(person.id))
                .all(&self.db)
                .await?;
            let times = grants
                .into_iter()
                .map(|g| (g.client_id, g.created_at))
                .chain(consents.into_iter().map(|c| (c.client_id, c.granted_at)));
            for (client, at) in times {
                let entry = latest.entry(client).or_insert(at);
                *entry = (*entry).max(at);
            }
            let mut apps = Vec::new();
            for (client_id, at) in latest {
                // An app removed meanwhile took its grants with it; none is listed.
                if let Some(app) = app_clients::find(&self.db, &client_id).await? {
                    apps.push(ConnectedApp {
                        client_id,
                        name: app.name,
                        since: date(at),
                    });
                }
            }
            apps.sort_by_key(|a| a.name.to_lowercase());
            Ok(Access::Granted(apps))
        })
        .await
    }

    /// "Disconnect": the person's grants to the app are revoked, their tokens deleted and
    /// their consent forgotten, so that the app must ask again.
    pub async fn disconnect_app_at(
        &self,
        session: &Session,
        client_id: String,
        now: DateTime<Utc>,
    ) -> Result<ActionOutcome, ServiceError> {
        settle(async {
            let person = self.caller(session).await?.person()?;
            let name = app_clients::find(&self.db, &client_id)
                .await?
                .map(|app| app.name)
                .unwrap_or_default();
            let txn = crate::db::begin_write(&self.db).await?;
            // Until LOGOUT's `support::app_sessions` takes over (back-channel logouts too).
            let ended = revoke_grants_of(&txn, person.id, &client_id, now).await?;
            if !ended {
                return Ok(ActionOutcome::refused(
                    Field::Form,
                    "service-apps-not-connected",
                    ErrorKind::NotFound,
                ));
            }
            Audit {
                detail: Some(detail_message(
                    "audit-detail-app",
                    &[("name", name.clone()), ("client_id", client_id)],
                )),
                ..Audit::by_self(person.id)
            }
            .record(&txn, AuditAction::AppDisconnected, now)
            .await?;
            txn.commit().await?;
            Ok(ActionOutcome::done(app::i18n::t_with(
                "service-apps-disconnected",
                &[("name", name)],
            )))
        })
        .await
    }

    /// The apps of the signed-in person's portal that have a start address: nothing for
    /// a visitor. An app without one can only be opened from its own site.
    pub async fn portal_apps_at(&self, session: &Session) -> Result<Vec<PortalApp>, ServiceError> {
        let Ok(person) = self.caller(session).await?.person() else {
            return Ok(Vec::new());
        };
        let portal = person.kind.portal();
        let mut apps: Vec<PortalApp> = app_clients::all(&self.db)
            .await?
            .into_iter()
            .filter(|app| app.portal.admits(portal))
            .filter_map(|app| {
                let start = app.initiate_login_uri?;
                Some(PortalApp {
                    name: app.name,
                    description: app.description.unwrap_or_default(),
                    start: with_issuer(&start, &self.public_url),
                })
            })
            .collect();
        apps.sort_by_key(|a| a.name.to_lowercase());
        Ok(apps)
    }
}

/// The start address with `iss` (OIDC Core §4): the app learns which provider to ask.
/// (A start address that does not parse was stored before the checks; it is left as is.)
fn with_issuer(start: &str, issuer: &str) -> String {
    match reqwest::Url::parse(start) {
        Ok(mut url) => {
            url.query_pairs_mut().append_pair("iss", issuer);
            url.into()
        }
        Err(_) => start.to_owned(),
    }
}

/// Ends a person's sessions with an app (grants revoked, tokens deleted, a back-channel
/// logout queued when the app takes them) and forgets their consent. Whether there was
/// anything to end.
async fn revoke_grants_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    client_id: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let ended = app_sessions::end_app_sessions_with_app(db, user_id, client_id, now).await?;
    let consents = oidc_consent::Entity::delete_many()
        .filter(oidc_consent::Column::UserId.eq(user_id))
        .filter(oidc_consent::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    Ok(ended > 0 || consents.rows_affected > 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_start_address_gets_the_issuer_as_a_parameter() {
        assert_eq!(
            super::with_issuer("https://desk.example/start", "https://id.example"),
            "https://desk.example/start?iss=https%3A%2F%2Fid.example"
        );
        assert_eq!(
            super::with_issuer("https://desk.example/start?x=1", "https://id.example"),
            "https://desk.example/start?x=1&iss=https%3A%2F%2Fid.example"
        );
    }
}
