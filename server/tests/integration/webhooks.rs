//! Webhooks against a real HTTP receiver on loopback: events are recorded in the change's
//! transaction for the endpoints that want them, posted signed (HMAC-SHA256 over the
//! timestamp and the body), and retried with backoff when the receiver fails.
use std::sync::{Arc, Mutex};

use crate::common::app;

use app::api::{Access, ActionOutcome};
use app::forms::webhooks::{DeliveryKind, WebhookForm};
use app::portal::Portal;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use sea_orm::EntityTrait;
use server::db::entities::outbox::OutboxState;
use server::db::entities::webhook_delivery;
use server::webhooks::{WebhookWorker, SIGNATURE_HEADER};
use sha2::Sha256;

const SECRET: &str = "a shared secret of some length";

#[derive(Clone, Default)]
struct Receiver {
    /// (signature header, body) of every request.
    received: Arc<Mutex<Vec<(String, String)>>>,
    /// How many requests to fail before accepting.
    fail_first: Arc<Mutex<usize>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    receiver.received.lock().unwrap().push((signature, body));
    let mut fail = receiver.fail_first.lock().unwrap();
    if *fail > 0 {
        *fail -= 1;
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::NO_CONTENT
    }
}

/// A receiver on a free loopback port, and its URL.
async fn start_receiver(fail_first: usize) -> (Receiver, String) {
    let receiver = Receiver {
        fail_first: Arc::new(Mutex::new(fail_first)),
        ..Default::default()
    };
    let router = axum::Router::new()
        .route("/hooks", post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (receiver, url)
}

/// How a receiver checks a request: the HMAC of "<t>.<body>" under the shared secret.
fn signature_is_valid(header: &str, body: &str) -> bool {
    let Some((t, v1)) = header
        .strip_prefix("t=")
        .and_then(|rest| rest.split_once(",v1="))
    else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    let fresh = t
        .parse::<i64>()
        .is_ok_and(|t| (Utc::now().timestamp() - t).abs() < 300);
    fresh && hex::decode(v1).is_ok_and(|v| mac.verify_slice(&v).is_ok())
}

fn webhook(url: &str) -> app::forms::webhooks::ValidWebhook {
    WebhookForm {
        url: url.into(),
        secret: SECRET.into(),
        user_registered: "on".into(),
        user_verified: "on".into(),
        ..Default::default()
    }
    .validate()
    .unwrap()
}

#[tokio::test]
async fn events_are_posted_signed_and_retried_with_backoff_until_accepted() {
    let app = app().await;
    let admin = app.administrator().await;
    let (receiver, url) = start_receiver(1).await;
    let added = app
        .portico
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    assert!(matches!(added, ActionOutcome::Done { .. }), "{added:?}");

    app.register_verified("ada@example.com").await;
    let rows = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    let events: Vec<&str> = rows.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(events, ["user.registered", "user.verified"]);

    let worker = WebhookWorker::new(app.db.conn.clone());
    let now = Utc::now();
    // The receiver fails the first post: it is retried later, not at once.
    assert_eq!(worker.deliver_due(now).await.unwrap(), 1);
    let first = webhook_delivery::Entity::find_by_id(rows[0].id)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.state, OutboxState::Pending);
    assert_eq!(first.attempts, 1);
    assert!(first.last_error.unwrap().contains("503"));
    assert!(first.next_attempt_at > now);
    assert_eq!(worker.deliver_due(now).await.unwrap(), 0, "not due yet");
    assert_eq!(
        worker
            .deliver_due(now + Duration::seconds(3))
            .await
            .unwrap(),
        1
    );

    let received = receiver.received.lock().unwrap().clone();
    assert_eq!(
        received.len(),
        3,
        "two tries of the first, one of the second"
    );
    for (signature, body) in &received {
        assert!(
            signature_is_valid(signature, body),
            "{signature} for {body}"
        );
        assert!(!signature_is_valid(signature, &body.replace("ada", "eve")));
    }
    let body: serde_json::Value = serde_json::from_str(&received[2].1).unwrap();
    assert!(body["type"] == "user.registered" || body["type"] == "user.verified");
    assert_eq!(body["data"]["email"], "ada@example.com");
    let all = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(all.iter().all(|d| d.state == OutboxState::Sent));
}

#[tokio::test]
async fn a_failed_delivery_shows_in_the_outbox_and_retry_now_makes_it_due() {
    let app = app().await;
    let admin = app.administrator().await;
    let (receiver, url) = start_receiver(usize::MAX).await;
    app.portico
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    app.register("ada@example.com").await;
    let worker = WebhookWorker::new(app.db.conn.clone());
    let mut now = Utc::now();
    for _ in 0..server::webhooks::MAX_ATTEMPTS {
        worker.deliver_due(now).await.unwrap();
        now += Duration::hours(1);
    }
    let failed = webhook_delivery::Entity::find()
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.state, OutboxState::Failed);
    let Access::Granted(outbox) = app.portico.outbox_waiting_at(&admin, 0).await.unwrap() else {
        panic!("no outbox page");
    };
    let row = outbox
        .waiting
        .iter()
        .find(|d| d.kind == DeliveryKind::Webhook)
        .expect("the failed delivery is listed");
    assert_eq!(row.state, "Failed");
    assert!(row.last_error.as_deref().unwrap().contains("503"));

    *receiver.fail_first.lock().unwrap() = 0;
    let retried = app
        .portico
        .retry_delivery_at(&admin, DeliveryKind::Webhook, failed.id, Utc::now())
        .await
        .unwrap();
    assert!(matches!(retried, ActionOutcome::Done { .. }));
    assert_eq!(worker.deliver_due(Utc::now()).await.unwrap(), 1);
}

#[tokio::test]
async fn only_the_events_an_endpoint_chose_are_recorded_and_only_administrators_add_endpoints() {
    let app = app().await;
    let admin = app.administrator().await;
    let (_, url) = start_receiver(0).await;
    let mut only_deleted = webhook(&url);
    only_deleted.events = vec!["user.deleted"];
    app.register_verified("bob@example.com").await;
    let bob = app.logged_in(Portal::Csp, "bob@example.com").await;
    let refused = app
        .portico
        .add_webhook_at(&bob, webhook(&url), Utc::now())
        .await
        .unwrap();
    assert!(matches!(refused, ActionOutcome::Rejected { .. }));
    app.portico
        .add_webhook_at(&admin, only_deleted, Utc::now())
        .await
        .unwrap();
    app.register_verified("ada@example.com").await;
    assert_eq!(app.count(webhook_delivery::Entity).await, 0);
}
