//! A lingering close. When the server closes a connection while the client is still
//! sending (a request head over the 16 KiB limit, answered 431; a malformed request,
//! answered 400), the kernel turns the close of a socket with unread data into a reset,
//! and a reset makes the client drop our answer, or fail its own send before it reads
//! it. So a connection the client has not closed is not simply dropped: its write side
//! is shut (the client reads the answer, then the end), and what the client still sends
//! is read and thrown away, up to [`LINGER_BYTES`] and [`LINGER_TIME`], before the socket
//! is closed. nginx does the same (`lingering_close`).
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// The most a client may still send after the server is done with its connection.
const LINGER_BYTES: usize = 1024 * 1024;
/// The longest the server waits for it.
const LINGER_TIME: Duration = Duration::from_secs(2);

/// A connection's socket, closed with a linger unless the client closed it first.
pub struct LingeringClose {
    /// `None` only once dropped.
    stream: Option<TcpStream>,
    client_closed: bool,
}

impl LingeringClose {
    pub fn new(stream: TcpStream) -> Self {
        Self {
            stream: Some(stream),
            client_closed: false,
        }
    }

    fn stream(&mut self) -> io::Result<Pin<&mut TcpStream>> {
        self.stream
            .as_mut()
            .map(Pin::new)
            .ok_or_else(|| io::Error::from(io::ErrorKind::NotConnected))
    }
}

impl AsyncRead for LingeringClose {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let room = buf.remaining();
        let polled = self.stream()?.poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && room > 0 && buf.remaining() == room {
            // Nothing read into room for something: the client has closed its side.
            self.client_closed = true;
        }
        polled
    }
}

impl AsyncWrite for LingeringClose {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.stream()?.poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.stream()?.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream
            .as_ref()
            .is_some_and(AsyncWrite::is_write_vectored)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.stream()?.poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.stream()?.poll_shutdown(cx)
    }
}

impl Drop for LingeringClose {
    fn drop(&mut self) {
        let Some(stream) = self.stream.take() else {
            return;
        };
        if self.client_closed {
            return;
        }
        // Dropped outside a runtime (at exit): close as before.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(linger(stream));
        }
    }
}

/// Shuts the write side (the client reads the answer, then the end), reads what the
/// client still sends, bounded, then closes.
async fn linger(mut stream: TcpStream) {
    let _ = stream.shutdown().await;
    let drain = async {
        let mut buffer = [0u8; 8 * 1024];
        let mut discarded = 0;
        while discarded < LINGER_BYTES {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(read) => discarded += read,
            }
        }
    };
    let _ = tokio::time::timeout(LINGER_TIME, drain).await;
}
