// saring/runtime: the screening runtime without the pack compiler (no TOML parser, bundle JSON
// or signature checks), about half the size of "saring". It screens with the embedded default
// packs or with compiled packs (`compilePacks()` of "saring", `saring bundle --compiled`);
// everything else is as in "saring".
import type { LimitOptions, Screener as ScreenerMethods } from "./saring.js";

export * from "./saring.js";
export { default } from "./saring.js";

/** What a screener does once built: as in "saring". */
export interface Screener extends ScreenerMethods {}

/** Screens texts against compiled rule packs. Build once, reuse for every text. */
export class Screener {
  private constructor();
  /** A screener with the default packs embedded in the module. */
  static withDefaults(): Screener;
  /**
   * A screener from compiled packs (`compilePacks()` of "saring", `saring bundle --compiled`).
   * Throws a SaringError (kind "pack-invalid") if they were cut short, changed, or hold a value
   * a pack may not have ("limit-exceeded" over 32 MiB).
   */
  static fromCompiled(bytes: Uint8Array | ArrayBuffer, options?: LimitOptions): Screener;
}

/** Not in the runtime: compile packs with "saring" (`compilePacks`) or the CLI. */
export declare const compilePacks: never;
/** Not in the runtime: check pack examples with "saring" (`checkExamples`) or `saring check`. */
export declare const checkExamples: never;
