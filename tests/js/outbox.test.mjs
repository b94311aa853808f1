// The report outbox of the built npm package against the real moderation API (`saring-server`
// on 127.0.0.1 with a temporary SQLite file): stored before it is sent, delivered once, retried
// while the API is down, resumed after a reload, refused for good on a 4xx, paced by Retry-After.
import test from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readFileSync, existsSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import init, { Screener, SaringError, createOutbox, readOutbox } from "../../npm/dist/saring.js";
import { REPORTER, fixture, freePort, rows, startServer } from "./support/server.mjs";

// Nothing in the outbox may write to the console (report text and tokens never reach a log).
const consoleCalls = [];
for (const method of ["log", "info", "warn", "error", "debug", "trace"]) {
  const original = console[method];
  console[method] = (...args) => {
    consoleCalls.push([method, args]);
    original.apply(console, args);
  };
}

await init();
const screener = Screener.fromPacks([
  { name: "tests/cases/pack.toml", toml: await readFile(new URL("../cases/pack.toml", import.meta.url), "utf8") },
]);
const TEXT = "🔥 info s l 0 t g4c0r malam ini, depo 10rb";

function reportOf(postId, text = TEXT) {
  return screener.buildReport(screener.screen(text), {
    channelId: "-1001987654321",
    postId: String(postId),
    channelUsername: "infogacor_id",
    postUrl: `https://t.me/infogacor_id/${postId}`,
  });
}

/** `fetch` that records every request: `{ at, key, headers, body, status? }`. */
function recordingFetch() {
  const calls = [];
  const wrapped = async (url, init) => {
    const call = { at: Date.now(), url, headers: init.headers, body: init.body, key: init.headers["Idempotency-Key"] };
    calls.push(call);
    wrapped.onCall?.(call);
    const response = await fetch(url, init);
    call.status = response.status;
    call.answeredAt = Date.now();
    return response;
  };
  wrapped.calls = calls;
  return wrapped;
}

/** Collects every event of an outbox, in order. */
function recordEvents(outbox) {
  const events = [];
  for (const name of ["queued", "sent", "acknowledged", "failed-permanently", "retry", "offline", "online"]) {
    outbox.on(name, (detail) => events.push({ name, at: Date.now(), ...detail }));
  }
  return events;
}

async function until(what, check, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const allIn = (outbox, state) => async () => (await outbox.entries()).every((entry) => entry.state === state);

function memoryStorage() {
  let saved = [];
  return {
    saves: 0,
    async load() {
      return structuredClone(saved);
    },
    async save(entries) {
      this.saves += 1;
      saved = structuredClone(entries);
    },
  };
}

test("a report is on disk before it is sent, then acknowledged: one row, and a reload does not resend it", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const server = await startServer(fix);
  t.after(() => server.stop());
  const file = join(fix.dir, "outbox.json");
  const report = reportOf(1287);
  const send = recordingFetch();
  send.onCall = (call) => {
    const stored = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(stored.entries.find((entry) => entry.key === call.key)?.state, "queued", "stored before it is sent");
  };
  const outbox = createOutbox({ endpoint: server.base, token: REPORTER, file, fetch: send });
  t.after(() => outbox.close());
  const events = recordEvents(outbox);

  const entry = await outbox.enqueue(report);
  assert.equal(entry.key, report.idempotency_key);
  assert.equal(entry.state, "queued");
  assert.deepEqual(entry.report, report);
  await until("the acknowledgement", allIn(outbox, "acknowledged"));
  await outbox.close();

  assert.equal(send.calls.length, 1);
  const [call] = send.calls;
  assert.equal(call.url, `${server.base}/v1/reports`);
  assert.deepEqual(call.headers, {
    Authorization: `Bearer ${REPORTER}`,
    "Content-Type": "application/json",
    "Idempotency-Key": report.idempotency_key,
  });
  assert.deepEqual(JSON.parse(call.body), report);
  const stored = await rows(fix, server.base);
  assert.equal(stored.length, 1);
  const [acknowledged] = await outbox.entries();
  assert.equal(acknowledged.id, stored[0].id);
  assert.equal(acknowledged.status, 201);
  assert.equal(acknowledged.attempts, 1);
  assert.deepEqual(await outbox.pending(), []);
  assert.deepEqual(
    events.map((event) => event.name),
    ["queued", "sent", "acknowledged"],
  );
  assert.equal(events[2].id, stored[0].id);
  assert.equal(events[2].entry.state, "acknowledged");

  const onDisk = readFileSync(file, "utf8");
  assert.equal(JSON.parse(onDisk).entries[0].state, "acknowledged");
  assert.ok(!onDisk.includes(REPORTER), "the token is never stored");

  // A reload: the acknowledged report is not sent again, even by flush().
  const again = recordingFetch();
  const reloaded = createOutbox({ endpoint: server.base, token: REPORTER, file, fetch: again });
  assert.equal((await reloaded.entries())[0].state, "acknowledged");
  await reloaded.flush();
  assert.equal((await reloaded.enqueue(report)).state, "acknowledged", "enqueued again: the same entry");
  await new Promise((resolve) => setTimeout(resolve, 100));
  await reloaded.close();
  assert.equal(again.calls.length, 0);
  assert.equal((await rows(fix, server.base)).length, 1);
});

test("the same report enqueued twice, even built twice, is one entry and one row", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const server = await startServer(fix);
  t.after(() => server.stop());
  const send = recordingFetch();
  const outbox = createOutbox({ endpoint: server.base, token: REPORTER, storage: memoryStorage(), fetch: send });
  t.after(() => outbox.close());
  const [first, second] = await Promise.all([outbox.enqueue(reportOf(7)), outbox.enqueue(reportOf(7))]);
  assert.equal(first.key, second.key);
  await until("the acknowledgement", allIn(outbox, "acknowledged"));
  await outbox.enqueue(reportOf(7));
  await outbox.flush();
  await outbox.close();
  assert.equal((await outbox.entries()).length, 1);
  assert.equal(send.calls.length, 1);
  assert.equal((await rows(fix, server.base)).length, 1);
});

test("acknowledged entries are pruned, oldest first and after their time; pending ones never", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const server = await startServer(fix);
  t.after(() => server.stop());
  const storage = memoryStorage();
  const outbox = createOutbox({ endpoint: server.base, token: REPORTER, storage, keepAcknowledged: 2 });
  t.after(() => outbox.close());
  for (const post of [101, 102, 103]) {
    await outbox.enqueue(reportOf(post));
    await until(`post ${post} acknowledged`, allIn(outbox, "acknowledged"));
  }
  const kept = await outbox.entries();
  assert.deepEqual(kept.map((entry) => entry.report.post_id), ["102", "103"]);
  assert.ok(kept.every((entry) => entry.acknowledgedAt > 0));
  assert.deepEqual((await storage.load()).map((entry) => entry.report.post_id), ["102", "103"], "pruned in storage too");
  assert.equal((await rows(fix, server.base)).length, 3, "the API keeps every report");
  await outbox.close();

  // A reload with a queued report and acknowledged ones past their time: only the queued one stays.
  const saved = await storage.load();
  saved[0].acknowledgedAt = Date.now() - 40 * 24 * 3600 * 1000;
  saved.push({ key: reportOf(104).idempotency_key, report: reportOf(104), state: "queued", attempts: 0, nextAttemptAt: 0 });
  const old = { load: async () => saved, save: async () => {} };
  const offline = async () => {
    throw new TypeError("fetch failed");
  };
  const reloaded = createOutbox({ endpoint: server.base, token: REPORTER, storage: old, fetch: offline, keepAcknowledgedMs: 30 * 24 * 3600 * 1000 });
  t.after(() => reloaded.close());
  assert.deepEqual(
    (await reloaded.entries()).map((entry) => [entry.report.post_id, entry.state]),
    [
      ["103", "acknowledged"],
      ["104", "queued"],
    ],
  );
  assert.throws(() => createOutbox({ endpoint: server.base, token: REPORTER, keepAcknowledged: 0 }), /keepAcknowledged/);
});

test("while the API is down the outbox backs off and retries; once it is up the report arrives once", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const port = await freePort();
  const send = recordingFetch();
  const outbox = createOutbox({
    endpoint: `http://127.0.0.1:${port}`,
    token: REPORTER,
    storage: memoryStorage(),
    fetch: send,
    retry: { baseMs: 20, maxMs: 200 },
  });
  t.after(() => outbox.close());
  const events = recordEvents(outbox);
  await outbox.enqueue(reportOf(99));
  await until("three retries", () => events.filter((event) => event.name === "retry").length >= 3);
  const offline = events.filter((event) => event.name === "offline");
  assert.equal(offline.length, 1, "offline once, not once per attempt");
  assert.match(offline[0].error, /ECONNREFUSED/);
  const [pending] = await outbox.pending();
  assert.equal(pending.state === "queued" || pending.state === "sending", true);
  assert.match(pending.error, /ECONNREFUSED/);
  // Backoff: the attempts spread out instead of hammering the port.
  const gaps = send.calls.slice(1).map((call, i) => call.at - send.calls[i].at);
  assert.ok(send.calls.length < 40, `${send.calls.length} attempts before the API came up`);

  const server = await startServer(fix, { port });
  t.after(() => server.stop());
  await until("the acknowledgement", allIn(outbox, "acknowledged"));
  assert.equal(events.filter((event) => event.name === "online").length, 1);
  assert.equal(events.filter((event) => event.name === "acknowledged").length, 1);
  assert.equal((await rows(fix, server.base)).length, 1);
  assert.ok(gaps.length >= 2);
});

test("a new outbox over the same file resumes the reports that were pending; readOutbox shows them unsent", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const port = await freePort();
  const file = join(fix.dir, "outbox.json");
  const options = { endpoint: `http://127.0.0.1:${port}`, token: REPORTER, file, retry: { baseMs: 20, maxMs: 100 } };
  const before = createOutbox(options);
  t.after(() => before.close());
  const retries = [];
  before.on("retry", (detail) => retries.push(detail));
  const reports = [reportOf(1), reportOf(2), reportOf(3)];
  for (const report of reports) await before.enqueue(report);
  await until("a retry", () => retries.length >= 3);
  await before.close(); // the page goes away with three reports unsent
  // Read without a token and without sending: what a page with no token yet can show.
  const kept = await readOutbox({ file });
  assert.deepEqual(kept.map((entry) => [entry.state, entry.report.post_id]), [["queued", "1"], ["queued", "2"], ["queued", "3"]]);
  assert.deepEqual(await readOutbox({ file: join(fix.dir, "none.json") }), []);

  const server = await startServer(fix, { port });
  t.after(() => server.stop());
  const after = createOutbox(options);
  t.after(() => after.close());
  assert.equal((await after.pending()).length, 3);
  await until("the acknowledgements", allIn(after, "acknowledged")); // no flush(): it resumes by itself
  const stored = await rows(fix, server.base);
  assert.deepEqual(stored.map((row) => row.key).sort(), reports.map((report) => report.idempotency_key).sort());
  assert.ok(!existsSync(`${file}.tmp`));
});

test("outboxes of several processes on one file lose none of each other's reports, nor wait on a dead one's lock", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const port = await freePort();
  const file = join(fix.dir, "outbox.json");
  // Each process queues 15 reports, one at a time, while the API is down, then goes away.
  const writer = (first) => `
    import init, { Screener, createOutbox } from ${JSON.stringify(new URL("../../npm/dist/saring.js", import.meta.url).href)};
    await init();
    const screener = Screener.withDefaults();
    const outbox = createOutbox({ endpoint: "http://127.0.0.1:${port}", token: "t", file: ${JSON.stringify(file)},
      retry: { baseMs: 5, maxMs: 20 } });
    for (let post = ${first}; post < ${first + 15}; post++) {
      await outbox.enqueue(screener.buildReport(screener.screen("slot gacor maxwin"), { channelId: "-1", postId: String(post) }));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await outbox.close();`;
  const run = (script) =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "ignore", "pipe"] });
      let errors = "";
      child.stderr.on("data", (chunk) => (errors += chunk));
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${errors}`))));
    });
  // A process that died holding the lock left it behind: the four break it at once, together.
  const dead = await new Promise((resolve) => {
    const child = spawn(process.execPath, ["-e", ""]);
    child.on("exit", () => resolve(child.pid));
  });
  writeFileSync(`${file}.lock`, JSON.stringify({ pid: dead, host: hostname(), token: "left-by-a-crash" }));
  const started = Date.now();
  await Promise.all([run(writer(100)), run(writer(200)), run(writer(300)), run(writer(400))]);
  assert.ok(Date.now() - started < 14_000, "nobody waited out the lock of a dead process");
  const kept = await readOutbox({ file });
  assert.equal(kept.length, 60, "every report of every process is on disk");
  assert.ok(kept.every((entry) => entry.state === "queued"));
  assert.ok(!existsSync(`${file}.lock`), "the lock is given back");

  const server = await startServer(fix, { port });
  t.after(() => server.stop());
  const outbox = createOutbox({ endpoint: server.base, token: REPORTER, file, retry: { baseMs: 20, maxMs: 100 } });
  t.after(() => outbox.close());
  await until("the acknowledgements", allIn(outbox, "acknowledged"));
  assert.equal((await rows(fix, server.base)).length, 60);
});

test("a 4xx fails for good with the API's message, without retries; enqueued again it can still go", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const server = await startServer(fix);
  t.after(() => server.stop());
  const storage = memoryStorage();
  const send = recordingFetch();
  const options = { endpoint: server.base, storage, fetch: send, retry: { baseMs: 5, maxMs: 20 } };
  const wrong = createOutbox({ ...options, token: "not-a-token-of-this-server-0000" });
  t.after(() => wrong.close());
  const events = recordEvents(wrong);
  await wrong.enqueue(reportOf(11));
  await wrong.enqueue(reportOf(12));
  await until("both failures", allIn(wrong, "failed"));
  await new Promise((resolve) => setTimeout(resolve, 300));
  await wrong.flush();
  await wrong.close();
  assert.equal(send.calls.length, 2, "one request per report, no retry storm");
  assert.equal(events.filter((event) => event.name === "retry").length, 0);
  const failures = events.filter((event) => event.name === "failed-permanently");
  assert.deepEqual(
    failures.map((event) => [event.status, event.error]),
    [
      [401, "unknown token"],
      [401, "unknown token"],
    ],
  );
  const pending = await wrong.pending();
  assert.deepEqual(
    pending.map((entry) => [entry.state, entry.status, entry.error]),
    [
      ["failed", 401, "unknown token"],
      ["failed", 401, "unknown token"],
    ],
  );

  // A report the API finds invalid: the message names what is wrong.
  const right = createOutbox({ ...options, token: REPORTER });
  t.after(() => right.close());
  const broken = { ...reportOf(13), text: `${TEXT}!` };
  await right.enqueue(broken);
  await until("the refusal", async () => (await right.entries()).find((entry) => entry.key === broken.idempotency_key).state === "failed");
  const refused = (await right.entries()).find((entry) => entry.key === broken.idempotency_key);
  assert.equal(refused.status, 422);
  assert.match(refused.error, /is not the SHA-256 of the text/);

  // With the right token, the failed reports enqueued again are delivered: still one entry each.
  await right.enqueue(reportOf(11));
  await right.enqueue(reportOf(12));
  await until("the acknowledgements", async () => (await right.pending()).length === 1);
  await right.close();
  assert.equal((await right.entries()).length, 3);
  assert.equal((await rows(fix, server.base)).length, 2);
});

test("429: the outbox waits as long as Retry-After says, whatever its own backoff", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  // 60 a minute: a burst of 60, then one a second; the server says Retry-After: 1.
  const server = await startServer(fix, { extra: ["--rate-limit", "60"] });
  t.after(() => server.stop());
  const send = recordingFetch();
  const outbox = createOutbox({
    endpoint: server.base,
    token: REPORTER,
    storage: memoryStorage(),
    fetch: send,
    retry: { baseMs: 5, maxMs: 20 },
  });
  t.after(() => outbox.close());
  const events = recordEvents(outbox);
  const reports = Array.from({ length: 62 }, (_, i) => reportOf(1000 + i));
  await Promise.all(reports.map((report) => outbox.enqueue(report)));
  await until("every acknowledgement", allIn(outbox, "acknowledged"), 20_000);
  await outbox.close();

  const limited = send.calls.filter((call) => call.status === 429);
  assert.ok(limited.length >= 1, "the burst went over the limit");
  const first = limited[0];
  const startedAfter = send.calls.filter((call) => call.at > first.answeredAt);
  assert.ok(startedAfter.length >= 1);
  const wait = startedAfter[0].at - first.answeredAt;
  assert.ok(wait >= 950, `the next request went ${wait} ms after a 429 with Retry-After: 1`);
  const retry = events.find((event) => event.name === "retry" && event.status === 429);
  assert.ok(retry.delayMs >= 900, `delay ${retry.delayMs}`);
  assert.match(retry.error, /retry in/);
  assert.ok(send.calls.length < 62 + 20, `${send.calls.length} requests for 62 reports`);
  assert.equal((await rows(fix, server.base)).length, 62);
});

test("enqueue refuses anything private and anything that is not a built report, before storing it", async () => {
  const storage = memoryStorage();
  const outbox = createOutbox({
    endpoint: "http://127.0.0.1:9",
    token: REPORTER,
    storage,
    fetch: () => assert.fail("nothing may be sent"),
  });
  const report = reportOf(5);
  const screening = screener.screen(TEXT);
  const privateScreening = screener.screen(TEXT, { scope: "private" });
  assert.throws(
    () => screener.buildReport(privateScreening, { channelId: "1", postId: "1" }),
    (e) => e instanceof SaringError && e.kind === "private-scope",
  );
  const cases = [
    [{ ...report, scope: "private" }, "private-scope"],
    [{ ...report, findings: report.findings.map((f) => ({ ...f, scope: "private" })) }, "private-scope"],
    [privateScreening, "private-scope"],
    [screening, "input"],
    [{ ...report, idempotency_key: undefined }, "input"],
    [{ ...report, idempotency_key: "" }, "input"],
    [null, "input"],
    ["a report", "input"],
  ];
  for (const [value, kind] of cases) {
    await assert.rejects(outbox.enqueue(value), (e) => e instanceof SaringError && e.kind === kind, JSON.stringify(value));
  }
  assert.deepEqual(await outbox.entries(), []);
  assert.equal(storage.saves, 0);
  await outbox.close();
  assert.throws(() => createOutbox({ endpoint: "127.0.0.1:8080", token: REPORTER }), (e) => e.field === "endpoint");
  assert.throws(() => createOutbox({ endpoint: "http://x", token: "" }), (e) => e.field === "token");
  assert.throws(() => outbox.on("delivered", () => {}), SaringError);
});

test("a report that cannot be stored is refused and never sent", async () => {
  const outbox = createOutbox({
    endpoint: "http://127.0.0.1:9",
    token: REPORTER,
    storage: {
      load: async () => [],
      save: async () => {
        throw new Error("disk full");
      },
    },
    fetch: () => assert.fail("nothing may be sent"),
  });
  await assert.rejects(outbox.enqueue(reportOf(6)), /disk full/);
  assert.deepEqual(await outbox.entries(), []);
  await outbox.close();
});

test("an unreadable outbox file is refused, not overwritten", async (t) => {
  const fix = fixture();
  t.after(fix.remove);
  const file = join(fix.dir, "outbox.json");
  const { writeFileSync } = await import("node:fs");
  writeFileSync(file, "{ half a file");
  const outbox = createOutbox({ endpoint: "http://127.0.0.1:9", token: REPORTER, file });
  await assert.rejects(outbox.enqueue(reportOf(8)), (e) => e instanceof SaringError && e.kind === "io" && /left as it is/.test(e.message));
  await outbox.close();
  assert.equal(readFileSync(file, "utf8"), "{ half a file");
});

test("the outbox wrote nothing to the console", () => {
  assert.deepEqual(consoleCalls, []);
});
