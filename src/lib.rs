//! # saring
//!
//! *saring* (Indonesian: "to sieve") screens posts **before they are published**, in the
//! client, against rule packs of propaganda and abuse indicators, resisting evasion
//! (leetspeak, look-alike letters, invisible characters, diacritics, repeated and spaced
//! letters), and explains every finding with exact spans in the original text.
//!
//! ```
//! use saring::{Scope, Screener, Verdict};
//!
//! let screener = Screener::with_defaults();
//! let screening = screener.screen("Daftar s l 0 t g4c0r sekarang, maxwin tiap hari!", Scope::Public);
//! assert!(screening.verdict() >= Verdict::Review);
//! let finding = &screening.findings()[0];
//! assert_eq!(finding.category(), saring::Category::Gambling);
//! ```
//!
//! The path of one post: [`normalize`] folds it (keeping a map back to the original),
//! [`Screener`] scans the folded text once with one automaton for all packs and evaluates the
//! rules, and the result is a [`Screening`] with a [`Verdict`] and [`Finding`]s whose spans
//! are given in UTF-8 bytes and UTF-16 code units.
//!
//! Rule packs ([`RulePack`]) are TOML files; see `rules/README.md` for the format.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod limits;
pub mod normalize;
pub mod report;
pub mod rules;
mod scan;
mod screening;
#[cfg(test)]
mod test_random;
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

pub use error::{Error, ErrorKind};
pub use limits::Limits;
pub use report::{BundleRef, PostContext, Report, ReportFinding, ReportReason, ReportSource};
pub use rules::{Category, Rule, RulePack, RuleScope, Severity};
pub use scan::{check_examples, ExampleFailure, Expectation, PackInfo, RuleInfo, Screener, ScreenerBuilder};
pub use screening::{Finding, Scope, Screening, Span, Verdict};
