//! The reference moderation API for saring reports.
//!
//! | route | who | what |
//! | --- | --- | --- |
//! | `POST /v1/reports` | reporter | store a [`saring::Report`] once per idempotency key: 201 the first time, 200 with the same id after |
//! | `GET /v1/reports?status=&category=&limit=` | moderator | the queue, oldest first, with age and SLA |
//! | `POST /v1/reports/{id}/decision` | moderator | `{"action": "remove" \| "dismiss", "reason": "…"}`; 409 once decided |
//! | `GET /healthz` | anyone | `{"status": "ok"}` |
//!
//! Errors are JSON: `{"error": {"code", "message", "field"}}`, `field` naming the part of the
//! request at fault (e.g. `findings[0].bytes`) or `null`. The API is described by
//! `schema/openapi.yaml`. Logs carry the method, path, status, and the reporter's or
//! moderator's *name* — never report text or tokens.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod postgres;
pub mod storage;

use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use saring::report::format_timestamp;
use saring::{Category, Report};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use storage::{Action, DecideOutcome, Decision, NewReport, QueueFilter, Status, Storage, StoredReport};

/// Largest request body, in bytes; larger ones get 413.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;
/// Reports one token may send per minute (a token bucket of this size, refilled evenly).
pub const DEFAULT_RATE_PER_MINUTE: u32 = 60;
/// How soon a report should be decided.
pub const SLA_SECONDS: u64 = 3600;
/// Longest decision reason, in characters.
pub const MAX_DECISION_REASON_CHARS: usize = 1000;

/// What a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Sends reports.
    Reporter,
    /// Reads the queue and decides.
    Moderator,
}

impl Role {
    fn parse(text: &str) -> Option<Role> {
        match text {
            "reporter" => Some(Role::Reporter),
            "moderator" => Some(Role::Moderator),
            _ => None,
        }
    }
}

/// Who a token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    /// Their role.
    pub role: Role,
    /// Their name, as recorded with reports and decisions.
    pub name: String,
}

/// The bearer tokens the server accepts, kept as SHA-256 hashes: a lookup leaks no timing
/// about the tokens themselves, and a memory dump holds no token.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    by_hash: HashMap<[u8; 32], Principal>,
}

impl Tokens {
    /// Parses a tokens file: one `TOKEN ROLE NAME` per line, roles `reporter` or `moderator`;
    /// blank lines and `#` comments are skipped. Errors name the line, never the token.
    pub fn parse(text: &str) -> Result<Tokens, String> {
        let mut tokens = Tokens::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [token, role, name] = fields[..] else {
                return Err(format!("line {}: expected `TOKEN ROLE NAME`", i + 1));
            };
            let Some(role) = Role::parse(role) else {
                return Err(format!("line {}: unknown role `{role}`; expected reporter or moderator", i + 1));
            };
            if token.len() < 16 {
                return Err(format!("line {}: the token is shorter than 16 characters", i + 1));
            }
            if tokens.add(token, role, name).is_some() {
                return Err(format!("line {}: the same token appears twice", i + 1));
            }
        }
        if tokens.by_hash.is_empty() {
            return Err("no tokens".into());
        }
        Ok(tokens)
    }

    /// Adds a token; returns the principal it replaced, if any.
    pub fn add(&mut self, token: &str, role: Role, name: &str) -> Option<Principal> {
        self.by_hash.insert(hash(token), Principal { role, name: name.to_owned() })
    }

    fn get(&self, token: &str) -> Option<&Principal> {
        self.by_hash.get(&hash(token))
    }
}

fn hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// A token bucket per principal.
struct RateLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    /// Takes one request from `key`'s bucket, or says how long until one is available.
    fn take(&self, key: &str) -> Result<(), Duration> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let (tokens, last) = buckets.entry(key.to_owned()).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * per_second).min(capacity);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - *tokens) / per_second))
        }
    }
}

/// How the server runs.
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The SQLite file, or a PostgreSQL URL (`postgres://user@host/database`).
    pub db: PathBuf,
    /// The accepted tokens.
    pub tokens: Tokens,
    /// Reports per token per minute.
    pub rate_per_minute: u32,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// A directory to serve at `/`, if any.
    pub static_dir: Option<PathBuf>,
    /// Tokens made up for `--demo`, to print on start: `(token, role, name)`.
    pub demo_tokens: Vec<(String, Role, String)>,
}

/// The usage text.
pub const USAGE: &str =
    "usage: saring-server (--tokens FILE | --demo) [--addr HOST:PORT] [--db PATH|URL] [--static DIR] [--rate-limit N]

  --tokens FILE     bearer tokens, one `TOKEN ROLE NAME` per line (roles: reporter, moderator; # comments)
  --demo            make up a reporter and a moderator token and print them (for demos only)
  --addr HOST:PORT  where to listen (default 127.0.0.1:8080)
  --db PATH|URL     the SQLite database file (default saring-reports.sqlite3),
                    or PostgreSQL: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE
  --static DIR      also serve the files of DIR at /
  --rate-limit N    reports per token per minute (default 60)";

impl Config {
    /// Reads the command line (without the program name).
    pub fn from_args(args: impl IntoIterator<Item = String>) -> Result<Config, String> {
        let mut args = args.into_iter();
        let mut addr = "127.0.0.1:8080".to_owned();
        let mut db = PathBuf::from("saring-reports.sqlite3");
        let mut tokens_file = None;
        let mut demo = false;
        let mut static_dir = None;
        let mut rate_per_minute = DEFAULT_RATE_PER_MINUTE;
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--addr" => addr = value("--addr")?,
                "--db" => db = PathBuf::from(value("--db")?),
                "--tokens" => tokens_file = Some(PathBuf::from(value("--tokens")?)),
                "--static" => static_dir = Some(PathBuf::from(value("--static")?)),
                "--rate-limit" => {
                    let text = value("--rate-limit")?;
                    rate_per_minute = text
                        .parse()
                        .ok()
                        .filter(|n| *n > 0)
                        .ok_or_else(|| format!("--rate-limit: `{text}` is not a positive number"))?;
                }
                "--demo" => demo = true,
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let addr = addr.parse().map_err(|_| format!("--addr: `{addr}` is not HOST:PORT, e.g. 127.0.0.1:8080"))?;
        let mut demo_tokens = Vec::new();
        let tokens = match tokens_file {
            Some(file) => {
                let text = std::fs::read_to_string(&file).map_err(|e| format!("--tokens {}: {e}", file.display()))?;
                Tokens::parse(&text).map_err(|e| format!("--tokens {}: {e}", file.display()))?
            }
            None if demo => {
                let mut tokens = Tokens::default();
                for (role, name) in [(Role::Reporter, "demo-reporter"), (Role::Moderator, "demo-moderator")] {
                    let token = random_token()?;
                    tokens.add(&token, role, name);
                    demo_tokens.push((token, role, name.to_owned()));
                }
                tokens
            }
            None => {
                return Err(
                    "no tokens: give --tokens FILE (lines `TOKEN ROLE NAME`), or --demo to make up demo tokens; \
                     the server has no built-in secrets"
                        .into(),
                )
            }
        };
        if let Some(dir) = &static_dir {
            if !dir.is_dir() {
                return Err(format!("--static {}: not a directory", dir.display()));
            }
        }
        Ok(Config { addr, db, tokens, rate_per_minute, body_limit: DEFAULT_BODY_LIMIT, static_dir, demo_tokens })
    }
}

fn random_token() -> Result<String, String> {
    use std::io::Read;
    let mut bytes = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot make a demo token: /dev/urandom: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[derive(Clone)]
struct AppState {
    storage: Arc<dyn Storage>,
    tokens: Arc<Tokens>,
    limiter: Arc<RateLimiter>,
    body_limit: usize,
}

/// The API's routes over `storage`, with `config`'s tokens, limits and static directory.
pub fn router(config: &Config, storage: Arc<dyn Storage>) -> Router {
    let state = AppState {
        storage,
        tokens: Arc::new(config.tokens.clone()),
        limiter: Arc::new(RateLimiter { per_minute: config.rate_per_minute, buckets: Mutex::default() }),
        body_limit: config.body_limit,
    };
    let mut app = Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/reports", post(create_report).get(list_reports))
        .route("/v1/reports/{id}/decision", post(decide))
        .with_state(state);
    if let Some(dir) = &config.static_dir {
        app = app.fallback_service(tower_http::services::ServeDir::new(dir));
    } else {
        app = app.fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such route") });
    }
    app.layer(middleware::from_fn(log_request))
}

/// Runs the server until Ctrl-C.
pub async fn serve(config: Config) -> Result<(), String> {
    let db = config.db.to_string_lossy();
    let shown = if postgres::is_url(&db) { postgres::redact(&db) } else { db.to_string() };
    let storage: Arc<dyn Storage> = if postgres::is_url(&db) {
        Arc::new(postgres::PostgresStorage::connect(&db).await.map_err(|e| format!("--db {shown}: {e}"))?)
    } else {
        Arc::new(storage::SqliteStorage::open(&config.db).map_err(|e| format!("--db {shown}: {e}"))?)
    };
    let listener =
        tokio::net::TcpListener::bind(config.addr).await.map_err(|e| format!("--addr {}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let app = router(&config, storage);
    for (token, role, name) in &config.demo_tokens {
        println!("demo token ({role:?}, {name}): {token}");
    }
    println!("saring-server listening on http://{addr} (database {shown})");
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())
}

async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    eprintln!("{method} {path} {} {}ms", response.status().as_u16(), started.elapsed().as_millis());
    response
}

/// An error answer: `{"error": {"code", "message", "field"}}`.
#[derive(Debug)]
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), field: None, retry_after: None }
    }

    fn field(mut self, field: impl Into<String>) -> ApiError {
        self.field = Some(field.into());
        self
    }

    fn internal(error: impl std::fmt::Display) -> ApiError {
        eprintln!("internal error: {error}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not complete the request")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message, "field": self.field } });
        let mut response = (self.status, Json(body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

fn authenticate(state: &AppState, headers: &HeaderMap, role: Role) -> Result<Principal, ApiError> {
    let unauthorized = |message: &str| ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", message);
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(|| unauthorized("missing `Authorization: Bearer TOKEN` header"))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .ok_or_else(|| unauthorized("the Authorization header must be `Bearer TOKEN`"))?;
    let principal = state.tokens.get(token).ok_or_else(|| unauthorized("unknown token"))?;
    if principal.role != role {
        let needed = match role {
            Role::Reporter => "a reporter",
            Role::Moderator => "a moderator",
        };
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", format!("this needs {needed} token")));
    }
    Ok(principal.clone())
}

async fn read_json_body(state: &AppState, headers: &HeaderMap, body: Body) -> Result<Bytes, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.trim_start().to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "the body must be JSON: send `Content-Type: application/json`",
        ));
    }
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload-too-large",
            format!("the body is larger than the limit of {} bytes", state.body_limit),
        )
    };
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if let Some(length) = declared.filter(|length| *length > state.body_limit) {
        // Read a moderately oversized body before answering, so that the client, still
        // sending it, gets the 413 instead of a broken connection.
        if length <= 4 * state.body_limit {
            let _ = axum::body::to_bytes(body, length).await;
        }
        return Err(too_large());
    }
    axum::body::to_bytes(body, state.body_limit).await.map_err(|_| too_large())
}

/// Deserializes `bytes`, mapping syntax errors to 400 and shape errors to 422 naming the field.
fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed-json",
                format!("the body is not valid JSON: {inner}"),
            );
        }
        let message = inner.to_string();
        // serde names a missing or unknown field in the message, at the path of its parent.
        let named = message.split('`').nth(1).filter(|_| message.contains(" field `"));
        // serde_path_to_error already ends the path with an unknown field's name, but not
        // with a missing one's.
        let field = match (path.as_str(), named) {
            (".", Some(name)) => name.to_owned(),
            (path, Some(name)) if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
            (parent, Some(name)) => format!("{parent}.{name}"),
            (path, None) => path.to_owned(),
        };
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-report", strip_position(&message)).field(field)
    })?;
    deserializer.end().map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed-json", format!("the body is not valid JSON: {e}"))
    })?;
    Ok(value)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or_default()
}

fn timestamp(ms: i64) -> String {
    format_timestamp(UNIX_EPOCH + Duration::from_millis(ms.max(0) as u64)).unwrap_or_default()
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, storage::StorageError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.map_err(ApiError::internal)?.map_err(ApiError::internal)
}

async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let storage = state.storage.clone();
    blocking(move || storage.ping()).await?;
    Ok(Json(json!({ "status": "ok" })))
}

async fn create_report(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let reporter = authenticate(&state, &headers, Role::Reporter)?;
    if let Err(wait) = state.limiter.take(&reporter.name) {
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        let mut error = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            format!("more than {} reports a minute from this token; retry in {seconds} s", state.limiter.per_minute),
        );
        error.retry_after = Some(seconds.max(1));
        return Err(error);
    }
    let bytes = read_json_body(&state, &headers, body).await?;
    let report: Report = parse_json(&bytes)?;
    report.validate().map_err(|e| {
        let error = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-report", e.message().to_owned());
        match e.field() {
            Some(field) => error.field(field),
            None => error,
        }
    })?;
    let primary = report.primary_finding();
    let new = NewReport {
        idempotency_key: report.idempotency_key.clone(),
        received_at_ms: now_ms(),
        reporter: reporter.name.clone(),
        category: primary.category.as_str().to_owned(),
        severity: primary.severity.as_str().to_owned(),
        reason: report.reason.as_str().to_owned(),
        report_json: report.to_json(),
    };
    let storage = state.storage.clone();
    let inserted = blocking(move || storage.insert(&new)).await?;
    let status = if inserted.created { StatusCode::CREATED } else { StatusCode::OK };
    let body = json!({
        "id": inserted.id,
        "idempotency_key": report.idempotency_key,
        "received_at": timestamp(inserted.received_at_ms),
        "duplicate": !inserted.created,
    });
    let mut response = (status, Json(body)).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/v1/reports/{}", inserted.id)) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueQuery {
    status: Option<String>,
    category: Option<String>,
    limit: Option<String>,
}

async fn list_reports(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<QueueQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    authenticate(&state, &headers, Role::Moderator)?;
    let Query(query) = query.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            format!("{}; the parameters are status, category, limit", e.body_text()),
        )
    })?;
    let status = match query.status.as_deref() {
        None | Some("") => Some(Status::Open),
        Some("all") => None,
        Some(text) => Some(Status::parse(text).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid-query",
                "unknown status; expected one of open, removed, dismissed, all",
            )
            .field("status")
        })?),
    };
    let category = match query.category.as_deref() {
        None | Some("") => None,
        Some(text) => Some(
            Category::parse(text)
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "invalid-query",
                        format!("unknown category; expected one of {}", Category::names()),
                    )
                    .field("category")
                })?
                .as_str()
                .to_owned(),
        ),
    };
    let limit = match query.limit.as_deref() {
        None | Some("") => 100,
        Some(text) => text.parse::<u32>().ok().filter(|n| (1..=1000).contains(n)).ok_or_else(|| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid-query", "limit must be a number from 1 to 1000")
                .field("limit")
        })?,
    };
    let filter = QueueFilter { status, category, limit };
    let storage = state.storage.clone();
    let rows = blocking(move || storage.list(&filter)).await?;
    let now = now_ms();
    let reports = rows.iter().map(|row| queue_item(row, now)).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(json!({ "reports": reports })))
}

fn queue_item(row: &StoredReport, now_ms: i64) -> Result<Value, ApiError> {
    let report: Value = serde_json::from_str(&row.report_json).map_err(ApiError::internal)?;
    let age_ms = (now_ms - row.received_at_ms).max(0);
    // The SLA clock stops when the report is decided.
    let waited_ms = row.decision.as_ref().map_or(age_ms, |d| (d.decided_at_ms - row.received_at_ms).max(0));
    Ok(json!({
        "id": row.id,
        "status": row.status.as_str(),
        "received_at": timestamp(row.received_at_ms),
        "age_seconds": age_ms / 1000,
        "sla": { "target_seconds": SLA_SECONDS, "breached": waited_ms as u64 > SLA_SECONDS * 1000 },
        "reporter": row.reporter,
        "decision": row.decision.as_ref().map(decision_json),
        "report": report,
    }))
}

fn decision_json(decision: &Decision) -> Value {
    json!({
        "action": decision.action.as_str(),
        "reason": decision.reason,
        "moderator": decision.moderator,
        "decided_at": timestamp(decision.decided_at_ms),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionRequest {
    action: String,
    reason: String,
}

async fn decide(
    State(state): State<AppState>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let moderator = authenticate(&state, &headers, Role::Moderator)?;
    let not_found = || ApiError::new(StatusCode::NOT_FOUND, "not-found", "no report has this id");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let bytes = read_json_body(&state, &headers, body).await?;
    let request: DecisionRequest = parse_json(&bytes)?;
    let action = Action::parse(&request.action).ok_or_else(|| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid-decision", "action must be `remove` or `dismiss`")
            .field("action")
    })?;
    let reason = request.reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_DECISION_REASON_CHARS {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-decision",
            format!("a decision needs a reason of 1 to {MAX_DECISION_REASON_CHARS} characters"),
        )
        .field("reason"));
    }
    let decision =
        Decision { action, reason: reason.to_owned(), moderator: moderator.name.clone(), decided_at_ms: now_ms() };
    let storage = state.storage.clone();
    match blocking(move || storage.decide(id, &decision)).await? {
        DecideOutcome::Decided(row) => Ok(Json(json!({
            "id": row.id,
            "status": row.status.as_str(),
            "decision": row.decision.as_ref().map(decision_json),
        }))),
        DecideOutcome::NotFound => Err(not_found()),
        DecideOutcome::AlreadyDecided(row) => {
            let by = row.decision.as_ref().map_or_else(String::new, |d| {
                format!(" ({} by {} at {})", d.action.as_str(), d.moderator, timestamp(d.decided_at_ms))
            });
            Err(ApiError::new(StatusCode::CONFLICT, "already-decided", format!("the report was already decided{by}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tokens_file_has_roles_names_and_comments() {
        let tokens = Tokens::parse(
            "# who may do what\n\nreporter-token-0123456789 reporter alice\n  moderator-token-0123456789 moderator mira  \n",
        )
        .unwrap();
        assert_eq!(tokens.get("reporter-token-0123456789").unwrap().name, "alice");
        assert_eq!(tokens.get("moderator-token-0123456789").unwrap().role, Role::Moderator);
        assert!(tokens.get("reporter-token-012345678").is_none());
    }

    #[test]
    fn a_bad_tokens_file_is_refused_naming_the_line_not_the_token() {
        for (text, expected) in [
            ("", "no tokens"),
            ("# only a comment\n", "no tokens"),
            ("secret-token-0123456789 admin root\n", "line 1: unknown role `admin`"),
            ("\nsecret-token-0123456789 reporter\n", "line 2: expected `TOKEN ROLE NAME`"),
            ("short reporter alice\n", "line 1: the token is shorter than 16 characters"),
            ("secret-token-0123456789 reporter a\nsecret-token-0123456789 moderator b\n", "line 2: the same token"),
        ] {
            let error = Tokens::parse(text).unwrap_err();
            assert!(error.starts_with(expected), "{text:?}: {error}");
            assert!(!error.contains("secret-token"), "{error}");
        }
    }

    #[test]
    fn the_rate_limiter_allows_a_burst_then_says_how_long_to_wait() {
        let limiter = RateLimiter { per_minute: 2, buckets: Mutex::default() };
        assert!(limiter.take("alice").is_ok());
        assert!(limiter.take("alice").is_ok());
        let wait = limiter.take("alice").unwrap_err();
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30), "{wait:?}");
        assert!(limiter.take("bob").is_ok(), "buckets are per principal");
    }

    #[test]
    fn the_server_needs_tokens_and_takes_sqlite_or_postgres() {
        let args = |list: &[&str]| Config::from_args(list.iter().map(|s| s.to_string()));
        assert!(args(&[]).err().unwrap().contains("--demo"));
        let demo = args(&["--demo", "--addr", "127.0.0.1:0"]).unwrap();
        assert_eq!(demo.demo_tokens.len(), 2);
        assert_ne!(demo.demo_tokens[0].0, demo.demo_tokens[1].0);
        let postgres = args(&["--demo", "--db", "postgres://saring@localhost/x"]).unwrap();
        assert!(postgres::is_url(&postgres.db.to_string_lossy()));
        assert!(args(&["--demo", "--addr", "localhost"]).err().unwrap().contains("HOST:PORT"));
        assert!(args(&["--demo", "--rate-limit", "0"]).is_err());
    }
}
