//! Reading a rule pack from TOML: the raw schema (serde), and the locating of every error at
//! a file, line, rule and field.
//!
//! Parsing happens in two steps. serde deserializes the text into raw structs whose fields
//! are wrapped in [`toml::Spanned`], so every value keeps its byte span; schema errors
//! (bad TOML, unknown fields, wrong types, missing fields) come out of this step as
//! [`ErrorKind::PackSyntax`]. Then [`Checker`] builds the [`RulePack`] and runs on it the
//! checks that compiled packs get too ([`check`]); what they find is
//! [`ErrorKind::PackInvalid`] (or [`ErrorKind::LimitExceeded`] for a pack over the
//! [`Limits`]), located at the span of the value of the field at fault.
//!
//! A serde error only carries a span and a message. To name the rule and field of a schema
//! error, the text is parsed a second time — only on that error path — into a [`Node`] tree
//! that keeps the span of every value, and the error's span is looked up in it.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use super::check::{self, Field, List, Problem, Written};
use super::{Category, Rule, RulePack, RuleScope, Severity, DEFAULT_UNLESS_WITHIN, DEFAULT_WITHIN};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;

impl RulePack {
    /// Parses and validates a rule pack from TOML text.
    ///
    /// Errors name the line, and where it applies the rule id and field at fault, but no
    /// file; use [`RulePack::from_toml_named`] or [`RulePack::from_toml_file`] to have them
    /// name one. TOML and schema errors (unknown or missing fields, wrong types) are
    /// [`ErrorKind::PackSyntax`]; values that break the rules of the format are
    /// [`ErrorKind::PackInvalid`]; a pack over one of the default [`Limits`] (size, rules,
    /// phrases, phrase length) is [`ErrorKind::LimitExceeded`].
    /// Field names index arrays from 0: `all[1][0]` is the first phrase of the second group.
    ///
    /// Phrases (`any`, `all`, `unless`) are stored trimmed of surrounding white space.
    /// [`Rule::line`] is the line of the rule's `[[rule]]` header (for a rule written as an
    /// inline table, `rule = [{ … }]`, the line of its `{`).
    ///
    /// ```
    /// use saring::{Category, RulePack, Severity};
    ///
    /// let pack = RulePack::from_toml(r#"
    /// [pack]
    /// name = "example"
    /// version = "1.0.0"
    ///
    /// [[rule]]
    /// id = "example.call-to-attack"
    /// category = "terrorism"
    /// severity = "block"
    /// all = [["serang", "serbu"], ["gereja", "polsek"]]
    /// unless = ["mengutuk"]
    /// "#)?;
    /// assert_eq!(pack.name(), "example");
    /// let rule = &pack.rules()[0];
    /// assert_eq!(rule.category(), Category::Terrorism);
    /// assert_eq!(rule.severity(), Severity::Block);
    /// assert_eq!(rule.line(), 6);
    ///
    /// let err = RulePack::from_toml(r#"
    /// [pack]
    /// name = "example"
    /// version = "1.0.0"
    ///
    /// [[rule]]
    /// id = "example.x"
    /// category = "terrorism"
    /// severity = "blocker"
    /// any = ["x"]
    /// "#).unwrap_err();
    /// assert_eq!(err.line(), Some(9));
    /// assert_eq!(err.rule(), Some("example.x"));
    /// assert_eq!(err.field(), Some("severity"));
    /// assert_eq!(
    ///     err.to_string(),
    ///     "line 9: rule `example.x`: field `severity`: \
    ///      unknown severity `blocker`; expected one of warn, review, block",
    /// );
    /// # Ok::<(), saring::Error>(())
    /// ```
    pub fn from_toml(text: &str) -> Result<RulePack, Error> {
        RulePack::from_toml_with(text, None, &Limits::default())
    }

    /// Parses and validates a rule pack from TOML text under the given [`Limits`]; errors name
    /// `file` when there is one, which also becomes the pack's [`source`](RulePack::source).
    pub fn from_toml_with(text: &str, file: Option<&str>, limits: &Limits) -> Result<RulePack, Error> {
        let parsed = limits.check_pack_bytes(text.len() as u64).and_then(|()| parse(text, file, limits));
        match file {
            Some(file) => parsed.map_err(|err| err.in_file(file)),
            None => parsed,
        }
    }

    /// Parses and validates a rule pack from TOML text read from `file`.
    ///
    /// Like [`RulePack::from_toml`], but errors name `file`, and the pack's
    /// [`source`](RulePack::source) is `file`.
    ///
    /// ```
    /// use saring::{ErrorKind, RulePack};
    ///
    /// let text = "[pack]\nname = \"example\"\nversion = \"1.0\"\n";
    /// let err = RulePack::from_toml_named("packs/example.toml", text).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::PackInvalid);
    /// assert_eq!(err.field(), Some("pack.version"));
    /// assert!(err.to_string().starts_with("packs/example.toml:3: field `pack.version`: "));
    ///
    /// let text = "[pack]\nname = \"example\"\nversion = \"1.0.0\"\n\
    ///             [[rule]]\nid = \"example.a\"\ncategory = \"spam\"\nseverity = \"warn\"\n\
    ///             any = [\"promo\"]\n";
    /// let pack = RulePack::from_toml_named("packs/example.toml", text)?;
    /// assert_eq!(pack.source(), Some("packs/example.toml"));
    /// # Ok::<(), saring::Error>(())
    /// ```
    pub fn from_toml_named(file: &str, text: &str) -> Result<RulePack, Error> {
        RulePack::from_toml_with(text, Some(file), &Limits::default())
    }

    /// Reads, parses and validates a rule pack from a TOML file.
    ///
    /// Errors name the path as given. A file that cannot be read is [`ErrorKind::Io`] (with
    /// no line); a file that is not UTF-8 is [`ErrorKind::PackSyntax`] at the line of the
    /// first bad byte; otherwise as [`RulePack::from_toml`].
    ///
    /// ```
    /// use saring::{ErrorKind, RulePack};
    ///
    /// let path = std::env::temp_dir().join("saring-from-toml-file-example.toml");
    /// std::fs::write(&path, "[pack]\nname = \"example\"\nversion = \"1.0.0\"\n\
    ///     [[rule]]\nid = \"example.a\"\ncategory = \"spam\"\nseverity = \"warn\"\n\
    ///     any = [\"promo\"]\n").unwrap();
    /// let pack = RulePack::from_toml_file(&path)?;
    /// assert_eq!(pack.rules()[0].id(), "example.a");
    /// assert_eq!(pack.source(), Some(path.display().to_string().as_str()));
    /// std::fs::remove_file(&path).unwrap();
    ///
    /// let err = RulePack::from_toml_file("no/such/pack.toml").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::Io);
    /// assert_eq!(err.file(), Some("no/such/pack.toml"));
    /// # Ok::<(), saring::Error>(())
    /// ```
    pub fn from_toml_file(path: impl AsRef<Path>) -> Result<RulePack, Error> {
        RulePack::from_toml_file_with(path, &Limits::default())
    }

    /// Reads, parses and validates a rule pack from a TOML file under the given [`Limits`]; a
    /// file over [`Limits::max_pack_bytes`] is refused before it is read.
    pub fn from_toml_file_with(path: impl AsRef<Path>, limits: &Limits) -> Result<RulePack, Error> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let io_error =
            |err: std::io::Error| Error::new(ErrorKind::Io, format!("cannot read rule pack: {err}")).in_file(&file);
        let size = std::fs::metadata(path).map_err(io_error)?.len();
        limits.check_pack_bytes(size).map_err(|err| err.in_file(&file))?;
        let bytes = std::fs::read(path).map_err(io_error)?;
        let text = String::from_utf8(bytes).map_err(|err| {
            let bad = err.utf8_error().valid_up_to();
            let line = Lines::new(err.as_bytes()).line(bad);
            Error::new(ErrorKind::PackSyntax, "not valid UTF-8; rule packs must be UTF-8 text")
                .in_file(&file)
                .at_line(line)
        })?;
        RulePack::from_toml_with(&text, Some(&file), limits)
    }
}

/// Parses `text`; `source` becomes [`RulePack::source`]. Errors carry no file name.
fn parse(text: &str, source: Option<&str>, limits: &Limits) -> Result<RulePack, Error> {
    let lines = Lines::new(text.as_bytes());
    let raw: RawFile = toml::from_str(text).map_err(|err| schema_error(text, &lines, &err))?;
    let checker = Checker { text, lines: &lines, limits };
    let mut pack = checker.pack(raw, source)?;
    pack.sha256 = super::sha256_hex(text.as_bytes());
    pack.source_bytes = text.len();
    Ok(pack)
}

// ---------------------------------------------------------------------------------------------
// The raw schema.

/// The whole file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    // Not `Spanned`: a `[pack]` made of dotted keys (`pack.name = …`) has no span.
    pack: Option<RawPack>,
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

/// The `[pack]` table, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    name: Spanned<String>,
    version: Spanned<String>,
    language: Option<Vec<Spanned<String>>>,
    description: Option<String>,
}

/// A list of phrases, each with its span.
type RawPhrases = Spanned<Vec<Spanned<String>>>;

/// One `[[rule]]` table, as written. Names and numbers are kept as strings and `i64` so
/// that the checker, not serde, judges them and says what is allowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    category: Spanned<String>,
    severity: Spanned<String>,
    description: Option<String>,
    any: Option<RawPhrases>,
    all: Option<Spanned<Vec<RawPhrases>>>,
    within: Option<Spanned<i64>>,
    unless: Option<RawPhrases>,
    unless_before: Option<RawPhrases>,
    unless_within: Option<Spanned<i64>>,
    affixes: Option<Spanned<bool>>,
    substring: Option<Spanned<bool>>,
    scope: Option<Spanned<String>>,
    #[serde(rename = "match")]
    examples_match: Option<Vec<String>>,
    no_match: Option<Vec<String>>,
}

// ---------------------------------------------------------------------------------------------
// Lines.

/// Byte offsets of line starts, to turn spans into 1-based lines.
struct Lines {
    /// Offsets of the bytes just after each `\n`.
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &[u8]) -> Lines {
        let starts = text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1);
        Lines { starts: starts.collect() }
    }

    /// The 1-based line of byte offset `pos`.
    fn line(&self, pos: usize) -> usize {
        self.starts.partition_point(|&start| start <= pos) + 1
    }
}

// ---------------------------------------------------------------------------------------------
// Validation.

/// Builds the pack from the raw values, runs on it the checks every pack gets ([`check`]) and
/// locates what they find at the line of the value at fault.
struct Checker<'a> {
    text: &'a str,
    lines: &'a Lines,
    limits: &'a Limits,
}

impl Checker<'_> {
    /// `problem` as an error at the line of `span`, in `rule` when it is known.
    fn error(&self, problem: Problem, span: &Range<usize>, rule: Option<&str>) -> Error {
        let err = problem.into_error().at_line(self.lines.line(span.start));
        match rule {
            Some(rule) => err.in_rule(rule),
            None => err,
        }
    }

    fn pack(&self, raw: RawFile, source: Option<&str>) -> Result<RulePack, Error> {
        let Some(raw_pack) = raw.pack else {
            return Err(Error::new(
                ErrorKind::PackSyntax,
                "missing `[pack]` table; a pack starts with `[pack]` giving its `name` and \
                 `version`",
            )
            .at_line(1)
            .in_field("pack"));
        };
        let mut pack = RulePack {
            name: raw_pack.name.get_ref().clone(),
            version: raw_pack.version.get_ref().clone(),
            language: raw_pack.language.iter().flatten().map(|code| code.get_ref().clone()).collect(),
            description: raw_pack.description.clone().unwrap_or_default(),
            source: source.map(str::to_owned),
            sha256: String::new(),
            source_bytes: 0,
            rules: Vec::with_capacity(raw.rule.len()),
        };
        check::pack(&pack).map_err(|problem| {
            let span = pack_span(&raw_pack, problem.field);
            self.error(problem, &span, None)
        })?;

        if let Err(mut problem) = check::has_rules(raw.rule.len()) {
            // In TOML a pack without rules is a matter of the file's shape, as one without `[pack]` is.
            problem.kind = ErrorKind::PackSyntax;
            return Err(problem.into_error().at_line(self.lines.line(self.text.trim_end().len())));
        }
        if let Some(problem) = self.limits.rules_problem(raw.rule.len()) {
            let extra = &raw.rule[self.limits.max_rules_per_pack];
            return Err(self.error(Problem::new(ErrorKind::LimitExceeded, Field::Rules, problem), &extra.span(), None));
        }

        let mut ids = HashMap::with_capacity(raw.rule.len());
        let mut phrases = 0;
        for raw_rule in raw.rule {
            let id_span = raw_rule.get_ref().id.span();
            let header = raw_rule.span();
            let rule = self.rule(raw_rule)?;
            phrases += rule.phrase_count();
            if let Some(problem) = self.limits.pack_phrases_problem(phrases) {
                let line = self.lines.line(header.start);
                return Err(Error::new(ErrorKind::LimitExceeded, problem).at_line(line).in_rule(&rule.id));
            }
            check::unique_id(&mut ids, &rule).map_err(|problem| self.error(problem, &id_span, Some(&rule.id)))?;
            pack.rules.push(rule);
        }
        Ok(pack)
    }

    fn rule(&self, raw: Spanned<RawRule>) -> Result<Rule, Error> {
        let header = raw.span();
        let mut raw = raw.into_inner();
        check::rule_id(raw.id.get_ref()).map_err(|problem| self.error(problem, &raw.id.span(), None))?;
        let written = Written {
            all: raw.all.is_some(),
            within: raw.within.as_ref().map(|words| *words.get_ref()),
            unless_within: raw.unless_within.as_ref().map(|words| *words.get_ref()),
        };
        let rule = build(&mut raw, self.lines.line(header.start))
            .and_then(|rule| check::rule(&rule, written, Some(self.limits)).map(|()| rule));
        rule.map_err(|problem| {
            let span = rule_span(&raw, &header, problem.field);
            self.error(problem, &span, Some(raw.id.get_ref()))
        })
    }
}

/// The rule `raw` writes, each value read but the rule not yet checked as a whole; `line` is
/// its header's. Takes the text that is only kept (description, examples) out of `raw`, whose
/// spans still locate the rule's errors.
fn build(raw: &mut RawRule, line: usize) -> Result<Rule, Problem> {
    // A window out of bounds is reported by `check::rule`, after the phrases before it.
    let window = |field, words: &Option<Spanned<i64>>, default| {
        words.as_ref().and_then(|words| check::window(field, *words.get_ref()).ok()).unwrap_or(default)
    };
    // Read in this order, so that of a rule's faults the first is reported: the same one every time.
    Ok(Rule {
        id: raw.id.get_ref().clone(),
        category: check::named(Field::Category, raw.category.get_ref(), Category::parse, Category::names)?,
        severity: check::named(Field::Severity, raw.severity.get_ref(), Severity::parse, Severity::names)?,
        scope: match &raw.scope {
            None => RuleScope::Any,
            Some(scope) => check::named(Field::Scope, scope.get_ref(), RuleScope::parse, RuleScope::names)?,
        },
        within: window(Field::Within, &raw.within, DEFAULT_WITHIN),
        unless_within: window(Field::UnlessWithin, &raw.unless_within, DEFAULT_UNLESS_WITHIN),
        description: raw.description.take().unwrap_or_default(),
        any: trimmed(raw.any.as_ref()),
        all: raw.all.as_ref().map_or_else(Vec::new, |all| all.get_ref().iter().map(|g| trimmed(Some(g))).collect()),
        unless: trimmed(raw.unless.as_ref()),
        unless_before: trimmed(raw.unless_before.as_ref()),
        affixes: raw.affixes.as_ref().is_some_and(|on| *on.get_ref()),
        substring: raw.substring.as_ref().is_some_and(|on| *on.get_ref()),
        examples_match: raw.examples_match.take().unwrap_or_default(),
        examples_no_match: raw.no_match.take().unwrap_or_default(),
        line,
    })
}

/// A list of phrases as stored: trimmed of surrounding white space.
fn trimmed(phrases: Option<&RawPhrases>) -> Vec<String> {
    phrases.map_or_else(Vec::new, |phrases| phrases.get_ref().iter().map(|p| p.get_ref().trim().to_owned()).collect())
}

/// Where the value of `field` of the `[pack]` table is written.
fn pack_span(raw: &RawPack, field: Field) -> Range<usize> {
    let language = |i| raw.language.as_deref().and_then(|codes| codes.get(i)).map(Spanned::span);
    match field {
        Field::PackVersion => raw.version.span(),
        Field::Language(i) => language(i).unwrap_or_else(|| raw.name.span()),
        // And for a field the pack's checks never name.
        _ => raw.name.span(),
    }
}

/// Where the value of `field` of the rule `raw` is written: the rule's header (`header`) when
/// the rule does not write the field, as for a rule without phrases.
fn rule_span(raw: &RawRule, header: &Range<usize>, field: Field) -> Range<usize> {
    let list = |list: List| match list {
        List::Any => raw.any.as_ref(),
        List::Group(g) => raw.all.as_ref().and_then(|all| all.get_ref().get(g)),
        List::Unless => raw.unless.as_ref(),
        List::UnlessBefore => raw.unless_before.as_ref(),
    };
    let span = match field {
        Field::Id => Some(raw.id.span()),
        Field::Category => Some(raw.category.span()),
        Field::Severity => Some(raw.severity.span()),
        Field::Scope => raw.scope.as_ref().map(Spanned::span),
        Field::All => raw.all.as_ref().map(Spanned::span),
        Field::List(l) => list(l).map(Spanned::span),
        Field::Phrase(l, i) => list(l).and_then(|phrases| phrases.get_ref().get(i)).map(Spanned::span),
        Field::Within => raw.within.as_ref().map(Spanned::span),
        Field::UnlessWithin => raw.unless_within.as_ref().map(Spanned::span),
        Field::Substring => raw.substring.as_ref().map(Spanned::span),
        Field::PackName | Field::PackVersion | Field::Language(_) | Field::Rules => None,
    };
    span.unwrap_or_else(|| header.clone())
}

// ---------------------------------------------------------------------------------------------
// Locating schema errors.

/// Turns a TOML or schema error from serde into an [`Error`] with line, rule and field.
fn schema_error(text: &str, lines: &Lines, err: &toml::de::Error) -> Error {
    let message = one_line(err.message());
    let pos = err.span().map_or(0, |span| span.start);
    let mut out = Error::new(ErrorKind::PackSyntax, tidy(&message)).at_line(lines.line(pos));
    // `unknown field` and `missing field` errors name their field in the message; the span
    // of an unknown field is its key, that of a missing field its table.
    let named = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    // A second parse, into a tree that keeps every span, finds the rule and the path.
    // It fails on bad TOML (then there is no rule or field to name) and on a few
    // constructs that carry no span (implicit tables); then only the message's field is named.
    let Ok(Node::Table(root)) = toml::from_str::<Node>(text) else {
        return match named {
            Some(field) => out.in_field(field),
            None => out,
        };
    };
    let mut path = Vec::new();
    let mut rule_id = None;
    let mut entries = &root;
    // Descend through tables and arrays to the innermost value holding `pos`.
    'tables: loop {
        let holding = entries.iter().find(|(_, value)| value.span().contains(&pos));
        // A `[rule.x]` section belongs to the last `[[rule]]` before it, yet lies outside the
        // spans of `rule` and of that table: at the top, fall back to the last rule table
        // that starts before `pos`.
        let mut fallback = false;
        let (key, mut node) = match holding {
            Some((key, value)) => (key, value.get_ref()),
            // The parser may span a `[table]` by its header alone: then too, the value at
            // `pos` belongs to the last table that starts before it.
            None if path.is_empty() => {
                match entries.iter().filter(|(_, value)| value.span().start <= pos).max_by_key(|(_, v)| v.span().start)
                {
                    Some((key, value)) => {
                        fallback = true;
                        (key, value.get_ref())
                    }
                    None => break,
                }
            }
            None => break,
        };
        path.push(Segment::Key(key.as_str()));
        while let Node::Array(items) = node {
            let mut holding = items.iter().enumerate().find(|(_, v)| v.span().contains(&pos));
            if holding.is_none() && fallback {
                let tables = items.iter().enumerate();
                holding =
                    tables.filter(|(_, v)| matches!(v.get_ref(), Node::Table(_))).rfind(|(_, v)| v.span().start <= pos);
            }
            let Some((i, item)) = holding else {
                break 'tables;
            };
            fallback = false;
            path.push(Segment::Index(i));
            node = item.get_ref();
        }
        if path.len() == 2 && path[0] == Segment::Key("rule") {
            rule_id = node.get("id");
        }
        match node {
            Node::Table(inner) => entries = inner,
            _ => break,
        }
    }
    if let [Segment::Key("pack"), Segment::Index(_), ..] = path.as_slice() {
        // serde reads a struct from an array too, and then complains about its first field.
        return Error::new(ErrorKind::PackSyntax, "`pack` must be one `[pack]` table, not an array such as `[[pack]]`")
            .at_line(lines.line(pos))
            .in_field("pack");
    }
    let mut field = String::new();
    let rest = match path.as_slice() {
        [Segment::Key("rule"), Segment::Index(_), rest @ ..] => rest,
        [Segment::Key("pack"), ..] => {
            field.push_str("pack");
            &path[1..]
        }
        rest => rest,
    };
    for segment in rest {
        match segment {
            Segment::Key(key) if field.is_empty() => field.push_str(key),
            Segment::Key(key) => {
                field.push('.');
                field.push_str(key);
            }
            Segment::Index(i) => field.push_str(&format!("[{i}]")),
        }
    }
    // The path of an unknown field already ends at its key; a missing one is appended.
    if let Some(named) = named {
        if rest.last() != Some(&Segment::Key(named)) {
            if !field.is_empty() {
                field.push('.');
            }
            field.push_str(named);
        }
    }
    if let Some(id) = rule_id {
        out = out.in_rule(id);
    }
    if !field.is_empty() {
        out = out.in_field(field);
    }
    out
}

/// toml's messages may span lines (`invalid key\nexpected ...`); joins them with `; `.
fn one_line(message: &str) -> String {
    let lines: Vec<&str> = message.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("; ")
}

/// Says serde's type names in TOML words.
fn tidy(message: &str) -> String {
    message
        .replace("expected i64", "expected an integer")
        .replace("a sequence", "an array")
        .replace("invalid type: sequence", "invalid type: array")
        .replace("invalid type: map", "invalid type: table")
        .replace("struct RawRule", "a table")
        .replace("struct RawPack", "a table")
        .replace("missing field", "missing required field")
}

/// One step of a path into the TOML tree.
#[derive(Debug, PartialEq, Eq)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// Any TOML value with the spans of its parts; only built to locate a schema error.
enum Node {
    Table(Vec<(String, Spanned<Node>)>),
    Array(Vec<Spanned<Node>>),
    String(String),
    /// Numbers, booleans and dates: nothing to descend into.
    Other,
}

impl Node {
    /// The string value of `key` when this is a table holding one.
    fn get(&self, key: &str) -> Option<&str> {
        match self {
            Node::Table(entries) => entries.iter().find_map(|(k, v)| match v.get_ref() {
                Node::String(s) if k == key => Some(s.as_str()),
                _ => None,
            }),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any TOML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Other)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            // toml hands a date-time to serde as a map with one private key.
            if key.starts_with("$__toml_private") {
                map.next_value::<IgnoredAny>()?;
                return Ok(Node::Other);
            }
            entries.push((key, map.next_value()?));
        }
        Ok(Node::Table(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::check::MAX_RULE_ID;

    const HEAD: &str = "[pack]\nname = \"t\"\nversion = \"1.0.0\"\n\n";

    /// A pack whose first `[[rule]]` header is on line 5.
    fn pack(rules: &str) -> String {
        format!("{HEAD}{rules}")
    }

    /// A rule `t.a` whose header is on line 5; `body` starts on line 9.
    fn rule(body: &str) -> String {
        pack(&format!("[[rule]]\nid = \"t.a\"\ncategory = \"terrorism\"\nseverity = \"block\"\n{body}"))
    }

    #[test]
    fn full_pack_keeps_every_field() {
        let text = r#"# A pack.
[pack]
name = "example"
version = "1.2.3-rc.1"
language = ["id", "en"]
description = "An example."

[[rule]]
id = "example.call"
category = "terrorism"
severity = "block"
description = "A call to attack."
any = ["  bom bunuh diri ", "amaliyah"]
all = [["serang", "serbu"], ["gereja", "polsek"]]
within = 5
unless = ["menolak", "mengutuk"]
unless_before = ["jangan"]
unless_within = 3
affixes = true
scope = "public"
match = ["serang gereja itu"]
no_match = ["menolak serangan"]

[[rule]] # defaults
id = "example.spam"
category = "spam"
severity = "warn"
any = ["promo"]
"#;
        let pack = RulePack::from_toml_named("packs/example.toml", text).unwrap();
        assert_eq!(pack.name(), "example");
        assert_eq!(pack.version(), "1.2.3-rc.1");
        assert_eq!(pack.language(), ["id", "en"]);
        assert_eq!(pack.description(), "An example.");
        assert_eq!(pack.source(), Some("packs/example.toml"));
        assert_eq!(pack.rules().len(), 2);

        let full = &pack.rules()[0];
        assert_eq!(full.id(), "example.call");
        assert_eq!(full.category(), Category::Terrorism);
        assert_eq!(full.severity(), Severity::Block);
        assert_eq!(full.description(), "A call to attack.");
        assert_eq!(full.any(), ["bom bunuh diri", "amaliyah"]);
        assert_eq!(full.all(), [vec!["serang", "serbu"], vec!["gereja", "polsek"]]);
        assert_eq!(full.within(), 5);
        assert_eq!(full.unless(), ["menolak", "mengutuk"]);
        assert_eq!(full.unless_before(), ["jangan"]);
        assert_eq!(full.unless_within(), 3);
        assert!(full.affixes());
        assert!(!full.substring());
        assert_eq!(full.scope(), RuleScope::Public);
        assert_eq!(full.examples_match(), ["serang gereja itu"]);
        assert_eq!(full.examples_no_match(), ["menolak serangan"]);
        assert_eq!(full.line(), 8);

        let plain = &pack.rules()[1];
        assert_eq!(plain.id(), "example.spam");
        assert_eq!(plain.category(), Category::Spam);
        assert_eq!(plain.severity(), Severity::Warn);
        assert_eq!(plain.description(), "");
        assert_eq!(plain.any(), ["promo"]);
        assert!(plain.all().is_empty());
        assert_eq!(plain.within(), DEFAULT_WITHIN);
        assert!(plain.unless().is_empty());
        assert!(plain.unless_before().is_empty());
        assert_eq!(plain.unless_within(), DEFAULT_UNLESS_WITHIN);
        assert!(!plain.affixes());
        assert!(!plain.substring());
        assert_eq!(plain.scope(), RuleScope::Any);
        assert!(plain.examples_match().is_empty());
        assert!(plain.examples_no_match().is_empty());
        assert_eq!(plain.line(), 24);
    }

    /// Of several faults the first in the rule's order is reported: a phrase before the window
    /// written after it, as the rule reads.
    #[test]
    fn of_two_faults_the_first_in_the_rule_is_reported() {
        let err = RulePack::from_toml(&rule("all = [[\"a\"], [\"b\", \"\"]]\nwithin = 99\n")).unwrap_err();
        assert_eq!(err.field(), Some("all[1][1]"), "{err}");
        let err = RulePack::from_toml(&rule("any = [\"a\"]\nunless = [\"\"]\nunless_within = 0\n")).unwrap_err();
        assert_eq!(err.field(), Some("unless[0]"), "{err}");
        let err = RulePack::from_toml(&rule("any = [\"a\"]\nunless_before = [\"\"]\n")).unwrap_err();
        assert_eq!((err.field(), err.line()), (Some("unless_before[0]"), Some(10)), "{err}");
        let err = RulePack::from_toml(&rule("any = [\"a\"]\nunless = [\"b\"]\nunless_within = 0\n")).unwrap_err();
        assert_eq!((err.field(), err.line()), (Some("unless_within"), Some(11)), "{err}");
    }

    #[test]
    fn minimal_pack_has_defaults_and_no_source() {
        let pack = RulePack::from_toml(&rule("any = [\"x\"]\n")).unwrap();
        assert_eq!(pack.language(), [] as [String; 0]);
        assert_eq!(pack.description(), "");
        assert_eq!(pack.source(), None);
        assert_eq!(pack.rules()[0].line(), 5);
    }

    #[test]
    fn inline_rule_tables_are_located_at_their_table() {
        let text = "pack = { name = \"t\", version = \"1.0.0\" }\nrule = [\n  { id = \"t.a\", \
                    category = \"spam\", severity = \"warn\", any = [\"x\"] },\n  { id = \"t.b\", \
                    category = \"spam\", severity = \"warn\", any = [\"y\"] },\n]\n";
        let pack = RulePack::from_toml(text).unwrap();
        let lines: Vec<usize> = pack.rules().iter().map(Rule::line).collect();
        assert_eq!(lines, [3, 4]);
    }

    #[test]
    fn the_default_packs_parse() {
        for name in ["terrorism", "gambling"] {
            let path = format!("{}/rules/{name}.toml", env!("CARGO_MANIFEST_DIR"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                if let Err(err) = RulePack::from_toml_named(&path, &text) {
                    panic!("{err}");
                }
            }
        }
    }

    struct Case {
        name: &'static str,
        text: String,
        kind: ErrorKind,
        line: usize,
        rule: Option<&'static str>,
        field: Option<&'static str>,
        /// A part of the message.
        says: &'static str,
    }

    fn case(
        name: &'static str,
        kind: ErrorKind,
        line: usize,
        rule: Option<&'static str>,
        field: Option<&'static str>,
        says: &'static str,
        text: String,
    ) -> Case {
        Case { name, text, kind, line, rule, field, says }
    }

    /// Each case: name, kind, line, rule, field, part of the message; then the pack text.
    #[rustfmt::skip]
    fn error_cases() -> Vec<Case> {
        use ErrorKind::{LimitExceeded, PackInvalid as Invalid, PackSyntax as Syntax};
        let t = Some("t.a");
        let limits = Limits::default();
        let long_phrase = "x".repeat(limits.max_phrase_chars + 1);
        let long_id = format!("t.{}", "a".repeat(MAX_RULE_ID));
        let mut many = String::from(HEAD);
        for i in 0..=limits.max_rules_per_pack {
            many.push_str(&format!(
                "[[rule]]\nid = \"r{i}\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"x\"]\n"
            ));
        }
        vec![
            // TOML syntax.
            case("unterminated string", Syntax, 9, None, None, "unclosed",
                rule("any = [\"bom\n")),
            case("bad key", Syntax, 7, None, None, "",
                pack("[[rule]]\nid = \"t.a\"\n= 3\n")),
            case("duplicate key", Syntax, 10, None, None, "duplicate key",
                rule("any = [\"x\"]\nany = [\"y\"]\n")),
            case("unclosed header", Syntax, 1, None, None, "",
                "[pack\n".into()),
            // The shape of the file.
            case("empty file", Syntax, 1, None, Some("pack"), "missing `[pack]`",
                String::new()),
            case("no pack", Syntax, 1, None, Some("pack"), "[pack]",
                "[[rule]]\nid = \"t.a\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"x\"]\n".into()),
            case("no rules", Syntax, 3, None, Some("rule"), "[[rule]]",
                HEAD.into()),
            case("rule is a table", Syntax, 5, None, Some("rule"), "expected an array",
                pack("[rule]\nid = \"t.a\"\n")),
            case("unknown top-level", Syntax, 5, None, Some("rules"), "unknown field `rules`",
                pack("[rules]\nid = \"t.a\"\n")),
            case("too many rules", LimitExceeded, 5 + 5 * limits.max_rules_per_pack, None, Some("rule"),
                "(max_rules_per_pack)",
                many),
            // Schema errors in [pack].
            case("pack missing version", Syntax, 1, None, Some("pack.version"), "missing required field `version`",
                "[pack]\nname = \"t\"\n".into()),
            case("pack unknown field", Syntax, 4, None, Some("pack.author"), "expected one of `name`, `version`",
                "[pack]\nname = \"t\"\nversion = \"1.0.0\"\nauthor = \"me\"\n".into()),
            case("pack language type", Syntax, 4, None, Some("pack.language[1]"), "expected a string",
                "[pack]\nname = \"t\"\nversion = \"1.0.0\"\nlanguage = [\"id\", 3]\n".into()),
            // Semantic errors in [pack].
            case("pack name", Invalid, 2, None, Some("pack.name"), "invalid pack name `Terror`",
                "[pack]\nname = \"Terror\"\nversion = \"1.0.0\"\n".into()),
            case("pack version", Invalid, 3, None, Some("pack.version"), "MAJOR.MINOR.PATCH",
                "[pack]\nname = \"t\"\nversion = \"1.0\"\n".into()),
            case("pack version zero", Invalid, 3, None, Some("pack.version"), "invalid version",
                "[pack]\nname = \"t\"\nversion = \"01.0.0\"\n".into()),
            case("pack language", Invalid, 5, None, Some("pack.language[1]"), "`ID`",
                "[pack]\nname = \"t\"\nversion = \"1.0.0\"\nlanguage = [\"id\",\n  \"ID\"]\n".into()),
            // Schema errors in rules.
            case("rule unknown field", Syntax, 10, t, Some("severtiy"), "unknown field `severtiy`, expected one of `id`",
                rule("any = [\"x\"]\nsevertiy = \"warn\"\n")),
            case("rule missing severity", Syntax, 5, t, Some("severity"), "missing required field `severity`",
                pack("[[rule]]\nid = \"t.a\"\ncategory = \"spam\"\nany = [\"x\"]\n")),
            case("rule missing id", Syntax, 5, None, Some("id"), "missing required field `id`",
                pack("[[rule]]\ncategory = \"spam\"\n")),
            case("within type", Syntax, 10, t, Some("within"), "expected an integer",
                rule("all = [[\"a\"], [\"b\"]]\nwithin = \"8\"\n")),
            // An out-of-range integer is a TOML syntax error: no rule or field is known.
            case("within too large", Syntax, 10, None, None, "integer `99999999999999999999`",
                rule("all = [[\"a\"], [\"b\"]]\nwithin = 99999999999999999999\n")),
            case("affixes type", Syntax, 10, t, Some("affixes"), "expected a boolean",
                rule("any = [\"x\"]\naffixes = \"yes\"\n")),
            case("any not a list", Syntax, 9, t, Some("any"), "expected an array",
                rule("any = \"x\"\n")),
            case("any element type", Syntax, 11, t, Some("any[1]"), "expected a string",
                rule("any = [\n  \"x\",\n  3,\n]\n")),
            case("all element type", Syntax, 10, t, Some("all[1][1]"), "expected a string",
                rule("all = [[\"a\"], [\"b\",\n  [\"c\"]]]\n")),
            case("all group type", Syntax, 9, t, Some("all[1]"), "expected an array",
                rule("all = [[\"a\"], \"b\"]\n")),
            case("match type", Syntax, 10, t, Some("match"), "expected an array",
                rule("any = [\"x\"]\nmatch = \"x\"\n")),
            case("second rule's error names it", Syntax, 12, Some("t.b"), Some("category"), "expected a string",
                format!("{}[[rule]]\nid = \"t.b\"\ncategory = 1\n", rule("any = [\"x\"]\n"))),
            case("sub-table of a rule", Syntax, 10, t, Some("extra"), "unknown field `extra`",
                rule("any = [\"x\"]\n[rule.extra]\nfoo = 1\n")),
            case("sub-table of the second rule", Syntax, 15, Some("t.b"), Some("x"), "unknown field `x`",
                format!("{}[[rule]]\nid = \"t.b\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"y\"]\n[rule.x]\n", rule("any = [\"x\"]\n"))),
            case("pack array", Syntax, 1, None, Some("pack"), "not an array such as `[[pack]]`",
                "[[pack]]\nname = \"t\"\nversion = \"1.0.0\"\n".into()),
            case("dotted pack keys", Syntax, 2, None, Some("pack.version"), "expected a string",
                "pack.name = \"t\"\npack.version = 3\n".into()),
            // Semantic errors in rules.
            case("rule id", Invalid, 6, None, Some("id"), "invalid rule id `T A`",
                pack("[[rule]]\nid = \"T A\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"x\"]\n")),
            case("rule id too long", Invalid, 6, None, Some("id"), "rule id is 130 characters long; at most 128",
                pack(&format!("[[rule]]\nid = \"{long_id}\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"x\"]\n"))),
            case("duplicate rule id", Invalid, 11, t, Some("id"), "line 5",
                format!("{}[[rule]]\nid = \"t.a\"\ncategory = \"spam\"\nseverity = \"warn\"\nany = [\"x\"]\n", rule("any = [\"x\"]\n"))),
            case("category", Invalid, 7, t, Some("category"), "unknown category `terror`; expected one of terrorism, incitement, hate",
                pack("[[rule]]\nid = \"t.a\"\ncategory = \"terror\"\nseverity = \"warn\"\nany = [\"x\"]\n")),
            case("severity", Invalid, 8, t, Some("severity"), "unknown severity `blocker`; expected one of warn, review, block",
                pack("[[rule]]\nid = \"t.a\"\ncategory = \"spam\"\nseverity = \"blocker\"\nany = [\"x\"]\n")),
            case("scope", Invalid, 10, t, Some("scope"), "expected one of any, public, private",
                rule("any = [\"x\"]\nscope = \"channel\"\n")),
            case("no phrases", Invalid, 5, t, Some("any"), "no phrases",
                rule("description = \"\"\n")),
            case("empty any", Invalid, 9, t, Some("any"), "no phrases",
                rule("any = []\n")),
            case("all one group", Invalid, 9, t, Some("all"), "at least 2",
                rule("all = [[\"a\", \"b\"]]\n")),
            case("all 65 groups", Invalid, 9, t, Some("all"), "`all` has 65 groups; at most 64 are allowed",
                rule(&format!("all = [{}]\n", (0..65).map(|g| format!("[\"w{g}\"]")).collect::<Vec<_>>().join(", ")))),
            case("all empty group", Invalid, 11, t, Some("all[1]"), "empty phrase group",
                rule("all = [\n  [\"a\"],\n  [],\n]\n")),
            case("within without all", Invalid, 10, t, Some("within"), "only to `all`",
                rule("any = [\"x\"]\nwithin = 4\n")),
            case("within zero", Invalid, 10, t, Some("within"), "from 1 to 64",
                rule("all = [[\"a\"], [\"b\"]]\nwithin = 0\n")),
            case("within too big", Invalid, 10, t, Some("within"), "`within` is 65",
                rule("all = [[\"a\"], [\"b\"]]\nwithin = 65\n")),
            case("unless_within without unless", Invalid, 10, t, Some("unless_within"), "only to `unless`",
                rule("any = [\"x\"]\nunless_within = 4\n")),
            case("unless_within negative", Invalid, 11, t, Some("unless_within"), "from 1 to 64",
                rule("any = [\"x\"]\nunless = [\"y\"]\nunless_within = -1\n")),
            case("affixes and substring", Invalid, 11, t, Some("substring"), "cannot both be true",
                rule("any = [\"x\"]\naffixes = true\nsubstring = true\n")),
            case("blank phrase", Invalid, 9, t, Some("any[1]"), "empty phrase",
                rule("any = [\"x\", \"  \"]\n")),
            case("long phrase", LimitExceeded, 9, t, Some("any[0]"), "201 characters long; the limit is 200",
                rule(&format!("any = [\"{long_phrase}\"]\n"))),
            case("control character", Invalid, 11, t, Some("any[1]"), "U+0009",
                rule("any = [\n  \"a\",\n  \"b\\tc\",\n]\n")),
            case("duplicate phrase", Invalid, 9, t, Some("any[2]"), "already any[0]",
                rule("any = [\"x\", \"y\", \" x\"]\n")),
            case("duplicate in group", Invalid, 9, t, Some("all[1][2]"), "already all[1][0]",
                rule("all = [[\"a\"], [\"b\", \"c\", \"b\"]]\n")),
            case("phrase in two groups", Invalid, 9, t, Some("all[1][1]"), "also in all[0]",
                rule("all = [[\"a\", \"b\"], [\"c\", \"a\"]]\n")),
            case("bad phrase in group", Invalid, 10, t, Some("all[1][0]"), "empty phrase",
                rule("all = [[\"a\"],\n  [\"\"]]\n")),
            case("bad unless phrase", Invalid, 10, t, Some("unless[1]"), "empty phrase",
                rule("any = [\"x\"]\nunless = [\"y\", \"\"]\n")),
            // Word shapes and `*`.
            case("unknown word shape", Invalid, 10, t, Some("all[1][0]"), "unknown word shape `<name-digits>`; the word shapes are <name-number>, <name-4d>",
                rule("all = [[\"main\"],\n  [\"<name-digits>\"]]\n")),
            case("star at both ends", Invalid, 9, t, Some("any[1]"), "`*toto*` has `*` at both ends",
                rule("any = [\"x\", \"*toto*\"]\n")),
            case("star inside", Invalid, 9, t, Some("any[0]"), "`sl*ot` has a `*` inside",
                rule("any = [\"sl*ot\"]\n")),
            case("star alone", Invalid, 10, t, Some("unless[0]"), "is only `*`",
                rule("any = [\"x\"]\nunless = [\"*\"]\n")),
            case("star apart from its word", Invalid, 9, t, Some("any[0]"), "space or a sign next to its `*`",
                rule("any = [\"* win\"]\n")),
            case("star with affixes", Invalid, 11, t, Some("unless[0]"), "cannot be used in a rule with `affixes = true`",
                rule("any = [\"bom\"]\naffixes = true\nunless = [\"*kawin\"]\n")),
            case("star with substring", Invalid, 10, t, Some("all[1][1]"), "`*win` has a `*`, which cannot be used in a rule with `substring = true`",
                rule("substring = true\nall = [[\"a\"], [\"b\", \"*win\"]]\n")),
            case("equals without affixes", Invalid, 9, t, Some("any[1]"), "`=jad` has a `=`, which keeps affixes off a phrase, but the rule has no `affixes = true`",
                rule("any = [\"baiat\", \"=jad\"]\n")),
            case("equals and star", Invalid, 9, t, Some("any[0]"), "both `=` and `*`",
                rule("any = [\"=*jad\"]\naffixes = true\n")),
        ]
    }

    #[test]
    fn errors_name_kind_line_rule_and_field() {
        for case in error_cases() {
            let err = match RulePack::from_toml(&case.text) {
                Ok(_) => panic!("{}: parsed, expected an error", case.name),
                Err(err) => err,
            };
            let name = case.name;
            assert_eq!(err.kind(), case.kind, "{name}: {err}");
            assert_eq!(err.line(), Some(case.line), "{name}: {err}");
            assert_eq!(err.rule(), case.rule, "{name}: {err}");
            assert_eq!(err.field(), case.field, "{name}: {err}");
            assert_eq!(err.file(), None, "{name}: {err}");
            assert!(err.message().contains(case.says), "{name}: {err}");
            assert!(!err.message().contains('\n'), "{name}: {err:?}");
            assert!(!err.message().contains("TOML parse error"), "{name}: {err}");
        }
    }

    #[test]
    fn named_errors_show_file_line_rule_and_field() {
        for case in error_cases() {
            let err = RulePack::from_toml_named("packs/x.toml", &case.text).unwrap_err();
            assert_eq!(err.file(), Some("packs/x.toml"), "{}", case.name);
            let mut expected = format!("packs/x.toml:{}: ", case.line);
            if let Some(rule) = case.rule {
                expected.push_str(&format!("rule `{rule}`: "));
            }
            if let Some(field) = case.field {
                expected.push_str(&format!("field `{field}`: "));
            }
            expected.push_str(err.message());
            assert_eq!(err.to_string(), expected, "{}", case.name);
        }
    }

    #[test]
    fn display_reads_as_file_line_rule_field_message() {
        let text = "[pack]\nname = \"x\"\nversion = \"1.0.0\"\n\n[[rule]]\nid = \"x.y\"\n\
                    severity = \"blocker\"\ncategory = \"hate\"\nany = [\"z\"]\n";
        let err = RulePack::from_toml_named("packs/x.toml", text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "packs/x.toml:7: rule `x.y`: field `severity`: \
             unknown severity `blocker`; expected one of warn, review, block"
        );
    }

    #[test]
    fn syntax_error_is_one_line_at_the_right_line() {
        let text = "[pack]\nname = \"x\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"x.y\n\
                    category = \"hate\"\n";
        let err = RulePack::from_toml_named("packs/x.toml", text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PackSyntax);
        assert_eq!(err.line(), Some(5));
        assert!(err.to_string().starts_with("packs/x.toml:5: "), "{err}");
        assert!(!err.to_string().contains('\n'), "{err:?}");
    }

    #[test]
    fn date_values_do_not_hide_the_location() {
        // A date needs toml's private map encoding; the locating parse must cope with it.
        let err = RulePack::from_toml(&rule("any = [\"x\"]\ndescription = 1979-05-27\n")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PackSyntax);
        assert_eq!((err.line(), err.rule(), err.field()), (Some(10), Some("t.a"), Some("description")));
    }

    #[test]
    fn files_are_read_and_errors_name_the_path_as_given() {
        let dir = std::env::temp_dir().join(format!("saring-parse-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.toml");
        std::fs::write(&good, rule("any = [\"x\"]\n")).unwrap();
        let pack = RulePack::from_toml_file(&good).unwrap();
        assert_eq!(pack.source(), Some(good.display().to_string().as_str()));

        let bad = dir.join("bad.toml");
        std::fs::write(&bad, rule("any = [\"x\"]\nwithin = 3\n")).unwrap();
        let err = RulePack::from_toml_file(&bad).unwrap_err();
        assert_eq!(err.file(), Some(bad.display().to_string().as_str()));
        assert!(err.to_string().starts_with(&format!("{}:10: rule `t.a`", bad.display())));

        let latin1 = dir.join("latin1.toml");
        std::fs::write(&latin1, b"[pack]\nname = \"caf\xe9\"\n").unwrap();
        let err = RulePack::from_toml_file(&latin1).unwrap_err();
        assert_eq!((err.kind(), err.line()), (ErrorKind::PackSyntax, Some(2)));

        let missing = dir.join("missing.toml");
        let err = RulePack::from_toml_file(&missing).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Io);
        assert_eq!(err.file(), Some(missing.display().to_string().as_str()));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
