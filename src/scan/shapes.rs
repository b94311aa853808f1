//! Finding the words of the [`WordShape`]s in folded text. The automaton finds spelled
//! phrases; shapes have no spelling, so they have a pass of their own over the words of the
//! text, run only when a rule uses a shape.

use crate::normalize::{fold_char, is_word_byte, CharFold, Folded};
use crate::rules::phrase::WordShape;
use std::ops::RangeInclusive;

/// How many letters (characters, not bytes) the name of a shaped word has.
pub(super) const NAME_LETTERS: RangeInclusive<usize> = 3..=12;
/// How many digits the number of a `<name-number>` has.
pub(super) const NUMBER_DIGITS: RangeInclusive<usize> = 2..=3;
/// The longest shaped word in bytes: a name of 4-byte characters and its number.
const LONGEST_WORD: usize = 4 * *NAME_LETTERS.end() + *NUMBER_DIGITS.end();

/// Which shapes the rules use.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Wanted {
    pub(super) name_number: bool,
    pub(super) name_4d: bool,
}

impl Wanted {
    pub(super) fn add(&mut self, shape: WordShape) {
        match shape {
            WordShape::NameNumber => self.name_number = true,
            WordShape::Name4d => self.name_4d = true,
        }
    }

    pub(super) fn any(self) -> bool {
        self.name_number || self.name_4d
    }
}

/// Calls `found(shape, start, end, word)` for every word of the folded text that has one of
/// the `wanted` shapes, in order: the shape, the word's byte range and its index (the spaces
/// before it). `original` is the text that was folded: `<name-4d>` reads its `4` there.
///
/// One pass over the words; each word is looked at only if it is short enough to be a shaped
/// word, and then only at its last [`LONGEST_WORD`] bytes, so the pass is linear in the text.
pub(super) fn find(
    wanted: Wanted,
    folded: &Folded,
    original: &str,
    mut found: impl FnMut(WordShape, usize, usize, u32),
) {
    let text = folded.as_bytes();
    let mut start = 0;
    for (index, word) in text.split(|&b| b == b' ').enumerate() {
        let end = start + word.len();
        if word.len() <= LONGEST_WORD {
            if wanted.name_number && is_name_number(word) {
                found(WordShape::NameNumber, start, end, index as u32);
            }
            if wanted.name_4d && is_name_4d(word, |i| has_four(&original[folded.origin(start + i..start + i + 1)])) {
                found(WordShape::Name4d, start, end, index as u32);
            }
        }
        start = end + 1;
    }
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

    fn found_with(text: &str, options: NormalizeOptions) -> Vec<(WordShape, String, u32)> {
        let mut folded = Folded::default();
        Normalizer::new(options).fold_into(text, &mut folded);
        let mut out = Vec::new();
        let wanted = Wanted { name_number: true, name_4d: true };
        find(wanted, &folded, text, |shape, start, end, word| {
            out.push((shape, folded.as_str()[start..end].to_owned(), word))
        });
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
    fn one_endless_word_is_looked_at_once() {
        let long = format!("{}77 kota88 {}4d", "a".repeat(100_000), "b".repeat(100_000));
        assert_eq!(found(&long), one(NameNumber, "kota88", 1));
        assert_eq!(found(&"1".repeat(100_000)), []);
    }
}
