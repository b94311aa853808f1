//! Moderation reports: a flagged **public** post, turned into what the moderation API takes.
//!
//! A [`Report`] is built from the text of a post, its [`Screening`], where the post lives
//! ([`PostContext`]) and which rules saw it ([`ReportSource`]). A screening of a private
//! message is refused with [`ErrorKind::PrivateScope`]: private content never becomes a report.
//!
//! ```
//! use saring::{PostContext, Report, ReportReason, ReportSource, Scope, Screener};
//! use std::time::{Duration, UNIX_EPOCH};
//!
//! let text = "Daftar s l 0 t g4c0r sekarang, maxwin tiap hari!";
//! let screening = Screener::with_defaults().screen(text, Scope::Public);
//! let context = PostContext::new("-1001234567890", "42", UNIX_EPOCH + Duration::from_secs(1_714_563_296))
//!     .post_url("https://t.me/contoh/42");
//! let report = Report::from_screening(text, &screening, &context, &ReportSource::default_bundle())?;
//! assert_eq!(report.reason, ReportReason::IllegalGoods);
//! assert_eq!(report.created_at, "2024-05-01T11:34:56.000Z");
//! assert_eq!(report.idempotency_key.len(), 64);
//!
//! // A private message never becomes a report.
//! let private = Screener::with_defaults().screen(text, Scope::Private);
//! let refused = Report::from_screening(text, &private, &context, &ReportSource::default_bundle());
//! assert_eq!(refused.unwrap_err().kind(), saring::ErrorKind::PrivateScope);
//! # Ok::<(), saring::Error>(())
//! ```
//!
//! The JSON form is described by `schema/report.schema.json` (JSON Schema 2020-12); the API
//! that takes it by `schema/openapi.yaml`. A report received from the network is checked with
//! [`Report::validate`], which recomputes every hash and span.

use crate::error::{Error, ErrorKind};
use crate::rules::{sha256_hex, Bundle, Category, Severity};
use crate::screening::{Finding, Scope, Screening};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The version of the report format this crate writes and reads.
pub const REPORT_SCHEMA_VERSION: u32 = 1;
/// Longest post text a report carries, in UTF-8 bytes (the screener's default limit).
pub const MAX_REPORT_TEXT_BYTES: usize = crate::limits::DEFAULT_MAX_TEXT_BYTES;
/// Longest channel or post id, in characters.
pub const MAX_ID_CHARS: usize = 128;
/// Longest channel username, in characters.
pub const MAX_USERNAME_CHARS: usize = 64;
/// Longest post URL, in characters.
pub const MAX_URL_CHARS: usize = 2048;
/// Longest reporter note, in characters.
pub const MAX_NOTE_CHARS: usize = 1000;
/// Most findings one report carries.
pub const MAX_FINDINGS: usize = 256;
/// Largest report [`Report::from_screening`] makes, in bytes of JSON (1 MiB): it leaves out
/// findings that would not fit. The text alone is at most 384 KiB of JSON (65,536 bytes, a
/// control character escaped as six), and so is the primary finding's excerpt, which is always
/// kept; the reference server takes bodies of this size.
pub const MAX_REPORT_JSON_BYTES: usize = 1024 * 1024;
/// Bytes of JSON every field but the text and the findings takes at most: names and ids
/// (704 characters), the post URL (2,048) and the note (1,000), at four bytes a character (no
/// control character but a line break or tab is allowed, and those escape to two), the hashes,
/// the time, the reason, `findings_omitted` and the field names. The findings are chosen
/// against this rather than the fields' actual lengths, so a longer note does not change which
/// findings a report carries, nor its idempotency key.
const ROOM_FOR_OTHER_FIELDS: usize = 16 * 1024;
/// Longest short name (rule id, pack name, bundle name and version, client version), in characters.
pub const MAX_NAME_CHARS: usize = 128;

/// Where a post lives, and when it is reported.
///
/// The time is an argument, never read from a clock inside the crate: reports are
/// deterministic to test, and WebAssembly callers pass `Date.now()`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostContext {
    /// The channel's stable id, e.g. `"-1001234567890"`.
    pub channel_id: String,
    /// The channel's public username, e.g. `"contoh"`, when it has one.
    pub channel_username: Option<String>,
    /// The post's id within the channel, e.g. `"42"`.
    pub post_id: String,
    /// A link to the post, e.g. `"https://t.me/contoh/42"`.
    pub post_url: Option<String>,
    /// A note from the person reporting, for the moderator.
    pub reporter_note: Option<String>,
    /// When the report is made.
    pub created_at: SystemTime,
}

impl PostContext {
    /// A post identified by its channel and post ids, reported at `created_at`.
    pub fn new(channel_id: impl Into<String>, post_id: impl Into<String>, created_at: SystemTime) -> PostContext {
        PostContext {
            channel_id: channel_id.into(),
            channel_username: None,
            post_id: post_id.into(),
            post_url: None,
            reporter_note: None,
            created_at,
        }
    }

    /// Sets the channel's public username.
    pub fn channel_username(mut self, username: impl Into<String>) -> PostContext {
        self.channel_username = Some(username.into());
        self
    }

    /// Sets the link to the post.
    pub fn post_url(mut self, url: impl Into<String>) -> PostContext {
        self.post_url = Some(url.into());
        self
    }

    /// Sets the reporter's note.
    pub fn reporter_note(mut self, note: impl Into<String>) -> PostContext {
        self.reporter_note = Some(note.into());
        self
    }
}

/// Which rules made a screening: a bundle's identity, as a report carries it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct BundleRef {
    /// The bundle's name, e.g. `"saring-default"`.
    pub name: String,
    /// The bundle's version.
    pub version: String,
    /// The bundle's SHA-256, lower-case hex.
    pub sha256: String,
}

impl From<&Bundle> for BundleRef {
    fn from(bundle: &Bundle) -> BundleRef {
        BundleRef {
            name: bundle.name().to_owned(),
            version: bundle.version().to_owned(),
            sha256: bundle.sha256().to_owned(),
        }
    }
}

/// What produced a report: the rule bundle and the client's version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSource {
    /// The rule bundle the screening ran with.
    pub bundle: BundleRef,
    /// The version of the client that made the report, e.g. saring's own.
    pub client_version: String,
}

impl ReportSource {
    /// A source for screenings made with `bundle` by a client of version `client_version`.
    pub fn new(bundle: &Bundle, client_version: impl Into<String>) -> ReportSource {
        ReportSource { bundle: bundle.into(), client_version: client_version.into() }
    }

    /// The source of screenings made with the embedded default packs
    /// ([`Screener::with_defaults`](crate::Screener::with_defaults)) by this crate.
    ///
    /// ```
    /// let source = saring::ReportSource::default_bundle();
    /// assert_eq!(source.bundle.sha256, saring::rules::default_bundle().sha256());
    /// assert_eq!(source.client_version, env!("CARGO_PKG_VERSION"));
    /// ```
    pub fn default_bundle() -> ReportSource {
        ReportSource::new(&crate::rules::default_bundle(), env!("CARGO_PKG_VERSION"))
    }
}

/// The reason a report is filed under, in the messaging platform's own terms.
///
/// It is taken from the category of the report's primary finding ([`Report::primary_finding`]):
///
/// | category | reason |
/// | --- | --- |
/// | terrorism | `terrorism` |
/// | incitement | `violence` |
/// | hate | `violence` — the platform has no hate-speech reason; hate against groups (SARA) is handled with calls to violence, not as "other" |
/// | pornography | `pornography` |
/// | gambling | `illegal_goods` — online gambling is illegal in Indonesia |
/// | fraud, spam | `spam_fraud` |
/// | other | `other` |
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    /// Terrorist propaganda.
    Terrorism,
    /// Violence and calls to it, hate against groups.
    Violence,
    /// Pornography.
    Pornography,
    /// Illegal goods and services (online gambling).
    IllegalGoods,
    /// Spam and scams.
    SpamFraud,
    /// Anything else.
    Other,
}

impl ReportReason {
    /// Every reason, in order.
    pub const ALL: &'static [ReportReason] = &[
        ReportReason::Terrorism,
        ReportReason::Violence,
        ReportReason::Pornography,
        ReportReason::IllegalGoods,
        ReportReason::SpamFraud,
        ReportReason::Other,
    ];

    /// The reason a finding of `category` is reported under (see the table above).
    ///
    /// ```
    /// use saring::{Category, ReportReason};
    /// assert_eq!(ReportReason::for_category(Category::Gambling), ReportReason::IllegalGoods);
    /// ```
    pub fn for_category(category: Category) -> ReportReason {
        match category {
            Category::Terrorism => ReportReason::Terrorism,
            Category::Incitement | Category::Hate => ReportReason::Violence,
            Category::Pornography => ReportReason::Pornography,
            Category::Gambling => ReportReason::IllegalGoods,
            Category::Fraud | Category::Spam => ReportReason::SpamFraud,
            Category::Other => ReportReason::Other,
        }
    }

    /// The name used in JSON, e.g. `"illegal_goods"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Terrorism => "terrorism",
            ReportReason::Violence => "violence",
            ReportReason::Pornography => "pornography",
            ReportReason::IllegalGoods => "illegal_goods",
            ReportReason::SpamFraud => "spam_fraud",
            ReportReason::Other => "other",
        }
    }

    /// Parses the name used in JSON.
    pub fn parse(text: &str) -> Option<ReportReason> {
        ReportReason::ALL.iter().copied().find(|reason| reason.as_str() == text)
    }
}

impl fmt::Display for ReportReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding, as a report carries it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ReportFinding {
    /// The id of the rule that fired.
    pub rule: String,
    /// The pack the rule belongs to.
    pub pack: String,
    /// The rule's category.
    #[serde(with = "category_name")]
    pub category: Category,
    /// The rule's severity.
    #[serde(with = "severity_name")]
    pub severity: Severity,
    /// The text of the span, exactly as in the post.
    pub excerpt: String,
    /// Start of the span in UTF-16 code units (JavaScript's `slice`).
    pub start: usize,
    /// End of the span in UTF-16 code units.
    pub end: usize,
    /// The span in UTF-8 bytes, `[start, end]`.
    pub bytes: [usize; 2],
}

/// A flagged public post, ready for the moderation API. Its JSON form is
/// `schema/report.schema.json`.
///
/// Build one with [`Report::from_screening`]; check one that came over the network with
/// [`Report::validate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The format version, [`REPORT_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Lower-case hex SHA-256 of what the report is about (see [`Report::compute_idempotency_key`]):
    /// the same post, text, findings and rules give the same key, so a report sent twice is
    /// stored once.
    pub idempotency_key: String,
    /// When the report was made, RFC 3339 in UTC, e.g. `"2024-05-01T11:34:56.000Z"`.
    pub created_at: String,
    /// The channel's stable id.
    pub channel_id: String,
    /// The channel's public username.
    // Absent, these are `null` in JavaScript (the bindings serialize JSON-compatibly), and are
    // typed so.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub channel_username: Option<String>,
    /// The post's id within the channel.
    pub post_id: String,
    /// A link to the post.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub post_url: Option<String>,
    /// A note from the person reporting.
    #[cfg_attr(target_arch = "wasm32", tsify(type = "string | null"))]
    pub reporter_note: Option<String>,
    /// The post's text.
    pub text: String,
    /// Lower-case hex SHA-256 of `text` (UTF-8).
    pub text_sha256: String,
    /// The findings, in order of their start in the text: all of them, or when there are more
    /// than [`MAX_FINDINGS`] (or more than fit [`MAX_REPORT_JSON_BYTES`]), the most telling
    /// (see [`Report::from_screening`]).
    pub findings: Vec<ReportFinding>,
    /// How many findings of the screening the report leaves out (0 when it carries them all,
    /// and then absent from the JSON).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub findings_omitted: u32,
    /// The rule bundle the screening ran with.
    pub bundle: BundleRef,
    /// The platform's report reason, from the primary finding's category.
    pub reason: ReportReason,
    /// The version of the client that made the report.
    pub client_version: String,
}

impl Report {
    /// Turns the screening of a public post into a report.
    ///
    /// `text` is the text that was screened. A post with more than [`MAX_FINDINGS`] findings
    /// (spam that repeats its promotion) is reported with the most telling of them: the first of
    /// every rule that fired, then the second of each, and so on, the rules taken from the most
    /// severe, as long as the report stays within [`MAX_REPORT_JSON_BYTES`];
    /// [`Report::findings_omitted`] counts the rest. The report is filed under the same
    /// finding and reason as with all of them. Refused with [`ErrorKind::PrivateScope`] for a
    /// screening of a private message, and with [`ErrorKind::Input`] when there is nothing to
    /// report (no finding), when a finding's span does not fit `text` (the screening is of
    /// another text), or when a field breaks a limit (the error names the field).
    pub fn from_screening(
        text: &str,
        screening: &Screening,
        context: &PostContext,
        source: &ReportSource,
    ) -> Result<Report, Error> {
        if screening.scope() == Scope::Private {
            return Err(Error::new(
                ErrorKind::PrivateScope,
                "a screening of a private message cannot be reported: private content never leaves the device",
            ));
        }
        if !screening.is_flagged() {
            return Err(
                Error::new(ErrorKind::Input, "nothing to report: the screening has no findings").in_field("findings")
            );
        }
        let mut report = Report {
            schema_version: REPORT_SCHEMA_VERSION,
            idempotency_key: String::new(),
            created_at: format_timestamp(context.created_at)?,
            channel_id: context.channel_id.clone(),
            channel_username: context.channel_username.clone(),
            post_id: context.post_id.clone(),
            post_url: context.post_url.clone(),
            reporter_note: context.reporter_note.clone(),
            text: text.to_owned(),
            text_sha256: sha256_hex(text.as_bytes()),
            findings: Vec::new(),
            findings_omitted: 0,
            bundle: source.bundle.clone(),
            reason: ReportReason::Other,
            client_version: source.client_version.clone(),
        };
        let text_json = serde_json::to_string(text).map_or(usize::MAX, |json| json.len());
        let room = MAX_REPORT_JSON_BYTES.saturating_sub(text_json.saturating_add(ROOM_FOR_OTHER_FIELDS));
        report.findings = most_telling(screening.findings(), room);
        let omitted = screening.findings().len() - report.findings.len();
        report.findings_omitted = u32::try_from(omitted).unwrap_or(u32::MAX);
        // Spans are checked before anything reads them.
        report.validate_findings()?;
        report.reason = ReportReason::for_category(report.primary_finding().category);
        report.idempotency_key = report.compute_idempotency_key();
        report.validate()?;
        Ok(report)
    }

    /// The finding the report is filed under: the most severe one; among equally severe ones,
    /// the one of the most serious category (terrorism first, in [`Category::ALL`] order), then
    /// the first in the text.
    ///
    /// # Panics
    ///
    /// If the report has no finding (a valid report has at least one).
    pub fn primary_finding(&self) -> &ReportFinding {
        self.findings
            .iter()
            .enumerate()
            .min_by_key(|(i, finding)| (std::cmp::Reverse(finding.severity), finding.category, *i))
            .map(|(_, finding)| finding)
            .expect("a report has at least one finding")
    }

    /// The idempotency key the report's contents give: lower-case hex SHA-256 of
    ///
    /// ```text
    /// saring-report/1\n{channel_id}\n{post_id}\n{text_sha256}\n
    /// {rule}\n{byte start}\n{byte end}\n   for each finding, sorted by (rule, start, end)
    /// {bundle sha256}\n
    /// ```
    ///
    /// Ids cannot contain line breaks ([`Report::validate`] refuses control characters), so the
    /// form is unambiguous. The time, note, URL and client version are left out: reporting the
    /// same post twice gives one key.
    pub fn compute_idempotency_key(&self) -> String {
        let mut spans: Vec<(&str, usize, usize)> =
            self.findings.iter().map(|f| (f.rule.as_str(), f.bytes[0], f.bytes[1])).collect();
        spans.sort_unstable();
        let mut canonical = format!("saring-report/1\n{}\n{}\n{}\n", self.channel_id, self.post_id, self.text_sha256);
        for (rule, start, end) in spans {
            canonical.push_str(&format!("{rule}\n{start}\n{end}\n"));
        }
        canonical.push_str(&self.bundle.sha256);
        canonical.push('\n');
        sha256_hex(canonical.as_bytes())
    }

    /// Checks a report, e.g. one received over the network: the format version, every limit,
    /// the text's hash, that every finding's span fits the text (on character boundaries, in
    /// bytes and UTF-16, with the excerpt equal to the text there), the reason, and the
    /// idempotency key. The error names the field at fault, e.g. `findings[0].excerpt`.
    pub fn validate(&self) -> Result<(), Error> {
        if self.schema_version != REPORT_SCHEMA_VERSION {
            return Err(input(
                "schema_version",
                format!(
                    "unsupported schema_version {}; this version reads {REPORT_SCHEMA_VERSION}",
                    self.schema_version
                ),
            ));
        }
        if parse_timestamp(&self.created_at).is_none() {
            return Err(input(
                "created_at",
                format!("`{}` is not an RFC 3339 time in UTC, e.g. 2024-05-01T11:34:56Z", self.created_at),
            ));
        }
        check_name("channel_id", &self.channel_id, MAX_ID_CHARS)?;
        check_name("post_id", &self.post_id, MAX_ID_CHARS)?;
        if let Some(username) = &self.channel_username {
            check_name("channel_username", username, MAX_USERNAME_CHARS)?;
        }
        if let Some(url) = &self.post_url {
            check_name("post_url", url, MAX_URL_CHARS)?;
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                return Err(input("post_url", "a post URL must start with https:// or http://"));
            }
        }
        if let Some(note) = &self.reporter_note {
            let chars = note.chars().count();
            if chars > MAX_NOTE_CHARS {
                return Err(input("reporter_note", format!("{chars} characters; the limit is {MAX_NOTE_CHARS}")));
            }
            if note.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                return Err(input("reporter_note", "control characters other than line breaks and tabs"));
            }
        }
        if self.text.is_empty() {
            return Err(input("text", "the post text is empty"));
        }
        if self.text.len() > MAX_REPORT_TEXT_BYTES {
            return Err(input(
                "text",
                format!("{} bytes; the limit is {MAX_REPORT_TEXT_BYTES} bytes", self.text.len()),
            ));
        }
        check_sha256("text_sha256", &self.text_sha256)?;
        let actual = sha256_hex(self.text.as_bytes());
        if self.text_sha256 != actual {
            return Err(input(
                "text_sha256",
                format!("{} is not the SHA-256 of the text ({actual})", self.text_sha256),
            ));
        }
        self.validate_findings()?;
        check_name("bundle.name", &self.bundle.name, MAX_NAME_CHARS)?;
        check_name("bundle.version", &self.bundle.version, MAX_NAME_CHARS)?;
        check_sha256("bundle.sha256", &self.bundle.sha256)?;
        check_name("client_version", &self.client_version, MAX_NAME_CHARS)?;
        let primary = self.primary_finding();
        let expected = ReportReason::for_category(primary.category);
        if self.reason != expected {
            return Err(input(
                "reason",
                format!(
                    "`{}`, but the primary finding (rule `{}`, category {}) is reported as `{expected}`",
                    self.reason, primary.rule, primary.category
                ),
            ));
        }
        check_sha256("idempotency_key", &self.idempotency_key)?;
        let key = self.compute_idempotency_key();
        if self.idempotency_key != key {
            return Err(input(
                "idempotency_key",
                format!("{} is not the key of the report's contents ({key})", self.idempotency_key),
            ));
        }
        Ok(())
    }

    fn validate_findings(&self) -> Result<(), Error> {
        if self.findings.is_empty() {
            return Err(input("findings", "nothing to report: the report has no findings"));
        }
        if self.findings.len() > MAX_FINDINGS {
            return Err(input("findings", format!("{} findings; the limit is {MAX_FINDINGS}", self.findings.len())));
        }
        for (i, finding) in self.findings.iter().enumerate() {
            let field = |name: &str| format!("findings[{i}].{name}");
            check_name(&field("rule"), &finding.rule, MAX_NAME_CHARS)?;
            check_name(&field("pack"), &finding.pack, MAX_NAME_CHARS)?;
            let [start, end] = finding.bytes;
            if start >= end || end > self.text.len() {
                return Err(input(
                    &field("bytes"),
                    format!(
                        "span [{start}, {end}] of rule `{}` does not fit a text of {} bytes: the screening is not of this text",
                        finding.rule,
                        self.text.len()
                    ),
                ));
            }
            if !self.text.is_char_boundary(start) || !self.text.is_char_boundary(end) {
                return Err(input(
                    &field("bytes"),
                    format!("span [{start}, {end}] of rule `{}` cuts a UTF-8 character", finding.rule),
                ));
            }
            let excerpt = &self.text[start..end];
            if finding.excerpt != excerpt {
                return Err(input(
                    &field("excerpt"),
                    format!("the excerpt of rule `{}` is not the text at bytes [{start}, {end}]", finding.rule),
                ));
            }
            let utf16_start = self.text[..start].encode_utf16().count();
            let utf16_end = utf16_start + excerpt.encode_utf16().count();
            if (finding.start, finding.end) != (utf16_start, utf16_end) {
                return Err(input(
                    &field("start"),
                    format!(
                        "UTF-16 span [{}, {}] of rule `{}` does not match bytes [{start}, {end}], which are [{utf16_start}, {utf16_end}] in UTF-16",
                        finding.start, finding.end, finding.rule
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The report as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a report serializes")
    }

    /// Reads a report from JSON and [validates](Report::validate) it.
    pub fn from_json(json: &str) -> Result<Report, Error> {
        let report: Report = serde_json::from_str(json)
            .map_err(|e| Error::new(ErrorKind::Input, format!("not a report: {e}")).at_line(e.line()))?;
        report.validate()?;
        Ok(report)
    }
}

/// The findings a report carries, in text order: all of them, or those that fit
/// [`MAX_FINDINGS`] and `room` (bytes of JSON), chosen in rounds so that every rule that fired
/// is seen: the first finding of each rule, then the second of each, and so on, the rules
/// ordered as [`Report::primary_finding`] orders findings (most severe first, then by category,
/// then by their first finding). The primary finding of all of them comes first and is always
/// kept, so the report is filed as it would be with all of them.
fn most_telling(findings: &[Finding], room: usize) -> Vec<ReportFinding> {
    let mut kept: Vec<(usize, ReportFinding)> = Vec::with_capacity(findings.len().min(MAX_FINDINGS));
    let mut used = 0;
    for index in by_importance(findings) {
        if kept.len() == MAX_FINDINGS {
            break;
        }
        let finding = report_finding(&findings[index]);
        // The finding's JSON and the comma before it.
        let size = serde_json::to_string(&finding).map_or(usize::MAX, |json| json.len() + 1);
        if kept.is_empty() || used + size <= room {
            used += size;
            kept.push((index, finding));
        }
    }
    kept.sort_unstable_by_key(|&(index, _)| index);
    kept.into_iter().map(|(_, finding)| finding).collect()
}

/// The indexes of `findings` in rounds by rule (see [`most_telling`]).
fn by_importance(findings: &[Finding]) -> Vec<usize> {
    // Each rule's findings, in text order, under the index of its first finding.
    let mut by_rule: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slot_of_rule = std::collections::HashMap::new();
    for (index, finding) in findings.iter().enumerate() {
        // Rule ids are unique within a pack, not across packs.
        let slot = *slot_of_rule.entry((finding.pack(), finding.rule())).or_insert_with(|| {
            by_rule.push((index, Vec::new()));
            by_rule.len() - 1
        });
        by_rule[slot].1.push(index);
    }
    by_rule
        .sort_by_key(|&(first, _)| (std::cmp::Reverse(findings[first].severity()), findings[first].category(), first));
    let rounds = by_rule.iter().map(|(_, indexes)| indexes.len()).max().unwrap_or(0);
    (0..rounds).flat_map(|round| by_rule.iter().filter_map(move |(_, indexes)| indexes.get(round).copied())).collect()
}

fn report_finding(finding: &Finding) -> ReportFinding {
    ReportFinding {
        rule: finding.rule().to_owned(),
        pack: finding.pack().to_owned(),
        category: finding.category(),
        severity: finding.severity(),
        excerpt: finding.text().to_owned(),
        start: finding.utf16().start,
        end: finding.utf16().end,
        bytes: [finding.bytes().start, finding.bytes().end],
    }
}

fn is_zero(count: &u32) -> bool {
    *count == 0
}

fn input(field: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Input, message).in_field(field)
}

/// A short single-line string: not empty, not padded, at most `max` characters, no control
/// characters (so the idempotency key's line-based form stays unambiguous).
fn check_name(field: &str, value: &str, max: usize) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(input(field, "must not be empty"));
    }
    let chars = value.chars().count();
    if chars > max {
        return Err(input(field, format!("{chars} characters; the limit is {max}")));
    }
    if value.chars().any(char::is_control) {
        return Err(input(field, "must not contain control characters or line breaks"));
    }
    Ok(())
}

fn check_sha256(field: &str, value: &str) -> Result<(), Error> {
    if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(input(field, format!("`{value}` is not a SHA-256: 64 lower-case hex digits")));
    }
    Ok(())
}

/// Formats a time as RFC 3339 in UTC with milliseconds, e.g. `"2024-05-01T11:34:56.789Z"`.
/// Refused for times before 1970 or after 9999.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = UNIX_EPOCH + Duration::from_millis(1_714_563_296_789);
/// assert_eq!(saring::report::format_timestamp(t)?, "2024-05-01T11:34:56.789Z");
/// # Ok::<(), saring::Error>(())
/// ```
pub fn format_timestamp(time: SystemTime) -> Result<String, Error> {
    let since = time
        .duration_since(UNIX_EPOCH)
        .map_err(|_| input("created_at", "a time before 1970 cannot be a report's time"))?;
    let secs = since.as_secs();
    let (year, month, day) = civil_from_days((secs / 86_400) as i64);
    if year > 9999 {
        return Err(input("created_at", "a time after the year 9999 cannot be a report's time"));
    }
    let rem = secs % 86_400;
    Ok(format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        since.subsec_millis()
    ))
}

/// Parses an RFC 3339 time in UTC (`Z` or `+00:00`), with optional fractional seconds, e.g.
/// `"2024-05-01T11:34:56Z"`. `None` for anything else.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let t = saring::report::parse_timestamp("2024-05-01T11:34:56.5Z").unwrap();
/// assert_eq!(t, UNIX_EPOCH + Duration::from_millis(1_714_563_296_500));
/// assert!(saring::report::parse_timestamp("2024-02-30T00:00:00Z").is_none());
/// ```
pub fn parse_timestamp(text: &str) -> Option<SystemTime> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u64> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, d| n * 10 + u64::from(d - b'0')))
        } else {
            None
        }
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if year < 1970 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = &b[19..];
    let mut nanos = 0u32;
    if rest.first() == Some(&b'.') {
        let fraction: Vec<u8> = rest[1..].iter().copied().take_while(u8::is_ascii_digit).collect();
        if fraction.is_empty() || fraction.len() > 9 {
            return None;
        }
        let value = fraction.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        nanos = value * 10u32.pow(9 - fraction.len() as u32);
        rest = &rest[1 + fraction.len()..];
    }
    if rest != b"Z" && rest != b"+00:00" {
        return None;
    }
    let days = days_from_civil(year as i64, month, day) as u64;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(UNIX_EPOCH + Duration::new(secs, nanos))
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 to a (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u64, u64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u64;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u64;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u64, day: u64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = month as i64;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

mod category_name {
    use crate::rules::Category;
    use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(category: &Category, serializer: S) -> Result<S::Ok, S::Error> {
        category.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Category, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Category::parse(&name).ok_or_else(|| {
            D::Error::custom(format!("unknown category `{name}`; expected one of {}", Category::names()))
        })
    }
}

mod severity_name {
    use crate::rules::Severity;
    use serde::{de::Error as _, Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(severity: &Severity, serializer: S) -> Result<S::Ok, S::Error> {
        severity.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Severity, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Severity::parse(&name).ok_or_else(|| {
            D::Error::custom(format!("unknown severity `{name}`; expected one of {}", Severity::names()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::{Finding, Span, Verdict};

    const TEXT: &str = "Daftar SLOT GACOR sekarang! Transfer dulu ke rekening ini ya";

    fn finding(rule: &str, category: Category, severity: Severity, start: usize, end: usize) -> Finding {
        Finding {
            rule_index: 0,
            rule: rule.into(),
            pack: category.as_str().into(),
            category,
            severity,
            text: TEXT[start..end].to_owned(),
            bytes: Span { start, end },
            utf16: Span { start, end },
            terms: vec![],
            explain: String::new(),
        }
    }

    fn screening(scope: Scope, findings: Vec<Finding>) -> Screening {
        let verdict = findings.iter().map(|f| Verdict::from(f.severity)).max().unwrap_or(Verdict::Allow);
        Screening { scope, verdict, findings }
    }

    fn gambling() -> Finding {
        finding("gambling.slot", Category::Gambling, Severity::Review, 7, 17)
    }

    fn fraud() -> Finding {
        finding("fraud.transfer", Category::Fraud, Severity::Block, 28, 53)
    }

    /// Past 256 findings or the size limit, a report keeps the first finding of every rule
    /// (the primary one first of all), then the next of each, in text order.
    #[test]
    fn a_report_keeps_the_first_finding_of_every_rule_within_its_limits() {
        let slot = |start| finding("gambling.slot", Category::Gambling, Severity::Review, start, start + 4);
        let transfer = |start| finding("fraud.transfer", Category::Fraud, Severity::Block, start, start + 8);
        let rules = |kept: &[ReportFinding]| kept.iter().map(|f| (f.rule.clone(), f.bytes[0])).collect::<Vec<_>>();
        let findings = vec![slot(7), slot(12), slot(14), transfer(28), transfer(37)];
        let everything = most_telling(&findings, usize::MAX);
        assert_eq!(everything.len(), 5);
        // Room for about two: the primary (the block) and the first of the other rule.
        let one = serde_json::to_string(&everything[0]).unwrap().len() + 1;
        let two = most_telling(&findings, 2 * one + 10);
        assert_eq!(rules(&two), [("gambling.slot".to_owned(), 7), ("fraud.transfer".to_owned(), 28)]);
        // No room at all still keeps the primary finding.
        assert_eq!(rules(&most_telling(&findings, 0)), [("fraud.transfer".to_owned(), 28)]);
        // Past MAX_FINDINGS: rounds, so a rule with one finding is not crowded out.
        let mut many: Vec<Finding> = (0..MAX_FINDINGS + 50).map(|_| slot(7)).collect();
        many.push(transfer(28));
        let kept = most_telling(&many, usize::MAX);
        assert_eq!(kept.len(), MAX_FINDINGS);
        assert_eq!(kept.iter().filter(|f| f.rule == "fraud.transfer").count(), 1);
        // Two packs may each have a rule `spam`: they are two rules, and the block is kept.
        let mut shared: Vec<Finding> =
            (0..MAX_FINDINGS + 50).map(|_| finding("spam", Category::Gambling, Severity::Warn, 7, 11)).collect();
        shared.push(finding("spam", Category::Terrorism, Severity::Block, 28, 36));
        let kept = most_telling(&shared, usize::MAX);
        assert!(kept.iter().any(|f| f.severity == Severity::Block), "the primary finding is kept");
    }

    /// Every field but the text and the findings, at its longest, fits the room kept for them.
    #[test]
    fn the_other_fields_at_their_longest_fit_the_room_kept_for_them() {
        let longest = |chars: usize| "\u{1F3B0}".repeat(chars);
        let text = "slot gacor";
        let finding = finding("gambling.slot", Category::Gambling, Severity::Review, 0, 4);
        let mut screened = screening(Scope::Public, vec![finding]);
        screened.findings[0].text = text[0..4].to_owned();
        let mut context = PostContext::new(longest(MAX_ID_CHARS), longest(MAX_ID_CHARS), UNIX_EPOCH)
            .channel_username(longest(MAX_USERNAME_CHARS))
            .reporter_note(longest(MAX_NOTE_CHARS));
        context.post_url = Some(format!("https://{}", longest(MAX_URL_CHARS - 8)));
        let source = ReportSource {
            bundle: BundleRef {
                name: longest(MAX_NAME_CHARS),
                version: longest(MAX_NAME_CHARS),
                sha256: "0".repeat(64),
            },
            client_version: longest(MAX_NAME_CHARS),
        };
        let mut report = Report::from_screening(text, &screened, &context, &source).unwrap();
        report.findings_omitted = u32::MAX;
        let json = report.to_json().len();
        let text_json = serde_json::to_string(text).unwrap().len();
        let findings_json = serde_json::to_string(&report.findings).unwrap().len();
        assert!(json - text_json - findings_json <= ROOM_FOR_OTHER_FIELDS, "{json} bytes");
    }

    fn context() -> PostContext {
        PostContext::new("-1001234567890", "42", UNIX_EPOCH + Duration::from_secs(1_714_563_296))
    }

    fn build(findings: Vec<Finding>, context: &PostContext) -> Result<Report, Error> {
        Report::from_screening(TEXT, &screening(Scope::Public, findings), context, &ReportSource::default_bundle())
    }

    #[test]
    fn a_private_screening_is_refused_with_its_own_kind() {
        let private = screening(Scope::Private, vec![gambling()]);
        let err = Report::from_screening(TEXT, &private, &context(), &ReportSource::default_bundle()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PrivateScope);
        assert_eq!(err.kind().as_str(), "private-scope");
        assert!(err.to_string().contains("private"), "{err}");
    }

    #[test]
    fn a_screening_without_findings_is_refused() {
        let err = build(vec![], &context()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
        assert!(err.to_string().contains("nothing to report"), "{err}");
    }

    #[test]
    fn a_report_carries_the_post_the_findings_and_the_rules() {
        let report = build(vec![gambling(), fraud()], &context().post_url("https://t.me/contoh/42")).unwrap();
        assert_eq!(report.schema_version, 1);
        assert_eq!(report.created_at, "2024-05-01T11:34:56.000Z");
        assert_eq!(report.text, TEXT);
        assert_eq!(report.text_sha256, sha256_hex(TEXT.as_bytes()));
        assert_eq!(report.findings[0].excerpt, "SLOT GACOR");
        assert_eq!(report.findings[0].bytes, [7, 17]);
        assert_eq!(report.bundle.sha256, crate::rules::default_bundle().sha256());
        // The fraud finding blocks, so it is the primary one.
        assert_eq!(report.reason, ReportReason::SpamFraud);
        report.validate().unwrap();
        let json = report.to_json();
        assert_eq!(Report::from_json(&json).unwrap(), report);
    }

    #[test]
    fn the_same_inputs_give_the_same_key_whatever_the_time_note_and_order() {
        let a = build(vec![gambling(), fraud()], &context()).unwrap();
        let mut later = context().reporter_note("again");
        later.created_at += Duration::from_secs(3600);
        let b = build(vec![fraud(), gambling()], &later).unwrap();
        assert_eq!(a.idempotency_key, b.idempotency_key);
        assert_ne!(a.created_at, b.created_at);
    }

    #[test]
    fn different_findings_posts_or_rules_give_different_keys() {
        let base = build(vec![gambling()], &context()).unwrap().idempotency_key;
        let more = build(vec![gambling(), fraud()], &context()).unwrap().idempotency_key;
        let moved = build(vec![finding("gambling.slot", Category::Gambling, Severity::Review, 7, 11)], &context())
            .unwrap()
            .idempotency_key;
        let other_post = build(vec![gambling()], &PostContext::new("-1001234567890", "43", context().created_at))
            .unwrap()
            .idempotency_key;
        let mut source = ReportSource::default_bundle();
        source.bundle.sha256 = "0".repeat(64);
        let other_rules =
            Report::from_screening(TEXT, &screening(Scope::Public, vec![gambling()]), &context(), &source)
                .unwrap()
                .idempotency_key;
        let keys = [&base, &more, &moved, &other_post, &other_rules];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn every_category_maps_to_the_documented_reason() {
        let table = [
            (Category::Terrorism, "terrorism"),
            (Category::Incitement, "violence"),
            (Category::Hate, "violence"),
            (Category::Gambling, "illegal_goods"),
            (Category::Fraud, "spam_fraud"),
            (Category::Pornography, "pornography"),
            (Category::Spam, "spam_fraud"),
            (Category::Other, "other"),
        ];
        assert_eq!(table.len(), Category::ALL.len());
        for (category, reason) in table {
            assert_eq!(ReportReason::for_category(category).as_str(), reason, "{category}");
            assert_eq!(ReportReason::parse(reason), Some(ReportReason::for_category(category)));
            assert_eq!(serde_json::to_value(ReportReason::for_category(category)).unwrap(), reason);
        }
    }

    #[test]
    fn the_primary_finding_is_the_most_severe_then_the_most_serious_category() {
        let report = build(vec![gambling(), fraud()], &context()).unwrap();
        assert_eq!(report.primary_finding().rule, "fraud.transfer");
        let tie = build(
            vec![
                finding("gambling.slot", Category::Gambling, Severity::Block, 7, 17),
                finding("terror.x", Category::Terrorism, Severity::Block, 28, 36),
            ],
            &context(),
        )
        .unwrap();
        assert_eq!(tie.reason, ReportReason::Terrorism);
    }

    #[test]
    fn a_span_that_does_not_fit_the_text_is_refused() {
        let mut outside = gambling();
        outside.bytes = Span { start: 50, end: 80 };
        let err = build(vec![outside], &context()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Input);
        assert_eq!(err.field(), Some("findings[0].bytes"));
        let mut wrong_text = gambling();
        wrong_text.text = "something else".into();
        assert_eq!(build(vec![wrong_text], &context()).unwrap_err().field(), Some("findings[0].excerpt"));
        let mut wrong_utf16 = gambling();
        wrong_utf16.utf16 = Span { start: 6, end: 16 };
        assert_eq!(build(vec![wrong_utf16], &context()).unwrap_err().field(), Some("findings[0].start"));
    }

    #[test]
    fn spans_are_checked_in_utf16_and_bytes_with_non_ascii_text() {
        let text = "🎰 Daftar SLOT GACOR";
        let start = text.find("SLOT").unwrap();
        let f = Finding {
            text: "SLOT GACOR".into(),
            bytes: Span { start, end: start + 10 },
            utf16: Span { start: 10, end: 20 },
            ..gambling()
        };
        let report = Report::from_screening(
            text,
            &screening(Scope::Public, vec![f]),
            &context(),
            &ReportSource::default_bundle(),
        )
        .unwrap();
        assert_eq!((report.findings[0].start, report.findings[0].end), (10, 20));
        assert_eq!(report.findings[0].bytes, [12, 22]);
    }

    #[test]
    fn validate_names_the_field_at_fault() {
        let good = build(vec![gambling()], &context()).unwrap();
        type Breaker = Box<dyn Fn(&mut Report)>;
        let cases: Vec<(&str, Breaker)> = vec![
            ("schema_version", Box::new(|r| r.schema_version = 2)),
            ("created_at", Box::new(|r| r.created_at = "yesterday".into())),
            ("channel_id", Box::new(|r| r.channel_id = "".into())),
            ("post_id", Box::new(|r| r.post_id = "4\n2".into())),
            ("post_url", Box::new(|r| r.post_url = Some("javascript:alert(1)".into()))),
            ("reporter_note", Box::new(|r| r.reporter_note = Some("x".repeat(MAX_NOTE_CHARS + 1)))),
            ("text_sha256", Box::new(|r| r.text_sha256 = "0".repeat(64))),
            ("bundle.sha256", Box::new(|r| r.bundle.sha256 = "ABC".into())),
            ("reason", Box::new(|r| r.reason = ReportReason::Terrorism)),
            ("idempotency_key", Box::new(|r| r.idempotency_key = "f".repeat(64))),
            ("findings", Box::new(|r| r.findings.clear())),
        ];
        for (field, break_it) in cases {
            let mut report = good.clone();
            break_it(&mut report);
            let err = report.validate().unwrap_err();
            assert_eq!(err.field(), Some(field), "{err}");
        }
    }

    #[test]
    fn timestamps_round_trip_and_refuse_nonsense() {
        for millis in [0u64, 951_782_400_000, 1_714_563_296_789, 4_102_444_799_999, 253_402_300_799_000] {
            let time = UNIX_EPOCH + Duration::from_millis(millis);
            let text = format_timestamp(time).unwrap();
            assert_eq!(parse_timestamp(&text), Some(time), "{text}");
        }
        assert_eq!(
            format_timestamp(UNIX_EPOCH + Duration::from_secs(951_782_400)).unwrap(),
            "2000-02-29T00:00:00.000Z"
        );
        for bad in [
            "2024-05-01 11:34:56Z",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2024-05-01T11:34:56+07:00",
            "2024-05-01T11:34:56.Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }
}
