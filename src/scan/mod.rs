//! The [`Screener`]: every phrase of every enabled pack compiled into one automaton, a post
//! folded and scanned once, and the rules evaluated on what was found.

mod affixes;
mod automaton;
mod check;
mod evaluate;
mod liveness;
mod shapes;
mod small_sort;

pub use check::{check_examples, ExampleFailure, Expectation};

use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::normalize::{is_word_byte, splat, zero_bytes, Folded, NormalizeOptions, Normalizer};
use crate::rules::phrase::{Phrase, WordShape};
use crate::rules::{Category, RulePack, RuleScope, Severity};
use crate::screening::{Scope, Screening};
use affixes::Affixes;
use automaton::PhraseAutomaton;
use std::cell::RefCell;
use std::sync::Arc;

/// Default memory budget for the fast (DFA) automaton, 12 MiB: enough for 10,000 phrases
/// (about 8.2 MiB; about 15,000 fit) on a modest phone. Above it the screener falls back to a compact automaton
/// (about a sixth of the memory, 0.6 times the speed of the scan) and says so in
/// [`PackInfo::automaton`] and [`Screener::automaton`].
pub const DEFAULT_DFA_MEMORY_BUDGET: usize = 12 * 1024 * 1024;

/// Screens texts against rule packs. Immutable, `Send + Sync`, cheap to clone (the compiled
/// automaton is shared); build one and reuse it for every text.
///
/// ```
/// use saring::{RulePack, Scope, Screener, Verdict};
///
/// let pack = RulePack::from_toml(r#"
///     [pack]
///     name = "demo"
///     version = "1.0.0"
///     [[rule]]
///     id = "demo.slot"
///     category = "gambling"
///     severity = "review"
///     any = ["slot gacor"]
/// "#)?;
/// let screener = Screener::builder().pack(pack).build()?;
/// let screening = screener.screen("info S L 0 T  g4c00r hari ini", Scope::Public);
/// assert_eq!(screening.verdict(), Verdict::Review);
/// assert_eq!(screening.findings()[0].text(), "S L 0 T  g4c00r");
/// # Ok::<(), saring::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Screener {
    inner: Arc<Compiled>,
}

/// What a screener was built from, for display and reports.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct PackInfo {
    /// The pack's name.
    pub name: String,
    /// The pack's version.
    pub version: String,
    /// The SHA-256 of the pack's TOML text.
    pub sha256: String,
    /// How many rules it has.
    pub rules: usize,
    /// The automaton the screener runs this pack in (one for all packs): `"dfa"`, the fast
    /// one, or `"nfa"`, the compact one chosen when the DFA would exceed the memory budget
    /// (about half as fast), so that an admin sees why screening slowed down.
    pub automaton: &'static str,
    /// Whether phrases of several words also match written as one word (`judi online` in
    /// `judionline`, `#judionline`, `j u d i o n l i n e`). On unless the packs are so large
    /// that the fast automaton would not fit its memory budget with these forms (for phrases
    /// of one to three words, from about 9,500 phrases at the default budget).
    pub glued: bool,
}

/// A rule as the screener knows it, for display and for indexing findings compactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct RuleInfo<'a> {
    /// The rule's id.
    pub id: &'a str,
    /// The name of its pack.
    pub pack: &'a str,
    /// Its category.
    pub category: Category,
    /// Its severity.
    pub severity: Severity,
}

/// Builds a [`Screener`].
#[derive(Clone, Debug)]
pub struct ScreenerBuilder {
    packs: Vec<RulePack>,
    options: NormalizeOptions,
    limits: Limits,
    dfa_memory_budget: usize,
}

impl Default for ScreenerBuilder {
    fn default() -> ScreenerBuilder {
        ScreenerBuilder {
            packs: Vec::new(),
            options: NormalizeOptions::default(),
            limits: Limits::default(),
            dfa_memory_budget: DEFAULT_DFA_MEMORY_BUDGET,
        }
    }
}

impl ScreenerBuilder {
    /// Adds a rule pack.
    pub fn pack(mut self, pack: RulePack) -> ScreenerBuilder {
        self.packs.push(pack);
        self
    }

    /// Adds several rule packs.
    pub fn packs(mut self, packs: impl IntoIterator<Item = RulePack>) -> ScreenerBuilder {
        self.packs.extend(packs);
        self
    }

    /// Chooses the evasion-folding steps (all on by default).
    pub fn normalize(mut self, options: NormalizeOptions) -> ScreenerBuilder {
        self.options = options;
        self
    }

    /// Sets every limit: on texts, and on the packs given (however they were parsed).
    pub fn limits(mut self, limits: Limits) -> ScreenerBuilder {
        self.limits = limits;
        self
    }

    /// Sets the longest text [`Screener::try_screen`] accepts, in UTF-8 bytes.
    pub fn max_text_bytes(mut self, bytes: usize) -> ScreenerBuilder {
        self.limits.max_text_bytes = bytes;
        self
    }

    /// Sets the most phrases (over all packs) the screener accepts.
    pub fn max_phrases(mut self, phrases: usize) -> ScreenerBuilder {
        self.limits.max_phrases = phrases;
        self
    }

    /// Sets the memory budget of the fast automaton, in bytes.
    pub fn dfa_memory_budget(mut self, bytes: usize) -> ScreenerBuilder {
        self.dfa_memory_budget = bytes;
        self
    }

    /// Compiles the packs into a screener.
    ///
    /// Fails when two packs share a name, a phrase folds to nothing, or a limit is exceeded.
    pub fn build(self) -> Result<Screener, Error> {
        Compiled::new(self).map(|compiled| Screener { inner: Arc::new(compiled) })
    }
}

impl Screener {
    /// A builder with no packs and default options.
    pub fn builder() -> ScreenerBuilder {
        ScreenerBuilder::default()
    }

    /// A screener with the default packs embedded in the crate (built from `rules/`).
    pub fn with_defaults() -> Screener {
        Screener::builder()
            .packs(crate::rules::default_packs())
            .build()
            .expect("the embedded default packs are valid: the test suite builds them")
    }

    /// Screens `text`, whatever its length (see [`Screener::try_screen`] for untrusted input).
    /// Never fails and never panics.
    pub fn screen(&self, text: &str, scope: Scope) -> Screening {
        SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
            Ok(mut scratch) => self.inner.screen(text, scope, &mut scratch),
            Err(_) => self.inner.screen(text, scope, &mut Scratch::default()),
        })
    }

    /// Screens `text`, refusing it if it is longer than the configured limit.
    pub fn try_screen(&self, text: &str, scope: Scope) -> Result<Screening, Error> {
        let limit = self.inner.limits.max_text_bytes;
        if text.len() > limit {
            return Err(Error::new(
                ErrorKind::TextTooLong,
                format!("text is {} bytes long; the limit is {limit} bytes (max_text_bytes)", text.len()),
            ));
        }
        Ok(self.screen(text, scope))
    }

    /// The packs the screener was built from.
    pub fn packs(&self) -> &[PackInfo] {
        &self.inner.packs
    }

    /// The longest text [`Screener::try_screen`] accepts, in UTF-8 bytes.
    pub fn max_text_bytes(&self) -> usize {
        self.inner.limits.max_text_bytes
    }

    /// The limits this screener was built with.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// The normalizer the screener folds with.
    pub fn normalizer(&self) -> Normalizer {
        self.inner.normalizer
    }

    /// Which automaton the screener runs: `"dfa"` (fast) or `"nfa"` (compact, chosen when the
    /// DFA would exceed its memory budget).
    pub fn automaton(&self) -> &'static str {
        self.inner.automaton.kind()
    }

    /// Bytes of memory the compiled automaton holds (the bulk of a screener's memory; building
    /// needs about a quarter more for a while). The DFA is kept under the memory budget.
    pub fn automaton_bytes(&self) -> usize {
        self.inner.automaton.memory_usage()
    }

    /// The rules the screener evaluates, in pack order; [`Finding::rule_index`](crate::Finding::rule_index)
    /// indexes this.
    pub fn rules(&self) -> impl ExactSizeIterator<Item = RuleInfo<'_>> + '_ {
        self.inner.rules.iter().map(|rule| RuleInfo {
            id: &rule.id,
            pack: &self.inner.packs[rule.pack].name,
            category: rule.category,
            severity: rule.severity,
        })
    }

    /// The phrases of the rule at `index` of [`Screener::rules`] as its pack writes them:
    /// what [`Finding::terms`](crate::Finding::terms) holds, shared (`None` past the last rule).
    #[cfg(target_arch = "wasm32")]
    pub(crate) fn rule_terms(&self, index: usize) -> Option<&[Arc<str>]> {
        self.inner.rules.get(index).map(|rule| &rule.terms[..])
    }

    /// The number of distinct folded phrases in the automaton.
    pub fn phrase_count(&self) -> usize {
        self.inner.phrases
    }
}

thread_local! {
    /// Buffers reused across screenings on one thread, so steady-state screening allocates
    /// only for what it returns.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[derive(Default)]
struct Scratch {
    folded: Folded,
    matches: automaton::Scratch,
    /// The phrase matches of the post, in text order, before they become hits.
    occurrences: Vec<Occurrence>,
    /// The hits of shaped words, before they join the others in text order.
    shaped: Vec<Hit>,
    liveness: liveness::Liveness,
    /// Places inside words joined from spaced letters that count as word boundaries
    /// ([`Compiled::split_joined_words`]), in order, and that search's buffers.
    cuts: Vec<u32>,
    split: SplitScratch,
    hits: Vec<Hit>,
    evaluation: evaluate::Evaluation,
}

impl Scratch {
    /// Gives back what one exceptional post made the per-post buffers grow to: a post whose
    /// phrases many rules share can take hundreds of megabytes of hits, which the thread would
    /// otherwise keep for as long as it lives.
    fn release_excess(&mut self) {
        release_excess(&mut self.hits);
        release_excess(&mut self.occurrences);
        release_excess(&mut self.shaped);
        self.evaluation.release_excess();
    }
}

/// Items a per-post buffer keeps room for between posts: 65,536 hits are 1.8 MB, far more than
/// an ordinary post needs.
const KEPT_ITEMS: usize = 1 << 16;

/// Empties `buffer` and shrinks it to [`KEPT_ITEMS`] if it grew larger.
fn release_excess<T>(buffer: &mut Vec<T>) {
    if buffer.capacity() > KEPT_ITEMS {
        buffer.clear();
        buffer.shrink_to(KEPT_ITEMS);
    }
}

/// A match of an automaton pattern in the folded text, with the spaces before its end (the
/// index of its last word) and how many shaped words were found before it.
#[derive(Clone, Copy, Debug)]
struct Occurrence {
    start: u32,
    end: u32,
    pattern: u32,
    spaces: u32,
    shaped_before: u32,
}

/// How a phrase must sit in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Boundary {
    /// Whole words only.
    Word,
    /// Whole words, or with Indonesian affixes attached.
    Affix,
    /// The nasal form of a stem (`nyerang`): alone, or after `me`/`pe`, suffixes allowed.
    Nasal,
    /// Anywhere, even inside words.
    Substring,
    /// A phrase with a `*` (`*win`, `toto*`): on the `*` side, letters of the same word must
    /// go on (`before`: right before the phrase, `after`: right after it); the other side is
    /// a word boundary.
    Attached { before: bool, after: bool },
}

/// The part a phrase plays in a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Any,
    Group(u8),
    Unless,
}

/// One use of an automaton pattern by a rule.
#[derive(Clone, Copy, Debug)]
struct Use {
    rule: u32,
    role: Role,
    /// Index into the rule's `terms`.
    term: u32,
    boundary: Boundary,
    /// A phrase of several words found as one word ([`glued_form`]).
    glued: bool,
}

/// A rule compiled for evaluation.
#[derive(Clone, Debug)]
struct CompiledRule {
    /// Shared with every finding of the rule, as are its pack's name and its terms.
    id: Arc<str>,
    pack: usize,
    pack_name: Arc<str>,
    category: Category,
    severity: Severity,
    scope: RuleScope,
    groups: u8,
    within: u32,
    unless_within: u32,
    /// The first term that is an `unless_before` phrase (they come last): such an exception
    /// counts only before the finding's last word.
    unless_before_from: u32,
    /// The phrases as written in the pack, for findings.
    terms: Vec<Arc<str>>,
}

impl CompiledRule {
    fn applies_to(&self, scope: Scope) -> bool {
        match self.scope {
            RuleScope::Any => true,
            RuleScope::Public => scope == Scope::Public,
            RuleScope::Private => scope == Scope::Private,
        }
    }
}

/// A phrase found in the folded text, in the part it plays for one rule.
#[derive(Clone, Copy, Debug)]
struct Hit {
    rule: u32,
    role: Role,
    term: u32,
    /// Folded byte range.
    start: u32,
    end: u32,
    /// Word indexes of the first and last word of the phrase.
    first_word: u32,
    last_word: u32,
    /// A phrase of several words found as one word.
    glued: bool,
}

#[derive(Debug)]
struct Compiled {
    normalizer: Normalizer,
    automaton: PhraseAutomaton,
    /// For each automaton pattern, the range of its uses in `uses`.
    pattern_uses: Vec<std::ops::Range<u32>>,
    /// For each automaton pattern, the spaces inside it (its words minus one).
    pattern_spaces: Vec<u32>,
    uses: Vec<Use>,
    /// For each automaton pattern, the word shape whose candidate words it ends (see
    /// [`shapes::triggers`]); `None` for the phrases of the rules.
    pattern_shapes: Vec<Option<WordShape>>,
    /// The uses of word shapes (`<name-number>`), by shape.
    shape_uses: Vec<(WordShape, Use)>,
    /// The shapes the rules use, each once.
    shapes_used: Vec<WordShape>,
    /// The number of distinct folded phrases (the automaton also holds the shapes' triggers).
    phrases: usize,
    rules: Vec<CompiledRule>,
    packs: Vec<PackInfo>,
    affixes: Affixes,
    limits: Limits,
}

impl Compiled {
    fn new(builder: ScreenerBuilder) -> Result<Compiled, Error> {
        let normalizer = Normalizer::new(builder.options);
        let mut patterns = PatternTable::default();
        // Phrases of several words written as one (`judionline`), added if they fit.
        let mut glued_forms = Vec::new();
        let mut shape_uses = Vec::new();
        let mut rules = Vec::new();
        let mut packs: Vec<PackInfo> = Vec::new();
        let mut names = std::collections::HashSet::new();
        for (pack_index, pack) in builder.packs.iter().enumerate() {
            if !names.insert(pack.name.as_str()) {
                let error = Error::new(ErrorKind::PackInvalid, format!("two packs are named `{}`", pack.name));
                return Err(with_source(error, pack));
            }
            builder.limits.check_pack(pack)?;
            packs.push(PackInfo {
                name: pack.name.clone(),
                version: pack.version.clone(),
                sha256: pack.sha256.clone(),
                rules: pack.rules.len(),
                automaton: "",
                glued: false,
            });
            let pack_name: Arc<str> = Arc::from(pack.name.as_str());
            for rule in &pack.rules {
                let rule_index = rules.len() as u32;
                // Packs are validated when read; checked again here because the screener relies
                // on it: a group is a bit of a `u64` (`liveness`) and its number a byte.
                crate::rules::check::at_most_all_groups(rule.all.len())
                    .map_err(|problem| with_source(problem.into_error().in_rule(&rule.id).at_line(rule.line), pack))?;
                let groups = rule.all.len() as u8;
                let mut terms = Vec::new();
                let mut add = |phrase: &str, role: Role, field: String| -> Result<(), Error> {
                    let term = terms.len() as u32;
                    terms.push(Arc::from(phrase));
                    let located =
                        |error: Error| with_source(error.in_rule(&rule.id).in_field(&field).at_line(rule.line), pack);
                    // Packs are validated when parsed; this only refuses what could not be read.
                    let (words, attached_start, attached_end, exact) = match Phrase::parse(phrase) {
                        Ok(Phrase::Words { text, attached_start, attached_end, exact }) => {
                            (text, attached_start, attached_end, exact)
                        }
                        Ok(Phrase::Shape(shape)) => {
                            shape_uses.push((
                                shape,
                                Use { rule: rule_index, role, term, boundary: Boundary::Word, glued: false },
                            ));
                            return Ok(());
                        }
                        Err(problem) => return Err(located(Error::new(ErrorKind::PackInvalid, problem))),
                    };
                    let folded = normalizer.fold(words);
                    if folded.is_empty() {
                        let error = Error::new(
                            ErrorKind::PackInvalid,
                            format!("phrase {phrase:?} has no letters or digits left after folding"),
                        );
                        return Err(located(error));
                    }
                    let boundary = if attached_start || attached_end {
                        Boundary::Attached { before: attached_start, after: attached_end }
                    } else if rule.substring {
                        Boundary::Substring
                    } else if rule.affixes && !exact {
                        Boundary::Affix
                    } else {
                        Boundary::Word
                    };
                    if boundary == Boundary::Affix && !folded.contains(' ') {
                        for nasal in affixes::nasal_forms(&folded) {
                            let nasal_use =
                                Use { rule: rule_index, role, term, boundary: Boundary::Nasal, glued: false };
                            patterns.add(nasal, nasal_use);
                        }
                    }
                    let use_ = Use { rule: rule_index, role, term, boundary, glued: false };
                    if let Some(glued) = glued_form(&normalizer, words, &folded) {
                        glued_forms.push((glued, Use { glued: true, ..use_ }));
                    }
                    patterns.add(folded, use_);
                    Ok(())
                };
                for (i, phrase) in rule.any.iter().enumerate() {
                    add(phrase, Role::Any, format!("any[{i}]"))?;
                }
                for (g, group) in rule.all.iter().enumerate() {
                    for (i, phrase) in group.iter().enumerate() {
                        add(phrase, Role::Group(g as u8), format!("all[{g}][{i}]"))?;
                    }
                }
                for (i, phrase) in rule.unless.iter().enumerate() {
                    add(phrase, Role::Unless, format!("unless[{i}]"))?;
                }
                // Every other phrase of the rule was added before them, one term each.
                let unless_before_from = (rule.phrase_count() - rule.unless_before.len()) as u32;
                for (i, phrase) in rule.unless_before.iter().enumerate() {
                    add(phrase, Role::Unless, format!("unless_before[{i}]"))?;
                }
                rules.push(CompiledRule {
                    id: Arc::from(rule.id.as_str()),
                    pack: pack_index,
                    pack_name: Arc::clone(&pack_name),
                    category: rule.category,
                    severity: rule.severity,
                    scope: rule.scope,
                    groups,
                    within: rule.within,
                    unless_within: rule.unless_within,
                    unless_before_from,
                    terms,
                });
            }
        }
        if patterns.strings.len() > builder.limits.max_phrases {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "the packs have {} distinct phrases; the limit is {} (max_phrases)",
                    patterns.strings.len(),
                    builder.limits.max_phrases
                ),
            ));
        }
        let phrases = patterns.strings.len();
        // Each shape the rules use, once, in a fixed order.
        let shapes_used: Vec<WordShape> =
            WordShape::ALL.iter().copied().filter(|&shape| shape_uses.iter().any(|&(used, _)| used == shape)).collect();
        let BuiltAutomaton { automaton, patterns, pattern_shapes, glued } =
            build_automaton(patterns, glued_forms, &shapes_used, builder.dfa_memory_budget)?;
        for pack in &mut packs {
            pack.automaton = automaton.kind();
            pack.glued = glued;
        }
        let (pattern_uses, uses) = patterns.flatten();
        let pattern_spaces = patterns.strings.iter().map(|p| p.bytes().filter(|&b| b == b' ').count() as u32).collect();
        Ok(Compiled {
            affixes: Affixes::new(&normalizer),
            normalizer,
            automaton,
            pattern_uses,
            pattern_spaces,
            uses,
            pattern_shapes,
            shape_uses,
            shapes_used,
            phrases,
            rules,
            packs,
            limits: builder.limits,
        })
    }

    fn screen(&self, text: &str, scope: Scope, scratch: &mut Scratch) -> Screening {
        self.normalizer.fold_into(text, &mut scratch.folded);
        self.find_hits(text, scope, scratch);
        let findings = evaluate::findings(self, text, &scratch.folded, &mut scratch.hits, &mut scratch.evaluation);
        let verdict = findings.iter().map(|f| f.severity.into()).max().unwrap_or(crate::Verdict::Allow);
        scratch.release_excess();
        Screening { scope, verdict, findings }
    }

    /// Records every phrase occurrence and shaped word that sits right, for the rules that may
    /// fire ([`liveness`]): first the matches (and shaped words) in text order, then the rules
    /// they may make fire, then the hits of those rules, in the order of the matches.
    fn find_hits(&self, original: &str, scope: Scope, scratch: &mut Scratch) {
        let Scratch { folded, matches, hits, occurrences, shaped, liveness, cuts, split, .. } = scratch;
        hits.clear();
        occurrences.clear();
        shaped.clear();
        if folded.is_empty() || self.pattern_uses.is_empty() {
            return;
        }
        self.find_matches(original, scope, folded, matches, occurrences, shaped);
        self.split_joined_words(folded, occurrences, split, cuts);
        self.note_rules_that_may_fire(occurrences, shaped, liveness);
        self.record_hits(Words { text: folded.as_bytes(), cuts }, scope, occurrences, shaped, liveness, hits);
    }

    /// The matches of the automaton in `folded`, in text order, as `occurrences`, and the hits
    /// of the shaped words among them (`shaped`).
    fn find_matches(
        &self,
        original: &str,
        scope: Scope,
        folded: &Folded,
        matches: &mut automaton::Scratch,
        occurrences: &mut Vec<Occurrence>,
        shaped: &mut Vec<Hit>,
    ) {
        let text = folded.as_bytes();
        // Word index of a position = spaces before it; matches arrive in order of their end.
        let mut counted_to = 0;
        let mut spaces = 0u32;
        self.automaton.for_each_match(text, matches, |start, end, pattern| {
            spaces += count_spaces(&text[counted_to..end]);
            counted_to = end;
            if let Some(shape) = self.pattern_shapes[pattern] {
                // The trigger ends with the space after the word, the word before it.
                let word_end = end - 1;
                if let Some(word_start) = shapes::word_start(shape, folded, original, word_end) {
                    self.shape_hits(shape, word_start..word_end, spaces - 1, scope, shaped);
                }
                return;
            }
            let shaped_before = shaped.len() as u32;
            occurrences.push(Occurrence {
                start: start as u32,
                end: end as u32,
                pattern: pattern as u32,
                spaces,
                shaped_before,
            });
        });
        // The last word has no space after it to trigger on.
        if !self.shapes_used.is_empty() {
            let last_word = spaces + count_spaces(&text[counted_to..]);
            for &shape in &self.shapes_used {
                if let Some(word_start) = shapes::word_start(shape, folded, original, text.len()) {
                    self.shape_hits(shape, word_start..text.len(), last_word, scope, shaped);
                }
            }
        }
    }

    /// Spaced letters join into one word and lose the boundaries between the words they held
    /// (`s l o t g a c o r` reads `siotgacor`). Where such a word is made entirely of phrases,
    /// each of at least [`MIN_TILE_BYTES`] (`siot` and `gacor`), the places between them count
    /// as word boundaries: `cuts`, in order. Nothing to do for a post without joined words.
    fn split_joined_words(
        &self,
        folded: &Folded,
        occurrences: &[Occurrence],
        split: &mut SplitScratch,
        cuts: &mut Vec<u32>,
    ) {
        cuts.clear();
        let text = folded.as_bytes();
        let SplitScratch { tiles, reach, back } = split;
        for original in folded.joined_words() {
            let word = folded.folded_range(original);
            if word.len() < 2 * MIN_TILE_BYTES || text[word.clone()].contains(&b' ') {
                continue;
            }
            // The phrases inside the word, in order of their end, as the automaton found them.
            let first = occurrences.partition_point(|o| (o.end as usize) <= word.start);
            tiles.clear();
            tiles.extend(
                occurrences[first..]
                    .iter()
                    .take_while(|o| o.end as usize <= word.end)
                    .filter(|o| {
                        let pattern = o.pattern as usize;
                        o.start as usize >= word.start
                            && (o.end - o.start) as usize >= MIN_TILE_BYTES
                            && self.pattern_spaces[pattern] == 0
                            && self.pattern_shapes[pattern].is_none()
                    })
                    .map(|o| (o.start as usize - word.start, o.end as usize - word.start)),
            );
            // `reach[i]`: the word's first `i` bytes are phrases end to end (tiles ending at a
            // tile's start come before it); `back[i]`: so are its bytes from `i` on.
            let len = word.len();
            reach.clear();
            reach.resize(len + 1, false);
            reach[0] = true;
            for &(start, end) in tiles.iter() {
                reach[end] |= reach[start];
            }
            if !reach[len] {
                continue;
            }
            back.clear();
            back.resize(len + 1, false);
            back[len] = true;
            for &(start, end) in tiles.iter().rev() {
                back[start] |= back[end] && reach[start];
            }
            cuts.extend((1..len).filter(|&i| reach[i] && back[i]).map(|i| (word.start + i) as u32));
        }
    }

    /// Notes which rules the post's matches and shaped words may make fire.
    fn note_rules_that_may_fire(&self, occurrences: &[Occurrence], shaped: &[Hit], liveness: &mut liveness::Liveness) {
        liveness.begin(self.pattern_uses.len(), self.rules.len());
        for hit in shaped {
            liveness.note(hit.rule, hit.role, self.rules[hit.rule as usize].groups);
        }
        for occurrence in occurrences {
            let pattern = occurrence.pattern as usize;
            if liveness.first_meeting(pattern) {
                for use_ in self.uses_of(pattern) {
                    liveness.note(use_.rule, use_.role, self.rules[use_.rule as usize].groups);
                }
            }
        }
    }

    /// The hits of the rules that may fire, from the post's matches, with the shaped words' in
    /// the order they were found.
    fn record_hits(
        &self,
        words: Words<'_>,
        scope: Scope,
        occurrences: &[Occurrence],
        shaped: &[Hit],
        liveness: &liveness::Liveness,
        hits: &mut Vec<Hit>,
    ) {
        let text = words.text;
        let mut shaped_copied = 0;
        for occurrence in occurrences {
            // Shaped words found before this match come before its hits, as found.
            hits.extend_from_slice(&shaped[shaped_copied..occurrence.shaped_before as usize]);
            shaped_copied = occurrence.shaped_before as usize;
            let (start, end, pattern) =
                (occurrence.start as usize, occurrence.end as usize, occurrence.pattern as usize);
            let last_word = occurrence.spaces;
            let first_word = last_word - self.pattern_spaces[pattern];
            for use_ in self.uses_of(pattern) {
                if !liveness.may_fire(use_.rule)
                    || !self.rules[use_.rule as usize].applies_to(scope)
                    || !self.sits_right(use_.boundary, words, start, end)
                {
                    continue;
                }
                // An inflected or attached form is reported as the whole word (`mengebom`, not
                // `bom`; `pulauwin`, not `win`). The other side is a word boundary, so a long word
                // is walked once per phrase, not once per match.
                let (start, end) = match use_.boundary {
                    Boundary::Affix | Boundary::Nasal => {
                        (affixes::word_start(text, start), affixes::word_end(text, end))
                    }
                    Boundary::Attached { before, after } => (
                        if before { affixes::word_start(text, start) } else { start },
                        if after { affixes::word_end(text, end) } else { end },
                    ),
                    Boundary::Word | Boundary::Substring => (start, end),
                };
                hits.push(Hit {
                    rule: use_.rule,
                    role: use_.role,
                    term: use_.term,
                    start: start as u32,
                    end: end as u32,
                    first_word,
                    last_word,
                    glued: use_.glued,
                });
            }
        }
        hits.extend_from_slice(&shaped[shaped_copied..]);
    }

    /// The uses of automaton pattern `pattern` by the rules.
    fn uses_of(&self, pattern: usize) -> &[Use] {
        let uses = &self.pattern_uses[pattern];
        &self.uses[uses.start as usize..uses.end as usize]
    }

    /// Records the shaped word at `range` (word index `word`) for the rules that use `shape`.
    fn shape_hits(
        &self,
        shape: WordShape,
        range: std::ops::Range<usize>,
        word: u32,
        scope: Scope,
        hits: &mut Vec<Hit>,
    ) {
        for &(used, use_) in &self.shape_uses {
            if used == shape && self.rules[use_.rule as usize].applies_to(scope) {
                hits.push(Hit {
                    rule: use_.rule,
                    role: use_.role,
                    term: use_.term,
                    start: range.start as u32,
                    end: range.end as u32,
                    first_word: word,
                    last_word: word,
                    glued: false,
                });
            }
        }
    }

    /// Whether a match at `start..end` of `words` sits as `boundary` asks.
    fn sits_right(&self, boundary: Boundary, words: Words<'_>, start: usize, end: usize) -> bool {
        let Words { text, cuts } = words;
        let cut = |at: usize| cuts.binary_search(&(at as u32)).is_ok();
        match boundary {
            Boundary::Substring => true,
            Boundary::Word => (starts_word(text, start) || cut(start)) && (ends_word(text, end) || cut(end)),
            Boundary::Affix => {
                !digits_join(text, start, end)
                    && (self.affixes.prefix_ok(text, start) || cut(start))
                    && (self.affixes.suffix_ok(text, end) || cut(end))
            }
            Boundary::Nasal => {
                !digits_join(text, start, end)
                    && (self.affixes.nasal_prefix_ok(text, start) || cut(start))
                    && (self.affixes.suffix_ok(text, end) || cut(end))
            }
            Boundary::Attached { before, after } => {
                let start_ok =
                    if before { start > 0 && is_word_byte(text[start - 1]) } else { starts_word(text, start) };
                let end_ok = if after { end < text.len() && is_word_byte(text[end]) } else { ends_word(text, end) };
                start_ok && end_ok
            }
        }
    }
}

/// Two folded bytes belong to one word: letters join letters, digits join digits.
fn joins(a: u8, b: u8) -> bool {
    (is_word_byte(a) && is_word_byte(b)) || (a.is_ascii_digit() && b.is_ascii_digit())
}

fn starts_word(text: &[u8], start: usize) -> bool {
    start == 0 || !joins(text[start - 1], text[start])
}

fn ends_word(text: &[u8], end: usize) -> bool {
    end == text.len() || !joins(text[end - 1], text[end])
}

/// Whether the match is glued to digits on either side (`4d` inside `44d`).
fn digits_join(text: &[u8], start: usize, end: usize) -> bool {
    let before = start > 0 && text[start - 1].is_ascii_digit() && text[start].is_ascii_digit();
    let after = end < text.len() && text[end].is_ascii_digit() && text[end - 1].is_ascii_digit();
    before || after
}

fn with_source(error: Error, pack: &RulePack) -> Error {
    match &pack.source {
        Some(source) => error.in_file(source),
        None => error,
    }
}

/// Distinct folded phrases and their uses, in insertion order.
#[derive(Default)]
struct PatternTable {
    strings: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    uses: Vec<Vec<Use>>,
}

impl PatternTable {
    fn add(&mut self, folded: String, use_: Use) {
        let id = match self.index.get(&folded) {
            Some(&id) => id,
            None => {
                let id = self.strings.len();
                self.index.insert(folded.clone(), id);
                self.strings.push(folded);
                self.uses.push(Vec::new());
                id
            }
        };
        self.uses[id].push(use_);
    }

    /// Adds `use_` unless its rule already uses `folded`: a rule that lists both `judi online`
    /// and `judionline` finds the word once, and `slotgacor` in one `all` group does not also
    /// fill the group of `slot gacor`.
    fn add_once_per_rule(&mut self, folded: String, use_: Use) {
        let used = self.index.get(&folded).is_some_and(|&id| self.uses[id].iter().any(|other| other.rule == use_.rule));
        if !used {
            self.add(folded, use_);
        }
    }

    fn flatten(&self) -> (Vec<std::ops::Range<u32>>, Vec<Use>) {
        let mut ranges = Vec::with_capacity(self.uses.len());
        let mut flat = Vec::new();
        for uses in &self.uses {
            let start = flat.len() as u32;
            flat.extend_from_slice(uses);
            ranges.push(start..flat.len() as u32);
        }
        (ranges, flat)
    }
}

/// The automaton of the phrases and what it was built from ([`build_automaton`]).
struct BuiltAutomaton {
    automaton: PhraseAutomaton,
    patterns: PatternTable,
    /// For each pattern, the word shape it triggers (`None` for the phrases).
    pattern_shapes: Vec<Option<WordShape>>,
    /// Whether the glued forms of the phrases are in.
    glued: bool,
}

/// The automaton of the phrases, with their glued forms ([`glued_form`]) if the fast automaton
/// fits `budget` with them (those of 10,000 phrases of one to three words add half its memory),
/// then the shapes' triggers. Without them, the fast automaton if it fits, else the compact one.
fn build_automaton(
    mut patterns: PatternTable,
    glued_forms: Vec<(String, Use)>,
    shapes_used: &[WordShape],
    budget: usize,
) -> Result<BuiltAutomaton, Error> {
    // The phrases' own uses come first in each list; glued forms add patterns after them, or
    // uses after theirs where a glued form is a phrase too (`max win` and `maxwin`).
    let phrase_uses: Vec<usize> = patterns.uses.iter().map(Vec::len).collect();
    for (glued, use_) in glued_forms {
        patterns.add_once_per_rule(glued, use_);
    }
    // Nothing is added past here: the index goes before the tries take memory.
    patterns.index = std::collections::HashMap::new();
    let pattern_shapes = with_shape_triggers(&mut patterns, shapes_used);
    if let Some(automaton) = PhraseAutomaton::build_dfa(&patterns.strings, budget)? {
        return Ok(BuiltAutomaton { automaton, patterns, pattern_shapes, glued: true });
    }
    patterns.strings.truncate(phrase_uses.len());
    patterns.uses.truncate(phrase_uses.len());
    for (uses, &own) in patterns.uses.iter_mut().zip(&phrase_uses) {
        uses.truncate(own);
    }
    let pattern_shapes = with_shape_triggers(&mut patterns, shapes_used);
    let automaton = PhraseAutomaton::build(&patterns.strings, budget)?;
    Ok(BuiltAutomaton { automaton, patterns, pattern_shapes, glued: false })
}

/// Appends the triggers of `shapes` to `patterns`; returns, for every pattern, the shape it
/// triggers (`None` for the phrases).
fn with_shape_triggers(patterns: &mut PatternTable, shapes: &[WordShape]) -> Vec<Option<WordShape>> {
    let mut pattern_shapes = vec![None; patterns.strings.len()];
    for &shape in shapes {
        for trigger in shapes::triggers(shape) {
            patterns.strings.push((*trigger).to_owned());
            patterns.uses.push(Vec::new());
            pattern_shapes.push(Some(shape));
        }
    }
    pattern_shapes
}

/// The buffers of [`Compiled::split_joined_words`], kept from post to post: the phrases inside a
/// joined word, and which of its places they reach from its start and from its end.
#[derive(Default)]
struct SplitScratch {
    tiles: Vec<(usize, usize)>,
    reach: Vec<bool>,
    back: Vec<bool>,
}

/// The folded text of a post, and the places inside its words joined from spaced letters that
/// count as word boundaries ([`Compiled::split_joined_words`]).
#[derive(Clone, Copy)]
struct Words<'a> {
    text: &'a [u8],
    cuts: &'a [u32],
}

/// The shortest phrase, in folded bytes, that may be one of the words a joined word is split
/// into ([`Compiled::split_joined_words`]): `siot` and `gacor` are, `ya` is not.
const MIN_TILE_BYTES: usize = 3;

/// The fewest characters (letters and digits, folded) of a phrase's words run together that
/// count as the phrase written as one word: shorter ones (`di a`, `ya ni`) read as ordinary words.
const MIN_GLUED_CHARS: usize = 6;

/// A phrase of several words as one word, folded as a post that runs them together would be
/// (`#slotgacor`, `judionline`, or `s l o t g a c o r`, whose spaced letters join into one
/// word): the written words without what separates them, folded. `None` for a phrase of one
/// word, or one whose words run together are short or do not fold into one word.
fn glued_form(normalizer: &Normalizer, words: &str, folded: &str) -> Option<String> {
    if !folded.contains(' ') {
        return None;
    }
    let written: String = words.split(|c: char| !c.is_alphanumeric()).collect();
    let glued = normalizer.fold(&written);
    (glued.chars().count() >= MIN_GLUED_CHARS && !glued.contains(' ')).then_some(glued)
}

/// The spaces in `text`: how many words a match is past. It runs over the whole folded text of
/// every post that has matches. Natively a sum over the bytes, which the compiler turns into a
/// vector loop (a `filter().count()` stays a loop of one byte at a time); in WebAssembly, built
/// without vector instructions, [`count_spaces_by_eight`].
fn count_spaces(text: &[u8]) -> u32 {
    if cfg!(target_arch = "wasm32") {
        count_spaces_by_eight(text)
    } else {
        text.iter().map(|&b| u32::from(b == b' ')).sum()
    }
}

/// [`count_spaces`] eight bytes at a time: the spaces marked in a `u64` and counted by
/// `popcnt`, which WebAssembly has (3 % less time per post from Node than the byte loop).
fn count_spaces_by_eight(text: &[u8]) -> u32 {
    let mut chunks = text.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let chunk = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        count += zero_bytes(chunk ^ splat(b' ')).count_ones();
    }
    count + chunks.remainder().iter().map(|&b| u32::from(b == b' ')).sum::<u32>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(rules: &str) -> RulePack {
        RulePack::from_toml(&format!("[pack]\nname = \"t\"\nversion = \"1.0.0\"\n{rules}")).unwrap()
    }

    /// A screener of the one pack made of `rules`.
    fn screener_of(rules: &str) -> Screener {
        Screener::builder().pack(pack(rules)).build().unwrap()
    }

    /// The explanations of the findings of `text`, in order.
    fn explanations(screener: &Screener, text: &str) -> Vec<String> {
        screener.screen(text, Scope::Public).findings().iter().map(|f| f.explain().to_owned()).collect()
    }

    /// A phrase of several words also matches written as one word, says so, and a rule that
    /// lists both forms finds the word once; short glued forms are not made.
    #[test]
    fn phrases_of_several_words_match_written_as_one() {
        let screener = screener_of(
            "[[rule]]\nid = \"t.judi\"\ncategory = \"gambling\"\nseverity = \"review\"\n\
                 any = [\"judi online\", \"di a\"]\n\
                 [[rule]]\nid = \"t.slot\"\ncategory = \"gambling\"\nseverity = \"review\"\n\
                 any = [\"slot gacor\", \"slotgacor\"]\n",
        );
        assert!(screener.packs()[0].glued);
        assert_eq!(screener.phrase_count(), 4, "glued forms are not phrases of their own");
        let found = |text: &str| -> Vec<(String, String, String)> {
            let screening = screener.screen(text, Scope::Public);
            let findings = screening.findings().iter();
            findings.map(|f| (f.rule().to_owned(), f.text().to_owned(), f.explain().to_owned())).collect()
        };
        let finding = |rule: &str, text: &str, explain: &str| (rule.to_owned(), text.to_owned(), explain.to_owned());
        assert_eq!(found("ayo #JUD1ONLINE"), [finding("t.judi", "JUD1ONLINE", "leet 1→i, words run together")]);
        assert_eq!(found("judi online"), [finding("t.judi", "judi online", "")]);
        // The rule's own one-word phrase, found once.
        assert_eq!(found("slotgacor"), [finding("t.slot", "slotgacor", "")]);
        assert_eq!(found("dia datang"), []);
    }

    /// A glued form is a phrase of its rule like the others: in an `all` rule it fills its own
    /// group and says so, and it never fills two groups at once.
    #[test]
    fn a_glued_form_fills_its_own_group_only() {
        let screener = screener_of(
            "[[rule]]\nid = \"t.promo\"\ncategory = \"gambling\"\nseverity = \"block\"\n\
                 all = [[\"slot gacor\", \"e-money\"], [\"slotgacor\", \"daftar\"]]\n",
        );
        let explained = |text: &str| explanations(&screener, text);
        assert_eq!(explained("slotgacor"), Vec::<String>::new(), "one word, two groups");
        assert_eq!(explained("slot gacor daftar"), [""]);
        assert_eq!(explained("daftar emoney"), ["words run together"]);
    }

    /// An `unless_before` phrase cancels a finding when it comes before the act (or inside it),
    /// not after it; an `unless` phrase on either side.
    #[test]
    fn an_exception_before_the_act_cancels_it_and_one_after_does_not() {
        let screener = screener_of(
            "[[rule]]\nid = \"t.call\"\ncategory = \"incitement\"\nseverity = \"block\"\n\
                 all = [[\"bakar\"], [\"gereja\"]]\nwithin = 3\nunless = [\"polisi\"]\n\
                 unless_before = [\"jangan\", \"menolak\"]\n",
        );
        let fired = |text: &str| !screener.screen(text, Scope::Public).findings().is_empty();
        assert!(!fired("jangan sampai ada yang bakar gereja lagi"), "before the act");
        assert!(!fired("kami menolak aksi bakar gereja"));
        assert!(!fired("bakar jangan gereja"), "inside the act");
        assert!(fired("bakar gereja itu, jangan kasih ampun"), "after the act: part of it");
        assert!(!fired("bakar gereja itu kata polisi"), "`unless` counts on either side");
        assert!(!fired("polisi: bakar gereja"));
    }

    /// An `all` finding's explanation tells what folding changed in its phrases, not in the
    /// words between them, which no phrase of the rule matched.
    #[test]
    fn an_explanation_is_of_the_phrases_not_the_words_between() {
        let screener = screener_of(
            "[[rule]]\nid = \"t.call\"\ncategory = \"incitement\"\nseverity = \"block\"\n\
                 all = [[\"ayo\"], [\"bakar\"]]\nwithin = 4\n",
        );
        let explained = |text: &str| explanations(&screener, text);
        assert_eq!(explained("ayo r3k3ningx bakar"), [""], "the leet and -nya of the word between are not told");
        assert_eq!(explained("ayo r3kening b4kar"), ["leet 4→a"]);
    }

    /// Spaced letters join into one word; where it is made entirely of phrases, each is a word
    /// of its own again, so an `all` rule of one-word groups sees both (`s l o t g a c o r`).
    #[test]
    fn a_word_joined_from_spaced_letters_splits_into_its_phrases() {
        let screener = screener_of(
            "[[rule]]\nid = \"t.promo\"\ncategory = \"gambling\"\nseverity = \"block\"\n\
                 all = [[\"slot\"], [\"gacor\", \"maxwin\"]]\nwithin = 2\n",
        );
        let found = |text: &str| -> Vec<String> {
            let screening = screener.screen(text, Scope::Public);
            screening.findings().iter().map(|f| f.text().to_owned()).collect()
        };
        assert_eq!(found("info s l o t g a c o r hari ini"), ["s l o t g a c o r"]);
        assert_eq!(found("S-L-0-T-M-A-X-W-I-N"), ["S-L-0-T-M-A-X-W-I-N"]);
        // Only a word made entirely of phrases, and only one joined from spaced letters.
        assert_eq!(found("s l o t g a c o r x"), Vec::<String>::new());
        assert_eq!(found("slotgacor"), Vec::<String>::new());
    }

    /// Glued forms make the fast automaton larger (half again for 10,000 phrases of one to three
    /// words): when they alone would push it over the budget, they are left out, and
    /// [`PackInfo::glued`] says so.
    #[test]
    fn glued_forms_give_way_to_the_fast_automaton() {
        let rules = "[[rule]]\nid = \"t.judi\"\ncategory = \"gambling\"\nseverity = \"review\"\n\
                     any = [\"judi online\", \"slot gacor malam ini\", \"bandar togel terpercaya\"]\n";
        let with_glued = Screener::builder().pack(pack(rules)).build().unwrap();
        let held = with_glued.automaton_bytes();
        let screener = Screener::builder().pack(pack(rules)).dfa_memory_budget(held - 1).build().unwrap();
        assert_eq!((screener.automaton(), screener.packs()[0].glued), ("dfa", false));
        assert!(screener.automaton_bytes() < held);
        assert!(screener.screen("judionline", Scope::Public).findings().is_empty());
        assert!(screener.screen("judi online", Scope::Public).is_flagged());
        // Too large for the fast automaton either way: the compact one, without them.
        let compact = Screener::builder().pack(pack(rules)).dfa_memory_budget(0).build().unwrap();
        assert_eq!((compact.automaton(), compact.packs()[0].glued), ("nfa", false));
        assert!(compact.screen("judionline", Scope::Public).findings().is_empty());
        assert!(compact.screen("judi online", Scope::Public).is_flagged());
    }

    /// 500 rules share an `all` group and an exception, as a pack of one rule per gambling site
    /// does; a post full of the shared phrases but naming one site is recorded as hits of that
    /// site's rule only, where every occurrence used to be a hit of each of the 500 rules.
    #[test]
    fn hits_are_recorded_only_for_the_rules_that_may_fire() {
        let mut toml = String::from("[pack]\nname = \"sites\"\nversion = \"1.0.0\"\n");
        for site in 0..500 {
            toml += &format!(
                "[[rule]]\nid = \"site.{site}\"\ncategory = \"gambling\"\nseverity = \"block\"\n\
                 all = [[\"slot gacor\"], [\"situs{site}\"]]\nunless = [\"waspada\"]\n"
            );
        }
        let screener = Screener::builder().packs([RulePack::from_toml(&toml).unwrap()]).build().unwrap();
        let post = "slot gacor waspada hari ini ".repeat(40) + "main di situs qq situs7 sekarang slot gacor";
        let mut scratch = Scratch::default();
        let screening = screener.inner.screen(&post, Scope::Public, &mut scratch);
        let fired: Vec<&str> = screening.findings().iter().map(|finding| finding.rule()).collect();
        assert_eq!(fired, ["site.7"], "the one site named, its nearest `slot gacor` far from `waspada`");
        let rules: std::collections::BTreeSet<u32> = scratch.hits.iter().map(|hit| hit.rule).collect();
        assert_eq!(rules.len(), 1, "hits of rules that cannot fire: {rules:?}");
        // A post without a site name records no hit at all.
        let screening = screener.inner.screen(&"slot gacor waspada ".repeat(40), Scope::Public, &mut scratch);
        assert!(screening.findings().is_empty() && scratch.hits.is_empty());
    }

    /// 100 rules on one phrase and a post of it 1,000 times: 100,000 hits, whose buffers are
    /// not kept for the posts after it.
    #[test]
    fn one_post_of_many_hits_leaves_no_large_buffers_behind() {
        let mut toml = String::from("[pack]\nname = \"promo\"\nversion = \"1.0.0\"\n");
        for rule in 0..100 {
            toml += &format!(
                "[[rule]]\nid = \"promo.{rule}\"\ncategory = \"fraud\"\nseverity = \"warn\"\nany = [\"promo\"]\n"
            );
        }
        let screener = Screener::builder().packs([RulePack::from_toml(&toml).unwrap()]).build().unwrap();
        let mut scratch = Scratch::default();
        let screening = screener.inner.screen(&"promo ".repeat(1_000), Scope::Public, &mut scratch);
        assert_eq!(screening.findings().len(), 100_000);
        assert!(scratch.hits.capacity() <= KEPT_ITEMS, "{}", scratch.hits.capacity());
        assert!(scratch.evaluation.largest_capacity() <= KEPT_ITEMS);
        // The next post works as before.
        let screening = screener.inner.screen("promo hari ini", Scope::Public, &mut scratch);
        assert_eq!(screening.findings().len(), 100);
    }

    #[test]
    fn spaces_are_counted_alike_eight_bytes_at_a_time() {
        let mut random = crate::test_random::Xorshift::new(0x2545_f491_4f6c_dd1d);
        for len in 0..300 {
            let text: Vec<u8> = (0..len)
                // Spaces, their neighbours in value, and bytes with the high bit set.
                .map(|_| [b' ', b' ', b'!', 0x1f, 0xa0, 0xff, b'a', 0][random.below(8) as usize])
                .collect();
            let expected = text.iter().filter(|&&b| b == b' ').count() as u32;
            assert_eq!(count_spaces_by_eight(&text), expected, "{text:?}");
            assert_eq!(count_spaces(&text), expected);
        }
    }
}
