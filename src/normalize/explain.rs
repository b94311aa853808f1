//! Saying what folding did inside a finding: "leet 0→o, invisible characters removed".
//!
//! Computed only for findings, from the original text and the offset map, so screening pays
//! nothing for it on the hot path.

use super::respell::{lexicon, RespelledWord};
use super::{fold_char, CharFold, FoldReason, Folded, ASCII_LETTER};
use std::ops::Range;

/// Describes what folding changed between the original text and the folded range `range`
/// (non-empty, within `folded`). Returns an empty string when the text matched as written
/// (case aside).
///
/// ```
/// use saring::normalize::{explain, Folded, Normalizer};
/// let text = "s\u{200B}l0t";
/// let mut folded = Folded::default();
/// Normalizer::default().fold_into(text, &mut folded);
/// assert_eq!(explain(text, &folded, 0..folded.len()), "invisible characters removed, leet 0→o");
/// ```
pub fn explain(original: &str, folded: &Folded, range: Range<usize>) -> String {
    explain_parts(original, folded, std::iter::once(range))
}

/// [`explain`] of a finding made of several parts (the phrases of an `all` rule, with other
/// words between them): what folding changed in the parts, not in the words between, which no
/// phrase of the rule matched.
pub(crate) fn explain_parts(original: &str, folded: &Folded, parts: impl IntoIterator<Item = Range<usize>>) -> String {
    let mut notes = Notes::default();
    for range in parts {
        let span = folded.origin(range.clone());
        let respelled = respelled_in(folded, &span);
        if respelled.is_empty() && as_written(&original.as_bytes()[span.clone()], &folded.as_bytes()[range.clone()]) {
            // Most findings: nothing to say, and no need to walk them character by character.
            continue;
        }
        note_each_character(original, folded, range, span, respelled, &mut notes);
    }
    notes.render()
}

/// The notes of one part, the long way, character by character. `span` is the range's span in
/// the original text, `respelled` the respelled words it overlaps.
fn note_each_character<'a>(
    original: &'a str,
    folded: &Folded,
    range: Range<usize>,
    span: Range<usize>,
    respelled: &[RespelledWord],
    notes: &mut Notes<'a>,
) {
    let mut note = |text| notes.add(text);
    // Folded characters in the range, by their original offsets (non-decreasing).
    let folded_text = &folded.as_bytes()[range.clone()];
    let mut kept = range
        .clone()
        .filter(|&i| folded_text[i - range.start] & 0xc0 != 0x80)
        .map(|i| (folded.origin_of(i), i))
        .peekable();
    let mut previous_folded: Option<char> = None;
    let mut previous_original: Option<char> = None;
    // Words that respelling changed: their letters are not one-for-one with the folded ones.
    let in_respelled_word = |offset: usize| respelled.iter().any(|w| w.original.contains(&offset));
    for (offset, original_char) in original[span.clone()].char_indices() {
        let offset = offset + span.start;
        let mut produced = None;
        while let Some(&(origin, index)) = kept.peek() {
            if origin > offset {
                break;
            }
            kept.next();
            if origin == offset && produced.is_none() {
                // Decode just this character: validating the whole folded text per finding
                // would cost a pass over it each time.
                let bytes = folded.as_bytes();
                let end = (index + 4).min(bytes.len());
                produced = (index + 1..=end)
                    .find_map(|e| std::str::from_utf8(&bytes[index..e]).ok())
                    .and_then(|s| s.chars().next());
            }
        }
        match produced {
            Some(folded_char) => {
                if let Some(text) = describe_change(original_char, folded_char) {
                    note(text);
                }
                previous_folded = Some(folded_char);
            }
            None if in_respelled_word(offset) => {
                if let Some(text) = describe_in_respelled_word(original_char, previous_folded) {
                    note(text);
                }
            }
            // `online` folds to `onine` (`l` reads as `i`, and the two collapse): not a repeat.
            None if original_char.is_alphanumeric()
                && previous_original.is_some_and(|previous| letter_of(previous) != letter_of(original_char)) => {}
            None => {
                if let Some(text) = describe_removal(original_char, previous_folded) {
                    note(text);
                }
            }
        }
        // Letters and digits only: a repeat may be split by a separator or an invisible
        // character (`s l o o t`, `slo\u{200b}ot`).
        if original_char.is_alphanumeric() {
            previous_original = Some(original_char);
        }
    }
    for word in respelled {
        describe_respelling(&original[word.original.clone()], word, &mut note);
    }
}

/// The respelled words that overlap `span` of the original. They are in text order and do not
/// overlap, so a binary search finds them: a post may have hundreds, and each finding asks.
fn respelled_in<'a>(folded: &'a Folded, span: &Range<usize>) -> &'a [RespelledWord] {
    let words = folded.respelled();
    let first = words.partition_point(|w| w.original.end <= span.start);
    let count = words[first..].partition_point(|w| w.original.start < span.end);
    &words[first..first + count]
}

/// Whether `folded` is `original` as written, case aside: ASCII letters and single spaces, each
/// folded to itself (lower case, `l` read as `i`, which is no evasion). Outside a respelled
/// word, folding then removed and changed nothing (only respelling adds letters, so nothing
/// removed can be made up for), and there is nothing to explain.
fn as_written(original: &[u8], folded: &[u8]) -> bool {
    original.len() == folded.len()
        && original.iter().zip(folded).all(|(&o, &f)| o == f && o == b' ' || ASCII_LETTER[o as usize] == f && f != 0)
}

/// One thing folding did: a plain note, or a kind of change with an example. Kept as values
/// and written out once per finding: a finding in styled letters or leet has a note for every
/// character, most of them repeats, and formatting each cost more than finding it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Note<'a> {
    Plain(Plain),
    /// `(kind, example)`: grouped per kind, a few examples each.
    Example(&'static str, Example<'a>),
}

/// A note said once, whatever the characters it was seen on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Plain {
    /// Said as is (`invisible characters removed`).
    Said(&'static str),
    /// `leet 0→o`.
    Leet(char, char),
}

/// An example of a kind of change.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Example<'a> {
    /// A letter and what it folded to (`𝐒→s`).
    Letter(char, char),
    /// A word as written (`djihad`).
    Word(&'a str),
    /// An informal word and its formal spelling (`trf→transfer`).
    Respelled(&'static str, &'static str),
}

impl Plain {
    /// Appends the note's text, pushed piece by piece: `format!` cost more than all the rest of
    /// explaining a finding in leetspeak.
    fn write_to(self, out: &mut String) {
        match self {
            Plain::Said(text) => out.push_str(text),
            Plain::Leet(original, folded) => {
                out.push_str("leet ");
                Example::Letter(original, folded).write_to(out);
            }
        }
    }
}

impl Example<'_> {
    fn write_to(&self, out: &mut String) {
        match self {
            Example::Letter(original, folded) => {
                out.push(*original);
                out.push('→');
                out.push(*folded);
            }
            Example::Word(word) => out.push_str(word),
            Example::Respelled(informal, formal) => {
                out.push_str(informal);
                out.push('→');
                out.push_str(formal);
            }
        }
    }
}

/// The notes of one finding, in order of first appearance, without repeats.
#[derive(Default)]
struct Notes<'a> {
    /// Plain notes, each with its order among all notes.
    plain: Vec<(usize, Plain)>,
    /// Kinds of change, each with its order among all notes, and their examples.
    examples: Vec<(usize, &'static str, Vec<Example<'a>>)>,
    count: usize,
}

/// Examples shown per kind of letter change before "…".
const EXAMPLES: usize = 3;

impl<'a> Notes<'a> {
    fn add(&mut self, note: Note<'a>) {
        match note {
            Note::Plain(plain) => {
                if !self.plain.iter().any(|(_, p)| *p == plain) {
                    self.plain.push((self.count, plain));
                    self.count += 1;
                }
            }
            Note::Example(kind, example) => match self.examples.iter_mut().find(|(_, k, _)| *k == kind) {
                Some((_, _, examples)) => {
                    if !examples.contains(&example) {
                        examples.push(example);
                    }
                }
                None => {
                    self.examples.push((self.count, kind, vec![example]));
                    self.count += 1;
                }
            },
        }
    }

    /// `leet 0→o, styled letters (𝐒→s 𝐋→l 𝐎→o …), invisible characters removed`.
    fn render(self) -> String {
        // Room for a note or two without growing.
        let mut out = String::with_capacity(64);
        let (mut plain, mut examples) = (self.plain.iter().peekable(), self.examples.iter().peekable());
        for order in 0..self.count {
            if order > 0 {
                out.push_str(", ");
            }
            if let Some((_, note)) = plain.next_if(|(at, _)| *at == order) {
                note.write_to(&mut out);
            } else if let Some((_, kind, shown)) = examples.next_if(|(at, _, _)| *at == order) {
                out.push_str(kind);
                out.push_str(" (");
                for (i, example) in shown.iter().take(EXAMPLES).enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    example.write_to(&mut out);
                }
                if shown.len() > EXAMPLES {
                    out.push_str(" …");
                }
                out.push(')');
            }
        }
        out
    }
}

fn describe_change(original: char, folded: char) -> Option<Note<'static>> {
    // Non-ASCII case changes are told apart by `fold_char`'s reason below (`Case`: no note), so
    // std's Unicode case tables (12 KB of wasm) are not needed here.
    let lower = original.to_ascii_lowercase();
    // A separator inside a phrase becomes a space: matching across it is no evasion.
    if lower == folded || (lower == 'l' && folded == 'i') || folded == ' ' {
        return None;
    }
    if original.is_ascii() {
        return (!original.is_ascii_alphabetic()).then_some(Note::Plain(Plain::Leet(original, folded)));
    }
    // Show the letter as Unicode folds it (`𝐋→l`), not the internal `l`→`i` skeleton.
    let (reason, shown) = match fold_char(original) {
        CharFold::Char(c, reason) => (reason, c),
        CharFold::Str(s, reason) => (reason, s.chars().next().unwrap_or(folded)),
        _ => return None,
    };
    match reason {
        FoldReason::Case => None,
        FoldReason::Styled => Some(Note::Example("styled letters", Example::Letter(original, shown))),
        FoldReason::LookAlike => Some(Note::Example("look-alike letters", Example::Letter(original, shown))),
        FoldReason::Diacritic => Some(Note::Plain(Plain::Said("diacritics removed"))),
        FoldReason::ArabicVariant => Some(Note::Example("Arabic letter variants", Example::Letter(original, shown))),
        FoldReason::Invisible | FoldReason::Mark | FoldReason::Harakat | FoldReason::Tatweel => None,
    }
}

/// Notes for a word that respelling changed (`original` is the word as written): the informal
/// word with its formal spelling, the old spelling, `x` for `-nya`. A dropped schwa is no note.
fn describe_respelling<'a>(original: &'a str, word: &RespelledWord, note: &mut impl FnMut(Note<'a>)) {
    if let Some(entry) = word.what.informal {
        let (informal, formal) = lexicon().written(entry);
        note(Note::Example("informal spelling", Example::Respelled(informal, formal)));
    }
    if word.what.old_spelling {
        note(Note::Example("old spelling", Example::Word(original)));
    }
    if word.what.suffix_x {
        note(Note::Example("x for -nya", Example::Word(original)));
    }
}

/// A character of a respelled word whose folded letter respelling dropped or moved (`s3lamat`
/// reads `slamat`, `d4p3t` `dapat`): how it folded before respelling (`leet 3→e`, `diacritics
/// removed`), since it was not removed as a repeat. A letter as written tells nothing.
fn describe_in_respelled_word(original: char, previous: Option<char>) -> Option<Note<'static>> {
    if original.is_ascii_alphabetic() {
        return None;
    }
    match letter_of(original) {
        Some(folded) => describe_change(original, folded),
        // A sign that is no leet tells nothing; anything else folding removed says so.
        None if original.is_ascii() => None,
        None => describe_removal(original, previous),
    }
}

/// The letter a character stands for as written: `l` is `l` here, not the `i` it folds to,
/// `4` is `a`, `𝐀` is `a`. Two characters of one letter in a row are a repeat (`jihaaad`,
/// `gaa4cor`); an `l` and an `i` that fold alike are not.
fn letter_of(c: char) -> Option<char> {
    if c.is_ascii_alphabetic() {
        return Some(c.to_ascii_lowercase());
    }
    if c.is_ascii() {
        return super::leet::letter_for(c as u8).map(char::from);
    }
    match fold_char(c) {
        CharFold::Char(folded, _) => Some(folded),
        CharFold::Str(folded, _) => folded.chars().next(),
        _ => None,
    }
}

fn describe_removal(original: char, previous: Option<char>) -> Option<Note<'static>> {
    let text = match fold_char(original) {
        CharFold::Removed(FoldReason::Invisible) => "invisible characters removed",
        CharFold::Removed(FoldReason::Harakat) => "harakat removed",
        CharFold::Removed(FoldReason::Tatweel) => "tatweel removed",
        CharFold::Removed(_) => "combining marks removed",
        // The rest of a run of separators that became one space.
        _ if previous == Some(' ') => return None,
        _ if original.is_alphanumeric() && previous.is_some() => "repeated letters collapsed",
        _ => "spaced letters joined",
    };
    Some(Note::Plain(Plain::Said(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalizer;

    fn explain_all(text: &str) -> String {
        let mut folded = Folded::default();
        Normalizer::default().fold_into(text, &mut folded);
        explain(text, &folded, 0..folded.len())
    }

    #[test]
    fn names_each_evasion() {
        assert_eq!(explain_all("slot"), "");
        assert_eq!(explain_all("SLOT"), "");
        assert_eq!(explain_all("sl0t"), "leet 0→o");
        assert_eq!(explain_all("jihaaad"), "repeated letters collapsed");
        assert_eq!(explain_all("gaa4cor"), "repeated letters collapsed");
        // `l` reads as `i`, so `online` folds to `onine`; nothing was repeated.
        assert_eq!(explain_all("judi online"), "");
        assert_eq!(explain_all("onlline"), "repeated letters collapsed");
        assert_eq!(explain_all("s l o o t"), "spaced letters joined, repeated letters collapsed");
        assert_eq!(explain_all("slo\u{200b}ot"), "invisible characters removed, repeated letters collapsed");
        assert_eq!(explain_all("j.i.h.a.d"), "spaced letters joined");
        assert_eq!(explain_all("ji\u{0301}had"), "combining marks removed");
        assert_eq!(explain_all("slot, gacor"), "");
        assert_eq!(explain_all("𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑"), "styled letters (𝐒→s 𝐋→l 𝐎→o …)");
        assert_eq!(explain_all("јіhаd"), "look-alike letters (ј→j і→i а→a)");
        assert_eq!(explain_all("s.l.0.t, g4c0r"), "spaced letters joined, leet 0→o, leet 4→a");
        assert_eq!(
            explain_all("tlg trf ke rekx"),
            "informal spelling (tlg→tolong trf→transfer rek→rekening), x for -nya (rekx)"
        );
        assert_eq!(explain_all("djihad boenoeh"), "old spelling (djihad boenoeh)");
        assert_eq!(explain_all("selamat slamat"), "");
    }

    #[test]
    fn text_as_written_is_told_so_without_walking_it() {
        // Every range of small texts, with and without folding to do: the quick answer is the
        // long one (a part of a respelled word, `dap` of `dapet`, has something to say).
        let words = ["Slot", "gacor", "dapet", "jihaaad", "s10t", "y g", "rekx", "selamat", "a", "LL"];
        let mut nothing_to_say = 0;
        for first in words {
            for second in words {
                let text = format!("{first} {second}, {first}");
                let mut folded = Folded::default();
                Normalizer::default().fold_into(&text, &mut folded);
                for start in 0..folded.len() {
                    for end in start + 1..=folded.len() {
                        let quick = explain(&text, &folded, start..end);
                        let span = folded.origin(start..end);
                        let respelled = respelled_in(&folded, &span);
                        let mut notes = Notes::default();
                        note_each_character(&text, &folded, start..end, span, respelled, &mut notes);
                        assert_eq!(quick, notes.render(), "{text:?} {start}..{end}");
                        nothing_to_say += usize::from(quick.is_empty());
                    }
                }
            }
        }
        assert!(nothing_to_say > 1000, "{nothing_to_say} ranges had nothing to explain");
    }

    #[test]
    fn names_the_evasions_inside_respelled_words() {
        // Today's spelling has `nj` and `ch`: respelled alike on both sides, no old spelling.
        assert_eq!(explain_all("anjing menjadi china"), "");
        assert_eq!(explain_all("andjing"), "old spelling (andjing)");
        // The letter a leet digit or an accented letter folded to was the dropped schwa, or a
        // vowel the lexicon changed: it was not a repeated letter.
        assert_eq!(explain_all("s3lamat"), "leet 3→e");
        assert_eq!(explain_all("sélamat"), "diacritics removed");
        assert_eq!(explain_all("d4p3t"), "leet 4→a, leet 3→e, informal spelling (dapet→dapat)");
        assert_eq!(explain_all("se\u{200B}lamat"), "invisible characters removed");
    }
}
