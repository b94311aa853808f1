// Reports of public posts: screener.buildReport → the package's outbox (IndexedDB), which sends
// them to the moderation API until acknowledged, across reloads and outages. This module keeps
// the latest state of each reported post for the feed, and tells the page when the API is
// unreachable.

import { createOutbox, readOutbox } from "../saring/saring.js";
import { emit, on } from "./state.js";
import { getToken, apiBase } from "./settings.js";

let outbox = null;
let token = "";
/** `${channel_id}/${post_id}` → { phase, id, error, key } */
const statuses = new Map();

export function postKey(channelId, postId) {
  return `${channelId}/${postId}`;
}

function phaseOf(entry, event) {
  if (event === "needs-token") return "needsToken";
  if (event === "retry") return "waiting";
  if (event === "sent") return "sending";
  if (event === "failed-permanently") return "failed";
  if (entry.state === "queued" && entry.error) return "waiting";
  if (entry.state === "sending") return "sending";
  if (entry.state === "failed") return "failed";
  return entry.state; // queued, acknowledged
}

function record(entry, event) {
  const key = postKey(entry.report.channel_id, entry.report.post_id);
  statuses.set(key, { phase: phaseOf(entry, event), id: entry.id, error: entry.error, key: entry.key });
  emit("report-status", { postKey: key });
}

/** The latest report state of a post, or undefined if it was never reported. */
export function statusOf(channelId, postId) {
  return statuses.get(postKey(channelId, postId));
}

/** (Re)creates the outbox for the current reporter token; restores the states of past reports. */
export async function startOutbox() {
  const next = getToken("reporter");
  if (outbox && next === token) return outbox;
  if (outbox) await outbox.close();
  outbox = null;
  token = next;
  if (!token) {
    // No reporter token in this tab (tokens live in sessionStorage unless remembered): nothing
    // is sent, but the reports waiting on this device are shown as waiting for one.
    const kept = await readOutbox().catch(() => []);
    for (const entry of kept) record(entry, entry.state === "queued" ? "needs-token" : undefined);
    return null;
  }
  const created = createOutbox({ endpoint: apiBase(), token, retry: { baseMs: 500, maxMs: 15_000 } });
  outbox = created;
  for (const event of ["queued", "sent", "acknowledged", "retry", "failed-permanently"]) {
    created.on(event, ({ entry }) => {
      if (created === outbox && entry) record(entry, event);
    });
  }
  created.on("offline", () => created === outbox && emit("api", { online: false }));
  created.on("online", () => created === outbox && emit("api", { online: true }));
  for (const entry of await created.entries()) record(entry);
  return created;
}

/** Builds the report of a flagged public post and puts it in the outbox. */
export async function reportPost(screener, screening, post) {
  const box = await startOutbox();
  if (!box) throw Object.assign(new Error("no reporter token"), { code: "no-token" });
  const report = screener.buildReport(screening, {
    channelId: post.channelId,
    postId: post.postId,
    channelUsername: post.channelUsername,
    postUrl: `https://t.me/${post.channelUsername}/${post.postId}`,
  });
  const entry = await box.enqueue(report);
  // The outbox's events already told of a new entry; an existing one (same post) tells nothing.
  if (!statuses.has(postKey(post.channelId, post.postId))) record(entry);
  return entry;
}

export async function flushOutbox() {
  await outbox?.flush();
}

export async function outboxCounts() {
  if (!outbox) return null;
  const entries = await outbox.entries();
  const count = (state) => entries.filter((entry) => entry.state === state).length;
  // Refused reports wait for nothing: they are counted apart, as the feed shows them.
  const [acknowledged, failed] = [count("acknowledged"), count("failed")];
  return { pending: entries.length - acknowledged - failed, acknowledged, failed };
}

on("tokens", () => {
  startOutbox().catch(() => {});
});
