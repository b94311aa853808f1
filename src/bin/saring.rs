//! The saring command line: screen texts, check rule packs, show folding.
//!
//! Exit codes: 0 success, 1 a finding at or above `--fail-on`, 2 a usage or input error (with
//! a message on stderr), 141 standard output closed by its reader.

use saring::normalize::Normalizer;
use saring::rules::{Bundle, CompiledPacks, SecretKey, TrustedKey};
use saring::{check_examples, BundleRef, Error, Limits, RulePack, Scope, Screener, Screening, Severity};
use serde::Serialize;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
saring — screen posts against rule packs, before they are published

USAGE:
    saring scan [--pack PATH | --bundle FILE [--trust KEY]... [--unsigned] | --compiled FILE]...
                [--scope public|private] [--fail-on SEVERITY] [--max-bytes N] [LIMIT N]...
                [--jsonl] [FILE|-]
    saring check PATH...
    saring bundle PATH... -o FILE [--name NAME] [--version VERSION] [--sign SECRET-KEY | --compiled]
    saring keys generate --out DIR
    saring fold [FILE|-]
    saring packs [--pack PATH | --bundle FILE [--trust KEY]... [--unsigned] | --compiled FILE]...

scan     screens one text (FILE, or standard input) and prints one JSON object:
         {\"verdict\":…,\"findings\":[{\"rule\",\"category\",\"severity\",\"text\",\"bytes\",\"utf16\",\"explain\",…}]}
         With --jsonl, reads one {\"id\":…,\"text\":…} object per line and writes one result
         per line with the id echoed, streaming.
check    validates rule packs (files, or directories of *.toml) and runs their examples.
bundle   compiles packs into one JSON bundle with a version and a SHA-256, optionally signed;
         with --compiled, into compiled packs instead: the binary form the npm package's
         runtime build (`saring/runtime`, no TOML parser) loads with Screener.fromCompiled.
keys     makes an Ed25519 key pair for signing bundles (DIR/saring-bundle.key and .pub).
fold     prints the folded form of a text, as the screener sees it.
packs    lists the packs in use.

--pack PATH      a rule pack file or a directory of them (repeatable); default: the embedded packs
--bundle FILE    a signed rule bundle made by `saring bundle --sign` (hashes and signature are
                 checked; an older version of the embedded default bundle is refused)
--compiled FILE  compiled packs made by `saring bundle --compiled` (checksum and values checked)
--trust KEY      a public key file (or hex) trusted to sign bundles (repeatable)
--unsigned       accept bundles on their hashes alone, without a signature (development only)
--scope SCOPE    public (default) or private
--fail-on SEV    exit 1 if a finding is at or above SEV (warn, review, block)
--max-bytes N    refuse texts longer than N bytes (default 65536)

LIMITS on rule packs (scan, packs), each refusal naming the limit:
--max-pack-bytes N     bytes of TOML in one pack (default 1048576)
--max-rules N          rules in one pack (default 10000)
--max-pack-phrases N   phrases in one pack (default 50000)
--max-phrase-chars N   characters in one phrase (default 200)
--max-phrases N        distinct phrases over all packs (default 100000)

EXIT CODES: 0 success, 1 findings at or above --fail-on, 2 usage or input error,
141 standard output closed by its reader (as a tool killed by SIGPIPE)";

/// Writes a line to standard output. A reader that stops reading (`saring packs | head`) ends
/// the program quietly, as it ends other Unix tools, rather than with a panic: with the status
/// a shell gives a tool killed by SIGPIPE (141), so that `set -o pipefail` still sees that the
/// output was cut short (`saring check` must not pass because its reader left).
fn say(line: std::fmt::Arguments<'_>) {
    let mut out = io::stdout().lock();
    if let Err(error) = writeln!(out, "{line}") {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("saring: cannot write to standard output: {error}");
        std::process::exit(2);
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("saring: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(format!("no command given\n\n{USAGE}"));
    };
    let command: fn(&[String]) -> Result<ExitCode, String> = match command.as_str() {
        "scan" => |rest| scan(&ScanArgs::parse(rest)?),
        "check" => check,
        "bundle" => bundle,
        "keys" => keys,
        "fold" => fold,
        "packs" => |rest| packs(&ScanArgs::parse(rest)?),
        "help" | "--help" | "-h" => |_| usage(),
        "--version" | "-V" => |_| {
            say(format_args!("saring {}", env!("CARGO_PKG_VERSION")));
            Ok(ExitCode::SUCCESS)
        },
        other => return Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    // `saring scan --help`, a first try at any command: the usage, not an unknown option.
    if rest.iter().any(|arg| arg == "--help" || arg == "-h") {
        return usage();
    }
    command(rest)
}

fn usage() -> Result<ExitCode, String> {
    say(format_args!("{USAGE}"));
    Ok(ExitCode::SUCCESS)
}

#[derive(Default)]
struct ScanArgs {
    packs: Vec<PathBuf>,
    bundles: Vec<PathBuf>,
    compiled: Vec<PathBuf>,
    trust: Vec<String>,
    unsigned: bool,
    scope: Option<Scope>,
    fail_on: Option<Severity>,
    limits: Limits,
    jsonl: bool,
    input: Option<String>,
}

impl ScanArgs {
    fn parse(args: &[String]) -> Result<ScanArgs, String> {
        let mut parsed = ScanArgs::default();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = |name: &str| args.next().cloned().ok_or_else(|| format!("{name} needs a value"));
            match arg.as_str() {
                "--pack" => parsed.packs.push(PathBuf::from(value("--pack")?)),
                "--bundle" => parsed.bundles.push(PathBuf::from(value("--bundle")?)),
                "--compiled" => parsed.compiled.push(PathBuf::from(value("--compiled")?)),
                "--trust" => parsed.trust.push(value("--trust")?),
                "--unsigned" => parsed.unsigned = true,
                "--scope" => {
                    let scope = value("--scope")?;
                    parsed.scope = Some(
                        Scope::parse(&scope)
                            .ok_or_else(|| format!("--scope: unknown scope `{scope}`; expected public or private"))?,
                    );
                }
                "--fail-on" => {
                    let severity = value("--fail-on")?;
                    parsed.fail_on = Some(Severity::parse(&severity).ok_or_else(|| {
                        format!("--fail-on: unknown severity `{severity}`; expected one of {}", Severity::names())
                    })?);
                }
                flag if limit_field(&mut parsed.limits, flag).is_some() => {
                    let number = value(flag)?;
                    // As the npm package's options: a limit of 0 would refuse everything.
                    let number = number
                        .parse()
                        .ok()
                        .filter(|&n: &usize| n >= 1)
                        .ok_or_else(|| format!("{flag}: `{number}` is not a whole number from 1"))?;
                    *limit_field(&mut parsed.limits, flag).expect("matched above") = number;
                }
                "--jsonl" => parsed.jsonl = true,
                "-" => parsed.input = Some("-".to_owned()),
                flag if flag.starts_with('-') => return Err(format!("unknown option `{flag}`\n\n{USAGE}")),
                path => {
                    if parsed.input.is_some() {
                        return Err(format!("more than one input given (`{path}`); scan reads one FILE or -"));
                    }
                    parsed.input = Some(path.to_owned());
                }
            }
        }
        Ok(parsed)
    }

    fn screener(&self) -> Result<Screener, String> {
        self.screener_and_bundle().map(|(screener, _)| screener)
    }

    /// The screener, and the identity of the one bundle it is built from, if it is built from
    /// one: the embedded default bundle (no pack given; parsed once for both), one `--bundle`
    /// or one `--compiled` file alone.
    fn screener_and_bundle(&self) -> Result<(Screener, Option<BundleRef>), String> {
        let mut builder = Screener::builder();
        let sources = self.packs.len() + self.bundles.len() + self.compiled.len();
        let mut identity = None;
        if sources == 0 {
            let defaults = saring::rules::default_bundle();
            builder = builder.packs(defaults.packs().iter().cloned());
            identity = Some(BundleRef::from(&defaults));
        }
        for path in &self.packs {
            builder = builder.packs(load_packs(path, &self.limits)?);
        }
        for path in &self.compiled {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            let compiled = CompiledPacks::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            identity = (sources == 1).then_some(compiled.bundle);
            builder = builder.packs(compiled.packs);
        }
        let trusted = self.trusted_keys()?;
        if !self.bundles.is_empty() && trusted.is_empty() && !self.unsigned {
            return Err(
                "--bundle needs --trust PUBLIC-KEY (or --unsigned to accept a bundle on its hashes alone)".into()
            );
        }
        // The embedded default bundle, parsed only when there is a bundle to compare with it.
        let in_use = (!self.bundles.is_empty()).then(|| BundleRef::from(&saring::rules::default_bundle()));
        for path in &self.bundles {
            let json = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            let located = |e: Error| e.in_file(path.display().to_string()).to_string();
            let bundle = Bundle::from_json_with(&json, &self.limits).map_err(located)?;
            if !self.unsigned {
                bundle.verify(&trusted).map_err(located)?;
            }
            if let Some(in_use) = &in_use {
                bundle.check_not_older_than(in_use).map_err(located)?;
            }
            identity = (sources == 1).then(|| BundleRef::from(&bundle));
            builder = builder.packs(bundle.packs().iter().cloned());
        }
        let screener = builder.limits(self.limits).build().map_err(|e| e.to_string())?;
        Ok((screener, identity))
    }
}

impl ScanArgs {
    /// The `--trust` keys: files holding a hex public key, or the hex itself.
    fn trusted_keys(&self) -> Result<Vec<TrustedKey>, String> {
        self.trust.iter().map(|arg| read_key(arg, TrustedKey::from_hex)).collect()
    }
}

/// Reads a key given as a file path or as hex.
fn read_key<K>(arg: &str, parse: impl Fn(&str) -> Result<K, Error>) -> Result<K, String> {
    let text = match std::fs::read_to_string(arg) {
        Ok(text) => text,
        Err(_) if !Path::new(arg).exists() => arg.to_owned(),
        Err(e) => return Err(format!("{arg}: cannot read: {e}")),
    };
    let line = text.lines().find(|line| !line.trim().is_empty() && !line.starts_with('#')).unwrap_or("");
    parse(line).map_err(|e| format!("{arg}: {}", e.message()))
}

/// The limit a command-line flag sets, if it names one.
fn limit_field<'a>(limits: &'a mut Limits, flag: &str) -> Option<&'a mut usize> {
    Some(match flag {
        "--max-bytes" => &mut limits.max_text_bytes,
        "--max-pack-bytes" => &mut limits.max_pack_bytes,
        "--max-rules" => &mut limits.max_rules_per_pack,
        "--max-pack-phrases" => &mut limits.max_phrases_per_pack,
        "--max-phrase-chars" => &mut limits.max_phrase_chars,
        "--max-phrases" => &mut limits.max_phrases,
        _ => return None,
    })
}

/// Loads a pack file, or every `*.toml` in a directory (sorted by name).
fn load_packs(path: &Path, limits: &Limits) -> Result<Vec<RulePack>, String> {
    pack_files(path)?
        .iter()
        .map(|file| RulePack::from_toml_file_with(file, limits).map_err(|e| e.to_string()))
        .collect()
}

fn pack_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| format!("{}: cannot read directory: {e}", path.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|file| file.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no *.toml rule packs in this directory", path.display()));
    }
    Ok(files)
}

/// Reads the text to screen, at most `limit` bytes: a longer one is refused as soon as its
/// byte past the limit arrives, so an endless stream (`yes | saring scan -`) takes no more memory
/// than a text may.
fn read_input(input: Option<&str>, limit: usize) -> Result<String, String> {
    let (name, source): (String, Box<dyn Read>) = match input {
        None | Some("-") => ("standard input".to_owned(), Box::new(io::stdin().lock())),
        Some(path) => {
            (path.to_owned(), Box::new(std::fs::File::open(path).map_err(|e| format!("{path}: cannot read: {e}"))?))
        }
    };
    let mut bytes = Vec::new();
    source
        .take((limit as u64).saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: cannot read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("{name}: text is longer than {limit} bytes; the limit is {limit} bytes (max_text_bytes)"));
    }
    String::from_utf8(bytes).map_err(|e| format!("{name}: not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

fn scan(args: &ScanArgs) -> Result<ExitCode, String> {
    let screener = args.screener()?;
    let scope = args.scope.unwrap_or(Scope::Public);
    if args.jsonl {
        return scan_jsonl(&screener, scope, args);
    }
    let text = read_input(args.input.as_deref(), screener.max_text_bytes())?;
    let screening = screener.try_screen(&text, scope).map_err(|e| e.to_string())?;
    let json = serde_json::to_string(&screening).map_err(|e| e.to_string())?;
    say(format_args!("{json}"));
    Ok(exit_for(&screening, args.fail_on))
}

fn exit_for(screening: &Screening, fail_on: Option<Severity>) -> ExitCode {
    let fails = |s: &Screening| fail_on.is_some_and(|limit| s.findings().iter().any(|f| f.severity() >= limit));
    if fails(screening) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(serde::Deserialize)]
struct JsonlPost {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
}

#[derive(Serialize)]
struct JsonlResult<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    screening: &'a Screening,
}

#[derive(Serialize)]
struct JsonlError<'a> {
    id: &'a serde_json::Value,
    line: usize,
    error: String,
}

/// Streams `{"id","text"}` lines to results. A bad line gets an error object in its place (and
/// a message on stderr), so no post is silently dropped; the exit code is then 2.
fn scan_jsonl(screener: &Screener, scope: Scope, args: &ScanArgs) -> Result<ExitCode, String> {
    let reader: Box<dyn BufRead> = match args.input.as_deref() {
        None | Some("-") => Box::new(io::stdin().lock()),
        Some(path) => {
            Box::new(io::BufReader::new(std::fs::File::open(path).map_err(|e| format!("{path}: cannot read: {e}"))?))
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut failed, mut bad_lines) = (false, 0usize);
    // A line holds one text and its id, every byte of the text escaped at worst (`\u0001`).
    let max_line = screener.max_text_bytes().saturating_mul(6).saturating_add(MAX_LINE_BESIDES_TEXT);
    let mut line = Vec::new();
    let mut reader = reader;
    let mut number = 0;
    loop {
        line.clear();
        let (read, cut) =
            read_line_within(&mut reader, &mut line, max_line).map_err(|e| format!("cannot read input: {e}"))?;
        if read == 0 {
            break;
        }
        number += 1;
        if !cut && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = if cut {
            let message = format!(
                "line is longer than {max_line} bytes, more than a text of {} bytes takes (max_text_bytes)",
                screener.max_text_bytes()
            );
            Err(Error::new(saring::ErrorKind::TextTooLong, message))
        } else {
            parse_post(&line)
                .and_then(|post| screener.try_screen(&post.text, scope).map(|screening| (post.id, screening)))
        };
        let written = match result {
            Ok((id, screening)) => {
                failed |= exit_for(&screening, args.fail_on) != ExitCode::SUCCESS;
                serde_json::to_writer(&mut out, &JsonlResult { id: &id, screening: &screening })
            }
            Err(error) => {
                bad_lines += 1;
                eprintln!("saring: line {number}: {}", error.message());
                let id = (!cut)
                    .then(|| serde_json::from_slice::<serde_json::Value>(&without_lone_surrogates(&line)).ok())
                    .flatten()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                serde_json::to_writer(
                    &mut out,
                    &JsonlError { id: &id, line: number, error: error.message().to_owned() },
                )
            }
        };
        written.map_err(|e| format!("cannot write output: {e}"))?;
        out.write_all(b"\n").map_err(|e| format!("cannot write output: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write output: {e}"))?;
    if bad_lines > 0 {
        eprintln!("saring: {bad_lines} line(s) could not be screened; see the \"error\" objects in the output");
        return Ok(ExitCode::from(2));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Room a JSON line takes besides its text's escaped bytes (the id, the keys, white space).
const MAX_LINE_BESIDES_TEXT: usize = 64 * 1024;

/// Reads one line (up to and including `\n`) into `line`, keeping at most `max` bytes of it: the
/// rest of a longer line is read and dropped. Returns the bytes read and whether it was cut.
fn read_line_within(reader: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<(usize, bool)> {
    let (mut read, mut cut) = (0, false);
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((read, cut));
        }
        let (taken, done) = match available.iter().position(|&b| b == b'\n') {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        let room = max.saturating_sub(line.len());
        cut |= taken > room;
        line.extend_from_slice(&available[..taken.min(room)]);
        reader.consume(taken);
        read += taken;
        if done {
            return Ok((read, cut));
        }
    }
}

/// One `{"id","text"}` line. A text cut inside a surrogate pair by JavaScript (`JSON.stringify`
/// writes a lone surrogate as `\ud83d`) is read with U+FFFD in its place, as the npm package
/// screens such a string; it is one UTF-16 unit as the surrogate was, so spans still slice the
/// JavaScript string.
fn parse_post(line: &[u8]) -> Result<JsonlPost, Error> {
    serde_json::from_slice::<JsonlPost>(line)
        .or_else(|error| match error.classify() {
            serde_json::error::Category::Syntax => serde_json::from_slice::<JsonlPost>(&without_lone_surrogates(line)),
            _ => Err(error),
        })
        .map_err(|e| Error::new(saring::ErrorKind::Input, format!("not a {{\"id\",\"text\"}} JSON object: {e}")))
}

/// `line` with every `\uD800`–`\uDFFF` escape that is not half of a pair written `\ufffd`.
fn without_lone_surrogates(line: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let unit = |at: usize| -> Option<u16> {
        let hex = line.get(at..at + 6).filter(|h| h[0] == b'\\' && h[1] == b'u')?;
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let (mut out, mut at, mut copied) = (Vec::new(), 0, 0);
    while at < line.len() {
        if line[at] != b'\\' {
            at += 1;
            continue;
        }
        let Some(first) = unit(at) else {
            at += 2; // another escape (`\\`, `\"`, …)
            continue;
        };
        let paired = (0xD800..0xDC00).contains(&first) && unit(at + 6).is_some_and(|u| (0xDC00..0xE000).contains(&u));
        if paired {
            at += 12;
        } else if (0xD800..0xE000).contains(&first) {
            out.extend_from_slice(&line[copied..at]);
            out.extend_from_slice(b"\\ufffd");
            at += 6;
            copied = at;
        } else {
            at += 6;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(line);
    }
    out.extend_from_slice(&line[copied..]);
    std::borrow::Cow::Owned(out)
}

fn check(paths: &[String]) -> Result<ExitCode, String> {
    if paths.is_empty() {
        return Err("check needs at least one rule pack file or directory".to_owned());
    }
    let (mut problems, mut rules, mut examples) = (0usize, 0usize, 0usize);
    for path in paths {
        for file in pack_files(Path::new(path))? {
            let pack = match RulePack::from_toml_file(&file) {
                Ok(pack) => pack,
                Err(error) => {
                    say(format_args!("{error}"));
                    problems += 1;
                    continue;
                }
            };
            rules += pack.rules().len();
            examples +=
                pack.rules().iter().map(|r| r.examples_match().len() + r.examples_no_match().len()).sum::<usize>();
            match check_examples(&pack) {
                Ok(failures) => {
                    for failure in &failures {
                        say(format_args!("{failure}"));
                    }
                    problems += failures.len();
                }
                Err(error) => {
                    say(format_args!("{error}"));
                    problems += 1;
                }
            }
        }
    }
    say(format_args!("checked {rules} rules, {examples} examples: {problems} problem(s)"));
    Ok(if problems == 0 { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// `saring bundle PATH... -o FILE [--name NAME] [--version VERSION]`
fn bundle(args: &[String]) -> Result<ExitCode, String> {
    let (mut paths, mut out, mut name, mut version, mut sign) = (Vec::new(), None, None, None, None);
    let mut compiled = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().cloned().ok_or_else(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "-o" | "--output" => out = Some(value("-o")?),
            "--name" => name = Some(value("--name")?),
            "--version" => version = Some(value("--version")?),
            "--sign" => sign = Some(value("--sign")?),
            "--compiled" => compiled = true,
            flag if flag.starts_with('-') && flag != "-" => return Err(format!("unknown option `{flag}`\n\n{USAGE}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let out = out.ok_or("bundle needs -o FILE (or -o - for standard output)")?;
    if compiled && sign.is_some() {
        return Err("compiled packs are not signed (whoever serves them serves the page's code too): \
                    use --sign for a JSON bundle, or --compiled without it"
            .to_owned());
    }
    if paths.is_empty() {
        return Err("bundle needs at least one rule pack file or directory".to_owned());
    }
    let version = version.unwrap_or_else(|| env!("CARGO_PKG_VERSION").to_owned());
    Bundle::check_published_version(&version).map_err(|e| e.to_string())?;
    let mut sources = Vec::new();
    for path in &paths {
        for file in pack_files(path)? {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
            sources.push((file.display().to_string(), text));
        }
    }
    let mut bundle = Bundle::from_sources(
        name.as_deref().unwrap_or(saring::rules::DEFAULT_BUNDLE_NAME),
        &version,
        sources.iter().map(|(file, text)| (file.as_str(), text.as_str())),
    )
    .map_err(|e| e.to_string())?;
    // What is written must load: a screener is built from it (two packs of one name, a phrase
    // that folds to nothing or too many phrases are refused here, not where it is used).
    Screener::builder().packs(bundle.packs().iter().cloned()).build().map_err(|e| e.to_string())?;
    if let Some(key) = &sign {
        bundle.sign(&read_key(key, SecretKey::from_hex)?);
    }
    let written = if compiled { CompiledPacks::from_bundle(&bundle).to_bytes() } else { bundle.to_json().into_bytes() };
    let written = if compiled { written } else { [written, b"\n".to_vec()].concat() };
    if out == "-" {
        io::stdout().write_all(&written).map_err(|e| format!("standard output: cannot write: {e}"))?;
    } else {
        std::fs::write(&out, written).map_err(|e| format!("{out}: cannot write: {e}"))?;
    }
    eprintln!(
        "saring: {} {} {} with {} packs, sha256 {}",
        if compiled { "compiled packs of bundle" } else { "bundle" },
        bundle.name(),
        bundle.version(),
        bundle.packs().len(),
        bundle.sha256()
    );
    Ok(ExitCode::SUCCESS)
}

/// `saring keys generate --out DIR`: an Ed25519 key pair for signing bundles.
fn keys(args: &[String]) -> Result<ExitCode, String> {
    let out = match args {
        [generate, flag, dir] if generate == "generate" && (flag == "--out" || flag == "-o") => PathBuf::from(dir),
        _ => return Err(format!("usage: saring keys generate --out DIR\n\n{USAGE}")),
    };
    let key = SecretKey::from_seed(random_seed()?);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let (secret, public) = (out.join("saring-bundle.key"), out.join("saring-bundle.pub"));
    if secret.exists() {
        return Err(format!("{}: already exists; refusing to overwrite a key", secret.display()));
    }
    write_secret(
        &secret,
        &format!("# saring bundle signing key (secret): keep it off shared machines\n{}\n", key.to_hex()),
    )?;
    std::fs::write(&public, format!("{}\n", key.public_hex()))
        .map_err(|e| format!("{}: cannot write: {e}", public.display()))?;
    eprintln!("saring: wrote {} (secret) and {} (public {})", secret.display(), public.display(), key.public_hex());
    Ok(ExitCode::SUCCESS)
}

/// 32 bytes of the operating system's randomness.
#[cfg(not(target_arch = "wasm32"))]
fn random_seed() -> Result<[u8; 32], String> {
    let mut seed = [0u8; 32];
    getrandom::getrandom(&mut seed).map_err(|e| format!("cannot read the operating system's randomness: {e}"))?;
    Ok(seed)
}

/// The CLI is compiled for wasm only as a side effect of testing the library there.
#[cfg(target_arch = "wasm32")]
fn random_seed() -> Result<[u8; 32], String> {
    Err("key generation needs an operating system".to_owned())
}

/// Writes a file only its owner can read.
fn write_secret(path: &Path, contents: &str) -> Result<(), String> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(|e| format!("{}: cannot create: {e}", path.display()))?;
    file.write_all(contents.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

fn fold(args: &[String]) -> Result<ExitCode, String> {
    // Folding shows what the screener reads; it is not bound by a screener's limit.
    let text = read_input(args.first().map(String::as_str), usize::MAX)?;
    say(format_args!("{}", Normalizer::default().fold(&text)));
    Ok(ExitCode::SUCCESS)
}

fn packs(args: &ScanArgs) -> Result<ExitCode, String> {
    let (screener, bundle) = args.screener_and_bundle()?;
    let json = serde_json::json!({
        "bundle": bundle,
        "packs": screener.packs(),
        "phrases": screener.phrase_count(),
        "automaton": screener.automaton(),
    });
    say(format_args!("{json}"));
    Ok(ExitCode::SUCCESS)
}
