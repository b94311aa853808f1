//! `screen` with a small random pack and a random text, built from words that collide with the
//! phrases in every evasion family (and arbitrary strings).
//!
//! Asserts, in public and private scope: every finding's byte span is non-empty, on character
//! boundaries and slices the original to the finding's text; its UTF-16 span equals the
//! `encode_utf16` offsets; findings are sorted by start; the verdict is the highest severity;
//! rules scoped to the other scope never fire; a finding's terms are its rule's phrases;
//! `rule_index` names the rule; screening is deterministic (a screening in between changes
//! nothing); and for rules made only of `any` phrases without `affixes` or `unless`, the
//! findings equal a naive oracle (fold, search each phrase, merge overlaps). Phrases include
//! the pack format's `*` (attached to a longer word) and word shapes (`<name-number>`).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use saring::normalize::{Folded, NormalizeOptions, Normalizer};
use saring::{RulePack, Scope, Screener, Severity, Verdict};
use std::collections::BTreeSet;

/// Words that collide with each other under folding, by family.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    // Words and their evasions.
    "slot", "s1ot", "5l0t", "gacor", "g4c0r", "isis", "1s1s", "krisis", "jihad", "j.i.h.a.d", "j i h a d", "jihaaad",
    // Indonesian affixes and reduplication.
    "anak", "anak2", "bom", "mengebom", "dibom", "pengeboman", "serang", "menyerang", "nyerang",
    // Numbers, single letters, leet symbols and separators.
    "88", "hoki88", "a", "b", "i", "s", "l", "L", "0", "1", "@", "|", "$", " ", "  ", ".", "-", "!", "\n",
    // Invisible, combining, look-alike, styled and other scripts.
    "\u{200B}", "\u{0301}", "é", "ѕ", "𝐒", "🔥", "ال", "ـ", "ß", "ﬁ", "Ａ",
    // Words of news and counter-speech, for `unless`.
    "tidak", "bukan", "berita", "densus",
    // Attached phrases (`*`) and word shapes.
    "*win", "toto*", "win", "pulauwin", "totomu", "*", "<name-number>", "<name-4d>", "naga138", "dora77", "ambil4d",
    "𝐌𝐎𝐍𝐀𝟒𝐃", "cepet22",
    // A phrase kept whole in a rule with affixes.
    "=bom", "=jad", "jadi",
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Free(String),
}

impl Piece {
    fn push_to(&self, out: &mut String) {
        match self {
            Piece::Word(i) => out.push_str(WORDS[*i as usize % WORDS.len()]),
            Piece::Free(text) => out.push_str(text),
        }
    }
}

/// A phrase: one to three pieces.
#[derive(Arbitrary, Debug)]
struct Phrase(Piece, Option<Piece>, Option<Piece>);

impl Phrase {
    fn text(&self) -> String {
        let mut out = String::new();
        self.0.push_to(&mut out);
        for piece in [&self.1, &self.2].into_iter().flatten() {
            out.push(' ');
            piece.push_to(&mut out);
        }
        out
    }
}

#[derive(Arbitrary, Debug)]
struct RuleSpec {
    any: Vec<Phrase>,
    all: Vec<Vec<Phrase>>,
    within: u8,
    unless: Vec<Phrase>,
    unless_before: Vec<Phrase>,
    unless_within: u8,
    affixes: bool,
    substring: bool,
    scope: u8,
    severity: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    options: u8,
    rules: Vec<RuleSpec>,
    text: Vec<Piece>,
}

const SCOPES: [&str; 3] = ["any", "public", "private"];
const SEVERITIES: [Severity; 3] = [Severity::Warn, Severity::Review, Severity::Block];

fuzz_target!(|input: Input| {
    let rules: Vec<&RuleSpec> = input.rules.iter().take(4).collect();
    if rules.is_empty() {
        return;
    }
    let Ok(pack) = RulePack::from_toml(&pack_toml(&rules)) else { return };
    let bits = input.options;
    let options = NormalizeOptions {
        leet: bits & 1 != 0,
        look_alikes: bits & 2 != 0,
        repeats: bits & 4 != 0,
        spaced: bits & 8 != 0,
        respelling: bits & 16 != 0,
    };
    let Ok(screener) = Screener::builder().pack(pack.clone()).normalize(options).build() else { return };
    let mut text = String::new();
    for piece in input.text.iter().take(64) {
        piece.push_to(&mut text);
    }
    for scope in [Scope::Public, Scope::Private] {
        let screening = screener.screen(&text, scope);
        check_screening(&screener, &pack, &rules, &text, scope, &screening);
        screener.screen("j.i.h.a.d s1ot g4c0r 🔥 a b c", scope);
        assert_eq!(screener.screen(&text, scope), screening, "screening is not deterministic");
        if let Ok(limited) = screener.try_screen(&text, scope) {
            assert_eq!(limited, screening);
        }
    }
    let normalizer = Normalizer::new(options);
    let expected = oracle(&pack, &rules, &text, normalizer);
    let found: BTreeSet<(String, usize, usize)> = screener
        .screen(&text, Scope::Public)
        .findings()
        .iter()
        .filter(|f| expected.0.contains(f.rule()))
        .map(|f| (f.rule().to_owned(), f.bytes().start, f.bytes().end))
        .collect();
    assert_eq!(found, expected.1, "findings differ from the naive oracle for {text:?}");
});

fn check_screening(
    screener: &Screener,
    pack: &RulePack,
    rules: &[&RuleSpec],
    text: &str,
    scope: Scope,
    screening: &saring::Screening,
) {
    assert_eq!(screening.scope(), scope);
    let mut previous = 0;
    let mut verdict = Verdict::Allow;
    for finding in screening.findings() {
        let bytes = finding.bytes();
        assert!(bytes.start < bytes.end && bytes.end <= text.len(), "{bytes:?} in {} bytes", text.len());
        assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end), "{bytes:?} cuts a char");
        assert_eq!(&text[bytes.start..bytes.end], finding.text());
        assert_eq!(finding.utf16().start, text[..bytes.start].encode_utf16().count());
        assert_eq!(finding.utf16().end, text[..bytes.end].encode_utf16().count());
        assert!(bytes.start >= previous, "findings are not in text order");
        previous = bytes.start;
        verdict = verdict.max(Verdict::from(finding.severity()));

        let index = pack.rules().iter().position(|r| r.id() == finding.rule()).expect("the rule is in the pack");
        let (rule, spec) = (&pack.rules()[index], rules[index]);
        assert_eq!(screener.rules().nth(finding.rule_index()).map(|r| r.id), Some(rule.id()));
        assert_eq!(finding.severity(), SEVERITIES[spec.severity as usize % 3]);
        let scoped = SCOPES[spec.scope as usize % 3];
        assert!(scoped == "any" || scoped == scope.as_str(), "a {scoped} rule fired in a {scope} screening");
        assert!(!finding.terms().is_empty());
        for term in finding.terms() {
            let mut phrases =
                rule.any().iter().chain(rule.all().iter().flatten()).chain(rule.unless()).chain(rule.unless_before());
            assert!(phrases.any(|p| p.as_str() == &**term), "term {term:?} is not a phrase of {}", rule.id());
        }
    }
    assert_eq!(screening.verdict(), verdict);
}

/// The pack as TOML. Values the parser refuses (a control character in a phrase, a window of
/// 0, one group in `all`) make the input uninteresting, not a failure.
fn pack_toml(rules: &[&RuleSpec]) -> String {
    let list = |phrases: &[Phrase]| {
        let items: Vec<String> = phrases.iter().take(4).map(|p| toml_string(&p.text())).collect();
        format!("[{}]", items.join(", "))
    };
    let mut toml = String::from("[pack]\nname = \"fuzz\"\nversion = \"1.0.0\"\n");
    for (i, rule) in rules.iter().enumerate() {
        toml.push_str(&format!(
            "[[rule]]\nid = \"fuzz.r{i}\"\ncategory = \"other\"\nseverity = \"{}\"\nscope = \"{}\"\n",
            SEVERITIES[rule.severity as usize % 3],
            SCOPES[rule.scope as usize % 3],
        ));
        if !rule.any.is_empty() {
            toml.push_str(&format!("any = {}\n", list(&rule.any)));
        }
        if !rule.all.is_empty() {
            let groups: Vec<String> = rule.all.iter().take(3).map(|group| list(group)).collect();
            toml.push_str(&format!("all = [{}]\nwithin = {}\n", groups.join(", "), rule.within % 16 + 1));
        }
        if !rule.unless.is_empty() {
            toml.push_str(&format!("unless = {}\n", list(&rule.unless)));
        }
        if !rule.unless_before.is_empty() {
            toml.push_str(&format!("unless_before = {}\n", list(&rule.unless_before)));
        }
        if !rule.unless.is_empty() || !rule.unless_before.is_empty() {
            toml.push_str(&format!("unless_within = {}\n", rule.unless_within % 16 + 1));
        }
        // Both true is refused by the parser; `pack_parse` covers that.
        toml.push_str(&format!("affixes = {}\nsubstring = {}\n", rule.affixes, rule.substring && !rule.affixes));
    }
    toml
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_letter(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte >= 0x80
}

fn joined(a: u8, b: u8) -> bool {
    (is_letter(a) && is_letter(b)) || (a.is_ascii_digit() && b.is_ascii_digit())
}

/// The naive oracle for rules of plain `any` phrases alone (no `*`, no shapes), without
/// `affixes` or `unless`: fold, find every occurrence of every folded phrase (at word boundaries
/// unless `substring`), merge the overlapping occurrences of one rule, map back to the original.
/// Returns the rules it covers and their findings (public scope).
#[allow(clippy::type_complexity)]
fn oracle(
    pack: &RulePack,
    rules: &[&RuleSpec],
    text: &str,
    normalizer: Normalizer,
) -> (BTreeSet<String>, BTreeSet<(String, usize, usize)>) {
    let mut folded = Folded::default();
    normalizer.fold_into(text, &mut folded);
    let haystack = folded.as_bytes();
    // Words joined from spaced letters may be split again into the phrases that make them up,
    // which this oracle does not model: such texts are left to the other checks.
    let unjoined = Normalizer::new(NormalizeOptions { spaced: false, ..normalizer.options() }).fold(text);
    if unjoined.split(' ').count() != folded.as_str().split(' ').count() {
        return (BTreeSet::new(), BTreeSet::new());
    }
    let mut covered = BTreeSet::new();
    let mut found = BTreeSet::new();
    for (rule, spec) in pack.rules().iter().zip(rules) {
        // `*` (attached phrases) and `<shape>` phrases are not plain words.
        let plain = |phrase: &String| !phrase.contains('*') && !phrase.contains('<');
        let simple =
            rule.all().is_empty()
                && rule.unless().is_empty()
                && rule.unless_before().is_empty()
                && !rule.affixes()
                && rule.any().iter().all(plain);
        if !simple || SCOPES[spec.scope as usize % 3] == "private" {
            continue;
        }
        covered.insert(rule.id().to_owned());
        let mut occurrences = Vec::new();
        // Each phrase, and a phrase of several words also as its words run together (at
        // least six characters, folding to one word).
        let mut needles = Vec::new();
        for phrase in rule.any() {
            let folded_phrase = normalizer.fold(phrase);
            if folded_phrase.contains(' ') {
                let glued = normalizer.fold(&phrase.split(|c: char| !c.is_alphanumeric()).collect::<String>());
                if glued.chars().count() >= 6 && !glued.contains(' ') {
                    needles.push(glued);
                }
            }
            needles.push(folded_phrase);
        }
        for needle in &needles {
            let needle = needle.as_bytes();
            if needle.is_empty() || needle.len() > haystack.len() {
                continue;
            }
            for start in 0..=haystack.len() - needle.len() {
                let end = start + needle.len();
                let left = start == 0 || !joined(haystack[start - 1], haystack[start]);
                let right = end == haystack.len() || !joined(haystack[end - 1], haystack[end]);
                if &haystack[start..end] == needle && (rule.substring() || (left && right)) {
                    occurrences.push((start, end));
                }
            }
        }
        occurrences.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (start, end) in occurrences {
            match merged.last_mut() {
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        for (start, end) in merged {
            let span = folded.origin(start..end);
            found.insert((rule.id().to_owned(), span.start, span.end));
        }
    }
    (covered, found)
}
