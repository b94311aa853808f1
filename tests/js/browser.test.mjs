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
const TYPES = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

const PAGE = `<!doctype html><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">
<title>saring browser test</title><script type="module" src="/page.js"></script>`;

const PAGE_SCRIPT = `
import init, { Screener, SaringError } from "/dist/saring.js";
await init();
const screener = Screener.withDefaults();
const texts = [
  "👨‍👩‍👧 ayo b41at ke 1S1S sekarang",
  "info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 malam \\ud800 ini",
  "Densus 88 menangkap pelaku yang berbaiat kepada ISIS",
];
const results = texts.map((text) => {
  const s = screener.screen(text);
  return { verdict: s.verdict, findings: s.findings.map((f) => ({ rule: f.rule, text: f.text, sliced: text.slice(f.start, f.end) })) };
});
let error = null;
try { Screener.fromPacks([{ name: "bad.toml", toml: "[pack]\\nname = 'x'\\n" }]); } catch (e) {
  error = { isSaringError: e instanceof SaringError, kind: e.kind, message: e.message };
}
window.__result = { results, error, private: screener.screen("slot gacor", { scope: "private" }).scope };
`;

let server;
let base;
let context;
const profile = mkdtempSync(join(tmpdir(), "saring-chromium-"));

test.before(async () => {
  server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    if (url.pathname === "/") return response.writeHead(200, { "content-type": TYPES[".html"] }).end(PAGE);
    if (url.pathname === "/favicon.ico") return response.writeHead(204).end();
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

test("the package screens in Chromium as native ES modules under a strict CSP", async () => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  await page.goto(`${base}/`);
  await page.waitForFunction(() => window.__result !== undefined, null, { timeout: 20000 });
  const { results, error, private: scope } = await page.evaluate(() => window.__result);
  assert.deepEqual(problems, []);
  assert.equal(results[0].verdict, "block");
  assert.deepEqual(results[0].findings, [{ rule: "terrorism.pledge", text: "b41at ke 1S1S", sliced: "b41at ke 1S1S" }]);
  assert.equal(results[1].verdict, "review");
  assert.deepEqual(results[1].findings, [{ rule: "gambling.slot-promo", text: "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑", sliced: "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑" }]);
  assert.equal(results[2].verdict, "allow", "news of an arrest passes");
  assert.equal(error.isSaringError, true);
  assert.equal(error.kind, "pack-syntax");
  assert.equal(scope, "private");
  await page.close();
});
