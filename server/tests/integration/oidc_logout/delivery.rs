//! The worker posts each queued logout as a signed logout token to a receiver on loopback
//! (allowed as an operator allows an on-premises app, `OUTBOUND_ALLOW_RANGES=127.0.0.0/8`).
use super::*;

#[derive(Clone, Default)]
struct Receiver {
    bodies: Arc<Mutex<Vec<String>>>,
    fail_first: Arc<Mutex<usize>>,
}

async fn receive(State(receiver): State<Receiver>, body: String) -> StatusCode {
    receiver.bodies.lock().unwrap().push(body);
    let mut fail = receiver.fail_first.lock().unwrap();
    if *fail > 0 {
        *fail -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

async fn start_receiver(fail_first: usize) -> (Receiver, String) {
    let receiver = Receiver {
        fail_first: Arc::new(Mutex::new(fail_first)),
        ..Default::default()
    };
    let router = axum::Router::new()
        .route("/backchannel", axum::routing::post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/backchannel", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (receiver, url)
}

fn worker(app: &TestApp, allowed: &[&str]) -> BackchannelWorker {
    let ranges = allowed.iter().map(|r| r.parse().unwrap()).collect();
    let outbound = Outbound::new(OutboundPolicy::allowing(ranges), "test").unwrap();
    BackchannelWorker::new(
        app.db.conn.clone(),
        outbound,
        "http://portal.test",
        app.portico.secrets.clone(),
    )
}

/// Ada logged in to an app whose back-channel logout URI is `url`, then logged out.
async fn logged_out_of_an_app(app: &TestApp, url: &str) -> (String, oidc_grant::Model, String) {
    app.register_verified(ADA).await;
    let subject = give_subject(app, ADA).await;
    let client_id = register_app(app, Some(url)).await;
    let here = app.logged_in(Portal::Csp, ADA).await;
    let grant = app_session(app, &login_of(app, &here).await, &client_id).await;
    app.portico.log_out(&here).await.unwrap();
    (client_id, grant, subject)
}

/// The claims of a compact JWS when one of the published keys signed it, with its header.
async fn verified(app: &TestApp, token: &str) -> (serde_json::Value, serde_json::Value) {
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let decode = |part: &str| -> serde_json::Value {
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
    };
    let header = decode(parts[0]);
    let ring = KeyRing::load(&app.db.conn, &app.portico.secrets, Utc::now())
        .await
        .unwrap();
    let signer = ring
        .by_kid(header["kid"].as_str().unwrap())
        .expect("a published key");
    let signed = format!("{}.{}", parts[0], parts[1]);
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    assert!(
        signer.verifies(signed.as_bytes(), &signature),
        "the signature verifies"
    );
    (header, decode(parts[1]))
}

#[tokio::test]
async fn the_worker_posts_a_logout_token_that_verifies_against_the_published_key() {
    let app = app().await;
    let (receiver, url) = start_receiver(0).await;
    let (client_id, grant, subject) = logged_out_of_an_app(&app, &url).await;
    let delivered = worker(&app, &["127.0.0.0/8"])
        .deliver_due(Utc::now())
        .await
        .unwrap();
    assert_eq!(delivered, 1);

    let bodies = receiver.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 1);
    let token = bodies[0].strip_prefix("logout_token=").expect("a form");
    let (header, claims) = verified(&app, token).await;
    assert_eq!(header["typ"], "logout+jwt");
    assert_eq!(header["alg"], "RS256");
    assert_eq!(claims["iss"], "http://portal.test");
    assert_eq!(claims["aud"], client_id.as_str());
    assert_eq!(claims["sub"], subject.as_str());
    assert_eq!(claims["sid"], grant.sid.clone().unwrap().as_str());
    assert!(claims["events"][LOGOUT_EVENT].is_object());
    assert!(claims.get("nonce").is_none(), "a logout token has no nonce");
    assert!(claims["jti"].as_str().is_some_and(|j| !j.is_empty()));
    let (iat, exp) = (
        claims["iat"].as_i64().unwrap(),
        claims["exp"].as_i64().unwrap(),
    );
    assert_eq!(exp - iat, 120);
    assert!((Utc::now().timestamp() - iat).abs() < 60);

    let row = &deliveries(&app).await[0];
    assert_eq!(row.state, OutboxState::Sent);
    assert!(row.delivered_at.is_some());
}

#[tokio::test]
async fn a_logout_the_app_fails_is_retried_after_a_backoff_with_the_same_jti() {
    let app = app().await;
    let (receiver, url) = start_receiver(1).await;
    logged_out_of_an_app(&app, &url).await;
    let worker = worker(&app, &["127.0.0.0/8"]);
    let now = Utc::now();
    assert_eq!(worker.deliver_due(now).await.unwrap(), 0);
    let row = deliveries(&app).await.remove(0);
    assert_eq!(row.state, OutboxState::Pending);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.unwrap().contains("500"));
    assert_eq!(worker.deliver_due(now).await.unwrap(), 0, "not due yet");
    let later = now + Duration::seconds(3);
    assert_eq!(worker.deliver_due(later).await.unwrap(), 1);
    assert_eq!(deliveries(&app).await[0].state, OutboxState::Sent);

    let bodies = receiver.bodies.lock().unwrap().clone();
    assert_eq!(bodies.len(), 2);
    let jti = |body: &str| {
        let payload = body.split('.').nth(1).unwrap();
        let claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        claims["jti"].clone()
    };
    assert_eq!(jti(&bodies[0]), jti(&bodies[1]));
}

#[tokio::test]
async fn a_loopback_logout_uri_is_refused_unless_its_range_is_allowed() {
    let app = app().await;
    let (receiver, url) = start_receiver(0).await;
    logged_out_of_an_app(&app, &url).await;
    let delivered = worker(&app, &[]).deliver_due(Utc::now()).await.unwrap();
    assert_eq!(delivered, 0);
    assert!(
        receiver.bodies.lock().unwrap().is_empty(),
        "nothing reached it"
    );
    let row = deliveries(&app).await.remove(0);
    assert_eq!(
        row.state,
        OutboxState::Pending,
        "retried, in case the setting changes"
    );
    assert!(row.last_error.is_some());
}
