//! Recognising the words of the [`WordShape`]s in folded text. Shapes have no spelling for the
//! automaton to find; instead it finds the ends of the words that may have a shape (a digit or
//! `ad` before a space: [`triggers`]), and only those words are looked at ([`word_start`]).

use crate::normalize::{fold_char, is_word_byte, CharFold, Folded};
use crate::rules::phrase::WordShape;
use std::ops::RangeInclusive;

/// How many letters (characters, not bytes) the name of a shaped word has.
pub(super) const NAME_LETTERS: RangeInclusive<usize> = 3..=12;
/// How many digits the number of a `<name-number>` has.
pub(super) const NUMBER_DIGITS: RangeInclusive<usize> = 2..=3;
/// The longest shaped word in bytes: a name of 4-byte characters and its number.
const LONGEST_WORD: usize = 4 * *NAME_LETTERS.end() + *NUMBER_DIGITS.end();

/// The folded strings whose occurrence ends a word that may have `shape`: a word that ends in
/// a digit, or in `ad` or `4d`, followed by a space. The screener adds them to its automaton
/// when a rule uses the shape, so that the one scan of the text also finds the few words worth
/// a look, and a text without such words costs nothing more. (The last word of the text has no
/// space after it; the screener looks at it once.) Rule phrases never end in a space, so these
/// never collide with one.
pub(super) fn triggers(shape: WordShape) -> &'static [&'static str] {
    match shape {
        WordShape::NameNumber => &["0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "6 ", "7 ", "8 ", "9 "],
        WordShape::Name4d => &["ad ", "4d "],
    }
}

/// The start of the word that ends at `end` of the folded text, if that word has `shape`.
/// `original` is the text that was folded: `<name-4d>` reads its `4` there.
///
/// Looks back at most [`LONGEST_WORD`] bytes, so a check costs a bounded amount however long
/// the word.
pub(super) fn word_start(shape: WordShape, folded: &Folded, original: &str, end: usize) -> Option<usize> {
    let text = folded.as_bytes();
    // Most triggers end ordinary numbers and words: judge the end of the word first.
    let suffix = match shape {
        WordShape::NameNumber => text[..end].iter().rev().take(4).take_while(|b| b.is_ascii_digit()).count(),
        WordShape::Name4d => 2,
    };
    let shaped_end = match shape {
        WordShape::NameNumber => NUMBER_DIGITS.contains(&suffix),
        WordShape::Name4d => end >= 2 && matches!(&text[end - 2..end], b"ad" | b"4d"),
    };
    if !shaped_end || end <= suffix || !is_word_byte(text[end - suffix - 1]) {
        return None;
    }
    let reach = end.saturating_sub(LONGEST_WORD + 1);
    let start = end - text[reach..end].iter().rev().take_while(|&&b| b != b' ').count();
    if start == reach && reach > 0 {
        return None; // longer than any shaped word
    }
    let word = &text[start..end];
    let shaped = match shape {
        WordShape::NameNumber => is_name_number(word),
        WordShape::Name4d => is_name_4d(word, |i| has_four(&original[folded.origin(start + i..start + i + 1)])),
    };
    shaped.then_some(start)
}

/// `<name-number>`: a name followed by 2 or 3 digits that are not all `2`.
fn is_name_number(word: &[u8]) -> bool {
    let digits = word.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let (name, number) = word.split_at(word.len() - digits);
    NUMBER_DIGITS.contains(&digits) && !number.iter().all(|&b| b == b'2') && is_name(name)
}

/// `<name-4d>`: a name followed by `4d`, where leet folding may have made the `4` an `a`
/// (`was_four(i)` says whether folded byte `i` of the word came from a 4, alone or merged).
fn is_name_4d(word: &[u8], was_four: impl Fn(usize) -> bool) -> bool {
    let Some(name) = word.strip_suffix(b"4d").or_else(|| word.strip_suffix(b"ad").filter(|name| was_four(name.len())))
    else {
        return false;
    };
    is_name(name)
}

/// A whole word of [`NAME_LETTERS`] letters (a character is counted at its first byte: UTF-8
/// continuation bytes are 0x80–0xBF).
fn is_name(name: &[u8]) -> bool {
    let letters = name.iter().filter(|&&b| !(0x80..0xc0).contains(&b)).count();
    name.iter().all(|&b| is_word_byte(b)) && NAME_LETTERS.contains(&letters)
}

/// Whether `original` (the characters one folded byte came from) has a 4 of some style (`4`,
/// `𝟒`, `４`): in `MONA4D` the `4` folds to an `a` and merges with the `A` before it.
fn has_four(original: &str) -> bool {
    original.chars().any(|c| c == '4' || matches!(fold_char(c), CharFold::Char('4', _)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizeOptions, Normalizer};

    /// Every shaped word, found the way the screener does: at each word end, each shape.
    fn found_with(text: &str, options: NormalizeOptions) -> Vec<(WordShape, String, u32)> {
        let mut folded = Folded::default();
        Normalizer::new(options).fold_into(text, &mut folded);
        let bytes = folded.as_bytes();
        let mut out = Vec::new();
        let ends = bytes.iter().enumerate().filter(|(_, &b)| b == b' ').map(|(i, _)| i).chain([bytes.len()]);
        for (index, end) in ends.enumerate() {
            for shape in [NameNumber, Name4d] {
                if let Some(start) = word_start(shape, &folded, text, end) {
                    out.push((shape, folded.as_str()[start..end].to_owned(), index as u32));
                }
            }
        }
        out
    }

    fn found(text: &str) -> Vec<(WordShape, String, u32)> {
        found_with(text, NormalizeOptions::default())
    }

    fn one(shape: WordShape, word: &str, index: u32) -> Vec<(WordShape, String, u32)> {
        vec![(shape, word.to_owned(), index)]
    }

    use WordShape::{Name4d, NameNumber};

    #[test]
    fn names_with_numbers() {
        assert_eq!(found("main di naga138 bos"), one(NameNumber, "naga138", 2));
        assert_eq!(found("DORA77!"), one(NameNumber, "dora77", 0));
        assert_eq!(found("𝐃𝐎𝐑𝐀𝟕𝟕 mantap"), one(NameNumber, "dora77", 0));
        assert_eq!(
            found("abc12 x defghijki345 y"),
            vec![(NameNumber, "abc12".to_owned(), 0), (NameNumber, "defghijki345".to_owned(), 2)]
        );
        // Letters of other scripts count as letters, one per character.
        assert_eq!(found("di mλndaikλ77 aja"), one(NameNumber, "mλndaikλ77", 1));
        assert_eq!(found("naga23"), one(NameNumber, "naga23", 0));
    }

    #[test]
    fn other_words_with_digits() {
        for text in [
            "ab12",              // two letters
            "abcdefghijkim12",   // thirteen letters: a hashtag, not a name
            "naga1",             // one digit
            "naga1380",          // four digits: a year, a model, a price
            "naga138x",          // letters after the number
            "cepet22 dateng222", // the reduplication mark
            "ab12cd34",          // digits between letters
            "123 45",            // no name
            "naga 138",          // two words
            "",
        ] {
            assert_eq!(found(text), [], "{text:?}");
        }
    }

    #[test]
    fn names_with_4d() {
        // Leet folding makes the 4 an `a`; the shape reads it in the original, in any style.
        assert_eq!(found("main di AMBIL4D aja"), one(Name4d, "ambiad", 2));
        assert_eq!(found("𝐌𝐎𝐍𝐀𝟒𝐃 top"), one(Name4d, "monad", 0));
        assert_eq!(found("ＰＡＷＰＡＷ４Ｄ"), one(Name4d, "pawpawad", 0));
        // Without leet folding the 4 stays.
        let no_leet = NormalizeOptions { leet: false, ..NormalizeOptions::default() };
        assert_eq!(found_with("ambil4d", no_leet), one(Name4d, "ambi4d", 0));
        // A word that ends in `ad` is not a name with 4D; a bare 4D has no name.
        for text in ["ahmad", "muhammad jihad", "4d", "togel 4d", "ab4d", "pawpaw 4d"] {
            assert_eq!(found(text), [], "{text:?}");
        }
    }

    #[test]
    fn a_check_looks_back_no_further_than_the_longest_word() {
        // (Not one repeated letter: repeats collapse.)
        let long = format!("{}77 kota88 {}4d", "ab".repeat(50_000), "cd".repeat(50_000));
        assert_eq!(found(&long), one(NameNumber, "kota88", 1));
        assert_eq!(found(&"1".repeat(100_000)), []);
        let mut folded = Folded::default();
        Normalizer::default().fold_into(&long, &mut folded);
        assert_eq!(word_start(NameNumber, &folded, &long, 100_002), None);
        let name: String = (0x20000..0x2000c).filter_map(char::from_u32).collect(); // 12 × 4 bytes
        let longest = format!("{name}888");
        Normalizer::default().fold_into(&longest, &mut folded);
        assert_eq!(folded.len(), LONGEST_WORD);
        assert_eq!(word_start(NameNumber, &folded, &longest, LONGEST_WORD), Some(0));
    }

    #[test]
    fn every_word_that_can_have_a_shape_ends_in_a_trigger() {
        for (shape, word) in [(NameNumber, "naga138"), (NameNumber, "aaa99"), (Name4d, "ambiad"), (Name4d, "ambi4d")] {
            let text = format!("{word} ");
            assert!(triggers(shape).iter().any(|t| text.ends_with(t)), "{word}");
        }
    }
}
