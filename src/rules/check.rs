//! The checks that make a rule pack valid, on its plain values: one set, run by the TOML parser
//! (`parse.rs`) and by the reader of compiled packs (`compiled.rs`), so that neither form can
//! carry a pack the other refuses.
//!
//! A check says what is wrong as a [`Problem`]: the [`Field`] at fault and a message. Each
//! reader locates it its own way: the parser at the line of that field's value in the TOML
//! text, the compiled reader at the pack's file and the rule. What only one form can get wrong
//! stays with its reader: TOML syntax, the schema and the pack limits with the parser (a
//! screener checks compiled packs against its own limits), the checksum and the layout of the
//! bytes with the compiled reader.
//!
//! This module is in every build: the runtime wasm module, which has no TOML parser, reads
//! compiled packs with it.

use std::collections::HashMap;
use std::fmt;
use std::ops::RangeInclusive;

use super::phrase::Phrase;
use super::{Rule, RulePack, DEFAULT_UNLESS_WITHIN, DEFAULT_WITHIN};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

/// The longest pack name, in characters.
pub(crate) const MAX_PACK_NAME: usize = 64;
/// The longest rule id, in characters.
pub(crate) const MAX_RULE_ID: usize = 128;
/// The most `all` groups a rule may have. A rule needs one phrase of each within 64 words at
/// most, so more groups than that could never all be found; the screener counts them in a byte.
pub(crate) const MAX_ALL_GROUPS: usize = 64;
/// The allowed values of `within` and `unless_within`.
pub(crate) const WINDOW: RangeInclusive<u32> = 1..=64;

/// A field of a pack, as errors name it: `pack.language[1]`, `all[1][0]` (arrays are indexed
/// from 0). A value rather than a string so that the parser can find the field's line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// `pack.name`.
    PackName,
    /// `pack.version`.
    PackVersion,
    /// `pack.language[i]`.
    Language(usize),
    /// `rule`: the pack's rules as a whole.
    Rules,
    /// `id`.
    Id,
    /// `category`.
    Category,
    /// `severity`.
    Severity,
    /// `scope`.
    Scope,
    /// `all`: the groups as a whole.
    All,
    /// A list of phrases as a whole: `any`, `all[g]`, `unless`.
    List(List),
    /// One phrase of a list: `any[i]`, `all[g][i]`, `unless[i]`.
    Phrase(List, usize),
    /// `within`.
    Within,
    /// `unless_within`.
    UnlessWithin,
    /// `substring`.
    Substring,
}

/// One list of phrases of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum List {
    /// `any`.
    Any,
    /// `all[g]`: one group of `all`.
    Group(usize),
    /// `unless`.
    Unless,
    /// `unless_before`.
    UnlessBefore,
}

impl fmt::Display for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            List::Any => f.write_str("any"),
            List::Group(g) => write!(f, "all[{g}]"),
            List::Unless => f.write_str("unless"),
            List::UnlessBefore => f.write_str("unless_before"),
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Field::PackName => f.write_str("pack.name"),
            Field::PackVersion => f.write_str("pack.version"),
            Field::Language(i) => write!(f, "pack.language[{i}]"),
            Field::Rules => f.write_str("rule"),
            Field::Id => f.write_str("id"),
            Field::Category => f.write_str("category"),
            Field::Severity => f.write_str("severity"),
            Field::Scope => f.write_str("scope"),
            Field::All => f.write_str("all"),
            Field::List(list) => list.fmt(f),
            Field::Phrase(list, i) => write!(f, "{list}[{i}]"),
            Field::Within => f.write_str("within"),
            Field::UnlessWithin => f.write_str("unless_within"),
            Field::Substring => f.write_str("substring"),
        }
    }
}

/// What is wrong with a pack, and in which field.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    /// [`ErrorKind::PackInvalid`], or [`ErrorKind::LimitExceeded`] for a phrase over the limits.
    pub(super) kind: ErrorKind,
    pub(super) field: Field,
    pub(super) message: String,
}

impl Problem {
    pub(super) fn new(kind: ErrorKind, field: Field, message: impl Into<String>) -> Problem {
        Problem { kind, field, message: message.into() }
    }

    fn invalid(field: Field, message: impl Into<String>) -> Problem {
        Problem::new(ErrorKind::PackInvalid, field, message)
    }

    /// The error, naming the field; the reader adds the file, line and rule it knows.
    pub(crate) fn into_error(self) -> Error {
        Error::new(self.kind, self.message).in_field(self.field.to_string())
    }
}

/// Which of a rule's optional fields its pack writes, where that decides: a word window with
/// nothing to apply to is refused, and so is an `all` of fewer than two groups; and the word
/// windows as written, checked with the rest of the rule (after the phrases before them), so
/// that of several faults the first in the rule's order is reported. TOML tells what is
/// written; compiled packs store every field, so there a field is written when it is not its
/// default.
#[derive(Clone, Copy, Debug)]
pub(super) struct Written {
    pub(super) all: bool,
    pub(super) within: Option<i64>,
    pub(super) unless_within: Option<i64>,
}

impl Written {
    /// What a compiled rule writes: the fields that are not their defaults.
    pub(super) fn by_value(rule: &Rule) -> Written {
        let written = |words: u32, default: u32| (words != default).then_some(i64::from(words));
        Written {
            all: !rule.all.is_empty(),
            within: written(rule.within, DEFAULT_WITHIN),
            unless_within: written(rule.unless_within, DEFAULT_UNLESS_WITHIN),
        }
    }
}

impl Rule {
    /// The rule's lists of phrases, in the order they are checked: `any`, each group of `all`,
    /// `unless`.
    pub(crate) fn phrase_lists(&self) -> impl Iterator<Item = (List, &[String])> {
        let groups = self.all.iter().enumerate().map(|(g, group)| (List::Group(g), group.as_slice()));
        std::iter::once((List::Any, self.any.as_slice()))
            .chain(groups)
            .chain(std::iter::once((List::Unless, self.unless.as_slice())))
            .chain(std::iter::once((List::UnlessBefore, self.unless_before.as_slice())))
    }
}

/// The pack's own fields: its name, version and languages.
pub(super) fn pack(pack: &RulePack) -> Result<(), Problem> {
    if let Some(problem) = name_problem("pack name", &pack.name, MAX_PACK_NAME) {
        return Err(Problem::invalid(Field::PackName, problem));
    }
    if !is_version(&pack.version) {
        let message = format!(
            "invalid version `{}`; expected MAJOR.MINOR.PATCH such as `1.0.0`, optionally with a \
             pre-release suffix such as `1.0.0-rc.1`",
            pack.version.escape_debug()
        );
        return Err(Problem::invalid(Field::PackVersion, message));
    }
    pack.language.iter().enumerate().try_for_each(|(i, code)| language(i, code))
}

/// The pack's `i`th language code: 2 or 3 lower-case ASCII letters (ISO 639-1 or -3).
pub(super) fn language(i: usize, code: &str) -> Result<(), Problem> {
    if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
        return Ok(());
    }
    let message = format!(
        "invalid language code `{}`; expected a 2 or 3 letter lowercase code such as `id` or `en`",
        code.escape_debug()
    );
    Err(Problem::invalid(Field::Language(i), message))
}

/// A pack has rules: one without any could only be a mistake.
pub(super) fn has_rules(count: usize) -> Result<(), Problem> {
    match count {
        0 => Err(Problem::invalid(Field::Rules, "the pack has no rules; add at least one `[[rule]]` table")),
        _ => Ok(()),
    }
}

/// `rule`'s id is its own in the pack: `ids` holds the ids of the rules before it, with the
/// lines they start on, and takes this one's.
pub(super) fn unique_id(ids: &mut HashMap<String, usize>, rule: &Rule) -> Result<(), Problem> {
    if let Some(first) = ids.get(&rule.id) {
        let message = format!("duplicate rule id; the first rule with this id starts on line {first}");
        return Err(Problem::invalid(Field::Id, message));
    }
    ids.insert(rule.id.clone(), rule.line);
    Ok(())
}

/// A rule's id, checked before anything else of the rule: the errors about its other fields
/// name it.
pub(super) fn rule_id(id: &str) -> Result<(), Problem> {
    match name_problem("rule id", id, MAX_RULE_ID) {
        Some(problem) => Err(Problem::invalid(Field::Id, problem)),
        None => Ok(()),
    }
}

/// The value of `field` (category, severity or scope) written `text`: `parse` reads it, `names`
/// lists the values there are.
pub(super) fn named<T>(
    field: Field,
    text: &str,
    parse: fn(&str) -> Option<T>,
    names: fn() -> String,
) -> Result<T, Problem> {
    parse(text).ok_or_else(|| {
        Problem::invalid(field, format!("unknown {field} `{}`; expected one of {}", text.escape_debug(), names()))
    })
}

/// A word window (`within`, `unless_within`) of `words` words, as written: an integer of any
/// type, since TOML has signed ones and the compiled form unsigned ones.
pub(super) fn window<N: Copy + fmt::Display + TryInto<u32>>(field: Field, words: N) -> Result<u32, Problem> {
    match words.try_into() {
        Ok(words) if WINDOW.contains(&words) => Ok(words),
        _ => {
            let (from, to) = (WINDOW.start(), WINDOW.end());
            Err(Problem::invalid(
                field,
                format!("`{field}` is {words}; expected a number of words from {from} to {to}"),
            ))
        }
    }
}

/// A rule's phrases and how its fields combine; of several faults the first in this order is
/// the one reported. A phrase longer than `limits` allow is refused here when they are given
/// (the parser's), so that its error names the phrase's own line; compiled packs give none,
/// and the screener built from them checks its own.
pub(super) fn rule(rule: &Rule, written: Written, limits: Option<&Limits>) -> Result<(), Problem> {
    phrases(List::Any, &rule.any, limits)?;
    if written.all {
        all(&rule.all, limits)?;
    }
    if rule.any.is_empty() && rule.all.is_empty() {
        let message = "the rule has no phrases; give a non-empty `any` list or `all` groups";
        return Err(Problem::invalid(Field::List(List::Any), message));
    }
    if let Some(words) = written.within {
        window(Field::Within, words)?;
        if rule.all.is_empty() {
            let message = "`within` applies only to `all` groups; remove it or add `all`";
            return Err(Problem::invalid(Field::Within, message));
        }
    }
    phrases(List::Unless, &rule.unless, limits)?;
    phrases(List::UnlessBefore, &rule.unless_before, limits)?;
    if let Some(words) = written.unless_within {
        window(Field::UnlessWithin, words)?;
    }
    if written.unless_within.is_some() && rule.unless.is_empty() && rule.unless_before.is_empty() {
        let message = "`unless_within` applies only to `unless` and `unless_before` phrases; remove it or add `unless`";
        return Err(Problem::invalid(Field::UnlessWithin, message));
    }
    options(rule)
}

/// `all` has no more groups than [`MAX_ALL_GROUPS`]. Also checked where a screener is built,
/// which counts groups in a byte and keeps one bit of a `u64` per group.
pub(crate) fn at_most_all_groups(groups: usize) -> Result<(), Problem> {
    if groups <= MAX_ALL_GROUPS {
        return Ok(());
    }
    let message = format!(
        "`all` has {groups} groups; at most {MAX_ALL_GROUPS} are allowed (one phrase of each must occur within \
         `within` words, at most 64)"
    );
    Err(Problem::invalid(Field::All, message))
}

/// The groups of `all`: 2 to [`MAX_ALL_GROUPS`], none empty, and no phrase in two of them.
fn all(groups: &[Vec<String>], limits: Option<&Limits>) -> Result<(), Problem> {
    if groups.len() < 2 {
        let message = format!(
            "`all` has {} group(s); it needs at least 2 (one phrase of each must occur within `within` words); \
             for a single group use `any`",
            groups.len()
        );
        return Err(Problem::invalid(Field::All, message));
    }
    at_most_all_groups(groups.len())?;
    // The first group of each phrase seen.
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        group_has_phrases(g, group)?;
        phrases(List::Group(g), group, limits)?;
        // One occurrence would fill both groups: `all` would fire on a lone phrase.
        for (i, phrase) in group.iter().enumerate() {
            if let Some(other) = group_of.insert(phrase, g) {
                let message = format!(
                    "phrase `{phrase}` is also in all[{other}]; one occurrence would fill both groups, so the rule \
                     would fire on it alone (put it in `any` instead)"
                );
                return Err(Problem::invalid(Field::Phrase(List::Group(g), i), message));
            }
        }
    }
    Ok(())
}

/// Group `g` of `all` has phrases.
pub(super) fn group_has_phrases(g: usize, group: &[String]) -> Result<(), Problem> {
    match group {
        [] => Err(Problem::invalid(
            Field::List(List::Group(g)),
            "empty phrase group; every group of `all` needs at least one phrase",
        )),
        _ => Ok(()),
    }
}

/// One list of phrases: each valid alone, none twice.
fn phrases(list: List, phrases: &[String], limits: Option<&Limits>) -> Result<(), Problem> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(phrases.len());
    for (i, text) in phrases.iter().enumerate() {
        phrase(list, i, text, limits)?;
        if let Some(first) = seen.get(text.as_str()) {
            let message = format!("duplicate phrase `{text}`; it is already {list}[{first}]");
            return Err(Problem::invalid(Field::Phrase(list, i), message));
        }
        seen.insert(text, i);
    }
    Ok(())
}

/// Phrase `i` of `list` alone, as stored: trimmed, not empty, one line of plain text, within
/// `limits` when they are given, and [`Phrase::parse`] reads it.
pub(super) fn phrase(list: List, i: usize, text: &str, limits: Option<&Limits>) -> Result<(), Problem> {
    let field = Field::Phrase(list, i);
    let message = if text.trim().is_empty() {
        "empty phrase; a phrase needs at least one non-space character".to_owned()
    } else if text.trim() != text {
        // The parser trims what it reads; only compiled packs written by hand get here.
        format!("phrase `{}` has white space at an end; phrases are stored trimmed", text.escape_debug())
    } else if let Some(c) = text.chars().find(|c| c.is_control()) {
        format!(
            "phrase `{}` contains the control character U+{:04X}; phrases are plain text on one line",
            text.escape_debug(),
            u32::from(c)
        )
    } else if let Some(problem) = limits.and_then(|limits| limits.phrase_problem(text.chars().count())) {
        return Err(Problem::new(ErrorKind::LimitExceeded, field, problem));
    } else if let Err(problem) = Phrase::parse(text) {
        problem
    } else {
        return Ok(());
    };
    Err(Problem::invalid(field, message))
}

/// `affixes` and `substring`, and the phrases whose own marks (`*`, `=`) say how they sit in a
/// word: rather than guess which wins where they disagree, the rule is refused.
fn options(rule: &Rule) -> Result<(), Problem> {
    if rule.affixes && rule.substring {
        let message = "`substring` and `affixes` cannot both be true; `substring` already matches inside words, \
                       `affixes` lets prefixes and suffixes attach at word boundaries";
        return Err(Problem::invalid(Field::Substring, message));
    }
    let option = [("affixes", rule.affixes), ("substring", rule.substring)].into_iter().find(|(_, on)| *on);
    if let Some((option, _)) = option {
        if let Some((field, phrase)) = first_phrase(rule, |phrase| phrase.is_attached()) {
            let message = format!(
                "phrase `{}` has a `*`, which cannot be used in a rule with `{option} = true`; move it to a rule \
                 without `{option}`",
                phrase.escape_debug()
            );
            return Err(Problem::invalid(field, message));
        }
    }
    // A `=` keeps a rule's affixes off one phrase; without affixes it would say nothing.
    if !rule.affixes {
        if let Some((field, phrase)) = first_phrase(rule, |phrase| phrase.is_exact()) {
            let message = format!(
                "phrase `{}` has a `=`, which keeps affixes off a phrase, but the rule has no `affixes = true`; \
                 remove the `=`",
                phrase.escape_debug()
            );
            return Err(Problem::invalid(field, message));
        }
    }
    Ok(())
}

/// The first phrase of `rule` that `marked` says has a mark: its field and text.
fn first_phrase(rule: &Rule, marked: fn(&Phrase<'_>) -> bool) -> Option<(Field, &str)> {
    rule.phrase_lists().find_map(|(list, phrases)| {
        phrases.iter().enumerate().find_map(|(i, text)| {
            let found = Phrase::parse(text).is_ok_and(|phrase| marked(&phrase));
            found.then_some((Field::Phrase(list, i), text.as_str()))
        })
    })
}

/// What is wrong with a pack name or rule id (`what`), if anything.
fn name_problem(what: &str, text: &str, max: usize) -> Option<String> {
    let len = text.chars().count();
    if len > max {
        Some(format!("{what} is {len} characters long; at most {max} are allowed"))
    } else if !is_name(text, max) {
        Some(format!(
            "invalid {what} `{}`; expected 1 to {max} characters of a-z, 0-9, `.`, `_`, `-`, \
             starting with a letter or digit",
            text.escape_debug()
        ))
    } else {
        None
    }
}

/// `[a-z0-9][a-z0-9._-]*`, at most `max` characters.
fn is_name(text: &str, max: usize) -> bool {
    let mut bytes = text.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    first_ok && text.len() <= max && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// `MAJOR.MINOR.PATCH` (digits, no leading zeros), optionally `-pre` where `pre` is
/// dot-separated non-empty identifiers of ASCII letters, digits and `-` (as in SemVer 2.0,
/// without build metadata).
pub(crate) fn is_version(text: &str) -> bool {
    let (core, pre) = match text.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (text, None),
    };
    let number = |part: &str| {
        !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) && (part == "0" || !part.starts_with('0'))
    };
    let parts: Vec<&str> = core.split('.').collect();
    let pre_ok = match pre {
        None => true,
        Some(pre) => {
            pre.split('.').all(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        }
    };
    parts.len() == 3 && parts.iter().all(|part| number(part)) && pre_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        for good in ["0.0.0", "1.2.3", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha-2", "1.0.0-0"] {
            assert!(is_version(good), "{good}");
        }
        for bad in
            ["", "1", "1.0", "1.0.0.0", "v1.0.0", "1.0.0-", "1.0.0-a..b", "01.0.0", "1.0.0+b", "1.x.0", "1.0.0-é"]
        {
            assert!(!is_version(bad), "{bad}");
        }
    }

    #[test]
    fn names() {
        for good in ["a", "0", "terrorism", "t.call-to_attack.2"] {
            assert!(is_name(good, 64), "{good}");
        }
        for bad in ["", "A", ".a", "-a", "_a", "a b", "a/b", "á"] {
            assert!(!is_name(bad, 64), "{bad}");
        }
        assert!(is_name(&"a".repeat(64), 64));
        assert!(!is_name(&"a".repeat(65), 64));
    }

    #[test]
    fn fields_read_as_errors_name_them() {
        let fields = [
            (Field::PackName, "pack.name"),
            (Field::Language(2), "pack.language[2]"),
            (Field::Rules, "rule"),
            (Field::List(List::Group(1)), "all[1]"),
            (Field::Phrase(List::Group(1), 0), "all[1][0]"),
            (Field::Phrase(List::Any, 3), "any[3]"),
            (Field::Phrase(List::Unless, 0), "unless[0]"),
            (Field::UnlessWithin, "unless_within"),
        ];
        for (field, name) in fields {
            assert_eq!(field.to_string(), name);
        }
    }

    #[test]
    fn windows_of_either_integer_type_are_judged_alike() {
        assert_eq!(window(Field::Within, 64i64), Ok(64));
        assert_eq!(window(Field::Within, 1usize), Ok(1));
        let bad = [
            (window(Field::Within, -1i64), "-1"),
            (window(Field::Within, 65usize), "65"),
            // Past `u32`, where a careless conversion would wrap to 0.
            (window(Field::Within, 1u64 << 32), "4294967296"),
        ];
        for (bad, says) in bad {
            let problem = bad.unwrap_err();
            assert_eq!(problem.message, format!("`within` is {says}; expected a number of words from 1 to 64"));
        }
    }
}
