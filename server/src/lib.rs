//! The reference moderation API for saring reports.
//!
//! | route | who | what |
//! | --- | --- | --- |
//! | `POST /v1/reports` | reporter | store a [`saring::Report`] once per idempotency key: 201 the first time, 200 with the same id after (another reporter's is noted in the queue item's `also_reported_by`) |
//! | `GET /v1/reports?status=&category=&limit=&after=` | moderator | the queue, oldest first, with age and SLA, a page at a time (`next` → `after`) |
//! | `POST /v1/reports/{id}/decision` | moderator | `{"action": "remove" \| "dismiss", "reason": "…"}`; 409 once decided |
//! | `GET /healthz` | anyone | `{"status": "ok"}` |
//!
//! The table is [`ROUTES`]: the router is built from it, and one layer in front of every route
//! looks the request's route up in it, checks the bearer token and its role, and takes one
//! request from the caller's rate-limit bucket before any handler runs. A route cannot exist
//! without its access rule; a method the table does not list gets 405.
//!
//! Errors are JSON: `{"error": {"code", "message", "field"}}`, `field` naming the part of the
//! request at fault (e.g. `findings[0].bytes`) or `null`. The API is described by
//! `schema/openapi.yaml`. Logs carry the method, path, status, and the reporter's or
//! moderator's *name* — never report text, query strings or tokens. Every answer carries
//! `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer` and a
//! `Content-Security-Policy` with `frame-ancestors 'none'`; API answers are `no-store`. The
//! server sends no CORS headers: the dashboard is served from the API's own origin, and the
//! browser extension reaches it through its host permissions.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod connections;
pub mod postgres;
pub mod storage;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, MatchedPath, Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{on, MethodFilter, MethodRouter};
use axum::{Extension, Json, Router};
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
use storage::{
    Action, DecideOutcome, Decision, NewReport, QueueCursor, QueueFilter, Status, Storage, StoredReport,
    QUEUE_PAGE_BYTES,
};

/// Largest request body, in bytes; larger ones get 413. The largest report a client makes
/// ([`saring::report::MAX_REPORT_JSON_BYTES`], 1 MiB: a post of 64 KiB, its findings and
/// their excerpts, escaped), so that no flagged post is too large to report.
pub const DEFAULT_BODY_LIMIT: usize = saring::report::MAX_REPORT_JSON_BYTES;
/// How long a client may take to send a request body; slower ones get 408.
pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// Requests one token may make per minute (a token bucket of this size, refilled evenly).
pub const DEFAULT_RATE_PER_MINUTE: u32 = 60;
/// Requests with a missing or unknown token one client address may make per minute; once they
/// are used up, every request from that address that needs a token gets 429 until the bucket
/// refills, so tokens cannot be guessed at speed.
pub const AUTH_FAILURES_PER_MINUTE: u32 = 30;
/// Most rate-limit buckets kept; beyond it, buckets that have refilled are forgotten.
const MAX_BUCKETS: usize = 10_000;

/// The `Content-Security-Policy` of API answers: they are data, never a document.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/// The `Content-Security-Policy` of the files served with `--static` (the dashboard): the
/// policy of `www/index.html`'s meta tag, plus what a meta tag cannot say (`frame-ancestors`).
pub const STATIC_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
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

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, without a token.
    Anyone,
    /// Only a token of this role.
    Only(Role),
}

/// One route of the API: its method, path (axum syntax), who may call it, and its handler.
#[derive(Clone, Copy)]
pub struct Route {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path, with `{name}` for a parameter.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
    handler: fn(MethodFilter) -> MethodRouter<AppState>,
}

impl std::fmt::Debug for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Route")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("access", &self.access)
            .finish_non_exhaustive()
    }
}

/// Every route of the API. [`router`] is built from this table and authorizes each request
/// against it, so what it says is what the server does.
pub const ROUTES: &[Route] = &[
    Route { method: "GET", path: "/healthz", access: Access::Anyone, handler: |m| on(m, healthz) },
    Route {
        method: "POST",
        path: "/v1/reports",
        access: Access::Only(Role::Reporter),
        handler: |m| on(m, create_report),
    },
    Route {
        method: "GET",
        path: "/v1/reports",
        access: Access::Only(Role::Moderator),
        handler: |m| on(m, list_reports),
    },
    Route {
        method: "POST",
        path: "/v1/reports/{id}/decision",
        access: Access::Only(Role::Moderator),
        handler: |m| on(m, decide),
    },
];

/// The route `method path` (a path as written in [`ROUTES`]), if the table has it. `HEAD` is
/// looked up as `GET`, as axum answers it.
fn route_of(method: &Method, path: &str) -> Option<&'static Route> {
    let method = if method == Method::HEAD { "GET" } else { method.as_str() };
    ROUTES.iter().find(|route| route.method == method && route.path == path)
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
    fn new(per_minute: u32) -> RateLimiter {
        RateLimiter { per_minute, buckets: Mutex::default() }
    }

    /// Takes one request from `key`'s bucket, or says how long until one is available.
    fn take(&self, key: &str) -> Result<(), Duration> {
        self.use_bucket(key, true)
    }

    /// Whether `key`'s bucket has a request left, without taking it.
    fn check(&self, key: &str) -> Result<(), Duration> {
        self.use_bucket(key, false)
    }

    fn use_bucket(&self, key: &str, take: bool) -> Result<(), Duration> {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let now = Instant::now();
        let refilled =
            |tokens: f64, last: Instant| (tokens + now.duration_since(last).as_secs_f64() * per_second).min(capacity);
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(key) {
            // A full bucket is the same as none: forget those.
            buckets.retain(|_, (tokens, last)| refilled(*tokens, *last) < capacity);
        }
        let (tokens, last) = buckets.entry(key.to_owned()).or_insert((capacity, now));
        *tokens = refilled(*tokens, *last);
        *last = now;
        if *tokens >= 1.0 {
            if take {
                *tokens -= 1.0;
            }
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
    /// Requests per token per minute.
    pub rate_per_minute: u32,
    /// Largest request body, in bytes.
    pub body_limit: usize,
    /// How long a client may take to send a request body.
    pub body_timeout: Duration,
    /// Connections served at once, and how long a client may take to send a request's headers.
    pub connections: connections::ConnectionLimits,
    /// The `Host` names the server answers to; `None` for any.
    pub allowed_hosts: Option<Vec<String>>,
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
  --rate-limit N    requests per token per minute (default 60)
  --max-connections N  connections served at once; more wait to be accepted (default 512)
  --header-timeout S   seconds a client may take to send a request's headers (default 10)
  --allow-host NAME    answer requests for this Host name too (repeatable); on a loopback
                       address only localhost, 127.0.0.1 and [::1] are answered by default,
                       elsewhere any name unless --allow-host is given";

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
        let mut connections = connections::ConnectionLimits::default();
        let mut allow_hosts: Vec<String> = Vec::new();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--addr" => addr = value("--addr")?,
                "--db" => db = PathBuf::from(value("--db")?),
                "--tokens" => tokens_file = Some(PathBuf::from(value("--tokens")?)),
                "--static" => static_dir = Some(PathBuf::from(value("--static")?)),
                "--rate-limit" => rate_per_minute = positive("--rate-limit", &value("--rate-limit")?)?,
                "--max-connections" => {
                    connections.max_connections = positive("--max-connections", &value("--max-connections")?)?;
                }
                "--header-timeout" => {
                    let text = value("--header-timeout")?;
                    let seconds =
                        text.parse::<f64>().ok().filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0).ok_or_else(
                            || format!("--header-timeout: `{text}` is not a number of seconds in (0, 3600]"),
                        )?;
                    connections.header_timeout = Duration::from_secs_f64(seconds);
                }
                "--allow-host" => {
                    let name = value("--allow-host")?.to_ascii_lowercase();
                    if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '/' || c == '@') {
                        return Err(format!("--allow-host: `{name}` is not a host name"));
                    }
                    allow_hosts.push(name);
                }
                "--demo" => demo = true,
                "-h" | "--help" => return Err(USAGE.to_owned()),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let addr: SocketAddr =
            addr.parse().map_err(|_| format!("--addr: `{addr}` is not HOST:PORT, e.g. 127.0.0.1:8080"))?;
        let allowed_hosts = if addr.ip().is_loopback() {
            allow_hosts.extend(LOOPBACK_HOSTS.iter().map(|h| h.to_string()));
            Some(allow_hosts)
        } else {
            (!allow_hosts.is_empty()).then_some(allow_hosts)
        };
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
        Ok(Config {
            addr,
            db,
            tokens,
            rate_per_minute,
            body_limit: DEFAULT_BODY_LIMIT,
            body_timeout: DEFAULT_BODY_TIMEOUT,
            connections,
            allowed_hosts,
            static_dir,
            demo_tokens,
        })
    }
}

/// `text`, the value of `flag`, as a whole number above 0.
fn positive<T: std::str::FromStr + PartialOrd + Default>(flag: &str, text: &str) -> Result<T, String> {
    text.parse().ok().filter(|n| *n > T::default()).ok_or_else(|| format!("{flag}: `{text}` is not a positive number"))
}

fn random_token() -> Result<String, String> {
    use std::io::Read;
    let mut bytes = [0u8; 24];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot make a demo token: /dev/urandom: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The state every handler shares.
#[derive(Clone)]
struct AppState {
    storage: Arc<dyn Storage>,
    tokens: Arc<Tokens>,
    /// Requests per principal.
    limiter: Arc<RateLimiter>,
    /// Requests with a missing or unknown token, per client address.
    auth_failures: Arc<RateLimiter>,
    body_limit: usize,
    body_timeout: Duration,
}

/// The API's routes ([`ROUTES`]) over `storage`, with `config`'s tokens, limits and static
/// directory. Serve it with [`connections::serve_connections`] (or anything that puts the
/// client's [`ConnectInfo`] in each request) so that failed authentications are counted per
/// client address (without, all clients share one count).
pub fn router(config: &Config, storage: Arc<dyn Storage>) -> Router {
    let state = AppState {
        storage,
        tokens: Arc::new(config.tokens.clone()),
        limiter: Arc::new(RateLimiter::new(config.rate_per_minute)),
        auth_failures: Arc::new(RateLimiter::new(AUTH_FAILURES_PER_MINUTE)),
        body_limit: config.body_limit,
        body_timeout: config.body_timeout,
    };
    let mut api = Router::new();
    for route in ROUTES {
        let method = Method::from_bytes(route.method.as_bytes()).expect("a method name");
        let filter = MethodFilter::try_from(method).expect("a method axum routes");
        api = api.route(route.path, (route.handler)(filter));
    }
    // route_layer: it runs for matched paths only (also for a method the path does not have).
    let mut app = api.route_layer(middleware::from_fn_with_state(state.clone(), authorize)).with_state(state);
    let serves_static = config.static_dir.is_some();
    if let Some(dir) = &config.static_dir {
        app = app.fallback_service(tower_http::services::ServeDir::new(dir));
    } else {
        app = app.fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "not-found", "no such route") });
    }
    let allowed_hosts = Arc::new(config.allowed_hosts.clone());
    app.layer(middleware::from_fn(move |request: Request, next: Next| security_headers(serves_static, request, next)))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            check_host(allowed_hosts.clone(), request, next)
        }))
        .layer(middleware::from_fn(log_request))
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
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    connections::serve_connections(listener, app, config.connections, shutdown).await;
    Ok(())
}

/// The name of the token a request was made with, for the log.
#[derive(Clone)]
struct Caller(String);

/// One line per request: method, path (never the query), status, time, and the caller's name.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let caller = response.extensions().get::<Caller>().map_or("-", |caller| caller.0.as_str());
    eprintln!("{method} {path} {} {}ms {caller}", response.status().as_u16(), started.elapsed().as_millis());
    response
}

/// Headers on every answer: no MIME sniffing, no referrer, never framed; API answers are
/// never cached and are no document; the static files get the dashboard's policy.
async fn security_headers(serves_static: bool, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let api = !serves_static || path == "/healthz" || path == "/v1" || path.starts_with("/v1/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(API_CSP));
    } else {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(STATIC_CSP));
        headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    }
    response
}

/// The names a server on a loopback address answers to.
const LOOPBACK_HOSTS: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// In front of everything: a request must name one of `allowed` (if given) in its `Host`
/// header, port aside. On a loopback address this stops DNS rebinding: a web page whose own
/// name an attacker points at 127.0.0.1 reaches the port, but its requests carry that name.
async fn check_host(allowed: Arc<Option<Vec<String>>>, request: Request, next: Next) -> Response {
    let Some(allowed) = allowed.as_ref() else { return next.run(request).await };
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(host_name);
    match host {
        Some(name) if allowed.contains(&name) => next.run(request).await,
        _ => ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "wrong-host",
            format!("this server answers to {} (the Host header); see --allow-host", allowed.join(", ")),
        )
        .into_response(),
    }
}

/// The name part of a `Host` header, lower case: `Example.org:8080` → `example.org`,
/// `[::1]:8080` → `[::1]`.
fn host_name(host: &str) -> String {
    let name = match host.rfind(':') {
        Some(colon) if !host[colon..].contains(']') => &host[..colon],
        _ => host,
    };
    name.to_ascii_lowercase()
}

/// In front of every route: finds it in [`ROUTES`], checks the token and its role, and takes
/// one request from the caller's bucket. A method the table does not list gets 405.
async fn authorize(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let Some(route) = route_of(request.method(), &path) else {
        let allow: Vec<&str> = ROUTES.iter().filter(|r| r.path == path).map(|r| r.method).collect();
        let mut response = ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            format!("{path} takes {}", allow.join(", ")),
        )
        .into_response();
        if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
            response.headers_mut().insert(header::ALLOW, value);
        }
        return response;
    };
    let Access::Only(role) = route.access else { return next.run(request).await };
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |ConnectInfo(addr)| addr.ip().to_string());
    if let Err(wait) = state.auth_failures.check(&client) {
        return rate_limited(wait, "too many requests with a missing or unknown token from this address")
            .into_response();
    }
    let principal = match authenticate(&state, request.headers(), role) {
        Ok(principal) => principal,
        Err(error) => {
            if error.status == StatusCode::UNAUTHORIZED {
                let _ = state.auth_failures.take(&client);
            }
            return error.into_response();
        }
    };
    let key = format!("{:?}:{}", principal.role, principal.name);
    if let Err(wait) = state.limiter.take(&key) {
        let message = format!("more than {} requests a minute with this token", state.limiter.per_minute);
        let mut response = rate_limited(wait, &message).into_response();
        response.extensions_mut().insert(Caller(principal.name));
        return response;
    }
    let caller = Caller(principal.name.clone());
    request.extensions_mut().insert(principal);
    let mut response = next.run(request).await;
    response.extensions_mut().insert(caller);
    response
}

/// 429 with `Retry-After`: whole seconds, at least one.
fn rate_limited(wait: Duration, what: &str) -> ApiError {
    let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
    let mut error =
        ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate-limited", format!("{what}; retry in {seconds} s"));
    error.retry_after = Some(seconds);
    error
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
    // The scheme's name is case-insensitive (RFC 9110, 11.1): `bearer TOKEN` is as good.
    let token = value
        .to_str()
        .ok()
        .and_then(|v| v.split_at_checked(7).filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer ")))
        .map(|(_, token)| token.trim())
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
    // The media type itself, without its parameters (`; charset=utf-8`): not `application/jsonx`.
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    if !media_type.eq_ignore_ascii_case("application/json") {
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
            let _ = tokio::time::timeout(state.body_timeout, axum::body::to_bytes(body, length)).await;
        }
        return Err(too_large());
    }
    match tokio::time::timeout(state.body_timeout, axum::body::to_bytes(body, state.body_limit)).await {
        Ok(bytes) => bytes.map_err(|_| too_large()),
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            "request-timeout",
            format!("the body did not arrive within {} s", state.body_timeout.as_secs_f64()),
        )),
    }
}

/// Deserializes `bytes`, mapping syntax errors to 400 and shape errors to 422 naming the field.
fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    // Syntax first: a body cut short (`{"a":`) is malformed JSON, whatever its first key says.
    serde_json::from_slice::<serde::de::IgnoredAny>(bytes).map_err(|e| {
        ApiError::new(StatusCode::BAD_REQUEST, "malformed-json", format!("the body is not valid JSON: {e}"))
    })?;
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-report",
            "the body must be a JSON object",
        ));
    }
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

async fn create_report(
    State(state): State<AppState>,
    Extension(reporter): Extension<Principal>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
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
        note: report.reporter_note.clone(),
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
    // No `Location`: a report is read back only in the moderators' queue, not at a URL of its own.
    Ok((status, Json(body)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueueQuery {
    status: Option<String>,
    category: Option<String>,
    limit: Option<String>,
    after: Option<String>,
}

async fn list_reports(
    State(state): State<AppState>,
    query: Result<Query<QueueQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(query) = query.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid-query",
            format!("{}; the parameters are status, category, limit, after", e.body_text()),
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
    let after = match query.after.as_deref() {
        None | Some("") => None,
        Some(text) => Some(QueueCursor::parse(text).ok_or_else(|| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid-query", "after must be the `next` of an earlier page")
                .field("after")
        })?),
    };
    let filter = QueueFilter { status, category, limit, max_bytes: QUEUE_PAGE_BYTES, after };
    let storage = state.storage.clone();
    let page = blocking(move || storage.list(&filter)).await?;
    let now = now_ms();
    let reports = page.reports.iter().map(|row| queue_item(row, now)).collect::<Result<Vec<_>, _>>()?;
    let mut body = json!({ "reports": reports, "more": page.more });
    if let Some(next) = page.next() {
        body["next"] = json!(next.to_string());
    }
    Ok(Json(body))
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
        "also_reported_by": row.also_reported_by.iter().map(|other| json!({
            "reporter": other.reporter,
            "received_at": timestamp(other.received_at_ms),
            "note": other.note,
        })).collect::<Vec<_>>(),
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
    Extension(moderator): Extension<Principal>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Value>, ApiError> {
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
    fn host_names_lose_their_port_and_case() {
        assert_eq!(host_name("Example.ORG:8080"), "example.org");
        assert_eq!(host_name("[::1]:8080"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("localhost"), "localhost");
    }

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
        let limiter = RateLimiter::new(2);
        assert!(limiter.take("alice").is_ok());
        assert!(limiter.take("alice").is_ok());
        let wait = limiter.take("alice").unwrap_err();
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30), "{wait:?}");
        assert!(limiter.take("bob").is_ok(), "buckets are per principal");
    }

    #[test]
    fn checking_a_bucket_takes_nothing_from_it() {
        let limiter = RateLimiter::new(1);
        for _ in 0..3 {
            assert!(limiter.check("client").is_ok());
        }
        assert!(limiter.take("client").is_ok());
        assert!(limiter.check("client").is_err());
    }

    #[test]
    fn forgotten_buckets_are_only_full_ones() {
        let limiter = RateLimiter::new(1);
        for i in 0..MAX_BUCKETS {
            limiter.check(&format!("full-{i}")).unwrap();
        }
        limiter.take("empty").unwrap();
        assert!(limiter.buckets.lock().unwrap().len() <= 2, "the full buckets were forgotten");
        assert!(limiter.take("empty").is_err(), "the empty one was kept");
    }

    #[tokio::test]
    async fn a_body_that_does_not_arrive_in_time_gets_408() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::from_args(["--demo".to_owned()]).unwrap();
        config.body_timeout = Duration::from_millis(300);
        let token = config.demo_tokens.iter().find(|(_, role, _)| *role == Role::Reporter).unwrap().0.clone();
        let storage = Arc::new(storage::SqliteStorage::open(&dir.path().join("db.sqlite3")).unwrap());
        let app = router(&config, storage);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let limits = connections::ConnectionLimits::default();
        tokio::spawn(connections::serve_connections(listener, app, limits, std::future::pending()));
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"schema_v"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let started = Instant::now();
        let mut answer = vec![0; 4096];
        let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut answer)).await.unwrap().unwrap();
        let answer = String::from_utf8_lossy(&answer[..n]);
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        assert!(answer.contains("request-timeout"), "{answer}");
        assert!(started.elapsed() >= Duration::from_millis(250));
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
