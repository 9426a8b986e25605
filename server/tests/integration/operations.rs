//! What an operator's tools see of the running binary: liveness and readiness, metrics
//! for allowed addresses only, request ids in JSON log lines, and a graceful shutdown.
use std::time::Duration;

use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::server_process::{sign_up, RegisterForm, ServerProcess};

#[tokio::test]
async fn health_and_readiness_answer_and_readiness_fails_without_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let get = |path: &str| reqwest::get(server.url(path));
    assert_eq!(get("/healthz").await.unwrap().status(), 200);
    let ready = get("/readyz").await.unwrap();
    assert_eq!(ready.status(), 200);

    // Another deployment rolled the schema back (or a migration was never applied).
    let url = format!("sqlite://{}/portico.db", dir.path().display());
    let db = server::db::Database::connect(&url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &db.conn,
        "DELETE FROM seaql_migrations WHERE version = (SELECT MAX(version) FROM seaql_migrations)",
    )
    .await
    .unwrap();
    let not_ready = get("/readyz").await.unwrap();
    assert_eq!(not_ready.status(), 503);
    assert_eq!(not_ready.text().await.unwrap(), "not ready\n");
    assert_eq!(
        get("/healthz").await.unwrap().status(),
        200,
        "the process is still up"
    );
}

#[tokio::test]
async fn readiness_tells_the_public_nothing_of_the_database_and_the_log_everything() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    let url = format!("sqlite://{}/portico.db", dir.path().display());
    let db = server::db::Database::connect(&url).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &db.conn,
        "DELETE FROM seaql_migrations WHERE version = (SELECT MAX(version) FROM seaql_migrations)",
    )
    .await
    .unwrap();
    let unmigrated = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(unmigrated.status(), 503);
    assert_eq!(unmigrated.text().await.unwrap(), "not ready\n");

    // The database's own error, which names its tables.
    sea_orm::ConnectionTrait::execute_unprepared(&db.conn, "DROP TABLE seaql_migrations")
        .await
        .unwrap();
    let broken = reqwest::get(server.url("/readyz")).await.unwrap();
    assert_eq!(broken.status(), 503);
    assert_eq!(broken.text().await.unwrap(), "not ready\n");

    server.kill().await;
    let log = server.log();
    assert!(log.contains("database migrations are not applied"), "{log}");
    assert!(
        log.contains("seaql_migrations"),
        "the cause is logged: {log}"
    );
}

#[tokio::test]
async fn metrics_count_sign_ups_and_are_shown_only_to_allowed_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let client = reqwest::Client::new();
    let metrics = || async { client.get(server.url("/metrics")).send().await.unwrap() };
    let sign_ups = |text: &str| {
        text.lines()
            .find(|line| line.starts_with("portico_sign_ups_total{portal=\"csp\"}"))
            .and_then(|line| line.rsplit(' ').next()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let before = metrics().await;
    assert_eq!(before.status(), 200);
    assert!(before
        .headers()
        .get("content-type")
        .is_some_and(|t| t.to_str().unwrap().starts_with("text/plain; version=0.0.4")));
    let before = sign_ups(&before.text().await.unwrap());

    assert!(sign_up(&client, &server.base, "ada@example.com").await);
    let after = metrics().await.text().await.unwrap();
    assert_eq!(sign_ups(&after), before + 1);
    for family in [
        "portico_http_requests_total{route=\"/csp/register\",method=\"GET\",status=\"200\"}",
        "portico_http_request_duration_seconds_bucket{route=\"/csp/register\"",
        "portico_outbox_emails{state=\"pending\"} 1",
        "portico_password_hash_queue",
        "portico_password_hash_memory_blocks",
        "portico_database_pool_connections{state=\"in_use\"}",
    ] {
        assert!(after.contains(family), "{family} is missing:\n{after}");
    }

    // From an address outside METRICS_ALLOW.
    let dir = tempfile::tempdir().unwrap();
    let guarded = ServerProcess::start(dir.path(), &[("METRICS_ALLOW", "10.0.0.0/8")]).await;
    let refused = reqwest::get(guarded.url("/metrics")).await.unwrap();
    assert_eq!(refused.status(), 403);
    assert!(!refused.text().await.unwrap().contains("portico_"));
}

#[tokio::test]
async fn json_log_lines_carry_the_request_id_the_response_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut server =
        ServerProcess::start(dir.path(), &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")]).await;
    let response = reqwest::get(server.url("/csp/register")).await.unwrap();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let health = reqwest::get(server.url("/healthz")).await.unwrap();
    let health_id = health.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    // A proxy's id is kept; a strange one is replaced.
    let client = reqwest::Client::new();
    let kept = client
        .get(server.url("/csp"))
        .header("x-request-id", "proxy-1234")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "proxy-1234");
    let replaced = client
        .get(server.url("/csp"))
        .header("x-request-id", "a b c")
        .send()
        .await
        .unwrap();
    assert_ne!(replaced.headers()["x-request-id"], "a b c");
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.kill().await;

    let log = server.log();
    let lines: Vec<serde_json::Value> = log
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    assert!(!lines.is_empty());
    let answered = lines
        .iter()
        .find(|line| line["span"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("no line names request {id}:\n{log}"));
    assert_eq!(answered["message"], "answered");
    assert_eq!(answered["status"], 200);
    assert!(
        !lines
            .iter()
            .any(|line| line["span"]["id"] == health_id.as_str()),
        "health checks are not logged at info level"
    );
    assert!(lines.iter().any(|line| line["span"]["id"] == "proxy-1234"));
}

#[tokio::test]
async fn sigterm_lets_sign_ups_in_flight_finish_then_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), &[("RUST_LOG", "info")]).await;
    // The answer to a sign-up is a redirect; the page it leads to would be a new request,
    // which a stopping server rightly no longer takes.
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut forms = Vec::new();
    for n in 0..6 {
        let email = format!("person-{n}@example.com");
        forms.push(
            RegisterForm::load(&client, &server.base, &email)
                .await
                .unwrap(),
        );
    }
    // Six sign-ups for two hashing threads: the signal comes once some wait for one.
    let posted: Vec<_> = forms
        .into_iter()
        .map(|form| {
            let client = client.clone();
            tokio::spawn(async move { form.submit(&client).await })
        })
        .collect();
    let queued = || async {
        let text = client
            .get(server.url("/metrics"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        text.lines()
            .find_map(|line| line.strip_prefix("portico_password_hash_queue "))
            .and_then(|n| n.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let mut waiting = 0.0;
    for _ in 0..200 {
        waiting = queued().await;
        if waiting >= 1.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(waiting >= 1.0, "sign-ups were queued for hashing");
    let status = server.terminate().await;
    let log = server.log();
    assert!(status.success(), "{status:?}\n{log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.contains("stopped"), "{log}");
    let mut answered = 0;
    for post in posted {
        answered += usize::from(post.await.unwrap());
    }
    // Every sign-up the server started was finished and answered: as many answers as
    // accounts, and more than the hashes that were running at the signal.
    let url = format!("sqlite://{}/portico.db", dir.path().display());
    let db = server::db::Database::connect(&url).await.unwrap();
    let accounts = server::db::entities::user::Entity::find()
        .count(&db.conn)
        .await
        .unwrap() as usize;
    assert_eq!(answered, accounts, "{log}");
    assert!(
        answered > 2,
        "queued sign-ups were finished too: {answered}"
    );
}

/// `GET /metrics` with `headers`: its status.
async fn metrics_status(server: &ServerProcess, headers: &[(&str, &str)]) -> u16 {
    let mut request = reqwest::Client::new().get(server.url("/metrics"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn forwarding_headers_name_the_client_only_when_a_trusted_proxy_sent_them() {
    // Every request of this test comes from 127.0.0.1; metrics are for 10.0.0.0/8.
    let allowed_client = [("x-forwarded-for", "10.9.9.9")];
    let dir = tempfile::tempdir().unwrap();

    // The proxies are elsewhere: this peer is a client, whatever it claims.
    let direct = ServerProcess::start(
        dir.path(),
        &[
            ("METRICS_ALLOW", "10.0.0.0/8"),
            ("TRUSTED_PROXIES", "192.0.2.0/24, 198.51.100.7"),
        ],
    )
    .await;
    assert_eq!(metrics_status(&direct, &allowed_client).await, 403);
    assert_eq!(
        metrics_status(&direct, &[("forwarded", "for=10.9.9.9")]).await,
        403
    );
    drop(direct);

    // This peer is the proxy: the address it appended is the client's.
    let dir = tempfile::tempdir().unwrap();
    let proxied = ServerProcess::start(
        dir.path(),
        &[
            ("METRICS_ALLOW", "10.0.0.0/8"),
            ("TRUSTED_PROXIES", "127.0.0.1"),
        ],
    )
    .await;
    assert_eq!(metrics_status(&proxied, &allowed_client).await, 200);
    assert_eq!(metrics_status(&proxied, &[]).await, 403, "the proxy itself");
    // The client wrote 10.9.9.9 itself; the proxy appended the address it saw.
    let spoofed = [("x-forwarded-for", "10.9.9.9, 203.0.113.7")];
    assert_eq!(metrics_status(&proxied, &spoofed).await, 403);
    // Only the header FORWARDED_HEADER names (X-Forwarded-For by default) is read.
    let other_header = [("forwarded", "for=10.9.9.9")];
    assert_eq!(metrics_status(&proxied, &other_header).await, 403);
}

#[tokio::test]
async fn forwarding_headers_without_trusted_proxies_are_ignored_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), &[("METRICS_ALLOW", "10.0.0.0/8")]).await;
    for _ in 0..3 {
        let status = metrics_status(&server, &[("x-forwarded-for", "10.9.9.9")]).await;
        assert_eq!(status, 403);
    }
    server.kill().await;
    let log = server.log();
    assert_eq!(
        log.matches("TRUSTED_PROXIES is not set").count(),
        1,
        "{log}"
    );
}

/// The value of a counter without labels in `/metrics`.
async fn counter(server: &ServerProcess, name: &str) -> u64 {
    let text = reqwest::get(server.url("/metrics"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn an_unknown_session_cookie_is_counted_and_not_logged_as_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    const UNKNOWN: &str = "portico_unknown_session_cookies_total";
    let before = counter(&server, UNKNOWN).await;
    let client = reqwest::Client::new();
    // A well-formed id of no session: what a browser sends after its session ended.
    for path in ["/csp", "/csm/approvals"] {
        let response = client
            .get(server.url(path))
            .header("cookie", "portico_session=AAAAAAAAAAAAAAAAAAAAAA")
            .send()
            .await
            .unwrap();
        assert!(response.status().as_u16() < 500, "{path}");
    }
    let after = counter(&server, UNKNOWN).await;
    server.kill().await;
    let log = server.log();
    assert!(!log.contains("suspicious"), "{log}");
    assert!(after > before, "counted: {before} then {after}");
}
