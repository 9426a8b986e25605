//! The real binary under the failures that black-box tests found: a SIGKILL in a sign-up
//! flood, an SMTP outage, and requests meant to break it. Each takes up to a minute.
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::EntityTrait;
use server::db::entities::outbox::{self, OutboxState};
use server::db::Database;
use server::mail::outbox::CONCURRENT_SENDS;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::server_process::{free_port, sign_up, ServerProcess};
use crate::common::smtp_sink::SmtpSink;

async fn outbox_rows(dir: &std::path::Path) -> Vec<outbox::Model> {
    let url = format!("sqlite://{}/portico.db", dir.display());
    let db = Database::connect(&url).await.unwrap();
    outbox::Entity::find().all(&db.conn).await.unwrap()
}

/// Waits until `done` holds, checking every 100 ms, for at most `limit`.
async fn wait_until<F: std::future::Future<Output = bool>>(
    limit: Duration,
    mut done: impl FnMut() -> F,
) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if done().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sigkill_in_a_sign_up_flood_loses_no_email_and_repeats_only_those_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    // A slow SMTP server (one second a message, eight at a time): a backlog builds, and
    // messages are always being accepted when the kill comes.
    let sink = SmtpSink::start().await;
    sink.delay_each_message(Duration::from_secs(1));
    let smtp = sink.url();
    let settings = [("SMTP_URL", smtp.as_str())];
    let mut first = ServerProcess::start(dir.path(), &settings).await;

    let flooding = Arc::new(AtomicBool::new(true));
    let flood: Vec<_> = (0..6)
        .map(|client_number| {
            let flooding = flooding.clone();
            let base = first.base.clone();
            tokio::spawn(async move {
                let client = reqwest::Client::new();
                let mut n = 0;
                while flooding.load(Ordering::Relaxed) {
                    n += 1;
                    sign_up(
                        &client,
                        &base,
                        &format!("flood-{client_number}-{n}@example.com"),
                    )
                    .await;
                }
            })
        })
        .collect();
    assert!(
        wait_until(Duration::from_secs(60), || async {
            sink.accepted().len() >= 12
        })
        .await,
        "the first emails went out"
    );
    first.kill().await;
    flooding.store(false, Ordering::Relaxed);
    for client in flood {
        client.await.unwrap();
    }
    let rows = outbox_rows(dir.path()).await;
    let unsent_at_the_kill = rows.iter().filter(|r| r.state != OutboxState::Sent).count();
    assert!(
        unsent_at_the_kill > CONCURRENT_SENDS,
        "the kill came with a backlog ({unsent_at_the_kill} unsent of {})",
        rows.len()
    );

    // Restarted, the server sends the rest: the ones it was sending when killed once
    // their lease (a minute) has run out.
    sink.delay_each_message(Duration::ZERO);
    let mut second = ServerProcess::start(dir.path(), &settings).await;
    let all_sent = wait_until(Duration::from_secs(120), || async {
        outbox_rows(dir.path())
            .await
            .iter()
            .all(|row| row.state == OutboxState::Sent)
    })
    .await;
    second.kill().await;
    assert!(all_sent, "every email was sent after the restart");

    let mut copies: HashMap<String, Vec<Option<String>>> = HashMap::new();
    for accepted in sink.accepted() {
        copies
            .entry(accepted.to)
            .or_default()
            .push(accepted.message_id);
    }
    let rows = outbox_rows(dir.path()).await;
    for row in &rows {
        assert!(
            copies.contains_key(&row.to_address),
            "{} got no email",
            row.to_address
        );
    }
    let repeated: Vec<_> = copies.iter().filter(|(_, ids)| ids.len() > 1).collect();
    let repeats: usize = repeated.iter().map(|(_, ids)| ids.len() - 1).sum();
    eprintln!(
        "crash test: {} emails, {unsent_at_the_kill} unsent at the SIGKILL, {repeats} sent twice",
        rows.len()
    );
    assert!(
        repeats <= CONCURRENT_SENDS,
        "only the emails in flight at the kill may repeat: {repeats} did"
    );
    for (to, ids) in repeated {
        assert!(ids[0].is_some(), "every email has a Message-ID");
        assert!(
            ids.iter().all(|id| id == &ids[0]),
            "the repeat to {to} has the first copy's Message-ID: {ids:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn after_an_smtp_outage_the_backlog_goes_out_within_10_seconds_of_its_return() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port(); // nothing listens there yet: the SMTP server is down
    let smtp = format!("smtp://127.0.0.1:{port}");
    let server = ServerProcess::start(dir.path(), &[("SMTP_URL", smtp.as_str())]).await;
    let client = reqwest::Client::new();
    for n in 0..5 {
        assert!(sign_up(&client, &server.base, &format!("waiting-{n}@example.com")).await);
    }
    // Thirty seconds down: with doubling backoff alone the next attempt would be
    // another half minute away.
    tokio::time::sleep(Duration::from_secs(30)).await;
    let waiting = outbox_rows(dir.path()).await;
    assert!(
        waiting.iter().all(|row| row.state == OutboxState::Pending),
        "the emails wait"
    );
    assert!(
        waiting
            .iter()
            .any(|row| row.attempts > 0 && row.last_error.is_some()),
        "they were tried"
    );

    let back = Instant::now();
    let sink = SmtpSink::start_on(port).await;
    let drained = wait_until(Duration::from_secs(30), || async {
        sink.accepted().len() >= 5
    })
    .await;
    let took = back.elapsed();
    eprintln!("outage test: backlog drained {took:?} after the SMTP server came back");
    assert!(drained, "the backlog was sent");
    assert!(took <= Duration::from_secs(10), "drained in {took:?}");
}

/// Sends raw bytes and returns the status line's code (None if the server closed the
/// connection without an answer).
async fn status_of_raw(address: &str, request: &[u8]) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let _ = stream.write_all(request).await;
    let mut answer = vec![0u8; 64];
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer))
        .await
        .ok()?
        .ok()?;
    let line = String::from_utf8_lossy(&answer[..read]);
    line.split(' ').nth(1)?.parse().ok()
}

#[tokio::test]
async fn hostile_requests_get_4xx_answers_and_never_panic_a_handler() {
    let dir = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(dir.path(), &[]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let host = format!("Host: {address}\r\n");
    let long_header = format!("X-Long: {}\r\n", "a".repeat(200_000));
    let huge_body = format!(
        "POST /api/register HTTP/1.1\r\n{host}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n{}",
        "a=".repeat(1000)
    );
    let cases: Vec<(String, Option<u16>)> = vec![
        (format!("CONNECT 127.0.0.1:22 HTTP/1.1\r\n{host}\r\n"), Some(400)),
        (format!("CONNECT {address} HTTP/1.1\r\n{host}\r\n"), Some(400)),
        (format!("OPTIONS * HTTP/1.1\r\n{host}\r\n"), Some(400)),
        (format!("FOO /csp HTTP/1.1\r\n{host}\r\n"), Some(405)),
        (format!("GET /csp/%ff%fe%00 HTTP/1.1\r\n{host}\r\n"), Some(404)),
        (format!("GET /pkg/../../../etc/passwd HTTP/1.1\r\n{host}\r\n"), None),
        (format!("GET /csp/register?%zz=%%%&&== HTTP/1.1\r\n{host}\r\n"), None),
        (
            format!("GET /csp/account HTTP/1.1\r\n{host}Cookie: portico_session=\u{1}garbage; =;;\r\n\r\n"),
            None,
        ),
        (
            format!("POST /api/register HTTP/1.1\r\n{host}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\n%%%garbage"),
            None,
        ),
        (
            format!("POST /csp/register HTTP/1.1\r\n{host}Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 5\r\n\r\n--x--"),
            None,
        ),
        (huge_body, Some(413)),
        (format!("GET /csp HTTP/1.1\r\n{host}{long_header}\r\n"), Some(431)),
        (
            format!("POST /csp/log-in HTTP/1.1\r\n{host}Transfer-Encoding: chunked\r\n\r\nzz\r\n"),
            None,
        ),
        ("GET /csp HTTP/1.0\r\n\r\n".to_owned(), None),
    ];
    for (request, expected) in &cases {
        let first_line = request.lines().next().unwrap_or_default();
        let status = status_of_raw(&address, request.as_bytes()).await;
        match (status, expected) {
            (Some(status), Some(expected)) => {
                assert_eq!(status, *expected, "{first_line}")
            }
            (Some(status), None) => assert!(status < 500, "{first_line}: {status}"),
            (None, _) => {
                // hyper refuses some malformed requests by closing the connection.
                assert!(
                    request.contains("Transfer-Encoding"),
                    "{first_line}: no answer"
                );
            }
        }
    }
    assert_eq!(
        reqwest::get(server.url("/healthz")).await.unwrap().status(),
        200,
        "the server is still up"
    );
    assert!(server.is_running());
    server.kill().await;
    let log = server.log();
    assert!(!log.contains("panicked"), "{log}");
}

#[tokio::test]
async fn a_request_head_over_the_limit_is_answered_431_and_the_client_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]).await;
    let address = server.base.trim_start_matches("http://").to_owned();
    let request = format!(
        "GET /csp HTTP/1.1\r\nHost: {address}\r\nX-Long: {}\r\n\r\n",
        "a".repeat(200_000)
    );
    for attempt in 0..3 {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        // As over a real network: the server has the head's first 16 KiB, and answers,
        // while the rest is still on its way.
        for piece in request.as_bytes().chunks(16 * 1024) {
            stream.write_all(piece).await.unwrap_or_else(|error| {
                panic!("attempt {attempt}: the request was cut off: {error}")
            });
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let mut answer = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
            .await
            .expect("the server closes the connection after its answer")
            .unwrap_or_else(|error| panic!("attempt {attempt}: the answer was lost: {error}"));
        let status_line = String::from_utf8_lossy(&answer);
        assert!(
            status_line.starts_with("HTTP/1.1 431"),
            "attempt {attempt}: {status_line}"
        );
    }
}
