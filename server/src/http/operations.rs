//! The endpoints of operators' tools: `/healthz` (the process answers), `/readyz` (the
//! database answers and its schema is current: 503 otherwise, so that a load balancer
//! sends no traffic to an instance that cannot serve it) and `/metrics` (Prometheus text,
//! only for the addresses in `METRICS_ALLOW`).
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use ipnet::IpNet;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use sea_orm_migration::MigratorTrait;

use app::api::ClientAddress;

use crate::db::migrations::Migrator;
use crate::observability::metrics::Metrics;

/// How long a readiness probe waits for the database.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct Operations {
    pub db: DatabaseConnection,
    pub metrics: Metrics,
    /// Who may read `/metrics`.
    pub metrics_allow: Arc<[IpNet]>,
}

fn text(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

pub async fn healthz() -> Response {
    text(StatusCode::OK, "ok\n".into())
}

/// Why an instance is not ready is for its operator's log: the probe is public, and the
/// database's errors name tables, files and hosts.
pub async fn readyz(State(operations): State<Operations>) -> Response {
    let checked = tokio::time::timeout(READY_TIMEOUT, not_ready_because(&operations.db)).await;
    let reason = match checked {
        Ok(None) => return text(StatusCode::OK, "ready\n".into()),
        Ok(Some(reason)) => reason,
        Err(_) => "the database did not answer in time".to_owned(),
    };
    tracing::warn!(%reason, "not ready");
    text(StatusCode::SERVICE_UNAVAILABLE, "not ready\n".into())
}

/// Why this instance cannot serve, if it cannot. Reads the migrations table directly:
/// sea-orm's own check would create the table if it were missing.
async fn not_ready_because(db: &DatabaseConnection) -> Option<String> {
    let backend = db.get_database_backend();
    let rows = db
        .query_all(Statement::from_string(
            backend,
            "SELECT version FROM seaql_migrations",
        ))
        .await;
    let applied: HashSet<String> = match rows {
        Ok(rows) => rows
            .iter()
            .filter_map(|row| row.try_get::<String>("", "version").ok())
            .collect(),
        Err(error) => return Some(format!("the database does not answer ({error})")),
    };
    let pending = Migrator::migrations()
        .iter()
        .filter(|migration| !applied.contains(migration.name()))
        .count();
    (pending > 0).then(|| format!("{pending} database migrations are not applied"))
}

pub async fn metrics(
    State(operations): State<Operations>,
    client: Option<Extension<ClientAddress>>,
) -> Response {
    let allowed = client.is_some_and(|Extension(ClientAddress(address))| {
        operations
            .metrics_allow
            .iter()
            .any(|range| range.contains(&address.to_canonical()))
    });
    if !allowed {
        return text(
            StatusCode::FORBIDDEN,
            "Metrics are shown only to the addresses in METRICS_ALLOW.\n".into(),
        );
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        operations.metrics.render().await,
    )
        .into_response()
}
