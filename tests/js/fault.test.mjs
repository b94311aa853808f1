// Fault injection, the proof that the outbox loses nothing and duplicates nothing: 1,000 reports
// go through a proxy on 127.0.0.1 that drops 30% of requests unanswered, answers 500 or 503 to
// some, cuts others mid-answer after the server stored them, while the server is killed once
// with SIGKILL and restarted on the same port and database. In the end the database holds each
// report exactly once, under the id the outbox was told.
import test from "node:test";
import assert from "node:assert/strict";
import { request as httpRequest, createServer, Agent } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import init, { Screener, createOutbox } from "../../npm/dist/saring.js";
import { REPORTER, fixture, rows, startServer } from "./support/server.mjs";

const REPORTS = 1000;
const TIMEOUT_MS = 120_000;
const SEED = Number(process.env.SARING_FAULT_SEED ?? 20171);

/** A small seeded generator (mulberry32), so that a failing run can be replayed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The faulty proxy in front of the server at `upstream()`: of the requests it gets, 30% are
 * dropped (the socket closed, nothing forwarded), 5% answered 500 and 5% 503 (nothing
 * forwarded), 10% forwarded and the answer cut in the middle; the rest pass. After `killAt`
 * forwarded requests it calls `kill()` while that request is in the server's hands.
 */
function faultyProxy({ upstream, seed, killAt, kill }) {
  const next = random(seed);
  const stats = { requests: 0, dropped: 0, error500: 0, error503: 0, cut: 0, passed: 0, upstreamDown: 0, duplicates: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let forwarded = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => {
      stats.requests += 1;
      const roll = next();
      if (roll < 0.3) {
        stats.dropped += 1;
        req.socket.destroy();
        return;
      }
      if (roll < 0.4) {
        const status = roll < 0.35 ? 500 : 503;
        stats[`error${status}`] += 1;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "injected", message: `injected ${status}`, field: null } }));
        return;
      }
      const cut = roll < 0.5;
      forwarded += 1;
      const upstreamRequest = httpRequest(
        `${upstream()}${req.url}`,
        { method: req.method, headers: req.headers, agent },
        (answer) => {
          const body = [];
          answer.on("data", (chunk) => body.push(chunk));
          answer.on("error", () => req.socket.destroy());
          answer.on("end", () => {
            const bytes = Buffer.concat(body);
            if (answer.statusCode === 200) stats.duplicates += 1;
            res.writeHead(answer.statusCode, answer.headers);
            if (cut) {
              // The server stored it; the client sees the status line and half a body.
              stats.cut += 1;
              res.write(bytes.subarray(0, bytes.length >> 1));
              setImmediate(() => req.socket.destroy());
            } else {
              stats.passed += 1;
              res.end(bytes);
            }
          });
        },
      );
      upstreamRequest.on("error", () => {
        stats.upstreamDown += 1;
        req.socket.destroy();
      });
      upstreamRequest.end(Buffer.concat(chunks));
      if (forwarded === killAt) setTimeout(kill, 2);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({
        base: `http://127.0.0.1:${server.address().port}`,
        stats,
        close: () => {
          agent.destroy();
          server.closeAllConnections();
          return new Promise((done) => server.close(done));
        },
      }),
    );
  });
}

test(`${REPORTS} reports through drops, 5xx, cut answers and a kill -9: each stored exactly once`, async (t) => {
  const started = Date.now();
  await init();
  const screener = Screener.fromPacks([
    { name: "tests/cases/pack.toml", toml: await readFile(new URL("../cases/pack.toml", import.meta.url), "utf8") },
  ]);
  const texts = [
    "🔥 info s l 0 t g4c0r malam ini, depo 10rb",
    "ayo s3r4ng g3r3ja sekarang",
    "gabung j1h4d bersama kami",
    "LIVE SLOT maxwin tiap hari bosku",
    "ikut b41at ke 1S1S hari ini",
  ];
  const flagged = texts.map((text) => screener.screen(text));
  assert.ok(flagged.every((screening) => screening.findings.length > 0));
  const reports = Array.from({ length: REPORTS }, (_, i) =>
    screener.buildReport(flagged[i % flagged.length], {
      channelId: `-100${1000 + (i % 7)}`,
      postId: String(10_000 + i),
      postUrl: `https://t.me/c/${1000 + (i % 7)}/${10_000 + i}`,
    }),
  );
  assert.equal(new Set(reports.map((report) => report.idempotency_key)).size, REPORTS);

  const fix = fixture();
  t.after(fix.remove);
  const extra = ["--rate-limit", "1000000"];
  let server = await startServer(fix, { extra });
  const port = server.port;
  let kills = 0;
  let restarted = null;
  const proxy = await faultyProxy({
    upstream: () => `http://127.0.0.1:${port}`,
    seed: SEED,
    killAt: 300,
    kill: () => {
      kills += 1;
      restarted = (async () => {
        await server.stop("SIGKILL");
        await new Promise((resolve) => setTimeout(resolve, 200));
        server = await startServer(fix, { port, extra });
      })();
    },
  });
  t.after(() => proxy.close());
  t.after(() => server.stop());

  const outbox = createOutbox({
    endpoint: proxy.base,
    token: REPORTER,
    file: join(fix.dir, "outbox.json"),
    retry: { baseMs: 20, maxMs: 500 },
    timeoutMs: 5000,
  });
  t.after(() => outbox.close());
  const acknowledged = new Map();
  let retries = 0;
  let permanent = 0;
  outbox.on("retry", () => {
    retries += 1;
  });
  outbox.on("failed-permanently", () => {
    permanent += 1;
  });
  const done = new Promise((resolve) => {
    outbox.on("acknowledged", ({ key, id }) => {
      assert.ok(!acknowledged.has(key), "acknowledged once");
      acknowledged.set(key, id);
      if (acknowledged.size === REPORTS) resolve();
    });
  });
  await Promise.all(reports.map((report) => outbox.enqueue(report)));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${acknowledged.size} of ${REPORTS} acknowledged after ${TIMEOUT_MS} ms: ${JSON.stringify(proxy.stats)}`)),
      TIMEOUT_MS,
    );
  });
  await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  await outbox.close();
  await restarted;

  const stats = proxy.stats;
  t.diagnostic(`seed ${SEED}, ${Date.now() - started} ms, ${retries} retries, proxy: ${JSON.stringify(stats)}`);
  assert.equal(kills, 1);
  assert.equal(permanent, 0);
  assert.ok(stats.dropped > 0 && stats.error500 > 0 && stats.error503 > 0 && stats.cut > 0, JSON.stringify(stats));
  assert.ok(stats.duplicates > 0, "some reports reached the server again after their answer was lost");

  // Every report is in the database exactly once, under the id its acknowledgement carried.
  const stored = await rows(fix, server.base);
  assert.equal(stored.length, REPORTS);
  const byKey = new Map(stored.map((row) => [row.key, row.id]));
  assert.equal(byKey.size, REPORTS);
  for (const report of reports) {
    assert.equal(byKey.get(report.idempotency_key), acknowledged.get(report.idempotency_key), report.post_id);
  }
  const entries = await outbox.entries();
  assert.equal(entries.length, REPORTS);
  assert.ok(entries.every((entry) => entry.state === "acknowledged" && entry.id === byKey.get(entry.key)));
});
