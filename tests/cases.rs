//! Case tables (`tests/cases/*.toml`): input text → expected findings and spans, for every
//! evasion family, run under every combination of normalizer options.

use saring::normalize::NormalizeOptions;
use saring::{RulePack, Scope, Screener};
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    #[serde(default)]
    needs: Vec<String>,
    findings: Vec<Expected>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Expected {
    rule: String,
    text: String,
    #[serde(default)]
    utf16: Option<[usize; 2]>,
}

fn enabled(options: NormalizeOptions, need: &str) -> bool {
    match need {
        "leet" => options.leet,
        "look_alikes" => options.look_alikes,
        "repeats" => options.repeats,
        "spaced" => options.spaced,
        "respelling" => options.respelling,
        other => panic!("unknown option `{other}` in a case's `needs`"),
    }
}

/// UTF-16 offset of a byte offset, computed the slow, obvious way.
fn utf16_at(text: &str, byte: usize) -> usize {
    text[..byte].encode_utf16().count()
}

fn run_table(pack_file: &str, pack: &str, table: &str) {
    let pack = RulePack::from_toml_named(pack_file, pack).expect("case pack is valid");
    let table: Table = toml::from_str(table).expect("case table parses");
    let mut failures = Vec::new();
    for options in NormalizeOptions::all_combinations() {
        let screener = Screener::builder().pack(pack.clone()).normalize(options).build().expect("builds");
        for case in &table.case {
            let screening = screener.screen(&case.text, Scope::Public);
            for finding in screening.findings() {
                let bytes = finding.bytes();
                assert_eq!(&case.text[bytes.start..bytes.end], finding.text(), "span slices the text");
                assert_eq!(finding.utf16().start, utf16_at(&case.text, bytes.start));
                assert_eq!(finding.utf16().end, utf16_at(&case.text, bytes.end));
            }
            let needs_met = case.needs.iter().all(|need| enabled(options, need));
            if needs_met {
                let mut found: Vec<Expected> = screening
                    .findings()
                    .iter()
                    .map(|f| Expected { rule: f.rule().to_owned(), text: f.text().to_owned(), utf16: None })
                    .collect();
                let mut expected: Vec<Expected> =
                    case.findings.iter().map(|e| Expected { utf16: None, ..e.clone() }).collect();
                found.sort();
                expected.sort();
                if found != expected {
                    failures.push(format!(
                        "{:?} under {options:?}:\n  expected {expected:?}\n  found    {found:?}",
                        case.text
                    ));
                }
                for wanted in case.findings.iter().filter(|e| e.utf16.is_some()) {
                    let utf16 = screening.findings().iter().find(|f| f.rule() == wanted.rule).map(|f| f.utf16());
                    if utf16.map(|u| [u.start, u.end]) != wanted.utf16 {
                        failures.push(format!("{:?}: utf16 {utf16:?}, expected {:?}", case.text, wanted.utf16));
                    }
                }
            } else {
                let rules: Vec<&str> = case.findings.iter().map(|e| e.rule.as_str()).collect();
                if let Some(f) = screening.findings().iter().find(|f| rules.contains(&f.rule())) {
                    failures.push(format!(
                        "{:?} under {options:?}: {} fired without {:?}",
                        case.text,
                        f.rule(),
                        case.needs
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} case failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn evasion_families_under_every_option() {
    run_table("tests/cases/pack.toml", include_str!("cases/pack.toml"), include_str!("cases/evasion.toml"));
}

#[test]
fn word_shapes_and_attached_phrases_under_every_option() {
    run_table(
        "tests/cases/shapes-pack.toml",
        include_str!("cases/shapes-pack.toml"),
        include_str!("cases/shapes.toml"),
    );
}
