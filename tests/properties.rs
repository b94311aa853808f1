//! Property tests: screening never panics, spans always slice the original on character
//! boundaries, folding is idempotent, findings equal a naive oracle (fold, then search each
//! phrase one by one), and the normalizer's fast path folds exactly as its general path.

use proptest::prelude::*;
use saring::normalize::{Folded, NormalizeOptions, Normalizer};
use saring::{RulePack, Scope, Screener};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// Pieces of text that collide with the phrases below in every evasion family.
const PIECES: &[&str] = &[
    "slot",
    "s1ot",
    "5l0t",
    "gacor",
    "g4c0r",
    "isis",
    "1s1s",
    "krisis",
    "jihad",
    "j.i.h.a.d",
    "j i h a d",
    "jihaaad",
    "anak",
    "anak2",
    "anakx",
    "bom",
    "mengebom",
    "88",
    "hoki88",
    "naga138",
    "DORA77",
    "cepet22",
    "AMBIL4D",
    "𝟒",
    "4d",
    "win",
    "pulauwin",
    "a",
    "b",
    "i",
    "s",
    "l",
    "0",
    "1",
    "@",
    "|",
    "$",
    " ",
    "  ",
    ".",
    "-",
    "!",
    "\u{200B}",
    "\u{0301}",
    "é",
    "Ё",
    "ѕ",
    "𝐒",
    "ⓢ",
    "🔥",
    "👨\u{200D}👩\u{200D}👧",
    "\n",
    "ال",
    "له",
    "ـ",
    "ß",
    "ﬁ",
    "Ａ",
    "\u{FEFF}",
];

const PHRASES: &[&str] = &[
    "slot",
    "gacor",
    "slot gacor",
    "isis",
    "jihad",
    "anak",
    "bom",
    "88",
    "is",
    "s",
    "a b",
    "ال",
    "si",
    "*win",
    "*ot",
    "si*",
    "<name-number>",
    "<name-4d>",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|pieces| pieces.concat()),
    ]
}

fn options() -> impl Strategy<Value = NormalizeOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(leet, look_alikes, repeats, spaced, respelling)| NormalizeOptions {
            leet,
            look_alikes,
            repeats,
            spaced,
            respelling,
        },
    )
}

/// The default packs plus the phrases above, built once per option combination (building the
/// default packs for every case would dominate the run).
fn screener_for(options: NormalizeOptions) -> Screener {
    static SCREENERS: OnceLock<Vec<(NormalizeOptions, Screener)>> = OnceLock::new();
    let screeners = SCREENERS.get_or_init(|| {
        NormalizeOptions::all_combinations()
            .map(|options| {
                let screener = Screener::builder()
                    .packs(saring::rules::default_packs())
                    .pack(pack_of(PHRASES))
                    .normalize(options)
                    .build()
                    .unwrap();
                (options, screener)
            })
            .collect()
    });
    screeners.iter().find(|(o, _)| *o == options).expect("every combination is built").1.clone()
}

fn pack_of(phrases: &[&str]) -> RulePack {
    let mut toml = String::from("[pack]\nname = \"p\"\nversion = \"1.0.0\"\n");
    for (i, phrase) in phrases.iter().enumerate() {
        toml.push_str(&format!(
            "[[rule]]\nid = \"r{i}\"\ncategory = \"other\"\nseverity = \"warn\"\nany = [{phrase:?}]\n"
        ));
    }
    RulePack::from_toml(&toml).expect("generated pack is valid")
}

fn is_letter(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte >= 0x80
}

fn joined(a: u8, b: u8) -> bool {
    (is_letter(a) && is_letter(b)) || (a.is_ascii_digit() && b.is_ascii_digit())
}

/// The naive oracle: fold, then find every occurrence of every folded phrase at word
/// boundaries (for `*win`, glued to letters on the `*` side and reported as the whole word; for
/// a word shape, every word of that shape), merge overlapping occurrences of one rule, and map
/// back to the original.
fn oracle(phrases: &[&str], text: &str, normalizer: Normalizer) -> BTreeSet<(String, usize, usize)> {
    let mut folded = Folded::default();
    normalizer.fold_into(text, &mut folded);
    let haystack = folded.as_bytes();
    let mut found = BTreeSet::new();
    for (i, phrase) in phrases.iter().enumerate() {
        let mut spans: Vec<(usize, usize)> = if phrase.starts_with('<') {
            shaped_words(phrase, &folded, text)
        } else {
            occurrences(phrase, haystack, normalizer)
        };
        spans.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start < last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        for (start, end) in merged {
            let original = folded.origin(start..end);
            found.insert((format!("r{i}"), original.start, original.end));
        }
    }
    found
}

/// The folded spans a spelled phrase (with or without `*`) is found at: a phrase of several
/// words also as its words run together (at least six characters that fold to one word).
fn occurrences(phrase: &str, haystack: &[u8], normalizer: Normalizer) -> Vec<(usize, usize)> {
    let folded = normalizer.fold(phrase.trim_matches('*'));
    let mut spans = needle_at(phrase, folded.as_bytes(), haystack);
    if folded.contains(' ') && !phrase.contains('*') {
        let glued = normalizer.fold(&phrase.split(|c: char| !c.is_alphanumeric()).collect::<String>());
        if glued.chars().count() >= 6 && !glued.contains(' ') {
            spans.extend(needle_at(phrase, glued.as_bytes(), haystack));
        }
    }
    spans
}

/// The folded spans `needle`, a folding of `phrase`, is found at, on the boundaries `phrase` asks.
fn needle_at(phrase: &str, needle: &[u8], haystack: &[u8]) -> Vec<(usize, usize)> {
    let (before, after) = (phrase.starts_with('*'), phrase.ends_with('*'));
    let mut spans = Vec::new();
    if needle.is_empty() || needle.len() > haystack.len() {
        return spans;
    }
    for start in 0..=haystack.len() - needle.len() {
        let end = start + needle.len();
        let left = if before {
            start > 0 && is_letter(haystack[start - 1])
        } else {
            start == 0 || !joined(haystack[start - 1], haystack[start])
        };
        let right = if after {
            end < haystack.len() && is_letter(haystack[end])
        } else {
            end == haystack.len() || !joined(haystack[end - 1], haystack[end])
        };
        if &haystack[start..end] == needle && left && right {
            let mut span = (start, end);
            while before && span.0 > 0 && is_letter(haystack[span.0 - 1]) {
                span.0 -= 1;
            }
            while after && span.1 < haystack.len() && is_letter(haystack[span.1]) {
                span.1 += 1;
            }
            spans.push(span);
        }
    }
    spans
}

/// The folded spans of the words of a shape, judged character by character.
fn shaped_words(shape: &str, folded: &Folded, original: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for word in folded.as_str().split(' ') {
        let end = start + word.len();
        let chars: Vec<char> = word.chars().collect();
        let is_name = |name: &[char]| {
            (3..=12).contains(&name.len()) && name.iter().all(|&c| c.is_ascii_lowercase() || !c.is_ascii())
        };
        let shaped = match shape {
            "<name-number>" => {
                let digits = chars.iter().rev().take_while(|c| c.is_ascii_digit()).count();
                let (name, number) = chars.split_at(chars.len() - digits);
                (2..=3).contains(&digits) && number.iter().any(|&c| c != '2') && is_name(name)
            }
            "<name-4d>" => {
                let n = chars.len();
                let four = |at: usize| {
                    let span = folded.origin(at..at + 1);
                    original[span].chars().any(|c| {
                        c == '4' || matches!(saring::normalize::fold_char(c), saring::normalize::CharFold::Char('4', _))
                    })
                };
                n >= 2
                    && chars[n - 1] == 'd'
                    && (chars[n - 2] == '4' || (chars[n - 2] == 'a' && four(end - 2)))
                    && is_name(&chars[..n - 2])
            }
            other => panic!("unknown shape {other}"),
        };
        if shaped {
            spans.push((start, end));
        }
        start = end + 1;
    }
    spans
}

/// Cases the random search found, kept: a phrase of several words written as one word next to
/// a digit (a word boundary: letters and digits are two words).
#[test]
fn findings_equal_the_naive_oracle_on_cases_found_before() {
    for options in NormalizeOptions::all_combinations() {
        for (text, phrases) in
            [("slotgacor0", &["slot gacor"][..]), ("judionline88 slot gacor", &["judi online", "slot gacor"])]
        {
            let screener = Screener::builder().pack(pack_of(phrases)).normalize(options).build().unwrap();
            let found: BTreeSet<(String, usize, usize)> = screener
                .screen(text, Scope::Public)
                .findings()
                .iter()
                .map(|f| (f.rule().to_owned(), f.bytes().start, f.bytes().end))
                .collect();
            assert_eq!(found, oracle(phrases, text, Normalizer::new(options)), "{text:?} {options:?}");
        }
    }
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=20000 for a longer hunt.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(512)
    ))]

    #[test]
    fn spans_always_slice_the_original(text in text(), options in options()) {
        let screener = screener_for(options);
        for scope in [Scope::Public, Scope::Private] {
            let screening = screener.screen(&text, scope);
            let mut previous = 0;
            for finding in screening.findings() {
                let bytes = finding.bytes();
                prop_assert!(bytes.start < bytes.end);
                prop_assert!(text.is_char_boundary(bytes.start) && text.is_char_boundary(bytes.end));
                prop_assert_eq!(&text[bytes.start..bytes.end], finding.text());
                prop_assert_eq!(finding.utf16().start, text[..bytes.start].encode_utf16().count());
                prop_assert_eq!(finding.utf16().end, text[..bytes.end].encode_utf16().count());
                prop_assert!(bytes.start >= previous, "findings are in text order");
                previous = bytes.start;
            }
        }
    }

    #[test]
    fn folding_is_idempotent(text in text(), options in options()) {
        let normalizer = Normalizer::new(options);
        let once = normalizer.fold(&text);
        prop_assert_eq!(normalizer.fold(&once), once.clone());
    }

    #[test]
    fn offset_map_is_monotone_on_char_boundaries(text in text(), options in options()) {
        let mut folded = Folded::default();
        Normalizer::new(options).fold_into(&text, &mut folded);
        let mut previous = 0;
        for i in 0..folded.len() {
            let origin = folded.origin_of(i);
            prop_assert!(text.is_char_boundary(origin));
            prop_assert!(origin >= previous);
            previous = origin;
            let span = folded.origin(i..i + 1);
            prop_assert!(span.start < span.end && span.end <= text.len());
        }
    }

    #[test]
    fn findings_equal_the_naive_oracle(
        text in text(),
        phrases in prop::collection::vec(prop::sample::select(PHRASES), 1..6),
        options in options(),
    ) {
        let normalizer = Normalizer::new(options);
        // Words joined from spaced letters may be split again into the phrases that make them
        // up, which this oracle does not model.
        let unjoined = Normalizer::new(NormalizeOptions { spaced: false, ..options }).fold(&text);
        prop_assume!(unjoined.split(' ').count() == normalizer.fold(&text).split(' ').count());
        let screener = Screener::builder().pack(pack_of(&phrases)).normalize(options).build().unwrap();
        let found: BTreeSet<(String, usize, usize)> = screener
            .screen(&text, Scope::Public)
            .findings()
            .iter()
            .map(|f| (f.rule().to_owned(), f.bytes().start, f.bytes().end))
            .collect();
        prop_assert_eq!(found, oracle(&phrases, &text, normalizer));
    }

    #[test]
    fn fast_path_folds_as_the_general_path(text in fast_path_text(), options in options()) {
        let normalizer = Normalizer::new(options);
        let (mut fast, mut general) = (Folded::default(), Folded::default());
        normalizer.fold_into(&text, &mut fast);
        normalizer.fold_into_without_fast_path(&text, &mut general);
        prop_assert_eq!(fast.as_str(), general.as_str());
        for i in 0..fast.len() {
            prop_assert_eq!(fast.origin_of(i), general.origin_of(i), "folded byte {}", i);
        }
        if !fast.is_empty() {
            let end = fast.len();
            prop_assert_eq!(fast.origin(end - 1..end), general.origin(end - 1..end), "the end");
        }
    }
}

/// Text for the fast path, which reads eight bytes at a time: runs of letters around that length
/// (7, 8, 9, 16, 17), repeats that may straddle two chunks, `l`, `L`, `i` and `I` side by side
/// (`l` folds into `i`, so `li` is a repeat), capitals, single and double spaces, letters spaced
/// out, numbers before and after words, separators and leet symbols, and a little non-ASCII.
fn fast_path_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z]{1,17}",
        2 => "[aAbliLI]{1,12}",
        1 => "[a-z]{7}|[a-z]{8}|[a-z]{9}|[a-z]{16}",
        4 => Just(" ".to_owned()),
        1 => "( [a-zA-Z]){1,4} ",
        1 => "  |, |\\. |\\.|,|-|: |\\n|/",
        2 => "[0-9]{1,5}",
        1 => "[@$!|%#]{1,2}",
        1 => "🔥|é|\u{200B}|а|𝐒",
    ];
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}
