//! Rule packs: the TOML schema, its validation, and the values a [`Screener`](crate::Screener)
//! is built from.
//!
//! A pack is an immutable value: parse it with [`RulePack::from_toml`] (or
//! [`RulePack::from_toml_file`] to have errors name the file), then hand it to
//! [`Screener::builder`](crate::Screener::builder). Nothing here is global or mutable.

mod bundle;
pub(crate) mod check;
mod compiled;
mod parse;
pub(crate) mod phrase;
mod signature;

pub use bundle::{default_bundle, Bundle, PackSource, BUNDLE_FORMAT, DEFAULT_BUNDLE_NAME};
pub use compiled::{default_compiled, CompiledPacks, COMPILED_FORMAT};
pub use signature::{compare_versions, BundleSignature, SecretKey, TrustedKey};

use serde::Serialize;
use std::fmt;

/// A validated rule pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RulePack {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) language: Vec<String>,
    pub(crate) description: String,
    /// Where the pack came from (a file name), for error messages and reports.
    pub(crate) source: Option<String>,
    /// SHA-256 of the pack's TOML text, in lower-case hex: identifies exactly which rules ran.
    pub(crate) sha256: String,
    /// Length of the pack's TOML text, so that limits hold for packs from bundles too.
    pub(crate) source_bytes: usize,
    pub(crate) rules: Vec<Rule>,
}

impl RulePack {
    /// The pack's name, e.g. `"terrorism"`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's version, e.g. `"1.0.0"`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The languages the pack targets (ISO 639-1 codes).
    pub fn language(&self) -> &[String] {
        &self.language
    }

    /// The pack's description (may be empty).
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The file the pack was read from, when known.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The SHA-256 of the pack's TOML text, in lower-case hex.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The pack's rules, in file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }
}

/// One rule of a pack: which phrases, in which combination, flag a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub(crate) id: String,
    pub(crate) category: Category,
    pub(crate) severity: Severity,
    pub(crate) description: String,
    /// Any of these phrases alone is a finding.
    pub(crate) any: Vec<String>,
    /// One phrase from each group, all within `within` words, is a finding.
    pub(crate) all: Vec<Vec<String>>,
    /// The word window for `all` (counted from the first word of the earliest phrase to the
    /// last word of the latest).
    pub(crate) within: u32,
    /// Phrases that cancel a finding of this rule when they occur within `unless_within`
    /// words of it (counter-speech, news framing).
    pub(crate) unless: Vec<String>,
    /// Phrases that cancel a finding only when they come before its last word, within
    /// `unless_within` words: a negation or a rejection of the act ("jangan bakar gereja",
    /// "kami menolak baiat"), which after the act is as often part of it ("…, jangan kasih
    /// ampun", "…, tolak demokrasi").
    pub(crate) unless_before: Vec<String>,
    /// The word window for `unless` and `unless_before`, on either side of the finding.
    pub(crate) unless_within: u32,
    /// Let Indonesian prefixes and suffixes attach to the phrases.
    pub(crate) affixes: bool,
    /// Match anywhere, even inside other words (opt-out of word boundaries).
    pub(crate) substring: bool,
    /// Which screenings the rule applies to.
    pub(crate) scope: RuleScope,
    /// Examples that must be flagged by this rule.
    pub(crate) examples_match: Vec<String>,
    /// Examples that must not be flagged by this rule.
    pub(crate) examples_no_match: Vec<String>,
    /// 1-based line of the rule's `[[rule]]` header in its file, for messages.
    pub(crate) line: usize,
}

impl Rule {
    /// The rule's id, unique within its pack, e.g. `"terrorism.pledge"`.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The category of harm the rule targets.
    pub fn category(&self) -> Category {
        self.category
    }
    /// How serious a finding of this rule is.
    pub fn severity(&self) -> Severity {
        self.severity
    }
    /// What the rule targets, in words.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Phrases that flag alone, as written: words (`"slot gacor"`), words attached to a longer
    /// word (`"*win"`, `"toto*"`), words kept from the rule's affixes (`"=jad"`) or a word shape
    /// (`"<name-number>"`); see `rules/README.md`.
    pub fn any(&self) -> &[String] {
        &self.any
    }
    /// Phrase groups that flag together.
    pub fn all(&self) -> &[Vec<String>] {
        &self.all
    }
    /// The word window for `all`.
    pub fn within(&self) -> u32 {
        self.within
    }
    /// Exception phrases.
    pub fn unless(&self) -> &[String] {
        &self.unless
    }
    /// Exception phrases that count only before the finding's last word.
    pub fn unless_before(&self) -> &[String] {
        &self.unless_before
    }
    /// The word window for `unless` and `unless_before`.
    pub fn unless_within(&self) -> u32 {
        self.unless_within
    }
    /// How many phrases the rule lists (`any`, every `all` group, `unless` and
    /// `unless_before`), as the pack limits count them.
    pub(crate) fn phrase_count(&self) -> usize {
        self.any.len() + self.all.iter().map(Vec::len).sum::<usize>() + self.unless.len() + self.unless_before.len()
    }
    /// Whether Indonesian affixes may attach.
    pub fn affixes(&self) -> bool {
        self.affixes
    }
    /// Whether the phrases match inside words.
    pub fn substring(&self) -> bool {
        self.substring
    }
    /// Which screenings the rule applies to.
    pub fn scope(&self) -> RuleScope {
        self.scope
    }
    /// Examples that must be flagged.
    pub fn examples_match(&self) -> &[String] {
        &self.examples_match
    }
    /// Examples that must pass.
    pub fn examples_no_match(&self) -> &[String] {
        &self.examples_no_match
    }
    /// The 1-based line of the rule in its pack file.
    pub fn line(&self) -> usize {
        self.line
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
        #[serde(rename_all = "kebab-case")]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in TOML, JSON and the UI.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the name used in TOML and JSON.
            pub fn parse(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The accepted names, for error messages.
            pub fn names() -> String {
                let names: &[&str] = &[$($text),+];
                names.join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// The category of harm a rule targets.
    Category {
        /// Terrorist propaganda: pledges, calls to attack, glorification, recruitment, funding.
        Terrorism = "terrorism",
        /// Threats and calls to violence against people or groups.
        Incitement = "incitement",
        /// Hate against ethnic, religious and other groups (Indonesian SARA).
        Hate = "hate",
        /// Online-gambling promotion.
        Gambling = "gambling",
        /// Scams: prizes, lotteries, transfers, account verification.
        Fraud = "fraud",
        /// Explicit sexual solicitation and distribution.
        Pornography = "pornography",
        /// Unsolicited bulk promotion that is none of the above.
        Spam = "spam",
        /// Anything else a custom pack targets.
        Other = "other",
    }
}

string_enum! {
    /// How serious a finding is. Ordered: `Warn < Review < Block`.
    Severity {
        /// Show a warning; publishing stays possible.
        Warn = "warn",
        /// Hold the post for a human to review.
        Review = "review",
        /// Refuse to publish.
        Block = "block",
    }
}

string_enum! {
    /// Which screenings a rule applies to.
    RuleScope {
        /// Public and private screenings alike (the default).
        Any = "any",
        /// Only screenings of public posts.
        Public = "public",
        /// Only screenings of private messages.
        Private = "private",
    }
}

/// Default word window for `all`.
pub const DEFAULT_WITHIN: u32 = 8;
/// Default word window for `unless`, on either side of a finding.
pub const DEFAULT_UNLESS_WITHIN: u32 = 6;

mod defaults {
    include!(concat!(env!("OUT_DIR"), "/default_packs.rs"));
}

/// The default packs embedded in the crate, from `rules/*.toml`.
///
/// # Panics
///
/// Never for a released crate: the embedded packs are validated by the test suite.
pub fn default_packs() -> Vec<RulePack> {
    defaults::DEFAULT_PACKS
        .iter()
        .map(|(file, text)| RulePack::from_toml_named(file, text).expect("the embedded default packs are valid"))
        .collect()
}

/// The file names and TOML texts of the default packs, as embedded.
pub fn default_pack_sources() -> &'static [(&'static str, &'static str)] {
    defaults::DEFAULT_PACKS
}

/// Lower-case hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
