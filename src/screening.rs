//! The result of screening one text: a [`Verdict`] and the [`Finding`]s behind it.

use crate::rules::{Category, Severity};
use serde::ser::{SerializeTuple, Serializer};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// Where a text is going, which decides what may happen to a screening of it.
///
/// A [`Scope::Private`] screening never leaves the device: it cannot become a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// A post to a public channel.
    Public,
    /// A private message.
    Private,
}

impl Scope {
    /// `"public"` or `"private"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Public => "public",
            Scope::Private => "private",
        }
    }

    /// Parses `"public"` or `"private"`.
    pub fn parse(text: &str) -> Option<Scope> {
        match text {
            "public" => Some(Scope::Public),
            "private" => Some(Scope::Private),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to do with a text: the highest severity among its findings. Ordered:
/// `Allow < Warn < Review < Block`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Nothing found.
    Allow,
    /// Show a warning; publishing stays possible.
    Warn,
    /// Hold for a human to review.
    Review,
    /// Refuse to publish.
    Block,
}

impl Verdict {
    /// `"allow"`, `"warn"`, `"review"` or `"block"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "allow",
            Verdict::Warn => "warn",
            Verdict::Review => "review",
            Verdict::Block => "block",
        }
    }
}

impl From<Severity> for Verdict {
    fn from(severity: Severity) -> Verdict {
        match severity {
            Severity::Warn => Verdict::Warn,
            Severity::Review => Verdict::Review,
            Severity::Block => Verdict::Block,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A half-open range `[start, end)` of offsets into the original text. Serialized as
/// `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First offset inside the span.
    pub start: usize,
    /// First offset after the span.
    pub end: usize,
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut tuple = serializer.serialize_tuple(2)?;
        tuple.serialize_element(&self.start)?;
        tuple.serialize_element(&self.end)?;
        tuple.end()
    }
}

/// One reason a text was flagged: which rule, where, and what folding it took to see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub(crate) rule_index: usize,
    // Shared with the screener (a finding costs no copy of them): `Arc<str>`.
    pub(crate) rule: Arc<str>,
    pub(crate) pack: Arc<str>,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) text: String,
    pub(crate) bytes: Span,
    pub(crate) utf16: Span,
    pub(crate) terms: Vec<Arc<str>>,
    pub(crate) explain: String,
}

impl Finding {
    /// The index of the rule in [`Screener::rules`](crate::Screener::rules).
    pub fn rule_index(&self) -> usize {
        self.rule_index
    }
    /// The id of the rule that fired.
    pub fn rule(&self) -> &str {
        &self.rule
    }
    /// The name of the pack the rule belongs to.
    pub fn pack(&self) -> &str {
        &self.pack
    }
    /// The rule's category.
    pub fn category(&self) -> Category {
        self.category
    }
    /// The rule's severity.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// The original text of the span, evasion characters included.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The span in UTF-8 bytes of the original text (what Rust slices with).
    pub fn bytes(&self) -> Span {
        self.bytes
    }
    /// The span in UTF-16 code units of the original text (what JavaScript's `slice` uses).
    pub fn utf16(&self) -> Span {
        self.utf16
    }
    /// The rule phrases that matched, as written in the rule pack.
    pub fn terms(&self) -> &[Arc<str>] {
        &self.terms
    }
    /// What folding it took to see the phrases, e.g. `"leet 0→o, invisible characters
    /// removed"`; empty when the text matched as written.
    pub fn explain(&self) -> &str {
        &self.explain
    }
}

/// The result of screening one text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Screening {
    pub(crate) scope: Scope,
    pub(crate) verdict: Verdict,
    pub(crate) findings: Vec<Finding>,
}

impl Screening {
    /// The scope the text was screened in.
    pub fn scope(&self) -> Scope {
        self.scope
    }
    /// The highest severity among the findings, or `Allow`.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }
    /// The findings, in order of their start in the text.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// Whether any rule fired.
    pub fn is_flagged(&self) -> bool {
        !self.findings.is_empty()
    }
}
