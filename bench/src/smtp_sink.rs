//! An SMTP server that accepts every message and records when each recipient's message
//! arrived. Written here rather than taken from a package: the benchmark needs the exact
//! moment a message is accepted, in-process, and a few dozen lines of the protocol's
//! happy path give that; maildev's REST API would have to be polled.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Default)]
pub struct Received(Arc<Mutex<HashMap<String, Instant>>>);

impl Received {
    pub fn at(&self, address: &str) -> Option<Instant> {
        self.0.lock().ok()?.get(&address.to_lowercase()).copied()
    }

    pub fn len(&self) -> usize {
        self.0.lock().map(|m| m.len()).unwrap_or(0)
    }
}

pub async fn start() -> anyhow::Result<(u16, Received)> {
    start_on(0).await
}

/// Listens on `port` (0: any free port).
pub async fn start_on(port: u16) -> anyhow::Result<(u16, Received)> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let port = listener.local_addr()?.port();
    let received = Received::default();
    let record = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let record = record.clone();
            tokio::spawn(async move {
                let _ = session(stream, record).await;
            });
        }
    });
    Ok((port, received))
}

async fn session(stream: tokio::net::TcpStream, received: Received) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 bench-sink ESMTP\r\n").await?;
    let mut recipients = Vec::new();
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            b"250 bench-sink\r\n"
        } else if upper.starts_with("MAIL FROM") {
            recipients.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO") {
            let address = line
                .split(['<', '>'])
                .nth(1)
                .unwrap_or_default()
                .to_lowercase();
            recipients.push(address);
            b"250 OK\r\n"
        } else if upper.starts_with("DATA") {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            while let Some(data) = lines.next_line().await? {
                if data == "." {
                    break;
                }
            }
            let now = Instant::now();
            if let Ok(mut map) = received.0.lock() {
                for address in recipients.drain(..) {
                    map.insert(address, now);
                }
            }
            b"250 OK queued\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"250 OK\r\n"
        };
        write.write_all(reply).await?;
    }
    Ok(())
}
