//! 10,000 requests meant to hurt: bodies up to 2 MB, heads up to 200 KB, garbage cookies,
//! invented methods, broken encodings, targets without a path. Counts the answers by
//! class; the caller reads the server's peak memory around it.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

const REQUESTS: usize = 10_000;
const CLIENTS: usize = 64;

#[derive(Default)]
pub struct Answers {
    pub fine: AtomicUsize,
    pub refused: AtomicUsize,
    pub server_errors: AtomicUsize,
    pub unanswered: AtomicUsize,
}

/// The n-th hostile request (a fixed rotation, so that runs compare).
fn request(n: usize, host: &str) -> Vec<u8> {
    let size = |max: usize| (n * 7919) % max + 1;
    match n % 13 {
        0 => format!(
            "POST /api/register HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {len}\r\n\r\n",
            len = size(2_000_000)
        )
        .into_bytes()
        .into_iter()
        .chain(std::iter::repeat_n(b'a', size(2_000_000)))
        .collect(),
        1 => format!(
            "GET /csp/register HTTP/1.1\r\nHost: {host}\r\nX-Padding: {}\r\n\r\n",
            "x".repeat(size(200_000))
        )
        .into_bytes(),
        2 => format!(
            "GET /csp/profile HTTP/1.1\r\nHost: {host}\r\nCookie: portico_session={}; a=\u{1}; ;;=\r\n\r\n",
            "Z".repeat(size(4000))
        )
        .into_bytes(),
        3 => format!("BREW /csp HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        4 => format!("CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        5 => format!("OPTIONS * HTTP/1.1\r\nHost: {host}\r\n\r\n").into_bytes(),
        6 => format!("GET /csp/%ff%00/{} HTTP/1.1\r\nHost: {host}\r\n\r\n", "..%2f".repeat(size(500))).into_bytes(),
        7 => format!(
            "POST /csp/log-in HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n{:x}\r\n{}\r\n0\r\n\r\n",
            size(100_000),
            "%".repeat(size(100_000))
        )
        .into_bytes(),
        8 => format!(
            "POST /csp/register HTTP/1.1\r\nHost: {host}\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 40\r\n\r\n--zz\r\nContent-Disposition: x\r\n\r\n\u{0}\u{0}--zz"
        )
        .into_bytes(),
        // The OpenID Connect endpoints an app's server calls: a token request with broken
        // percent-encoding, repeated parameters and a huge value; a userinfo request
        // with a garbage bearer token; an introspection with broken Basic credentials.
        10 => {
            let body = format!(
                "grant_type=%ff%fe&grant_type=x&code={}&redirect_uri=%zz",
                "c".repeat(size(60_000))
            );
            format!(
                "POST /oidc/token HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: Basic !!!\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes()
        }
        11 => format!(
            "GET /oidc/userinfo HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {}\r\n\r\n",
            "\u{7f}%00".repeat(size(3000))
        )
        .into_bytes(),
        12 => format!(
            "POST /oidc/introspect HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nAuthorization: Basic {}\r\nContent-Length: 11\r\n\r\ntoken=a&t=\u{0}",
            "Og==".repeat(size(2000))
        )
        .into_bytes(),
        _ => b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage that is not HTTP\r\n\r\n".to_vec(),
    }
}

async fn send(address: &str, bytes: &[u8]) -> Option<u16> {
    let mut stream = tokio::net::TcpStream::connect(address).await.ok()?;
    // The server may answer and close before the body is all sent: that is fine.
    let _ = stream.write_all(bytes).await;
    let mut head = [0u8; 16];
    let read = tokio::time::timeout(Duration::from_secs(15), stream.read(&mut head))
        .await
        .ok()?
        .ok()?;
    std::str::from_utf8(&head[..read])
        .ok()?
        .split(' ')
        .nth(1)?
        .parse()
        .ok()
}

pub async fn flood(address: &str) -> Arc<Answers> {
    let answers = Arc::new(Answers::default());
    let next = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (answers, next, address) = (answers.clone(), next.clone(), address.to_owned());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= REQUESTS {
                        break;
                    }
                    let counter = match send(&address, &request(n, &address)).await {
                        Some(status) if status >= 500 => &answers.server_errors,
                        Some(status) if status >= 400 => &answers.refused,
                        Some(_) => &answers.fine,
                        None => &answers.unanswered,
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for client in clients {
        let _ = client.await;
    }
    answers
}

pub fn print(answers: &Answers, peak_mb: f64) {
    println!(
        "hostile input, {REQUESTS} requests from {CLIENTS} clients: {} 2xx/3xx, {} 4xx, {} 5xx, {} closed without an answer; server peak resident memory {peak_mb:.1} MB  (target 0 × 5xx, ≤ 64 MB)",
        answers.fine.load(Ordering::Relaxed),
        answers.refused.load(Ordering::Relaxed),
        answers.server_errors.load(Ordering::Relaxed),
        answers.unanswered.load(Ordering::Relaxed),
    );
}
