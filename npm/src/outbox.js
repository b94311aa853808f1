// saring — the report outbox: reports wait here until the moderation API acknowledges them.
//
// A report is written to storage *before* it is sent, and stays there until the API answers
// 2xx with its id; it is then kept, marked acknowledged, so a reload does not send it again and
// a second click on Report shows it as reported. Acknowledged entries are pruned, oldest first,
// beyond `keepAcknowledged` (1,000) or after `keepAcknowledgedMs` (30 days), so storage stays
// bounded; an entry not yet acknowledged is never pruned.
// The API stores a report once per idempotency key, so sending one twice (an answer lost on
// the way back) is harmless: the outbox retries until it hears back, and never gives up on a
// report for a transient failure. Nothing here writes to the console: report text and the
// token never reach a log.
//
// Several outboxes may share one storage (two tabs of the dashboard, two processes on one
// file): a write never replaces what another wrote. Each write reads the stored entries and
// merges them with this outbox's in one step (an IndexedDB transaction, a locked file); an
// entry another outbox stored is taken up (and sent, if it waits), and of two copies of one
// entry the acknowledged one wins, then the one changed last. In browsers the outboxes of one
// origin also tell each other of each write (BroadcastChannel), so a report queued in a tab
// that closes is sent by a tab that stays.

import { SaringError } from "./error.js";

const FILE_FORMAT = "saring-outbox/1";
const DEFAULT_FILE = ".saring-outbox.json";
const DEFAULT_DATABASE = "saring-outbox";
const STATES = new Set(["queued", "sending", "acknowledged", "failed"]);
const EVENTS = new Set(["queued", "sent", "acknowledged", "failed-permanently", "retry", "offline", "online"]);
/** The longest `Retry-After` honoured as given; longer ones are cut to this. */
const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;
const DEFAULT_KEEP_ACKNOWLEDGED = 1000;
const DEFAULT_KEEP_ACKNOWLEDGED_MS = 30 * 24 * 3600 * 1000;
/** How long a write waits for another process's lock on the outbox file before it fails. */
const LOCK_WAIT_MS = 15_000;
/** A lock that still names no holder this long after it was made was left by a process that
 * died between making it and writing its name in it. */
const UNNAMED_LOCK_MS = 5_000;
/** Temporary files of the outbox file, numbered per process (two outboxes of one process may
 * share a file). */
let temporaryFiles = 0;

/**
 * Creates an outbox that sends reports to `${endpoint}/v1/reports` until the API acknowledges
 * them. See saring.d.ts (`OutboxOptions`) for the options.
 */
export function createOutbox(options = {}) {
  const { endpoint, token } = options;
  if (typeof endpoint !== "string" || !/^https?:\/\//.test(endpoint)) {
    throw new SaringError("createOutbox: `endpoint` must be the API's base URL, e.g. \"http://127.0.0.1:8080\"", {
      kind: "input",
      field: "endpoint",
    });
  }
  if (typeof token !== "string" || token === "") {
    throw new SaringError("createOutbox: `token` must be the reporter's bearer token (a non-empty string)", {
      kind: "input",
      field: "token",
    });
  }
  const url = `${endpoint.replace(/\/+$/, "")}/v1/reports`;
  const send = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const baseMs = positive(options.retry?.baseMs, 500, "retry.baseMs");
  const maxMs = positive(options.retry?.maxMs, 60_000, "retry.maxMs");
  const concurrency = Math.floor(positive(options.concurrency, 4, "concurrency"));
  const timeoutMs = positive(options.timeoutMs, 30_000, "timeoutMs");
  const keepAcknowledged = Math.floor(positive(options.keepAcknowledged, DEFAULT_KEEP_ACKNOWLEDGED, "keepAcknowledged"));
  const keepAcknowledgedMs = positive(options.keepAcknowledgedMs, DEFAULT_KEEP_ACKNOWLEDGED_MS, "keepAcknowledgedMs");
  const storage = chooseStorage(options);

  /** key → entry, in enqueue order. Only acknowledged entries are ever removed (`prune`). */
  const entries = new Map();
  /** Keys pruned here and not yet deleted from storage (a merge must not bring them back). */
  const removed = new Set();
  const listeners = new Map();
  const controllers = new Set();
  let closed = false;
  let timer = null;
  let online = true;
  /** Consecutive transient failures across all entries: paces attempts while the API is down. */
  let failures = 0;
  /** No attempt before this time (backoff while the API is down); `flush()` lifts it. */
  let backoffUntil = 0;
  /** No attempt before this time: the API's `Retry-After`. Even `flush()` waits for it. */
  let retryAfterUntil = 0;
  let round = null;

  // Storage writes: one at a time, and a write asked for while one runs is merged into the next.
  // Each merges what storage holds (other outboxes' entries) with this outbox's.
  let writing = Promise.resolve();
  let nextWrite = null;
  function persist() {
    if (nextWrite) return nextWrite;
    let deleted = [];
    const merge = (list) => {
      adopt(list);
      prune();
      deleted = [...removed];
      return [...entries.values()].map(stored);
    };
    const write = writing
      .then(() => {
        nextWrite = null;
        return update(storage, merge);
      })
      .then(() => {
        for (const key of deleted) removed.delete(key);
        announce();
        schedule();
      });
    nextWrite = write;
    writing = write.catch(() => {});
    return write;
  }

  /**
   * Takes up the entries another outbox stored: those this one does not have (unless it pruned
   * them), and newer copies of those it has. Tells of each as its state's event would.
   */
  function adopt(list) {
    // Sending is waiting, as far as the events tell.
    const phase = (state) => (state === "sending" ? "queued" : state);
    const inFlight = new Set(list.filter((stored) => stored?.state === "sending").map((stored) => stored.key));
    for (const candidate of normalised(list)) {
      // An acknowledged copy of what this outbox pruned stays pruned; a copy queued again is new.
      if (removed.has(candidate.key) && candidate.state === "acknowledged") continue;
      // Another outbox is sending it: not before its answer had time to come (its timeout),
      // so that every tab does not send every report.
      if (inFlight.has(candidate.key)) {
        candidate.nextAttemptAt = Math.max(candidate.nextAttemptAt, candidate.updatedAt + timeoutMs);
      }
      const own = entries.get(candidate.key);
      if (own && newer(own, candidate)) continue;
      const before = own && phase(own.state);
      const entry = own ? Object.assign(own, candidate) : candidate;
      entries.set(entry.key, entry);
      if (phase(entry.state) === before) continue;
      if (entry.state === "acknowledged") emit("acknowledged", detail(entry, { status: entry.status, id: entry.id }));
      else if (entry.state === "failed") emit("failed-permanently", detail(entry, { status: entry.status, error: entry.error }));
      else emit("queued", detail(entry));
    }
  }

  // Other outboxes of this origin (tabs) say when they wrote; their entries are read and taken up.
  const channel = typeof BroadcastChannel === "function" && storage.shared ? new BroadcastChannel(storage.shared) : null;
  if (channel) {
    channel.onmessage = () => {
      ready
        .then(() => storage.load())
        .then((list) => {
          if (closed) return;
          adopt(list);
          schedule();
        })
        .catch(() => {}); // the next write reads storage again
    };
  }
  function announce() {
    if (!closed) channel?.postMessage("written");
  }
  function persistQuietly() {
    // A failed write is repeated by the next one, which saves every entry.
    persist().catch(() => {});
  }

  const ready = (async () => {
    for (const entry of await restore(storage)) {
      if (entries.has(entry.key)) continue;
      entries.set(entry.key, entry);
    }
    if (prune()) persistQuietly();
    schedule();
  })();
  ready.catch(() => {}); // reported by every method that awaits it

  const onWindowOnline = () => {
    flush().catch(() => {});
  };
  const onWindowOffline = () => setOnline(false, "the browser is offline");
  const target = typeof globalThis.addEventListener === "function" ? globalThis : null;
  target?.addEventListener("online", onWindowOnline);
  target?.addEventListener("offline", onWindowOffline);

  function emit(event, detail) {
    const set = listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(detail);
      } catch (error) {
        // A listener's error is its own: report it without disturbing the outbox.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  function detail(entry, extra = {}) {
    return { key: entry.key, entry: snapshot(entry), ...extra };
  }

  function setOnline(reachable, error) {
    if (reachable === online) return;
    online = reachable;
    emit(reachable ? "online" : "offline", reachable ? {} : { error });
  }

  function schedule() {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    let next = Infinity;
    for (const entry of entries.values()) {
      if (entry.state === "queued" && entry.nextAttemptAt < next) next = entry.nextAttemptAt;
    }
    if (next === Infinity) return;
    const wait = Math.max(next, backoffUntil, retryAfterUntil) - Date.now();
    timer = setTimeout(() => {
      timer = null;
      if (!round) runRound(false);
    }, Math.max(0, Math.min(wait, 2 ** 31 - 1)));
  }

  /**
   * Sends due entries, `concurrency` at a time, until none is due or the API asks to wait.
   * `force` (flush): every queued entry is due once in this round, whatever its backoff.
   */
  function runRound(force) {
    const tried = new Set();
    const pick = () => {
      const now = Date.now();
      if (closed || retryAfterUntil > now || (backoffUntil > now && !force)) return null;
      for (const entry of entries.values()) {
        if (entry.state !== "queued" || tried.has(entry)) continue;
        if (force || entry.nextAttemptAt <= now) {
          tried.add(entry);
          return entry;
        }
      }
      return null;
    };
    const worker = async () => {
      for (let entry = pick(); entry; entry = pick()) {
        await attempt(entry);
        // A transient failure in a forced round stops it: the API is down, backoff applies.
        if (force && backoffUntil > Date.now()) force = false;
      }
    };
    round = Promise.all(Array.from({ length: concurrency }, worker)).finally(() => {
      round = null;
      schedule();
    });
    return round;
  }

  async function attempt(entry) {
    entry.state = "sending";
    entry.updatedAt = Date.now();
    // Stored as being sent, so that other outboxes on this storage wait for its answer.
    if (channel) persistQuietly();
    entry.attempts += 1;
    emit("sent", detail(entry));
    const controller = new AbortController();
    controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), timeoutMs);
    let status;
    let text;
    let retryAfter;
    try {
      const response = await send(url, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "Idempotency-Key": entry.key,
        },
        body: JSON.stringify(entry.report),
        signal: controller.signal,
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (error) {
      if (closed) {
        // Stopped by close(): unknown whether the API got it, so it stays queued.
        entry.state = "queued";
        return;
      }
      const message = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : networkMessage(error);
      setOnline(false, message);
      return transient(entry, { error: message });
    } finally {
      clearTimeout(timeout);
      controllers.delete(controller);
    }
    // 502-504: a gateway answered for an API that is not there.
    setOnline(status < 502 || status > 504, `HTTP ${status}`);
    const body = parseJson(text);
    if ((status === 200 || status === 201) && body && (typeof body.id === "number" || typeof body.id === "string")) {
      failures = 0;
      backoffUntil = 0;
      const now = Date.now();
      Object.assign(entry, { state: "acknowledged", id: body.id, status, acknowledgedAt: now, updatedAt: now });
      delete entry.error;
      prune();
      await persist().catch(() => {});
      emit("acknowledged", detail(entry, { status, id: body.id }));
      return;
    }
    const error = serverMessage(body, status);
    if (status === 429) {
      const wait = retryAfterMs(retryAfter) ?? backoff(entry.attempts);
      retryAfterUntil = Math.max(retryAfterUntil, Date.now() + wait);
      return transient(entry, { status, error }, retryAfterUntil);
    }
    if (status >= 400 && status < 500 && status !== 408) {
      Object.assign(entry, { state: "failed", status, error, updatedAt: Date.now() });
      await persist().catch(() => {});
      emit("failed-permanently", detail(entry, { status, error }));
      return;
    }
    // 5xx, 408, or a 2xx/3xx that is not the API's answer (a captive portal, a proxy page).
    return transient(entry, { status, error });
  }

  /** Drops acknowledged entries past their time or beyond the newest `keepAcknowledged`. */
  function prune() {
    const oldest = Date.now() - keepAcknowledgedMs;
    const acknowledged = [...entries.values()].filter((entry) => entry.state === "acknowledged");
    acknowledged.sort((a, b) => b.acknowledgedAt - a.acknowledgedAt);
    const drop = acknowledged.filter((entry, rank) => rank >= keepAcknowledged || entry.acknowledgedAt < oldest);
    for (const entry of drop) {
      entries.delete(entry.key);
      removed.add(entry.key);
    }
    return drop.length > 0;
  }

  function transient(entry, { status, error }, at) {
    if (at === undefined) {
      failures += 1;
      backoffUntil = Date.now() + backoff(failures);
      at = Date.now() + backoff(entry.attempts);
    }
    Object.assign(entry, { state: "queued", nextAttemptAt: at, error, updatedAt: Date.now() });
    if (status === undefined) delete entry.status;
    else entry.status = status;
    persistQuietly();
    emit("retry", detail(entry, { status, error, delayMs: Math.max(0, at - Date.now()) }));
  }

  /** Full jitter: a random wait up to base × 2^(n−1), capped. */
  function backoff(n) {
    return Math.random() * Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(n - 1, 0), 40));
  }

  async function enqueue(report) {
    checkReport(report);
    if (closed) throw new SaringError("the outbox is closed", { kind: "input" });
    await ready;
    const key = report.idempotency_key;
    const existing = entries.get(key);
    if (existing && existing.state !== "failed") return snapshot(existing);
    // A new report, or one that failed for good and is given another chance (same entry).
    const entry = existing ?? { key };
    Object.assign(entry, {
      report: existing?.report ?? JSON.parse(JSON.stringify(report)),
      state: "queued",
      attempts: 0,
      nextAttemptAt: Date.now(),
      updatedAt: Date.now(),
    });
    removed.delete(key);
    delete entry.error;
    delete entry.status;
    delete entry.id;
    entries.set(key, entry);
    try {
      await persist();
    } catch (error) {
      if (existing) Object.assign(existing, { state: "failed" });
      else entries.delete(key);
      throw error;
    }
    const queued = snapshot(entry);
    emit("queued", detail(entry));
    if (!round) runRound(false);
    return queued;
  }

  async function flush() {
    await ready;
    while (round) await round;
    if (!closed) await runRound(true);
  }

  function on(event, listener) {
    if (!EVENTS.has(event)) {
      throw new SaringError(`unknown outbox event ${JSON.stringify(event)}; expected one of ${[...EVENTS].join(", ")}`, {
        kind: "input",
      });
    }
    if (typeof listener !== "function") throw new SaringError("an outbox listener must be a function", { kind: "input" });
    if (!listeners.has(event)) listeners.set(event, new Set());
    // Wrapped, so that the same function added twice is called twice and removed once.
    const wrapped = (value) => listener(value);
    listeners.get(event).add(wrapped);
    return () => listeners.get(event)?.delete(wrapped);
  }

  async function list(filter) {
    await ready;
    return [...entries.values()].filter(filter).map(snapshot);
  }

  function close() {
    if (!closed) {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      channel?.close();
      target?.removeEventListener("online", onWindowOnline);
      target?.removeEventListener("offline", onWindowOffline);
      for (const controller of controllers) controller.abort();
    }
    // Resolves once what was started is written.
    return (round ?? Promise.resolve()).then(() => writing);
  }

  return {
    enqueue,
    on,
    pending: () => list((entry) => entry.state !== "acknowledged"),
    entries: () => list(() => true),
    flush,
    close,
  };
}

function positive(value, fallback, name) {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
    throw new SaringError(`createOutbox: \`${name}\` must be a positive number`, { kind: "input", field: name });
  }
  return value;
}

/** Refuses what must never be sent: anything private, anything not a built report. */
function checkReport(report) {
  if (report === null || typeof report !== "object") {
    throw new SaringError("enqueue takes a report made by screener.buildReport(...)", { kind: "input" });
  }
  const findings = Array.isArray(report.findings) ? report.findings : [];
  if (report.scope === "private" || findings.some((finding) => finding?.scope === "private")) {
    throw new SaringError("a private screening never becomes a report: private messages stay on this device", {
      kind: "private-scope",
    });
  }
  if (typeof report.idempotency_key !== "string" || !/^[0-9a-f]{64}$/.test(report.idempotency_key)) {
    throw new SaringError("enqueue takes a report made by screener.buildReport(...): it has no idempotency_key", {
      kind: "input",
      field: "idempotency_key",
    });
  }
}

function snapshot(entry) {
  const copy = stored(entry);
  copy.report = structuredClone(entry.report);
  return copy;
}

/**
 * The reports an outbox keeps on this device (the same `storage` or `file` options), read
 * without sending anything: where no token is at hand yet (a new tab of the dashboard), the page
 * can still show which reports are waiting. Entries as `outbox.entries()` gives them; one that
 * was being sent when the page went away is "queued" again, as the outbox would make it.
 */
export async function readOutbox(options = {}) {
  return (await restore(chooseStorage(options))).map(snapshot);
}

/** The entries `storage` keeps, as an outbox takes them up again: those that are entries at all. */
async function restore(storage) {
  const loaded = await storage.load();
  if (!Array.isArray(loaded)) {
    throw new SaringError("the outbox storage's load() must resolve to an array of entries", { kind: "io" });
  }
  return normalised(loaded);
}

/** The stored entries that are entries at all, as an outbox takes them up (copies). */
function normalised(list) {
  return list
    .filter((entry) => entry && typeof entry.key === "string" && entry.report)
    .map((entry) => ({
      ...entry,
      // "sending" when its page went away, or while another outbox sends it: whether the API
      // got it is unknown, so it is sent again (the API stores it once).
      state: entry.state === "sending" || !STATES.has(entry.state) ? "queued" : entry.state,
      attempts: entry.attempts | 0,
      nextAttemptAt: +entry.nextAttemptAt || 0,
      // Acknowledged before this field existed: its time is unknown, so the pruning clock starts now.
      acknowledgedAt: entry.state === "acknowledged" && !(entry.acknowledgedAt > 0) ? Date.now() : entry.acknowledgedAt,
      updatedAt: +entry.updatedAt || 0,
    }));
}

/**
 * Whether `own` stays rather than `other`, two copies of one entry: an acknowledged copy wins
 * (the API has the report), then the one changed last; on a tie, this outbox's.
 */
function newer(own, other) {
  if ((own.state === "acknowledged") !== (other.state === "acknowledged")) return own.state === "acknowledged";
  return own.updatedAt >= other.updatedAt;
}

/**
 * Replaces what `storage` holds with `merge(what it holds)`: in one step where the storage can
 * (`update`, as the built-in ones do), else by `load` then `save`.
 */
async function update(storage, merge) {
  if (typeof storage.update === "function") return storage.update(merge);
  return storage.save(merge(await storage.load()));
}

/** The entry as storage keeps it (the report object is shared, not copied). */
function stored(entry) {
  const copy = {
    key: entry.key,
    report: entry.report,
    state: entry.state,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt,
  };
  for (const field of ["id", "error", "status", "acknowledgedAt", "updatedAt"]) {
    if (entry[field] !== undefined) copy[field] = entry[field];
  }
  return copy;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function serverMessage(body, status) {
  const message = body?.error?.message;
  return typeof message === "string" && message !== "" ? message : `HTTP ${status}`;
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(value) {
  if (value == null || value.trim() === "") return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** A network error's message, with the system's code (ECONNREFUSED, …) when there is one. */
function networkMessage(error) {
  const code = error?.cause?.code ?? error?.code;
  const message = typeof error?.message === "string" ? error.message : "network error";
  return code ? `${message} (${code})` : message;
}

/** Whether process `pid` of this host is running (signal 0 tests without sending anything). */
function processAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM"; // running, as another user
  }
}

function isNode() {
  return typeof process !== "undefined" && process.versions != null && process.versions.node != null;
}

function chooseStorage(options) {
  const { storage, file } = options;
  if (storage !== undefined) {
    if (!storage || typeof storage.load !== "function" || typeof storage.save !== "function") {
      throw new SaringError("createOutbox: `storage` must be { load(), save(entries) }", {
        kind: "input",
        field: "storage",
      });
    }
    return storage;
  }
  if (file === undefined && typeof indexedDB !== "undefined") return indexedDbStorage(DEFAULT_DATABASE);
  if (isNode()) return fileStorage(file ?? DEFAULT_FILE);
  throw new SaringError("createOutbox: no IndexedDB here; pass `storage: { load, save }`", {
    kind: "input",
    field: "storage",
  });
}

/** Entries in an IndexedDB object store, one record per entry, written with strict durability. */
function indexedDbStorage(name) {
  let opening = null;
  const open = () =>
    (opening ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore("entries", { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    }).catch((error) => {
      opening = null;
      throw new SaringError(`outbox database ${name}: ${error?.message ?? error}`, { kind: "io" });
    }));
  const done = (transaction, result) =>
    new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve(result?.result);
      transaction.onerror = transaction.onabort = () =>
        reject(new SaringError(`outbox database ${name}: ${transaction.error?.message ?? "aborted"}`, { kind: "io" }));
    });
  return {
    async load() {
      const transaction = (await open()).transaction("entries", "readonly");
      const request = transaction.objectStore("entries").getAll();
      return (await done(transaction, request)) ?? [];
    },
    async save(list) {
      await this.update(() => list);
    },
    /** Reads, merges and writes in one transaction, which other tabs' transactions wait for. */
    async update(merge) {
      const transaction = (await open()).transaction("entries", "readwrite", { durability: "strict" });
      const store = transaction.objectStore("entries");
      const request = store.getAll();
      let failure = null;
      request.onsuccess = () => {
        try {
          const list = merge(request.result);
          store.clear();
          for (const entry of list) store.put(entry);
        } catch (error) {
          failure = error;
          transaction.abort();
        }
      };
      try {
        await done(transaction);
      } catch (error) {
        throw failure ?? error;
      }
    },
    /** The channel on which the outboxes of this database tell each other of their writes. */
    shared: `saring-outbox:${name}`,
  };
}

/**
 * Entries in a JSON file (Node), replaced atomically: a synced temporary file, then rename. A
 * write holds `PATH.lock` (made exclusively), so outboxes of several processes on one file read
 * and merge each other's entries instead of overwriting them.
 */
function fileStorage(path) {
  let fs = null;
  const io = (error) => new SaringError(`outbox file ${path}: ${error.message}`, { kind: "io", file: path });
  const lockPath = `${path}.lock`;

  /**
   * Takes the lock `PATH.lock`, made exclusively and naming its holder (`{ pid, host, token }`),
   * and returns what it holds. A lock whose process is gone (this host, no such pid) was left by
   * a crash and is broken at once; a live holder's, or another host's, is waited for and never
   * broken: a paused process still holds it.
   */
  async function lock() {
    const host = (await import("node:os")).hostname();
    // The token tells this holder from a later one of the same process; it guards nothing.
    const token = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const holder = JSON.stringify({ pid: process.pid, host, token });
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await fs.open(lockPath, "wx", 0o600);
        try {
          await handle.writeFile(holder);
        } finally {
          await handle.close();
        }
        return holder;
      } catch (error) {
        if (error.code !== "EEXIST") throw io(error);
      }
      if (await breakAbandonedLock(host)) continue;
      if (Date.now() > deadline) {
        throw new SaringError(
          `outbox file ${path}: ${lockPath} has been held for ${LOCK_WAIT_MS} ms by another outbox; ` +
            "remove it if no process uses this file",
          { kind: "io", file: path },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }

  /**
   * Removes the lock if its holder is gone. It is renamed aside first, so that of several
   * processes breaking it one does, and read again there: a lock another process took in
   * between is put back.
   */
  async function breakAbandonedLock(host) {
    const seen = await fs.readFile(lockPath, "utf8").catch(() => null);
    if (seen === null) return true; // given back meanwhile
    const named = parseJson(seen);
    const abandoned = named
      ? named.host === host && !processAlive(named.pid)
      : await fs.stat(lockPath).then((stat) => Date.now() - stat.mtimeMs > UNNAMED_LOCK_MS, () => true);
    if (!abandoned) return false;
    const aside = `${lockPath}.${process.pid}.${temporaryFiles++}.broken`;
    try {
      await fs.rename(lockPath, aside);
    } catch {
      return true; // another process broke it first
    }
    if ((await fs.readFile(aside, "utf8").catch(() => null)) !== seen) {
      await fs.link(aside, lockPath).catch(() => {});
    }
    await fs.rm(aside, { force: true });
    return true;
  }

  /** Gives the lock back, if it is still the one `holder` took. */
  async function unlock(holder) {
    if ((await fs.readFile(lockPath, "utf8").catch(() => null)) === holder) {
      await fs.rm(lockPath, { force: true });
    }
  }

  async function write(list) {
    const temporary = `${path}.${process.pid}.${temporaryFiles++}.tmp`;
    try {
      const handle = await fs.open(temporary, "w", 0o600);
      try {
        await handle.writeFile(JSON.stringify({ format: FILE_FORMAT, entries: list }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, path);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => {});
      throw io(error);
    }
  }

  return {
    async save(list) {
      await this.update(() => list);
    },
    /** Reads, merges and writes while holding the lock. */
    async update(merge) {
      fs ??= await import("node:fs/promises");
      const holder = await lock();
      try {
        await write(merge(await this.load()));
      } finally {
        await unlock(holder);
      }
    },
    async load() {
      fs ??= await import("node:fs/promises");
      let text;
      try {
        text = await fs.readFile(path, "utf8");
      } catch (error) {
        if (error.code === "ENOENT") return [];
        throw io(error);
      }
      const data = parseJson(text);
      if (!data || data.format !== FILE_FORMAT || !Array.isArray(data.entries)) {
        // Never overwrite what cannot be read: it may hold reports not yet sent.
        throw new SaringError(`outbox file ${path} is not a ${FILE_FORMAT} file; it was left as it is`, {
          kind: "io",
          file: path,
        });
      }
      return data.entries;
    },
  };
}
