//! Accepting connections: a cap on how many are served at once, and a deadline for a request's
//! headers.
//!
//! `axum::serve` accepts every connection and waits for headers as long as a client likes, so a
//! client that opens many connections, or trickles its headers a byte at a time (slowloris),
//! holds the server's memory and file descriptors for free. This accept loop takes a permit
//! before each `accept`: with every permit taken it stops accepting, and further clients wait
//! in the kernel's backlog until a connection closes. Each connection is served by hyper's
//! HTTP/1 with a header read timeout; the body has its own deadline in the request handling.

use axum::extract::ConnectInfo;
use axum::{Extension, Router};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Connections served at once, by default.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;

/// How long a client may take to send a request's headers, by default.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long, after the shutdown signal, connections in flight get to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The limits of [`serve_connections`].
#[derive(Clone, Copy, Debug)]
pub struct ConnectionLimits {
    /// Connections served at once.
    pub max_connections: usize,
    /// How long a client may take to send a request's headers.
    pub header_timeout: Duration,
}

impl Default for ConnectionLimits {
    fn default() -> ConnectionLimits {
        ConnectionLimits { max_connections: DEFAULT_MAX_CONNECTIONS, header_timeout: DEFAULT_HEADER_TIMEOUT }
    }
}

/// Serves `app` on the connections `listener` accepts until `shutdown` completes, then lets
/// the connections in flight finish (for up to ten seconds). Each request carries the
/// client's address as [`ConnectInfo`], as `into_make_service_with_connect_info` would.
pub async fn serve_connections(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, client) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little rather than spin, and go on.
                    eprintln!("accept: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = TowerToHyperService::new(app.clone().layer(Extension(ConnectInfo(client))));
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout);
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection ends with an error when the client goes away or is too slow: that
            // is the client's business, not the log's.
            let _ = connection.await;
            drop(permit);
        });
    }
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}
