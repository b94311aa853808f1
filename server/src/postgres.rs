//! Reports in PostgreSQL: the [`Storage`] trait over one `tokio-postgres` connection.
//!
//! The same table and semantics as [`crate::storage::SqliteStorage`]: a unique constraint on
//! the idempotency key (`INSERT … ON CONFLICT DO NOTHING`), decisions under `SELECT … FOR
//! UPDATE`, every statement parameterised. A commit returns once PostgreSQL has made it durable
//! (its default `synchronous_commit`). A lost connection is opened again on the next call.
//!
//! The trait is synchronous and the server calls it from a blocking task; each method runs its
//! queries on the server's runtime with [`Handle::block_on`], so it must not be called from
//! async code.

use crate::storage::{
    Corroboration, DecideOutcome, Decision, Inserted, NewReport, QueueFilter, QueuePage, Status, Storage, StorageError,
    StoredColumns, StoredReport, COLUMNS,
};
use std::sync::{Mutex, MutexGuard};
use tokio::runtime::Handle;
use tokio_postgres::{Client, Config, NoTls, Row};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS reports (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key TEXT    NOT NULL UNIQUE,
    received_at_ms  BIGINT  NOT NULL,
    reporter        TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    report_json     TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'removed', 'dismissed')),
    decided_by      TEXT,
    decided_at_ms   BIGINT,
    decision_reason TEXT
);
CREATE INDEX IF NOT EXISTS reports_queue ON reports (status, received_at_ms, id);
CREATE INDEX IF NOT EXISTS reports_order ON reports (received_at_ms, id);
CREATE TABLE IF NOT EXISTS corroborations (
    report_id      BIGINT NOT NULL REFERENCES reports (id),
    reporter       TEXT   NOT NULL,
    received_at_ms BIGINT NOT NULL,
    note           TEXT,
    PRIMARY KEY (report_id, reporter)
);
";

/// Whether `db` is a PostgreSQL URL (`postgres://…` or `postgresql://…`).
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

fn error(error: tokio_postgres::Error) -> StorageError {
    // The server's message names the problem; its detail, which may quote values, is left out.
    match error.as_db_error() {
        Some(db) => StorageError(format!("database: {}", db.message())),
        // "error connecting to server" alone does not say why: the cause (refused, no such
        // host, timed out) is its source.
        None => match std::error::Error::source(&error) {
            Some(cause) => StorageError(format!("database: {error}: {cause}")),
            None => StorageError(format!("database: {error}")),
        },
    }
}

/// Reports in a PostgreSQL database.
pub struct PostgresStorage {
    config: Config,
    runtime: Handle,
    client: Mutex<Option<Client>>,
}

impl PostgresStorage {
    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`) and creates the
    /// table if needed. Errors never contain the password.
    pub async fn connect(url: &str) -> Result<PostgresStorage, StorageError> {
        let config: Config = url.parse().map_err(|e| StorageError(format!("not a PostgreSQL URL: {e}")))?;
        let client = open(&config).await?;
        client.batch_execute(SCHEMA).await.map_err(error)?;
        Ok(PostgresStorage { config, runtime: Handle::current(), client: Mutex::new(Some(client)) })
    }

    /// Runs `work` with a live connection, opening a new one if the last was lost.
    fn with_client<T>(
        &self,
        work: impl AsyncFnOnce(&mut Client) -> Result<T, tokio_postgres::Error>,
    ) -> Result<T, StorageError> {
        let mut slot: MutexGuard<'_, Option<Client>> = self.client.lock().unwrap_or_else(|p| p.into_inner());
        self.runtime.block_on(async {
            if slot.as_ref().is_none_or(Client::is_closed) {
                *slot = Some(open(&self.config).await?);
            }
            let client = slot.as_mut().expect("a client was just opened");
            let result = work(client).await.map_err(error);
            if client.is_closed() {
                *slot = None;
            }
            result
        })
    }
}

async fn open(config: &Config) -> Result<Client, StorageError> {
    let (client, connection) = config.connect(NoTls).await.map_err(error)?;
    tokio::spawn(async move {
        if let Err(e) = connection.await {
            eprintln!("database connection lost: {}", error(e));
        }
    });
    Ok(client)
}

/// Rows of the queue fetched at a time: up to 8 MiB, with reports of up to 1 MiB.
const ROWS_PER_FETCH: i32 = 8;

fn stored(row: &Row) -> Result<StoredReport, tokio_postgres::Error> {
    Ok(StoredReport::from_columns(StoredColumns {
        id: row.try_get(0)?,
        received_at_ms: row.try_get(1)?,
        reporter: row.try_get(2)?,
        status: row.try_get(3)?,
        report_json: row.try_get(4)?,
        decided_by: row.try_get(5)?,
        decided_at_ms: row.try_get(6)?,
        decision_reason: row.try_get(7)?,
    }))
}

impl Storage for PostgresStorage {
    fn insert(&self, report: &NewReport) -> Result<Inserted, StorageError> {
        self.with_client(async |client| {
            let written = client
                .query_opt(
                    "INSERT INTO reports (idempotency_key, received_at_ms, reporter, category, severity, reason, report_json)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)
                     ON CONFLICT (idempotency_key) DO NOTHING
                     RETURNING id, received_at_ms",
                    &[
                        &report.idempotency_key,
                        &report.received_at_ms,
                        &report.reporter,
                        &report.category,
                        &report.severity,
                        &report.reason,
                        &report.report_json,
                    ],
                )
                .await?;
            if let Some(row) = written {
                return Ok(Inserted { id: row.try_get(0)?, received_at_ms: row.try_get(1)?, created: true });
            }
            // ON CONFLICT waited for any insert of this key in flight, so the row is committed.
            let row = client
                .query_one(
                    "SELECT id, received_at_ms, reporter FROM reports WHERE idempotency_key = $1",
                    &[&report.idempotency_key],
                )
                .await?;
            let (id, received_at_ms, first_reporter): (i64, i64, String) =
                (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
            if first_reporter == report.reporter {
                return Ok(Inserted { id, received_at_ms, created: false });
            }
            // Another reporter: noted once, at the time they first reported it (read in a statement
            // of its own, which sees a note that a concurrent request of theirs committed).
            client
                .execute(
                    "INSERT INTO corroborations (report_id, reporter, received_at_ms, note) VALUES ($1, $2, $3, $4)
                     ON CONFLICT (report_id, reporter) DO NOTHING",
                    &[&id, &report.reporter, &report.received_at_ms, &report.note],
                )
                .await?;
            let row = client
                .query_one(
                    "SELECT received_at_ms FROM corroborations WHERE report_id = $1 AND reporter = $2",
                    &[&id, &report.reporter],
                )
                .await?;
            Ok(Inserted { id, received_at_ms: row.try_get(0)?, created: false })
        })
    }

    fn list(&self, filter: &QueueFilter) -> Result<QueuePage, StorageError> {
        let status = filter.status.map(Status::as_str);
        let category = filter.category.as_deref();
        // One row past the limit tells whether more match.
        let limit = i64::from(filter.limit) + 1;
        let (after_received, after_id) = (filter.after.map(|c| c.received_at_ms), filter.after.map(|c| c.id));
        self.with_client(async |client| {
            // A portal read a few rows at a time: the rows past a full page are never fetched.
            let transaction = client.transaction().await?;
            let statement = transaction
                .prepare(&format!(
                    "SELECT {COLUMNS} FROM reports
                     WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR category = $2)
                       AND received_at_ms >= coalesce($4::bigint, -9223372036854775807)
                       AND ($4::bigint IS NULL OR received_at_ms > $4 OR id > $5)
                     ORDER BY received_at_ms, id
                     LIMIT $3"
                ))
                .await?;
            let params: [&(dyn tokio_postgres::types::ToSql + Sync); 5] =
                [&status, &category, &limit, &after_received, &after_id];
            let portal = transaction.bind(&statement, &params).await?;
            let mut page = QueuePage::default();
            'rows: loop {
                let rows = transaction.query_portal(&portal, ROWS_PER_FETCH).await?;
                if rows.is_empty() {
                    break;
                }
                for row in &rows {
                    if !page.take(stored(row)?, filter) {
                        break 'rows;
                    }
                }
            }
            // The page's other reporters, in one query.
            if !page.reports.is_empty() {
                let ids: Vec<i64> = page.reports.iter().map(|r| r.id).collect();
                let rows = transaction
                    .query(
                        "SELECT report_id, reporter, received_at_ms, note FROM corroborations
                         WHERE report_id = ANY($1) ORDER BY received_at_ms, reporter",
                        &[&ids],
                    )
                    .await?;
                let mut noted = Vec::with_capacity(rows.len());
                for row in &rows {
                    let corroboration = Corroboration {
                        reporter: row.try_get(1)?,
                        received_at_ms: row.try_get(2)?,
                        note: row.try_get(3)?,
                    };
                    noted.push((row.try_get(0)?, corroboration));
                }
                page.add_corroborations(noted);
            }
            transaction.commit().await?;
            Ok(page)
        })
    }

    fn decide(&self, id: i64, decision: &Decision) -> Result<DecideOutcome, StorageError> {
        self.with_client(async |client| {
            let transaction = client.transaction().await?;
            let select = format!("SELECT {COLUMNS} FROM reports WHERE id = $1 FOR UPDATE");
            let Some(current) = transaction.query_opt(&select, &[&id]).await? else {
                return Ok(DecideOutcome::NotFound);
            };
            let current = stored(&current)?;
            if current.status != Status::Open {
                return Ok(DecideOutcome::AlreadyDecided(current));
            }
            let updated = transaction
                .query_one(
                    &format!(
                        "UPDATE reports SET status = $2, decided_by = $3, decided_at_ms = $4, decision_reason = $5
                         WHERE id = $1 RETURNING {COLUMNS}"
                    ),
                    &[
                        &id,
                        &decision.action.status().as_str(),
                        &decision.moderator,
                        &decision.decided_at_ms,
                        &decision.reason,
                    ],
                )
                .await?;
            let updated = stored(&updated)?;
            transaction.commit().await?;
            Ok(DecideOutcome::Decided(updated))
        })
    }

    fn ping(&self) -> Result<(), StorageError> {
        self.with_client(async |client| client.simple_query("SELECT 1").await.map(drop))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_and_passwords_never_shown() {
        assert!(is_url("postgres://saring@127.0.0.1:5432/reports"));
        assert!(is_url("postgresql://localhost/reports"));
        assert!(!is_url("reports.sqlite3"));
        assert!(!is_url("./postgres://x"));
        for (url, shown) in [
            ("postgres://saring:s3cret@db:5432/reports", "postgres://saring@db:5432/reports"),
            ("postgres://saring:s3cret@db", "postgres://saring@db"),
            ("postgres://saring:p@ss@db/x?sslmode=disable", "postgres://saring@db/x?sslmode=disable"),
            ("postgres://saring@db/reports", "postgres://saring@db/reports"),
            ("postgres://db/reports", "postgres://db/reports"),
        ] {
            assert_eq!(redact(url), shown);
        }
    }
}
