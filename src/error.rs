//! One error type for the whole crate.
//!
//! Errors come only from configuration (rule packs, limits) and from input that breaks a
//! stated limit; screening itself never fails. Every error names what is wrong and, where it
//! applies, the file, line, rule and field at fault, so a rule author can fix it without
//! guessing.

use std::fmt;

/// What went wrong, in broad strokes, so callers can branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// A rule pack is not valid TOML, or breaks the schema (unknown field, wrong type).
    PackSyntax,
    /// A rule pack parses but makes no sense (duplicate rule id, empty phrase, bad severity …).
    PackInvalid,
    /// A text is longer than the configured limit.
    TextTooLong,
    /// A configured limit (patterns, rules, pack size) was exceeded while building a screener.
    LimitExceeded,
    /// Reading a file failed.
    Io,
    /// Input is malformed: not UTF-8, or a batch line that is not a post object.
    Input,
    /// A screening of a private message was asked to leave the device (e.g. become a report).
    PrivateScope,
    /// A rule bundle is unsigned, signed by an unknown key, or its signature does not verify.
    Untrusted,
    /// A rule bundle is older than the one already in use (a rollback).
    Rollback,
}

impl ErrorKind {
    /// A stable, kebab-case name for the kind, used in JSON and across the JS boundary.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::PackSyntax => "pack-syntax",
            ErrorKind::PackInvalid => "pack-invalid",
            ErrorKind::TextTooLong => "text-too-long",
            ErrorKind::LimitExceeded => "limit-exceeded",
            ErrorKind::Io => "io",
            ErrorKind::Input => "input",
            ErrorKind::PrivateScope => "private-scope",
            ErrorKind::Untrusted => "untrusted",
            ErrorKind::Rollback => "rollback",
        }
    }
}

/// The error type of saring.
///
/// ```
/// let err = saring::RulePack::from_toml("[pack]\nname = 'x'\n").unwrap_err();
/// assert_eq!(err.kind(), saring::ErrorKind::PackSyntax);
/// assert!(err.to_string().contains("version"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    file: Option<String>,
    line: Option<usize>,
    rule: Option<String>,
    field: Option<String>,
}

impl Error {
    /// A new error of `kind` with a message saying what is wrong.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), file: None, line: None, rule: None, field: None }
    }

    /// Names the file the error comes from (kept if already set).
    pub fn in_file(mut self, file: impl Into<String>) -> Error {
        if self.file.is_none() {
            self.file = Some(file.into());
        }
        self
    }

    /// Names the 1-based line the error comes from.
    pub fn at_line(mut self, line: usize) -> Error {
        self.line = Some(line);
        self
    }

    /// Names the rule id at fault.
    pub fn in_rule(mut self, rule: impl Into<String>) -> Error {
        self.rule = Some(rule.into());
        self
    }

    /// Names the field at fault.
    pub fn in_field(mut self, field: impl Into<String>) -> Error {
        self.field = Some(field.into());
        self
    }

    /// The broad kind of the error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message alone, without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file at fault, when known.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The 1-based line at fault, when known.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The rule id at fault, when known.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_deref()
    }

    /// The field at fault, when known.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote_location = false;
        if let Some(file) = &self.file {
            write!(f, "{file}")?;
            wrote_location = true;
        }
        if let Some(line) = self.line {
            if wrote_location {
                write!(f, ":{line}")?;
            } else {
                write!(f, "line {line}")?;
            }
            wrote_location = true;
        }
        if wrote_location {
            write!(f, ": ")?;
        }
        if let Some(rule) = &self.rule {
            write!(f, "rule `{rule}`: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}
