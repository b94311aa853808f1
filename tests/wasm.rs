//! The WebAssembly bindings, run under Node by `wasm-bindgen-test-runner` (`make test-wasm`).
#![cfg(target_arch = "wasm32")]

use saring::wasm::WasmScreener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The case-table pack: its rules do not change when the default packs are tuned.
fn case_screener() -> WasmScreener {
    let pack = include_str!("cases/pack.toml");
    WasmScreener::from_packs(
        vec!["tests/cases/pack.toml".into()],
        vec![pack.into()],
        vec![],
        vec![],
        false,
        JsValue::UNDEFINED,
    )
    .expect("builds")
}

/// The `ScreenerOptions` limits object the facade passes: `{ maxTextBytes: bytes }`.
fn max_text_bytes(bytes: u32) -> JsValue {
    let limits = js_sys::Object::new();
    js_sys::Reflect::set(&limits, &JsValue::from_str("maxTextBytes"), &JsValue::from(bytes)).expect("an object");
    limits.into()
}

fn property(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).expect("an object")
}

#[wasm_bindgen_test]
fn a_flagged_post_crosses_as_a_flat_layout() {
    let screener = case_screener();
    let flat = screener.screen_utf8("🔥 ayo s3r4ng g3r3ja".as_bytes(), false).expect("screens");
    assert_eq!(flat[0], 3, "verdict block");
    assert_eq!(flat[1], 2, "two findings: t.bom, then t.attack");
    // The first finding: seven numbers and its one term's index.
    assert_eq!(flat[2 + 6], 1, "t.bom has one term");
    let attack = &flat[10..];
    let rules = screener.rules().expect("rules");
    let rule = js_sys::Array::from(&rules).get(attack[0]);
    assert_eq!(property(&rule, "id").as_string().as_deref(), Some("t.attack"));
    assert_eq!(&attack[1..3], &[7, 20], "UTF-16 span: the emoji is two units");
    assert_eq!(&attack[3..5], &[9, 22], "byte span: the emoji is four bytes");
    assert_eq!(&attack[5..7], &[1, 2], "an explanation and two terms");
    assert_eq!(attack.len(), 7 + 2, "the terms' indexes end the layout");
    let phrases = screener.rule_terms(attack[0]).expect("a rule");
    let phrases: Vec<&str> = phrases.split('\u{1f}').collect();
    let terms: Vec<&str> = attack[7..].iter().map(|&index| phrases[index as usize]).collect();
    assert_eq!(terms, ["serang", "gereja"]);
    // Only explanations cross as strings, one per finding that has one.
    let strings = screener.last_strings();
    let entries: Vec<&str> = strings.split('\u{1f}').collect();
    assert_eq!(entries, ["leet 3→e, leet 4→a", "leet 3→e, leet 4→a"]);
    let error = screener.rule_terms(1000).err().expect("no rule 1000");
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    assert!(message.starts_with("no rule 1000"), "{message}");
}

#[wasm_bindgen_test]
fn screen_many_concatenates_layouts() {
    let screener = case_screener();
    // The texts' UTF-8 one after another, and where each ends.
    let flat = screener.screen_many_utf8(b"haloslot gacor", &[4, 14], true).expect("screens");
    assert_eq!(&flat[..2], &[0, 0], "the first post is allowed");
    assert_eq!(&flat[2..4], &[2, 1], "the second is held for review");
}

#[wasm_bindgen_test]
fn bytes_that_are_not_utf8_or_out_of_bounds_are_refused_naming_the_text() {
    let screener = case_screener();
    let error = screener.screen_utf8(&[b'a', 0xff], false).err().expect("refused");
    assert_eq!(property(&error, "kind").as_string().as_deref(), Some("input"));
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    assert!(message.starts_with("text is not UTF-8"), "{message}");
    let error = screener.screen_many_utf8(b"halo", &[4, 9], false).err().expect("refused");
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    assert!(message.starts_with("texts[1]: no bytes at 4..9"), "{message}");
}

#[wasm_bindgen_test]
fn errors_become_js_errors_with_kind_and_location() {
    let toml = "[pack]\nname = \"x\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"x.a\"\ncategory = \"other\"\nseverity = \"blocker\"\nany = [\"x\"]\n";
    let error =
        WasmScreener::from_packs(vec!["x.toml".into()], vec![toml.into()], vec![], vec![], false, JsValue::UNDEFINED)
            .err()
            .expect("refused");
    assert!(error.is_instance_of::<js_sys::Error>(), "a JS Error, never a thrown string");
    assert_eq!(property(&error, "name").as_string().as_deref(), Some("SaringError"));
    assert_eq!(property(&error, "kind").as_string().as_deref(), Some("pack-invalid"));
    assert_eq!(property(&error, "line").as_f64(), Some(7.0));
    assert_eq!(property(&error, "rule").as_string().as_deref(), Some("x.a"));
    assert_eq!(property(&error, "field").as_string().as_deref(), Some("severity"));
    let message = error.unchecked_ref::<js_sys::Error>().message();
    assert!(String::from(message).starts_with("x.toml:7: rule `x.a`: field `severity`"));
}

#[wasm_bindgen_test]
fn a_text_over_the_limit_is_refused_naming_it() {
    let toml = "[pack]\nname = \"x\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"x.a\"\ncategory = \"other\"\nseverity = \"warn\"\nany = [\"x\"]\n";
    let screener =
        WasmScreener::from_packs(vec!["x.toml".into()], vec![toml.into()], vec![], vec![], false, max_text_bytes(8))
            .expect("builds");
    let error = screener.screen_utf8(b"longer than eight bytes", false).err().expect("refused");
    assert_eq!(property(&error, "kind").as_string().as_deref(), Some("text-too-long"));
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    assert!(message.contains("the limit is 8 bytes"), "{message}");
}

#[wasm_bindgen_test]
fn compiled_packs_build_the_screener_their_toml_builds_under_the_limits_given() {
    let toml = include_str!("cases/pack.toml");
    let args = || (vec!["tests/cases/pack.toml".to_owned()], vec![toml.to_owned()], vec![], vec![], false);
    let (names, sources, bundles, trusted, unsigned) = args();
    let compiled =
        WasmScreener::compile_packs(names, sources, bundles, trusted, unsigned, JsValue::UNDEFINED).expect("compiles");
    let from_compiled = WasmScreener::from_compiled(&compiled, JsValue::UNDEFINED).expect("loads");
    let post = "🔥 ayo s3r4ng g3r3ja".as_bytes();
    assert_eq!(from_compiled.screen_utf8(post, false).unwrap(), case_screener().screen_utf8(post, false).unwrap());
    // The limits apply to compiled packs too: the text limit, and the pack limits.
    let small = WasmScreener::from_compiled(&compiled, max_text_bytes(8)).expect("loads");
    assert!(small.screen_utf8(post, false).is_err());
    let limits = js_sys::Object::new();
    js_sys::Reflect::set(&limits, &JsValue::from_str("maxRulesPerPack"), &JsValue::from(2)).unwrap();
    let error = WasmScreener::from_compiled(&compiled, limits.into()).err().expect("refused");
    assert_eq!(property(&error, "kind").as_string().as_deref(), Some("limit-exceeded"));
    // Cut short: refused as a JS error of its own kind, saying so.
    let error =
        WasmScreener::from_compiled(&compiled[..compiled.len() - 1], JsValue::UNDEFINED).err().expect("refused");
    assert_eq!(property(&error, "kind").as_string().as_deref(), Some("pack-invalid"));
    let message = String::from(error.unchecked_ref::<js_sys::Error>().message());
    assert!(message.contains("do not match their SHA-256"), "{message}");
}
