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
}

export interface ScreenerOptions {
  /** The longest text accepted, in UTF-8 bytes (default 65,536). */
  maxTextBytes?: number;
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
  /** The longest text accepted, in UTF-8 bytes. */
  readonly maxTextBytes: number;
  /** The slow path, objects built in Rust; the same shape as `screen`. */
  screenObjects(text: string, options?: ScreenOptions): Screening;
  /** Frees the WebAssembly memory of this screener. */
  free(): void;
}
