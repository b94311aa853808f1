//! What one phrase of a rule says. Most phrases are words, folded like posts and matched on
//! word boundaries. Two small pieces of syntax say otherwise, phrase by phrase:
//!
//! - a `*` at the start or the end attaches the phrase to a longer word: `*win` is a word
//!   that *ends* in `win` after one or more letters (`pulauwin`, not `win` alone), `toto*` a
//!   word that starts with `toto` and goes on;
//! - a `=` at the start keeps the affixes of a rule with `affixes = true` off that phrase:
//!   `=jad` (an abbreviation) is the word `jad` only, never `jadi`;
//! - a [`WordShape`] in angle brackets, such as `<name-number>`, matches a whole word by its
//!   shape rather than its spelling.
//!
//! The parser checks phrases with [`Phrase::parse`] so that a pack with a bad one is refused
//! with the rule and field named; the screener reads them the same way when it compiles.

use std::fmt;

/// A class of words that a phrase can name instead of spelling them out, written in angle
/// brackets as a whole phrase (`"<name-number>"`). A shape is always a whole word, whatever
/// the rule's `affixes` and `substring` say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum WordShape {
    /// `<name-number>`: one word of 3 to 12 letters directly followed by 2 or 3 digits, as
    /// online-gambling sites are named (`naga138`, `dora77`). Digits that are all `2` are the
    /// Indonesian reduplication mark (`cepet22` is *cepet-cepet*), not a number, and do not
    /// count; neither does a word of digits only, of more letters (hashtags such as
    /// `hariguru2024` are long), or of digits between letters.
    NameNumber,
    /// `<name-4d>`: one word of 3 to 12 letters directly followed by `4d`, the four-digit
    /// lottery (togel) that judol brands are named after (`ambil4d`, `pawpaw4d`). Leet folding
    /// turns that `4` into `a` (`ambilad`), so the shape reads it in the original text, in any
    /// style (`𝟒`, `４`).
    Name4d,
}

impl WordShape {
    /// Every shape, in the order the documentation lists them.
    pub(crate) const ALL: &'static [WordShape] = &[WordShape::NameNumber, WordShape::Name4d];

    /// The shape as written in a rule, angle brackets included.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            WordShape::NameNumber => "<name-number>",
            WordShape::Name4d => "<name-4d>",
        }
    }

    /// The shape written as `text`, angle brackets included.
    pub(crate) fn parse(text: &str) -> Option<WordShape> {
        WordShape::ALL.iter().copied().find(|shape| shape.as_str() == text)
    }

    /// The shapes as written, for error messages.
    pub(crate) fn names() -> String {
        WordShape::ALL.iter().map(|shape| shape.as_str()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for WordShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One phrase of a rule, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phrase<'a> {
    /// Words to fold and match. `attached_start`: a `*` before them, so one or more letters
    /// of the same word must come right before; `attached_end`: likewise after; `exact`: a
    /// `=` before them, so no affixes attach.
    Words { text: &'a str, attached_start: bool, attached_end: bool, exact: bool },
    /// A word shape.
    Shape(WordShape),
}

impl<'a> Phrase<'a> {
    /// Reads a trimmed, non-empty phrase, or says what is wrong with it.
    pub(crate) fn parse(phrase: &'a str) -> Result<Phrase<'a>, String> {
        if phrase.len() >= 2 && phrase.starts_with('<') && phrase.ends_with('>') {
            return WordShape::parse(phrase).map(Phrase::Shape).ok_or_else(|| {
                format!(
                    "unknown word shape `{}`; the word shapes are {} (a phrase in angle brackets \
                     names a shape)",
                    phrase.escape_debug(),
                    WordShape::names()
                )
            });
        }
        if let Some(text) = phrase.strip_prefix('=') {
            let problem = if text.is_empty() {
                Some("is only `=`; a `=` keeps affixes off the words after it, as in `=jad`")
            } else if text.starts_with(char::is_whitespace) {
                Some("has a space after its `=`; the `=` must touch the word, as in `=jad`")
            } else if text.contains('*') {
                Some("has both `=` and `*`; a `*` phrase takes no affixes already")
            } else if text.starts_with('<') {
                Some("puts `=` before a word shape; a shape matches one whole word and takes no affixes")
            } else {
                None
            };
            return match problem {
                Some(problem) => Err(format!("phrase `{}` {problem}", phrase.escape_debug())),
                None => Ok(Phrase::Words { text, attached_start: false, attached_end: false, exact: true }),
            };
        }
        let attached_start = phrase.starts_with('*');
        let attached_end = phrase.len() > 1 && phrase.ends_with('*');
        let text = phrase.strip_prefix('*').unwrap_or(phrase);
        let text = if attached_end { &text[..text.len() - 1] } else { text };
        let problem = if attached_start && attached_end {
            Some("has `*` at both ends; a phrase attaches to a longer word on one side only (for matches anywhere inside words, use `substring = true`)")
        } else if text.is_empty() {
            Some("is only `*`; a `*` attaches the words next to it to a longer word, as in `*win`")
        } else if text.contains('*') {
            Some("has a `*` inside; `*` may only stand at the start or the end, as in `*win` or `toto*`")
        } else if (attached_start || attached_end) && text.starts_with('<') && text.ends_with('>') {
            Some("attaches a word shape; a shape matches one whole word, so it takes no `*`")
        } else if (attached_start && !text.starts_with(char::is_alphanumeric))
            || (attached_end && !text.ends_with(char::is_alphanumeric))
        {
            Some("has a space or a sign next to its `*`; the `*` must touch the word it attaches to, as in `*win`")
        } else {
            None
        };
        match problem {
            Some(problem) => Err(format!("phrase `{}` {problem}", phrase.escape_debug())),
            None => Ok(Phrase::Words { text, attached_start, attached_end, exact: false }),
        }
    }

    /// Whether the phrase has a `*`.
    pub(crate) fn is_attached(&self) -> bool {
        matches!(self, Phrase::Words { attached_start: true, .. } | Phrase::Words { attached_end: true, .. })
    }

    /// Whether the phrase has a `=`.
    pub(crate) fn is_exact(&self) -> bool {
        matches!(self, Phrase::Words { exact: true, .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, attached_start: bool, attached_end: bool) -> Result<Phrase<'_>, String> {
        Ok(Phrase::Words { text, attached_start, attached_end, exact: false })
    }

    #[test]
    fn plain_attached_and_shaped_phrases() {
        assert_eq!(Phrase::parse("slot gacor"), words("slot gacor", false, false));
        assert_eq!(Phrase::parse("*win"), words("win", true, false));
        assert_eq!(Phrase::parse("toto*"), words("toto", false, true));
        assert_eq!(Phrase::parse("*main slot"), words("main slot", true, false));
        assert_eq!(Phrase::parse("<name-number>"), Ok(Phrase::Shape(WordShape::NameNumber)));
        assert_eq!(Phrase::parse("<name-4d>"), Ok(Phrase::Shape(WordShape::Name4d)));
        // Angle brackets that do not wrap the whole phrase are ordinary separators.
        assert_eq!(Phrase::parse("<3 kamu"), words("<3 kamu", false, false));
        assert_eq!(Phrase::parse("<"), words("<", false, false));
        assert_eq!(
            Phrase::parse("=jad"),
            Ok(Phrase::Words { text: "jad", attached_start: false, attached_end: false, exact: true })
        );
        assert!(Phrase::parse("=jad").unwrap().is_exact() && !Phrase::parse("jad").unwrap().is_exact());
        assert!(Phrase::parse("*win").unwrap().is_attached());
        assert!(!Phrase::parse("<name-number>").unwrap().is_attached());
    }

    #[test]
    fn bad_phrases_say_what_is_wrong() {
        for (phrase, says) in [
            ("<name-digits>", "unknown word shape `<name-digits>`; the word shapes are <name-number>, <name-4d>"),
            ("<>", "unknown word shape"),
            ("*toto*", "both ends"),
            ("*", "only `*`"),
            ("**", "both ends"),
            ("sl*ot", "inside"),
            ("**win", "inside"),
            ("* win", "space or a sign next to its `*`"),
            ("win *", "space or a sign next to its `*`"),
            ("*, win", "space or a sign next to its `*`"),
            ("=<name-number>", "`=` before a word shape"),
            ("<name-number>*", "attaches a word shape"),
            ("=", "only `=`"),
            ("= jad", "space after its `=`"),
            ("=*win", "both `=` and `*`"),
        ] {
            let err = Phrase::parse(phrase).unwrap_err();
            assert!(err.contains(says), "{phrase}: {err}");
        }
    }

    #[test]
    fn shapes_read_back() {
        for &shape in WordShape::ALL {
            assert_eq!(WordShape::parse(shape.as_str()), Some(shape));
            assert_eq!(shape.to_string(), shape.as_str());
        }
        assert_eq!(WordShape::names(), "<name-number>, <name-4d>");
    }
}
