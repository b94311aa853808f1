// A real browser: headless Chromium (Debian's), driven by playwright-core, loads a page that
// imports the package as native ES modules (no bundler) and screens texts.
import test from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../../npm/node_modules/playwright-core/index.mjs";

const dist = fileURLToPath(new URL("../../npm/dist/", import.meta.url));
const casePackPath = fileURLToPath(new URL("../cases/pack.toml", import.meta.url));
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

const page = (script) => `<!doctype html><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<title>saring browser test</title><script type="module" src="${script}"></script>`;

/** A page that only screens: saring/runtime alone, with the default packs. */
const RUNTIME_PAGE_SCRIPT = `
import init, { Screener, SaringError, createOutbox } from "/dist/runtime.js";
await init();
const screening = Screener.withDefaults().screen("info s l 0 t g4c0r malam ini");
let refused = null;
try { Screener.fromPacks(["[pack]"]); } catch (e) { refused = e instanceof SaringError && e.kind; }
window.__result = {
  verdict: screening.verdict,
  refused,
  outbox: typeof createOutbox,
  fetched: performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path !== "/favicon.ico")
    .sort(),
};
`;

const PAGE_SCRIPT = `
import init, { Screener, SaringError, compilePacks } from "/dist/saring.js";
import initRuntime, { Screener as Runtime } from "/dist/runtime.js";
await init();
const pack = await (await fetch("/pack.toml")).text();
const screener = Screener.fromPacks([{ name: "tests/cases/pack.toml", toml: pack }]);
const texts = [
  "👨‍👩‍👧 ayo s3r4ng g3r3ja sekarang",
  "info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 malam \\ud800 ini",
  "Presiden mengutuk rencana serang gereja itu",
];
const results = texts.map((text) => {
  const s = screener.screen(text);
  return { verdict: s.verdict, findings: s.findings.map((f) => ({ rule: f.rule, text: f.text, sliced: text.slice(f.start, f.end) })) };
});
let error = null;
try { Screener.fromPacks([{ name: "bad.toml", toml: "[pack]\\nname = 'x'\\n" }]); } catch (e) {
  error = { isSaringError: e instanceof SaringError, kind: e.kind, message: e.message };
}
// The runtime module (no pack compiler) with the same packs, compiled by the full one.
await initRuntime();
const runtime = Runtime.fromCompiled(compilePacks([{ name: "tests/cases/pack.toml", toml: pack }]));
const fetched = performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname);
window.__result = {
  results, error,
  runtime: texts.map((text) => JSON.stringify(runtime.screen(text)) === JSON.stringify(screener.screen(text))),
  runtimeDefaults: Runtime.withDefaults().screen(texts[1]).verdict,
  modules: fetched.filter((path) => path.endsWith(".wasm")).sort(),
  private: screener.screen("slot gacor", { scope: "private" }).scope,
  defaults: Screener.withDefaults().packs().length,
};
`;

/** A page with an outbox over the default IndexedDB database, sending to this test's API. */
const OUTBOX_PAGE_SCRIPT = `
import init, { Screener, createOutbox, readOutbox } from "/dist/saring.js";
await init();
const screener = Screener.withDefaults();
window.events = [];
window.outbox = createOutbox({ endpoint: location.origin, token: "reporter", retry: { baseMs: 20, maxMs: 100 } });
for (const name of ["queued", "acknowledged", "retry"]) {
  window.outbox.on(name, ({ entry }) => window.events.push([name, entry.report.post_id]));
}
window.report = (postId) =>
  window.outbox.enqueue(screener.buildReport(screener.screen("slot gacor maxwin, depo 10rb"), { channelId: "-1", postId }));
window.kept = async () => (await readOutbox()).map((entry) => [entry.report.post_id, entry.state]).sort();
window.ready = true;
`;

/** The moderation API of the outbox test: down (503) until `api.up`; stores a report once per key. */
const api = { up: false, received: new Map(), posts: 0, accepted: 0 };

let server;
let base;
let context;
const profile = mkdtempSync(join(tmpdir(), "saring-chromium-"));

test.before(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname === "/") return response.writeHead(200, { "content-type": TYPES[".html"] }).end(page("/page.js"));
    if (url.pathname === "/runtime") {
      return response.writeHead(200, { "content-type": TYPES[".html"] }).end(page("/runtime-page.js"));
    }
    if (url.pathname === "/runtime-page.js") {
      return response.writeHead(200, { "content-type": TYPES[".js"] }).end(RUNTIME_PAGE_SCRIPT);
    }
    if (url.pathname === "/favicon.ico") return response.writeHead(204).end();
    if (url.pathname === "/outbox") return response.writeHead(200, { "content-type": TYPES[".html"] }).end(page("/outbox-page.js"));
    if (url.pathname === "/outbox-page.js") {
      return response.writeHead(200, { "content-type": TYPES[".js"] }).end(OUTBOX_PAGE_SCRIPT);
    }
    if (url.pathname === "/v1/reports" && request.method === "POST") {
      api.posts += 1;
      let body = "";
      for await (const chunk of request) body += chunk;
      if (!api.up) return response.writeHead(503, { "content-type": "application/json" }).end("{}");
      api.accepted += 1;
      const key = request.headers["idempotency-key"];
      const known = api.received.has(key);
      if (!known) api.received.set(key, { id: api.received.size + 1, postId: JSON.parse(body).post_id });
      const answer = JSON.stringify({ id: api.received.get(key).id, duplicate: known });
      return response.writeHead(known ? 200 : 201, { "content-type": "application/json" }).end(answer);
    }
    if (url.pathname === "/pack.toml") {
      return response.writeHead(200, { "content-type": "text/plain" }).end(await readFile(casePackPath));
    }
    if (url.pathname === "/page.js") return response.writeHead(200, { "content-type": TYPES[".js"] }).end(PAGE_SCRIPT);
    const file = normalize(join(dist, url.pathname.replace(/^\/dist\//, "")));
    if (!url.pathname.startsWith("/dist/") || !file.startsWith(dist)) return response.writeHead(404).end();
    try {
      response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(await readFile(file));
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

test.after(async () => {
  await context?.close();
  server?.close();
  rmSync(profile, { recursive: true, force: true });
});

test("the package screens in Chromium as native ES modules under a strict CSP, in both builds", async () => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
  const { results, error, private: scope, defaults, runtime, runtimeDefaults, modules } = await page.evaluate(
    () => window.__result,
  );
  assert.deepEqual(problems, []);
  assert.equal(results[0].verdict, "block");
  assert.deepEqual(results[0].findings, [
    { rule: "t.bom", text: "s3r4ng", sliced: "s3r4ng" },
    { rule: "t.attack", text: "s3r4ng g3r3ja", sliced: "s3r4ng g3r3ja" },
  ]);
  assert.equal(results[1].verdict, "review");
  assert.deepEqual(results[1].findings, [{ rule: "t.slot", text: "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑", sliced: "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑" }]);
  assert.ok(!results[2].findings.some((f) => f.rule === "t.attack"), "condemnation cancels the call to attack");
  assert.ok(defaults > 0, "the embedded default packs load in the browser");
  assert.equal(error.isSaringError, true);
  assert.equal(error.kind, "pack-syntax");
  assert.equal(scope, "private");
  assert.deepEqual(runtime, [true, true, true], "saring/runtime screens the compiled packs alike");
  assert.equal(runtimeDefaults, "block");
  assert.deepEqual(modules, ["/dist/saring_runtime_wasm_bg.wasm", "/dist/saring_wasm_bg.wasm"]);
  await page.close();
});

test("a page that only screens loads saring/runtime and nothing of the pack compiler", async () => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${base}/runtime`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
  const result = await page.evaluate(() => window.__result);
  assert.deepEqual(problems, []);
  assert.equal(result.verdict, "block");
  assert.equal(result.refused, "input", "fromPacks says to use saring, as a SaringError");
  assert.equal(result.outbox, "function", "reports still go out through the outbox");
  assert.deepEqual(result.fetched, [
    "/dist/error.js",
    "/dist/outbox.js",
    "/dist/runtime.js",
    "/dist/saring_runtime_wasm.js",
    "/dist/saring_runtime_wasm_bg.wasm",
    "/runtime-page.js",
  ]);
  await page.close();
});

test("two tabs share the outbox: neither loses the other's reports, and the tab that stays sends both", async () => {
  const [first, second] = [await context.newPage(), await context.newPage()];
  const problems = [];
  for (const tab of [first, second]) {
    tab.on("pageerror", (error) => problems.push(error.message));
    await tab.goto(`${base}/outbox`);
    await tab.waitForFunction(() => window.ready === true, null, { timeout: 20000 });
  }
  // The API is down: both reports wait, each written by its own tab.
  await first.evaluate(() => window.report("1"));
  await second.evaluate(() => window.report("2"));
  const retried = (tab) => tab.waitForFunction(() => window.events.filter(([name]) => name === "retry").length >= 3);
  await Promise.all([retried(first), retried(second)]);
  // Each tab's writes kept the other's report; the first tab took up the second's when told.
  assert.deepEqual(await first.evaluate(() => window.kept()), [["1", "queued"], ["2", "queued"]]);
  await first.waitForFunction(() => window.events.some(([name, post]) => name === "queued" && post === "2"));
  await second.close(); // the tab that queued post 2 goes away before the API is back
  await first.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  assert.deepEqual(await first.evaluate(() => window.kept()), [["1", "queued"], ["2", "queued"]]);

  api.up = true;
  const bothAcknowledged = () =>
    new Set(window.events.filter(([name]) => name === "acknowledged").map(([, post]) => post)).size === 2;
  await first.waitForFunction(bothAcknowledged, null, { timeout: 20000 });
  assert.deepEqual(await first.evaluate(() => window.kept()), [["1", "acknowledged"], ["2", "acknowledged"]]);
  assert.deepEqual([...api.received.values()].map((report) => report.postId).sort(), ["1", "2"], "both arrived");
  assert.equal(api.accepted, 2, "each sent once the API was up");
  assert.deepEqual(problems, []);
  await first.close();
});
