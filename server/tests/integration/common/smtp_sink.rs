//! An SMTP server for the tests of the real binary: it speaks enough of the protocol for
//! lettre (EHLO, MAIL, RCPT, DATA, QUIT), can take a while to accept each message (so
//! that messages are in flight when a test kills the sender), and records every message
//! it accepted: its recipients and its Message-ID.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Clone, Debug)]
pub struct Accepted {
    pub to: String,
    pub message_id: Option<String>,
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    accepted: Arc<Mutex<Vec<Accepted>>>,
    /// How long to wait before answering a message's data, in milliseconds.
    delay_ms: Arc<AtomicU64>,
    pub port: u16,
}

impl SmtpSink {
    /// Listens on a free port.
    pub async fn start() -> Self {
        Self::start_on(0).await
    }

    /// Listens on `port` (0: any free port).
    pub async fn start_on(port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("the sink's port");
        let sink = SmtpSink {
            port: listener.local_addr().unwrap().port(),
            ..Default::default()
        };
        let serving = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let sink = serving.clone();
                tokio::spawn(async move {
                    let _ = sink.session(stream).await;
                });
            }
        });
        sink
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn delay_each_message(&self, delay: Duration) {
        self.delay_ms
            .store(delay.as_millis() as u64, Ordering::Relaxed);
    }

    pub fn accepted(&self) -> Vec<Accepted> {
        self.accepted.lock().unwrap().clone()
    }

    async fn session(&self, stream: tokio::net::TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read).lines();
        write.write_all(b"220 test-sink ESMTP\r\n").await?;
        let mut recipients = Vec::new();
        while let Some(line) = lines.next_line().await? {
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                b"250 test-sink\r\n"
            } else if upper.starts_with("MAIL FROM") {
                recipients.clear();
                b"250 OK\r\n"
            } else if upper.starts_with("RCPT TO") {
                let address = line.split(['<', '>']).nth(1).unwrap_or_default();
                recipients.push(address.to_lowercase());
                b"250 OK\r\n"
            } else if upper.starts_with("DATA") {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut message_id = None;
                while let Some(data) = lines.next_line().await? {
                    if data == "." {
                        break;
                    }
                    if data.to_ascii_lowercase().starts_with("message-id:") {
                        message_id = Some(data[11..].trim().to_owned());
                    }
                }
                let delay = self.delay_ms.load(Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(delay)).await;
                // Recorded the moment before the sender can learn of it: a sender killed
                // now has had its message accepted without knowing.
                let mut accepted = self.accepted.lock().unwrap();
                for to in recipients.drain(..) {
                    accepted.push(Accepted {
                        to,
                        message_id: message_id.clone(),
                    });
                }
                drop(accepted);
                b"250 OK queued\r\n"
            } else if upper.starts_with("QUIT") {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            } else {
                b"250 OK\r\n"
            };
            write.write_all(reply).await?;
        }
        Ok(())
    }
}
