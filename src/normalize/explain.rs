//! Saying what folding did inside a finding: "leet 0→o, invisible characters removed".
//!
//! Computed only for findings, from the original text and the offset map, so screening pays
//! nothing for it on the hot path.

use super::{fold_char, CharFold, FoldReason, Folded};
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
    let span = folded.origin(range.clone());
    let mut notes: Vec<String> = Vec::new();
    let mut note = |text: String| {
        if !notes.contains(&text) {
            notes.push(text);
        }
    };
    // Folded characters in the range, by their original offsets (non-decreasing).
    let folded_text = &folded.as_bytes()[range.clone()];
    let mut kept = range
        .clone()
        .filter(|&i| folded_text[i - range.start] & 0xc0 != 0x80)
        .map(|i| (folded.origin_of(i), i))
        .peekable();
    let mut previous_folded: Option<char> = None;
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
            None => {
                if let Some(text) = describe_removal(original_char, previous_folded) {
                    note(text);
                }
            }
        }
    }
    notes.join(", ")
}

fn describe_change(original: char, folded: char) -> Option<String> {
    let lower = original.to_lowercase().next().unwrap_or(original);
    // A separator inside a phrase becomes a space: matching across it is no evasion.
    if lower == folded || (lower == 'l' && folded == 'i') || folded == ' ' {
        return None;
    }
    if original.is_ascii() {
        return (!original.is_ascii_alphabetic()).then(|| format!("leet {original}→{folded}"));
    }
    let reason = match fold_char(original) {
        CharFold::Char(_, reason) | CharFold::Str(_, reason) => reason,
        _ => return None,
    };
    match reason {
        FoldReason::Case => None,
        FoldReason::Styled => Some(format!("styled {original}→{folded}")),
        FoldReason::LookAlike => Some(format!("look-alike {original}→{folded}")),
        FoldReason::Diacritic => Some("diacritics removed".to_owned()),
        FoldReason::ArabicVariant => Some(format!("Arabic variant {original}→{folded}")),
        FoldReason::Invisible | FoldReason::Mark | FoldReason::Harakat | FoldReason::Tatweel => None,
    }
}

fn describe_removal(original: char, previous: Option<char>) -> Option<String> {
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
    Some(text.to_owned())
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
        assert_eq!(explain_all("j.i.h.a.d"), "spaced letters joined");
        assert_eq!(explain_all("ji\u{0301}had"), "combining marks removed");
        assert_eq!(explain_all("slot, gacor"), "");
        assert_eq!(explain_all("s.l.0.t, g4c0r"), "spaced letters joined, leet 0→o, leet 4→a");
    }
}
