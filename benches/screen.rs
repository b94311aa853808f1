//! The native benchmark: how fast saring screens, against the limit of one plain DFA pass.
//!
//! `cargo bench --bench screen` runs the criterion groups, then prints a summary table measured
//! in the same process; `cargo bench --bench screen -- --summary-only` prints the table alone.
//! See `benches/README.md` for what each row measures and the goals. Times are reported, never
//! asserted.

mod corpus;
mod hostile;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput};
use saring::normalize::{Folded, Normalizer};
use saring::{RulePack, Scope, Screener};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Phrase-set sizes.
const SETS: [usize; 3] = [100, 1_000, 10_000];
/// Seed of the batch of posts.
const BATCH_SEED: u64 = 2017;
/// Seed of the single long post.
const POST_SEED: u64 = 4096;
/// Bytes of posts in the batch (1 MB).
const BATCH_BYTES: usize = 1_000_000;
/// Characters in the single post (Telegram's limit).
const POST_CHARS: usize = 4096;
/// Timed runs per variant in the summary (the median is reported).
const SUMMARY_ROUNDS: usize = 15;
/// Timed builds at 10,000 phrases in the summary.
const BUILD_ROUNDS: usize = 5;

// Goals (see benches/README.md). Reported as met or not met, never asserted.
const GOAL_SCREEN_RATIO: f64 = 0.45;
const GOAL_SCREEN_RATIO_FROM: usize = 1_000;
const GOAL_NORMALIZE_COST: f64 = 1.5;
const GOAL_BUILD_MS: f64 = 150.0;

/// Texts in two forms: as posted, and lowercased for the plain DFA.
struct Texts {
    original: Vec<String>,
    lowercase: Vec<String>,
    bytes: usize,
}

impl Texts {
    fn new(original: Vec<String>) -> Texts {
        let lowercase = original.iter().map(|t| t.to_lowercase()).collect();
        let bytes = original.iter().map(String::len).sum();
        Texts { original, lowercase, bytes }
    }
}

/// Everything one phrase-set size needs, built once.
struct Set {
    phrases: usize,
    pack: RulePack,
    raw: AhoCorasick,
    screener: Screener,
}

impl Set {
    fn new(phrases: usize) -> Set {
        let list = corpus::phrases(phrases);
        let pack = RulePack::from_toml(&corpus::pack_toml(&list)).expect("the generated pack is valid");
        let lowercase: Vec<String> = list.iter().map(|p| p.to_lowercase()).collect();
        let raw = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&lowercase)
            .expect("the phrases fit a DFA");
        let screener = build(&pack);
        Set { phrases, pack, raw, screener }
    }
}

struct Fixture {
    post: Texts,
    batch: Texts,
    stats: corpus::Stats,
    sets: Vec<Set>,
}

impl Fixture {
    fn new() -> Fixture {
        let (batch, stats) = corpus::posts_with_stats(BATCH_SEED, BATCH_BYTES);
        Fixture {
            post: Texts::new(vec![corpus::post_of_len(POST_SEED, POST_CHARS)]),
            batch: Texts::new(batch),
            stats,
            sets: SETS.iter().map(|&n| Set::new(n)).collect(),
        }
    }
}

fn build(pack: &RulePack) -> Screener {
    Screener::builder().pack(pack.clone()).build().expect("the generated pack builds")
}

/// Plain DFA over pre-lowercased texts: the number of (overlapping) matches.
fn raw_dfa(automaton: &AhoCorasick, texts: &[String]) -> usize {
    texts.iter().map(|text| automaton.find_overlapping_iter(text.as_str()).count()).sum()
}

/// Folds every text into one reused buffer: the folded bytes in all.
fn normalize(normalizer: &Normalizer, texts: &[String], folded: &mut Folded) -> usize {
    texts
        .iter()
        .map(|text| {
            normalizer.fold_into(text, folded);
            folded.len()
        })
        .sum()
}

/// Screens every text: the number of findings.
fn screen(screener: &Screener, texts: &[String]) -> usize {
    texts.iter().map(|text| screener.screen(text, Scope::Public).findings().len()).sum()
}

fn criterion_groups(c: &mut Criterion, fixture: &Fixture) {
    let inputs = [("post_4096_chars", &fixture.post), ("batch_1mb", &fixture.batch)];

    let mut group = c.benchmark_group("raw_dfa");
    group.sampling_mode(SamplingMode::Flat);
    for set in &fixture.sets {
        for (name, texts) in inputs {
            group.throughput(Throughput::Bytes(texts.bytes as u64));
            group.bench_with_input(BenchmarkId::new(name, set.phrases), texts, |b, texts| {
                b.iter(|| raw_dfa(&set.raw, black_box(&texts.lowercase)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("normalize");
    group.sampling_mode(SamplingMode::Flat);
    let normalizer = Normalizer::default();
    let mut folded = Folded::default();
    for (name, texts) in inputs {
        group.throughput(Throughput::Bytes(texts.bytes as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), texts, |b, texts| {
            b.iter(|| normalize(&normalizer, black_box(&texts.original), &mut folded))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("screen");
    group.sampling_mode(SamplingMode::Flat);
    for set in &fixture.sets {
        for (name, texts) in inputs {
            group.throughput(Throughput::Bytes(texts.bytes as u64));
            group.bench_with_input(BenchmarkId::new(name, set.phrases), texts, |b, texts| {
                b.iter(|| screen(&set.screener, black_box(&texts.original)))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("build");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for set in &fixture.sets {
        group.throughput(Throughput::Elements(set.phrases as u64));
        group.bench_with_input(BenchmarkId::from_parameter(set.phrases), &set.pack, |b, pack| {
            b.iter_batched(
                || Screener::builder().pack(pack.clone()),
                |builder| builder.build().expect("the generated pack builds"),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

/// Times one run of `run`, keeping what it returned.
fn timed<T>(run: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let result = black_box(run());
    (start.elapsed(), result)
}

fn median_of(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// One row of the summary: medians of the timed runs, and what the runs found.
struct Row {
    phrases: usize,
    automaton: &'static str,
    raw: Duration,
    normalize: Duration,
    screen: Duration,
    build: Duration,
    raw_matches: usize,
    findings: usize,
}

fn summary(fixture: &Fixture) {
    let batch = &fixture.batch;
    let normalizer = Normalizer::default();
    let mut folded = Folded::default();
    let sets = &fixture.sets;
    // Rounds, each timing every variant once, so that load from other processes falls on all
    // variants alike; round 0 warms up and is not counted. Folding does not depend on the
    // phrases: it is timed once per round and shown on every row.
    let mut normalize_times = Vec::new();
    let mut raw_times = vec![Vec::new(); sets.len()];
    let mut screen_times = vec![Vec::new(); sets.len()];
    let mut raw_matches = vec![0; sets.len()];
    let mut findings = vec![0; sets.len()];
    for round in 0..=SUMMARY_ROUNDS {
        let (time, _) = timed(|| normalize(&normalizer, &batch.original, &mut folded));
        if round > 0 {
            normalize_times.push(time);
        }
        for (i, set) in sets.iter().enumerate() {
            let (raw, matches) = timed(|| raw_dfa(&set.raw, &batch.lowercase));
            let (screened, found) = timed(|| screen(&set.screener, &batch.original));
            raw_matches[i] = matches;
            findings[i] = found;
            if round > 0 {
                raw_times[i].push(raw);
                screen_times[i].push(screened);
            }
        }
    }
    let normalize_time = median_of(normalize_times);
    let rows: Vec<Row> = sets
        .iter()
        .enumerate()
        .map(|(i, set)| {
            let rounds = if set.phrases >= 10_000 { BUILD_ROUNDS } else { SUMMARY_ROUNDS };
            let builds = (0..=rounds)
                .map(|_| {
                    let builder = Screener::builder().pack(set.pack.clone());
                    timed(|| builder.build().expect("the generated pack builds")).0
                })
                .skip(1)
                .collect();
            Row {
                phrases: set.phrases,
                automaton: set.screener.automaton(),
                raw: median_of(std::mem::take(&mut raw_times[i])),
                normalize: normalize_time,
                screen: median_of(std::mem::take(&mut screen_times[i])),
                build: median_of(builds),
                raw_matches: raw_matches[i],
                findings: findings[i],
            }
        })
        .collect();

    let mb = batch.bytes as f64 / 1e6;
    let rate = |time: Duration| mb / time.as_secs_f64();
    let stats = &fixture.stats;
    println!();
    println!("saring screening summary (MB = 10^6 bytes; median of {SUMMARY_ROUNDS} interleaved runs; criterion prints MiB/s)");
    println!(
        "batch: {} posts, {} bytes; per MB: {:.0} phrases injected ({:.0}% of them evaded), {:.0} of {:.0} words evaded",
        stats.posts,
        batch.bytes,
        stats.injected as f64 / mb,
        100.0 * stats.injected_evaded as f64 / stats.injected.max(1) as f64,
        stats.evaded_words as f64 / mb,
        stats.words as f64 / mb,
    );
    println!();
    println!(
        "{:>8} {:>9} {:>12} {:>14} {:>11} {:>14} {:>17} {:>9} {:>14} {:>11}",
        "phrases",
        "automaton",
        "raw_dfa MB/s",
        "normalize MB/s",
        "screen MB/s",
        "screen/raw_dfa",
        "normalize/raw_dfa",
        "build ms",
        "raw matches/MB",
        "findings/MB"
    );
    for row in &rows {
        println!(
            "{:>8} {:>9} {:>12.1} {:>14.1} {:>11.1} {:>14.2} {:>17.2} {:>9.1} {:>14.0} {:>11.0}",
            row.phrases,
            row.automaton,
            rate(row.raw),
            rate(row.normalize),
            rate(row.screen),
            row.raw.as_secs_f64() / row.screen.as_secs_f64(),
            row.normalize.as_secs_f64() / row.raw.as_secs_f64(),
            row.build.as_secs_f64() * 1e3,
            row.raw_matches as f64 / mb,
            row.findings as f64 / mb,
        );
    }
    println!();
    println!("goals (reported, never asserted):");
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    for row in rows.iter().filter(|row| row.phrases >= GOAL_SCREEN_RATIO_FROM) {
        let ratio = row.raw.as_secs_f64() / row.screen.as_secs_f64();
        println!(
            "  screen / raw_dfa throughput >= {GOAL_SCREEN_RATIO} at {} phrases: {ratio:.2} — {}",
            row.phrases,
            verdict(ratio >= GOAL_SCREEN_RATIO)
        );
    }
    for row in &rows {
        let cost = row.normalize.as_secs_f64() / row.raw.as_secs_f64();
        println!(
            "  normalize cost / raw_dfa cost <= {GOAL_NORMALIZE_COST} at {} phrases: {cost:.2} — {}",
            row.phrases,
            verdict(cost <= GOAL_NORMALIZE_COST)
        );
    }
    if let Some(row) = rows.iter().find(|row| row.phrases == 10_000) {
        let ms = row.build.as_secs_f64() * 1e3;
        println!("  build at 10,000 phrases <= {GOAL_BUILD_MS} ms: {ms:.1} ms — {}", verdict(ms <= GOAL_BUILD_MS));
    }
    hostile::print_curve();
}

/// Writes the corpus of this benchmark to `dir`, for benchmarks outside Rust (`bench/peers.mjs`):
/// `posts.jsonl` (the 1 MB batch, one `{"id":…,"text":…}` per line, as `saring scan --jsonl`
/// reads), `post-4096.jsonl` (the single post), `phrases-<n>.txt` (one phrase a line) and
/// `corpus.json` (seeds and what was injected).
fn write_corpus(dir: &std::path::Path) -> std::io::Result<()> {
    use std::fmt::Write as _;
    fn jsonl(prefix: &str, texts: &[String]) -> String {
        let mut out = String::new();
        for (i, text) in texts.iter().enumerate() {
            let line = serde_json::json!({ "id": format!("{prefix}-{:05}", i + 1), "text": text });
            writeln!(out, "{line}").expect("writing to a String");
        }
        out
    }
    std::fs::create_dir_all(dir)?;
    let (batch, stats) = corpus::posts_with_stats(BATCH_SEED, BATCH_BYTES);
    std::fs::write(dir.join("posts.jsonl"), jsonl("batch", &batch))?;
    std::fs::write(dir.join("post-4096.jsonl"), jsonl("post", &[corpus::post_of_len(POST_SEED, POST_CHARS)]))?;
    for n in SETS {
        let mut text = corpus::phrases(n).join("\n");
        text.push('\n');
        std::fs::write(dir.join(format!("phrases-{n}.txt")), text)?;
    }
    let meta = serde_json::json!({
        "generator": "benches/corpus/mod.rs",
        "batch_seed": BATCH_SEED,
        "batch_bytes": BATCH_BYTES,
        "post_seed": POST_SEED,
        "post_chars": POST_CHARS,
        "posts": stats.posts,
        "bytes": stats.bytes,
        "words": stats.words,
        "evaded_words": stats.evaded_words,
        "injected": stats.injected,
        "injected_evaded": stats.injected_evaded,
    });
    std::fs::write(dir.join("corpus.json"), format!("{}\n", serde_json::to_string_pretty(&meta).expect("JSON")))?;
    println!("wrote the corpus ({} posts, {} bytes of text) to {}", stats.posts, stats.bytes, dir.display());
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let has = |flag: &str| args.iter().any(|arg| arg == flag);
    let summary_only = has("--summary-only");
    // Criterion's own rule: without `--bench` (as under `cargo test --benches`) or with
    // `--test`, it runs each benchmark once as a test; `--list` only lists them.
    let quick = !has("--bench") || has("--test") || has("--list");
    if let Some(at) = args.iter().position(|arg| arg == "--write-corpus") {
        let dir = args.get(at + 1).expect("--write-corpus takes a directory");
        if let Err(error) = write_corpus(std::path::Path::new(dir)) {
            eprintln!("--write-corpus {dir}: {error}");
            std::process::exit(1);
        }
        return;
    }

    let fixture = Fixture::new();
    if !summary_only {
        let mut criterion = Criterion::default()
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3))
            .sample_size(20)
            .configure_from_args();
        criterion_groups(&mut criterion, &fixture);
        criterion.final_summary();
    }
    if summary_only || !quick {
        summary(&fixture);
    }
}
