//! Webhooks against a real HTTP receiver on loopback: events are recorded in the change's
//! transaction for the endpoints that want them, posted signed (HMAC-SHA256 over the
//! timestamp and the body), and retried with backoff when the receiver fails. Loopback
//! is a private range: these tests allow it as an operator would allow an on-premises
//! receiver (`OUTBOUND_ALLOW_RANGES=127.0.0.0/8`), except those about the refusal.
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::common::{app, TestApp};

use app::api::{Access, ActionOutcome};
use app::forms::webhooks::{DeliveryKind, WebhookForm};
use app::forms::Field;
use app::portal::Portal;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use sea_orm::EntityTrait;
use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use server::db::entities::outbox::OutboxState;
use server::db::entities::{webhook_delivery, webhook_endpoint};
use server::outbound::{Outbound, OutboundPolicy};
use server::secrets::Purpose;
use server::webhooks::{Timing, WebhookWorker, SIGNATURE_HEADER};
use sha2::Sha256;

pub(crate) const SECRET: &str = "a shared secret of some length";

/// `OUTBOUND_ALLOW_RANGES=127.0.0.0/8`.
pub(crate) fn loopback_allowed() -> OutboundPolicy {
    OutboundPolicy::allowing(vec!["127.0.0.0/8".parse().unwrap()])
}

/// A Portico whose administrators may add endpoints on loopback.
pub(crate) async fn app_allowing_loopback() -> TestApp {
    let mut app = app().await;
    app.portico = app.portico.with_outbound_policy(loopback_allowed());
    app
}

fn worker_for(app: &TestApp, policy: OutboundPolicy) -> WebhookWorker {
    WebhookWorker::new(
        app.db.conn.clone(),
        Outbound::new(policy, "test").unwrap(),
        app.portico.secrets.clone(),
    )
}

#[derive(Clone, Default)]
pub(crate) struct Receiver {
    /// (signature header, body) of every request.
    pub(crate) received: Arc<Mutex<Vec<(String, String)>>>,
    /// How many requests to fail before accepting.
    fail_first: Arc<Mutex<usize>>,
    /// How long each answer takes.
    delay: std::time::Duration,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: String) -> StatusCode {
    let signature = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    receiver.received.lock().unwrap().push((signature, body));
    tokio::time::sleep(receiver.delay).await;
    let mut fail = receiver.fail_first.lock().unwrap();
    if *fail > 0 {
        *fail -= 1;
        StatusCode::SERVICE_UNAVAILABLE
    } else {
        StatusCode::NO_CONTENT
    }
}

/// A receiver on a free loopback port, and its URL.
pub(crate) async fn start_receiver(fail_first: usize) -> (Receiver, String) {
    start_receiver_taking(fail_first, std::time::Duration::ZERO).await
}

/// A receiver that takes `delay` over each answer.
async fn start_receiver_taking(
    fail_first: usize,
    delay: std::time::Duration,
) -> (Receiver, String) {
    let receiver = Receiver {
        fail_first: Arc::new(Mutex::new(fail_first)),
        delay,
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
pub(crate) fn signature_is_valid(header: &str, body: &str) -> bool {
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

/// An endpoint that takes connections and never answers.
async fn black_hole() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((connection, _)) = listener.accept().await {
            held.push(connection);
        }
    });
    url
}

/// The `id` of every payload a receiver got, in order.
fn ids(receiver: &Receiver) -> Vec<String> {
    receiver
        .received
        .lock()
        .unwrap()
        .iter()
        .map(|(_, body)| {
            let body: serde_json::Value = serde_json::from_str(body).unwrap();
            body["id"].as_str().unwrap().to_owned()
        })
        .collect()
}

pub(crate) fn webhook(url: &str) -> app::forms::webhooks::ValidWebhook {
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
    let app = app_allowing_loopback().await;
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

    let worker = worker_for(&app, loopback_allowed());
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
    // The first delivery failed, the second went through, then the first again.
    let ids = ids(&receiver);
    assert_eq!(
        ids[0], ids[2],
        "a retry carries the event's id, for de-duplication"
    );
    assert_ne!(ids[0], ids[1], "each event has its own id");
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
    let app = app_allowing_loopback().await;
    let admin = app.administrator().await;
    let (receiver, url) = start_receiver(usize::MAX).await;
    app.portico
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    app.register("ada@example.com").await;
    let worker = worker_for(&app, loopback_allowed());
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
    let app = app_allowing_loopback().await;
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

#[tokio::test]
async fn endpoints_in_private_networks_are_refused_with_a_message_on_the_address() {
    let app = app().await;
    let admin = app.administrator().await;
    let (receiver, url) = start_receiver(0).await;
    let port = url.split(':').nth(2).unwrap();
    for refused in [
        url.clone(),
        format!("http://localhost:{port}"),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://[::1]:8080/hooks".to_owned(),
        "http://[fd00:ec2::254]/".to_owned(),
        "http://10.0.0.5/hooks".to_owned(),
        "http://2130706433/hooks".to_owned(),
    ] {
        let outcome = app
            .portico
            .add_webhook_at(&admin, webhook(&refused), Utc::now())
            .await
            .unwrap();
        let ActionOutcome::Rejected { errors } = outcome else {
            panic!("{refused} was accepted");
        };
        let error = errors.get(Field::Url).expect("an error on the address");
        assert_eq!(
            error.message.key(),
            Some("service-operations-url-private"),
            "{refused}"
        );
    }
    assert_eq!(app.count(webhook_endpoint::Entity).await, 0);

    // OUTBOUND_ALLOW_RANGES opens the range it names, and only that.
    let on_premises = app.portico.clone().with_outbound_policy(loopback_allowed());
    let added = on_premises
        .add_webhook_at(&admin, webhook(&url), Utc::now())
        .await
        .unwrap();
    assert!(matches!(added, ActionOutcome::Done { .. }), "{added:?}");
    let still_refused = on_premises
        .add_webhook_at(&admin, webhook("http://169.254.169.254/"), Utc::now())
        .await
        .unwrap();
    assert!(matches!(still_refused, ActionOutcome::Rejected { .. }));
    assert!(receiver.received.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_delivery_is_checked_again_when_it_is_posted_and_refused_if_the_address_is_private() {
    let app = app().await;
    let (receiver, url) = start_receiver(0).await;
    // Added while the range was allowed, or a name that now resolves elsewhere.
    for address in [url.clone(), url.replace("127.0.0.1", "localhost")] {
        webhook_endpoint::ActiveModel {
            url: Set(address),
            events: Set("user.registered".into()),
            secret: Set(app.portico.secrets.seal(Purpose::WebhookSecret, SECRET)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&app.db.conn)
        .await
        .unwrap();
    }
    app.register("ada@example.com").await;
    let worker = worker_for(&app, OutboundPolicy::public_only());
    assert_eq!(worker.deliver_due(Utc::now()).await.unwrap(), 0);
    assert!(
        receiver.received.lock().unwrap().is_empty(),
        "nothing reached it"
    );
    let rows = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let error = row.last_error.unwrap();
        assert!(error.contains("private"), "{error}");
        assert!(!error.contains("/hooks"), "no URL in the error: {error}");
    }
}

#[tokio::test]
async fn an_endpoint_that_never_answers_does_not_delay_the_others() {
    let app = app_allowing_loopback().await;
    let admin = app.administrator().await;
    let silent = black_hole().await;
    let (receiver, url) = start_receiver(0).await;
    // The silent endpoint first: its delivery is the older row.
    for endpoint in [&silent, &url] {
        app.portico
            .add_webhook_at(&admin, webhook(endpoint), Utc::now())
            .await
            .unwrap();
    }
    app.register("ada@example.com").await;
    let worker = worker_for(&app, loopback_allowed()).with_timing(Timing::new(
        std::time::Duration::from_secs(10),
        std::time::Duration::from_secs(3),
        std::time::Duration::from_millis(500),
    ));
    let started = Instant::now();
    let delivering = tokio::spawn(async move { worker.deliver_due(Utc::now()).await });
    while receiver.received.lock().unwrap().is_empty() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "the answering endpoint waited for the silent one"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(delivering.await.unwrap().unwrap(), 1);
    let silent_row = webhook_delivery::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|row| row.state != OutboxState::Sent)
        .expect("the silent endpoint's delivery waits for a retry");
    assert!(silent_row.last_error.is_some());
}

#[tokio::test]
async fn a_second_instance_never_posts_a_delivery_the_first_still_holds() {
    let app = app_allowing_loopback().await;
    let admin = app.administrator().await;
    // 24 answers of 200 ms each: longer than one lease of 3 s.
    let (receiver, url) = start_receiver_taking(0, std::time::Duration::from_millis(200)).await;
    let mut only_registered = webhook(&url);
    only_registered.events = vec!["user.registered"];
    app.portico
        .add_webhook_at(&admin, only_registered, Utc::now())
        .await
        .unwrap();
    for n in 0..24 {
        app.register(&format!("person-{n}@example.com")).await;
    }
    let timing = Timing::new(
        std::time::Duration::from_secs(3),
        std::time::Duration::from_secs(1),
        std::time::Duration::from_secs(1),
    );
    let first = worker_for(&app, loopback_allowed()).with_timing(timing);
    let second = worker_for(&app, loopback_allowed()).with_timing(timing);
    let first = tokio::spawn(async move { first.deliver_due(Utc::now()).await });
    // The second instance looks once the first's first lease has run out.
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let second = tokio::spawn(async move { second.deliver_due(Utc::now()).await });
    let delivered = first.await.unwrap().unwrap() + second.await.unwrap().unwrap();
    assert_eq!(delivered, 24);
    let mut ids = ids(&receiver);
    assert_eq!(ids.len(), 24, "each delivery posted once: {ids:?}");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 24);
}
