// saring's service worker: the one screener of the extension (built once per worker start, not
// per tab) and the report outbox. Content scripts on https://t.me/s/* send it post texts and get
// screenings back; a Report click comes here as well, is re-screened, built into a report and
// put in the package's outbox (IndexedDB), which delivers it to the moderation API once —
// also after this worker was stopped and started again (an alarm wakes it while reports wait).
//
// The worker talks to nothing but the configured API. Post text never leaves the browser except
// inside a report the moderator asked for.

import init, { createOutbox } from "./saring/saring.js";
import { buildScreener, loadSettings } from "./packs.js";

// The API token lives in chrome.storage.local: only the extension's own pages and this worker
// may read it, never a content script (which runs inside the page's process).
// (The test checks that it holds; a browser without setAccessLevel keeps the default.)
try {
  chrome.storage.local.setAccessLevel?.({ accessLevel: "TRUSTED_CONTEXTS" })?.catch(() => {});
} catch {
  // not supported for this storage area here
}

const REPORTABLE = new Set(["review", "block"]);
/** `channel/123`, as in Telegram's `data-post`. */
const POST = /^([A-Za-z0-9_]{1,64})\/([0-9]{1,15})$/;
const MAX_POSTS_PER_MESSAGE = 200;
const ALARM = "saring-outbox";

// ---- the screener -----------------------------------------------------------------------

let screening = null; // Promise<{ screener, error }>

function screener() {
  screening ??= (async () => {
    await init(chrome.runtime.getURL("saring/saring_wasm_bg.wasm"));
    const settings = await loadSettings();
    try {
      return { screener: await buildScreener(settings), error: null };
    } catch (error) {
      // The options page checks a pack before saving it; should one still fail, screen with the
      // embedded defaults rather than not at all, and say so in the popup.
      return { screener: await buildScreener(), error: error.message };
    }
  })();
  screening.catch(() => {
    screening = null;
  });
  return screening.then(({ screener }) => screener);
}

/** A screening as the content script needs it: verdict and findings, nothing else. */
function summary(result) {
  return {
    verdict: result.verdict,
    findings: result.findings.map(({ rule, category, severity, start, end, explain }) => ({
      rule,
      category,
      severity,
      start,
      end,
      explain,
    })),
  };
}

async function screenPosts(posts) {
  if (!Array.isArray(posts) || posts.length > MAX_POSTS_PER_MESSAGE) throw new Error("bad request");
  const states = await reportStates();
  const s = await screener(); // used at once: a pack change frees the previous screener
  return posts.map(({ post, text }) => {
    if (typeof post !== "string" || typeof text !== "string") return { post, error: "bad request" };
    try {
      return { post, ...summary(s.screen(text, { scope: "public" })), report: states.get(post) ?? null };
    } catch (error) {
      return { post, error: error.message }; // text-too-long: named limit
    }
  });
}

// ---- reports ----------------------------------------------------------------------------

let current = null; // { config, outbox, online, lastError }
/** idempotency key → tab id of the page that asked, to tell it how delivery went. */
const watchers = new Map();

/** The outbox for the configured API and token, or null when they are not set. */
async function outbox() {
  const { apiUrl, token } = await loadSettings();
  if (!apiUrl || !token) {
    closeOutbox();
    return null;
  }
  const config = `${apiUrl}\n${token}`;
  if (current?.config === config) return current.outbox;
  closeOutbox();
  const box = createOutbox({ endpoint: apiUrl, token, retry: { baseMs: 1000, maxMs: 5 * 60_000 } });
  current = { config, outbox: box, online: true, lastError: null };
  const mine = current;
  const tell = (state) => ({ key, entry, id, error }) => {
    const tabId = watchers.get(key);
    if (state !== "waiting") watchers.delete(key);
    if (state === "waiting") mine.lastError = error ?? null;
    if (tabId === undefined || !entry) return;
    const post = `${entry.report.channel_id}/${entry.report.post_id}`;
    chrome.tabs.sendMessage(tabId, { type: "report-status", post, state, id, error }).catch(() => {});
  };
  box.on("acknowledged", tell("acknowledged"));
  box.on("failed-permanently", tell("failed"));
  box.on("retry", tell("waiting"));
  box.on("acknowledged", () => settle(box));
  box.on("failed-permanently", () => settle(box));
  box.on("offline", ({ error }) => Object.assign(mine, { online: false, lastError: error ?? null }));
  box.on("online", () => Object.assign(mine, { online: true, lastError: null }));
  settle(box);
  return box;
}

function closeOutbox() {
  current?.outbox.close();
  current = null;
}

/** Keeps an alarm while reports wait, so a stopped worker wakes up to send them. */
async function settle(box) {
  try {
    const pending = (await box.pending()).filter((entry) => entry.state !== "failed");
    if (pending.length > 0) await chrome.alarms.create(ALARM, { periodInMinutes: 1 });
    else await chrome.alarms.clear(ALARM);
  } catch {
    // Storage unreadable right now: the outbox reports that itself on its next attempt.
  }
}

/** `channel/post` → state of its report, for posts reported earlier. */
async function reportStates() {
  const box = current?.outbox ?? (await outbox().catch(() => null));
  const states = new Map();
  if (!box) return states;
  for (const entry of await box.entries()) {
    states.set(`${entry.report.channel_id}/${entry.report.post_id}`, entry.state === "sending" ? "queued" : entry.state);
  }
  return states;
}

async function report({ post, text }, tabId) {
  const match = typeof post === "string" ? POST.exec(post) : null;
  if (!match || typeof text !== "string") throw new Error("bad request");
  const box = await outbox();
  if (!box) throw new Error("set the moderation API and token in the extension's options first");
  const s = await screener();
  const result = s.screen(text, { scope: "public" });
  if (!REPORTABLE.has(result.verdict)) throw new Error(`a post with verdict ${result.verdict} is not reported`);
  const [, channel, postId] = match;
  const built = s.buildReport(result, {
    channelId: channel,
    channelUsername: channel,
    postId,
    postUrl: `https://t.me/${channel}/${postId}`,
  });
  if (tabId !== undefined) watchers.set(built.idempotency_key, tabId);
  const entry = await box.enqueue(built);
  settle(box);
  return { state: entry.state === "sending" ? "queued" : entry.state, id: entry.id };
}

async function status() {
  const settings = await loadSettings();
  const { error } = await (screening ?? Promise.resolve({ error: null })).catch(() => ({ error: null }));
  const box = await outbox();
  const counts = { queued: 0, acknowledged: 0, failed: 0 };
  if (box) {
    for (const entry of await box.entries()) {
      counts[entry.state === "sending" ? "queued" : entry.state] += 1;
    }
  }
  return {
    configured: Boolean(box),
    api: settings.apiUrl,
    online: current?.online ?? true,
    lastError: current?.lastError ?? null,
    packError: error,
    counts,
  };
}

// ---- messages ---------------------------------------------------------------------------

const PAGE = "https://t.me/s/";
const OWN = chrome.runtime.getURL("");

chrome.runtime.onMessage.addListener((message, sender, respond) => {
  if (sender.id !== chrome.runtime.id) return false;
  const fromPage = typeof sender.url === "string" && sender.url.startsWith(PAGE) && sender.tab;
  const fromExtension = typeof sender.url === "string" && sender.url.startsWith(OWN);
  let work;
  if (message?.type === "screen" && fromPage) work = screenPosts(message.posts).then((results) => ({ results }));
  else if (message?.type === "report" && fromPage) work = report(message, sender.tab.id);
  else if (message?.type === "status" && fromExtension) work = status();
  else if (message?.type === "flush" && fromExtension) work = outbox().then((box) => box?.flush()).then(status);
  else return false;
  work.then(
    (value) => respond({ ok: true, value }),
    (error) => respond({ ok: false, error: error?.message ?? String(error) }),
  );
  return true; // answered asynchronously
});

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== "local") return;
  if ("disabledPacks" in changes || "customPack" in changes) {
    const old = screening;
    screening = null;
    old?.then(({ screener }) => screener.free()).catch(() => {});
  }
  if ("apiUrl" in changes || "token" in changes) closeOutbox();
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) outbox().then((box) => box?.flush()).catch(() => {});
});

// A worker started for any reason picks up reports that were waiting.
outbox().catch(() => {});
