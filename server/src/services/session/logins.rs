//! Logins: each logged-in session has a row in `logins`, whose id the session carries.
//! A session counts only while its row exists, so ending a person's other sessions (from
//! the profile, or when their password changes) is deleting rows; their sessions are
//! deleted from the session store too.
use app::api::SessionView;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::db::entities::login;
use crate::services::session::keys;
use crate::services::support::app_sessions::end_app_sessions_of_login;
use crate::services::support::views::date;
use crate::services::{Portico, ServiceError};

/// How often "last seen" is written: not on every request.
const LAST_SEEN_EVERY: Duration = Duration::seconds(60);

/// Logins unseen for this long are gone with their sessions (the cookie's own expiry).
pub const LOGIN_IDLE_LIFETIME: Duration = Duration::days(14);

impl Portico {
    /// The login this session carries, while it still counts. Records when it was last
    /// seen (at most once a minute) and the store's id for the session.
    pub(crate) async fn current_login(
        &self,
        session: &Session,
        user_id: i32,
        now: DateTime<Utc>,
    ) -> Result<Option<login::Model>, ServiceError> {
        let Some(id) = keys::LOGIN_ID.get(session).await? else {
            return Ok(None);
        };
        let Some(found) = login::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        if found.user_id != user_id {
            return Ok(None);
        }
        // A login through another provider lasts as long as the provider's session (or
        // `SSO_SESSION_MAX_HOURS`): past it the person counts as logged out, and the
        // marker tells the page to go back to the provider silently (`prompt=none`).
        if let (Some(ends), Some(provider)) = (found.expires_at, found.provider_id) {
            if ends <= now {
                keys::PROVIDER_SESSION_ENDED.put(session, &provider).await?;
                return Ok(None);
            }
        }
        let session_id = session.id().map(|id| id.to_string());
        let stale = now - found.last_seen_at > LAST_SEEN_EVERY;
        let unrecorded = found.session_id.is_none() && session_id.is_some();
        if stale || unrecorded {
            let mut seen = login::Entity::update_many()
                .col_expr(login::Column::LastSeenAt, Expr::value(now))
                .filter(login::Column::Id.eq(found.id.clone()));
            if unrecorded {
                seen = seen.col_expr(login::Column::SessionId, Expr::value(session_id));
            }
            // Another request may have ended this login in between ("log out my other
            // sessions"): then it no longer counts, and the person logs in again.
            if seen.exec(&self.db).await?.rows_affected == 0 {
                return Ok(None);
            }
        }
        Ok(Some(found))
    }

    /// Ends this session's login (logging out), and the app sessions it opened.
    pub(crate) async fn end_login(&self, session: &Session) -> Result<(), ServiceError> {
        if let Some(id) = keys::LOGIN_ID.get(session).await? {
            let txn = crate::db::begin_write(&self.db).await?;
            end_app_sessions_of_login(&txn, &id, Utc::now()).await?;
            login::Entity::delete_by_id(id).exec(&txn).await?;
            txn.commit().await?;
        }
        session.flush().await?;
        Ok(())
    }

    /// The person's sessions, newest first.
    pub(crate) async fn sessions_of(
        &self,
        user_id: i32,
        current: &str,
    ) -> Result<Vec<SessionView>, ServiceError> {
        let logins = login::Entity::find()
            .filter(login::Column::UserId.eq(user_id))
            .order_by_desc(login::Column::CreatedAt)
            .all(&self.db)
            .await?;
        Ok(logins
            .into_iter()
            .map(|l| SessionView {
                started: date(l.created_at),
                last_seen: date(l.last_seen_at),
                browser: l
                    .user_agent
                    .as_deref()
                    .map(browser_of)
                    .unwrap_or_else(|| app::i18n::t("label-browser-unknown")),
                current: l.id == current,
            })
            .collect())
    }
}

/// "Firefox on Windows", from a user agent, in the current language (English outside a
/// request). Written here: the lists a parser crate carries (hundreds of KB of patterns)
/// buy nothing for one line in a table.
pub fn browser_of(user_agent: &str) -> String {
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map_or_else(
        || app::i18n::t("label-browser-any"),
        |(_, name)| name.to_owned(),
    );
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| name);
    match system {
        Some(system) => app::i18n::t_with(
            "label-browser-on-system",
            &[("browser", browser), ("system", system.to_owned())],
        ),
        None => browser,
    }
}

#[cfg(test)]
mod tests {
    use super::browser_of;

    #[test]
    fn a_user_agent_reads_as_browser_and_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(browser_of(chrome), "Chrome on Linux");
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(browser_of(firefox), "Firefox on Windows");
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_of(safari), "Safari on iOS");
        assert_eq!(browser_of("something"), "A browser");
    }
}
