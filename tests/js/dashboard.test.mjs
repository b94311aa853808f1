// The channel-admin dashboard (www/) in headless Chromium against the real moderation API:
// the site is assembled by tools/demo.sh into a temporary directory and served by
// `saring-server --demo --static DIR` on a free port with a temporary database, as `make demo`
// does. Screenshots of every view go to target/screenshots/ (SARING_UPDATE_SCREENSHOT=1 also
// copies the compose view to docs/dashboard.png for the README).
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "../../npm/node_modules/playwright-core/index.mjs";
import init, { Screener } from "../../npm/dist/saring.js";
import initRuntime, { Screener as Runtime } from "../../npm/dist/runtime.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = join(root, "target/screenshots");
const temp = mkdtempSync(join(tmpdir(), "saring-dashboard-"));
const site = join(temp, "site");

let server;
let base;
let tokens = {};
let context;
let serverLog = "";

function serverBinary() {
  if (process.env.SARING_SERVER) return process.env.SARING_SERVER;
  execFileSync("cargo", ["build", "--quiet", "-p", "saring-server"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  return join(root, "target/debug/saring-server");
}

function startServer() {
  const child = spawn(
    serverBinary(),
    ["--demo", "--static", site, "--addr", "127.0.0.1:0", "--db", join(temp, "reports.sqlite")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stderr.setEncoding("utf8").on("data", (chunk) => {
    serverLog += chunk;
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      const token = /^demo token \((\w+), [^)]*\): (\S+)$/.exec(line);
      if (token) tokens[token[1].toLowerCase()] = token[2];
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) resolve({ child, base: listening[1] });
    });
    child.once("exit", (code, signal) => reject(new Error(`saring-server exited (${code ?? signal}): ${serverLog}`)));
  });
}

/** The moderation queue as the API returns it (every status). */
async function queue() {
  const response = await fetch(`${base}/v1/reports?status=all&limit=1000`, {
    headers: { Authorization: `Bearer ${tokens.moderator}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).reports;
}

async function reportsOf(postId) {
  return (await queue()).filter((item) => item.report.post_id === postId);
}

/** A page of the dashboard, loaded, with the demo tokens entered in Settings (sessionStorage). */
async function openDashboard({ viewport } = {}) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const problems = [];
  const dialogs = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  // Every CSP violation of the page, from its first script on (init scripts are not subject to it).
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.__violations.push(event.effectiveDirective));
  });
  await page.goto(`${base}/#settings`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
  await page.fill("#reporter-token", tokens.reporter);
  await page.fill("#moderator-token", tokens.moderator);
  await page.click("#settings-save");
  await page.waitForSelector("#api-status[data-state='online']");
  return { page, problems, dialogs };
}

async function show(page, view) {
  await page.evaluate((name) => {
    location.hash = `#${name}`;
  }, view);
  await page.waitForSelector(`#view-${view}:not([hidden])`);
}

async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  if (await page.evaluate(() => document.getElementById("toast").classList.contains("show"))) {
    await page.evaluate(() => document.getElementById("toast").classList.remove("show"));
    await page.waitForTimeout(300); // the toast slides out
  }
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** For each finding index: the text of the marks that carry it, joined. */
function markedText(page, container) {
  return page.evaluate((selector) => {
    const byFinding = {};
    for (const mark of document.querySelectorAll(`${selector} mark`)) {
      for (const index of mark.dataset.findings.split(" ")) byFinding[index] = (byFinding[index] ?? "") + mark.textContent;
    }
    return byFinding;
  }, container);
}

test.before(async () => {
  execFileSync("bash", [join(root, "tools/demo.sh"), "--assemble", site], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  ({ child: server, base } = await startServer());
  assert.ok(tokens.reporter && tokens.moderator, "the demo server prints both tokens");
  context = await chromium.launchPersistentContext(join(temp, "profile"), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

test.after(async () => {
  await context?.close();
  server?.kill("SIGKILL");
  rmSync(temp, { recursive: true, force: true });
});

test("typing highlights exactly the flagged characters, after emoji and styled letters", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "compose");
  const text = "👨‍👩‍👧 info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 malam ini";
  await page.fill("#compose-text", text);
  const byFinding = await markedText(page, "#compose-backdrop");
  assert.deepEqual(new Set(Object.values(byFinding)), new Set(["𝐒𝐋𝐎𝐓", "𝐆𝐀𝐂𝐎𝐑", "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑"]));
  const layout = await page.evaluate(() => {
    const backdrop = document.querySelector("#compose-backdrop");
    const first = backdrop.querySelector("mark");
    let before = "";
    for (let node = backdrop.firstChild; node && node !== first; node = node.nextSibling) before += node.textContent;
    return { all: backdrop.textContent, before, value: document.querySelector("#compose-text").value };
  });
  assert.equal(layout.all, layout.value, "the backdrop mirrors the textarea character for character");
  assert.equal(layout.before, "👨‍👩‍👧 info ");
  assert.equal(await page.getAttribute("#compose-verdict .badge", "data-verdict"), "block");
  const explained = await page.textContent("#compose-findings");
  assert.match(explained, /gambling\.site-promo/);
  assert.match(explained, /styled letters \(𝐒→s/);

  // Leetspeak and spaced letters: the span covers the evasion characters, nothing more.
  await page.fill("#compose-text", "Wahai saudaraku 🤝 ayo b41at ke 1S1S!");
  assert.deepEqual(Object.values(await markedText(page, "#compose-backdrop")), ["b41at ke 1S1S"]);
  assert.match(await page.textContent("#compose-findings"), /leet 4→a/);
  await page.fill("#compose-text", "🙂🙂 s l 0 t");
  assert.ok(Object.values(await markedText(page, "#compose-backdrop")).includes("s l 0 t"));
  await page.fill("#compose-text", "");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a post over Telegram's 4,096 characters is kept whole, screened whole and not published", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "compose");
  // Pasted: the flagged words are past the limit, where a cut would have dropped them.
  const text = `${"kabar baik hari ini ".repeat(220)}ayo main slot gacor`;
  await page.fill("#compose-text", text);
  assert.equal((await page.inputValue("#compose-text")).length, text.length, "nothing of the paste is dropped");
  assert.ok(Object.values(await markedText(page, "#compose-backdrop")).some((marked) => marked.includes("slot gacor")));
  assert.ok(await page.locator("#publish").isDisabled(), "too long to publish");
  assert.match(await page.textContent("#publish-hint"), /4\.096/);
  assert.equal(await page.getAttribute("#compose-counter", "class"), "over-limit");
  // Back under the limit, the verdict decides again.
  await page.fill("#compose-text", "ayo main slot gacor");
  assert.notEqual(await page.getAttribute("#compose-counter", "class"), "over-limit");

  // Arabic: the post is laid out right to left, and the explanation's letters are isolated so
  // that `ة→ه` reads left to right as the rest of the sentence.
  await page.fill("#compose-text", "الدولة الإسلامية باقية وتتمدد");
  assert.equal(await page.getAttribute("#compose-text", "dir"), "auto");
  const isolated = await page.$$eval("#compose-findings .explain bdi", (nodes) => nodes.map((node) => node.textContent));
  assert.deepEqual(isolated, ["ة", "ه", "إ", "ا"]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the skip link keeps the view it was used on", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "feed");
  await page.focus("a.skip");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => location.hash), "#feed");
  assert.ok(await page.isVisible("#view-feed"));
  assert.equal(await page.evaluate(() => document.activeElement.id), "h-feed");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the verdict gates publishing: allow publishes, warn confirms, review queues, block refuses", async () => {
  const { page, problems, dialogs } = await openDashboard();
  await show(page, "compose");
  const publish = page.locator("#publish");
  const published = page.locator("#published-list .post-text");
  const review = page.locator("#review-list .post-text");

  const allow = "Selamat pagi! Kanal kami buka tanya jawab pukul 09.00.";
  await page.fill("#compose-text", allow);
  assert.equal(await publish.getAttribute("data-verdict"), "allow");
  await publish.click();
  assert.equal(await published.first().textContent(), allow);
  assert.equal(await page.inputValue("#compose-text"), "", "a published post leaves the editor");

  const warn = "lagi hoki nih, semoga lancar semua";
  await page.fill("#compose-text", warn);
  assert.equal(await publish.getAttribute("data-verdict"), "warn");
  await publish.click();
  await page.waitForSelector("#confirm-warn[open]");
  await page.click("#confirm-no");
  assert.notEqual(await published.first().textContent(), warn, "cancelled: not published");
  assert.equal(await page.inputValue("#compose-text"), warn, "cancelled: the text stays for editing");
  await publish.click();
  await page.click("#confirm-yes");
  await page.waitForSelector("#confirm-warn:not([open])", { state: "attached" });
  await page.waitForFunction((text) => document.querySelector("#published-list .post-text")?.textContent === text, warn);
  assert.match(await page.textContent("#published-list li:first-child"), /terbit dengan peringatan/);

  const needsReview = "modal receh bisa dapet jackpot gede";
  await page.fill("#compose-text", needsReview);
  assert.equal(await publish.getAttribute("data-verdict"), "review");
  await publish.click();
  assert.equal(await review.first().textContent(), needsReview);
  assert.notEqual(await published.first().textContent(), needsReview, "review: not published");

  await page.fill("#compose-text", "ayo b41at ke 1S1S sekarang juga");
  assert.equal(await publish.getAttribute("data-verdict"), "block");
  assert.equal(await publish.isDisabled(), true);
  assert.match(await page.textContent("#publish-hint"), /terrorism\.pledge/);
  await page.fill("#compose-text", "");
  assert.deepEqual(dialogs, [], "the warning is the page's own <dialog>, not window.confirm");
  assert.deepEqual(problems, []);
  await page.close();
});

test("Report sends one report: queued → sent → acknowledged, once, kept across reloads", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "feed");
  const card = "article[data-post='-1001000000004/33']";
  await page.evaluate((selector) => {
    const status = document.querySelector(`${selector} .report-status`);
    window.__states = [];
    // Every value the attribute took: each record's old value, then the current one.
    new MutationObserver((records) => {
      for (const record of records) window.__states.push(record.oldValue);
      window.__states.push(status.dataset.state);
    }).observe(status, { attributes: true, attributeOldValue: true, attributeFilter: ["data-state"] });
  }, card);
  await page.click(`${card} button.report`);
  await page.waitForSelector(`${card} .report-status[data-state='acknowledged']`);
  const states = (await page.evaluate(() => window.__states)).filter(Boolean);
  assert.deepEqual(states.filter((s, i) => s !== states[i - 1]), ["queued", "sending", "acknowledged"]);
  assert.equal(await page.isDisabled(`${card} button.report`), true);
  const rows = await reportsOf("33");
  assert.equal(rows.length, 1);
  assert.equal(rows[0].report.channel_username, "ikhwan_bersatu_id");
  assert.deepEqual(
    rows[0].report.findings.map((f) => f.rule),
    ["terrorism.pledge"],
  );
  assert.match(await page.textContent(`${card} .report-status`), new RegExp(`#${rows[0].id}\\b`));

  await page.reload();
  await page.waitForSelector("body[data-ready='true']");
  await page.waitForSelector(`${card} .report-status[data-state='acknowledged']`);
  assert.equal(await page.isDisabled(`${card} button.report`), true, "a reported post stays reported after a reload");
  assert.equal((await reportsOf("33")).length, 1);
  assert.deepEqual(problems, []);
  await page.close();
});

test("offline: the report waits on the device, then arrives once when the network is back", async () => {
  const { page } = await openDashboard();
  await show(page, "feed");
  const card = "article[data-post='-1001000000012/87']";
  await context.setOffline(true);
  try {
    await page.click(`${card} button.report`);
    await page.waitForSelector("#offline-banner:not([hidden])");
    await page.waitForSelector(`${card} .report-status[data-state='waiting']`);
    await screenshot(page, "feed-offline");
    assert.equal((await reportsOf("87")).length, 0);
  } finally {
    await context.setOffline(false);
  }
  await page.waitForSelector(`${card} .report-status[data-state='acknowledged']`, { timeout: 20_000 });
  await page.waitForSelector("#offline-banner", { state: "hidden" });
  assert.equal((await reportsOf("87")).length, 1);
  await page.close();
});

test("a report left waiting shows in a new tab without tokens, and goes once they are given", async () => {
  const first = await openDashboard();
  await show(first.page, "feed");
  // A reportable post no other test reports.
  const key = await first.page.evaluate(() =>
    [...document.querySelectorAll("article button.report:not([disabled])")]
      .map((button) => button.closest("article").dataset.post)
      .find((post) => !["-1001000000004/33", "-1001000000012/87", "-1001000000008/9"].includes(post)),
  );
  assert.ok(key, "a reportable post");
  const card = `article[data-post='${key}']`;
  await context.setOffline(true);
  try {
    await first.page.click(`${card} button.report`);
    await first.page.waitForSelector(`${card} .report-status[data-state='waiting']`);
    await first.page.close();
  } finally {
    await context.setOffline(false);
  }
  // A new tab: its sessionStorage has no token, so nothing is sent, but the report is shown.
  const page = await context.newPage();
  await page.goto(`${base}/#feed`);
  await page.waitForSelector("body[data-ready='true']", { timeout: 20_000 });
  await page.waitForSelector(`${card} .report-status[data-state='needsToken']`);
  assert.match(await page.textContent(`${card} .report-status`), /token pelapor/);
  const postId = key.split("/")[1];
  assert.equal((await reportsOf(postId)).length, 0);
  await show(page, "settings");
  await page.fill("#reporter-token", tokens.reporter);
  await page.click("#settings-save");
  await show(page, "feed");
  await page.waitForSelector(`${card} .report-status[data-state='acknowledged']`, { timeout: 20_000 });
  assert.equal((await reportsOf(postId)).length, 1);
  await page.close();
});

test("the review queue lists reports oldest first with their SLA age; decisions reach the API", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "queue");
  await page.waitForSelector("#queue-list li.queue-item");
  const ids = await page.$$eval("#queue-list li.queue-item", (items) => items.map((item) => Number(item.dataset.id)));
  assert.ok(ids.length >= 2, `the two reports are listed: ${ids}`);
  assert.deepEqual(ids, [...ids].sort((a, b) => a - b), "oldest first");
  assert.match(await page.textContent("#queue-list li.queue-item .sla"), /SLA 0 \/ 60 mnt/);
  await screenshot(page, "queue");

  const [first] = await reportsOf("33");
  await page.click(`#queue-list li[data-id='${first.id}'] button[data-action='dismiss']`);
  await page.waitForSelector(`#queue-list li[data-id='${first.id}']`, { state: "detached" });
  const [decided] = await reportsOf("33");
  assert.equal(decided.status, "dismissed");
  assert.equal(decided.decision.moderator, "demo-moderator");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the private chat makes no network request and offers no report", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "chat");
  await page.waitForLoadState("networkidle");
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  context.on("request", (request) => requests.push(request.url()));
  assert.match(await page.textContent("#private-indicator"), /Tidak ada yang keluar dari perangkat ini/);
  await page.fill("#chat-input", "mau info s l 0 t g4c0r? wd cepat");
  await page.waitForSelector("#chat-live .chat-warning");
  await page.press("#chat-input", "Enter");
  await page.waitForSelector("#chat-log li.bubble.me:last-child .chat-warning");
  assert.match(await page.textContent("#chat-log li.bubble.me:last-child"), /Judi online/);
  await page.fill("#chat-input", "ayo b41at ke 1S1S");
  await page.click("#chat-send");
  await page.waitForTimeout(300);
  await screenshot(page, "chat");
  assert.equal(await page.locator("#view-chat button.report").count(), 0);
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("an HTML payload in a post stays text everywhere", async () => {
  const { page, problems, dialogs } = await openDashboard();
  await show(page, "feed");
  const payload = "<img src=x onerror=alert(1)>";
  const post = "article[data-post='-1001000000008/9']";
  assert.ok((await page.textContent(`${post} .post-text`)).startsWith(payload));
  await show(page, "compose");
  await page.fill("#compose-text", `${payload} <script>alert(2)</script> s l 0 t g4c0r`);
  await show(page, "chat");
  await page.fill("#chat-input", payload);
  await page.press("#chat-input", "Enter");
  await page.waitForTimeout(200);
  const injected = await page.evaluate(() => ({
    img: document.querySelectorAll("main img").length,
    script: document.querySelectorAll("main script").length,
  }));
  assert.deepEqual(injected, { img: 0, script: 0 });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await show(page, "compose");
  await page.fill("#compose-text", "");
  await page.close();
});

test("a custom rule pack is checked: errors point at the line, a valid pack screens at once", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "packs");
  // The default packs as they are: no file to download, saring/runtime embeds them.
  await page.click("#pack-download");
  await page.waitForFunction(() => document.getElementById("toast").classList.contains("show"));
  assert.match(await page.textContent("#toast"), /saring\/runtime/);
  const shaCells = await page.$$eval("#packs-table code.sha", (cells) => cells.map((c) => c.textContent));
  assert.ok(shaCells.length >= 6 && shaCells.every((sha) => /^[0-9a-f]{64}$/.test(sha)), "every pack shows its SHA-256");
  const bad = `[pack]\nname = "kanal"\nversion = "0.1.0"\n\n[[rule]]\nid = "kanal.spoiler"\ncategory = "spam"\nseverity = "blocker"\nany = ["bocoran final"]\n`;
  await page.fill("#pack-source", bad);
  await page.click("#pack-apply");
  await page.waitForSelector("#pack-result .error-box");
  const where = await page.textContent("#pack-result .error-where");
  assert.match(where, /custom\.toml/);
  assert.match(where, /baris 8/);
  assert.match(where, /kanal\.spoiler/);
  assert.match(where, /severity/);
  assert.equal(await page.textContent("#pack-result .source li.bad"), 'severity = "blocker"');
  await screenshot(page, "packs");
  // From a file, its errors name the file.
  await page.setInputFiles("#pack-file", { name: "kanal-saya.toml", mimeType: "text/plain", buffer: Buffer.from(bad) });
  await page.waitForFunction(() => /kanal-saya\.toml/.test(document.querySelector("#pack-result .error-where")?.textContent ?? ""));
  assert.match(await page.textContent("#pack-result .error-where"), /baris 8/);

  // A rule whose own example it does not bear out: loaded, and said.
  await page.fill("#pack-source", `${bad.replace('"blocker"', '"review"')}match = ["ini tidak cocok"]\n`);
  await page.click("#pack-apply");
  await page.waitForSelector("#pack-result .examples-off");
  assert.match(await page.textContent("#pack-result .examples-off"), /kanal\.spoiler.*baris 5.*ini tidak cocok.*seharusnya cocok/s);

  await page.fill("#pack-source", bad.replace('"blocker"', '"review"'));
  await page.click("#pack-apply");
  await page.waitForSelector("#pack-result .ok");
  assert.equal(await page.locator("#pack-result .examples-off").count(), 0, "every example borne out: nothing to say");
  assert.equal(await page.locator("#packs-table tr[data-pack='kanal']").count(), 1);
  await show(page, "compose");
  await page.fill("#compose-text", "ada 𝐁𝐎𝐂𝐎𝐑𝐀𝐍 𝐅𝐈𝐍𝐀𝐋 di sini");
  assert.deepEqual(Object.values(await markedText(page, "#compose-backdrop")), ["𝐁𝐎𝐂𝐎𝐑𝐀𝐍 𝐅𝐈𝐍𝐀𝐋"]);
  assert.equal(await page.getAttribute("#publish", "data-verdict"), "review");
  await page.fill("#compose-text", "");

  // The packs in use, compiled, for a page with saring/runtime: it screens as the dashboard does.
  await show(page, "packs");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pack-download")]);
  assert.equal(download.suggestedFilename(), "saring-packs.bin");
  const compiled = readFileSync(await download.path());
  assert.equal(compiled.subarray(0, 18).toString(), "saring-compiled/2\n");
  await initRuntime();
  const runtime = Runtime.fromCompiled(new Uint8Array(compiled));
  assert.ok(runtime.packs().some((pack) => pack.name === "kanal") && runtime.packs().length >= 7);
  assert.equal(runtime.screen("ada 𝐁𝐎𝐂𝐎𝐑𝐀𝐍 𝐅𝐈𝐍𝐀𝐋 di sini").verdict, "review");

  await page.click("#pack-remove");
  await page.waitForSelector("#packs-table tr[data-pack='kanal']", { state: "detached" });
  assert.deepEqual(problems, []);
  await page.close();
});

test("English toggle, phone width, and a screenshot of every view", async () => {
  const { page, problems } = await openDashboard();
  await show(page, "compose");
  await page.fill("#compose-text", "Info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini 🔥 modal receh, WD cepat!\nDaftar: link di bio.");
  for (const view of ["compose", "feed", "chat", "queue", "packs", "settings"]) {
    await show(page, view);
    await page.waitForTimeout(100);
    await screenshot(page, view);
  }
  if (process.env.SARING_UPDATE_SCREENSHOT) {
    mkdirSync(join(root, "docs"), { recursive: true });
    copyFileSync(join(shots, "compose.png"), join(root, "docs/dashboard.png"));
  }

  await page.click("#lang-toggle");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent("nav a[data-view='compose']"), "Compose");
  await show(page, "compose");
  assert.equal(await page.textContent("#publish"), "Cannot be published");
  await screenshot(page, "compose-en");
  await page.click("#lang-toggle");
  assert.equal(await page.textContent("nav a[data-view='compose']"), "Tulis");

  await page.setViewportSize({ width: 390, height: 844 });
  for (const view of ["compose", "feed"]) {
    await show(page, view);
    await screenshot(page, `${view}-phone`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${view} fits a phone screen (overflow ${overflow}px)`);
  }
  await show(page, "compose");
  await page.fill("#compose-text", "");
  assert.deepEqual(problems, []);
  await page.close();
});

// ---- the security points of SECURITY.md ------------------------------------------------------

/** Everything the page keeps: localStorage, sessionStorage, every IndexedDB record, cookies, caches. */
function storedEverywhere(page) {
  return page.evaluate(async () => {
    const request = (r) =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const records = [];
    for (const { name } of await indexedDB.databases()) {
      const db = await request(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        records.push(...(await request(db.transaction(store).objectStore(store).getAll())));
      }
      db.close();
    }
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      indexedDB: JSON.stringify(records),
      cookie: document.cookie,
      caches: (await caches.keys()).join(","),
    };
  });
}

test("the CSP stops an injected inline script or handler, and the page itself never trips it", async () => {
  const { page, problems, dialogs } = await openDashboard();
  const policy = (await page.request.get(`${base}/`)).headers()["content-security-policy"];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(policy, /frame-ancestors 'none'/);
  // Post text with script in every view that shows post text: it stays text.
  const payload = `<script>window.__pwned = "compose"</script><img src=x onerror="window.__pwned='img'"> s l 0 t g4c0r`;
  await show(page, "compose");
  await page.fill("#compose-text", payload);
  await show(page, "chat");
  await page.fill("#chat-input", payload);
  await page.press("#chat-input", "Enter");
  await show(page, "feed");
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "the dashboard's own code needs no exception");
  assert.deepEqual(problems, []);

  // Should a bug ever put markup into the page, the policy still refuses to run it.
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="favicon.svg?x" onerror="window.__pwned='handler'" onload="window.__pwned='handler'">`;
    document.body.append(holder);
    const script = document.createElement("script");
    script.textContent = "window.__pwned = 'inline'";
    document.body.append(script);
    const link = document.createElement("a");
    link.href = "javascript:window.__pwned='url'";
    document.body.append(link);
    link.click();
    const data = document.createElement("script");
    data.src = "data:text/javascript,window.__pwned='data'";
    document.body.append(data);
  });
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null, "nothing injected ran");
  const violations = await page.evaluate(() => window.__violations);
  for (const directive of ["script-src-attr", "script-src-elem"]) {
    assert.ok(violations.includes(directive), `${directive} was enforced: ${violations}`);
  }
  assert.deepEqual(dialogs, []);
  await page.close();
});

test("report text and a decision reason from the API reach the review queue as text", async () => {
  await init();
  const screener = Screener.withDefaults();
  const markup = `<img src=x onerror="window.__pwned='queue'"><script>window.__pwned='queue'</script>`;
  const text = `${markup} ayo b41at ke 1S1S sekarang`;
  const report = screener.buildReport(screener.screen(text), {
    channelId: "-1009999",
    postId: "4242",
    channelUsername: "markup_test",
    postUrl: "https://t.me/markup_test/4242",
  });
  const created = await fetch(`${base}/v1/reports`, {
    method: "POST",
    headers: { Authorization: `Bearer ${tokens.reporter}`, "Content-Type": "application/json" },
    body: JSON.stringify(report),
  });
  assert.ok([200, 201].includes(created.status), `stored: ${created.status}`);
  const { id } = await created.json();
  const { page, problems, dialogs } = await openDashboard();
  await show(page, "queue");
  const item = `#queue-list li[data-id='${id}']`;
  await page.waitForSelector(item);
  assert.equal(await page.textContent(`${item} .post-text`), text, "the markup is shown as typed");
  await page.fill(`#reason-${id}`, markup);
  await page.click(`${item} button[data-action='dismiss']`);
  await page.selectOption("#queue-status", "all");
  await page.waitForSelector(`${item} .decision`);
  assert.ok((await page.textContent(`${item} .decision`)).includes(markup), "the reason is shown as typed");
  await page.waitForTimeout(300);
  assert.equal(await page.locator("#queue-list img, #queue-list script").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("spam that repeats its promotion is reported with 256 findings, and the queue says how many it left out", async () => {
  await init();
  const screener = Screener.withDefaults();
  const text = Array(60).fill("D4FT4R di 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini, depo 10rb langsung WD, maxwin tiap hari").join("\n");
  const screening = screener.screen(text);
  const report = screener.buildReport(screening, { channelId: "-1009999", postId: "4343" });
  assert.equal(report.findings.length, 256);
  assert.equal(report.findings_omitted, screening.findings.length - 256);
  const created = await fetch(`${base}/v1/reports`, {
    method: "POST",
    headers: { Authorization: `Bearer ${tokens.reporter}`, "Content-Type": "application/json" },
    body: JSON.stringify(report),
  });
  assert.equal(created.status, 201, await created.clone().text());
  const { id } = await created.json();
  const { page, problems } = await openDashboard();
  await show(page, "queue");
  const summary = `#queue-list li[data-id='${id}'] .post-findings summary`;
  await page.waitForSelector(summary);
  assert.equal(await page.textContent(summary), `256 dari ${screening.findings.length} temuan (sisanya tidak dimuat laporan)`);
  assert.deepEqual(problems, []);
  await page.close();
});

/** Reports the posts `postIds` (a gambling promotion each) to the demo API, as a reporter would. */
async function reportPosts(postIds) {
  await init();
  const screener = Screener.withDefaults();
  for (const postId of postIds) {
    const report = screener.buildReport(screener.screen("D4FT4R di 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini"), { channelId: "-1007777", postId });
    const created = await fetch(`${base}/v1/reports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.reporter}`, "Content-Type": "application/json" },
      body: JSON.stringify(report),
    });
    assert.ok(created.ok, await created.clone().text());
  }
}

test("the queue loads the API's next page on request, from its cursor, each report once", async () => {
  await reportPosts(["page-1", "page-2"]);
  const { page, problems } = await openDashboard();
  const everything = await (
    await fetch(`${base}/v1/reports?status=all`, { headers: { Authorization: `Bearer ${tokens.moderator}` } })
  ).json();
  // The first page the dashboard asks for holds one report and says more wait after it; the
  // next page comes from the real API, after the cursor the first page gave.
  const asked = [];
  await page.route(/\/v1\/reports(\?|$)/, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    const url = new URL(route.request().url());
    asked.push(url.searchParams.get("after"));
    if (url.searchParams.has("after")) return route.continue();
    const response = await route.fetch();
    const body = await response.json();
    const [first] = body.reports;
    await route.fulfill({ response, json: { reports: [first], more: true, next: `${Date.parse(first.received_at)}-${first.id}` } });
  });
  await show(page, "queue");
  await page.selectOption("#queue-status", "all");
  await page.waitForSelector("#queue-more");
  assert.equal(await page.locator("#queue-list > li[data-id]").count(), 1);
  assert.equal(await page.textContent("#queue-more"), "Muat laporan berikutnya");
  await page.click("#queue-more");
  await page.waitForFunction((n) => document.querySelectorAll("#queue-list > li[data-id]").length === n, everything.reports.length);
  const ids = await page.$$eval("#queue-list > li[data-id]", (items) => items.map((item) => Number(item.dataset.id)));
  assert.deepEqual(ids, everything.reports.map((item) => item.id), "every report once, oldest first");
  assert.equal(await page.locator("#queue-more").count(), 0, "no button once the last page is in");
  assert.ok(asked.some((cursor) => cursor !== null), "the second page was asked with the cursor");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the queue names the other reporters of a post, with their notes", async () => {
  await reportPosts(["also-1"]);
  const { page, problems } = await openDashboard();
  // The demo server has one reporter token: the second reporter comes in the API's answer.
  await page.route(/\/v1\/reports(\?|$)/, async (route) => {
    if (route.request().method() !== "GET") return route.continue();
    const response = await route.fetch();
    const body = await response.json();
    const [first, ...rest] = body.reports;
    const others = [{ reporter: "bob", received_at: first.received_at, note: "<b>postingan judi lagi</b>" }];
    await route.fulfill({ response, json: { ...body, reports: [{ ...first, also_reported_by: others }, ...rest] } });
  });
  await show(page, "queue");
  await page.selectOption("#queue-status", "all");
  await page.waitForSelector("#queue-list .also-reported li");
  assert.equal(await page.textContent("#queue-list .also-reported li"), "pelapor bob: “<b>postingan judi lagi</b>”", "as text");
  assert.equal(await page.getAttribute("#queue-list .also-reported", "aria-label"), "Juga dilaporkan oleh 1 pelapor lain");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the dashboard cannot be framed", async () => {
  const page = await context.newPage();
  await page.setContent(`<iframe id="frame" src="${base}/"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, "the frame exists");
  const ready = await frame.evaluate(() => document.body?.dataset.ready ?? null).catch(() => null);
  assert.notEqual(ready, "true", "the dashboard did not load inside a frame");
  assert.notEqual(frame.url(), `${base}/`);
  await page.close();
});

test("tokens: sessionStorage unless remembered, never in a URL or the page, sent only to this origin", async () => {
  const { page, problems } = await openDashboard();
  const sent = [];
  page.on("request", (request) => sent.push({ url: request.url(), authorization: request.headers().authorization ?? null }));
  const secrets = [tokens.reporter, tokens.moderator];
  const stored = async () => {
    const { local, session } = await storedEverywhere(page);
    return { local: secrets.some((s) => local.includes(s)), session: secrets.every((s) => session.includes(s)) };
  };
  assert.equal(await page.isChecked("#remember-tokens"), false, "not remembered unless asked");
  assert.deepEqual(await stored(), { local: false, session: true });

  await show(page, "queue");
  await page.waitForSelector("#queue-list li");
  await show(page, "feed");
  const url = page.url();
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  for (const secret of secrets) {
    assert.ok(!url.includes(secret) && !html.includes(secret), "no token in the URL or the page's markup");
  }
  assert.ok(sent.some((r) => r.authorization === `Bearer ${tokens.moderator}`), "the queue sent the moderator token");
  for (const request of sent) {
    assert.ok(!secrets.some((s) => request.url.includes(s)), `no token in ${request.url}`);
    if (request.authorization) assert.equal(new URL(request.url).origin, base, `a token went to ${request.url}`);
  }

  // Remembered: localStorage, and a new tab has them; forgotten: gone from both.
  await show(page, "settings");
  await page.check("#remember-tokens");
  await page.click("#settings-save");
  assert.deepEqual(await stored(), { local: true, session: false });
  const other = await context.newPage();
  await other.goto(`${base}/#settings`);
  await other.waitForSelector("body[data-ready='true']");
  assert.equal(await other.inputValue("#reporter-token"), tokens.reporter);
  await other.close();
  await page.click("#settings-form button.ghost >> nth=0");
  const after = await storedEverywhere(page);
  assert.ok(!secrets.some((s) => after.local.includes(s) || after.session.includes(s)), "Forget removes them");
  assert.ok(!secrets.some((s) => serverLog.includes(s)), "the server never logged a token");
  assert.deepEqual(problems, []);
  await page.close();
});

test("private chat text reaches no storage and no network", async () => {
  const { page, problems } = await openDashboard();
  // A public report first, so that the outbox's IndexedDB holds something to search.
  await show(page, "feed");
  const key = await page.evaluate(
    () => document.querySelector("article button.report:not([disabled])")?.closest("article").dataset.post ?? null,
  );
  if (key) {
    await page.click(`article[data-post='${key}'] button.report`);
    await page.waitForSelector(`article[data-post='${key}'] .report-status[data-state='acknowledged']`);
  }
  const requests = [];
  page.on("request", (request) => requests.push(`${request.url()} ${request.postData() ?? ""}`));
  const marker = "rahasia-pribadi-7f3a";
  await show(page, "chat");
  await page.fill("#chat-input", `${marker} mau info s l 0 t g4c0r? wd cepat`);
  await page.waitForSelector("#chat-live .chat-warning");
  await page.press("#chat-input", "Enter");
  await page.waitForSelector("#chat-log li.bubble.me:last-child .chat-warning");
  assert.match(await page.textContent("#chat-log li.bubble.me:last-child"), new RegExp(marker));
  await page.waitForTimeout(300);
  const kept = await storedEverywhere(page);
  assert.match(kept.indexedDB, /idempotency_key/, "the outbox's IndexedDB was read");
  for (const [where, content] of Object.entries(kept)) {
    assert.ok(!content.includes(marker), `private text in ${where}`);
  }
  assert.ok(!requests.some((r) => r.includes(marker)), "private text in a request");
  assert.ok(!serverLog.includes(marker));
  assert.deepEqual(problems, []);
  await page.close();
});
