//! Evasion robustness suite: every evasion family (`robustness/families.rs`), alone and in
//! combinations of two and three, applied to the `match` examples of every rule of the default
//! packs and to benign text, with the default screener.
//!
//! For each family it reports the retained recall (recall on perturbed examples ÷ recall on
//! the clean ones) and the false-alarm increase on perturbed benign text, and asserts the
//! goals: retained recall ≥ 0.95 for a single family and ≥ 0.85 for a combination, false
//! alarms up by at most 0.5 percentage points. A family that cannot meet a goal for a reason
//! the normalizer cannot fix properly is listed in [`KNOWN_GAPS`] with its measured figure,
//! which then becomes its floor: the test fails if it gets worse.
//!
//! What is perturbed:
//!
//! - a `match` example: the whitespace-separated words that carry the match, i.e. that overlap
//!   a finding of the example's rule on the clean text (for `all` rules, the whole window);
//! - benign text (every rule's `no_match` examples and `robustness/benign.txt`): a random half
//!   of its words (at least one).
//!
//! Within those words each family says what it changes (every letter, or a random half of
//! them, …); see its function. A family applies to words of its script: the Arabic family to
//! words in Arabic letters only (on Latin examples it is not applicable and skipped), the others
//! to words with Latin letters. Each example gets [`VARIANTS`] variants, each from its own seed;
//! a variant that leaves the text unchanged (no word the family applies to) is not counted.
//!
//! A false alarm is a finding of the example's own rule for a `no_match` example (as
//! `saring check` counts it), and any finding at all for a benign sentence.
//!
//! `make robustness` prints the table (`cargo test --release --test robustness -- --nocapture`).

#[path = "robustness/families.rs"]
mod families;

use families::{render_words, Family, Rng, Script, Word, FAMILIES};
use saring::{RuleScope, Scope, Screener};
use std::fmt::Write as _;

/// Variants per example and family.
const VARIANTS: usize = 5;

/// Goals of issue 9.
const GOAL_SINGLE: f64 = 0.95;
const GOAL_COMBINATION: f64 = 0.85;
const GOAL_FALSE_ALARM_POINTS: f64 = 0.5;

/// A family that misses a goal for a reason the normalizer cannot fix properly, with what was
/// measured, which becomes its bound: the measured retained recall rounded down to two decimals
/// is its floor, the measured false-alarm increase rounded up to one decimal its ceiling
/// (measured 2026-11-29, gambling and fraud 1.1.0): a change to the packs or the normalizer that
/// makes one worse fails here, and its figure is then updated knowingly, with the reason.
///
/// Updated 2026-11-30, 0.355 → 0.371 and +1.91 → +2.20 points: `fraud.loan-bait` no longer takes
/// `ilegal` for news (it folds as `legal` does, which lenders write to reassure), so its news
/// example with `waspada` broken at an edge (`waspad4`) is a false alarm; and the packs gained
/// examples (new fraud rules among them), which this family breaks as it breaks the others.
struct KnownGap {
    family: &'static str,
    retained_floor: f64,
    false_alarm_ceiling: f64,
    why: &'static str,
}

const KNOWN_GAPS: &[KnownGap] = &[KnownGap {
    family: "leet at word edges",
    retained_floor: 0.37,
    false_alarm_ceiling: 2.2,
    why: "by design (src/normalize/leet.rs): a digit at a word's edge is leet only when the word has leet \
              inside, a run of digits at an edge never is, and a symbol at a word's start is a separator. Real \
              text is full of such words (counts and site numbers: 3kali, 1jam, 5jt, naga138, @mentions), \
              `bab1` (chapter 1) would read `babi`, and evaders put leet inside words: in the TikTok gambling \
              set about 760 words have leet inside, two dozen only at an edge, nearly all of those counts and \
              site numbers. False alarms: broken `unless` words (is! ulang, waspad4), and an edge run read as a \
              site's number (war64 for warga)",
}];

/// How many missed variants and false alarms to print per family.
const SHOW: usize = 4;

struct Example {
    rule: String,
    text: String,
    scope: Scope,
}

struct Benign {
    text: String,
    /// The rule of a `no_match` example; `None` for a benign sentence (any finding counts).
    rule: Option<String>,
    scope: Scope,
}

fn scope_of(rule: &saring::Rule) -> Scope {
    match rule.scope() {
        RuleScope::Private => Scope::Private,
        RuleScope::Any | RuleScope::Public => Scope::Public,
    }
}

fn corpus() -> (Vec<Example>, Vec<Benign>) {
    let mut examples = Vec::new();
    let mut benign = Vec::new();
    for pack in saring::rules::default_packs() {
        for rule in pack.rules() {
            let scope = scope_of(rule);
            for text in rule.examples_match() {
                examples.push(Example { rule: rule.id().to_owned(), text: text.clone(), scope });
            }
            for text in rule.examples_no_match() {
                benign.push(Benign { text: text.clone(), rule: Some(rule.id().to_owned()), scope });
            }
        }
    }
    let sentences =
        include_str!("robustness/benign.txt").lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    benign.extend(sentences.map(|text| Benign { text: text.to_owned(), rule: None, scope: Scope::Public }));
    (examples, benign)
}

/// A text cut into words: the whitespace before the first word, then each word with the
/// whitespace after it, and each word's byte range in the text.
struct Tokens {
    before: String,
    words: Vec<(Word, String)>,
    ranges: Vec<std::ops::Range<usize>>,
}

fn tokenize(text: &str) -> Tokens {
    let mut tokens = Tokens { before: String::new(), words: Vec::new(), ranges: Vec::new() };
    let mut rest = text;
    let mut offset = 0;
    let leading = rest.len() - rest.trim_start().len();
    tokens.before.push_str(&rest[..leading]);
    rest = &rest[leading..];
    offset += leading;
    while !rest.is_empty() {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let gap_len = rest[word_len..].len() - rest[word_len..].trim_start().len();
        tokens.words.push((Word::parse(&rest[..word_len]), rest[word_len..word_len + gap_len].to_owned()));
        tokens.ranges.push(offset..offset + word_len);
        offset += word_len + gap_len;
        rest = &rest[word_len + gap_len..];
    }
    tokens
}

fn in_script(word: &Word, script: Script) -> bool {
    match script {
        Script::Latin => word.units.iter().any(|u| u.base.is_ascii_alphabetic()),
        Script::Arabic => word.units.iter().any(|u| families::is_arabic_letter(u.base)),
    }
}

/// Applies `family` to the words of `tokens` that `active` selects (and that are in its
/// script), with the seed of `parts`. Returns the new text.
fn perturb(family: &Family, tokens: &Tokens, active: impl Fn(usize) -> bool, rng: &mut Rng) -> String {
    let mut words: Vec<Word> = tokens.words.iter().map(|(w, _)| w.clone()).collect();
    for (i, word) in words.iter_mut().enumerate() {
        word.active = active(i) && in_script(word, family.script);
    }
    for step in family.steps {
        step(&mut words, rng);
    }
    let words: Vec<(Word, String)> = words.into_iter().zip(tokens.words.iter().map(|(_, gap)| gap.clone())).collect();
    format!("{}{}", tokens.before, render_words(&words))
}

/// What one family measured.
#[derive(Default)]
struct Row {
    examples: usize,
    variants: usize,
    clean_hits: usize,
    hits: usize,
    benign: usize,
    benign_clean_alarms: usize,
    benign_variants: usize,
    benign_alarms: usize,
    misses: Vec<String>,
    alarms: Vec<String>,
}

impl Row {
    fn clean_recall(&self) -> f64 {
        ratio(self.clean_hits, self.examples)
    }
    fn recall(&self) -> f64 {
        ratio(self.hits, self.variants)
    }
    fn retained(&self) -> f64 {
        if self.clean_hits == 0 {
            return f64::NAN;
        }
        self.recall() / self.clean_recall()
    }
    fn fa_clean(&self) -> f64 {
        100.0 * ratio(self.benign_clean_alarms, self.benign)
    }
    fn fa(&self) -> f64 {
        100.0 * ratio(self.benign_alarms, self.benign_variants)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        f64::NAN
    } else {
        a as f64 / b as f64
    }
}

fn fires(screener: &Screener, text: &str, scope: Scope, rule: Option<&str>) -> bool {
    let screening = screener.screen(text, scope);
    match rule {
        Some(rule) => screening.findings().iter().any(|f| f.rule() == rule),
        None => !screening.findings().is_empty(),
    }
}

fn measure(screener: &Screener, family: &Family, examples: &[Example], benign: &[Benign]) -> Row {
    let mut row = Row::default();
    let normalizer = screener.normalizer();
    for example in examples {
        let screening = screener.screen(&example.text, example.scope);
        let spans: Vec<_> =
            screening.findings().iter().filter(|f| f.rule() == example.rule).map(|f| f.bytes()).collect();
        let clean_hit = !spans.is_empty();
        let tokens = tokenize(&example.text);
        // The words that carry the match; all words if the clean text is missed.
        let carries = |i: usize| {
            let range = &tokens.ranges[i];
            !clean_hit || spans.iter().any(|s| s.start < range.end && range.start < s.end)
        };
        let mut counted = 0;
        for variant in 0..VARIANTS {
            let mut rng = Rng::new(&[family.name, &example.rule, &example.text, &variant.to_string()]);
            let text = perturb(family, &tokens, carries, &mut rng);
            if text == example.text {
                continue;
            }
            counted += 1;
            if fires(screener, &text, example.scope, Some(&example.rule)) {
                row.hits += 1;
            } else if row.misses.len() < SHOW {
                row.misses.push(format!("{}: {text:?} → {:?}", example.rule, normalizer.fold(&text)));
            }
        }
        if counted > 0 {
            row.examples += 1;
            row.variants += counted;
            row.clean_hits += usize::from(clean_hit);
        }
    }
    for item in benign {
        let tokens = tokenize(&item.text);
        let clean_alarm = fires(screener, &item.text, item.scope, item.rule.as_deref());
        let mut counted = 0;
        for variant in 0..VARIANTS {
            let mut rng = Rng::new(&[family.name, "benign", &item.text, &variant.to_string()]);
            let all: Vec<usize> = (0..tokens.words.len()).collect();
            let half = rng.subset(&all, 0.5);
            let text = perturb(family, &tokens, |i| half.contains(&i), &mut rng);
            if text == item.text {
                continue;
            }
            counted += 1;
            if fires(screener, &text, item.scope, item.rule.as_deref()) {
                row.benign_alarms += 1;
                if !clean_alarm && row.alarms.len() < SHOW {
                    let rule = item.rule.as_deref().unwrap_or("(benign sentence)");
                    row.alarms.push(format!("{rule}: {text:?} → {:?}", normalizer.fold(&text)));
                }
            }
        }
        if counted > 0 {
            row.benign += 1;
            row.benign_variants += counted;
            row.benign_clean_alarms += usize::from(clean_alarm);
        }
    }
    row
}

fn goal(family: &Family) -> f64 {
    if family.is_combination() {
        GOAL_COMBINATION
    } else {
        GOAL_SINGLE
    }
}

#[test]
fn evasion_families_keep_recall_without_false_alarms() {
    for gap in KNOWN_GAPS {
        assert!(FAMILIES.iter().any(|f| f.name == gap.family), "KNOWN_GAPS names no family {:?}", gap.family);
    }
    let screener = Screener::with_defaults();
    let (examples, benign) = corpus();
    let mut table = String::new();
    let mut details = String::new();
    let mut failures = Vec::new();
    let _ = writeln!(
        table,
        "| family | examples (variants) | clean recall | perturbed recall | retained | goal | benign (variants) | \
         false alarms clean → perturbed | increase (points) | status |"
    );
    let _ = writeln!(table, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for family in FAMILIES {
        let row = measure(&screener, family, &examples, &benign);
        let gap = KNOWN_GAPS.iter().find(|gap| gap.family == family.name);
        let floor = gap.map_or(goal(family), |gap| gap.retained_floor);
        let ceiling = gap.map_or(GOAL_FALSE_ALARM_POINTS, |gap| gap.false_alarm_ceiling);
        let retained = row.retained();
        let increase = row.fa() - row.fa_clean();
        let met = retained >= goal(family) && increase <= GOAL_FALSE_ALARM_POINTS;
        let status = match (met, gap) {
            (true, _) => "met".to_owned(),
            (false, Some(_)) => "**known gap**".to_owned(),
            (false, None) => "**not met**".to_owned(),
        };
        let _ = writeln!(
            table,
            "| {} | {} ({}) | {:.3} | {:.3} | **{:.3}** | ≥ {:.2} | {} ({}) | {:.2}% → {:.2}% | {:+.2} | {status} |",
            family.name,
            row.examples,
            row.variants,
            row.clean_recall(),
            row.recall(),
            retained,
            goal(family),
            row.benign,
            row.benign_variants,
            row.fa_clean(),
            row.fa(),
            increase,
        );
        if row.examples == 0 {
            failures.push(format!("{}: no example to apply it to", family.name));
        } else if retained.is_nan() || retained < floor {
            failures.push(format!("{}: retained recall {retained:.3} < {floor:.2}", family.name));
        }
        if increase.is_nan() || increase > ceiling {
            failures.push(format!("{}: false alarms up {increase:.2} points > {ceiling:.1}", family.name));
        }
        if met && gap.is_some() {
            let _ = writeln!(details, "note: {} now meets its goals; take it out of KNOWN_GAPS", family.name);
        }
        let misses = row.misses.iter().map(|m| format!("missed: {m}"));
        for line in misses.chain(row.alarms.iter().map(|a| format!("false alarm: {a}"))) {
            let _ = writeln!(details, "{}: {line}", family.name);
        }
    }
    println!("\n{table}");
    for gap in KNOWN_GAPS {
        println!(
            "known gap: {} (floor {:.2}, false alarms at most +{:.1} points): {}",
            gap.family, gap.retained_floor, gap.false_alarm_ceiling, gap.why
        );
    }
    println!("{details}");
    assert!(failures.is_empty(), "robustness goals not met:\n{}\n\n{table}\n{details}", failures.join("\n"));
}

/// The generator is deterministic: the same seed gives the same variant, and every family
/// changes a word it applies to.
#[test]
fn families_are_deterministic_and_change_their_words() {
    for family in FAMILIES {
        let text = match family.script {
            Script::Latin => "ayo bergabung sekarang dengan kafilah-kafilah mujahidin, jangan tunda hijrahnya",
            Script::Arabic => "الدولة الاسلامية باقية وتتمدد",
        };
        let tokens = tokenize(text);
        let run = |variant: &str| perturb(family, &tokens, |_| true, &mut Rng::new(&[family.name, variant]));
        assert_eq!(run("0"), run("0"), "{}", family.name);
        assert_ne!(run("0"), text, "{} changed nothing", family.name);
    }
}
