//! Where reports are kept: the [`Storage`] trait, and its SQLite implementation.
//!
//! A method returns only once its change is on disk (SQLite: WAL with `synchronous=FULL`),
//! so an HTTP 2xx means the report survives a crash. Every statement is parameterised; no
//! value is ever spliced into SQL text.
//!
//! The trait is synchronous: the server calls it from a blocking task. The PostgreSQL
//! implementation is [`crate::postgres::PostgresStorage`].

use rusqlite::{params, Connection, OptionalExtension, Row};
use std::fmt;
use std::path::Path;
use std::sync::Mutex;

/// A storage failure. Its message never contains report text or tokens.
#[derive(Debug)]
pub struct StorageError(pub String);

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StorageError {}

impl From<rusqlite::Error> for StorageError {
    fn from(error: rusqlite::Error) -> StorageError {
        StorageError(format!("database: {error}"))
    }
}

/// Where a report is in moderation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Waiting for a moderator.
    Open,
    /// A moderator had the post removed.
    Removed,
    /// A moderator found nothing to act on.
    Dismissed,
}

impl Status {
    /// `"open"`, `"removed"` or `"dismissed"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Removed => "removed",
            Status::Dismissed => "dismissed",
        }
    }

    /// Parses a status name.
    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "open" => Some(Status::Open),
            "removed" => Some(Status::Removed),
            "dismissed" => Some(Status::Dismissed),
            _ => None,
        }
    }
}

/// A moderator's decision on a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Remove the post.
    Remove,
    /// Dismiss the report.
    Dismiss,
}

impl Action {
    /// `"remove"` or `"dismiss"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Remove => "remove",
            Action::Dismiss => "dismiss",
        }
    }

    /// Parses an action name.
    pub fn parse(text: &str) -> Option<Action> {
        match text {
            "remove" => Some(Action::Remove),
            "dismiss" => Some(Action::Dismiss),
            _ => None,
        }
    }

    /// The status a report gets from this decision.
    pub fn status(self) -> Status {
        match self {
            Action::Remove => Status::Removed,
            Action::Dismiss => Status::Dismissed,
        }
    }
}

/// A report to store, with the columns the queue filters on.
#[derive(Clone, Debug)]
pub struct NewReport {
    /// The report's idempotency key (unique).
    pub idempotency_key: String,
    /// When the server received it, milliseconds since the Unix epoch.
    pub received_at_ms: i64,
    /// The name of the reporter whose token sent it.
    pub reporter: String,
    /// The category of the primary finding.
    pub category: String,
    /// The severity of the primary finding.
    pub severity: String,
    /// The report's reason.
    pub reason: String,
    /// The report, as JSON.
    pub report_json: String,
    /// The reporter's note (the report's `reporter_note`): kept apart for a reporter who
    /// reports a post someone reported already, whose report is not stored again.
    pub note: Option<String>,
}

/// What [`Storage::insert`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inserted {
    /// The report's id: new, or that of the report stored earlier with the same key.
    pub id: i64,
    /// When this reporter's report was received: the stored report's time for its own
    /// reporter, and for another the time that reporter first reported it (never the first
    /// reporter's, which is theirs to know).
    pub received_at_ms: i64,
    /// Whether a new row was written (`false`: the key was already there).
    pub created: bool,
}

/// A decision, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// What the moderator decided.
    pub action: Action,
    /// Why.
    pub reason: String,
    /// The moderator's name.
    pub moderator: String,
    /// When, milliseconds since the Unix epoch.
    pub decided_at_ms: i64,
}

/// A stored report.
#[derive(Clone, Debug)]
pub struct StoredReport {
    /// Its id.
    pub id: i64,
    /// When the server received it, milliseconds since the Unix epoch.
    pub received_at_ms: i64,
    /// The name of the reporter.
    pub reporter: String,
    /// Where it is in moderation.
    pub status: Status,
    /// The report, as JSON.
    pub report_json: String,
    /// The decision, once made.
    pub decision: Option<Decision>,
    /// The other reporters who reported the same post (in the queue; empty elsewhere).
    pub also_reported_by: Vec<Corroboration>,
}

/// Another reporter's report of a post already reported: the same post, text and findings (so
/// the same idempotency key), from a second token. Moderators see how many people reported a
/// post and what each wrote; the report itself is stored once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corroboration {
    /// The reporter's name.
    pub reporter: String,
    /// When they first reported it, milliseconds since the Unix epoch.
    pub received_at_ms: i64,
    /// Their note, if they wrote one.
    pub note: Option<String>,
}

/// The columns of a stored report (`COLUMNS`, in order), as every storage reads them.
pub(crate) struct StoredColumns {
    pub id: i64,
    pub received_at_ms: i64,
    pub reporter: String,
    pub status: String,
    pub report_json: String,
    pub decided_by: Option<String>,
    pub decided_at_ms: Option<i64>,
    pub decision_reason: Option<String>,
}

impl StoredReport {
    /// Builds a stored report from its columns, the same way for SQLite and PostgreSQL.
    pub(crate) fn from_columns(columns: StoredColumns) -> StoredReport {
        let status = Status::parse(&columns.status).unwrap_or(Status::Open);
        let decision = columns.decided_by.map(|moderator| Decision {
            action: if status == Status::Removed { Action::Remove } else { Action::Dismiss },
            moderator,
            decided_at_ms: columns.decided_at_ms.unwrap_or_default(),
            reason: columns.decision_reason.unwrap_or_default(),
        });
        StoredReport {
            id: columns.id,
            received_at_ms: columns.received_at_ms,
            reporter: columns.reporter,
            status,
            report_json: columns.report_json,
            decision,
            also_reported_by: Vec::new(),
        }
    }
}

/// Which reports to list.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    /// Only reports of this status (`None`: all).
    pub status: Option<Status>,
    /// Only reports whose primary finding has this category.
    pub category: Option<String>,
    /// At most this many.
    pub limit: u32,
    /// At most this many bytes of reports ([`QUEUE_PAGE_BYTES`]); the first report always goes in.
    pub max_bytes: usize,
    /// Only reports after this one in the queue's order: the [`QueuePage::next`] of the page
    /// before.
    pub after: Option<QueueCursor>,
}

impl QueueFilter {
    /// Every report, `limit` at a time, from the oldest.
    pub fn all(limit: u32) -> QueueFilter {
        QueueFilter { status: None, category: None, limit, max_bytes: QUEUE_PAGE_BYTES, after: None }
    }
}

/// A place in the queue's order (received, then id): where the next page starts. Written in the
/// API as `RECEIVED_AT_MS-ID`, which clients pass back as they got it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueCursor {
    /// When the last report of the page before was received.
    pub received_at_ms: i64,
    /// Its id, which orders reports received in the same millisecond.
    pub id: i64,
}

impl QueueCursor {
    /// The cursor of `report`: the next page starts after it.
    pub fn after(report: &StoredReport) -> QueueCursor {
        QueueCursor { received_at_ms: report.received_at_ms, id: report.id }
    }

    /// Reads a cursor as [`QueueCursor`]'s `Display` writes it.
    pub fn parse(text: &str) -> Option<QueueCursor> {
        let (received_at_ms, id) = text.split_once('-')?;
        let number = |digits: &str| digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok()).flatten();
        Some(QueueCursor { received_at_ms: number(received_at_ms)?, id: number(id)? })
    }
}

impl std::fmt::Display for QueueCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.received_at_ms, self.id)
    }
}

/// Most bytes of reports one page of the queue holds: a report may be 1 MiB (the largest a
/// client makes), so `limit` alone would let a page of 1,000 take a gigabyte of memory.
pub const QUEUE_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// One page of the queue: the reports, and whether more matched than the page holds.
#[derive(Clone, Debug, Default)]
pub struct QueuePage {
    /// The reports, oldest received first.
    pub reports: Vec<StoredReport>,
    /// More reports match: past the limit, or past [`QueueFilter::max_bytes`].
    pub more: bool,
    /// The bytes of the reports taken so far.
    bytes: usize,
}

impl QueuePage {
    /// Gives each report of the page its other reporters, from `(report id, corroboration)`
    /// rows in the order they are to be listed.
    pub(crate) fn add_corroborations(&mut self, rows: Vec<(i64, Corroboration)>) {
        let index: std::collections::HashMap<i64, usize> =
            self.reports.iter().enumerate().map(|(at, report)| (report.id, at)).collect();
        for (report_id, corroboration) in rows {
            if let Some(&at) = index.get(&report_id) {
                self.reports[at].also_reported_by.push(corroboration);
            }
        }
    }

    /// Where the next page starts, when more match.
    pub fn next(&self) -> Option<QueueCursor> {
        self.reports.last().filter(|_| self.more).map(QueueCursor::after)
    }

    /// Adds `report` if the page has room for it under `filter`; otherwise notes that more
    /// match and returns `false`, so the storage reads no further rows.
    pub(crate) fn take(&mut self, report: StoredReport, filter: &QueueFilter) -> bool {
        let full = self.reports.len() >= filter.limit as usize
            || (!self.reports.is_empty() && self.bytes + report.report_json.len() > filter.max_bytes);
        if full {
            self.more = true;
            return false;
        }
        self.bytes += report.report_json.len();
        self.reports.push(report);
        true
    }
}

/// What [`Storage::decide`] did.
#[derive(Clone, Debug)]
pub enum DecideOutcome {
    /// The decision was recorded.
    Decided(StoredReport),
    /// No report has this id.
    NotFound,
    /// The report was decided before; it is returned as it is.
    AlreadyDecided(StoredReport),
}

/// A place to keep reports. Every method returns once its change is durable.
pub trait Storage: Send + Sync + 'static {
    /// Stores a report once per idempotency key: a second insert with the same key writes
    /// nothing and returns the first report's id.
    fn insert(&self, report: &NewReport) -> Result<Inserted, StorageError>;
    /// The reports matching `filter`, oldest received first, as many as fit one page.
    fn list(&self, filter: &QueueFilter) -> Result<QueuePage, StorageError>;
    /// Records a decision on an open report.
    fn decide(&self, id: i64, decision: &Decision) -> Result<DecideOutcome, StorageError>;
    /// Checks that the storage answers.
    fn ping(&self) -> Result<(), StorageError>;
}

/// Reports in one SQLite file (WAL journal, `synchronous=FULL`).
pub struct SqliteStorage {
    connection: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS reports (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT    NOT NULL UNIQUE,
    received_at_ms  INTEGER NOT NULL,
    reporter        TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    report_json     TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'removed', 'dismissed')),
    decided_by      TEXT,
    decided_at_ms   INTEGER,
    decision_reason TEXT
);
CREATE INDEX IF NOT EXISTS reports_queue ON reports (status, received_at_ms, id);
CREATE INDEX IF NOT EXISTS reports_order ON reports (received_at_ms, id);
CREATE TABLE IF NOT EXISTS corroborations (
    report_id      INTEGER NOT NULL REFERENCES reports (id),
    reporter       TEXT    NOT NULL,
    received_at_ms INTEGER NOT NULL,
    note           TEXT,
    PRIMARY KEY (report_id, reporter)
);
";

/// The columns every storage selects, in the order [`StoredColumns`] reads them.
pub(crate) const COLUMNS: &str =
    "id, received_at_ms, reporter, status, report_json, decided_by, decided_at_ms, decision_reason";

impl SqliteStorage {
    /// Opens (creating if needed) the database file at `path`.
    pub fn open(path: &Path) -> Result<SqliteStorage, StorageError> {
        let connection = Connection::open(path)?;
        let mode: String = connection.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StorageError(format!("{}: cannot use the WAL journal (got `{mode}`)", path.display())));
        }
        connection.pragma_update(None, "synchronous", "FULL")?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.execute_batch(SCHEMA)?;
        Ok(SqliteStorage { connection: Mutex::new(connection) })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a half-done transaction behind: SQLite
        // rolls it back when the transaction is dropped.
        self.connection.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn stored(row: &Row<'_>) -> rusqlite::Result<StoredReport> {
    Ok(StoredReport::from_columns(StoredColumns {
        id: row.get(0)?,
        received_at_ms: row.get(1)?,
        reporter: row.get(2)?,
        status: row.get(3)?,
        report_json: row.get(4)?,
        decided_by: row.get(5)?,
        decided_at_ms: row.get(6)?,
        decision_reason: row.get(7)?,
    }))
}

impl Storage for SqliteStorage {
    fn insert(&self, report: &NewReport) -> Result<Inserted, StorageError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let written = transaction.execute(
            "INSERT INTO reports (idempotency_key, received_at_ms, reporter, category, severity, reason, report_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (idempotency_key) DO NOTHING",
            params![
                report.idempotency_key,
                report.received_at_ms,
                report.reporter,
                report.category,
                report.severity,
                report.reason,
                report.report_json
            ],
        )?;
        let (id, received_at_ms, first_reporter): (i64, i64, String) = transaction.query_row(
            "SELECT id, received_at_ms, reporter FROM reports WHERE idempotency_key = ?1",
            params![report.idempotency_key],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        if written == 1 || first_reporter == report.reporter {
            transaction.commit()?;
            return Ok(Inserted { id, received_at_ms, created: written == 1 });
        }
        transaction.execute(
            "INSERT INTO corroborations (report_id, reporter, received_at_ms, note) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (report_id, reporter) DO NOTHING",
            params![id, report.reporter, report.received_at_ms, report.note],
        )?;
        let received_at_ms = transaction.query_row(
            "SELECT received_at_ms FROM corroborations WHERE report_id = ?1 AND reporter = ?2",
            params![id, report.reporter],
            |row| row.get(0),
        )?;
        transaction.commit()?;
        Ok(Inserted { id, received_at_ms, created: false })
    }

    fn list(&self, filter: &QueueFilter) -> Result<QueuePage, StorageError> {
        let connection = self.lock();
        let mut statement = connection.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM reports
             WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR category = ?2)
               AND received_at_ms >= coalesce(?4, -9223372036854775807)
               AND (?4 IS NULL OR received_at_ms > ?4 OR id > ?5)
             ORDER BY received_at_ms, id
             LIMIT ?3"
        ))?;
        // One row past the limit tells whether more match; rows are read one by one, so the
        // ones past a full page are never loaded.
        let limit = i64::from(filter.limit) + 1;
        let (after_received, after_id) = (filter.after.map(|c| c.received_at_ms), filter.after.map(|c| c.id));
        let status = filter.status.map(Status::as_str);
        let mut rows =
            statement.query_map(params![status, filter.category, limit, after_received, after_id], stored)?;
        let mut page = QueuePage::default();
        for row in rows.by_ref() {
            if !page.take(row?, filter) {
                break;
            }
        }
        // The page's other reporters, in one query (one placeholder per report, no value in
        // the SQL text).
        if !page.reports.is_empty() {
            let ids: Vec<i64> = page.reports.iter().map(|r| r.id).collect();
            let placeholders = vec!["?"; ids.len()].join(", ");
            let mut statement = connection.prepare(&format!(
                "SELECT report_id, reporter, received_at_ms, note FROM corroborations
                 WHERE report_id IN ({placeholders}) ORDER BY received_at_ms, reporter"
            ))?;
            let rows = statement.query_map(rusqlite::params_from_iter(&ids), |row| {
                Ok((
                    row.get(0)?,
                    Corroboration { reporter: row.get(1)?, received_at_ms: row.get(2)?, note: row.get(3)? },
                ))
            })?;
            page.add_corroborations(rows.collect::<Result<Vec<_>, _>>()?);
        }
        Ok(page)
    }

    fn decide(&self, id: i64, decision: &Decision) -> Result<DecideOutcome, StorageError> {
        let mut connection = self.lock();
        let transaction = connection.transaction()?;
        let select = format!("SELECT {COLUMNS} FROM reports WHERE id = ?1");
        let Some(current) = transaction.query_row(&select, params![id], stored).optional()? else {
            return Ok(DecideOutcome::NotFound);
        };
        if current.status != Status::Open {
            return Ok(DecideOutcome::AlreadyDecided(current));
        }
        transaction.execute(
            "UPDATE reports SET status = ?2, decided_by = ?3, decided_at_ms = ?4, decision_reason = ?5
             WHERE id = ?1 AND status = 'open'",
            params![id, decision.action.status().as_str(), decision.moderator, decision.decided_at_ms, decision.reason],
        )?;
        let updated = transaction.query_row(&select, params![id], stored)?;
        transaction.commit()?;
        Ok(DecideOutcome::Decided(updated))
    }

    fn ping(&self) -> Result<(), StorageError> {
        self.lock().query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(i: i64, bytes: usize) -> NewReport {
        NewReport {
            idempotency_key: format!("{i:064}"),
            received_at_ms: i,
            reporter: "alice".into(),
            category: "gambling".into(),
            severity: "block".into(),
            reason: "illegal_goods".into(),
            report_json: format!("\"{}\"", "x".repeat(bytes - 2)),
            note: None,
        }
    }

    /// A page holds `limit` reports and `max_bytes` of them (the first always), says whether
    /// more match, and keeps the queue's order.
    #[test]
    fn a_queue_page_stops_at_its_limit_or_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(&dir.path().join("db.sqlite3")).unwrap();
        for i in 1..=5 {
            storage.insert(&report(i, 100)).unwrap();
        }
        let list = |limit, max_bytes| {
            let page = storage.list(&QueueFilter { limit, max_bytes, ..QueueFilter::all(limit) }).unwrap();
            (page.reports.iter().map(|r| r.received_at_ms).collect::<Vec<_>>(), page.more)
        };
        assert_eq!(list(10, QUEUE_PAGE_BYTES), (vec![1, 2, 3, 4, 5], false));
        assert_eq!(list(5, QUEUE_PAGE_BYTES), (vec![1, 2, 3, 4, 5], false));
        assert_eq!(list(3, QUEUE_PAGE_BYTES), (vec![1, 2, 3], true));
        assert_eq!(list(10, 250), (vec![1, 2], true));
        assert_eq!(list(10, 10), (vec![1], true), "the oldest report is listed whatever its size");
    }

    /// Pages follow one another from `next`, every report once, in the queue's order, also
    /// where reports were received in the same millisecond.
    #[test]
    fn pages_follow_one_another_from_their_cursor() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(&dir.path().join("db.sqlite3")).unwrap();
        for (n, received_at_ms) in [1, 2, 2, 2, 3, 4, 4].into_iter().enumerate() {
            storage.insert(&NewReport { idempotency_key: format!("{n:064}"), ..report(received_at_ms, 100) }).unwrap();
        }
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = storage.list(&QueueFilter { after, ..QueueFilter::all(2) }).unwrap();
            seen.extend(page.reports.iter().map(|r| (r.received_at_ms, r.id)));
            match page.next() {
                Some(next) => after = Some(QueueCursor::parse(&next.to_string()).unwrap()),
                None => break,
            }
        }
        assert_eq!(seen, vec![(1, 1), (2, 2), (2, 3), (2, 4), (3, 5), (4, 6), (4, 7)]);
        assert_eq!(QueueCursor::parse("12-x"), None);
        assert_eq!(QueueCursor::parse("-1-2"), None);
        assert_eq!(QueueCursor::parse("+1-2"), None);
    }
}
