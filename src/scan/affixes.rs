//! Indonesian affixes, so that one rule phrase (`bom`, `baiat`, `serang`) also matches its
//! inflected forms (`mengebom`, `dibaiat`, `penyerangan`) without listing each.
//!
//! Prefixes and suffixes are checked around a match on the folded text. The nasal prefix
//! *meN-*/*peN-* replaces the first consonant of some stems (`serang` → `menyerang`,
//! `tembak` → `menembak`, `pukul` → `memukul`, `kirim` → `mengirim`); for those, the screener
//! also compiles the nasal form of the stem ([`nasal_forms`]), which may stand alone as in
//! colloquial speech (`nyerang`, `nembak`) or after `me`/`pe`.

use super::small_sort::insertion_sort_by;
use crate::normalize::{is_word_byte, packed_bytes, NormalizeOptions, Normalizer};

/// Prefixes, as written; folded with the screener's normalizer before use.
const PREFIXES: &[&str] = &[
    "me", "mem", "men", "meng", "meny", "menge", "di", "ter", "ber", "be", "bel", "pe", "pem", "pen", "peng", "peny",
    "penge", "per", "pel", "ke", "se", "diper", "memper", "ber", "keber", "seper", "nge", "ng", "dipe", "mempe",
];

/// Suffixes and suffix stacks, as written. `x` stands for `-nya` in informal writing, `-in`
/// for `-kan`/`-i` in Jakarta speech.
const SUFFIXES: &[&str] = &[
    "kan", "i", "an", "nya", "lah", "kah", "pun", "x", "in", "ku", "mu", "kannya", "annya", "inya", "kanlah", "nyalah",
    "kanx", "anx", "ix", "innya", "inx", "kanku", "kanmu", "nyapun", "ilah", "anlah",
];

/// Prefixes that may stand before a nasal form (`me` + `nyerang`), besides none at all.
const NASAL_PREFIXES: &[&str] = &["me", "pe"];

/// The affix tables, folded for matching: each affix as a [`key`], sorted, so that a check is a
/// binary search over numbers. A check runs for every match of a phrase of a rule with
/// affixes inside a longer word, which with the default packs is every fourth word of a post
/// (`all` folds to `ai`, found in `sampai`, `pakai`, `baik`); as lists of byte strings, with an
/// allocation for the junction letter, the checks were a fifth of the screening time.
#[derive(Clone, Debug)]
pub(crate) struct Affixes {
    prefixes: Vec<u64>,
    suffixes: Vec<u64>,
    nasal_prefixes: Vec<u64>,
    /// The longest prefix and suffix: a check looks no further from the match than this, so
    /// that a hostile post of one endless word costs a bounded amount per match.
    longest_prefix: usize,
    longest_suffix: usize,
}

/// An affix of at most [`MAX_AFFIX`] bytes as a number: its bytes, the first lowest, zeros after
/// (a folded affix has no zero byte, so affixes of different lengths never share a key).
fn key(affix: &[u8]) -> u64 {
    packed_bytes(affix)
}

/// The longest affix: with its junction letter ([`allowed`]), a [`key`] holds eight bytes.
const MAX_AFFIX: usize = 7;

impl Affixes {
    pub(crate) fn new(normalizer: &Normalizer) -> Affixes {
        // Affixes are pieces of words, not words: respelling them as words would be wrong
        // (`di` is not the shortening `dl`). The words around a match are respelled already.
        let normalizer = Normalizer::new(NormalizeOptions { respelling: false, ..normalizer.options() });
        let fold = |list: &[&str]| {
            let folded: Vec<Vec<u8>> = list.iter().map(|a| normalizer.fold(a).into_bytes()).collect();
            assert!(folded.iter().all(|affix| affix.len() <= MAX_AFFIX), "an affix is longer than {MAX_AFFIX} bytes");
            let mut keys: Vec<u64> = folded.iter().map(|affix| key(affix)).collect();
            insertion_sort_by(&mut keys, |a, b| a < b);
            keys.dedup();
            (keys, folded.iter().map(Vec::len).max().unwrap_or(0))
        };
        let ((prefixes, longest_prefix), (suffixes, longest_suffix)) = (fold(PREFIXES), fold(SUFFIXES));
        Affixes { prefixes, suffixes, nasal_prefixes: fold(NASAL_PREFIXES).0, longest_prefix, longest_suffix }
    }

    /// Whether the letters between the start of the word and `start` form a prefix (or none).
    pub(crate) fn prefix_ok(&self, text: &[u8], start: usize) -> bool {
        let Some(word_start) = word_start_within(text, start, self.longest_prefix) else { return false };
        allowed(&self.prefixes, &text[word_start..start], text.get(start).copied(), Side::Before)
    }

    /// Whether the letters between `start` and the start of the word are none, `me` or `pe`.
    pub(crate) fn nasal_prefix_ok(&self, text: &[u8], start: usize) -> bool {
        let Some(word_start) = word_start_within(text, start, self.longest_prefix) else { return false };
        let prefix = &text[word_start..start];
        prefix.is_empty() || self.nasal_prefixes.contains(&key(prefix))
    }

    /// Whether the letters between `end` and the end of the word form a suffix (or none).
    pub(crate) fn suffix_ok(&self, text: &[u8], end: usize) -> bool {
        let Some(word_end) = word_end_within(text, end, self.longest_suffix) else { return false };
        let last = end.checked_sub(1).map(|i| text[i]);
        allowed(&self.suffixes, &text[end..word_end], last, Side::After)
    }
}

/// The start of the word that goes on at `start`, if it is at most `max` bytes before it.
fn word_start_within(text: &[u8], start: usize, max: usize) -> Option<usize> {
    let reach = start.saturating_sub(max + 1);
    let word_start = start - text[reach..start].iter().rev().take_while(|&&b| is_word_byte(b)).count();
    (word_start > reach || word_start == 0).then_some(word_start)
}

/// The end of the word that goes on at `end`, if it is at most `max` bytes after it.
fn word_end_within(text: &[u8], end: usize, max: usize) -> Option<usize> {
    let reach = (end + max + 1).min(text.len());
    let word_end = end + text[end..reach].iter().take_while(|&&b| is_word_byte(b)).count();
    (word_end < reach || word_end == text.len()).then_some(word_end)
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// The end of the word that goes on at `end` in the folded text.
pub(crate) fn word_end(text: &[u8], mut end: usize) -> usize {
    while end < text.len() && is_word_byte(text[end]) {
        end += 1;
    }
    end
}

/// The start of the word that goes on at `start` in the folded text.
pub(crate) fn word_start(text: &[u8], mut start: usize) -> usize {
    while start > 0 && is_word_byte(text[start - 1]) {
        start -= 1;
    }
    start
}

/// Whether `affix` (at most the longest affix of `keys`, so at most [`MAX_AFFIX`] bytes) is
/// allowed. Folding collapses a letter doubled across the junction (`ter` + `rusak` →
/// `terusak`, `bela` + `an` → `belan`), so the affix may also be missing the letter it shares
/// with the stem (`junction`).
fn allowed(keys: &[u64], affix: &[u8], junction: Option<u8>, side: Side) -> bool {
    if affix.is_empty() || keys.binary_search(&key(affix)).is_ok() {
        return true;
    }
    let Some(junction) = junction.filter(u8::is_ascii_lowercase) else { return false };
    let joined = match side {
        Side::Before => key(affix) | u64::from(junction) << (8 * affix.len()),
        Side::After => key(affix) << 8 | u64::from(junction),
    };
    keys.binary_search(&joined).is_ok()
}

/// The nasal forms of a folded stem for `meN-`/`peN-`: `serang` → `nyerang`, `tembak` →
/// `nembak`, `pukul` → `mukul`, `kirim` → `ngirim`. Empty for other stems.
pub(crate) fn nasal_forms(stem: &str) -> Vec<String> {
    let mut chars = stem.chars();
    let (Some(first), Some(second)) = (chars.next(), chars.next()) else { return Vec::new() };
    // Only when a vowel follows: `tr`, `pr`, `kl` clusters keep their consonant.
    if !matches!(second, 'a' | 'e' | 'i' | 'o' | 'u') {
        return Vec::new();
    }
    let rest = &stem[first.len_utf8()..];
    let nasal = match first {
        's' => "ny",
        't' => "n",
        'p' => "m",
        'k' => "ng",
        _ => return Vec::new(),
    };
    vec![format!("{nasal}{rest}")]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn affixes() -> Affixes {
        Affixes::new(&Normalizer::default())
    }

    #[test]
    fn prefixes_and_suffixes() {
        let a = affixes();
        // "mengebom": stem "bom" at 5.
        assert!(a.prefix_ok(b"mengebom", 5));
        assert!(a.prefix_ok(b"dibaiat", 2));
        assert!(!a.prefix_ok(b"krisis", 2));
        assert!(a.suffix_ok(b"pengeboman", 8));
        assert!(a.suffix_ok(b"bomnya", 3));
        assert!(!a.suffix_ok(b"bombay", 3));
    }

    #[test]
    fn checks_look_no_further_than_the_longest_affix() {
        let a = affixes();
        let long = [b"x".repeat(10_000), b"bom".to_vec(), b"x".repeat(10_000)].concat();
        assert!(!a.prefix_ok(&long, 10_000));
        assert!(!a.nasal_prefix_ok(&long, 10_000));
        assert!(!a.suffix_ok(&long, 10_003));
        assert!(a.prefix_ok(b"memperbom", 6) && a.prefix_ok(b"bom", 0) && a.suffix_ok(b"bomkanya", 3));
        assert!(a.suffix_ok(b"x bom", 5) && a.prefix_ok(b"x bom", 2));
    }

    #[test]
    fn junction_letters_shared_with_the_stem() {
        let a = affixes();
        // ter + rusak folds to "terusak": the prefix left of "rusak" is "te".
        assert!(a.prefix_ok(b"terusak", 2));
        // "beia" + "an" folds to "beian": the suffix right of "beia" is "n".
        assert!(a.suffix_ok(b"beian", 4));
    }

    #[test]
    fn nasal_forms_of_stems() {
        assert_eq!(nasal_forms("serang"), ["nyerang"]);
        assert_eq!(nasal_forms("tembak"), ["nembak"]);
        assert_eq!(nasal_forms("pukui"), ["mukui"]);
        assert_eq!(nasal_forms("kirim"), ["ngirim"]);
        assert!(nasal_forms("bom").is_empty());
        assert!(nasal_forms("tradisi").is_empty());
    }
}
