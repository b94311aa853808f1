// saring — the error every part of the package throws, in a module of its own so that the
// facades of "saring" and "saring/runtime" and the outbox share one class (`instanceof` holds
// whichever entry point threw it) and the runtime loads none of the full facade.

/** An error from saring: `kind` says what went wrong, `file`/`line`/`rule`/`field` where. */
export class SaringError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = "SaringError";
    this.kind = details.kind ?? "input";
    this.detail = details.detail ?? message;
    for (const key of ["file", "line", "rule", "field"]) {
      if (details[key] !== undefined) this[key] = details[key];
    }
  }

  /** Wraps an error thrown by the WebAssembly module; passes anything else through. */
  static from(error) {
    if (error instanceof SaringError) return error;
    if (error && error.name === "SaringError") return new SaringError(error.message, error);
    return error;
  }
}
