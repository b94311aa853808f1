// What the views share: the current screener, and a small event bus.
//
// Events: "screener" (the rule packs changed: re-screen), "report-status" ({ postKey }: a
// report's outbox state changed), "api" ({ online }: the moderation API became (un)reachable),
// "tokens" (the tokens in Settings changed).

export const state = {
  /** The Screener every view screens with; replaced when packs change. */
  screener: null,
};

const bus = new EventTarget();

export function emit(type, detail = {}) {
  bus.dispatchEvent(new CustomEvent(type, { detail }));
}

export function on(type, listener) {
  bus.addEventListener(type, (event) => listener(event.detail));
}

/** localStorage that never throws (private mode, storage full): a failed write is dropped. */
export const local = {
  get(key, fallback = null) {
    try {
      const text = localStorage.getItem(key);
      return text === null ? fallback : JSON.parse(text);
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // kept for this page only
    }
  },
  remove(key) {
    try {
      localStorage.removeItem(key);
    } catch {
      // nothing stored
    }
  },
};
