// The facade's own API. The data types (Screening, Finding, PackInfo, RuleInfo, Category,
// Severity, Verdict, Scope, ErrorKind) are generated from the Rust types into saring_wasm.d.ts.
import type {
  BundleRef,
  Category,
  ErrorKind,
  Finding,
  PackInfo,
  Report,
  ReportFinding,
  ReportReason,
  RuleInfo,
  Scope,
  Screening,
  Severity,
  Verdict,
} from "./saring_wasm.js";

export type {
  BundleRef,
  Category,
  ErrorKind,
  Finding,
  PackInfo,
  Report,
  ReportFinding,
  ReportReason,
  RuleInfo,
  Scope,
  Screening,
  Severity,
  Verdict,
};

/** Where a reported post lives. */
export interface PostContext {
  channelId: string;
  postId: string;
  channelUsername?: string;
  postUrl?: string;
  /** A note from the person reporting, for the moderator. */
  note?: string;
}

/** What `init` can load the WebAssembly module from. */
export type InitInput =
  | BufferSource
  | URL
  | string
  | Request
  | Response
  | WebAssembly.Module
  | Promise<BufferSource | Response | WebAssembly.Module>;

/** Loads the WebAssembly module (by default from beside this file). Safe to call more than once. */
export default function init(input?: InitInput): Promise<void>;

/** An error from saring: `kind` says what went wrong, `file`/`line`/`rule`/`field` where. */
export class SaringError extends Error {
  readonly name: "SaringError";
  readonly kind: ErrorKind;
  /** The message without its location. */
  readonly detail: string;
  readonly file?: string;
  readonly line?: number;
  readonly rule?: string;
  readonly field?: string;
}

export interface ScreenOptions {
  /** "public" (default): a post to a public channel. "private": a private message, never reported. */
  scope?: Scope;
}

export interface PackSource {
  /** Names the pack in error messages, e.g. its file name. */
  name: string;
  /** The pack's TOML text. */
  toml: string;
}

/** A compiled rule bundle, as written by `saring bundle` (parsed JSON). */
export interface Bundle {
  format: "saring-bundle/1";
  name: string;
  version: string;
  sha256: string;
  packs: { file: string; sha256: string; toml: string }[];
  signature?: { key: string; ed25519: string };
}

export interface ScreenerOptions {
  /** Hex Ed25519 public keys trusted to sign bundles (from `saring keys generate`). */
  trust?: string[];
  /** Load bundles on their hashes alone, without a trusted signature (development only). */
  allowUnsigned?: boolean;
  /**
   * The longest text accepted, in UTF-8 bytes (default 65,536). A report carries at most
   * 65,536 bytes of text whatever this says: a longer post is screened but `buildReport` refuses it.
   */
  maxTextBytes?: number;
  /** The largest TOML pack, in bytes (default 1,048,576); checked before parsing. */
  maxPackBytes?: number;
  /** The most rules in one pack (default 10,000). */
  maxRulesPerPack?: number;
  /** The most phrases (`any`, `all`, `unless`, `unless_before`) in one pack (default 50,000). */
  maxPhrasesPerPack?: number;
  /** The longest phrase, in characters (default 200). */
  maxPhraseChars?: number;
  /** The most distinct phrases over all packs (default 100,000). */
  maxPhrases?: number;
}

/** The limits of `ScreenerOptions`, which `fromCompiled` takes too. */
export type LimitOptions = Pick<
  ScreenerOptions,
  "maxTextBytes" | "maxPackBytes" | "maxRulesPerPack" | "maxPhrasesPerPack" | "maxPhraseChars" | "maxPhrases"
>;

/** What a screener does once built, in this build and in `saring/runtime`. */
export interface Screener {
  /** Screens one text. Throws a SaringError (kind "text-too-long") over the limit. */
  screen(text: string, options?: ScreenOptions): Screening;
  /** Screens many texts in one call. */
  screenMany(texts: ReadonlyArray<string>, options?: ScreenOptions): Screening[];
  /**
   * Turns a flagged public screening (returned by this screener) into a report. A private
   * screening throws a SaringError of kind "private-scope": private messages never leave the device.
   */
  buildReport(screening: Screening, context: PostContext): Report;
  /** The packs in use. */
  packs(): PackInfo[];
  /** The rules in use. */
  rules(): RuleInfo[];
  /** "dfa" (fast) or "nfa" (compact fallback above the memory budget). */
  readonly automaton: "dfa" | "nfa";
  /** Bytes of WebAssembly memory the compiled automaton holds (the bulk of a screener). */
  readonly automatonBytes: number;
  /** The longest text accepted, in UTF-8 bytes. */
  readonly maxTextBytes: number;
  /** The slow path, objects built in Rust; the same shape as `screen`. */
  screenObjects(text: string, options?: ScreenOptions): Screening;
  /** Frees the WebAssembly memory of this screener. */
  free(): void;
}

/** Screens texts against compiled rule packs. Build once, reuse for every text. */
export class Screener {
  private constructor();
  /** A screener with the default packs embedded in the module. */
  static withDefaults(): Screener;
  /**
   * A screener from TOML packs or compiled bundles (JSON text or parsed). Throws a SaringError
   * naming file, line, rule and field, or saying that a bundle was altered.
   */
  static fromPacks(packs: ReadonlyArray<string | PackSource | Bundle>, options?: ScreenerOptions): Screener;
  /**
   * A screener from compiled packs (`compilePacks()`, `saring bundle --compiled`). Throws a
   * SaringError (kind "pack-invalid") if they were cut short, changed, or hold a value a pack
   * may not have ("limit-exceeded" over 32 MiB).
   */
  static fromCompiled(bytes: Uint8Array | ArrayBuffer, options?: LimitOptions): Screener;
}

/**
 * The packs `Screener.fromPacks(packs, options)` would screen with, compiled for
 * `Screener.fromCompiled` (here or in `saring/runtime`, which has no TOML parser).
 */
export function compilePacks(packs: ReadonlyArray<string | PackSource | Bundle>, options?: ScreenerOptions): Uint8Array;

/** An example of a rule (`match`, `no_match`) that the rule does not bear out. */
export interface ExampleProblem {
  /** The pack's name as given (`{ name }`), or null. */
  file: string | null;
  /** The line of the rule's `[[rule]]` header. */
  line: number;
  rule: string;
  example: string;
  /** "match": the rule should fire on the example and does not; "no-match": it fires and should not. */
  expected: "match" | "no-match";
}

/**
 * The examples of TOML packs that their rule does not bear out, each pack screened alone, as
 * `saring check` does; empty when every rule does what its examples say. Throws a SaringError
 * for a pack that does not parse, as `fromPacks` does.
 */
export function checkExamples(packs: ReadonlyArray<string | PackSource>): ExampleProblem[];

/** Where an outbox entry is: waiting (or backing off), on the wire, stored by the API, or refused for good. */
export type OutboxState = "queued" | "sending" | "acknowledged" | "failed";

/** A report in the outbox. */
export interface OutboxEntry {
  /** The report's idempotency key: one entry per key. */
  key: string;
  report: Report;
  state: OutboxState;
  /** How many times it was sent. */
  attempts: number;
  /** When it may be sent next, milliseconds since the Unix epoch. */
  nextAttemptAt: number;
  /** The API's id for the report, once acknowledged. */
  id?: number | string;
  /** When the API acknowledged it, milliseconds since the Unix epoch. */
  acknowledgedAt?: number;
  /** Why the last attempt failed: the API's error message, or the network error. */
  error?: string;
  /** The HTTP status of the last answer. */
  status?: number;
  /** When its state last changed, milliseconds since the Unix epoch (of two copies in one storage, the later wins). */
  updatedAt?: number;
}

/**
 * Where the outbox keeps its entries: the whole list is written on every change, merged with
 * what the storage holds (entries other outboxes on it wrote are kept and taken up).
 */
export interface OutboxStorage {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
  /**
   * Replaces the stored entries with `merge(stored entries)` in one step, so that outboxes of
   * other tabs or processes on the same storage lose nothing. Without it the outbox calls
   * `load` then `save`, which is safe only for one outbox at a time.
   */
  update?(merge: (entries: OutboxEntry[]) => OutboxEntry[]): Promise<void>;
  /** A BroadcastChannel name on which outboxes of this storage tell each other of their writes. */
  shared?: string;
}

export interface OutboxOptions {
  /** The moderation API's base URL, e.g. "http://127.0.0.1:8080"; reports go to `${endpoint}/v1/reports`. */
  endpoint: string;
  /** The reporter's bearer token. Never stored, never logged. */
  token: string;
  /**
   * Default: IndexedDB (database "saring-outbox") where it exists, else (Node) the JSON file
   * `file`, replaced atomically on every change. Several outboxes may share either (tabs,
   * processes): each write merges, never overwrites, the others' entries.
   */
  storage?: OutboxStorage;
  /** Node: the outbox file (default ".saring-outbox.json" in the working directory). */
  file?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Backoff with full jitter: a random wait up to min(maxMs, baseMs × 2^(attempt−1)). Default 500 and 60,000. */
  retry?: { baseMs?: number; maxMs?: number };
  /** Requests at a time (default 4). */
  concurrency?: number;
  /** An attempt without an answer after this long fails and is retried (default 30,000 ms). */
  timeoutMs?: number;
  /** Acknowledged entries kept (newest first) so a post shows as reported; default 1,000. */
  keepAcknowledged?: number;
  /** How long an acknowledged entry is kept, in ms; default 30 days. Unacknowledged ones stay. */
  keepAcknowledgedMs?: number;
}

export type OutboxEvent = "queued" | "sent" | "acknowledged" | "failed-permanently" | "retry" | "offline" | "online";

export interface OutboxEventDetail {
  /** The entry's key (absent for "offline" and "online"). */
  key?: string;
  /** A copy of the entry after the change (absent for "offline" and "online"). */
  entry?: OutboxEntry;
  /** The HTTP status, when the API answered. */
  status?: number;
  /** The API's id ("acknowledged"). */
  id?: number | string;
  /** What went wrong ("retry", "failed-permanently", "offline"). */
  error?: string;
  /** How long until the next attempt ("retry"). */
  delayMs?: number;
}

/**
 * Reports waiting for the moderation API. Events: "queued" (stored, about to be sent), "sent"
 * (an attempt started), "acknowledged" (the API stored it; recorded), "failed-permanently" (a
 * 4xx other than 408/429: kept with the API's message, never retried unless enqueued again),
 * "retry" (network error, timeout, 5xx, 408, 429: sent again after a backoff or `Retry-After`),
 * "offline" / "online" (the API became unreachable / reachable).
 */
export interface Outbox {
  /**
   * Stores the report, then sends it; resolves to its entry once stored. The same idempotency
   * key twice gives one entry (a failed one is queued again). Refuses (SaringError) anything
   * private or without an idempotency key.
   */
  enqueue(report: Report): Promise<OutboxEntry>;
  /** Listens to an event; returns a function that stops listening. */
  on(event: OutboxEvent, listener: (detail: OutboxEventDetail) => void): () => void;
  /** The entries not acknowledged yet (queued, sending or failed). */
  pending(): Promise<OutboxEntry[]>;
  /** Every entry, in the order enqueued. */
  entries(): Promise<OutboxEntry[]>;
  /** Tries every queued entry now, backoff or not (but not before a `Retry-After`); resolves when this round is done. */
  flush(): Promise<void>;
  /** Stops timers and requests in flight; resolves once the last change is stored. */
  close(): Promise<void>;
}

/** An outbox of reports for the moderation API: survives reloads, retries until acknowledged. */
export function createOutbox(options: OutboxOptions): Outbox;

/**
 * The reports an outbox keeps on this device (same `storage` or `file` as its `createOutbox`),
 * read without sending anything: for a page that has no token yet to show what is waiting.
 */
export function readOutbox(options?: Pick<OutboxOptions, "storage" | "file">): Promise<OutboxEntry[]>;
