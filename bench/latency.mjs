// Latency of the npm package from Node (glue included): building a screener with the default
// packs, and screening one 4,096-character post against 100 / 1,000 / 10,000 phrases and the
// default packs.
// Prints medians and p99; asserts nothing (wall-clock numbers on a shared machine are noisy).
//
//   make npm && node bench/latency.mjs
//
// Last, a reference row: a plain JavaScript loop of the same median, to tell the machine's tail
// from the library's.
import { readFileSync } from "node:fs";
import init, { Screener } from "../npm/dist/saring.js";

await init();

/** A small deterministic PRNG (splitmix32) so every run screens the same text. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
  };
}

const SYLLABLES = "ka ri mu ba ng ta si lo pe du ra me ni ko sa tu ga je wi ha pa ma la na da".split(" ");
const WORDS = ("saya kamu dan yang di ke dari ini itu dengan untuk tidak ada akan sudah bisa orang hari rumah makan " +
  "jalan kerja pemerintah warga berita harga pasar sekolah anak kota desa banyak baru lama besar kecil").split(" ");

// Informal words the normalizer respells into formal ones (`kaga` is `tidak`): a phrase made of
// one matches the ordinary word it stands for, so it is skipped as ordinary words are.
const INFORMAL = new Set(
  readFileSync(new URL("../src/normalize/data/informal-id.tsv", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split("\t")[0]),
);

function phrases(count, random) {
  const out = new Set(["slot gacor", "maxwin", "baiat", "jihad", "bom bunuh diri"]);
  while (out.size < count) {
    const words = 1 + Math.floor(random() * 3);
    const phrase = [];
    for (let w = 0; w < words; w++) {
      let word = "";
      const syllables = 2 + Math.floor(random() * 2);
      for (let s = 0; s < syllables; s++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      phrase.push(word);
    }
    // Phrases that are ordinary words would match everywhere: skip them.
    if (!phrase.some((word) => WORDS.includes(word) || INFORMAL.has(word))) out.add(phrase.join(" "));
  }
  return [...out];
}

function post(chars, random, inject) {
  const words = [];
  let length = 0;
  while (length < chars) {
    // About one rule phrase per 100 words: a heavily flagged post (several findings).
    const word = random() < 0.01 ? inject[Math.floor(random() * inject.length)] : WORDS[Math.floor(random() * WORDS.length)];
    words.push(word);
    length += word.length + 1;
  }
  return words.join(" ").slice(0, chars);
}

function packToml(list) {
  let toml = `[pack]\nname = "bench"\nversion = "1.0.0"\n`;
  for (let i = 0; i < list.length; i += 100) {
    toml += `[[rule]]\nid = "bench.r${i}"\ncategory = "other"\nseverity = "review"\nany = ${JSON.stringify(list.slice(i, i + 100))}\n`;
  }
  return toml;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function time(fn, rounds) {
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return samples.sort((a, b) => a - b);
}

const build = time(() => Screener.withDefaults().free(), 30);
console.log(`Screener.withDefaults(): median ${(percentile(build, 50) / 1000).toFixed(2)} ms, p99 ${(percentile(build, 99) / 1000).toFixed(2)} ms`);

const random = prng(7);
const all = phrases(10_000, random);
const text = post(4096, prng(11), process.env.NO_FINDINGS ? ["x"] : all.slice(0, 100));
console.log(`post: ${text.length} UTF-16 units`);
console.log("phrases  build ms  automaton  screen p50 µs  screen p99 µs  findings");
// The generated packs, then the default packs (what users run: affixes, `all` groups, shapes).
let medianAt10000 = 25;
for (const count of [100, 1_000, 10_000, "defaults"]) {
  const started = process.hrtime.bigint();
  const screener = count === "defaults" ? Screener.withDefaults() : Screener.fromPacks([packToml(all.slice(0, count))]);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  for (let i = 0; i < 200; i++) screener.screen(text); // warm up
  const samples = time(() => screener.screen(text), 2000);
  const findings = screener.screen(text).findings.length;
  if (count === 10_000) medianAt10000 = percentile(samples, 50);
  console.log(
    `${String(count).padStart(7)}  ${buildMs.toFixed(1).padStart(8)}  ${screener.automaton.padStart(9)}  ` +
      `${percentile(samples, 50).toFixed(1).padStart(13)}  ${percentile(samples, 99).toFixed(1).padStart(13)}  ${findings}`,
  );
  screener.free();
}

// The machine's own tail, for scale: the same number of calls of a plain JavaScript loop that
// walks a table as large as the 10,000-phrase automaton (8 MiB, one dependent read a step, as a
// DFA reads), sized to take the same median. On a shared or virtual machine a call now
// and then loses tens of µs to the host (a timer tick, a neighbour evicting the caches), which
// no library can avoid: a p99 far above this one is saring's, one close to it is the machine's.
const table = new Uint32Array(1 << 21);
const mix = prng(3);
for (let i = 0; i < table.length; i++) table[i] = Math.floor(mix() * table.length);
const walk = (steps) => {
  let state = 0;
  for (let i = 0; i < steps; i++) state = table[(state + i) & (table.length - 1)];
  return state;
};
let steps = 4096;
for (let round = 0; round < 6; round++) {
  const median = percentile(time(() => walk(steps), 300), 50);
  steps = Math.max(1, Math.round((steps * medianAt10000) / median));
}
const reference = time(() => walk(steps), 2000);
console.log(
  `reference: a JavaScript walk of an 8 MiB table, ${steps} steps, sized to the median at 10,000 phrases: ` +
    `p50 ${percentile(reference, 50).toFixed(1)} µs, p99 ${percentile(reference, 99).toFixed(1)} µs`,
);
