//! Reports against their published contract: `schema/report.schema.json` and the example
//! `schema/report.example.json`.
//!
//! `SARING_WRITE_EXAMPLE=1 cargo test --test report` rewrites the example from a real
//! screening with the default packs (then review the diff).

use saring::{ErrorKind, PostContext, Report, ReportReason, ReportSource, Scope, Screener};
use serde_json::Value;
use std::sync::OnceLock;
use std::time::{Duration, UNIX_EPOCH};

const SCHEMA: &str = include_str!("../schema/report.schema.json");
const EXAMPLE_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/report.example.json");

/// An Indonesian online-gambling promotion, styled and leet-spelled to dodge filters.
const PROMO: &str = "🔥 D4FT4R sekarang di 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini, depo 10rb langsung WD! \
Bonus new member 100%, maxwin tiap hari bosku 💰 Link di bio 👉";

fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        jsonschema::meta::validate(&schema).expect("the schema is a valid JSON Schema");
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the schema compiles")
    })
}

fn schema_errors(instance: &Value) -> Vec<String> {
    validator().iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path)).collect()
}

fn promo_report() -> Report {
    let screening = Screener::with_defaults().screen(PROMO, Scope::Public);
    let context = PostContext::new("-1001987654321", "1287", UNIX_EPOCH + Duration::from_secs(1_723_864_500))
        .channel_username("infogacor_id")
        .post_url("https://t.me/infogacor_id/1287")
        .reporter_note("Promosi judi online, diposting ulang tiap jam.");
    Report::from_screening(PROMO, &screening, &context, &ReportSource::default_bundle())
        .expect("the promo is reportable")
}

#[test]
fn a_report_of_a_real_screening_validates_against_the_schema() {
    let report = promo_report();
    assert_eq!(report.reason, ReportReason::IllegalGoods);
    assert!(report.findings.iter().any(|f| f.excerpt.contains("𝐒𝐋𝐎𝐓")), "{:#?}", report.findings);
    let json: Value = serde_json::to_value(&report).unwrap();
    assert_eq!(schema_errors(&json), Vec::<String>::new());
    // Optional fields left out are null, and still valid.
    let mut bare = report.clone();
    bare.channel_username = None;
    bare.post_url = None;
    bare.reporter_note = None;
    assert_eq!(schema_errors(&serde_json::to_value(&bare).unwrap()), Vec::<String>::new());
}

#[test]
fn the_example_validates_and_is_a_report() {
    if std::env::var_os("SARING_WRITE_EXAMPLE").is_some() {
        let json = serde_json::to_string_pretty(&promo_report()).unwrap() + "\n";
        std::fs::write(EXAMPLE_PATH, one_line_spans(&json)).unwrap();
    }
    let text = std::fs::read_to_string(EXAMPLE_PATH).unwrap();
    let example: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema_errors(&example), Vec::<String>::new());
    let report = Report::from_json(&text).expect("the example is a valid report");
    assert_eq!(report.reason, ReportReason::IllegalGoods);
    // Nothing is lost or added on the way through Rust.
    assert_eq!(serde_json::to_value(&report).unwrap(), example);
}

#[test]
fn the_schema_refuses_what_the_server_refuses() {
    let good = serde_json::to_value(promo_report()).unwrap();
    type Breaker = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(&str, Breaker)> = vec![
        ("an unknown field", Box::new(|r| r["extra"] = Value::from(1))),
        ("a missing field", Box::new(|r| drop(r.as_object_mut().unwrap().remove("text_sha256")))),
        ("a bad hash", Box::new(|r| r["text_sha256"] = Value::from("ABC"))),
        ("an unknown reason", Box::new(|r| r["reason"] = Value::from("hate_speech"))),
        ("an unknown category", Box::new(|r| r["findings"][0]["category"] = Value::from("drugs"))),
        ("an unknown severity", Box::new(|r| r["findings"][0]["severity"] = Value::from("blocker"))),
        ("a span of three numbers", Box::new(|r| r["findings"][0]["bytes"] = serde_json::json!([1, 2, 3]))),
        ("no findings", Box::new(|r| r["findings"] = serde_json::json!([]))),
        ("a local time", Box::new(|r| r["created_at"] = Value::from("2024-08-17T10:15:00+07:00"))),
        ("a line break in an id", Box::new(|r| r["post_id"] = Value::from("12\n87"))),
        ("a blank id", Box::new(|r| r["channel_id"] = Value::from("  "))),
        ("a non-web URL", Box::new(|r| r["post_url"] = Value::from("javascript:alert(1)"))),
        ("schema version 2", Box::new(|r| r["schema_version"] = Value::from(2))),
    ];
    for (what, break_it) in cases {
        let mut report = good.clone();
        break_it(&mut report);
        assert!(!schema_errors(&report).is_empty(), "the schema accepts {what}");
        let refused = Report::from_json(&report.to_string());
        assert!(refused.is_err(), "Report::from_json accepts {what}");
    }
}

#[test]
fn a_private_message_never_becomes_a_report() {
    let screening = Screener::with_defaults().screen(PROMO, Scope::Private);
    assert!(screening.is_flagged(), "the promo is flagged in private too");
    let context = PostContext::new("-1001987654321", "1287", UNIX_EPOCH);
    let err = Report::from_screening(PROMO, &screening, &context, &ReportSource::default_bundle()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PrivateScope);
}

#[test]
fn a_clean_post_is_not_reportable_and_a_mismatched_text_is_caught() {
    let source = ReportSource::default_bundle();
    let context = PostContext::new("-1001987654321", "1288", UNIX_EPOCH);
    let clean = "Besok jadi makan siang bareng? Anak2 sudah pulang sekolah.";
    let screening = Screener::with_defaults().screen(clean, Scope::Public);
    let err = Report::from_screening(clean, &screening, &context, &source).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Input);
    assert!(err.to_string().contains("nothing to report"), "{err}");
    // The screening of one text cannot be filed with another.
    let promo = Screener::with_defaults().screen(PROMO, Scope::Public);
    let err = Report::from_screening("pendek", &promo, &context, &source).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Input);
    assert!(err.field().unwrap().starts_with("findings[0]"), "{err}");
}

/// `"bytes": [\n 5,\n 40\n ]` → `"bytes": [5, 40]`, for a readable example.
fn one_line_spans(json: &str) -> String {
    let mut out = String::new();
    let mut rest = json;
    while let Some(at) = rest.find("\"bytes\": [") {
        let open = at + "\"bytes\": [".len();
        let close = open + rest[open..].find(']').unwrap();
        let numbers: Vec<&str> = rest[open..close].split(',').map(str::trim).collect();
        out.push_str(&rest[..open]);
        out.push_str(&numbers.join(", "));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// A spam post that repeats its promotion is the post most worth reporting, and the one with the
/// most findings: more than a report carries. The report keeps the most telling ones (every
/// rule that fired at least once, the most severe first) and says how many it left out.
#[test]
fn a_post_with_more_findings_than_a_report_carries_is_still_reportable() {
    let text = [PROMO; 40].join("\n");
    let screening = Screener::with_defaults().screen(&text, Scope::Public);
    let found = screening.findings().len();
    assert!(found > saring::report::MAX_FINDINGS, "the post has {found} findings");
    let context = PostContext::new("-1001987654321", "1290", UNIX_EPOCH);
    let report = Report::from_screening(&text, &screening, &context, &ReportSource::default_bundle())
        .expect("a post with many findings is reportable");
    assert_eq!(report.findings.len(), saring::report::MAX_FINDINGS);
    assert_eq!(report.findings_omitted as usize, found - saring::report::MAX_FINDINGS);
    let fired: std::collections::BTreeSet<&str> = screening.findings().iter().map(|f| f.rule()).collect();
    let kept: std::collections::BTreeSet<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(kept, fired, "every rule that fired is in the report");
    assert!(report.findings.windows(2).all(|pair| pair[0].bytes <= pair[1].bytes), "in text order");
    // Filed under the same finding as with nothing left out.
    let all = Report::from_screening(
        PROMO,
        &Screener::with_defaults().screen(PROMO, Scope::Public),
        &context,
        &ReportSource::default_bundle(),
    )
    .unwrap();
    assert_eq!(
        (report.reason, report.primary_finding().rule.as_str()),
        (all.reason, all.primary_finding().rule.as_str())
    );
    let json = report.to_json();
    assert_eq!(schema_errors(&serde_json::from_str(&json).unwrap()), Vec::<String>::new());
    assert_eq!(Report::from_json(&json).expect("the server accepts it"), report);
    // The same post gives the same report, so it is stored once.
    let again = Report::from_screening(&text, &screening, &context, &ReportSource::default_bundle()).unwrap();
    assert_eq!(again.idempotency_key, report.idempotency_key);
}

/// When the size limit decides which findings a report carries, the choice does not depend on
/// the note, the URL or the username: reporting one post twice gives one idempotency key.
#[test]
fn the_findings_a_full_report_carries_do_not_depend_on_its_note() {
    let gap = "\u{1}".repeat(400);
    let piece = format!("s{gap}l{gap}o{gap}t gacor ");
    let text = piece.repeat(saring::report::MAX_REPORT_TEXT_BYTES / piece.len());
    let screening = Screener::with_defaults().screen(&text, Scope::Public);
    let bare = PostContext::new("-1001987654321", "1291", UNIX_EPOCH);
    let first = Report::from_screening(&text, &screening, &bare, &ReportSource::default_bundle()).unwrap();
    assert!(first.findings.len() < saring::report::MAX_FINDINGS, "the size limit decides: {}", first.findings.len());
    assert!(first.findings_omitted > 0);
    let noted = bare
        .clone()
        .reporter_note("\n".repeat(1000))
        .post_url(format!("https://t.me/{}", "x".repeat(2000)))
        .channel_username("contoh_channel");
    let second = Report::from_screening(&text, &screening, &noted, &ReportSource::default_bundle()).unwrap();
    assert_eq!(second.findings, first.findings);
    assert_eq!(second.idempotency_key, first.idempotency_key);
    assert!(second.to_json().len() <= saring::report::MAX_REPORT_JSON_BYTES);
}
