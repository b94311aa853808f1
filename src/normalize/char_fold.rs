//! Character-level folding: one character in, its folded form out.
//!
//! Folding is applied to rule patterns and to posts alike, so that an evasion folds to the same
//! text as the plain spelling: upper case, mathematical and fullwidth letters, look-alike letters
//! of other scripts, diacritics, invisible characters, combining marks, Arabic harakat, tatweel
//! and Arabic letter variants.
//!
//! ```
//! use saring::normalize::{fold_char, CharFold, FoldReason};
//!
//! assert_eq!(fold_char('𝐣'), CharFold::Char('j', FoldReason::Styled)); // mathematical bold
//! assert_eq!(fold_char('а'), CharFold::Char('a', FoldReason::LookAlike)); // Cyrillic
//! assert_eq!(fold_char('\u{200d}'), CharFold::Removed(FoldReason::Invisible)); // zero width joiner
//! assert_eq!(fold_char('ß'), CharFold::Str("ss", FoldReason::Case));
//! assert_eq!(fold_char('ب'), CharFold::Keep); // Arabic letters stay Arabic
//! ```
//!
//! Every result is a fixed point: each character of a `Char` or `Str` result is kept by
//! `fold_char`, so folding twice is folding once.
//!
//! ASCII is handled here in code (only `A`–`Z` change). Every other code point is looked up in
//! the range table of `tables.rs`, generated from the Unicode data files by
//! `tools/gen_tables.py`, whose documentation explains each rule and why.

use super::tables::{FOLDS_PACKED, FOLD_RANGES, MODE_ALT, MODE_DELTA, MODE_REMOVED, MODE_SAME, MODE_STR, STRS};
use std::sync::OnceLock;

/// Why a character was changed, for explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FoldReason {
    /// Upper case to lower case (not worth explaining).
    Case,
    /// Styled or compatibility letters (mathematical, fullwidth, circled, small caps …).
    Styled,
    /// Look-alike letters of another script (Cyrillic `а` for Latin `a`).
    LookAlike,
    /// A precomposed letter with a diacritic (`é` → `e`).
    Diacritic,
    /// An invisible (Default_Ignorable) code point removed: zero-width, bidi controls …
    Invisible,
    /// A combining mark removed (diacritics, Zalgo).
    Mark,
    /// Arabic harakat (vowel marks) removed.
    Harakat,
    /// Arabic tatweel (kashida) removed.
    Tatweel,
    /// An Arabic letter variant unified (alef forms, alef maqsura, ta marbuta …).
    ArabicVariant,
}

/// The reasons in declaration order: the generated tables store a reason as its index here.
const REASONS: [FoldReason; 9] = [
    FoldReason::Case,
    FoldReason::Styled,
    FoldReason::LookAlike,
    FoldReason::Diacritic,
    FoldReason::Invisible,
    FoldReason::Mark,
    FoldReason::Harakat,
    FoldReason::Tatweel,
    FoldReason::ArabicVariant,
];

/// The folded form of one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharFold {
    /// The character stays as it is.
    Keep,
    /// The character is dropped.
    Removed(FoldReason),
    /// The character becomes another single character.
    Char(char, FoldReason),
    /// The character becomes a short string (`ß` → `ss`, `ﬁ` → `fi`).
    Str(&'static str, FoldReason),
}

/// Folds one character. The result is already fully folded: folding it again keeps it.
///
/// ```
/// use saring::normalize::{fold_char, CharFold, FoldReason};
///
/// assert_eq!(fold_char('É'), CharFold::Char('e', FoldReason::Diacritic));
/// assert_eq!(fold_char('ﬁ'), CharFold::Str("fi", FoldReason::Styled));
/// assert_eq!(fold_char('\u{064e}'), CharFold::Removed(FoldReason::Harakat)); // fatha
/// assert_eq!(fold_char('1'), CharFold::Keep); // digits are left to the leetspeak step
/// ```
pub fn fold_char(c: char) -> CharFold {
    if c.is_ascii() {
        return if c.is_ascii_uppercase() {
            CharFold::Char(c.to_ascii_lowercase(), FoldReason::Case)
        } else {
            CharFold::Keep
        };
    }
    let cp = u32::from(c);
    let folds = folds();
    // The entry of the last range that starts at or before `cp`.
    let after = folds.partition_point(|&(key, _)| key >> 11 <= cp);
    let Some(&(key, value)) = after.checked_sub(1).and_then(|i| folds.get(i)) else {
        return CharFold::Keep;
    };
    let offset = cp - (key >> 11);
    if offset > key & 0x7ff {
        return CharFold::Keep;
    }
    let Some(&reason) = REASONS.get((value & 0xf) as usize) else {
        return CharFold::Keep;
    };
    let payload = value >> 8;
    let to_char = |cp| char::from_u32(cp).map_or(CharFold::Keep, |c| CharFold::Char(c, reason));
    match (value >> 4) & 0xf {
        MODE_REMOVED => CharFold::Removed(reason),
        MODE_SAME => to_char(payload),
        MODE_DELTA => to_char(payload + offset),
        MODE_ALT if offset % 2 == 0 => to_char(payload + offset),
        MODE_STR => {
            let start = (payload >> 8) as usize;
            let end = start + (payload & 0xff) as usize;
            STRS.get(start..end).map_or(CharFold::Keep, |s| CharFold::Str(s, reason))
        }
        _ => CharFold::Keep,
    }
}

/// The fold ranges, `(first << 11 | (last - first), payload << 8 | mode << 4 | reason)`, sorted
/// by code point: decoded from their packed form the first time they are needed. Packed, they
/// are a third smaller in the wasm module (10.6 against 15.7 KB gzipped); decoding them takes a
/// few tens of microseconds, once.
fn folds() -> &'static [(u32, u32); FOLD_RANGES] {
    static FOLDS: OnceLock<Box<[(u32, u32); FOLD_RANGES]>> = OnceLock::new();
    FOLDS.get_or_init(|| {
        let folds = unpack_folds(FOLDS_PACKED, FOLD_RANGES).into_boxed_slice();
        folds.try_into().expect("the packed folds hold FOLD_RANGES ranges")
    })
}

/// The `count` ranges of `packed`: four columns of LEB128 numbers, one after the other (each
/// range's first code point less the previous one's, its length less one, its mode and reason
/// in a byte, and the payload of the modes that have one, less the first code point and
/// zigzag-coded for SAME, DELTA and ALT); `tools/gen_tables.py` writes them and checks that this
/// decoding gives the table back.
fn unpack_folds(packed: &[u8], count: usize) -> Vec<(u32, u32)> {
    let mut at = 0;
    let mut first = 0;
    let firsts: Vec<u32> = (0..count).map(|_| (first += leb128(packed, &mut at), first).1).collect();
    let spans: Vec<u32> = (0..count).map(|_| leb128(packed, &mut at)).collect();
    let (modes, mut at) = (&packed[at..at + count], at + count);
    let mut folds = Vec::with_capacity(count);
    for ((&first, &span), &mode) in firsts.iter().zip(&spans).zip(modes) {
        let payload = match u32::from(mode) >> 4 {
            MODE_SAME | MODE_DELTA | MODE_ALT => {
                let zigzag = leb128(packed, &mut at);
                first.wrapping_add((zigzag >> 1) ^ (zigzag & 1).wrapping_neg())
            }
            MODE_STR => leb128(packed, &mut at),
            _ => 0,
        };
        folds.push((first << 11 | span, payload << 8 | u32::from(mode)));
    }
    debug_assert_eq!(at, packed.len(), "the packed folds hold {count} ranges exactly");
    folds
}

/// Unpacks the fold ranges now if they are not yet ([`Normalizer::new`](super::Normalizer::new)).
pub(super) fn unpack_tables() {
    folds();
}

/// The LEB128 number at `at` in `bytes` (seven bits a byte, low first), moving `at` past it.
fn leb128(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0u32, 0);
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u32::from(byte & 0x7f) << shift;
        shift += 7;
        if byte < 0x80 {
            return value;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CharFold::{Keep, Removed};

    #[test]
    fn the_packed_ranges_decode_in_order_and_in_bounds() {
        let folds = folds();
        assert_eq!(folds.len(), FOLD_RANGES);
        for pair in folds.windows(2) {
            let ((a, _), (b, _)) = (pair[0], pair[1]);
            assert!((a >> 11) + (a & 0x7ff) < b >> 11, "ranges {a:#x} and {b:#x} overlap or are out of order");
        }
        for &(key, value) in folds {
            assert!(key >> 11 >= 0x80 && (value & 0xf) < REASONS.len() as u32 && (value >> 4 & 0xf) <= MODE_STR);
            if value >> 4 & 0xf == MODE_STR {
                let start = (value >> 16) as usize;
                assert!(STRS.get(start..start + (value >> 8 & 0xff) as usize).is_some(), "{key:#x}");
            } else if value >> 4 & 0xf != MODE_REMOVED {
                assert!(char::from_u32(value >> 8).is_some(), "{key:#x} folds to no character");
            }
        }
    }
    use FoldReason::*;

    fn ch(c: char, reason: FoldReason) -> CharFold {
        CharFold::Char(c, reason)
    }

    fn st(s: &'static str, reason: FoldReason) -> CharFold {
        CharFold::Str(s, reason)
    }

    /// (input, expected fold, what it is).
    #[rustfmt::skip]
    const CASES: &[(char, CharFold, &str)] = &[
        // ASCII
        ('A', CharFold::Char('a', Case), "ASCII upper case"),
        ('z', Keep, "ASCII lower case"),
        ('0', Keep, "ASCII digit"),
        ('9', Keep, "ASCII digit"),
        ('!', Keep, "ASCII punctuation"),
        ('.', Keep, "ASCII punctuation"),
        ('@', Keep, "ASCII symbol"),
        ('$', Keep, "ASCII symbol"),
        (' ', Keep, "space"),
        ('\n', Keep, "newline"),
        // Cyrillic, Greek, Cherokee and other look-alikes
        ('а', CharFold::Char('a', LookAlike), "Cyrillic a"),
        ('А', CharFold::Char('a', LookAlike), "Cyrillic capital A"),
        ('е', CharFold::Char('e', LookAlike), "Cyrillic ie"),
        ('о', CharFold::Char('o', LookAlike), "Cyrillic o"),
        ('р', CharFold::Char('p', LookAlike), "Cyrillic er"),
        ('с', CharFold::Char('c', LookAlike), "Cyrillic es"),
        ('у', CharFold::Char('y', LookAlike), "Cyrillic u"),
        ('х', CharFold::Char('x', LookAlike), "Cyrillic ha"),
        ('і', CharFold::Char('i', LookAlike), "Ukrainian i"),
        ('ј', CharFold::Char('j', LookAlike), "Cyrillic je"),
        ('Ј', CharFold::Char('j', LookAlike), "Cyrillic capital je"),
        ('к', CharFold::Char('k', LookAlike), "Cyrillic ka, via kra in extra-folds.tsv"),
        ('ο', CharFold::Char('o', LookAlike), "Greek omicron"),
        // a capital looks like its own prototype, not like its small letter
        ('Ν', CharFold::Char('n', LookAlike), "Greek capital nu (small nu is v)"),
        ('Β', CharFold::Char('b', LookAlike), "Greek capital beta (small beta is kept)"),
        ('Η', CharFold::Char('h', LookAlike), "Greek capital eta (small eta is n)"),
        ('Υ', CharFold::Char('y', LookAlike), "Greek capital upsilon (small upsilon is u)"),
        ('Ε', CharFold::Char('e', LookAlike), "Greek capital epsilon"),
        ('Μ', CharFold::Char('m', LookAlike), "Greek capital mu"),
        ('Ь', CharFold::Char('b', LookAlike), "Cyrillic capital soft sign (small soft sign is kept)"),
        ('М', CharFold::Char('m', LookAlike), "Cyrillic capital em"),
        ('Г', CharFold::Char('r', LookAlike), "Cyrillic capital ghe: its prototype is Greek, so its small letter's"),
        ('Ο', CharFold::Char('o', LookAlike), "Greek capital omicron"),
        ('α', CharFold::Char('a', LookAlike), "Greek alpha"),
        ('ν', CharFold::Char('v', LookAlike), "Greek nu"),
        ('Ꭺ', CharFold::Char('a', LookAlike), "Cherokee go"),
        ('ı', CharFold::Char('i', LookAlike), "Turkish dotless i"),
        ('ɑ', CharFold::Char('a', LookAlike), "Latin alpha"),
        ('ʿ', CharFold::Char('\'', LookAlike), "left half ring, the ʿain of transliteration: an apostrophe"),
        ('ʼ', CharFold::Char('\'', LookAlike), "modifier letter apostrophe"),
        // mathematical alphanumerics and letterlike symbols
        ('𝐚', CharFold::Char('a', Styled), "mathematical bold small a"),
        ('𝐀', CharFold::Char('a', Styled), "mathematical bold capital A"),
        ('𝑗', CharFold::Char('j', Styled), "mathematical italic small j"),
        ('𝒥', CharFold::Char('j', Styled), "mathematical script capital J"),
        ('𝔧', CharFold::Char('j', Styled), "mathematical fraktur small j"),
        ('𝕁', CharFold::Char('j', Styled), "mathematical double-struck capital J"),
        ('𝚓', CharFold::Char('j', Styled), "mathematical monospace small j"),
        ('𝘫', CharFold::Char('j', Styled), "mathematical sans-serif italic small j"),
        ('𝟏', CharFold::Char('1', Styled), "mathematical bold digit one"),
        ('𝟘', CharFold::Char('0', Styled), "mathematical double-struck digit zero"),
        ('ℌ', CharFold::Char('h', Styled), "black-letter capital H"),
        ('ℝ', CharFold::Char('r', Styled), "double-struck capital R"),
        // fullwidth
        ('Ａ', CharFold::Char('a', Styled), "fullwidth capital A"),
        ('ｊ', CharFold::Char('j', Styled), "fullwidth small j"),
        ('１', CharFold::Char('1', Styled), "fullwidth digit one"),
        ('！', CharFold::Char('!', Styled), "fullwidth exclamation mark"),
        // circled, squared, parenthesized
        ('Ⓐ', CharFold::Char('a', Styled), "circled capital A"),
        ('ⓙ', CharFold::Char('j', Styled), "circled small j"),
        ('①', CharFold::Char('1', Styled), "circled digit one"),
        ('⑩', CharFold::Str("10", Styled), "circled number ten"),
        ('🅐', CharFold::Char('a', Styled), "negative circled capital A"),
        ('🅹', CharFold::Char('j', Styled), "negative squared capital J"),
        ('🄰', CharFold::Char('a', Styled), "squared capital A"),
        ('⒜', CharFold::Char('a', Styled), "parenthesized small a: no parentheses added"),
        ('⑴', CharFold::Char('1', Styled), "parenthesized digit one"),
        ('⒈', CharFold::Char('1', Styled), "digit one full stop"),
        // small capitals, modifier and subscript letters
        ('ᴀ', CharFold::Char('a', Styled), "small capital A"),
        ('ʀ', CharFold::Char('r', Styled), "small capital R"),
        ('ɴ', CharFold::Char('n', Styled), "small capital N"),
        ('ᴄ', CharFold::Char('c', Styled), "small capital C"),
        ('ᵃ', CharFold::Char('a', Styled), "modifier small a"),
        ('ⁿ', CharFold::Char('n', Styled), "superscript n"),
        ('²', CharFold::Char('2', Styled), "superscript two"),
        // dingbat digits
        ('❶', CharFold::Char('1', Styled), "dingbat negative circled digit one"),
        ('➀', CharFold::Char('1', Styled), "dingbat circled sans-serif digit one"),
        ('➊', CharFold::Char('1', Styled), "dingbat negative circled sans-serif digit one"),
        ('⓿', CharFold::Char('0', Styled), "negative circled digit zero"),
        ('❿', CharFold::Str("10", Styled), "dingbat negative circled number ten"),
        // regional indicators
        // regional indicators stay: in pairs they are flags (🇮🇸🇮🇸 must not read "isis")
        ('🇦', CharFold::Keep, "regional indicator A"),
        ('🇿', CharFold::Keep, "regional indicator Z"),
        // diacritics
        ('é', CharFold::Char('e', Diacritic), "e acute"),
        ('É', CharFold::Char('e', Diacritic), "capital E acute"),
        ('ñ', CharFold::Char('n', Diacritic), "n tilde"),
        ('ü', CharFold::Char('u', Diacritic), "u diaeresis"),
        ('Å', CharFold::Char('a', Diacritic), "capital A ring"),
        ('Å', CharFold::Char('a', Diacritic), "angstrom sign"),
        ('ǰ', CharFold::Char('j', Diacritic), "j caron"),
        // case and ligatures
        ('ß', CharFold::Str("ss", Case), "sharp s"),
        ('ẞ', CharFold::Str("ss", Case), "capital sharp s"),
        ('ﬁ', CharFold::Str("fi", Styled), "fi ligature"),
        ('ﬀ', CharFold::Str("ff", Styled), "ff ligature"),
        ('™', CharFold::Str("tm", Styled), "trade mark sign"),
        ('Ж', CharFold::Char('ж', Case), "Cyrillic capital zhe, no look-alike"),
        ('Λ', CharFold::Char('λ', Case), "Greek capital lamda, no look-alike"),
        // spaces and spacing accents
        ('\u{a0}', CharFold::Char(' ', Styled), "no-break space"),
        ('\u{3000}', CharFold::Char(' ', Styled), "ideographic space"),
        ('¨', Removed(Mark), "spacing diaeresis: no space added"),
        ('´', Removed(Mark), "spacing acute"),
        ('≠', Keep, "not equal to: the mark is its meaning"),
        // invisible characters
        ('\u{200b}', Removed(Invisible), "zero width space"),
        ('\u{200c}', Removed(Invisible), "zero width non-joiner"),
        ('\u{200d}', Removed(Invisible), "zero width joiner"),
        ('\u{ad}', Removed(Invisible), "soft hyphen"),
        ('\u{fe0f}', Removed(Invisible), "variation selector 16"),
        ('\u{202e}', Removed(Invisible), "right-to-left override"),
        ('\u{2066}', Removed(Invisible), "left-to-right isolate"),
        ('\u{200f}', Removed(Invisible), "right-to-left mark"),
        ('\u{2060}', Removed(Invisible), "word joiner"),
        ('\u{feff}', Removed(Invisible), "zero width no-break space"),
        ('\u{e0041}', Removed(Invisible), "tag latin capital A"),
        ('\u{3164}', Removed(Invisible), "Hangul filler"),
        // combining marks
        ('\u{301}', Removed(Mark), "combining acute"),
        ('\u{308}', Removed(Mark), "combining diaeresis"),
        ('\u{336}', Removed(Mark), "combining long stroke overlay (Zalgo)"),
        ('\u{34f}', Removed(Invisible), "combining grapheme joiner (also ignorable)"),
        ('\u{489}', Removed(Mark), "combining Cyrillic millions sign (Me)"),
        ('\u{20e3}', Removed(Mark), "combining enclosing keycap"),
        ('\u{93e}', Keep, "Devanagari vowel sign aa (Mc) is kept"),
        // Arabic harakat and tatweel
        ('\u{64e}', Removed(Harakat), "fatha"),
        ('\u{650}', Removed(Harakat), "kasra"),
        ('\u{64f}', Removed(Harakat), "damma"),
        ('\u{651}', Removed(Harakat), "shadda"),
        ('\u{652}', Removed(Harakat), "sukun"),
        ('\u{64b}', Removed(Harakat), "fathatan"),
        ('\u{64c}', Removed(Harakat), "dammatan"),
        ('\u{64d}', Removed(Harakat), "kasratan"),
        ('\u{670}', Removed(Harakat), "superscript alef"),
        ('\u{6e1}', Removed(Harakat), "small high dotless head of khah"),
        ('\u{640}', Removed(Tatweel), "tatweel"),
        // Arabic letter variants
        ('أ', CharFold::Char('ا', ArabicVariant), "alef with hamza above"),
        ('إ', CharFold::Char('ا', ArabicVariant), "alef with hamza below"),
        ('آ', CharFold::Char('ا', ArabicVariant), "alef with madda"),
        ('ٱ', CharFold::Char('ا', ArabicVariant), "alef wasla"),
        ('ة', CharFold::Char('ه', ArabicVariant), "ta marbuta"),
        ('ى', CharFold::Char('ي', ArabicVariant), "alef maqsura"),
        ('ی', CharFold::Char('ي', ArabicVariant), "Farsi yeh"),
        ('ئ', CharFold::Char('ي', ArabicVariant), "yeh with hamza above"),
        ('ؤ', CharFold::Char('و', ArabicVariant), "waw with hamza above"),
        ('ک', CharFold::Char('ك', ArabicVariant), "keheh"),
        // Arabic presentation forms
        ('ﺃ', CharFold::Char('ا', Styled), "alef with hamza above, isolated form"),
        ('ﻩ', CharFold::Char('ه', Styled), "heh, isolated form"),
        ('ﻻ', CharFold::Str("لا", Styled), "lam-alef ligature"),
        ('ﷲ', CharFold::Str("الله", Styled), "Allah ligature"),
        ('\u{fe71}', Removed(Tatweel), "tatweel with fathatan above"),
        // digits of other scripts
        ('٣', CharFold::Char('3', Styled), "Arabic-Indic digit three"),
        ('٠', CharFold::Char('0', Styled), "Arabic-Indic digit zero"),
        ('۳', CharFold::Char('3', Styled), "extended Arabic-Indic digit three"),
        ('۷', CharFold::Char('7', Styled), "extended Arabic-Indic digit seven"),
        ('१', CharFold::Char('1', Styled), "Devanagari digit one (not the look-alike 9)"),
        // kept
        ('ا', Keep, "Arabic alef"),
        ('ب', Keep, "Arabic beh"),
        ('ت', Keep, "Arabic teh"),
        ('ه', Keep, "Arabic heh"),
        ('ي', Keep, "Arabic yeh"),
        ('ك', Keep, "Arabic kaf"),
        ('中', Keep, "CJK ideograph"),
        ('字', Keep, "CJK ideograph"),
        ('〇', Keep, "ideographic number zero (no look-alikes for Han)"),
        ('😀', Keep, "emoji"),
        ('❤', Keep, "heavy black heart"),
        ('한', Keep, "Hangul syllable"),
        ('ㄱ', Keep, "Hangul compatibility jamo"),
        ('ก', Keep, "Thai ko kai"),
        ('क', Keep, "Devanagari ka"),
        ('λ', Keep, "Greek lamda"),
        ('ж', Keep, "Cyrillic zhe"),
        ('€', Keep, "euro sign"),
        ('\u{e000}', Keep, "private use"),
        ('\u{10ffff}', Keep, "noncharacter"),
    ];

    #[test]
    fn case_table() {
        let mut failures = Vec::new();
        for &(c, want, what) in CASES {
            let got = fold_char(c);
            if got != want {
                failures.push(format!("U+{:04X} {c:?} ({what}): got {got:?}, want {want:?}", c as u32));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn sigma_forms_agree() {
        assert_eq!(fold_char('ς'), fold_char('σ'));
        assert_eq!(fold_char('Σ'), fold_char('σ'));
        assert_ne!(fold_char('σ'), Keep);
    }

    #[test]
    fn case_pairs_agree() {
        // A fold never depends on case: a pattern in lower case matches a post in upper case.
        // Except look-alikes: a capital folds to what it looks like, which its small letter
        // may not (Greek `Ν` looks like N, `ν` like v).
        let mut differ = Vec::new();
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_lowercase()) {
            let lower: Vec<char> = c.to_lowercase().collect();
            let [l] = lower[..] else { continue };
            let (upper_fold, lower_fold) = (fold_char(c), fold_char(l));
            if l == c || upper_fold == Keep || lower_fold == Keep || text(upper_fold, c) == text(lower_fold, l) {
                continue;
            }
            let look_alikes = [upper_fold, lower_fold].iter().all(|f| matches!(f, CharFold::Char(_, LookAlike)));
            assert!(look_alikes, "U+{:04X}: {upper_fold:?} but {lower_fold:?}", c as u32);
            differ.push(c);
        }
        // The Greek and Cyrillic capitals whose own look-alike differs from their small letter's.
        for c in ['Ν', 'Η', 'Υ', 'Б'] {
            assert!(differ.contains(&c), "{c:?} {differ:?}");
        }
    }

    fn text(f: CharFold, c: char) -> String {
        match f {
            Keep => c.to_string(),
            Removed(_) => String::new(),
            CharFold::Char(x, _) => x.to_string(),
            CharFold::Str(s, _) => s.to_string(),
        }
    }

    #[test]
    fn every_result_is_a_fixed_point() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            match fold_char(c) {
                Keep | Removed(_) => {}
                CharFold::Char(x, reason) => {
                    assert_ne!(x, c, "U+{:04X} folds to itself ({reason:?})", c as u32);
                    assert_eq!(fold_char(x), Keep, "U+{:04X} -> U+{:04X}", c as u32, x as u32);
                }
                CharFold::Str(s, reason) => {
                    assert!(s.chars().count() > 1, "U+{:04X}: {s:?} ({reason:?})", c as u32);
                    for x in s.chars() {
                        assert_eq!(fold_char(x), Keep, "U+{:04X} -> {s:?}: {x:?}", c as u32);
                    }
                }
            }
        }
    }

    #[test]
    fn removals_have_removal_reasons_and_changes_do_not() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let removal = |r| matches!(r, Invisible | Mark | Harakat | Tatweel);
            match fold_char(c) {
                Keep => {}
                Removed(r) => assert!(removal(r), "U+{:04X} removed for {r:?}", c as u32),
                CharFold::Char(_, r) | CharFold::Str(_, r) => {
                    assert!(!removal(r), "U+{:04X} changed for {r:?}", c as u32)
                }
            }
        }
    }

    #[test]
    fn arabic_letters_never_become_latin() {
        // The Arabic blocks: Arabic, Supplement, Extended-A/B/C, presentation forms A and B,
        // Rumi numerals, Extended-C, Indic Siyaq, Ottoman Siyaq, mathematical alphabetic symbols.
        let blocks = [
            0x0600..=0x06ff,
            0x0750..=0x077f,
            0x0870..=0x08ff,
            0xfb50..=0xfdff,
            0xfe70..=0xfeff,
            0x10e60..=0x10e7f,
            0x10ec0..=0x10eff,
            0x1ec70..=0x1ecbf,
            0x1ed00..=0x1ed4f,
            0x1ee00..=0x1eeff,
        ];
        let mut letters = 0;
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            if !c.is_alphabetic() {
                continue;
            }
            letters += 1;
            let out = text(fold_char(c), c);
            assert!(
                !out.chars().any(|x| x.is_ascii_alphabetic()),
                "Arabic letter U+{:04X} {c} folds to {out:?}",
                c as u32
            );
        }
        assert!(letters > 1000, "only {letters} Arabic letters checked");
    }

    #[test]
    fn ascii_is_only_lower_cased() {
        for c in (0..0x80u8).map(char::from) {
            let want = if c.is_ascii_uppercase() { ch(c.to_ascii_lowercase(), Case) } else { Keep };
            assert_eq!(fold_char(c), want, "{c:?}");
        }
        // ... and no other character folds to ASCII upper case.
        for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
            assert!(!text(fold_char(c), c).chars().any(|x| x.is_ascii_uppercase()), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn whole_runs_fold() {
        // Every letter of the styled alphabets, not only the samples above.
        let runs: &[(u32, char, usize)] = &[
            (0x1d41a, 'a', 26), // mathematical bold small
            (0x1d400, 'a', 26), // mathematical bold capital
            (0x1d5ba, 'a', 26), // mathematical sans-serif small
            (0x1d670, 'a', 26), // mathematical monospace capital
            (0x1d7ce, '0', 10), // mathematical bold digits
            (0x1d7f6, '0', 10), // mathematical monospace digits
            (0xff21, 'a', 26),  // fullwidth capital
            (0xff41, 'a', 26),  // fullwidth small
            (0xff10, '0', 10),  // fullwidth digits
            (0x24b6, 'a', 26),  // circled capital
            (0x24d0, 'a', 26),  // circled small
            (0x1f130, 'a', 26), // squared capital
            (0x1f150, 'a', 26), // negative circled capital
            (0x1f170, 'a', 26), // negative squared capital
            (0x249c, 'a', 26),  // parenthesized small
            (0x0660, '0', 10),  // Arabic-Indic digits
            (0x06f0, '0', 10),  // extended Arabic-Indic digits
        ];
        for &(start, first, len) in runs {
            for i in 0..len as u32 {
                let c = char::from_u32(start + i).unwrap();
                let want = char::from_u32(first as u32 + i).unwrap();
                assert_eq!(fold_char(c), ch(want, Styled), "U+{:04X}", start + i);
            }
        }
        // Mathematical letters that live in the Letterlike Symbols block fold too.
        for c in ['ℎ', 'ℬ', 'ℭ', 'ℯ', 'ℴ'] {
            assert!(matches!(fold_char(c), CharFold::Char(x, Styled) if x.is_ascii_lowercase()), "{c}");
        }
        assert_eq!(fold_char('Ⅻ'), st("xii", Styled));
    }
}
