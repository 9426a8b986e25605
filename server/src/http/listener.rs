//! Accepting connections: HTTP/1.1 through hyper, with the limits `axum::serve` does not
//! expose. A request's head must arrive within 10 seconds and fit in 16 KiB (hyper's
//! default lets each connection buffer 400 KiB, which 64 hostile clients turned into tens
//! of megabytes), and a shutdown lets requests in flight finish for a bounded time. A
//! head over the limit is answered 431, and the connection closed with a linger so that
//! the client reads that answer (`lingering_close`).
//! (HTTP/2 and TLS are the reverse proxy's job, as before.)
use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::connect_info::IntoMakeServiceWithConnectInfo;
use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower::Service;

use super::lingering_close::LingeringClose;

/// The most a request's head (request line and headers) may take; larger gets 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// How long a client may take to send a request's head (slow clients hold memory).
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` is cancelled, then waits up to `grace` for
/// the requests in flight.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: CancellationToken,
    grace: Duration,
) {
    let mut connections: IntoMakeServiceWithConnectInfo<Router, SocketAddr> =
        app.into_make_service_with_connect_info::<SocketAddr>();
    let mut http = http1::Builder::new();
    http.max_buf_size(MAX_HEAD_BYTES)
        .header_read_timeout(HEAD_TIMEOUT)
        .timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait instead of spinning.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.cancelled() => break,
        };
        let _ = stream.set_nodelay(true);
        let Ok(service) = connections.call(peer).await;
        let connection = http.serve_connection(
            TokioIo::new(LingeringClose::new(stream)),
            TowerToHyperService::new(service),
        );
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(grace) => {
            tracing::warn!("requests still in flight after the grace period were cut off");
        }
    }
}
