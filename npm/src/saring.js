// saring — the JavaScript facade over the WebAssembly module.
//
// Conversion only: the screening logic lives in Rust. A screening crosses the boundary as a
// flat Uint32Array (see src/wasm.rs for the layout; terms as indexes into their rule's
// phrases, fetched once per rule) and is expanded here into plain objects, about ten times
// cheaper than building objects on the Rust side. Finding text is sliced from the caller's own
// string, so `text.slice(f.start, f.end) === f.text` by construction.

import initWasm, { WasmScreener } from "./saring_wasm.js";
import { SaringError } from "./error.js";

export { createOutbox, readOutbox } from "./outbox.js";
export { SaringError };

const VERDICTS = ["allow", "warn", "review", "block"];
const UNIT_SEPARATOR = "\u001f";

function guarded(call) {
  try {
    return call();
  } catch (error) {
    throw SaringError.from(error);
  }
}

let loading = null;
/** The module's memory, which `screen` writes texts into and reads screenings from. */
let wasmMemory = null;
/** Views of `wasmMemory`, made again when it grows (which detaches the old buffer, leaving
 * the views empty). */
let memoryBytes = new Uint8Array(0);
let memoryWords = new Uint32Array(0);

/** The last view `bytesAt` made, and its address. */
let inputView = new Uint8Array(0);
let inputViewAt = -1;

/**
 * At least `length` bytes of the module's memory from address `at`. The input room's address
 * seldom changes, so its view is kept; a view of memory that has grown since is empty (its
 * buffer detached), and is made again.
 */
function bytesAt(at, length) {
  if (at !== inputViewAt || inputView.length < length || inputView.length === 0) {
    if (memoryBytes.length === 0) memoryBytes = new Uint8Array(wasmMemory.buffer);
    inputView = memoryBytes.subarray(at, at + length);
    inputViewAt = at;
  }
  return inputView;
}

/** A screening's flat layout, copied out of the module's memory, valid until the next call. */
let flatKept = new Uint32Array(64);

/** The `length` words at address `at` of the module's memory, copied into `flatKept`. */
function wordsAt(at, length) {
  // Empty once the memory has grown (its buffer detached).
  if (memoryWords.length === 0) memoryWords = new Uint32Array(wasmMemory.buffer);
  if (flatKept.length < length) flatKept = new Uint32Array(Math.max(length, flatKept.length * 2));
  const base = at >>> 2;
  for (let i = 0; i < length; i++) flatKept[i] = memoryWords[base + i];
  return flatKept;
}

/**
 * The module's own error for a text over the limit (`Screener::try_screen`), for a text that
 * never reaches it (see `screen` and `screenMany`).
 */
function textTooLong(text, limit) {
  const message = `text is ${utf8Length(text)} bytes long; the limit is ${limit} bytes (max_text_bytes)`;
  return new SaringError(message, { kind: "text-too-long" });
}

/** The length of `text` in UTF-8 as `encodeInto` writes it (a lone surrogate as U+FFFD). */
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Refuses, saying what to do, a call made before `init()` has loaded the module (which would
 * otherwise fail deep in the glue with a TypeError about an undefined property).
 */
function loaded(method) {
  if (wasmMemory === null) {
    throw new SaringError(`${method}: the WebAssembly module is not loaded yet; call and await init() first`, {
      kind: "input",
    });
  }
}

function isNode() {
  return typeof process !== "undefined" && process.versions != null && process.versions.node != null;
}

/**
 * Loads the WebAssembly module. Without an argument it finds `saring_wasm_bg.wasm` beside this
 * file (by `fetch` in browsers and workers, from disk in Node); it also takes the bytes, a URL,
 * a Response or a WebAssembly.Module. Safe to call more than once.
 */
export default function init(input) {
  if (loading) return loading;
  loading = (async () => {
    let source = input;
    if (source === undefined) {
      const url = new URL("./saring_wasm_bg.wasm", import.meta.url);
      if (isNode() && url.protocol === "file:") {
        const { readFile } = await import("node:fs/promises");
        source = await readFile(url);
      } else {
        source = url;
      }
    }
    const exports = await initWasm({ module_or_path: await source });
    wasmMemory = exports.memory;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/**
 * Whether screening `options` ask for the private scope. Anything but nothing or an object of
 * known options is refused rather than read as public: `screen(text, "private")` or a misspelt
 * `{ Scope: "private" }` would otherwise screen a private message as a public post, which may
 * then be reported.
 */
function isPrivate(options) {
  if (options === undefined || options === null) return false;
  // A plain object only: a Map, a Promise (a forgotten `await`) or URLSearchParams has no own
  // `scope` key and would read as public.
  const prototype = typeof options === "object" ? Object.getPrototypeOf(options) : undefined;
  if (prototype !== Object.prototype && prototype !== null) {
    const given =
      typeof options === "string"
        ? JSON.stringify(options)
        : Array.isArray(options)
          ? "an array"
          : typeof options === "object"
            ? `a ${options.constructor?.name ?? "non-plain object"}`
            : typeof options;
    throw new SaringError(`screening options must be an object such as { scope: "private" }, not ${given}`, {
      kind: "input",
      field: "options",
    });
  }
  const unknown = Object.keys(options).find((key) => key !== "scope");
  if (unknown !== undefined) {
    throw new SaringError(`unknown screening option ${JSON.stringify(unknown)}; the only one is "scope"`, {
      kind: "input",
      field: unknown,
    });
  }
  const scope = options.scope ?? "public";
  if (scope !== "public" && scope !== "private") {
    throw new SaringError(`unknown scope ${JSON.stringify(scope)}; expected "public" or "private"`, {
      kind: "input",
      field: "scope",
    });
  }
  return scope === "private";
}

function checkText(text, where) {
  if (typeof text !== "string") {
    throw new SaringError(`${where} must be a string, not ${text === null ? "null" : typeof text}`, { kind: "input" });
  }
}

const encoder = new TextEncoder();
/** Reused for every text passed in: a post is encoded here, then copied into the module. */
let encoded = new Uint8Array(4096);
/** Bytes `encoded` may grow to; a larger batch gets a buffer of its own, not kept. */
const ENCODED_KEPT = 1 << 20;

/**
 * The UTF-8 of `texts`, one after another, and where each ends: a view of `encoded`, valid
 * until the next call. `TextEncoder.encodeInto` is about twenty times quicker than the
 * character-by-character copy wasm-bindgen makes of a string (≈0.5 µs against 10 µs for a post
 * of 4,096 characters). A lone surrogate becomes U+FFFD, as it would there.
 */
function utf8(texts) {
  let need = 0;
  for (const text of texts) need += text.length * 3;
  if (need > ENCODED_KEPT) return encode(texts, new Uint8Array(need));
  if (encoded.length < need) encoded = new Uint8Array(Math.min(ENCODED_KEPT, Math.max(need, encoded.length * 2)));
  return encode(texts, encoded);
}

function encode(texts, buffer) {
  const ends = new Uint32Array(texts.length);
  let written = 0;
  texts.forEach((text, index) => {
    written += encoder.encodeInto(text, buffer.subarray(written)).written;
    ends[index] = written;
  });
  return { bytes: buffer.subarray(0, written), ends };
}

/**
 * The largest compiled packs `fromCompiled` takes: 32 MiB. The default packs are 31 KB; 100,000
 * phrases (the default limit) take about 2 MB.
 */
const MAX_COMPILED_BYTES = 32 * 1024 * 1024;

/**
 * The arguments `fromPacks` and `compilePacks` pass to the module: TOML sources and their
 * names, bundles, trusted keys, whether unsigned bundles load, and the limits.
 */
function packArguments(method, packs, options) {
  if (typeof WasmScreener.fromPacks !== "function") {
    throw new SaringError(
      `${method} needs the pack compiler, which saring/runtime leaves out: load compiled packs with ` +
        `Screener.fromCompiled(bytes), or import "saring" to compile TOML packs and bundles`,
      { kind: "input" },
    );
  }
  if (!Array.isArray(packs)) {
    throw new SaringError(`${method} takes an array of TOML strings, { name, toml } objects or bundles`, {
      kind: "input",
    });
  }
  const names = [];
  const sources = [];
  const bundles = [];
  packs.forEach((pack, index) => {
    if (typeof pack === "string" && pack.trimStart().startsWith("{")) {
      try {
        bundles.push(JSON.parse(pack));
      } catch (error) {
        throw new SaringError(`packs[${index}] looks like a bundle but is not valid JSON: ${error.message}`, {
          kind: "pack-invalid",
        });
      }
    } else if (typeof pack === "string") {
      names.push(`packs[${index}]`);
      sources.push(pack);
    } else if (pack && typeof pack.format === "string") {
      bundles.push(pack);
    } else if (pack && typeof pack.toml === "string") {
      names.push(typeof pack.name === "string" ? pack.name : `packs[${index}]`);
      sources.push(pack.toml);
    } else {
      throw new SaringError(`packs[${index}] is neither a TOML string, { name, toml }, nor a bundle`, {
        kind: "input",
      });
    }
  });
  const trust = options.trust ?? [];
  if (!Array.isArray(trust) || trust.some((key) => typeof key !== "string")) {
    throw new SaringError("options.trust takes an array of hex public keys", { kind: "input", field: "trust" });
  }
  if (bundles.length > 0 && trust.length === 0 && !options.allowUnsigned) {
    throw new SaringError(
      "a bundle is loaded only when signed by a trusted key: pass options.trust (hex public keys), " +
        "or options.allowUnsigned for development",
      { kind: "untrusted", field: "trust" },
    );
  }
  return [names, sources, bundles, trust, Boolean(options.allowUnsigned), limitOptions(options)];
}

/**
 * The packs `Screener.fromPacks(packs, options)` would screen with, compiled: a Uint8Array for
 * `Screener.fromCompiled`, in this build or in `saring/runtime` (which has no TOML parser).
 * Checked as `fromPacks` checks them; the report identity (bundle name, version, SHA-256)
 * travels with them.
 */
export function compilePacks(packs, options = {}) {
  loaded("compilePacks");
  const args = packArguments("compilePacks", packs, options);
  return guarded(() => WasmScreener.compilePacks(...args));
}

/**
 * The examples of TOML packs (`match`, `no_match`) that their rule does not bear out, each pack
 * screened alone: `[{ file, line, rule, example, expected: "match" | "no-match" }]`, empty when
 * every rule does what its examples say. A pack that does not parse throws, as in `fromPacks`.
 */
export function checkExamples(packs) {
  loaded("checkExamples");
  const [names, sources, bundles] = packArguments("checkExamples", packs, { allowUnsigned: true });
  if (bundles.length > 0) {
    throw new SaringError("checkExamples takes TOML packs (strings or { name, toml }), not bundles", { kind: "input" });
  }
  return guarded(() => WasmScreener.checkExamples(names, sources));
}

/** Screens texts against compiled rule packs. Build once, reuse for every text. */
export class Screener {
  #inner;
  #rules;
  /** Per rule index, its phrases once fetched (`#ruleTerms`). */
  #terms = [];
  /**
   * The text of each *public* screening this screener returned. Private screenings are never
   * recorded, so there is no way to turn one into a report, even by forging its scope.
   */
  #publicTexts = new WeakMap();
  /** The longest text accepted, in UTF-8 bytes (`maxTextBytes`). */
  #maxTextBytes;

  /** @param {WasmScreener} inner */
  constructor(inner) {
    if (!(inner instanceof WasmScreener)) {
      throw new TypeError("use Screener.withDefaults(), Screener.fromPacks(...) or Screener.fromCompiled(...)");
    }
    this.#inner = inner;
    this.#rules = inner.rules();
    this.#maxTextBytes = inner.maxTextBytes();
  }

  /** A screener with the default packs embedded in the module. */
  static withDefaults() {
    loaded("Screener.withDefaults");
    return new Screener(guarded(() => WasmScreener.withDefaults()));
  }

  /**
   * A screener from rule packs: TOML strings, `{ name, toml }` objects (the name appears in
   * errors), or compiled bundles made by `saring bundle --sign` (their JSON text or the parsed
   * object). A bundle loads only if every hash matches, it is signed by a key in
   * `options.trust` (hex public keys; `options.allowUnsigned` skips this, for development), and
   * it is not older than the embedded default bundle of the same name (no rollback).
   */
  static fromPacks(packs, options = {}) {
    loaded("Screener.fromPacks");
    const args = packArguments("fromPacks", packs, options);
    return new Screener(guarded(() => WasmScreener.fromPacks(...args)));
  }

  /**
   * A screener from compiled packs (a Uint8Array or ArrayBuffer): written by `compilePacks()`
   * or `saring bundle --compiled`. Their checksum and every value are checked; the limits of
   * `options` apply. The runtime build (`saring/runtime`) loads packs only this way.
   */
  static fromCompiled(bytes, options = {}) {
    loaded("Screener.fromCompiled");
    const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    if (!(view instanceof Uint8Array)) {
      throw new SaringError("fromCompiled takes the compiled packs as a Uint8Array or an ArrayBuffer", {
        kind: "input",
      });
    }
    // Refused before they are copied into the module's memory, which never shrinks.
    if (view.length > MAX_COMPILED_BYTES) {
      const message = `compiled packs are ${view.length} bytes; the limit is ${MAX_COMPILED_BYTES} bytes`;
      throw new SaringError(message, { kind: "limit-exceeded" });
    }
    return new Screener(guarded(() => WasmScreener.fromCompiled(view, limitOptions(options))));
  }

  /**
   * Screens one text. `options.scope` is "public" (default) or "private".
   *
   * The text is encoded straight into the module's memory and its screening read straight out
   * of it (src/wasm.rs, `Exchange`): no buffer is allocated for either on either side.
   */
  screen(text, options) {
    checkText(text, "text");
    const scope = isPrivate(options);
    const inner = this.#inner;
    const flat = guarded(() => {
      // At most three bytes of UTF-8 per UTF-16 unit, and never much more room than the
      // limit: the module's memory never shrinks, and an oversized paste must not grow it.
      const room = Math.min(text.length * 3, this.#maxTextBytes + 4);
      const { read, written } = encoder.encodeInto(text, bytesAt(inner.inputAt(room), room));
      if (read < text.length) throw textTooLong(text, this.#maxTextBytes);
      const length = inner.screenInput(written, scope);
      return wordsAt(inner.outputAt(), length);
    });
    return this.#expand([text], flat, scope)[0];
  }

  /** Screens many texts in one call into the WebAssembly module. */
  screenMany(texts, options) {
    if (!Array.isArray(texts)) throw new SaringError("screenMany takes an array of strings", { kind: "input" });
    // Every index, holes of a sparse array too (which `forEach` would skip).
    for (let index = 0; index < texts.length; index++) {
      const text = texts[index];
      checkText(text, `texts[${index}]`);
      // The module refuses a text over the limit too, but only once the whole batch is in its
      // memory, which never shrinks: a text that may be over it is measured here first.
      if (text.length * 3 > this.#maxTextBytes && utf8Length(text) > this.#maxTextBytes) {
        const error = textTooLong(text, this.#maxTextBytes);
        throw new SaringError(`texts[${index}]: ${error.message}`, { kind: error.kind });
      }
    }
    const scope = isPrivate(options);
    const { bytes, ends } = utf8(texts);
    const flat = guarded(() => this.#inner.screenManyUtf8(bytes, ends, scope));
    return this.#expand(texts, flat, scope);
  }

  /** The phrases of rule `index` as its pack writes them, fetched from the module once. */
  #ruleTerms(index) {
    return (this.#terms[index] ??= this.#inner.ruleTerms(index).split(UNIT_SEPARATOR));
  }

  #expand(texts, flat, isPrivateScope) {
    const scope = isPrivateScope ? "private" : "public";
    const screenings = new Array(texts.length);
    // Explanations, fetched only if a finding has one (most have none).
    let explanations = null;
    let at = 0;
    let next = 0;
    for (let t = 0; t < texts.length; t++) {
      const text = texts[t];
      const verdict = VERDICTS[flat[at]];
      const count = flat[at + 1];
      at += 2;
      const findings = new Array(count);
      for (let i = 0; i < count; i++) {
        const index = flat[at];
        const rule = this.#rules[index];
        const start = flat[at + 1];
        const end = flat[at + 2];
        let explain = "";
        if (flat[at + 5] === 1) {
          explanations ??= this.#inner.lastStrings().split(UNIT_SEPARATOR);
          explain = explanations[next++];
        }
        const termCount = flat[at + 6];
        const phrases = this.#ruleTerms(index);
        const terms = new Array(termCount);
        for (let k = 0; k < termCount; k++) terms[k] = phrases[flat[at + 7 + k]];
        findings[i] = {
          rule: rule.id,
          pack: rule.pack,
          category: rule.category,
          severity: rule.severity,
          text: text.slice(start, end),
          start,
          end,
          bytes: [flat[at + 3], flat[at + 4]],
          explain,
          terms,
        };
        at += 7 + termCount;
      }
      const screening = { scope, verdict, findings };
      // Kept for `buildReport` only when there is something to report: most posts have no
      // finding, and a weak map's entries cost the garbage collector.
      if (!isPrivateScope && count > 0) this.#publicTexts.set(screening, text);
      screenings[t] = screening;
    }
    return screenings;
  }

  /**
   * Turns a flagged *public* screening into a report for the moderation API. A private
   * screening is refused (SaringError kind "private-scope"): private messages never leave the
   * device. `context` is `{ channelId, postId, channelUsername?, postUrl?, note? }`.
   */
  buildReport(screening, context) {
    if (screening?.scope !== "public") {
      throw new SaringError("a private screening never becomes a report: private messages stay on this device", {
        kind: "private-scope",
      });
    }
    let text = this.#publicTexts.get(screening);
    if (text === undefined) {
      if (!Array.isArray(screening.findings) || screening.findings.length > 0) {
        throw new SaringError("buildReport takes a screening returned by this screener's screen() or screenMany()", {
          kind: "input",
        });
      }
      // A screening with no finding is not kept (see #expand): the module refuses it as it
      // refuses any text with nothing to report, context checked first as always.
      text = "";
    }
    return guarded(() => this.#inner.buildReport(text, context, Date.now()));
  }

  /** The packs in use: `[{ name, version, sha256, rules }]`. */
  packs() {
    return this.#inner.packs();
  }

  /** The rules in use: `[{ id, pack, category, severity }]`. */
  rules() {
    return this.#rules.map((rule) => ({ ...rule }));
  }

  /** "dfa" (fast) or "nfa" (compact, when the fast automaton would exceed its memory budget). */
  get automaton() {
    return this.#inner.automaton();
  }

  /** Bytes of WebAssembly memory the compiled automaton holds (the bulk of a screener). */
  get automatonBytes() {
    return this.#inner.automatonBytes();
  }

  /** The longest text accepted, in UTF-8 bytes. */
  get maxTextBytes() {
    return this.#inner.maxTextBytes();
  }

  /** The slow path (objects built in Rust): for tests that hold the fast path to the types. */
  screenObjects(text, options) {
    checkText(text, "text");
    const scope = isPrivate(options);
    return guarded(() => this.#inner.screenObjects(text, scope));
  }

  /** Frees the WebAssembly memory of this screener. */
  free() {
    this.#inner.free();
  }
}

/** The limits of `ScreenerOptions`; each, when given, a whole number from 1 to 2^32 − 1. */
const LIMITS = ["maxTextBytes", "maxPackBytes", "maxRulesPerPack", "maxPhrasesPerPack", "maxPhraseChars", "maxPhrases"];

function limitOptions(options) {
  const limits = {};
  for (const name of LIMITS) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1 || value > 0xffffffff) {
      throw new SaringError(`options.${name} must be a whole number from 1 to 4294967295, not ${String(value)}`, {
        kind: "input",
        field: name,
      });
    }
    limits[name] = value;
  }
  return limits;
}
