// The browser extension (extension/) in Chromium's new headless mode against the real moderation
// API: the unpacked extension is assembled by tools/build-extension.sh into a temporary
// directory, saring-server runs on a free port with a tokens file, and https://t.me/s/contoh is
// served by the test (context.route) with Telegram's public preview markup, so the manifest's
// real match pattern decides where the content script runs.
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "../../npm/node_modules/playwright-core/index.mjs";
import { REPORTER, fixture, rows, startServer } from "./support/server.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "saring-extension-"));
const extension = join(temp, "extension");
const CHANNEL = "https://t.me/s/contoh";

// Posts written for this test: news and ordinary posts that must pass, gambling promotion with
// styled letters, leetspeak and spaced letters, made-up propaganda-style posts, and an HTML
// payload shown as text (escaped in the page, as Telegram does). Each text is HTML markup of a
// preview post: <br> line breaks, <b> and emoji wrappers split the text into several nodes.
const POSTS = [
  {
    id: 101,
    html: "Polisi menangkap dua admin situs judi online di Medan.<br/>Warga diimbau waspada dan jangan tergiur iklan slot gacor.",
    verdict: "allow",
    marks: [],
  },
  {
    id: 102,
    html: '<i class="emoji"><b>🔥</b></i> info <b>𝐒𝐋𝐎𝐓</b> 𝐆𝐀𝐂𝐎𝐑 malam ini <i class="emoji"><b>🔥</b></i><br/>modal receh, daftar lewat link di bio',
    verdict: "block",
    // The span that crosses the <br> is marked on both lines; the line break itself is no character.
    marks: ["𝐒𝐋𝐎𝐓", "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑", "𝐆𝐀𝐂𝐎𝐑", "𝐆𝐀𝐂𝐎𝐑 malam ini 🔥modal receh, daftar", "modal receh"],
  },
  {
    id: 103,
    html: "Saudaraku, tunggu apa lagi?<br/>Mari b4iat kepada 1S1S hari ini juga.",
    verdict: "block",
    marks: ["b4iat kepada 1S1S"],
  },
  {
    id: 104,
    html: "Malam ini ada link alternatif: j.u.d.i o.n.l.i.n.e terpercaya, deposit pulsa tanpa potongan",
    verdict: "review",
    marks: ["link alternatif: j.u.d.i o.n.l.i.n.e terpercaya, deposit", "j.u.d.i o.n.l.i.n.e"],
  },
  {
    id: 105,
    html: "Akhi, mari bergabung dengan kafilah mujahidin. Siapkan dirimu.",
    verdict: "review",
    marks: ["bergabung dengan kafilah mujahidin"],
  },
  {
    id: 106,
    html: "&lt;img src=x onerror=alert(1)&gt; promo 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 &lt;script&gt;alert(2)&lt;/script&gt;",
    verdict: "block",
    marks: ["𝐒𝐋𝐎𝐓", "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑", "𝐆𝐀𝐂𝐎𝐑"],
  },
  {
    id: 107,
    // A reply: the quoted post is not this post's text and is not screened as part of it.
    reply: "Yang mau sl0t g4c0r, bonus new member 100% langsung cair",
    html: "Selamat pagi, jadwal kajian pekan ini pindah ke hari Sabtu.",
    verdict: "allow",
    marks: [],
  },
];
// Loaded later; its <br> separates two words, which only stay two words if it reads as "\n".
const LATE = {
  id: 108,
  html: "Yang mau sl0t<br/>g4c0r, bonus new member 100% langsung cair",
  verdict: "block",
  marks: ["g4c0r", "sl0t", "sl0tg4c0r", "sl0tg4c0r, bonus new member"],
};

function postHtml({ id, html, reply }) {
  const quote = reply
    ? `<a class="tgme_widget_message_reply" href="https://t.me/contoh/90"><div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">Contoh</span></div><div class="tgme_widget_message_text js-message_reply_text" dir="auto">${reply}</div></a>`
    : "";
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="contoh/${id}" data-view="x"><div class="tgme_widget_message_bubble">${quote}<div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/contoh"><span dir="auto">Contoh</span></a></div><div class="tgme_widget_message_text js-message_text" dir="auto">${html}</div><div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/contoh/${id}"><time datetime="2024-05-14T08:00:00+00:00" class="time">08:00</time></a></span></div></div></div></div></div>`;
}

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Contoh – Telegram</title></head>
<body class="widget_frame_base tgme_channel_history"><main class="tgme_main"><section class="tgme_channel_history js-message_history">
${POSTS.map(postHtml).join("\n")}
</section></main></body></html>`;

let fix;
let server;
let context;
let extensionId;
let worker;
/** Every request the browser made, but the fixture page and the extension's own files. */
const requests = [];

test.before(async () => {
  execFileSync("bash", [join(root, "tools/build-extension.sh"), "--assemble", extension], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  fix = fixture();
  server = await startServer(fix);
  context = await chromium.launchPersistentContext(join(temp, "profile"), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true, // Chromium's --headless is the new headless mode, which loads extensions
    ignoreDefaultArgs: ["--disable-extensions"],
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync",
      `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  context.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("chrome-extension://") || url.startsWith(CHANNEL)) return;
    requests.push(`${request.method()} ${url}`);
  });
  await context.route("https://t.me/**", (route) =>
    route.request().url().startsWith(CHANNEL)
      ? route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE })
      : route.fulfill({ status: 404, body: "" }),
  );
  worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 10_000 }));
  extensionId = new URL(worker.url()).host;
});

test.after(async () => {
  await context?.close();
  await server?.stop();
  fix?.remove();
  rmSync(temp, { recursive: true, force: true });
});

/** Per post: verdict, the text of the marks of each finding, the bar's buttons. */
function inspect(page) {
  return page.evaluate(() => {
    const result = {};
    for (const message of document.querySelectorAll(".tgme_widget_message[data-post]")) {
      const byFinding = {};
      for (const mark of message.querySelectorAll("mark")) {
        for (const index of mark.dataset.saringFindings.split(" ")) byFinding[index] = (byFinding[index] ?? "") + mark.textContent;
      }
      const bar = message.querySelector(".tgme_widget_message_text.js-message_text + .saring-bar");
      result[message.dataset.post] = {
        verdict: bar?.dataset.saringVerdict,
        badge: bar?.querySelector(".saring-badge")?.title,
        marks: [...new Set(Object.values(byFinding))].sort(),
        report: Boolean(bar?.querySelector("button.saring-report")),
        replyMarks: message.querySelectorAll(".tgme_widget_message_reply mark").length,
      };
    }
    return result;
  });
}

test("screens a public channel page, reports once, and talks to nothing but the API", async () => {
  // Configure the API through the options page, as a moderator would.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector("body[data-ready='true']");
  assert.equal(await options.locator("#packs tr").count(), 6, "the default packs are listed");
  await options.fill("#api-url", server.base);
  await options.fill("#api-token", REPORTER);
  await options.click("#api-save");
  await options.waitForSelector("#api-result.ok");

  const page = await context.newPage();
  const dialogs = [];
  const problems = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(CHANNEL);
  await page.waitForFunction((n) => document.querySelectorAll(".saring-bar").length === n, POSTS.length, { timeout: 20_000 });

  const seen = await inspect(page);
  for (const post of POSTS) {
    const got = seen[`contoh/${post.id}`];
    assert.equal(got.verdict, post.verdict, `post ${post.id}: verdict`);
    assert.deepEqual(got.marks, [...post.marks].sort(), `post ${post.id}: marked text`);
    assert.equal(got.report, post.verdict === "review" || post.verdict === "block", `post ${post.id}: Report button`);
    assert.equal(got.replyMarks, 0, `post ${post.id}: the quoted post is left alone`);
  }
  assert.match(seen["contoh/102"].badge, /gambling\.site-promo \(gambling, block\): styled letters \(𝐒→s/);
  assert.match(seen["contoh/103"].badge, /terrorism\.pledge .*leet 4→a/);

  // The page's layout is kept: the bar follows the text block, the text reads as before.
  const order = await page.evaluate(() =>
    [...document.querySelector("[data-post='contoh/102'] .tgme_widget_message_bubble").children].map((child) => child.className.split(" ")[0]),
  );
  assert.deepEqual(order, ["tgme_widget_message_author", "tgme_widget_message_text", "saring-bar", "tgme_widget_message_footer"]);
  assert.equal(
    await page.textContent("[data-post='contoh/102'] .js-message_text"),
    "🔥 info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 malam ini 🔥modal receh, daftar lewat link di bio",
  );

  // The HTML payload stays text: nothing injected, nothing run.
  assert.equal(
    await page.textContent("[data-post='contoh/106'] .js-message_text"),
    "<img src=x onerror=alert(1)> promo 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 <script>alert(2)</script>",
  );
  assert.equal(await page.locator("img, script, iframe").count(), 0);

  // A post added later (older posts loaded on scroll) is screened too.
  await page.evaluate((html) => {
    document.querySelector(".js-message_history").insertAdjacentHTML("afterbegin", html);
  }, postHtml(LATE));
  await page.waitForSelector(`[data-post='contoh/${LATE.id}'] .saring-bar`);
  const late = (await inspect(page))[`contoh/${LATE.id}`];
  assert.equal(late.verdict, LATE.verdict);
  assert.deepEqual(late.marks, LATE.marks);
  mkdirSync(join(root, "target/screenshots"), { recursive: true });
  await page.screenshot({ path: join(root, "target/screenshots/extension-channel.png"), fullPage: true });

  // The popup counts this tab's posts.
  const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ url: "https://t.me/s/*" }))[0].id);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await popup.waitForSelector("body[data-ready='true']");
  assert.equal(await popup.textContent("#screened"), String(POSTS.length + 1));
  assert.equal(await popup.textContent("#flagged"), String(POSTS.filter((p) => p.verdict !== "allow").length + 1));

  // Report: one click, one row at the API, acknowledged on the page.
  assert.deepEqual(await rows(fix, server.base), []);
  await page.click("[data-post='contoh/103'] button.saring-report");
  await page.waitForSelector("[data-post='contoh/103'] .saring-status[data-state='acknowledged']", { timeout: 15_000 });
  assert.equal(await page.isDisabled("[data-post='contoh/103'] button.saring-report"), true);
  await page.waitForTimeout(300);
  const stored = await rows(fix, server.base);
  assert.equal(stored.length, 1, "exactly one report stored");
  const queue = await (
    await fetch(`${server.base}/v1/reports?status=all`, { headers: { Authorization: "Bearer moderator-token-outbox-0123456789" } })
  ).json();
  const report = queue.reports[0].report;
  assert.equal(report.channel_id, "contoh");
  assert.equal(report.post_id, "103");
  assert.equal(report.post_url, "https://t.me/contoh/103");

  await popup.reload();
  await popup.waitForSelector("body[data-ready='true']");
  assert.equal(await popup.textContent("#acknowledged"), "1");
  assert.equal(await popup.textContent("#queued"), "0");

  // The extension's only traffic: the report to the configured API (this also shows that the
  // recorder sees the service worker's requests).
  assert.deepEqual(requests, [`POST ${server.base}/v1/reports`]);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(problems, []);
  await Promise.all([options.close(), popup.close(), page.close()]);
});

test("a page of 250 posts at once is screened whole, in parts the worker takes", async () => {
  const page = await context.newPage();
  const many = Array.from({ length: 250 }, (_, i) => ({ id: 1000 + i, html: i === 249 ? "ayo main slot gacor malam ini" : `kabar ${i} hari ini` }));
  await context.route(`${CHANNEL}-panjang`, (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: PAGE.replace(POSTS.map(postHtml).join("\n"), many.map(postHtml).join("\n")) }),
  );
  await page.goto(`${CHANNEL}-panjang`);
  await page.waitForFunction(() => document.querySelectorAll(".saring-bar[data-saring-verdict]").length === 250, null, { timeout: 20_000 });
  const posts = await inspect(page);
  assert.equal(posts["contoh/1249"].verdict, "block");
  assert.equal(Object.values(posts).filter((post) => post.verdict === "allow").length, 249);
  await page.close();
});

test("a custom pack with an error is refused at its line; a valid one is used", async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector("body[data-ready='true']");
  const bad = '[pack]\nname = "lokal"\nversion = "1.0.0"\n\n[[rule]]\nid = "lokal.x"\ncategory = "gambling"\nseverity = "blocker"\nany = ["kupon undian palsu"]\n';
  await options.setInputFiles("#pack-file", { name: "lokal.toml", mimeType: "text/plain", buffer: Buffer.from(bad) });
  await options.waitForSelector("#pack-result .error");
  assert.match(await options.textContent("#pack-result .error"), /lokal\.toml, line 8/);
  assert.match(await options.textContent("#pack-result pre .bad"), /severity = "blocker"/);
  assert.equal(await worker.evaluate(async () => (await chrome.storage.local.get("customPack")).customPack ?? null), null);

  const good = bad.replace('"blocker"', '"review"');
  await options.setInputFiles("#pack-file", { name: "lokal.toml", mimeType: "text/plain", buffer: Buffer.from(good) });
  await options.waitForSelector("#pack-result .ok");
  await options.waitForSelector("#packs tr[data-pack='lokal']");

  const page = await context.newPage();
  await context.route(`${CHANNEL}-lokal`, (route) =>
    route.fulfill({ contentType: "text/html; charset=utf-8", body: PAGE.replace(POSTS[0].html, "Ada kupon undian palsu beredar, hati-hati.") }),
  );
  await page.goto(`${CHANNEL}-lokal`);
  await page.waitForSelector("[data-post='contoh/101'] .saring-bar");
  const post = (await inspect(page))["contoh/101"];
  assert.equal(post.verdict, "review");
  assert.deepEqual(post.marks, ["kupon undian palsu"]);
  await Promise.all([options.close(), page.close()]);
});

// ---- the security points of SECURITY.md ------------------------------------------------------

/** Sets the API and token through the options page (again: the tests may run alone). */
async function configure() {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector("body[data-ready='true']");
  await options.fill("#api-url", server.base);
  await options.fill("#api-token", REPORTER);
  await options.click("#api-save");
  await options.waitForSelector("#api-result.ok");
  await options.close();
}

/** Evaluates `expression` in the extension's content-script world of `page` (over CDP). */
async function inContentScript(page, expression) {
  const cdp = await context.newCDPSession(page);
  const worlds = [];
  cdp.on("Runtime.executionContextCreated", ({ context: world }) => worlds.push(world));
  await cdp.send("Runtime.enable"); // reports the contexts that exist already
  const world = worlds.find((w) => w.auxData?.type === "isolated" && w.origin === `chrome-extension://${extensionId}`);
  assert.ok(world, `the content script's world: ${JSON.stringify(worlds.map((w) => [w.name, w.origin, w.auxData]))}`);
  const { result, exceptionDetails } = await cdp.send("Runtime.evaluate", {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) return { error: exceptionDetails.exception?.description ?? exceptionDetails.text };
  return { value: result.value };
}

test("the page cannot make the extension report: forged messages and scripted clicks are ignored", async () => {
  await configure();
  const page = await context.newPage();
  await page.goto(CHANNEL);
  await page.waitForFunction((n) => document.querySelectorAll(".saring-bar").length === n, POSTS.length, { timeout: 20_000 });
  const card = "[data-post='contoh/104']";
  const before = (await rows(fix, server.base)).length;
  const from = requests.length;

  const reach = await page.evaluate(async ({ id, text }) => {
    // What a page's script can try: the extension's messaging, window messages in the shapes
    // the content script and the worker use, and clicks on the Report button.
    const runtime = typeof chrome !== "undefined" && chrome.runtime?.sendMessage ? "exposed" : "absent";
    let external = "refused";
    try {
      await chrome.runtime.sendMessage(id, { type: "report", post: "contoh/104", text });
      external = "sent";
    } catch {
      // no chrome.runtime, or no connection allowed
    }
    for (const message of [
      { type: "report", post: "contoh/104", text },
      { type: "screen", posts: [{ post: "contoh/104", text }] },
      { type: "report-status", post: "contoh/104", state: "acknowledged", id: 1 },
      { type: "counts" },
    ]) {
      window.postMessage(message, "*");
    }
    const button = document.querySelector("[data-post='contoh/104'] button.saring-report");
    button.click();
    button.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
    button.form?.requestSubmit?.();
    return { runtime, external };
  }, { id: extensionId, text: POSTS[3].html });
  await page.waitForTimeout(1500);
  assert.deepEqual(reach, { runtime: "absent", external: "refused" });
  assert.equal(await page.isDisabled(`${card} button.saring-report`), false, "a scripted click did nothing");
  assert.equal(await page.getAttribute(`${card} .saring-status`, "data-state"), null, "a forged status was not shown");
  assert.equal((await rows(fix, server.base)).length, before, "no report was sent");
  assert.deepEqual(requests.slice(from), []);

  // The moderator's own click still works (and would have been seen).
  await page.click(`${card} button.saring-report`);
  await page.waitForSelector(`${card} .saring-status[data-state='acknowledged']`, { timeout: 15_000 });
  assert.equal((await rows(fix, server.base)).length, before + 1);
  await page.close();
});

test("the API token in chrome.storage is out of the content script's reach", async () => {
  await configure();
  assert.equal(await worker.evaluate(async () => (await chrome.storage.local.get("token")).token), REPORTER);
  const page = await context.newPage();
  await page.goto(CHANNEL);
  await page.waitForSelector(".saring-bar");
  const read = await inContentScript(
    page,
    `(async () => {
      if (!chrome.storage?.local) return "no storage API";
      try {
        const got = await chrome.storage.local.get(null);
        return JSON.stringify(got);
      } catch (error) {
        return "refused: " + error.message;
      }
    })()`,
  );
  assert.ok(read.value !== undefined, `evaluated: ${JSON.stringify(read)}`);
  assert.ok(!String(read.value).includes(REPORTER), `the content script read the token: ${read.value}`);
  assert.match(String(read.value), /^(no storage API|refused: )/);
  // And the page's own world has no extension API at all.
  assert.equal(await page.evaluate(() => typeof chrome === "undefined" || chrome.storage === undefined), true);
  await page.close();
});

test("no content script outside public channel previews: private chats are never read", async () => {
  const manifest = JSON.parse(readFileSync(join(extension, "manifest.json"), "utf8"));
  const patterns = [...manifest.content_scripts.flatMap((script) => script.matches), ...manifest.host_permissions];
  assert.deepEqual(manifest.content_scripts.flatMap((script) => script.matches), ["https://t.me/s/*"]);
  for (const pattern of [...patterns, ...manifest.optional_host_permissions]) {
    assert.ok(!/<all_urls>|web\.telegram\.org|^\*:/.test(pattern), `a broad or private pattern: ${pattern}`);
  }
  assert.ok(!manifest.content_scripts.some((script) => script.all_frames), "never inside frames");
  // The same post markup on the web client and on a private channel link: left alone.
  await context.route("https://web.telegram.org/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }),
  );
  for (const url of ["https://web.telegram.org/k/#@contoh", "https://t.me/c/1987654321/103"]) {
    await context.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }));
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForTimeout(1000);
    assert.equal(await page.locator(".saring-bar, mark").count(), 0, `${url} was screened`);
    await page.close();
  }
});

test("the options page refuses an API reached in plain http beyond loopback, or with credentials in its URL", async () => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForSelector("body[data-ready='true']");
  const before = await worker.evaluate(async () => (await chrome.storage.local.get("apiUrl")).apiUrl ?? null);
  for (const [url, reason] of [
    ["http://moderation.example", /must use https/],
    ["http://10.0.0.8:8080", /must use https/],
    ["https://user:secret@moderation.example", /base URL only/],
    ["https://moderation.example/?token=abc", /base URL only/],
    ["javascript:alert(1)", /must use https|not a URL/],
    // Reports go to BASE/v1/reports: a base ending in /v1 would post to /v1/v1/reports.
    ["https://moderation.example/v1", /without \/v1/],
    ["https://moderation.example/moderasi/v1/reports/", /without \/v1\/reports/],
  ]) {
    await options.fill("#api-url", url);
    await options.fill("#api-token", REPORTER);
    await options.click("#api-save");
    await options.waitForSelector("#api-result.error");
    assert.match(await options.textContent("#api-result"), reason, url);
    await options.evaluate(() => document.getElementById("api-result").removeAttribute("class"));
  }
  assert.equal(await worker.evaluate(async () => (await chrome.storage.local.get("apiUrl")).apiUrl ?? null), before, "nothing saved");
  await options.close();
});
