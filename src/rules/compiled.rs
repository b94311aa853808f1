//! Compiled packs: validated rule packs in a small binary form that a screener is built from
//! without parsing TOML.
//!
//! A page that only screens (a compose box, a moderation queue) needs the rules, not the pack
//! compiler: the TOML parser, bundle JSON and signature checks are about half of the wasm
//! module. So the packs are compiled once, where they are edited or published (`saring bundle
//! --compiled`, or `compilePacks` in the npm package), and the runtime build of the module
//! (`saring/runtime`) reads only this form. The default packs are embedded in it too
//! ([`default_compiled`]), so `Screener.withDefaults()` parses no TOML in either build.
//!
//! The form holds what screening and reports need: the bundle's identity (name, version,
//! SHA-256, which reports carry), and per pack its name, version, languages, description, file,
//! SHA-256 and TOML length (so the pack limits hold), and its rules with their phrases as
//! written. It leaves out the rules' examples, which only `saring check` runs.
//!
//! Layout: the line `saring-compiled/1\n`, then the fields in order, each unsigned number as
//! LEB128 and each string as its UTF-8 length (LEB128) and bytes; lists are a count and their
//! items. The last 32 bytes are the SHA-256 of everything before them, so a file cut short or
//! changed on the way is refused as such. The form is not signed: whoever serves it to a page
//! serves that page's code too. So the bundle's identity it carries is claimed, not verified
//! (the packs' TOML, which its SHA-256 is of, is not in it); it is only checked to be one a bundle
//! could have. Decoding checks every value as the TOML parser does (names,
//! versions, windows, phrases, the rules' combinations), so a file written by hand or by
//! another version is refused with the pack, rule and field at fault, never half loaded.

use super::parse::{is_language_code, is_version, name_problem, MAX_ALL_GROUPS, MAX_PACK_NAME, MAX_RULE_ID, WINDOW};
use super::phrase::Phrase;
use super::{Category, Rule, RulePack, RuleScope, Severity, DEFAULT_UNLESS_WITHIN, DEFAULT_WITHIN};
use crate::error::{Error, ErrorKind};
use crate::report::BundleRef;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The first line of compiled packs: the format and its version.
pub const COMPILED_FORMAT: &str = "saring-compiled/1\n";

/// Bytes of the SHA-256 at the end.
const CHECKSUM: usize = 32;

/// Rule packs, validated, with the identity of the bundle they came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledPacks {
    /// The bundle the packs came from, as reports name it.
    pub bundle: BundleRef,
    /// The packs, in order.
    pub packs: Vec<RulePack>,
}

impl CompiledPacks {
    /// The packs of `bundle`.
    pub fn from_bundle(bundle: &super::Bundle) -> CompiledPacks {
        CompiledPacks { bundle: bundle.into(), packs: bundle.packs().to_vec() }
    }

    /// The compiled form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Writer(COMPILED_FORMAT.as_bytes().to_vec());
        out.string(&self.bundle.name);
        out.string(&self.bundle.version);
        out.string(&self.bundle.sha256);
        out.number(self.packs.len());
        for pack in &self.packs {
            out.string(&pack.name);
            out.string(&pack.version);
            out.strings(&pack.language);
            out.string(&pack.description);
            out.string(pack.source.as_deref().unwrap_or(""));
            out.string(&pack.sha256);
            out.number(pack.source_bytes);
            out.number(pack.rules.len());
            for rule in &pack.rules {
                out.string(&rule.id);
                out.string(rule.category.as_str());
                out.string(rule.severity.as_str());
                out.string(rule.scope.as_str());
                out.string(&rule.description);
                out.number(rule.line);
                out.number(usize::from(rule.affixes) | usize::from(rule.substring) << 1);
                out.strings(&rule.any);
                out.number(rule.all.len());
                for group in &rule.all {
                    out.strings(group);
                }
                out.number(rule.within as usize);
                out.strings(&rule.unless);
                out.number(rule.unless_within as usize);
            }
        }
        let checksum = Sha256::digest(&out.0);
        out.0.extend_from_slice(&checksum);
        out.0
    }

    /// Reads compiled packs, checking the checksum and every value. Errors are
    /// [`ErrorKind::PackInvalid`] and name what is wrong and where: the byte for a broken file,
    /// the pack's file, rule and field for a value the TOML parser would have refused.
    pub fn from_bytes(bytes: &[u8]) -> Result<CompiledPacks, Error> {
        let Some(body) = bytes.strip_prefix(COMPILED_FORMAT.as_bytes()) else {
            let line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
            let message = match line.strip_prefix(b"saring-compiled/") {
                Some(version) => format!(
                    "compiled packs of format version {}; this saring reads {}",
                    String::from_utf8_lossy(version),
                    COMPILED_FORMAT.trim_end()
                ),
                None => format!("not compiled packs: they start with `{}`", COMPILED_FORMAT.trim_end()),
            };
            return Err(invalid(message));
        };
        if body.len() < CHECKSUM
            || Sha256::digest(&bytes[..bytes.len() - CHECKSUM])[..] != bytes[bytes.len() - CHECKSUM..]
        {
            return Err(invalid(format!(
                "compiled packs of {} bytes do not match their SHA-256: cut short or changed since they were written",
                bytes.len()
            )));
        }
        let mut input = Reader { bytes: &bytes[..bytes.len() - CHECKSUM], at: COMPILED_FORMAT.len() };
        let bundle = BundleRef {
            name: input.string("the bundle's name")?,
            version: input.string("the bundle's version")?,
            sha256: input.string("the bundle's SHA-256")?,
        };
        check_bundle(&bundle)?;
        let mut packs = Vec::new();
        for _ in 0..input.count("the number of packs")? {
            packs.push(read_pack(&mut input)?);
        }
        if input.at != input.bytes.len() {
            return Err(input.broken("the end of the packs"));
        }
        Ok(CompiledPacks { bundle, packs })
    }
}

/// The default packs (`rules/`), compiled when the crate was released: the default bundle as
/// [`CompiledPacks::from_bytes`] reads it. A test checks they are the packs of `rules/` as
/// they are now (`make compiled-packs` writes them again).
pub fn default_compiled() -> &'static [u8] {
    include_bytes!("../../rules/compiled/saring-default.bin")
}

/// One pack, and its rules.
fn read_pack(input: &mut Reader<'_>) -> Result<RulePack, Error> {
    let mut pack = RulePack {
        name: input.string("a pack's name")?,
        version: input.string("a pack's version")?,
        language: input.phrases("a pack's languages")?,
        description: input.string("a pack's description")?,
        source: Some(input.string("a pack's file")?).filter(|file| !file.is_empty()),
        sha256: input.string("a pack's SHA-256")?,
        source_bytes: input.number("a pack's length")?,
        rules: Vec::new(),
    };
    let located = |error: Error, pack: &RulePack| match &pack.source {
        Some(file) => error.in_file(file),
        None => error.in_file(format!("pack `{}`", pack.name)),
    };
    check_pack(&pack).map_err(|e| located(e, &pack))?;
    let mut ids = HashSet::new();
    for _ in 0..input.count("the number of rules")? {
        let rule = read_rule(input).map_err(|e| located(e, &pack))?;
        if !ids.insert(rule.id.clone()) {
            return Err(located(invalid("duplicate rule id").in_rule(&rule.id).in_field("id"), &pack));
        }
        pack.rules.push(rule);
    }
    if pack.rules.is_empty() {
        return Err(located(invalid("the pack has no rules").in_field("rule"), &pack));
    }
    Ok(pack)
}

/// One rule, checked.
fn read_rule(input: &mut Reader<'_>) -> Result<Rule, Error> {
    let id = input.string("a rule's id")?;
    if let Some(problem) = name_problem("rule id", &id, MAX_RULE_ID) {
        return Err(invalid(problem).in_field("id"));
    }
    let in_rule = |error: Error| error.in_rule(&id);
    let category = input.string("a rule's category")?;
    let category = known("category", &category, Category::parse(&category), Category::names).map_err(in_rule)?;
    let severity = input.string("a rule's severity")?;
    let severity = known("severity", &severity, Severity::parse(&severity), Severity::names).map_err(in_rule)?;
    let scope = input.string("a rule's scope")?;
    let scope = known("scope", &scope, RuleScope::parse(&scope), RuleScope::names).map_err(in_rule)?;
    let description = input.string("a rule's description")?;
    let line = input.number("a rule's line")?;
    if line == 0 {
        return Err(in_rule(invalid("a rule's line is counted from 1, not 0")));
    }
    let flags = input.number("a rule's options")?;
    let any = input.phrases("a rule's `any`").map_err(in_rule)?;
    let mut all = Vec::new();
    for group in 0..input.count("a rule's `all` groups")? {
        let phrases = input.phrases("an `all` group").map_err(in_rule)?;
        if phrases.is_empty() {
            return Err(in_rule(invalid("empty phrase group").in_field(format!("all[{group}]"))));
        }
        all.push(phrases);
    }
    let within = input.number("a rule's `within`")?;
    let unless = input.phrases("a rule's `unless`").map_err(in_rule)?;
    let unless_within = input.number("a rule's `unless_within`")?;
    // A window without what it applies to is never written (the TOML parser refuses it).
    if all.is_empty() && within != DEFAULT_WITHIN as usize {
        return Err(in_rule(invalid("`within` applies only to `all` groups").in_field("within")));
    }
    if unless.is_empty() && unless_within != DEFAULT_UNLESS_WITHIN as usize {
        return Err(in_rule(invalid("`unless_within` applies only to `unless` phrases").in_field("unless_within")));
    }
    let window = |field: &str, words: usize| match u32::try_from(words) {
        Ok(words) if WINDOW.contains(&i64::from(words)) => Ok(words),
        _ => {
            let (from, to) = (WINDOW.start(), WINDOW.end());
            Err(invalid(format!("`{field}` is {words}; expected a number of words from {from} to {to}"))
                .in_field(field))
        }
    };
    let rule = Rule {
        category,
        severity,
        description,
        within: window("within", within).map_err(in_rule)?,
        unless_within: window("unless_within", unless_within).map_err(in_rule)?,
        affixes: flags & 1 != 0,
        substring: flags & 2 != 0,
        scope,
        examples_match: Vec::new(),
        examples_no_match: Vec::new(),
        line,
        any,
        all,
        unless,
        id: id.clone(),
    };
    if flags > 3 {
        return Err(in_rule(invalid(format!("unknown options {flags:#x}; this saring knows affixes and substring"))));
    }
    check_rule(&rule).map_err(in_rule)?;
    Ok(rule)
}

/// The value of `field` named `text`, if it is one (`parsed`); `names` lists those there are.
fn known<T>(field: &str, text: &str, parsed: Option<T>, names: fn() -> String) -> Result<T, Error> {
    parsed.ok_or_else(|| invalid(format!("unknown {field} `{text}`; expected one of {}", names())).in_field(field))
}

/// The bundle's identity, as a bundle has it: a name and a version (not blank), a SHA-256. It is
/// what reports name; it is taken as written, not recomputed (the packs' TOML is not here).
fn check_bundle(bundle: &BundleRef) -> Result<(), Error> {
    if bundle.name.trim().is_empty() || bundle.version.trim().is_empty() {
        return Err(invalid("the bundle's name and version may not be blank"));
    }
    if !is_sha256(&bundle.sha256) {
        let sha256 = bundle.sha256.escape_debug();
        return Err(invalid(format!("the bundle's SHA-256 `{sha256}` is not 64 lower-case hex digits")));
    }
    Ok(())
}

/// Whether `text` is a SHA-256 as this crate writes it: 64 lower-case hex digits.
fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The pack's own fields, as the TOML parser checks them.
fn check_pack(pack: &RulePack) -> Result<(), Error> {
    if let Some(problem) = name_problem("pack name", &pack.name, MAX_PACK_NAME) {
        return Err(invalid(problem).in_field("pack.name"));
    }
    if !is_version(&pack.version) {
        return Err(invalid(format!("invalid version `{}`", pack.version.escape_debug())).in_field("pack.version"));
    }
    if !is_sha256(&pack.sha256) {
        let sha256 = pack.sha256.escape_debug();
        return Err(invalid(format!("the pack's SHA-256 `{sha256}` is not 64 lower-case hex digits")));
    }
    if let Some(file) = pack.source.as_deref().filter(|file| file.chars().any(char::is_control)) {
        return Err(invalid(format!("the pack's file `{}` has a control character", file.escape_debug())));
    }
    if let Some(i) = pack.language.iter().position(|code| !is_language_code(code)) {
        let code = pack.language[i].escape_debug();
        return Err(invalid(format!("invalid language code `{code}`")).in_field(format!("pack.language[{i}]")));
    }
    Ok(())
}

/// A rule's phrases and their combination, as the TOML parser checks them (its messages say
/// more, with the line; these name the field).
fn check_rule(rule: &Rule) -> Result<(), Error> {
    if rule.any.is_empty() && rule.all.is_empty() {
        return Err(invalid("the rule has no phrases").in_field("any"));
    }
    if rule.all.len() == 1 || rule.all.len() > MAX_ALL_GROUPS {
        let message = format!("`all` has {} groups; it needs 2 to {MAX_ALL_GROUPS}", rule.all.len());
        return Err(invalid(message).in_field("all"));
    }
    if rule.affixes && rule.substring {
        return Err(invalid("`substring` and `affixes` cannot both be true").in_field("substring"));
    }
    let mut lists: Vec<(String, &[String])> = vec![("any".to_owned(), &rule.any)];
    lists.extend(rule.all.iter().enumerate().map(|(g, group)| (format!("all[{g}]"), group.as_slice())));
    lists.push(("unless".to_owned(), &rule.unless));
    let mut in_groups: HashSet<&str> = HashSet::new();
    // Empty groups and phrases never get here: the reader refuses them as it reads them.
    for (list, phrases) in lists {
        let mut seen = HashSet::new();
        let grouped = list.starts_with("all");
        let mut in_this_group = Vec::new();
        for (i, phrase) in phrases.iter().enumerate() {
            let problem = if phrase.trim() != phrase {
                Some("a phrase is stored trimmed and not empty".to_owned())
            } else if phrase.chars().any(char::is_control) {
                Some("a phrase has no control characters".to_owned())
            } else if !seen.insert(phrase.as_str()) {
                Some(format!("duplicate phrase `{phrase}`"))
            } else if grouped && in_groups.contains(phrase.as_str()) {
                Some(format!("phrase `{phrase}` is in two `all` groups"))
            } else {
                match Phrase::parse(phrase) {
                    Err(problem) => Some(problem),
                    Ok(parsed) if parsed.is_attached() && (rule.affixes || rule.substring) => {
                        Some(format!("phrase `{phrase}` has a `*`, which a rule with affixes or substring cannot use"))
                    }
                    Ok(parsed) if parsed.is_exact() && !rule.affixes => {
                        Some(format!("phrase `{phrase}` has a `=`, which only a rule with affixes can use"))
                    }
                    Ok(_) => None,
                }
            };
            if let Some(problem) = problem {
                return Err(invalid(problem).in_field(format!("{list}[{i}]")));
            }
            in_this_group.push(phrase.as_str());
        }
        if grouped {
            in_groups.extend(in_this_group);
        }
    }
    Ok(())
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::PackInvalid, message)
}

/// Writes the fields of the compiled form.
struct Writer(Vec<u8>);

impl Writer {
    /// LEB128: seven bits a byte, low bits first, the high bit set on all but the last byte.
    fn number(&mut self, mut value: usize) {
        while value >= 0x80 {
            self.0.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }

    fn string(&mut self, text: &str) {
        self.number(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn strings(&mut self, texts: &[String]) {
        self.number(texts.len());
        for text in texts {
            self.string(text);
        }
    }
}

/// Reads the fields of the compiled form, saying what it was reading and at which byte when
/// the bytes end or make no sense.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn broken(&self, what: &str) -> Error {
        let problem = if self.at >= self.bytes.len() { "cut short" } else { "broken" };
        invalid(format!("compiled packs {problem} at byte {} (reading {what})", self.at))
    }

    fn number(&mut self, what: &str) -> Result<usize, Error> {
        let start = self.at;
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&byte) = self.bytes.get(self.at) else { break };
            self.at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return usize::try_from(value).map_err(|_| self.broken(what));
            }
        }
        self.at = start;
        Err(self.broken(what))
    }

    /// A count of items that follow: each takes a byte at least, so a count above the bytes
    /// left is refused before anything is allocated for it.
    fn count(&mut self, what: &str) -> Result<usize, Error> {
        let start = self.at;
        let count = self.number(what)?;
        let left = self.bytes.len() - self.at;
        if count > left {
            let message =
                format!("compiled packs cut short at byte {start} (reading {what}: {count}, {left} bytes left)");
            return Err(invalid(message));
        }
        Ok(count)
    }

    fn string(&mut self, what: &str) -> Result<String, Error> {
        let len = self.count(what)?;
        let text = std::str::from_utf8(&self.bytes[self.at..self.at + len]).map_err(|e| {
            invalid(format!("compiled packs broken at byte {}: {what} is not UTF-8", self.at + e.valid_up_to()))
        })?;
        self.at += len;
        Ok(text.to_owned())
    }

    /// A list of phrases (or language codes), each refused as soon as it is read if it is
    /// empty: a list of empty strings would take some thirty bytes of memory for each byte read
    /// before the rule's checks refused it.
    fn phrases(&mut self, what: &str) -> Result<Vec<String>, Error> {
        let count = self.count(what)?;
        (0..count)
            .map(|i| {
                let phrase = self.string(what)?;
                if phrase.is_empty() {
                    return Err(invalid(format!("empty phrase in {what} (phrase {i})")));
                }
                Ok(phrase)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::default_bundle;

    fn compiled(toml: &str) -> CompiledPacks {
        let pack = RulePack::from_toml_named("packs/test.toml", toml).unwrap();
        CompiledPacks {
            bundle: BundleRef { name: "test".into(), version: "1.0.0".into(), sha256: "00".repeat(32) },
            packs: vec![pack],
        }
    }

    const PACK: &str = r#"
[pack]
name = "test"
version = "1.0.0"
language = ["id"]
description = "a test"

[[rule]]
id = "test.a"
category = "gambling"
severity = "block"
description = "one"
any = ["slot gacor", "*win"]
unless = ["berita"]
unless_within = 4
scope = "public"
match = ["slot gacor hari ini"]

[[rule]]
id = "test.b"
category = "terrorism"
severity = "review"
affixes = true
all = [["serang", "=bom"], ["gereja"]]
within = 5
"#;

    /// The packs as decoded: the TOML's, less the examples.
    fn without_examples(mut packs: CompiledPacks) -> CompiledPacks {
        for rule in packs.packs.iter_mut().flat_map(|pack| pack.rules.iter_mut()) {
            rule.examples_match.clear();
            rule.examples_no_match.clear();
        }
        packs
    }

    #[test]
    fn packs_read_back_as_they_were_written_but_for_examples() {
        let packs = compiled(PACK);
        let read = CompiledPacks::from_bytes(&packs.to_bytes()).unwrap();
        assert_eq!(read, without_examples(packs));
        assert_eq!(read.packs[0].source(), Some("packs/test.toml"));
        assert!(read.packs[0].rules[1].affixes && read.packs[0].rules[1].within == 5);
    }

    #[test]
    fn the_embedded_default_packs_are_the_packs_of_rules() {
        let now = CompiledPacks::from_bundle(&default_bundle()).to_bytes();
        assert!(
            now == default_compiled(),
            "rules/compiled/saring-default.bin is not the packs of rules/ as they are: run `make compiled-packs`"
        );
        let read = CompiledPacks::from_bytes(default_compiled()).unwrap();
        assert_eq!(read.bundle, BundleRef::from(&default_bundle()));
    }

    #[test]
    fn a_broken_file_is_refused_saying_where() {
        let bytes = compiled(PACK).to_bytes();
        let error = |bytes: &[u8]| CompiledPacks::from_bytes(bytes).unwrap_err().to_string();
        assert_eq!(error(b"[pack]\nname = 1"), "not compiled packs: they start with `saring-compiled/1`");
        assert_eq!(
            error(b"saring-compiled/2\nabc"),
            "compiled packs of format version 2; this saring reads saring-compiled/1"
        );
        let cut = &bytes[..bytes.len() - 40];
        assert!(error(cut).contains("do not match their SHA-256: cut short or changed"), "{}", error(cut));
        let mut changed = bytes.clone();
        changed[30] ^= 1;
        assert!(error(&changed).contains("do not match their SHA-256"));
        // Cut short, with a checksum made for what is left: the reader says where it stopped.
        let body = &bytes[..bytes.len() - CHECKSUM - 10];
        let resealed = [body, &Sha256::digest(body)[..]].concat();
        assert!(error(&resealed).contains(": compiled packs cut short at byte 3"), "{}", error(&resealed));
        // A count of more items than there are bytes allocates nothing.
        let mut huge = COMPILED_FORMAT.as_bytes().to_vec();
        huge.extend_from_slice(&[1, b'a', 1, b'b', 64]);
        huge.extend_from_slice(&[b'0'; 64]);
        huge.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f]);
        huge.extend_from_slice(&Sha256::digest(&huge));
        assert_eq!(
            error(&huge),
            "compiled packs cut short at byte 87 (reading the number of packs: 4294967295, 0 bytes left)"
        );
    }

    #[test]
    fn no_change_to_the_bytes_makes_reading_panic_and_what_reads_builds_a_screener() {
        let bytes = compiled(PACK).to_bytes();
        let body = &bytes[..bytes.len() - CHECKSUM];
        let mut read = 0;
        for at in COMPILED_FORMAT.len()..body.len() {
            for change in [1u8, 0x80, 0xff] {
                let mut changed = body.to_vec();
                changed[at] ^= change;
                for end in [changed.len(), at + 1] {
                    let sealed = [&changed[..end], &Sha256::digest(&changed[..end])[..]].concat();
                    if let Ok(packs) = CompiledPacks::from_bytes(&sealed) {
                        read += 1;
                        let _ = crate::Screener::builder().packs(packs.packs).build();
                    }
                }
            }
        }
        // Some changes leave valid packs (a letter of a description, a phrase), and those read.
        assert!(read > 100, "{read} changed files read");
    }

    /// Writes `packs` with one value changed by `change`, and reads them back.
    fn changed(change: impl FnOnce(&mut CompiledPacks)) -> Error {
        let mut packs = compiled(PACK);
        change(&mut packs);
        CompiledPacks::from_bytes(&packs.to_bytes()).unwrap_err()
    }

    #[test]
    fn values_the_toml_parser_refuses_are_refused_naming_the_pack_rule_and_field() {
        let cases: Vec<(Error, &str)> = vec![
            (
                changed(|p| p.packs[0].version = "1.0".into()),
                "packs/test.toml: field `pack.version`: invalid version `1.0`",
            ),
            (
                changed(|p| p.packs[0].rules[0].id = "Test A".into()),
                "packs/test.toml: field `id`: invalid rule id `Test A`; expected 1 to 128 characters of a-z, 0-9, \
                 `.`, `_`, `-`, starting with a letter or digit",
            ),
            (
                changed(|p| p.packs[0].rules[1].id = "test.a".into()),
                "packs/test.toml: rule `test.a`: field `id`: duplicate rule id",
            ),
            (
                changed(|p| p.packs[0].rules[0].any.push("slot gacor".into())),
                "packs/test.toml: rule `test.a`: field `any[2]`: duplicate phrase `slot gacor`",
            ),
            (
                changed(|p| p.packs[0].rules[1].all[1].push("serang".into())),
                "packs/test.toml: rule `test.b`: field `all[1][1]`: phrase `serang` is in two `all` groups",
            ),
            (
                changed(|p| p.packs[0].rules[1].within = 65),
                "packs/test.toml: rule `test.b`: field `within`: `within` is 65; expected a number of words from 1 \
                 to 64",
            ),
            (
                changed(|p| p.packs[0].rules[0].affixes = true),
                "packs/test.toml: rule `test.a`: field `any[1]`: phrase `*win` has a `*`, which a rule with affixes \
                 or substring cannot use",
            ),
            (
                changed(|p| p.packs[0].rules[1].affixes = false),
                "packs/test.toml: rule `test.b`: field `all[0][1]`: phrase `=bom` has a `=`, which only a rule \
                 with affixes can use",
            ),
            (
                changed(|p| p.packs[0].rules[0].any[0] = " slot".into()),
                "packs/test.toml: rule `test.a`: field `any[0]`: a phrase is stored trimmed and not empty",
            ),
            (changed(|p| p.packs[0].rules.clear()), "packs/test.toml: field `rule`: the pack has no rules"),
            (
                changed(|p| p.packs[0].rules[1].all = (0..65).map(|g| vec![format!("w{g}")]).collect()),
                "packs/test.toml: rule `test.b`: field `all`: `all` has 65 groups; it needs 2 to 64",
            ),
            (
                changed(|p| p.packs[0].rules[0].within = 9),
                "packs/test.toml: rule `test.a`: field `within`: `within` applies only to `all` groups",
            ),
            (
                changed(|p| p.packs[0].rules[1].unless_within = 3),
                "packs/test.toml: rule `test.b`: field `unless_within`: `unless_within` applies only to `unless` \
                 phrases",
            ),
            (
                changed(|p| p.packs[0].rules[1].all[1] = vec![]),
                "packs/test.toml: rule `test.b`: field `all[1]`: empty phrase group",
            ),
            (
                changed(|p| p.packs[0].rules[0].unless.push(String::new())),
                "packs/test.toml: rule `test.a`: empty phrase in a rule's `unless` (phrase 1)",
            ),
            (
                changed(|p| p.packs[0].rules[0].line = 0),
                "packs/test.toml: rule `test.a`: a rule's line is counted from 1, not 0",
            ),
            (
                changed(|p| p.packs[0].sha256 = "zz".into()),
                "packs/test.toml: the pack's SHA-256 `zz` is not 64 lower-case hex digits",
            ),
            (changed(|p| p.bundle.name = " ".into()), "the bundle's name and version may not be blank"),
        ];
        for (error, expected) in cases {
            assert_eq!(error.kind(), ErrorKind::PackInvalid);
            assert_eq!(error.to_string(), expected);
        }
    }
}
