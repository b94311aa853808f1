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
//! Layout: the line `saring-compiled/2\n` (version 2: rules have `unless_before`), then the
//! fields in order, each unsigned number as LEB128 and each string as its UTF-8 length (LEB128)
//! and bytes; lists are a count and their items. The last 32 bytes are the SHA-256 of everything before them, so a file cut short or
//! changed on the way is refused as such. The form is not signed: whoever serves it to a page
//! serves that page's code too. So the bundle's identity it carries is claimed, not verified
//! (the packs' TOML, which its SHA-256 is of, is not in it); it is only checked to be one a bundle
//! could have. Decoding runs every value through the checks the TOML parser runs (`check.rs`:
//! names, versions, windows, phrases, the rules' combinations), so a file written by hand or by
//! another version is refused with the pack, rule and field at fault, never half loaded.

use super::check::{self, Field, List, Problem, Written};
use super::{Category, Rule, RulePack, RuleScope, Severity};
use crate::error::{Error, ErrorKind};
use crate::report::BundleRef;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The first line of compiled packs: the format and its version.
pub const COMPILED_FORMAT: &str = "saring-compiled/2\n";

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
                out.strings(&rule.unless_before);
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
    let name = input.string("a pack's name")?;
    let version = input.string("a pack's version")?;
    // Only an empty code is refused as it is read (a run of them would cost far more memory
    // than bytes); the codes are checked with the pack's other fields, where the error can name
    // its file.
    let non_empty = |i, code: &str| if code.is_empty() { check::language(i, code) } else { Ok(()) };
    let language = input.strings("a pack's languages", &non_empty).map_err(|e| e.in_file(format!("pack `{name}`")))?;
    let mut pack = RulePack {
        name,
        version,
        language,
        description: input.string("a pack's description")?,
        source: Some(input.string("a pack's file")?).filter(|file| !file.is_empty()),
        sha256: input.string("a pack's SHA-256")?,
        source_bytes: input.number("a pack's length")?,
        rules: Vec::new(),
    };
    match read_rules(input, &mut pack) {
        Ok(()) => Ok(pack),
        Err(error) => match &pack.source {
            Some(file) => Err(error.in_file(file)),
            None => Err(error.in_file(format!("pack `{}`", pack.name))),
        },
    }
}

/// The rules of `pack`, whose own fields are read and checked here first: errors are for the
/// caller to locate in the pack.
fn read_rules(input: &mut Reader<'_>, pack: &mut RulePack) -> Result<(), Error> {
    check::pack(pack).map_err(Problem::into_error)?;
    check_identity(pack)?;
    let mut ids = HashMap::new();
    for _ in 0..input.count("the number of rules")? {
        let rule = read_rule(input)?;
        check::unique_id(&mut ids, &rule).map_err(|problem| problem.into_error().in_rule(&rule.id))?;
        pack.rules.push(rule);
    }
    check::has_rules(pack.rules.len()).map_err(Problem::into_error)
}

/// One rule, checked.
fn read_rule(input: &mut Reader<'_>) -> Result<Rule, Error> {
    let id = input.string("a rule's id")?;
    check::rule_id(&id).map_err(Problem::into_error)?;
    let in_rule = |error: Error| error.in_rule(&id);
    let fault = |problem: Problem| in_rule(problem.into_error());
    let category = input.string("a rule's category")?;
    let category = check::named(Field::Category, &category, Category::parse, Category::names).map_err(fault)?;
    let severity = input.string("a rule's severity")?;
    let severity = check::named(Field::Severity, &severity, Severity::parse, Severity::names).map_err(fault)?;
    let scope = input.string("a rule's scope")?;
    let scope = check::named(Field::Scope, &scope, RuleScope::parse, RuleScope::names).map_err(fault)?;
    let description = input.string("a rule's description")?;
    let line = input.number("a rule's line")?;
    if line == 0 {
        return Err(in_rule(invalid("a rule's line is counted from 1, not 0")));
    }
    let flags = input.number("a rule's options")?;
    if flags > 3 {
        return Err(in_rule(invalid(format!("unknown options {flags:#x}; this saring knows affixes and substring"))));
    }
    let any = input.phrases(List::Any).map_err(in_rule)?;
    let mut all = Vec::new();
    for g in 0..input.count("a rule's `all` groups")? {
        let group = input.phrases(List::Group(g)).map_err(in_rule)?;
        check::group_has_phrases(g, &group).map_err(fault)?;
        all.push(group);
    }
    let within = check::window(Field::Within, input.number("a rule's `within`")?).map_err(fault)?;
    let unless = input.phrases(List::Unless).map_err(in_rule)?;
    let unless_before = input.phrases(List::UnlessBefore).map_err(in_rule)?;
    let unless_within = check::window(Field::UnlessWithin, input.number("a rule's `unless_within`")?).map_err(fault)?;
    let rule = Rule {
        id: id.clone(),
        category,
        severity,
        description,
        any,
        all,
        within,
        unless,
        unless_before,
        unless_within,
        affixes: flags & 1 != 0,
        substring: flags & 2 != 0,
        scope,
        examples_match: Vec::new(),
        examples_no_match: Vec::new(),
        line,
    };
    check::rule(&rule, Written::by_value(&rule), None).map_err(fault)?;
    Ok(rule)
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

/// What the TOML parser sets rather than reads, and so never checks: the pack's SHA-256 and
/// file.
fn check_identity(pack: &RulePack) -> Result<(), Error> {
    if !is_sha256(&pack.sha256) {
        let sha256 = pack.sha256.escape_debug();
        return Err(invalid(format!("the pack's SHA-256 `{sha256}` is not 64 lower-case hex digits")));
    }
    if let Some(file) = pack.source.as_deref().filter(|file| file.chars().any(char::is_control)) {
        return Err(invalid(format!("the pack's file `{}` has a control character", file.escape_debug())));
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

    /// A list of strings, each checked by `check` (given its index) as soon as it is read: a
    /// list of empty strings would take some thirty bytes of memory for each byte read before
    /// the pack's checks refused it.
    fn strings(
        &mut self,
        what: &str,
        check: &dyn Fn(usize, &str) -> Result<(), Problem>,
    ) -> Result<Vec<String>, Error> {
        let count = self.count(what)?;
        let mut texts = Vec::new();
        for i in 0..count {
            let text = self.string(what)?;
            check(i, &text).map_err(Problem::into_error)?;
            texts.push(text);
        }
        Ok(texts)
    }

    /// One of a rule's lists of phrases, each phrase checked alone as it is read.
    fn phrases(&mut self, list: List) -> Result<Vec<String>, Error> {
        self.strings(&format!("a rule's `{list}`"), &|i, phrase| check::phrase(list, i, phrase, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;
    use crate::rules::{default_bundle, DEFAULT_UNLESS_WITHIN, DEFAULT_WITHIN};

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
        assert_eq!(error(b"[pack]\nname = 1"), "not compiled packs: they start with `saring-compiled/2`");
        assert_eq!(
            error(b"saring-compiled/1\nabc"),
            "compiled packs of format version 1; this saring reads saring-compiled/2"
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
                "packs/test.toml: field `pack.version`: invalid version `1.0`; expected MAJOR.MINOR.PATCH such as \
                 `1.0.0`, optionally with a pre-release suffix such as `1.0.0-rc.1`",
            ),
            (
                changed(|p| p.packs[0].language.push("ID".into())),
                "packs/test.toml: field `pack.language[1]`: invalid language code `ID`; expected a 2 or 3 letter \
                 lowercase code such as `id` or `en`",
            ),
            (
                changed(|p| p.packs[0].rules[0].id = "Test A".into()),
                "packs/test.toml: field `id`: invalid rule id `Test A`; expected 1 to 128 characters of a-z, 0-9, \
                 `.`, `_`, `-`, starting with a letter or digit",
            ),
            (
                changed(|p| p.packs[0].rules[1].id = "test.a".into()),
                "packs/test.toml: rule `test.a`: field `id`: duplicate rule id; the first rule with this id starts \
                 on line 8",
            ),
            (
                changed(|p| p.packs[0].rules[0].any.push("slot gacor".into())),
                "packs/test.toml: rule `test.a`: field `any[2]`: duplicate phrase `slot gacor`; it is already any[0]",
            ),
            (
                changed(|p| p.packs[0].rules[1].all[1].push("serang".into())),
                "packs/test.toml: rule `test.b`: field `all[1][1]`: phrase `serang` is also in all[0]; one occurrence \
                 would fill both groups, so the rule would fire on it alone (put it in `any` instead)",
            ),
            (
                changed(|p| p.packs[0].rules[1].within = 65),
                "packs/test.toml: rule `test.b`: field `within`: `within` is 65; expected a number of words from 1 \
                 to 64",
            ),
            (
                changed(|p| p.packs[0].rules[0].affixes = true),
                "packs/test.toml: rule `test.a`: field `any[1]`: phrase `*win` has a `*`, which cannot be used in a \
                 rule with `affixes = true`; move it to a rule without `affixes`",
            ),
            (
                changed(|p| p.packs[0].rules[1].affixes = false),
                "packs/test.toml: rule `test.b`: field `all[0][1]`: phrase `=bom` has a `=`, which keeps affixes off \
                 a phrase, but the rule has no `affixes = true`; remove the `=`",
            ),
            (
                changed(|p| p.packs[0].rules[0].any[0] = " slot".into()),
                "packs/test.toml: rule `test.a`: field `any[0]`: phrase ` slot` has white space at an end; phrases \
                 are stored trimmed",
            ),
            (
                changed(|p| p.packs[0].rules.clear()),
                "packs/test.toml: field `rule`: the pack has no rules; add at least one `[[rule]]` table",
            ),
            (
                changed(|p| p.packs[0].rules[1].all = (0..65).map(|g| vec![format!("w{g}")]).collect()),
                "packs/test.toml: rule `test.b`: field `all`: `all` has 65 groups; at most 64 are allowed (one phrase \
                 of each must occur within `within` words, at most 64)",
            ),
            (
                changed(|p| p.packs[0].rules[0].within = 9),
                "packs/test.toml: rule `test.a`: field `within`: `within` applies only to `all` groups; remove it or \
                 add `all`",
            ),
            (
                changed(|p| p.packs[0].rules[1].unless_within = 3),
                "packs/test.toml: rule `test.b`: field `unless_within`: `unless_within` applies only to `unless` \
                 and `unless_before` phrases; remove it or add `unless`",
            ),
            (
                changed(|p| p.packs[0].rules[1].all[1] = vec![]),
                "packs/test.toml: rule `test.b`: field `all[1]`: empty phrase group; every group of `all` needs at \
                 least one phrase",
            ),
            (
                changed(|p| p.packs[0].rules[0].unless.push(String::new())),
                "packs/test.toml: rule `test.a`: field `unless[1]`: empty phrase; a phrase needs at least one \
                 non-space character",
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

    /// `text` as a TOML basic string.
    fn quoted(text: &str) -> String {
        let mut out = String::from('"');
        for c in text.chars() {
            match c {
                '"' | '\\' => out.extend(['\\', c]),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    /// `pack` as TOML that parses to it: each list on one line, and a field left out where it
    /// holds its default, as the compiled form cannot tell a default written from one left out.
    fn to_toml(pack: &RulePack) -> String {
        let list =
            |items: &[String]| format!("[{}]", items.iter().map(|item| quoted(item)).collect::<Vec<_>>().join(", "));
        let mut out = format!(
            "[pack]\nname = {}\nversion = {}\nlanguage = {}\ndescription = {}\n",
            quoted(&pack.name),
            quoted(&pack.version),
            list(&pack.language),
            quoted(&pack.description)
        );
        for rule in &pack.rules {
            out.push_str(&format!(
                "\n[[rule]]\nid = {}\ncategory = {}\nseverity = {}\nscope = {}\ndescription = {}\n",
                quoted(&rule.id),
                quoted(rule.category.as_str()),
                quoted(rule.severity.as_str()),
                quoted(rule.scope.as_str()),
                quoted(&rule.description)
            ));
            out.push_str(&format!("affixes = {}\nsubstring = {}\n", rule.affixes, rule.substring));
            if !rule.any.is_empty() {
                out.push_str(&format!("any = {}\n", list(&rule.any)));
            }
            if !rule.all.is_empty() {
                let groups: Vec<String> = rule.all.iter().map(|group| list(group)).collect();
                out.push_str(&format!("all = [{}]\n", groups.join(", ")));
            }
            if !rule.unless.is_empty() {
                out.push_str(&format!("unless = {}\n", list(&rule.unless)));
            }
            if !rule.unless_before.is_empty() {
                out.push_str(&format!("unless_before = {}\n", list(&rule.unless_before)));
            }
            if rule.within != DEFAULT_WITHIN {
                out.push_str(&format!("within = {}\n", rule.within));
            }
            if rule.unless_within != DEFAULT_UNLESS_WITHIN {
                out.push_str(&format!("unless_within = {}\n", rule.unless_within));
            }
        }
        out
    }

    /// `bytes` with the first string written `from` written `to` instead, sealed again.
    fn respelled(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
        let written = |text: &str| {
            let mut out = Writer(Vec::new());
            out.string(text);
            out.0
        };
        let (from, to) = (written(from), written(to));
        let body = &bytes[..bytes.len() - CHECKSUM];
        let at = body.windows(from.len()).position(|window| window == from).expect("the string is written");
        let body = [&body[..at], &to[..], &body[at + from.len()..]].concat();
        [&body[..], &Sha256::digest(&body)[..]].concat()
    }

    /// What an error says but where it is: its kind, rule, field and message (the parser's
    /// errors name a line too, the compiled reader's none).
    fn said(error: &Error) -> (ErrorKind, Option<&str>, Option<&str>, &str) {
        (error.kind(), error.rule(), error.field(), error.message())
    }

    /// The parser's and the compiled reader's errors for `pack`, which both must refuse.
    fn refusals(name: &str, pack: &RulePack) -> (Error, Error) {
        let parsed = RulePack::from_toml_named("packs/test.toml", &to_toml(pack));
        let packs = CompiledPacks { bundle: compiled(PACK).bundle, packs: vec![pack.clone()] };
        let read = CompiledPacks::from_bytes(&packs.to_bytes());
        match (parsed, read) {
            (Err(parsed), Err(read)) => (parsed, read),
            (parsed, read) => panic!("{name}: the parser gives {:?}, the reader {:?}", parsed.err(), read.err()),
        }
    }

    #[test]
    fn the_parser_and_the_compiled_reader_refuse_the_same_values_saying_the_same() {
        // Parsed from its own TOML, so that the lines of its rules are those of `to_toml`.
        let base = RulePack::from_toml_named("packs/test.toml", &to_toml(&compiled(PACK).packs[0])).unwrap();
        let pack = |change: fn(&mut RulePack)| {
            let mut pack = base.clone();
            change(&mut pack);
            pack
        };
        let cases: Vec<(&str, RulePack)> = vec![
            ("pack name", pack(|p| p.name = "Test".into())),
            ("pack name too long", pack(|p| p.name = "t".repeat(65))),
            ("pack version", pack(|p| p.version = "1.0".into())),
            ("language", pack(|p| p.language.push("ID".into()))),
            ("empty language", pack(|p| p.language.push(String::new()))),
            ("rule id", pack(|p| p.rules[0].id = "Test A".into())),
            ("rule id too long", pack(|p| p.rules[0].id = format!("t.{}", "a".repeat(127)))),
            ("duplicate rule id", pack(|p| p.rules[1].id = "test.a".into())),
            ("no phrases", pack(|p| p.rules[0].any.clear())),
            ("all one group", pack(|p| p.rules[1].all.truncate(1))),
            ("all 65 groups", pack(|p| p.rules[1].all = (0..65).map(|g| vec![format!("w{g}")]).collect())),
            ("all empty group", pack(|p| p.rules[1].all[1].clear())),
            ("within without all", pack(|p| p.rules[0].within = 9)),
            ("within zero", pack(|p| p.rules[1].within = 0)),
            ("within too big", pack(|p| p.rules[1].within = 65)),
            ("unless_within without unless", pack(|p| p.rules[1].unless_within = 3)),
            ("unless_within too big", pack(|p| p.rules[0].unless_within = 65)),
            ("affixes and substring", pack(|p| p.rules[1].substring = true)),
            ("empty phrase", pack(|p| p.rules[0].any.push(String::new()))),
            ("blank phrase", pack(|p| p.rules[0].unless.push("  ".into()))),
            ("control character", pack(|p| p.rules[0].any.push("b\tc".into()))),
            ("duplicate phrase", pack(|p| p.rules[0].any.push("slot gacor".into()))),
            ("duplicate in group", pack(|p| p.rules[1].all[1].push("gereja".into()))),
            ("phrase in two groups", pack(|p| p.rules[1].all[1].push("serang".into()))),
            ("unknown word shape", pack(|p| p.rules[1].all[1].push("<name-digits>".into()))),
            ("star inside", pack(|p| p.rules[0].any.push("sl*ot".into()))),
            ("star alone", pack(|p| p.rules[0].unless.push("*".into()))),
            ("star with affixes", pack(|p| p.rules[0].affixes = true)),
            ("star with substring", pack(|p| p.rules[0].substring = true)),
            ("equals without affixes", pack(|p| p.rules[1].affixes = false)),
            ("equals and star", pack(|p| p.rules[1].unless.push("=*jad".into()))),
        ];
        for (name, pack) in &cases {
            let (parsed, read) = refusals(name, pack);
            assert_eq!(said(&parsed), said(&read), "{name}");
            assert_eq!(parsed.kind(), ErrorKind::PackInvalid, "{name}");
            // An empty code is refused as it is read, before the pack's file: named by the pack's name.
            let file = if *name == "empty language" { "pack `test`" } else { "packs/test.toml" };
            assert_eq!(read.file(), Some(file), "{name}");
        }

        // Names of a category, severity or scope that there is not, written where the right one is.
        let toml = to_toml(&base);
        let bytes = CompiledPacks { bundle: compiled(PACK).bundle, packs: vec![base.clone()] }.to_bytes();
        for (from, to) in [("gambling", "gamble"), ("review", "reviewed"), ("public", "channel")] {
            let parsed = RulePack::from_toml(&toml.replacen(&quoted(from), &quoted(to), 1)).unwrap_err();
            let read = CompiledPacks::from_bytes(&respelled(&bytes, from, to)).unwrap_err();
            assert_eq!(said(&parsed), said(&read), "{to}");
        }

        // A pack without rules is a matter of the TOML file's shape to the parser.
        let (parsed, read) = refusals("no rules", &pack(|p| p.rules.clear()));
        assert_eq!((parsed.kind(), read.kind()), (ErrorKind::PackSyntax, ErrorKind::PackInvalid));
        assert_eq!((parsed.field(), parsed.message()), (read.field(), read.message()));

        // The parser refuses a phrase over the limits; compiled packs carry no limits, so the
        // screener built from them refuses it, as it does any pack over its own.
        let long = pack(|p| p.rules[0].any.push("x".repeat(Limits::default().max_phrase_chars + 1)));
        let parsed = RulePack::from_toml(&to_toml(&long)).unwrap_err();
        let read =
            CompiledPacks::from_bytes(&CompiledPacks { bundle: compiled(PACK).bundle, packs: vec![long] }.to_bytes());
        let built = crate::Screener::builder().packs(read.unwrap().packs).build().err().unwrap();
        assert_eq!(said(&parsed), said(&built));
    }
}
