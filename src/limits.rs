//! Limits on what comes from outside: posts, rule packs and bundles.
//!
//! Posts are written by people who want them published, and rule packs may come from a
//! channel's own admins or a bundle downloaded from a server; either can be made large on
//! purpose to stall a phone. Every limit has a safe default, can be raised or lowered by the
//! embedding application, and a refusal is an [`ErrorKind::LimitExceeded`] (or
//! [`ErrorKind::TextTooLong`] for a post) whose message names the limit, e.g.
//! `… the limit is 200 characters (max_phrase_chars)`.

use crate::error::{Error, ErrorKind};
use crate::rules::check::Field;
use crate::rules::RulePack;

/// Default limit on the length of one text, in UTF-8 bytes (a Telegram post is at most 4,096
/// characters; this leaves room for long captions and documents).
pub(crate) const DEFAULT_MAX_TEXT_BYTES: usize = 64 * 1024;

/// The limits a [`Screener`](crate::Screener) and the pack parser enforce.
///
/// ```
/// use saring::{ErrorKind, Limits, RulePack};
///
/// let limits = Limits { max_rules_per_pack: 1, ..Limits::default() };
/// let text = "[pack]\nname = \"demo\"\nversion = \"1.0.0\"\n\
///     [[rule]]\nid = \"demo.a\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"promo\"]\n\
///     [[rule]]\nid = \"demo.b\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"diskon\"]\n";
/// let err = RulePack::from_toml_with(text, Some("demo.toml"), &limits).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::LimitExceeded);
/// assert_eq!(err.line(), Some(9));
/// assert!(err.to_string().contains("(max_rules_per_pack)"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The longest post [`Screener::try_screen`](crate::Screener::try_screen) accepts, in UTF-8
    /// bytes. Default 65,536: a Telegram post is at most 4,096 characters.
    pub max_text_bytes: usize,
    /// The largest pack, in bytes of TOML text. Default 1 MiB; checked before parsing.
    pub max_pack_bytes: usize,
    /// The most rules in one pack. Default 10,000.
    pub max_rules_per_pack: usize,
    /// The most phrases (`any`, `all`, `unless` and `unless_before` together) in one pack.
    /// Default 50,000.
    pub max_phrases_per_pack: usize,
    /// The longest phrase, in characters after trimming. Default 200.
    pub max_phrase_chars: usize,
    /// The most distinct phrases over all packs of one screener. Default 100,000.
    pub max_phrases: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_text_bytes: DEFAULT_MAX_TEXT_BYTES,
            max_pack_bytes: 1024 * 1024,
            max_rules_per_pack: 10_000,
            max_phrases_per_pack: 50_000,
            max_phrase_chars: 200,
            max_phrases: 100_000,
        }
    }
}

impl Limits {
    /// Refuses a pack text longer than [`Limits::max_pack_bytes`].
    pub(crate) fn check_pack_bytes(&self, bytes: u64) -> Result<(), Error> {
        if bytes > self.max_pack_bytes as u64 {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("the pack is {bytes} bytes; the limit is {} bytes (max_pack_bytes)", self.max_pack_bytes),
            ));
        }
        Ok(())
    }

    /// What is wrong with a pack of `rules` rules, if anything.
    pub(crate) fn rules_problem(&self, rules: usize) -> Option<String> {
        (rules > self.max_rules_per_pack).then(|| {
            format!("the pack has {rules} rules; the limit is {} (max_rules_per_pack)", self.max_rules_per_pack)
        })
    }

    /// What is wrong with a phrase of `chars` characters, if anything.
    pub(crate) fn phrase_problem(&self, chars: usize) -> Option<String> {
        (chars > self.max_phrase_chars).then(|| {
            format!(
                "the phrase is {chars} characters long; the limit is {} characters (max_phrase_chars)",
                self.max_phrase_chars
            )
        })
    }

    /// What is wrong with a pack whose rules up to and including the current one hold
    /// `phrases` phrases, if anything.
    pub(crate) fn pack_phrases_problem(&self, phrases: usize) -> Option<String> {
        (phrases > self.max_phrases_per_pack).then(|| {
            format!(
                "the pack has more than {} phrases, counting up to this rule; the limit is {} \
                 (max_phrases_per_pack)",
                self.max_phrases_per_pack, self.max_phrases_per_pack
            )
        })
    }

    /// Checks an already parsed pack (from any source, e.g. a bundle) against every per-pack
    /// limit, naming the rule and field at fault. The line is the rule's: a parsed pack keeps
    /// no line per phrase (parsing under the same limits names the phrase's own line).
    pub(crate) fn check_pack(&self, pack: &RulePack) -> Result<(), Error> {
        let in_source = |error: Error| match &pack.source {
            Some(file) => error.in_file(file),
            None => error,
        };
        let located = |problem: String| in_source(Error::new(ErrorKind::LimitExceeded, problem));
        self.check_pack_bytes(pack.source_bytes as u64).map_err(in_source)?;
        if let Some(problem) = self.rules_problem(pack.rules.len()) {
            return Err(located(problem).in_field("rule"));
        }
        let mut phrases = 0;
        for rule in &pack.rules {
            for (list, items) in rule.phrase_lists() {
                let too_long =
                    items.iter().enumerate().find_map(|(i, p)| Some(i).zip(self.phrase_problem(p.chars().count())));
                if let Some((i, problem)) = too_long {
                    let field = Field::Phrase(list, i).to_string();
                    return Err(located(problem).at_line(rule.line).in_rule(&rule.id).in_field(field));
                }
            }
            phrases += rule.phrase_count();
            if let Some(problem) = self.pack_phrases_problem(phrases) {
                return Err(located(problem).at_line(rule.line).in_rule(&rule.id));
            }
        }
        Ok(())
    }
}
