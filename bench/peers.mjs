// saring next to its JavaScript peers, in one Node process, on the native benchmark's corpus:
// the npm package (`screen` one post per call, and `screenMany` in batches), `obscenity`
// (RegExpMatcher with its recommended English transformers) and `ahocorasick` (lowercasing
// only), each with the same 100 / 1,000 / 10,000 phrases. Prints Markdown tables; asserts
// nothing (wall-clock numbers are reported, never asserted).
//
//   make npm && node bench/peers.mjs [--data DIR] [--rounds N] [--samples N] [--budget-ms MS]
//
// --data       corpus directory: bench/data (committed; default) or target/bench-corpus, as
//              written by `cargo bench --bench screen -- --write-corpus DIR`
// --rounds     timed passes over the 1 MB batch per engine (median reported; default 7)
// --samples    timed screenings of the 4,096-character post per engine (default 400)
// --budget-ms  longest time one engine may take for one pass over the batch, or for all its
//              latency samples; a slower engine measures a prefix of the batch or fewer
//              samples instead, and the output says so (default 1500)
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import init, { Screener } from "../npm/dist/saring.js";
import initWasm from "../npm/dist/saring_wasm.js";

// ---------------------------------------------------------------------------------------------
// Options, corpus, peers

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

const dataDir = option("--data")
  ? pathToFileURL(resolve(option("--data")) + "/")
  : new URL("data/", import.meta.url);
const ROUNDS = Number(option("--rounds", 7));
const SAMPLES = Number(option("--samples", 400));
const BUDGET_MS = Number(option("--budget-ms", 1500));
const SETS = [100, 1_000, 10_000];
const BATCH_SIZE = 100; // posts per screenMany call
const LATENCY_BLOCK = 25; // consecutive latency samples of one engine

const npmRequire = createRequire(new URL("../npm/package.json", import.meta.url));
let obscenity, AhoCorasick;
try {
  obscenity = npmRequire("obscenity");
  AhoCorasick = npmRequire("ahocorasick");
} catch {
  console.error("bench/peers.mjs: obscenity or ahocorasick is missing; run `cd npm && npm install`");
  process.exit(1);
}
const { DataSet, RegExpMatcher, parseRawPattern, englishRecommendedTransformers } = obscenity;

function readJsonl(url) {
  return readFileSync(url, "utf8")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line).text);
}

const postsFile = ["posts.jsonl", "sample-1mb.jsonl"].map((f) => new URL(f, dataDir)).find((url) => existsSync(url));
if (!postsFile) {
  console.error(`bench/peers.mjs: no posts.jsonl or sample-1mb.jsonl in ${dataDir.pathname}`);
  process.exit(1);
}
const posts = readJsonl(postsFile);
const longPost = readJsonl(new URL("post-4096.jsonl", dataDir))[0];
const phrases = Object.fromEntries(
  SETS.map((n) => [n, readFileSync(new URL(`phrases-${n}.txt`, dataDir), "utf8").split("\n").filter(Boolean)]),
);
const meta = JSON.parse(readFileSync(new URL("corpus.json", dataDir), "utf8"));
const postBytes = posts.map((text) => Buffer.byteLength(text, "utf8"));
const totalBytes = postBytes.reduce((a, b) => a + b, 0);

// Heap figures need a full collection before and after; expose `gc` without a command-line flag.
setFlagsFromString("--expose-gc");
const gc = globalThis.gc ?? runInNewContext("gc");

await init();
// The same module instance the facade uses (ES modules are cached), so its linear memory.
const wasmMemory = (await initWasm())?.memory;
const wasmBytes = () => (wasmMemory instanceof WebAssembly.Memory ? wasmMemory.buffer.byteLength : NaN);

// ---------------------------------------------------------------------------------------------
// Building each engine

/** The rule pack of benches/corpus `pack_toml`: rules of at most 100 `any` phrases. */
function packToml(list) {
  let toml = `[pack]\nname = "bench"\nversion = "1.0.0"\n`;
  for (let i = 0; i < list.length; i += 100) {
    const id = `bench.r${String(i / 100).padStart(4, "0")}`;
    toml += `\n[[rule]]\nid = "${id}"\ncategory = "other"\nseverity = "review"\nany = ${JSON.stringify(list.slice(i, i + 100))}\n`;
  }
  return toml;
}

// obscenity matches patterns against the *transformed* text, and its recommended transformers
// collapse repeated letters (`scatter` becomes `scater`), so a pattern must be written in that
// transformed form or it never matches. Each phrase goes through the same transformers first
// (`applyTransformers` is the matcher's own routine; not public API, hence the fallback).
// `|…|` asks for word boundaries at both ends, as saring does; spaces inside a phrase are
// literal (obscenity's recommended transformers keep one space and do not skip it).
const transformer = new RegExpMatcher({ blacklistedTerms: [], ...englishRecommendedTransformers });
function obscenityForm(phrase) {
  if (typeof transformer.applyTransformers === "function") {
    return transformer.applyTransformers(phrase, transformer.blacklistMatcherTransformers)[1];
  }
  return phrase.replace(/(.)\1+/g, (run, c) => ("beolsg".includes(c) ? c.repeat(Math.min(2, run.length)) : c));
}

const ENGINES = {
  saring: {
    build: (list) => Screener.fromPacks([packToml(list)]),
    free: (screener) => screener.free(),
  },
  obscenity: {
    build(list) {
      const dataset = new DataSet();
      for (const phrase of list) {
        const escaped = obscenityForm(phrase).replace(/[\\[\]?|]/g, "\\$&");
        dataset.addPhrase((p) => p.setMetadata({ originalWord: phrase }).addPattern(parseRawPattern(`|${escaped}|`)));
      }
      return new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers });
    },
  },
  ahocorasick: {
    build: (list) => new AhoCorasick(list.map((p) => p.toLowerCase())),
  },
};

// What each contender does to one text, returning the number of matches; `screenMany` takes a batch.
function contenders(built) {
  return {
    "saring screen": { one: (text) => built.saring.screen(text).findings.length },
    "saring screenMany": {
      many: (texts) => {
        let n = 0;
        for (const s of built.saring.screenMany(texts)) n += s.findings.length;
        return n;
      },
    },
    obscenity: { one: (text) => built.obscenity.getAllMatches(text).length },
    ahocorasick: {
      one: (text) => {
        let n = 0;
        for (const [, found] of built.ahocorasick.search(text.toLowerCase())) n += found.length;
        return n;
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Screens posts[0..count): the number of matches. */
function pass(contender, count) {
  let matches = 0;
  if (contender.many) {
    for (let i = 0; i < count; i += BATCH_SIZE) matches += contender.many(posts.slice(i, Math.min(count, i + BATCH_SIZE)));
  } else {
    for (let i = 0; i < count; i++) matches += contender.one(posts[i]);
  }
  return matches;
}

/** How many leading posts one pass may take to stay within the budget, from a timed probe. */
function postsWithinBudget(contender) {
  let count = 20;
  let bytes = 0;
  for (let i = 0; i < count; i++) bytes += postBytes[i];
  const started = performance.now();
  pass(contender, count);
  const msPerByte = (performance.now() - started) / bytes;
  if (msPerByte * totalBytes <= BUDGET_MS) return posts.length;
  let budgetBytes = BUDGET_MS / msPerByte;
  for (count = 0; count < posts.length && budgetBytes > 0; count++) budgetBytes -= postBytes[count];
  return Math.max(count, 20);
}

function buildMeasured(name, list) {
  const engine = ENGINES[name];
  // Memory: one build kept alive, with a full collection on both sides.
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const wasmBefore = wasmBytes();
  const kept = engine.build(list);
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const wasm = name === "saring" ? wasmBytes() - wasmBefore : NaN;
  // Time: the median of three more builds, thrown away.
  const times = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const built = engine.build(list);
    times.push(performance.now() - started);
    engine.free?.(built);
  }
  return { built: kept, ms: median(times), heap, wasm };
}

const results = [];
for (const n of SETS) {
  const list = phrases[n];
  const builds = {};
  const built = {};
  // Build order rotated too, so no engine always builds on a freshly collected heap.
  const names = Object.keys(ENGINES);
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + SETS.indexOf(n)) % names.length];
    builds[name] = buildMeasured(name, list);
    built[name] = builds[name].built;
  }
  const cs = contenders(built);
  const names4 = Object.keys(cs);

  // Warm up (obscenity compiles its regular expressions lazily, on first use), then size the runs.
  const limit = {};
  for (const name of names4) {
    pass(cs[name], Math.min(posts.length, 50));
    limit[name] = postsWithinBudget(cs[name]);
  }

  // Throughput: rounds over the batch, the order of the contenders rotated every round.
  const mbps = Object.fromEntries(names4.map((name) => [name, []]));
  const matches = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < names4.length; i++) {
      const name = names4[(i + round) % names4.length];
      const started = performance.now();
      const found = pass(cs[name], limit[name]);
      const seconds = (performance.now() - started) / 1000;
      const bytes = postBytes.slice(0, limit[name]).reduce((a, b) => a + b, 0);
      mbps[name].push(bytes / 1e6 / seconds);
      matches[name] = found / (bytes / 1e6);
    }
  }

  // Latency: one 4,096-character post per call, interleaved, within the budget per engine.
  const single = names4.filter((name) => cs[name].one);
  const samples = {};
  const wanted = {};
  for (const name of single) {
    for (let i = 0; i < 5; i++) cs[name].one(longPost);
    const started = performance.now();
    for (let i = 0; i < 5; i++) cs[name].one(longPost);
    const each = (performance.now() - started) / 5;
    wanted[name] = Math.max(20, Math.min(SAMPLES, Math.floor(BUDGET_MS / each)));
    samples[name] = [];
  }
  // Blocks of consecutive calls, so one engine's garbage and cache misses land mostly on itself.
  for (let block = 0; block * LATENCY_BLOCK < SAMPLES; block++) {
    for (let j = 0; j < single.length; j++) {
      const name = single[(block + j) % single.length];
      for (let k = 0; k < LATENCY_BLOCK && samples[name].length < wanted[name]; k++) {
        const started = performance.now();
        cs[name].one(longPost);
        samples[name].push((performance.now() - started) * 1000);
      }
    }
  }

  // Matches on a capped engine's prefix, for every contender, so the counts compare.
  const prefix = Math.min(...Object.values(limit));
  const prefixMatches = {};
  if (prefix < posts.length) {
    const bytes = postBytes.slice(0, prefix).reduce((a, b) => a + b, 0);
    for (const name of names4) prefixMatches[name] = pass(cs[name], prefix) / (bytes / 1e6);
  }

  results.push({
    n,
    prefix,
    prefixMatches,
    automaton: built.saring.automaton,
    automatonBytes: built.saring.automatonBytes,
    builds,
    mbps: Object.fromEntries(names4.map((name) => [name, median(mbps[name])])),
    matches,
    limit,
    latency: Object.fromEntries(
      single.map((name) => {
        const sorted = samples[name].sort((a, b) => a - b);
        return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: sorted.length }];
      }),
    ),
  });
  ENGINES.saring.free(built.saring);
}

// ---------------------------------------------------------------------------------------------
// Report

const pkg = (name) => JSON.parse(readFileSync(new URL(`../npm/node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
const saringVersion = JSON.parse(readFileSync(new URL("../npm/package.json", import.meta.url), "utf8")).version;
const cpus = os.cpus();
const fmt = (x, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "n/a";
const mb = (bytes) =>
  !Number.isFinite(bytes) ? "n/a" : bytes < 0.1 * 2 ** 20 ? "< 0.1 MiB" : `${fmt(bytes / 2 ** 20, 1)} MiB`;
const rate = (x) => fmt(x, x < 1 ? 3 : x < 10 ? 2 : x < 100 ? 1 : 0);
const ratio = (x) => (x >= 100 ? fmt(x, 0) : x >= 10 ? fmt(x, 1) : fmt(x, 2));
const GOALS = {
  obscenity: { 100: 30, 1000: 100, 10000: 600 },
  ahocorasick: { 1000: 8, 10000: 8 },
};

console.log(`## saring next to obscenity and ahocorasick (Node)\n`);
console.log(
  `machine: ${cpus[0]?.model ?? "unknown"}, ${cpus.length} cores, ${os.platform()} ${os.arch()}; ` +
    `node ${process.versions.node} (V8 ${process.versions.v8}); saring ${saringVersion} (wasm), ` +
    `obscenity ${pkg("obscenity")}, ahocorasick ${pkg("ahocorasick")}; ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `corpus: ${postsFile.pathname.replace(process.cwd() + "/", "")}, ${posts.length} posts, ` +
    `${fmt(totalBytes)} bytes of text (MB = 10⁶ bytes), ${meta.injected} phrases injected ` +
    `(${meta.injected_evaded} of them evaded); median of ${ROUNDS} interleaved rounds; ` +
    `\`screenMany\` in batches of ${BATCH_SIZE}\n`,
);

console.log("| phrases | saring `screen` MB/s | saring `screenMany` MB/s | obscenity MB/s | ahocorasick MB/s | saring ÷ obscenity | saring ÷ ahocorasick |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const vsO = r.mbps["saring screen"] / r.mbps.obscenity;
  const vsA = r.mbps["saring screen"] / r.mbps.ahocorasick;
  const goalO = GOALS.obscenity[r.n] ? ` (goal ≥ ${GOALS.obscenity[r.n]})` : "";
  const goalA = GOALS.ahocorasick[r.n] ? ` (goal ≥ ${GOALS.ahocorasick[r.n]})` : "";
  const capped = r.limit.obscenity < posts.length ? "*" : "";
  console.log(
    `| ${fmt(r.n)} | ${rate(r.mbps["saring screen"])} | ${rate(r.mbps["saring screenMany"])} | ` +
      `${rate(r.mbps.obscenity)}${capped} | ${rate(r.mbps.ahocorasick)} | ${ratio(vsO)}×${goalO} | ${ratio(vsA)}×${goalA} |`,
  );
}
for (const r of results) {
  for (const [name, count] of Object.entries(r.limit)) {
    if (count < posts.length) {
      const bytes = postBytes.slice(0, count).reduce((a, b) => a + b, 0);
      console.log(
        `\n\\* ${name} at ${fmt(r.n)} phrases: too slow for the whole batch within ${BUDGET_MS} ms a pass, ` +
          `so each round measured the first ${count} posts (${fmt(bytes / 1000)} KB) instead.`,
      );
    }
  }
}

console.log(`\nOne 4,096-character post per call (µs; ${SAMPLES} samples in interleaved blocks of ${LATENCY_BLOCK}):\n`);
console.log("| phrases | saring `screen` p50 / p99 | obscenity p50 / p99 | ahocorasick p50 / p99 |");
console.log("| ---: | ---: | ---: | ---: |");
for (const r of results) {
  const cell = (name) => {
    const l = r.latency[name];
    const note = l.count < SAMPLES ? ` (${l.count} samples)` : "";
    return `${rate(l.p50)} / ${rate(l.p99)}${note}`;
  };
  console.log(`| ${fmt(r.n)} | ${cell("saring screen")} | ${cell("obscenity")} | ${cell("ahocorasick")} |`);
}

console.log("\nBuilding (median of 3 builds; memory of one build kept alive, after a full collection):\n");
console.log("| phrases | saring build | saring automaton held | saring wasm memory growth | saring JS heap | obscenity build | obscenity JS heap | ahocorasick build | ahocorasick JS heap |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const b = r.builds;
  console.log(
    `| ${fmt(r.n)} | ${fmt(b.saring.ms, 1)} ms (${r.automaton}) | ${mb(r.automatonBytes)} | ${mb(b.saring.wasm)} | ${mb(b.saring.heap)} | ` +
      `${fmt(b.obscenity.ms, 1)} ms | ${mb(b.obscenity.heap)} | ${fmt(b.ahocorasick.ms, 1)} ms | ${mb(b.ahocorasick.heap)} |`,
  );
}
console.log(
  `\n"automaton held" is what the screener keeps; "wasm memory growth" is the peak of building it (the ` +
    `trie it is made from too), since linear memory grows and never shrinks. ` +
    `wasm linear memory at the end: ${mb(wasmBytes())} (n/a if not reachable).`,
);

const injectedPerMb = meta.injected / (meta.bytes / 1e6);
console.log(`\nMatches per MB (${fmt(injectedPerMb)} phrases injected per MB, ${fmt((meta.injected_evaded / meta.bytes) * 1e6)} of them evaded):\n`);
console.log("| phrases | saring findings | obscenity matches | ahocorasick matches |");
console.log("| ---: | ---: | ---: | ---: |");
for (const r of results) {
  const cell = (name) => {
    const full = r.limit[name] === posts.length;
    return full ? fmt(r.matches[name]) : `${fmt(r.matches[name])}*`;
  };
  console.log(
    `| ${fmt(r.n)} | ${cell("saring screen")} (\`screenMany\` ${cell("saring screenMany")}) | ` +
      `${cell("obscenity")} | ${cell("ahocorasick")} |`,
  );
}
for (const r of results) {
  if (r.prefix === posts.length) continue;
  const kb = fmt(postBytes.slice(0, r.prefix).reduce((a, b) => a + b, 0) / 1000);
  console.log(
    `\n\\* at ${fmt(r.n)} phrases, counted on the first ${r.prefix} posts (${kb} KB) only; on those posts ` +
      `saring finds ${fmt(r.prefixMatches["saring screen"])}, obscenity ${fmt(r.prefixMatches.obscenity)} and ` +
      `ahocorasick ${fmt(r.prefixMatches.ahocorasick)} per MB.`,
  );
}

console.log("\nGoals (reported, never asserted):");
for (const r of results) {
  for (const peer of ["obscenity", "ahocorasick"]) {
    const goal = GOALS[peer][r.n];
    if (!goal) continue;
    const x = r.mbps["saring screen"] / r.mbps[peer];
    console.log(`  saring \`screen\` ÷ ${peer} ≥ ${goal}× at ${fmt(r.n)} phrases: ${ratio(x)}× — ${x >= goal ? "met" : "NOT met"}`);
  }
}
