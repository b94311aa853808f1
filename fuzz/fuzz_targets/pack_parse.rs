//! The TOML rule-pack parser on arbitrary text (with `fuzz/pack.dict` for its keywords).
//!
//! Asserts that parsing never panics and that every error is located: it has a line within
//! the text, and `from_toml_named` gives the same error naming the file. For a pack that
//! parses: its rules are non-empty with unique ids and trimmed, non-empty phrases, its hash is
//! the text's; building a screener from it never panics, and when it builds, screening every
//! rule's examples (and running `check_examples`) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::{check_examples, RulePack, Scope, Screener};
use std::collections::HashSet;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let pack = match RulePack::from_toml(&text) {
        Ok(pack) => pack,
        Err(err) => {
            let line = err.line().unwrap_or_else(|| panic!("error without a line: {err}"));
            assert!((1..=text.split('\n').count()).contains(&line), "line {line} is outside the text: {err}");
            let named = RulePack::from_toml_named("fuzz.toml", &text).expect_err("the same text fails when named");
            assert_eq!((named.kind(), named.line(), named.field()), (err.kind(), err.line(), err.field()));
            assert_eq!(named.file(), Some("fuzz.toml"));
            let _ = named.to_string();
            return;
        }
    };
    assert!(!pack.rules().is_empty());
    assert_eq!(pack.sha256().len(), 64);
    let mut ids = HashSet::new();
    for rule in pack.rules() {
        assert!(ids.insert(rule.id()), "duplicate rule id {:?}", rule.id());
        let phrases =
            rule.any().iter().chain(rule.all().iter().flatten()).chain(rule.unless()).chain(rule.unless_before());
        for phrase in phrases {
            assert!(!phrase.is_empty() && phrase.trim() == phrase, "phrase {phrase:?} of {}", rule.id());
        }
        assert!(!rule.any().is_empty() || rule.all().len() >= 2);
    }
    let Ok(screener) = Screener::builder().pack(pack.clone()).build() else { return };
    for rule in pack.rules() {
        for example in rule.examples_match().iter().chain(rule.examples_no_match()) {
            screener.screen(example, Scope::Public);
            screener.screen(example, Scope::Private);
        }
    }
    check_examples(&pack).expect("a pack that builds a screener builds one for its examples");
});
