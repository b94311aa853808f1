//! Running a pack's own examples: every `match` example must be flagged by its rule, every
//! `no_match` example must not be. This is how rule packs are tested like code.

use super::Screener;
use crate::error::Error;
use crate::rules::{RulePack, RuleScope};
use crate::screening::Scope;
use std::fmt;

/// What an example expects of its rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expectation {
    /// The rule must fire (`match = [...]`).
    Match,
    /// The rule must not fire (`no_match = [...]`).
    NoMatch,
}

/// An example whose rule did not behave as the example says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFailure {
    /// The pack's file, when known.
    pub file: Option<String>,
    /// The line of the rule in its file.
    pub line: usize,
    /// The rule's id.
    pub rule: String,
    /// The example text.
    pub example: String,
    /// What the example expected.
    pub expected: Expectation,
}

impl fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        let what = match self.expected {
            Expectation::Match => "a `match` example was not flagged",
            Expectation::NoMatch => "a `no_match` example was flagged",
        };
        write!(f, "{}: rule `{}`: {what}: {:?}", self.line, self.rule, self.example)
    }
}

/// Screens every example of every rule of `pack` (with the pack alone) and returns the
/// examples that failed. Errors only if the pack cannot be compiled.
///
/// ```
/// let pack = saring::RulePack::from_toml(r#"
///     [pack]
///     name = "demo"
///     version = "1.0.0"
///     [[rule]]
///     id = "demo.isis"
///     category = "terrorism"
///     severity = "review"
///     any = ["isis"]
///     match = ["gabung 1S1S"]
///     no_match = ["krisis ekonomi"]
/// "#)?;
/// assert!(saring::check_examples(&pack)?.is_empty());
/// # Ok::<(), saring::Error>(())
/// ```
pub fn check_examples(pack: &RulePack) -> Result<Vec<ExampleFailure>, Error> {
    let screener = Screener::builder().pack(pack.clone()).build()?;
    let mut failures = Vec::new();
    for rule in pack.rules() {
        let scope = match rule.scope() {
            RuleScope::Private => Scope::Private,
            RuleScope::Any | RuleScope::Public => Scope::Public,
        };
        let fires = |example: &str| screener.screen(example, scope).findings().iter().any(|f| f.rule() == rule.id());
        let examples = rule
            .examples_match()
            .iter()
            .map(|e| (e, Expectation::Match))
            .chain(rule.examples_no_match().iter().map(|e| (e, Expectation::NoMatch)));
        for (example, expected) in examples {
            if fires(example) != (expected == Expectation::Match) {
                failures.push(ExampleFailure {
                    file: pack.source().map(str::to_owned),
                    line: rule.line(),
                    rule: rule.id().to_owned(),
                    example: example.clone(),
                    expected,
                });
            }
        }
    }
    Ok(failures)
}
