//! Sessions that hold no log-in are kept briefly. Before a log-in completes, a session
//! holds only what waits for the next step (a right password waiting for its second
//! factor or for new terms to be agreed to, a factor being set up), which expires after
//! [`PENDING_LIFETIME`] anyway; stored for the 14 days of a logged-in session, each such
//! visit would leave a row behind for two weeks. The layer sets every session's expiry
//! afresh on each request, so this runs inside it on every request that changed one.
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::cookie::time;
use tower_sessions::{Expiry, Session};

use crate::services::session::keys::names::LOGIN_ID as SESSION_LOGIN_ID;
use crate::services::session::second_step::PENDING_LIFETIME;

/// The middleware: a session changed by this request, and not logged in, expires after
/// [`PENDING_LIFETIME`] without use (its cookie too).
pub async fn keep_briefly(request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let response = next.run(request).await;
    if let Some(session) = session {
        if session.is_modified() && !logged_in(&session).await {
            let lifetime = time::Duration::seconds(PENDING_LIFETIME.num_seconds());
            session.set_expiry(Some(Expiry::OnInactivity(lifetime)));
        }
    }
    response
}

async fn logged_in(session: &Session) -> bool {
    // A session that cannot be read is left as the layer has it.
    !matches!(session.get::<String>(SESSION_LOGIN_ID).await, Ok(None))
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::routing::post;
    use axum::{middleware, Router};
    use tower::ServiceExt;
    use tower_sessions::{MemoryStore, SessionManagerLayer};

    use super::*;

    async fn set_cookie_after(key: &'static str) -> String {
        let app = Router::new()
            .route(
                "/",
                post(move |session: Session| async move {
                    session.insert(key, "x").await.unwrap();
                }),
            )
            .layer(middleware::from_fn(keep_briefly))
            .layer(
                SessionManagerLayer::new(MemoryStore::default())
                    .with_expiry(Expiry::OnInactivity(time::Duration::days(14))),
            );
        let request = axum::http::Request::post("/").body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .to_owned()
    }

    #[tokio::test]
    async fn a_session_without_a_log_in_lasts_ten_minutes_and_a_logged_in_one_fourteen_days() {
        let pending = set_cookie_after("pending_log_in").await;
        assert!(pending.contains("Max-Age=600"), "{pending}");
        let logged_in = set_cookie_after(SESSION_LOGIN_ID).await;
        assert!(logged_in.contains("Max-Age=1209600"), "{logged_in}");
    }
}
