//! The moderation API end to end: the real `saring-server` binary on 127.0.0.1, driven over
//! HTTP, with each storage: a temporary SQLite file, and a database of its own in a throwaway
//! PostgreSQL cluster (started once per run as the `postgres` user on a private port, stopped
//! when the run ends; set `SARING_TEST_POSTGRES=postgres://…` to use a running server instead).
//! Without PostgreSQL's binaries the PostgreSQL variants say so and pass.

use saring::{PostContext, Report, ReportSource, Scope, Screener};
use serde_json::{json, Value};
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const ALICE: &str = "reporter-token-alice-0123456789";
const BOB: &str = "reporter-token-bob-0123456789";
const MIRA: &str = "moderator-token-mira-0123456789";

const PROMO: &str = "🔥 D4FT4R sekarang di 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini, depo 10rb langsung WD! maxwin tiap hari bosku";

struct Server {
    child: Child,
    base: String,
    /// The line that says where the server listens (and on which database).
    banner: String,
    /// Kept open: the server may print to it.
    stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Which storage a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// Generates a `sqlite` and a `postgres` test for each test function taking a [`Backend`].
macro_rules! on_both_storages {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn sqlite() {
                    super::$name(super::Backend::Sqlite);
                }

                #[test]
                fn postgres() {
                    super::$name(super::Backend::Postgres);
                }
            }
        )*
    };
}

/// A PostgreSQL server for this test run: `admin` is a URL to its `postgres` database.
struct Cluster {
    admin: String,
    /// The shell that runs the server and stops it after this process: it outlives the tests.
    _watchdog: Option<Child>,
}

impl Cluster {
    /// A new, empty database; its URL, with a password that trust authentication ignores
    /// (so that the tests can check it is never shown).
    fn database(&self) -> String {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("saring_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = postgres::Client::connect(&self.admin, postgres::NoTls).unwrap();
        // A name made here from digits, not input: CREATE DATABASE takes no parameters.
        admin.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let (base, _) = self.admin.rsplit_once('/').unwrap();
        let base = base.replacen("postgres://postgres@", "postgres://postgres:pg-password-never-shown@", 1);
        format!("{base}/{name}")
    }
}

/// The PostgreSQL server, started on first use; `None` (after saying so) when there is none.
fn cluster() -> Option<&'static Cluster> {
    static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
    CLUSTER.get_or_init(start_cluster).as_ref()
}

fn start_cluster() -> Option<Cluster> {
    if let Ok(admin) = std::env::var("SARING_TEST_POSTGRES") {
        return Some(Cluster { admin, _watchdog: None });
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    versions.retain(|bin| bin.join("initdb").is_file() && bin.join("postgres").is_file());
    versions.sort_by_key(|bin| bin.parent().and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok()));
    let Some(bin) = versions.pop() else {
        // Straight to stderr: the test harness would swallow eprintln! of a passing test.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"SKIPPED: no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql); \
              the PostgreSQL variants of the API tests pass without running\n",
        );
        return None;
    };
    // PostgreSQL refuses to run as root: then it runs as the `postgres` user.
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.trim_ascii() == b"0");
    let as_postgres = |program: &Path| {
        let mut command = if root { Command::new("runuser") } else { Command::new(program) };
        if root {
            command.args(["-u", "postgres", "--"]).arg(program);
        }
        command
    };
    let dir = tempfile::Builder::new().prefix("saring-pg-").tempdir().unwrap().keep();
    if root {
        let status = Command::new("chown").arg("postgres:").arg(&dir).status().unwrap();
        assert!(status.success(), "chown postgres {}", dir.display());
    }
    let data = dir.join("data");
    let init = as_postgres(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        .output()
        .unwrap();
    assert!(init.status.success(), "initdb: {}", String::from_utf8_lossy(&init.stderr));
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // The server runs under a watchdog that stops it and removes its files once this test
    // process is gone (a test binary has no teardown hook).
    let watchdog = r#"
        "$1" -D "$2" -p "$3" -k "$4" -c listen_addresses=127.0.0.1 -c fsync=off >"$4/log" 2>&1 &
        pg=$!
        while [ -d "/proc/$5" ] && kill -0 "$pg" 2>/dev/null; do sleep 0.5; done
        kill -INT "$pg" 2>/dev/null; wait "$pg"; rm -rf "$4"
    "#;
    let watchdog = as_postgres(Path::new("/bin/sh"))
        .args(["-c", watchdog, "watchdog"])
        .arg(bin.join("postgres"))
        .arg(&data)
        .arg(port.to_string())
        .arg(&dir)
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let admin = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while postgres::Client::connect(&admin, postgres::NoTls).is_err() {
        let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
        assert!(std::time::Instant::now() < deadline, "PostgreSQL did not start: {log}");
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Cluster { admin, _watchdog: Some(watchdog) })
}

struct Fixture {
    dir: tempfile::TempDir,
    /// The database's URL on PostgreSQL; `None` on SQLite.
    postgres: Option<String>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture::on(Backend::Sqlite).unwrap()
    }

    /// A fixture on `backend`; `None` when PostgreSQL is not available.
    fn on(backend: Backend) -> Option<Fixture> {
        let postgres = match backend {
            Backend::Sqlite => None,
            Backend::Postgres => Some(cluster()?.database()),
        };
        let dir = tempfile::tempdir().unwrap();
        let tokens = format!(
            "# test tokens: TOKEN ROLE NAME\n{ALICE} reporter alice\n{BOB} reporter bob\n\n{MIRA} moderator mira\n"
        );
        std::fs::write(dir.path().join("tokens.txt"), tokens).unwrap();
        Some(Fixture { dir, postgres })
    }

    /// What `--db` gets: the SQLite file or the PostgreSQL URL.
    fn db_arg(&self) -> OsString {
        match &self.postgres {
            Some(url) => url.into(),
            None => self.db().into(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("reports.sqlite3")
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    fn start(&self, extra: &[&str]) -> Server {
        let log =
            std::fs::OpenOptions::new().create(true).append(true).open(self.dir.path().join("server.log")).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_saring-server"))
            .args(["--addr", "127.0.0.1:0", "--db"])
            .arg(self.db_arg())
            .arg("--tokens")
            .arg(self.dir.path().join("tokens.txt"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut server = Server { child, base: String::new(), banner: String::new(), stdout };
        let mut line = String::new();
        while server.base.is_empty() {
            line.clear();
            assert!(server.stdout.read_line(&mut line).unwrap() > 0, "the server exited: {}", self.log());
            if let Some(rest) = line.split("listening on http://").nth(1) {
                server.base = format!("http://{}", rest.split_whitespace().next().unwrap());
                server.banner = line.clone();
            }
        }
        server
    }

    fn rows(&self) -> Vec<(i64, String, String)> {
        if let Some(url) = &self.postgres {
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            let rows = client.query("SELECT id, reporter, report_json FROM reports ORDER BY id", &[]).unwrap();
            return rows.iter().map(|row| (row.get(0), row.get(1), row.get(2))).collect();
        }
        let connection = rusqlite::Connection::open(self.db()).unwrap();
        let mut statement = connection.prepare("SELECT id, reporter, report_json FROM reports ORDER BY id").unwrap();
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }
}

impl Fixture {
    /// Writes a report as the server would, received at `received_at_ms`, by `bob`.
    fn insert_received_at(&self, report: &Report, received_at_ms: i64) {
        let insert =
            "INSERT INTO reports (idempotency_key, received_at_ms, reporter, category, severity, reason, report_json)
                      VALUES ($1, $2, 'bob', 'gambling', 'block', 'illegal_goods', $3)";
        if let Some(url) = &self.postgres {
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            client.execute(insert, &[&report.idempotency_key, &received_at_ms, &report.to_json()]).unwrap();
            return;
        }
        rusqlite::Connection::open(self.db())
            .unwrap()
            .execute(
                &insert.replace('$', "?"),
                rusqlite::params![report.idempotency_key, received_at_ms, report.to_json()],
            )
            .unwrap();
    }
}

struct Answer {
    status: u16,
    retry_after: Option<String>,
    headers: ureq::http::HeaderMap,
    body: Value,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|value| value.to_str().unwrap())
    }
}

fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(20)))
            .build()
            .into()
    })
}

fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut response = response.unwrap();
    let retry_after = response.headers().get("retry-after").map(|v| v.to_str().unwrap().to_owned());
    let headers = response.headers().clone();
    let text = response.body_mut().read_to_string().unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    Answer { status: response.status().as_u16(), retry_after, headers, body }
}

impl Server {
    fn post(&self, path: &str, token: Option<&str>, body: &str) -> Answer {
        let mut request = agent().post(format!("{}{path}", self.base)).content_type("application/json");
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        answer(request.send(body))
    }

    fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let mut request = agent().get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        answer(request.call())
    }

    fn report(&self, token: &str, report: &Report) -> Answer {
        self.post("/v1/reports", Some(token), &report.to_json())
    }

    /// The status of a queue request (which may be refused).
    fn queue_unchecked(&self) -> u16 {
        self.get("/v1/reports", Some(MIRA)).status
    }

    fn queue(&self, query: &str) -> Vec<Value> {
        let answer = self.get(&format!("/v1/reports{query}"), Some(MIRA));
        assert_eq!(answer.status, 200, "{}", answer.body);
        answer.body["reports"].as_array().unwrap().clone()
    }
}

fn report_of(text: &str, post_id: &str) -> Report {
    let screening = Screener::with_defaults().screen(text, Scope::Public);
    let context = PostContext::new("-1001987654321", post_id, SystemTime::now())
        .channel_username("infogacor_id")
        .post_url(format!("https://t.me/infogacor_id/{post_id}"));
    Report::from_screening(text, &screening, &context, &ReportSource::default_bundle()).unwrap()
}

fn error_field(answer: &Answer) -> Option<&str> {
    answer.body["error"]["field"].as_str()
}

on_both_storages!(
    a_report_is_stored_once_per_idempotency_key,
    tokens_are_checked_and_roles_enforced,
    bad_bodies_get_clear_errors_naming_the_field,
    sql_in_every_string_field_is_stored_verbatim_and_changes_nothing_else,
    each_token_is_rate_limited_with_retry_after,
    the_queue_is_oldest_first_with_age_and_sla_and_decisions_are_recorded,
    a_created_report_survives_kill_9,
    logs_carry_neither_report_text_nor_tokens,
    concurrent_repeats_of_one_report_make_one_row,
    a_spam_post_of_the_longest_length_is_reported,
);

fn a_report_is_stored_once_per_idempotency_key(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let report = report_of(PROMO, "1287");
    let first = server.report(ALICE, &report);
    assert_eq!(first.status, 201, "{}", first.body);
    let id = first.body["id"].as_i64().unwrap();
    assert_eq!(first.body["duplicate"], false);
    assert_eq!(fixture.rows().len(), 1);

    // The same report again, even later and from another reporter: the same id, no new row.
    let mut again = report_of(PROMO, "1287");
    again.reporter_note = Some("sent twice from the outbox".into());
    assert_eq!(again.idempotency_key, report.idempotency_key);
    for token in [ALICE, BOB, BOB] {
        let repeat = server.report(token, &again);
        assert_eq!(repeat.status, 200, "{}", repeat.body);
        assert_eq!(repeat.body["id"].as_i64(), Some(id));
        assert_eq!(repeat.body["duplicate"], true);
    }
    let rows = fixture.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].1, "alice");
    assert_eq!(serde_json::from_str::<Report>(&rows[0].2).unwrap(), report, "the first report is kept as sent");
    // Bob's report is not lost: the queue names him, once, with his note; Alice's resending is
    // no second reporter. Bob is told when *he* reported it, not when Alice did.
    let queue = server.queue("");
    assert_eq!(queue.len(), 1);
    let others = queue[0]["also_reported_by"].as_array().unwrap();
    assert_eq!(others.len(), 1, "{others:?}");
    assert_eq!((&others[0]["reporter"], &others[0]["note"]), (&json!("bob"), &json!("sent twice from the outbox")));
    let bob_again = server.report(BOB, &again);
    assert_eq!(bob_again.body["received_at"], others[0]["received_at"]);
    assert_eq!(server.report(ALICE, &again).body["received_at"], first.body["received_at"]);

    // Another post is another report.
    assert_eq!(server.report(ALICE, &report_of(PROMO, "1288")).status, 201);
    assert_eq!(fixture.rows().len(), 2);
}

/// Spam that repeats its promotion up to the longest post has thousands of findings: its report
/// carries 256 of them, says how many it left out, and fits the server's body limit.
fn a_spam_post_of_the_longest_length_is_reported(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let mut text = String::new();
    while text.len() + PROMO.len() < saring::report::MAX_REPORT_TEXT_BYTES {
        text.push_str(PROMO);
    }
    let report = report_of(&text, "1300");
    assert_eq!(report.findings.len(), saring::report::MAX_FINDINGS);
    assert!(report.findings_omitted > 1000, "{} left out", report.findings_omitted);
    let created = server.report(ALICE, &report);
    assert_eq!(created.status, 201, "{}", created.body);
    let rows = fixture.rows();
    assert_eq!(serde_json::from_str::<Report>(&rows[0].2).unwrap(), report, "stored as sent");

    // Control characters between the words, each six bytes in JSON: the report is over a
    // third of a megabyte, and still taken.
    let piece = format!("slot gacor maxwin rtp{}", "\u{1}".repeat(64));
    let text = piece.repeat(saring::report::MAX_REPORT_TEXT_BYTES / piece.len());
    let report = report_of(&text, "1301");
    let json = report.to_json();
    assert!(json.len() > 300_000 && json.len() <= saring::report::MAX_REPORT_JSON_BYTES, "{} bytes", json.len());
    let created = server.report(ALICE, &report);
    assert_eq!(created.status, 201, "{}", created.body);
}

fn tokens_are_checked_and_roles_enforced(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let body = report_of(PROMO, "1").to_json();
    for token in [None, Some("not-a-token-at-all-0000"), Some("")] {
        let answer = server.post("/v1/reports", token, &body);
        assert_eq!(answer.status, 401, "{token:?}: {}", answer.body);
        assert_eq!(answer.body["error"]["code"], "unauthorized");
        assert_eq!(server.get("/v1/reports", token).status, 401);
    }
    let forbidden = server.get("/v1/reports", Some(ALICE));
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);
    assert_eq!(forbidden.body["error"]["code"], "forbidden");
    assert_eq!(server.post("/v1/reports", Some(MIRA), &body).status, 403);
    assert_eq!(server.post("/v1/reports/1/decision", Some(ALICE), r#"{"action":"remove","reason":"x"}"#).status, 403);
    assert_eq!(fixture.rows().len(), 0);
    let health = server.get("/healthz", None);
    assert_eq!((health.status, health.body["status"].as_str()), (200, Some("ok")));
}

fn bad_bodies_get_clear_errors_naming_the_field(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let good: Value = serde_json::to_value(report_of(PROMO, "7")).unwrap();

    let malformed = server.post("/v1/reports", Some(ALICE), r#"{"schema_version": 1,"#);
    assert_eq!(malformed.status, 400, "{}", malformed.body);
    assert_eq!(malformed.body["error"]["code"], "malformed-json");
    assert!(malformed.body["error"]["message"].as_str().unwrap().contains("not valid JSON"));
    let trailing = server.post("/v1/reports", Some(ALICE), &format!("{good} garbage"));
    assert_eq!(trailing.status, 400, "{}", trailing.body);
    // Cut short after an unknown key: malformed (400), not an unknown field (422).
    let cut = server.post("/v1/reports", Some(ALICE), r#"{"a":"#);
    assert_eq!((cut.status, &cut.body["error"]["code"]), (400, &json!("malformed-json")), "{}", cut.body);
    let array = server.post("/v1/reports", Some(ALICE), "[]");
    assert_eq!(array.status, 422, "{}", array.body);
    assert_eq!(array.body["error"]["message"], "the body must be a JSON object");

    type Breaker = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Breaker)> = vec![
        ("text_sha256", Box::new(|r| drop(r.as_object_mut().unwrap().remove("text_sha256")))),
        ("findings[0].bytes", Box::new(|r| drop(r["findings"][0].as_object_mut().unwrap().remove("bytes")))),
        ("post_id", Box::new(|r| r["post_id"] = json!(1287))),
        ("findings[1].category", Box::new(|r| r["findings"][1]["category"] = json!("drugs"))),
        ("surprise", Box::new(|r| r["surprise"] = json!(true))),
        ("text_sha256", Box::new(|r| r["text_sha256"] = json!("0".repeat(64)))),
        ("text", Box::new(|r| r["text"] = json!(""))),
        ("findings[0].excerpt", Box::new(|r| r["findings"][0]["excerpt"] = json!("x"))),
        ("idempotency_key", Box::new(|r| r["idempotency_key"] = json!("a".repeat(64)))),
        ("reason", Box::new(|r| r["reason"] = json!("terrorism"))),
        ("schema_version", Box::new(|r| r["schema_version"] = json!(2))),
        ("post_url", Box::new(|r| r["post_url"] = json!("javascript:alert(document.domain)"))),
    ];
    for (field, break_it) in cases {
        let mut body = good.clone();
        break_it(&mut body);
        let answer = server.post("/v1/reports", Some(ALICE), &body.to_string());
        assert_eq!(answer.status, 422, "{field}: {}", answer.body);
        assert_eq!(answer.body["error"]["code"], "invalid-report");
        assert_eq!(error_field(&answer), Some(field), "{}", answer.body);
    }

    // Otherwise valid JSON, a little over the limit.
    let mut huge = good.clone();
    huge["reporter_note"] = json!("x".repeat(saring_server::DEFAULT_BODY_LIMIT));
    let too_large = server.post("/v1/reports", Some(ALICE), &huge.to_string());
    assert_eq!(too_large.status, 413, "{}", too_large.body);
    assert_eq!(too_large.body["error"]["code"], "payload-too-large");

    // Only application/json itself.
    for media_type in ["text/plain", "application/jsonx"] {
        let not_json = answer(
            agent()
                .post(format!("{}/v1/reports", server.base))
                .header("Authorization", format!("Bearer {ALICE}"))
                .content_type(media_type)
                .send(good.to_string()),
        );
        assert_eq!(not_json.status, 415, "{media_type}: {}", not_json.body);
    }
    assert_eq!(fixture.rows().len(), 0, "nothing bad was stored");
}

fn sql_in_every_string_field_is_stored_verbatim_and_changes_nothing_else(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let bystander = report_of(PROMO, "1");
    assert_eq!(server.report(ALICE, &bystander).status, 201);
    let before = fixture.rows();

    let sql = "x'); DROP TABLE reports; --\" OR '1'='1";
    let text = format!("{PROMO} {sql}");
    let screening = Screener::with_defaults().screen(&text, Scope::Public);
    let context = PostContext::new(format!("-100{sql}"), sql, SystemTime::now())
        .channel_username(sql)
        .post_url(format!("https://t.me/{sql}"))
        .reporter_note(sql);
    let mut source = ReportSource::default_bundle();
    source.bundle.name = sql.into();
    source.bundle.version = sql.into();
    source.client_version = sql.into();
    let mut evil = Report::from_screening(&text, &screening, &context, &source).unwrap();
    for finding in &mut evil.findings {
        finding.rule = format!("{}{sql}", finding.rule);
        finding.pack = sql.into();
    }
    evil.idempotency_key = evil.compute_idempotency_key();
    let created = server.report(BOB, &evil);
    assert_eq!(created.status, 201, "{}", created.body);

    let after = fixture.rows();
    assert_eq!(after.len(), 2);
    assert_eq!(after[0], before[0], "the other row is untouched");
    assert_eq!(serde_json::from_str::<Report>(&after[1].2).unwrap(), evil, "stored verbatim");

    // The same strings in query parameters and a decision change nothing either.
    let query = server.get("/v1/reports?category=gambling'%20OR%20'1'='1", Some(MIRA));
    assert_eq!(query.status, 400, "{}", query.body);
    assert_eq!(error_field(&query), Some("category"));
    let query = server.get("/v1/reports?limit=1;%20DELETE%20FROM%20reports", Some(MIRA));
    assert_eq!((query.status, error_field(&query)), (400, Some("limit")), "{}", query.body);
    let path = server.post("/v1/reports/1%20OR%201=1/decision", Some(MIRA), r#"{"action":"remove","reason":"x"}"#);
    assert_eq!(path.status, 404, "{}", path.body);
    assert_eq!(fixture.rows().len(), 2, "nothing was decided or deleted");
    let queue = server.queue("");
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[1]["report"], serde_json::to_value(&evil).unwrap());
    let id = created.body["id"].as_i64().unwrap();
    let decided = server.post(
        &format!("/v1/reports/{id}/decision"),
        Some(MIRA),
        &json!({"action": "dismiss", "reason": sql}).to_string(),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(decided.body["decision"]["reason"], sql);
    assert_eq!(fixture.rows()[0], before[0]);
    assert_eq!(server.queue("?status=open").len(), 1);
}

fn each_token_is_rate_limited_with_retry_after(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&["--rate-limit", "3"]);
    let report = report_of(PROMO, "9");
    for _ in 0..3 {
        assert!(matches!(server.report(ALICE, &report).status, 200 | 201));
    }
    let limited = server.report(ALICE, &report);
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert_eq!(limited.body["error"]["code"], "rate-limited");
    let retry: u64 = limited.retry_after.expect("a Retry-After header").parse().unwrap();
    assert!((1..=20).contains(&retry), "Retry-After: {retry}");
    // Another token has its own bucket.
    assert_eq!(server.report(BOB, &report).status, 200);
}

fn the_queue_is_oldest_first_with_age_and_sla_and_decisions_are_recorded(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    let fresh = server.report(ALICE, &report_of(PROMO, "100"));
    assert_eq!(fresh.status, 201);
    // A report received two hours ago (written as the server would), past the one-hour SLA.
    let old = report_of(PROMO, "99");
    let two_hours_ago = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as i64 - 7_200_000;
    fixture.insert_received_at(&old, two_hours_ago);

    let queue = server.queue("?category=gambling");
    assert_eq!(queue.len(), 2);
    assert_eq!(queue[0]["report"]["post_id"], "99", "oldest first");
    assert!(queue[0]["age_seconds"].as_u64().unwrap() >= 7200);
    assert_eq!(queue[0]["sla"], json!({"target_seconds": 3600, "breached": true}));
    assert_eq!(queue[1]["report"]["post_id"], "100");
    assert!(queue[1]["age_seconds"].as_u64().unwrap() < 60);
    assert_eq!(queue[1]["sla"]["breached"], false);
    assert_eq!(queue[1]["status"], "open");
    assert_eq!(queue[1]["reporter"], "alice");
    assert!(server.queue("?category=terrorism").is_empty());
    assert_eq!(server.get("/v1/reports?status=lost", Some(MIRA)).status, 400);
    // A page says whether more reports match than it holds.
    let page = server.get("/v1/reports?limit=1", Some(MIRA));
    assert_eq!((page.body["reports"].as_array().unwrap().len(), &page.body["more"]), (1, &json!(true)));
    assert_eq!(server.get("/v1/reports?limit=2", Some(MIRA)).body["more"], false);
    // The next page starts where that one ended (`next`), and the last one has no `next`.
    let next = page.body["next"].as_str().expect("a page with more has next");
    let second = server.get(&format!("/v1/reports?limit=1&after={next}"), Some(MIRA));
    assert_eq!(second.body["reports"][0]["report"]["post_id"], "100");
    assert_eq!((&second.body["more"], second.body.get("next")), (&json!(false), None));
    let bad_cursor = server.get("/v1/reports?after=yesterday", Some(MIRA));
    assert_eq!((bad_cursor.status, error_field(&bad_cursor)), (400, Some("after")));

    let id = fresh.body["id"].as_i64().unwrap();
    let path = format!("/v1/reports/{id}/decision");
    let bad = server.post(&path, Some(MIRA), r#"{"action":"ban","reason":"x"}"#);
    assert_eq!((bad.status, error_field(&bad)), (422, Some("action")));
    let no_reason = server.post(&path, Some(MIRA), r#"{"action":"remove"}"#);
    assert_eq!((no_reason.status, error_field(&no_reason)), (422, Some("reason")));
    let decided = server.post(&path, Some(MIRA), r#"{"action":"remove","reason":"promosi judi online"}"#);
    assert_eq!(decided.status, 200, "{}", decided.body);
    assert_eq!(decided.body["status"], "removed");
    assert_eq!(decided.body["decision"]["moderator"], "mira");
    assert_eq!(decided.body["decision"]["action"], "remove");
    let decided_at = decided.body["decision"]["decided_at"].as_str().unwrap();
    assert!(saring::report::parse_timestamp(decided_at).is_some(), "{decided_at}");
    let twice = server.post(&path, Some(MIRA), r#"{"action":"dismiss","reason":"again"}"#);
    assert_eq!(twice.status, 409, "{}", twice.body);
    assert_eq!(twice.body["error"]["code"], "already-decided");
    assert_eq!(
        server.post("/v1/reports/999999/decision", Some(MIRA), r#"{"action":"remove","reason":"x"}"#).status,
        404
    );

    let open = server.queue("");
    assert_eq!(open.len(), 1, "the decided report left the open queue");
    let removed = server.queue("?status=removed");
    assert_eq!(removed.len(), 1);
    assert_eq!(removed[0]["decision"]["moderator"], "mira");
    assert_eq!(removed[0]["decision"]["reason"], "promosi judi online");
    assert_eq!(removed[0]["sla"]["breached"], false, "decided within the SLA");
    assert_eq!(server.queue("?status=all").len(), 2);
}

fn a_created_report_survives_kill_9(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let report = report_of(PROMO, "4242");
    let id = {
        let mut server = fixture.start(&[]);
        let created = server.report(ALICE, &report);
        assert_eq!(created.status, 201);
        server.child.kill().unwrap(); // SIGKILL: no shutdown, no flush
        server.child.wait().unwrap();
        created.body["id"].as_i64().unwrap()
    };
    let server = fixture.start(&[]);
    let queue = server.queue("");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0]["id"].as_i64(), Some(id));
    assert_eq!(queue[0]["report"], serde_json::to_value(&report).unwrap());
    let again = server.report(ALICE, &report);
    assert_eq!((again.status, again.body["id"].as_i64()), (200, Some(id)));
}

fn logs_carry_neither_report_text_nor_tokens(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&[]);
    assert_eq!(server.report(ALICE, &report_of(PROMO, "5")).status, 201);
    server.queue("");
    server.post("/v1/reports", Some("wrong-token-that-should-not-be-logged"), "{}");
    // A token or post text put where it does not belong: in the query, in a Basic header, in
    // a body that fails to parse, in a decision's reason.
    let query = server.get("/v1/reports?status=open&token=query-secret-never-logged", Some(MIRA));
    assert_eq!(query.status, 400, "{}", query.body);
    let basic = answer(
        agent()
            .get(format!("{}/v1/reports", server.base))
            .header("Authorization", "Basic basic-secret-never-logged")
            .call(),
    );
    assert_eq!(basic.status, 401);
    assert_eq!(server.post("/v1/reports", Some(ALICE), "{\"text\": \"maxwin body-secret-never-logged").status, 400);
    let id = server.queue("")[0]["id"].as_i64().unwrap();
    let reason = json!({"action": "dismiss", "reason": "reason-secret-never-logged"}).to_string();
    assert_eq!(server.post(&format!("/v1/reports/{id}/decision"), Some(MIRA), &reason).status, 200);
    let banner = server.banner.clone();
    drop(server);
    let log = format!("{banner}{}", fixture.log());
    assert!(log.contains("POST /v1/reports 201"), "the log records requests: {log}");
    assert!(log.lines().any(|line| line.starts_with("POST /v1/reports 201") && line.ends_with(" alice")), "{log}");
    assert!(log.lines().any(|line| line.starts_with("GET /v1/reports 200") && line.ends_with(" mira")), "{log}");
    let secrets = [
        ALICE,
        MIRA,
        "wrong-token-that-should-not-be-logged",
        "query-secret-never-logged",
        "basic-secret-never-logged",
        "body-secret-never-logged",
        "reason-secret-never-logged",
        "D4FT4R",
        "maxwin",
        "infogacor_id",
    ];
    // The database password, on PostgreSQL: the banner names the database without it.
    for secret in secrets.into_iter().chain(fixture.postgres.as_ref().map(|_| "pg-password-never-shown")) {
        assert!(!log.contains(secret), "the log contains `{secret}`: {log}");
    }
    if fixture.postgres.is_some() {
        assert!(banner.contains("(database postgres://postgres@127.0.0.1:"), "{banner}");
    }
}

fn concurrent_repeats_of_one_report_make_one_row(backend: Backend) {
    let Some(fixture) = Fixture::on(backend) else { return };
    let server = fixture.start(&["--rate-limit", "1000"]);
    let report = report_of(PROMO, "31337");
    let answers: Vec<(u16, i64)> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    (0..4)
                        .map(|_| {
                            let answer = server.report(ALICE, &report);
                            (answer.status, answer.body["id"].as_i64().unwrap())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads.into_iter().flat_map(|thread| thread.join().unwrap()).collect()
    });
    assert_eq!(answers.iter().filter(|(status, _)| *status == 201).count(), 1, "{answers:?}");
    assert!(answers.iter().all(|(status, id)| matches!(status, 200 | 201) && *id == answers[0].1), "{answers:?}");
    assert_eq!(fixture.rows().len(), 1);
}

#[test]
fn the_server_refuses_to_start_without_tokens() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_saring-server"))
        .args(["--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("db.sqlite3"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--tokens") && stderr.contains("--demo"), "{stderr}");
    assert!(!Path::new(&dir.path().join("db.sqlite3")).exists(), "nothing was created");
}

#[test]
fn demo_mode_makes_up_tokens_that_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_saring-server"))
        .args(["--demo", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("db.sqlite3"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut server = Server { child, base: String::new(), banner: String::new(), stdout };
    let (mut reporter, mut line) = (None, String::new());
    while server.base.is_empty() {
        line.clear();
        assert!(server.stdout.read_line(&mut line).unwrap() > 0);
        if line.contains("demo token (Reporter") {
            reporter = line.trim().rsplit(' ').next().map(str::to_owned);
        }
        if let Some(rest) = line.split("listening on http://").nth(1) {
            server.base = format!("http://{}", rest.split_whitespace().next().unwrap());
        }
    }
    let reporter = reporter.expect("a demo reporter token is printed");
    assert_eq!(server.report(&reporter, &report_of(PROMO, "1")).status, 201);
}

#[test]
fn a_static_directory_is_served_beside_the_api() {
    let fixture = Fixture::new();
    let www = fixture.dir.path().join("www");
    std::fs::create_dir(&www).unwrap();
    std::fs::write(www.join("index.html"), "<h1>saring</h1>").unwrap();
    let server = fixture.start(&["--static", www.to_str().unwrap()]);
    let mut page = agent().get(format!("{}/", server.base)).call().unwrap();
    assert_eq!(page.status(), 200);
    let header = |name: &str| page.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("content-security-policy").as_deref(), Some(saring_server::STATIC_CSP));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(header("x-frame-options").as_deref(), Some("DENY"));
    assert_eq!(header("access-control-allow-origin"), None);
    assert_eq!(page.body_mut().read_to_string().unwrap(), "<h1>saring</h1>");
    let health = server.get("/healthz", None);
    assert_eq!(health.status, 200, "the API still answers");
    assert_eq!(health.header("content-security-policy"), Some(saring_server::API_CSP), "API answers keep theirs");
    assert_eq!(health.header("cache-control"), Some("no-store"));
    assert_eq!(server.get("/v1/reports", None).status, 401);
    // Nothing outside the directory is served: the tokens file sits beside it.
    for path in ["/../tokens.txt", "/%2e%2e/tokens.txt", "/..%2ftokens.txt", "/%2e%2e%2ftokens.txt"] {
        let (status, _, body) =
            raw(&server.base, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        assert!(matches!(status, 400 | 404), "{path}: {status}");
        assert!(!body.contains("reporter alice"), "{path}: {body}");
    }
}

// ---- the security points of SECURITY.md ------------------------------------------------------

/// Sends `request` as it is over a new connection; `(status, head, body)` of the answer.
fn raw(base: &str, request: &str) -> (u16, String, String) {
    raw_bytes(base, &[request.as_bytes()])
}

/// Sends `parts` one after another (a failed write, e.g. once the server has answered and
/// closed, ends the sending) and reads the answer.
fn raw_bytes(base: &str, parts: &[&[u8]]) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(base.trim_start_matches("http://")).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    for part in parts {
        if stream.write_all(part).is_err() {
            break;
        }
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    (status, head.to_owned(), body.to_owned())
}

/// `method path` (a path of [`saring_server::ROUTES`]; `{id}` becomes 1) with `authorization`
/// as the header.
fn call(server: &Server, method: &str, path: &str, authorization: Option<&str>) -> Answer {
    let url = format!("{}{}", server.base, path.replace("{id}", "1"));
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    if let Some(value) = authorization {
        request = request.header("Authorization", value);
    }
    let body = if method == "POST" { r#"{"action":"remove","reason":"x"}"# } else { "" };
    let request = request.header("Content-Type", "application/json").body(body.to_owned()).unwrap();
    answer(agent().run(request))
}

#[test]
fn every_route_refuses_a_missing_unknown_or_wrong_role_token() {
    use saring_server::{Access, Role, ROUTES};
    let fixture = Fixture::new();
    let server = fixture.start(&[]);
    let protected: Vec<_> = ROUTES.iter().filter(|route| route.access != Access::Anyone).collect();
    assert!(protected.len() >= 3, "{ROUTES:?}");
    for route in &protected {
        let Access::Only(role) = route.access else { unreachable!() };
        let wrong_role = if role == Role::Reporter { MIRA } else { ALICE };
        let what = format!("{} {}", route.method, route.path);
        for authorization in [
            None,
            Some("Bearer not-a-token-at-all-0000".to_owned()),
            Some("Bearer ".to_owned()),
            Some(format!("Basic {ALICE}")),
            Some(format!("bearer{MIRA}")),
        ] {
            let answer = call(&server, route.method, route.path, authorization.as_deref());
            assert_eq!(answer.status, 401, "{what} with {authorization:?}: {}", answer.body);
            assert_eq!(answer.body["error"]["code"], "unauthorized");
            assert_eq!(answer.header("www-authenticate"), Some("Bearer"), "{what}");
        }
        let answer = call(&server, route.method, route.path, Some(&format!("bEaReR {wrong_role}")));
        assert_eq!(answer.status, 403, "{what} with the other role's token (scheme in any case): {}", answer.body);
        assert_eq!(answer.body["error"]["code"], "forbidden");
    }
    for route in ROUTES.iter().filter(|route| route.access == Access::Anyone) {
        assert_eq!(call(&server, route.method, route.path, None).status, 200, "{} {}", route.method, route.path);
    }
    // A method the table does not list is refused on every path, before any handler.
    for route in ROUTES {
        for method in ["PUT", "DELETE", "PATCH", "OPTIONS"] {
            let answer = call(&server, method, route.path, Some(&format!("Bearer {MIRA}")));
            assert_eq!(answer.status, 405, "{method} {}: {}", route.path, answer.body);
            assert_eq!(answer.header("access-control-allow-origin"), None);
        }
    }
    assert_eq!(server.get("/v1/nothing-here", Some(MIRA)).status, 404);
    assert_eq!(fixture.rows().len(), 0, "nothing was stored");
}

/// The routes and who may call them, as `schema/openapi.yaml` documents them: `(method, path,
/// access)`, access being `anyone` (`security: []`), `reporter` or `moderator` (from the
/// summary's "(reporter token)" or "(moderator token)").
fn documented_routes() -> Vec<(String, String, String)> {
    let yaml = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/openapi.yaml")).unwrap();
    let paths = yaml.split("\npaths:\n").nth(1).unwrap().split("\ncomponents:").next().unwrap();
    let mut routes: Vec<(String, String, String)> = Vec::new();
    let mut path = String::new();
    for line in paths.lines() {
        if let Some(name) = line.strip_prefix("  /").and_then(|rest| rest.strip_suffix(':')) {
            path = format!("/{name}");
        } else if let Some(method) =
            ["get", "post", "put", "patch", "delete"].into_iter().find(|method| line == format!("    {method}:"))
        {
            routes.push((method.to_uppercase(), path.clone(), String::new()));
        } else if let Some(summary) = line.strip_prefix("      summary: ") {
            let access =
                ["reporter", "moderator"].into_iter().find(|role| summary.contains(&format!("({role} token)")));
            routes.last_mut().unwrap().2 = access.unwrap_or("").to_owned();
        } else if line == "      security: []" {
            routes.last_mut().unwrap().2 = "anyone".to_owned();
        }
    }
    routes
}

#[test]
fn the_route_table_is_the_documented_api() {
    use saring_server::{Access, Role, ROUTES};
    let mut table: Vec<(String, String, String)> = ROUTES
        .iter()
        .map(|route| {
            let access = match route.access {
                Access::Anyone => "anyone",
                Access::Only(Role::Reporter) => "reporter",
                Access::Only(Role::Moderator) => "moderator",
            };
            (route.method.to_owned(), route.path.to_owned(), access.to_owned())
        })
        .collect();
    let mut documented = documented_routes();
    table.sort();
    documented.sort();
    assert_eq!(table, documented, "ROUTES and schema/openapi.yaml disagree");
    assert_eq!(
        table
            .iter()
            .filter(|(_, _, access)| access == "anyone")
            .map(|(m, p, _)| format!("{m} {p}"))
            .collect::<Vec<_>>(),
        ["GET /healthz"],
        "only the health check goes without a token"
    );
}

#[test]
fn guessing_tokens_is_rate_limited_per_address() {
    let fixture = Fixture::new();
    let server = fixture.start(&[]);
    let body = report_of(PROMO, "1").to_json();
    for i in 0..saring_server::AUTH_FAILURES_PER_MINUTE {
        let guess = format!("guessed-token-{i:08}-0000000000");
        assert_eq!(server.post("/v1/reports", Some(&guess), &body).status, 401, "guess {i}");
    }
    // The bucket is empty: the next guess, and even a right token from this address, wait.
    for token in ["guessed-token-one-more-000000000", ALICE] {
        let limited = server.post("/v1/reports", Some(token), &body);
        assert_eq!(limited.status, 429, "{}", limited.body);
        assert_eq!(limited.body["error"]["code"], "rate-limited");
        let retry: u64 = limited.retry_after.expect("a Retry-After header").parse().unwrap();
        assert!((1..=5).contains(&retry), "Retry-After: {retry}");
    }
    assert_eq!(server.get("/healthz", None).status, 200, "a route without a token is not affected");
    assert_eq!(fixture.rows().len(), 0);
    // A wrong role is a known token: it does not count as a guess (checked on a fresh server).
    let fresh = Fixture::new();
    let server = fresh.start(&[]);
    for _ in 0..saring_server::AUTH_FAILURES_PER_MINUTE + 5 {
        assert_eq!(server.get("/v1/reports", Some(ALICE)).status, 403);
    }
}

#[test]
fn every_authenticated_route_is_rate_limited_and_a_refused_report_is_not_stored() {
    let fixture = Fixture::new();
    let server = fixture.start(&["--rate-limit", "2"]);
    for post in ["1", "2"] {
        assert_eq!(server.report(ALICE, &report_of(PROMO, post)).status, 201);
    }
    let limited = server.report(ALICE, &report_of(PROMO, "3"));
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.retry_after.is_some());
    assert_eq!(fixture.rows().len(), 2, "the refused report was not stored");
    // The moderator's routes too, in the moderator's own bucket.
    server.queue("");
    server.queue("");
    let queue = server.get("/v1/reports", Some(MIRA));
    assert_eq!(queue.status, 429, "{}", queue.body);
    let retry: u64 = queue.retry_after.expect("a Retry-After header").parse().unwrap();
    assert!((1..=30).contains(&retry), "Retry-After: {retry}");
    let decision = server.post("/v1/reports/1/decision", Some(MIRA), r#"{"action":"remove","reason":"x"}"#);
    assert_eq!(decision.status, 429, "{}", decision.body);
    assert_eq!(server.queue_unchecked(), 429);
}

#[test]
fn api_answers_carry_security_headers_and_no_cors() {
    let fixture = Fixture::new();
    let server = fixture.start(&[]);
    let created = server.report(ALICE, &report_of(PROMO, "1"));
    let cross_origin = answer(
        agent()
            .get(format!("{}/v1/reports", server.base))
            .header("Origin", "https://evil.example")
            .header("Authorization", format!("Bearer {MIRA}"))
            .call(),
    );
    let preflight = raw(
        &server.base,
        "OPTIONS /v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\n\
         Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: authorization\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(preflight.0, 405, "{}", preflight.1);
    assert!(!preflight.1.to_ascii_lowercase().contains("access-control-"), "{}", preflight.1);
    let answers = [
        ("healthz", server.get("/healthz", None)),
        ("created", created),
        ("queue", cross_origin),
        ("unauthorized", server.get("/v1/reports", None)),
        ("not found", server.get("/nothing", None)),
        ("invalid", server.post("/v1/reports", Some(ALICE), "{}")),
    ];
    for (what, answer) in &answers {
        assert!(answer.status < 500, "{what}: {}", answer.body);
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{what}");
        assert_eq!(answer.header("cache-control"), Some("no-store"), "{what}");
        assert_eq!(answer.header("content-security-policy"), Some(saring_server::API_CSP), "{what}");
        assert_eq!(answer.header("x-frame-options"), Some("DENY"), "{what}");
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"), "{what}");
        assert!(answer.header("content-type").unwrap().starts_with("application/json"), "{what}");
        assert!(
            answer.headers.keys().all(|name| !name.as_str().starts_with("access-control-")),
            "{what}: the API sends no CORS headers"
        );
    }
}

#[test]
fn an_oversized_body_is_refused_with_413_and_not_stored_however_it_is_sent() {
    let fixture = Fixture::new();
    let server = fixture.start(&[]);
    let head = |framing: &str| {
        format!(
            "POST /v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {ALICE}\r\n\
             Content-Type: application/json\r\n{framing}\r\nConnection: close\r\n\r\n"
        )
    };
    // Chunked: no length up front; the server stops reading at the limit.
    let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
    let mut parts = vec![head("Transfer-Encoding: chunked").into_bytes()];
    parts.extend(std::iter::repeat_n(chunk.into_bytes(), saring_server::DEFAULT_BODY_LIMIT / (64 * 1024) + 1));
    parts.push(b"0\r\n\r\n".to_vec());
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let (status, head_of, body) = raw_bytes(&server.base, &parts);
    assert_eq!(status, 413, "{head_of}{body}");
    assert!(body.contains("payload-too-large"), "{body}");
    // A declared length far over the limit is refused before the body is read.
    let (status, head_of, _) = raw(&server.base, &head("Content-Length: 104857600"));
    assert_eq!(status, 413, "{head_of}");
    assert_eq!(fixture.rows().len(), 0);
    assert_eq!(server.report(ALICE, &report_of(PROMO, "1")).status, 201, "the server is fine");
}

/// A client that trickles its headers (slowloris) is cut off after `--header-timeout`, and the
/// server keeps answering others meanwhile.
#[test]
fn a_client_too_slow_with_its_headers_is_cut_off() {
    use std::io::{Read, Write};
    let fixture = Fixture::new();
    let server = fixture.start(&["--header-timeout", "1"]);
    let mut slow = std::net::TcpStream::connect(server.base.trim_start_matches("http://")).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").unwrap();
    assert_eq!(server.get("/healthz", None).status, 200, "others are served meanwhile");
    // Generous: the deadline is one second; a connection left open would block the read for 20.
    slow.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    let _ = slow.read_to_end(&mut answer);
    assert!(started.elapsed() < Duration::from_secs(15), "the slow connection was left open");
    let text = String::from_utf8_lossy(&answer);
    assert!(answer.is_empty() || text.starts_with("HTTP/1.1 408"), "no answer to half a request: {text}");
}

/// With `--max-connections 2` taken by idle clients, a third is not served until one of them
/// goes away; then it is.
#[test]
fn connections_beyond_the_cap_wait_until_one_closes() {
    use std::io::{ErrorKind, Read, Write};
    let fixture = Fixture::new();
    let server = fixture.start(&["--max-connections", "2", "--header-timeout", "60"]);
    let address = server.base.trim_start_matches("http://").to_owned();
    let idle: Vec<_> = (0..2).map(|_| std::net::TcpStream::connect(&address).unwrap()).collect();
    // Give the server the time to accept both before the third arrives.
    std::thread::sleep(Duration::from_millis(300));
    let mut third = std::net::TcpStream::connect(&address).unwrap();
    third.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    third.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    let mut byte = [0u8; 1];
    let waited = third.read(&mut byte);
    assert!(
        matches!(&waited, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "the third connection was served while two held the cap: {waited:?}"
    );
    drop(idle);
    third.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut answer = Vec::new();
    let _ = third.read_to_end(&mut answer);
    assert!(String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer));
}

#[test]
fn connection_limits_are_checked_on_the_command_line() {
    for (flag, value) in [("--max-connections", "0"), ("--max-connections", "many"), ("--header-timeout", "-1")] {
        let output = Command::new(env!("CARGO_BIN_EXE_saring-server")).args(["--demo", flag, value]).output().unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(flag) && stderr.contains(value), "{stderr}");
    }
}

/// On a loopback address the server answers only to loopback names: a page whose own name was
/// rebound to 127.0.0.1 (DNS rebinding) gets 421, whatever the route; `--allow-host` adds names.
#[test]
fn on_loopback_only_loopback_host_names_are_answered() {
    let fixture = Fixture::new();
    let server = fixture.start(&["--allow-host", "Moderation.Example"]);
    let request = |host: &str, path: &str| {
        raw(&server.base, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    };
    for host in ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil.example"] {
        for path in ["/healthz", "/v1/reports"] {
            let (status, _, body) = request(host, path);
            assert_eq!(status, 421, "{host} {path}: {body}");
            assert!(body.contains("\"wrong-host\""), "{body}");
        }
    }
    let (status, _, body) = raw(&server.base, "GET /healthz HTTP/1.0\r\n\r\n");
    assert_eq!(status, 421, "no Host header: {body}");
    for host in ["127.0.0.1", "localhost:9", "LOCALHOST", "[::1]:8080", "moderation.example", "moderation.example:443"]
    {
        assert_eq!(request(host, "/healthz").0, 200, "{host}");
    }
}
