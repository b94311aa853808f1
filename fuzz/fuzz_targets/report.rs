//! The report builder and the report parser. The first byte picks the mode:
//!
//! - 0: a text made of the default packs' own `match` examples and arbitrary strings is screened
//!   with the default packs, then reported with arbitrary context fields. Building never
//!   panics; a private screening is refused as `PrivateScope`, other refusals name a field;
//!   a report the builder produced validates, round-trips through JSON unchanged, and keeps
//!   its idempotency key when only the time and note change.
//! - 1: arbitrary JSON is read as a report (`Report::from_json`, and serde then `validate`):
//!   never panics; a report that reads writes back to the same report.
//! - 2: a valid report with arbitrary values put into its spans, excerpt, text and time:
//!   `validate` never panics, and what it accepts has spans that slice the text.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use saring::{ErrorKind, PostContext, Report, ReportSource, Scope, Screener};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

struct Defaults {
    screener: Screener,
    source: ReportSource,
    examples: Vec<String>,
}

fn defaults() -> &'static Defaults {
    static DEFAULTS: OnceLock<Defaults> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let packs = saring::rules::default_packs();
        let examples = packs.iter().flat_map(|p| p.rules()).flat_map(|r| r.examples_match().to_vec()).collect();
        Defaults { screener: Screener::with_defaults(), source: ReportSource::default_bundle(), examples }
    })
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Example(u16),
    Free(String),
}

#[derive(Arbitrary, Debug)]
struct Build {
    text: Vec<Piece>,
    public: bool,
    channel_id: String,
    post_id: String,
    channel_username: Option<String>,
    post_url: Option<String>,
    reporter_note: Option<String>,
    seconds: u64,
    nanos: u32,
    client_version: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Mutation {
    finding: u8,
    bytes: Option<[usize; 2]>,
    utf16: Option<(usize, usize)>,
    excerpt: Option<String>,
    text: Option<String>,
    created_at: Option<String>,
    rehash: bool,
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    match mode % 3 {
        0 => {
            if let Ok(build) = Build::arbitrary(&mut Unstructured::new(rest)) {
                build_report(&build);
            }
        }
        1 => read_report(&String::from_utf8_lossy(rest)),
        _ => {
            if let Ok(mutation) = Mutation::arbitrary(&mut Unstructured::new(rest)) {
                mutate_report(&mutation);
            }
        }
    }
});

fn build_report(build: &Build) {
    let defaults = defaults();
    let mut text = String::new();
    for piece in build.text.iter().take(16) {
        match piece {
            Piece::Example(i) => text.push_str(&defaults.examples[*i as usize % defaults.examples.len()]),
            Piece::Free(free) => text.push_str(free),
        }
        text.push(' ');
    }
    let scope = if build.public { Scope::Public } else { Scope::Private };
    let screening = defaults.screener.screen(&text, scope);
    let Some(created_at) = UNIX_EPOCH.checked_add(Duration::new(build.seconds, build.nanos % 1_000_000_000)) else {
        return;
    };
    let mut context = PostContext::new(&build.channel_id, &build.post_id, created_at);
    context.channel_username = build.channel_username.clone();
    context.post_url = build.post_url.clone();
    context.reporter_note = build.reporter_note.clone();
    let mut source = defaults.source.clone();
    if let Some(version) = &build.client_version {
        source.client_version = version.clone();
    }
    let report = match Report::from_screening(&text, &screening, &context, &source) {
        Ok(report) => report,
        Err(err) => {
            if scope == Scope::Private {
                assert_eq!(err.kind(), ErrorKind::PrivateScope);
            } else {
                assert_eq!(err.kind(), ErrorKind::Input, "{err}");
                assert!(err.field().is_some(), "a refusal names no field: {err}");
            }
            return;
        }
    };
    assert_eq!(scope, Scope::Public, "a private screening became a report");
    report.validate().expect("a report the builder made validates");
    assert_eq!(report.findings.len() + report.findings_omitted as usize, screening.findings().len());
    assert!(report.findings.len() <= saring::report::MAX_FINDINGS);
    let json = report.to_json();
    assert!(json.len() <= saring::report::MAX_REPORT_JSON_BYTES, "a report of {} bytes", json.len());
    assert_eq!(Report::from_json(&json).expect("a built report reads back"), report);
    serde_json::to_value(&report).expect("a report is JSON");

    let later = PostContext {
        created_at: UNIX_EPOCH + Duration::from_secs(1_714_563_296),
        reporter_note: Some("again".into()),
        ..context
    };
    let again = Report::from_screening(&text, &screening, &later, &source).expect("the same post reports again");
    assert_eq!(again.idempotency_key, report.idempotency_key);
}

fn read_report(json: &str) {
    if let Ok(report) = Report::from_json(json) {
        assert_eq!(Report::from_json(&report.to_json()).expect("a read report reads back"), report);
    }
    if let Ok(report) = serde_json::from_str::<Report>(json) {
        let _ = report.validate();
    }
}

/// A valid report of a gambling promotion, to mutate.
fn valid_report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let text = "🔥 D4FT4R sekarang di 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini, depo 10rb langsung WD! 𝕞𝕒𝕩𝕨𝕚𝕟 👉";
        let screening = defaults().screener.screen(text, Scope::Public);
        let context = PostContext::new("-1001987654321", "1287", UNIX_EPOCH + Duration::from_secs(1_723_864_500));
        Report::from_screening(text, &screening, &context, &defaults().source).expect("the promotion is reportable")
    })
}

fn mutate_report(mutation: &Mutation) {
    let mut report = valid_report().clone();
    if let Some(text) = &mutation.text {
        report.text = text.clone();
        if mutation.rehash {
            report.text_sha256 = sha256_hex(text.as_bytes());
        }
    }
    if let Some(created_at) = &mutation.created_at {
        report.created_at = created_at.clone();
    }
    let index = mutation.finding as usize % report.findings.len();
    let finding = &mut report.findings[index];
    if let Some(bytes) = mutation.bytes {
        finding.bytes = bytes;
    }
    if let Some((start, end)) = mutation.utf16 {
        (finding.start, finding.end) = (start, end);
    }
    if let Some(excerpt) = &mutation.excerpt {
        finding.excerpt = excerpt.clone();
    }
    if mutation.rehash {
        report.idempotency_key = report.compute_idempotency_key();
    }
    if report.validate().is_ok() {
        for finding in &report.findings {
            let [start, end] = finding.bytes;
            assert_eq!(report.text.get(start..end), Some(finding.excerpt.as_str()));
            assert_eq!(finding.start, report.text[..start].encode_utf16().count());
            assert_eq!(finding.end, report.text[..end].encode_utf16().count());
        }
        assert_eq!(Report::from_json(&report.to_json()).expect("a valid report reads back"), report);
    }
}

/// Lower-case hex SHA-256, as reports carry it.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
