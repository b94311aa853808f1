//! WebAssembly bindings: conversion only, no logic (the core is tested natively).
//!
//! The JavaScript facade (`npm/src/saring.js`) wraps these. To keep per-call overhead low,
//! a screening crosses the boundary as a flat `Uint32Array` plus, when a finding has an
//! explanation, one string holding the explanations; the facade expands them into objects.
//! Matched terms cross as indexes into their rule's phrases, which the facade fetches once
//! per rule ([`WasmScreener::rule_terms`]): most findings then need no string at all. Text goes
//! in as UTF-8 bytes (`TextEncoder`), which `screen` writes straight into the module's memory
//! and whose layout it reads straight out of it (`Exchange`); lone surrogates arrive as U+FFFD,
//! which is one UTF-16 unit like the surrogate it replaces, so UTF-16 spans still index the JS
//! string.
//!
//! Layout of a screening (all `u32`): `verdict` (0 allow … 3 block), `findings`, then per
//! finding `rule, utf16 start, utf16 end, byte start, byte end, explained, terms`, then
//! `terms` indexes into the rule's phrases; `explained` is 1 when the finding's explanation is
//! the next entry of the string table, 0 when it is empty.

use crate::report::{PostContext, Report, ReportSource};
use crate::rules::CompiledPacks;
#[cfg(feature = "compiler")]
use crate::rules::{Bundle, BundleSignature, PackSource, TrustedKey};
use crate::ErrorKind;
use crate::{Category, Error, Limits, Scope, Screener, Screening as CoreScreening, Severity, Verdict};
use serde::Serialize;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

/// One finding as JavaScript sees it. The facade builds these from the flat layout; the
/// declarations are generated from this struct, and the tests compare the facade's objects
/// with these, built the slow way by [`WasmScreener::screen_objects`].
#[derive(Serialize, tsify::Tsify)]
pub struct Finding {
    /// The id of the rule that fired.
    rule: String,
    /// The pack of that rule.
    pack: String,
    category: Category,
    severity: Severity,
    /// The original text of the span: always `text.slice(start, end)`.
    text: String,
    /// Start of the span in UTF-16 code units (JavaScript string indexes).
    start: u32,
    /// End of the span in UTF-16 code units.
    end: u32,
    /// The span in UTF-8 bytes.
    bytes: [u32; 2],
    /// What folding it took to see the phrases ("leet 0→o, invisible characters removed").
    explain: String,
    /// The rule phrases that matched, as written in the pack.
    terms: Vec<String>,
}

/// The result of screening one text, as JavaScript sees it.
#[derive(Serialize, tsify::Tsify)]
pub struct Screening {
    scope: Scope,
    verdict: Verdict,
    findings: Vec<Finding>,
}

impl Screening {
    fn new(screening: &CoreScreening, screener: &Screener) -> Screening {
        let rules: Vec<_> = screener.rules().collect();
        let findings = screening
            .findings()
            .iter()
            .map(|f| Finding {
                rule: f.rule().to_owned(),
                pack: rules[f.rule_index()].pack.to_owned(),
                category: f.category(),
                severity: f.severity(),
                text: f.text().to_owned(),
                start: f.utf16().start as u32,
                end: f.utf16().end as u32,
                bytes: [f.bytes().start as u32, f.bytes().end as u32],
                explain: f.explain().to_owned(),
                terms: f.terms().iter().map(|term| term.to_string()).collect(),
            })
            .collect();
        Screening { scope: screening.scope(), verdict: screening.verdict(), findings }
    }
}

/// The pack compiler: TOML packs and signed bundles in, a screener or compiled packs out. Left
/// out of the runtime build (`--no-default-features`), which then holds no TOML parser, bundle
/// JSON or signature check: about half of the module.
#[cfg(feature = "compiler")]
#[wasm_bindgen]
impl WasmScreener {
    /// Packs from TOML sources (`names[i]` names `sources[i]` in errors) and from signed
    /// bundles (objects parsed from bundle JSON; every hash is checked).
    #[wasm_bindgen(js_name = fromPacks)]
    pub fn from_packs(
        names: Vec<String>,
        sources: Vec<String>,
        bundles: Vec<JsValue>,
        trusted: Vec<String>,
        allow_unsigned: bool,
        limits: JsValue,
    ) -> Result<WasmScreener, JsValue> {
        let (local, limits) = load_packs(names, sources, bundles, trusted, allow_unsigned, &limits)?;
        let source = ReportSource::new(&local, env!("CARGO_PKG_VERSION"));
        let builder = Screener::builder().packs(local.packs().iter().cloned()).limits(limits);
        builder.build().map(|screener| WasmScreener::new(screener, source)).map_err(to_js_error)
    }

    /// The packs [`WasmScreener::from_packs`] would screen with, compiled for
    /// [`WasmScreener::from_compiled`]: checked as `fromPacks` checks them, the screener
    /// built and dropped, so that what compiles loads.
    #[wasm_bindgen(js_name = compilePacks)]
    pub fn compile_packs(
        names: Vec<String>,
        sources: Vec<String>,
        bundles: Vec<JsValue>,
        trusted: Vec<String>,
        allow_unsigned: bool,
        limits: JsValue,
    ) -> Result<Vec<u8>, JsValue> {
        let (local, limits) = load_packs(names, sources, bundles, trusted, allow_unsigned, &limits)?;
        Screener::builder().packs(local.packs().iter().cloned()).limits(limits).build().map_err(to_js_error)?;
        Ok(CompiledPacks::from_bundle(&local).to_bytes())
    }

    /// The examples of TOML packs (`match`, `no_match`; `names[i]` names `sources[i]`) that
    /// their rule does not bear out, each pack screened alone as `saring check` does: where a
    /// pack is edited (the dashboard), its author sees at once a rule that does not do what its
    /// own examples say. A pack that does not parse is an error, as in `fromPacks`.
    #[wasm_bindgen(js_name = checkExamples)]
    pub fn check_examples(names: Vec<String>, sources: Vec<String>) -> Result<JsValue, JsValue> {
        let mut problems = Vec::new();
        for (name, source) in names.iter().zip(&sources) {
            let pack = crate::RulePack::from_toml_named(name, source).map_err(to_js_error)?;
            for failure in crate::check_examples(&pack).map_err(to_js_error)? {
                problems.push(ExampleProblem {
                    file: failure.file,
                    line: failure.line,
                    rule: failure.rule,
                    example: failure.example,
                    expected: match failure.expected {
                        crate::Expectation::Match => "match",
                        crate::Expectation::NoMatch => "no-match",
                    },
                });
            }
        }
        serde_wasm_bindgen::to_value(&problems).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }
}

/// An example that its rule does not bear out, as `checkExamples` returns it.
#[cfg(feature = "compiler")]
#[derive(Serialize)]
struct ExampleProblem {
    file: Option<String>,
    /// The line of the rule's `[[rule]]` header.
    line: usize,
    rule: String,
    example: String,
    /// `"match"`: the rule should fire on the example and does not; `"no-match"`: the other way.
    expected: &'static str,
}

/// The custom packs and the bundles of a `fromPacks` call, loaded and checked (hashes,
/// signatures, no rollback of the default bundle) and merged into one local bundle, which is
/// what reports name; and the limits they were loaded under.
#[cfg(feature = "compiler")]
fn load_packs(
    names: Vec<String>,
    sources: Vec<String>,
    bundles: Vec<JsValue>,
    trusted: Vec<String>,
    allow_unsigned: bool,
    limits: &JsValue,
) -> Result<(Bundle, Limits), JsValue> {
    let limits = limits_from_js(limits)?;
    let trusted: Vec<TrustedKey> = trusted
        .iter()
        .enumerate()
        .map(|(i, key)| TrustedKey::from_hex(key).map_err(|e| e.in_field(format!("trust[{i}]"))))
        .collect::<Result<_, Error>>()
        .map_err(to_js_error)?;
    // The embedded default bundle (its compiled form: the TOML of the default packs is not in the
    // module), read only when there is a bundle to compare with it.
    let in_use = if bundles.is_empty() { None } else { Some(default_packs().bundle) };
    // Reports name the rules they ran with: the custom packs and the bundles as one local
    // bundle, which also holds the packs the screener is built from (each parsed once).
    let custom = names.iter().map(String::as_str).zip(sources.iter().map(String::as_str));
    let mut loaded = vec![Bundle::from_sources_with("custom", "local", custom, &limits).map_err(to_js_error)?];
    for (index, bundle) in bundles.into_iter().enumerate() {
        let parts = BundleParts::from_js(&bundle).map_err(|e| {
            to_js_error(Error::new(ErrorKind::PackInvalid, format!("bundles[{index}] is not a rule bundle: {e}")))
        })?;
        let located = |e: Error| to_js_error(e.in_file(format!("bundles[{index}]")));
        let bundle = Bundle::from_parts(&parts.format, parts.name, parts.version, &parts.sha256, parts.packs, &limits)
            .map_err(located)?
            .with_signature(parts.signature);
        if !allow_unsigned {
            bundle.verify(&trusted).map_err(located)?;
        }
        if let Some(in_use) = &in_use {
            bundle.check_not_older_than(in_use).map_err(located)?;
        }
        loaded.push(bundle);
    }
    Ok((Bundle::merge("custom", "local", loaded).map_err(to_js_error)?, limits))
}

/// The embedded default packs, compiled (`rules/compiled/`).
fn default_packs() -> CompiledPacks {
    CompiledPacks::from_bytes(crate::rules::default_compiled())
        .expect("the embedded compiled packs are valid: the test suite reads them")
}

/// The limits a caller gave (`undefined` or `null`: the defaults).
fn limits_from_js(limits: &JsValue) -> Result<Limits, JsValue> {
    if limits.is_undefined() || limits.is_null() {
        return Ok(Limits::default());
    }
    LimitOptions::from_js(limits)
        .map(|given| given.over(Limits::default()))
        .map_err(|e| to_js_error(Error::new(ErrorKind::Input, format!("invalid limits: {e}"))))
}

/// Separates entries of the string table (a character that rule ids and explanations never hold).
const UNIT_SEPARATOR: char = '\u{1f}';

/// A rule bundle as parsed from its JSON by JavaScript.
#[cfg(feature = "compiler")]
struct BundleParts {
    format: String,
    name: String,
    version: String,
    sha256: String,
    packs: Vec<PackSource>,
    signature: Option<BundleSignature>,
}

#[cfg(feature = "compiler")]
impl BundleParts {
    /// Reads the object as the bundle JSON's schema has it.
    fn from_js(value: &JsValue) -> Result<BundleParts, String> {
        let bundle = Fields::new(value)?;
        bundle.known(&["format", "name", "version", "sha256", "packs", "signature"])?;
        let packs = bundle.array("packs")?;
        let packs = packs
            .iter()
            .enumerate()
            .map(|(i, pack)| {
                let pack = Fields::new(&pack).map_err(|e| format!("packs[{i}]: {e}"))?;
                pack.known(&["file", "sha256", "toml"]).map_err(|e| format!("packs[{i}]: {e}"))?;
                let field = |key| pack.string(key).map_err(|e| format!("packs[{i}]: {e}"));
                Ok(PackSource { file: field("file")?, sha256: field("sha256")?, toml: field("toml")? })
            })
            .collect::<Result<_, String>>()?;
        let signature = match bundle.get("signature") {
            None => None,
            Some(signature) => {
                let signature = Fields::new(&signature).map_err(|e| format!("signature: {e}"))?;
                signature.known(&["key", "ed25519"]).map_err(|e| format!("signature: {e}"))?;
                let field = |key| signature.string(key).map_err(|e| format!("signature: {e}"));
                Some(BundleSignature { key: field("key")?, ed25519: field("ed25519")? })
            }
        };
        Ok(BundleParts {
            format: bundle.string("format")?,
            name: bundle.string("name")?,
            version: bundle.string("version")?,
            sha256: bundle.string("sha256")?,
            packs,
            signature,
        })
    }
}

/// The limits a JavaScript caller may set (`ScreenerOptions`, validated by the facade); the
/// ones left out keep their defaults.
struct LimitOptions {
    max_text_bytes: Option<usize>,
    max_pack_bytes: Option<usize>,
    max_rules_per_pack: Option<usize>,
    max_phrases_per_pack: Option<usize>,
    max_phrase_chars: Option<usize>,
    max_phrases: Option<usize>,
}

impl LimitOptions {
    /// Reads `{ maxTextBytes?, … }`.
    fn from_js(value: &JsValue) -> Result<LimitOptions, String> {
        let limits = Fields::new(value)?;
        limits.known(&[
            "maxTextBytes",
            "maxPackBytes",
            "maxRulesPerPack",
            "maxPhrasesPerPack",
            "maxPhraseChars",
            "maxPhrases",
        ])?;
        Ok(LimitOptions {
            max_text_bytes: limits.count("maxTextBytes")?,
            max_pack_bytes: limits.count("maxPackBytes")?,
            max_rules_per_pack: limits.count("maxRulesPerPack")?,
            max_phrases_per_pack: limits.count("maxPhrasesPerPack")?,
            max_phrase_chars: limits.count("maxPhraseChars")?,
            max_phrases: limits.count("maxPhrases")?,
        })
    }

    /// `defaults` with the limits that were given replaced.
    fn over(self, defaults: Limits) -> Limits {
        Limits {
            max_text_bytes: self.max_text_bytes.unwrap_or(defaults.max_text_bytes),
            max_pack_bytes: self.max_pack_bytes.unwrap_or(defaults.max_pack_bytes),
            max_rules_per_pack: self.max_rules_per_pack.unwrap_or(defaults.max_rules_per_pack),
            max_phrases_per_pack: self.max_phrases_per_pack.unwrap_or(defaults.max_phrases_per_pack),
            max_phrase_chars: self.max_phrase_chars.unwrap_or(defaults.max_phrase_chars),
            max_phrases: self.max_phrases.unwrap_or(defaults.max_phrases),
        }
    }
}

/// A compiled screener, as seen from JavaScript.
#[wasm_bindgen]
pub struct WasmScreener {
    screener: Screener,
    strings: RefCell<StringTable>,
    /// The rules' identity, as reports carry it.
    source: ReportSource,
    /// Where one text comes in and its screening goes out ([`WasmScreener::input_at`]).
    exchange: RefCell<Exchange>,
}

/// The memory one screening crosses the boundary through, kept from call to call: the facade
/// writes the text's UTF-8 into `input` and reads the flat layout from `output`, so screening
/// a post allocates nothing on either side of the boundary (wasm-bindgen's passing would
/// allocate and free a buffer each way in the module, and an `ArrayBuffer` for the result in
/// JavaScript, whose collection shows in the latency's tail).
#[derive(Default)]
struct Exchange {
    input: Vec<u8>,
    output: Vec<u32>,
}

/// Bytes of input room kept after a screening; a longer text's room is given back.
const INPUT_KEPT: usize = 1 << 20;

/// Where a post lives, as JavaScript passes it to `buildReport`.
struct JsPostContext {
    channel_id: String,
    post_id: String,
    channel_username: Option<String>,
    post_url: Option<String>,
    note: Option<String>,
}

impl JsPostContext {
    fn from_js(value: &JsValue) -> Result<JsPostContext, String> {
        let context = Fields::new(value)?;
        context.known(&["channelId", "postId", "channelUsername", "postUrl", "note"])?;
        Ok(JsPostContext {
            channel_id: context.string("channelId")?,
            post_id: context.string("postId")?,
            channel_username: context.optional_string("channelUsername")?,
            post_url: context.optional_string("postUrl")?,
            note: context.optional_string("note")?,
        })
    }
}

/// The fields of a plain JavaScript object, read one by one: a missing or mistyped field is an
/// error that names it, and so is a field the shape does not have ([`Fields::known`]), as the
/// Rust side's `deny_unknown_fields` refuses it in bundle and report JSON (a misspelt optional
/// field, `postURL`, would otherwise vanish without a word).
///
/// Written out rather than derived: deserializing these three small shapes through
/// serde-wasm-bindgen cost 8.7 KB of the wasm module and 6.3 KB of its JavaScript glue, 4.7 KB
/// gzipped in all (issue 8).
struct Fields<'a> {
    object: &'a JsValue,
}

impl<'a> Fields<'a> {
    /// `value`, if it is an object (not an array).
    fn new(value: &'a JsValue) -> Result<Fields<'a>, String> {
        if !value.is_object() || js_sys::Array::is_array(value) {
            return Err(format!("invalid type: {}, expected an object", js_type(value)));
        }
        Ok(Fields { object: value })
    }

    /// Refuses a field not in `known`, naming it and the fields the shape has.
    fn known(&self, known: &[&str]) -> Result<(), String> {
        let keys = js_sys::Object::keys(self.object.unchecked_ref::<js_sys::Object>());
        match keys.iter().filter_map(|k| k.as_string()).find(|k| !known.contains(&k.as_str())) {
            Some(unknown) => Err(format!("unknown field `{unknown}`, expected one of {}", known.join(", "))),
            None => Ok(()),
        }
    }

    /// The field, unless it is missing, `undefined` or `null` (all three mean "absent", as
    /// serde-wasm-bindgen reads an `Option`).
    fn get(&self, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(self.object, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn optional_string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => value
                .as_string()
                .map(Some)
                .ok_or_else(|| format!("invalid type: {}, expected a string at `{key}`", js_type(&value))),
        }
    }

    fn string(&self, key: &str) -> Result<String, String> {
        self.optional_string(key)?.ok_or_else(|| format!("missing field `{key}`"))
    }

    #[cfg(feature = "compiler")]
    fn array(&self, key: &str) -> Result<js_sys::Array, String> {
        match self.get(key) {
            None => Err(format!("missing field `{key}`")),
            Some(value) if js_sys::Array::is_array(&value) => Ok(value.unchecked_into()),
            Some(value) => Err(format!("invalid type: {}, expected an array at `{key}`", js_type(&value))),
        }
    }

    /// A whole number of at least 0, when given.
    fn count(&self, key: &str) -> Result<Option<usize>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(value) => match value.as_f64() {
                Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= usize::MAX as f64 => Ok(Some(n as usize)),
                _ => Err(format!("invalid value at `{key}`: expected a whole number of at least 0")),
            },
        }
    }
}

/// `typeof value`, with `null` and arrays told apart, for messages.
fn js_type(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "array".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Strings crossing to JavaScript as one, unit-separated: explanations, or a rule's phrases.
#[derive(Default)]
struct StringTable {
    text: String,
    entries: usize,
}

impl StringTable {
    fn clear(&mut self) {
        self.text.clear();
        self.entries = 0;
    }

    fn push(&mut self, entry: &str) {
        if self.entries > 0 {
            self.text.push(UNIT_SEPARATOR);
        }
        self.text.push_str(entry);
        self.entries += 1;
    }
}

#[wasm_bindgen]
impl WasmScreener {
    /// The embedded default packs, compiled (`rules/compiled/`): no TOML is parsed.
    #[wasm_bindgen(js_name = withDefaults)]
    pub fn with_defaults() -> WasmScreener {
        WasmScreener::from_compiled_packs(default_packs(), Limits::default())
            .expect("the embedded default packs are valid: the test suite builds them")
    }

    /// Packs compiled by `saring bundle --compiled` or [`WasmScreener::compile_packs`]: their
    /// checksum and every value are checked as the TOML parser checks them.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8], limits: JsValue) -> Result<WasmScreener, JsValue> {
        let limits = limits_from_js(&limits)?;
        let compiled = CompiledPacks::from_bytes(bytes).map_err(to_js_error)?;
        WasmScreener::from_compiled_packs(compiled, limits).map_err(to_js_error)
    }

    /// Makes room for `bytes` bytes of a text's UTF-8 in the module's memory and returns
    /// their address, valid until the next call into the module. The facade encodes the text
    /// there with `TextEncoder.encodeInto` on a view of the memory, then calls
    /// [`WasmScreener::screen_input`]: the text is copied once, straight from the string.
    /// (wasm-bindgen's own passing of a string copies an ASCII string one character at a time
    /// in JavaScript, about 10 µs for a post of 4,096 characters; `encodeInto` takes half a
    /// microsecond.)
    #[wasm_bindgen(js_name = inputAt)]
    pub fn input_at(&self, bytes: usize) -> usize {
        let input = &mut self.exchange.borrow_mut().input;
        if input.len() < bytes {
            input.resize(bytes, 0);
        }
        input.as_mut_ptr() as usize
    }

    /// Screens the first `len` bytes written at [`WasmScreener::input_at`] into the flat
    /// layout at [`WasmScreener::output_at`], and returns its length in `u32`s.
    #[wasm_bindgen(js_name = screenInput)]
    pub fn screen_input(&self, len: usize, private: bool) -> Result<usize, JsValue> {
        let mut exchange = self.exchange.borrow_mut();
        let Exchange { input, output } = &mut *exchange;
        let bytes = input
            .get(..len)
            .ok_or_else(|| input_error(format!("text: {len} bytes, with room made for {}", input.len())))?;
        let text = utf8(bytes, || "text".to_owned())?;
        let screening = self.screener.try_screen(text, scope(private)).map_err(to_js_error)?;
        output.clear();
        let mut strings = self.strings.borrow_mut();
        strings.clear();
        flatten(&self.screener, &screening, output, &mut strings);
        if input.len() > INPUT_KEPT {
            *input = Vec::new();
        }
        Ok(output.len())
    }

    /// The address of the flat layout [`WasmScreener::screen_input`] wrote, valid until the
    /// next call into the module.
    #[wasm_bindgen(js_name = outputAt)]
    pub fn output_at(&self) -> usize {
        self.exchange.borrow().output.as_ptr() as usize
    }

    /// Screens one text into plain objects, the slow way (serde); for tests that hold the
    /// facade's fast path to the declared types.
    #[wasm_bindgen(js_name = screenObjects)]
    pub fn screen_objects(&self, text: &str, private: bool) -> Result<JsValue, JsValue> {
        let screening = self.screener.try_screen(text, scope(private)).map_err(to_js_error)?;
        serde_wasm_bindgen::to_value(&Screening::new(&screening, &self.screener))
            .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }

    /// A report of a public post: screens `text` in the public scope and builds the report
    /// (refused, as in Rust, when nothing is found). `created_at_ms` is `Date.now()`.
    #[wasm_bindgen(js_name = buildReport)]
    pub fn build_report(&self, text: &str, context: JsValue, created_at_ms: f64) -> Result<JsValue, JsValue> {
        let context = JsPostContext::from_js(&context).map_err(|e| {
            to_js_error(Error::new(
                ErrorKind::Input,
                format!("report context: {e}; expected {{ channelId, postId, channelUsername?, postUrl?, note? }}"),
            ))
        })?;
        let created_at = std::time::UNIX_EPOCH + std::time::Duration::from_millis(created_at_ms.max(0.0) as u64);
        let mut post = PostContext::new(context.channel_id, context.post_id, created_at);
        if let Some(username) = context.channel_username {
            post = post.channel_username(username);
        }
        if let Some(url) = context.post_url {
            post = post.post_url(url);
        }
        if let Some(note) = context.note {
            post = post.reporter_note(note);
        }
        let screening = self.screener.try_screen(text, Scope::Public).map_err(to_js_error)?;
        let report: Report = Report::from_screening(text, &screening, &post, &self.source).map_err(to_js_error)?;
        report
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }

    /// Screens many texts in one call: the flat layouts one after another. The texts come as
    /// their UTF-8 one after another, `ends[i]` the end of text `i` (as in
    /// [`WasmScreener::screen_utf8`]).
    #[wasm_bindgen(js_name = screenManyUtf8)]
    pub fn screen_many_utf8(&self, texts: &[u8], ends: &[u32], private: bool) -> Result<Vec<u32>, JsValue> {
        let mut flat = Vec::with_capacity(ends.len() * 2);
        let mut strings = self.strings.borrow_mut();
        strings.clear();
        let mut start = 0;
        for (index, &end) in ends.iter().enumerate() {
            let end = end as usize;
            // Named only when something is wrong: no `format!` per post screened.
            let where_ = || format!("texts[{index}]");
            let bytes = texts
                .get(start..end)
                .ok_or_else(|| input_error(format!("{}: no bytes at {start}..{end}", where_())))?;
            let text = utf8(bytes, where_)?;
            start = end;
            let screening = self
                .screener
                .try_screen(text, scope(private))
                .map_err(|error| to_js_error(Error::new(error.kind(), format!("{}: {}", where_(), error.message()))))?;
            flatten(&self.screener, &screening, &mut flat, &mut strings);
        }
        Ok(flat)
    }

    /// The phrases of rule `rule` as its pack writes them, unit-separated: the terms the flat
    /// layout names by index, fetched once per rule by the facade.
    #[wasm_bindgen(js_name = ruleTerms)]
    pub fn rule_terms(&self, rule: u32) -> Result<String, JsValue> {
        let terms = self
            .screener
            .rule_terms(rule as usize)
            .ok_or_else(|| input_error(format!("no rule {rule}; there are {}", self.screener.rules().len())))?;
        let mut table = StringTable::default();
        for term in terms {
            table.push(term);
        }
        Ok(table.text)
    }

    /// The string table of the last screening: the explanations that are not empty,
    /// unit-separated.
    #[wasm_bindgen(js_name = lastStrings)]
    pub fn last_strings(&self) -> String {
        self.strings.borrow().text.clone()
    }

    /// The rules, indexed by the flat layout's `rule`: `[{id, pack, category, severity}]`.
    pub fn rules(&self) -> Result<JsValue, JsValue> {
        let rules: Vec<_> = self.screener.rules().collect();
        serde_wasm_bindgen::to_value(&rules).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }

    /// The packs: `[{name, version, sha256, rules}]`.
    pub fn packs(&self) -> Result<JsValue, JsValue> {
        serde_wasm_bindgen::to_value(self.screener.packs())
            .map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
    }

    /// Which automaton runs: `"dfa"` or `"nfa"`.
    pub fn automaton(&self) -> String {
        self.screener.automaton().to_owned()
    }

    /// Bytes the compiled automaton holds.
    #[wasm_bindgen(js_name = automatonBytes)]
    pub fn automaton_bytes(&self) -> u32 {
        self.screener.automaton_bytes() as u32
    }

    /// The longest text accepted, in UTF-8 bytes.
    #[wasm_bindgen(js_name = maxTextBytes)]
    pub fn max_text_bytes(&self) -> u32 {
        self.screener.max_text_bytes() as u32
    }
}

impl WasmScreener {
    /// A screener of compiled packs, whose reports name the bundle they were compiled from.
    fn from_compiled_packs(compiled: CompiledPacks, limits: Limits) -> Result<WasmScreener, Error> {
        let source = ReportSource { bundle: compiled.bundle, client_version: env!("CARGO_PKG_VERSION").to_owned() };
        let screener = Screener::builder().packs(compiled.packs).limits(limits).build()?;
        Ok(WasmScreener::new(screener, source))
    }

    fn new(screener: Screener, source: ReportSource) -> WasmScreener {
        WasmScreener {
            screener,
            strings: RefCell::new(StringTable::default()),
            source,
            exchange: RefCell::new(Exchange::default()),
        }
    }

    /// Screens one text, given as UTF-8, into the flat layout, as the facade does through
    /// [`WasmScreener::input_at`] and [`WasmScreener::screen_input`] (for the module's tests,
    /// which cannot write to its memory by address).
    pub fn screen_utf8(&self, text: &[u8], private: bool) -> Result<Vec<u32>, JsValue> {
        let at = self.input_at(text.len());
        let mut exchange = self.exchange.borrow_mut();
        debug_assert_eq!(at, exchange.input.as_ptr() as usize);
        exchange.input[..text.len()].copy_from_slice(text);
        drop(exchange);
        let len = self.screen_input(text.len(), private)?;
        Ok(self.exchange.borrow().output[..len].to_vec())
    }
}

fn scope(private: bool) -> Scope {
    if private {
        Scope::Private
    } else {
        Scope::Public
    }
}

fn flatten(screener: &Screener, screening: &CoreScreening, flat: &mut Vec<u32>, strings: &mut StringTable) {
    flat.push(match screening.verdict() {
        Verdict::Allow => 0,
        Verdict::Warn => 1,
        Verdict::Review => 2,
        Verdict::Block => 3,
    });
    flat.push(screening.findings().len() as u32);
    for finding in screening.findings() {
        let (utf16, bytes) = (finding.utf16(), finding.bytes());
        let explained = !finding.explain().is_empty();
        if explained {
            strings.push(finding.explain());
        }
        flat.extend([
            finding.rule_index() as u32,
            utf16.start as u32,
            utf16.end as u32,
            bytes.start as u32,
            bytes.end as u32,
            u32::from(explained),
            finding.terms().len() as u32,
        ]);
        // A finding's terms are its rule's own (shared), found by address.
        let rule_terms = screener.rule_terms(finding.rule_index()).unwrap_or_default();
        flat.extend(finding.terms().iter().map(|term| {
            let index = rule_terms.iter().position(|phrase| Arc::ptr_eq(phrase, term));
            index.expect("a finding's terms are its rule's phrases") as u32
        }));
    }
}

/// `bytes` as text. The facade encodes them with `TextEncoder`, which always writes UTF-8
/// (a lone surrogate becomes U+FFFD, as wasm-bindgen's string passing does).
/// `what` names them in the error, and is called only then.
fn utf8(bytes: &[u8], what: impl FnOnce() -> String) -> Result<&str, JsValue> {
    std::str::from_utf8(bytes).map_err(|e| input_error(format!("{} is not UTF-8: {e}", what())))
}

fn input_error(message: String) -> JsValue {
    to_js_error(Error::new(ErrorKind::Input, message))
}

/// A JS `Error` carrying the error's kind and location as properties; the facade turns it
/// into a `SaringError`.
fn to_js_error(error: Error) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    js.set_name("SaringError");
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set("kind", JsValue::from_str(error.kind().as_str()));
    set("detail", JsValue::from_str(error.message()));
    if let Some(file) = error.file() {
        set("file", JsValue::from_str(file));
    }
    if let Some(line) = error.line() {
        set("line", JsValue::from_f64(line as f64));
    }
    if let Some(rule) = error.rule() {
        set("rule", JsValue::from_str(rule));
    }
    if let Some(field) = error.field() {
        set("field", JsValue::from_str(field));
    }
    js.into()
}
