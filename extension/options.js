// The options page: the moderation API (URL and reporter token, in chrome.storage.local), the
// default packs switched on or off, and a custom TOML pack, checked here before it is saved —
// an invalid pack is shown with its line, rule and field, and never reaches the screener.

import init, { Screener, SaringError } from "./saring/saring.js";
import { buildScreener, loadSettings } from "./packs.js";

const $ = (id) => document.getElementById(id);

function say(target, text, className) {
  target.className = className;
  target.textContent = text;
}

// ---- the API ----------------------------------------------------------------------------

/** The API's base URL without a trailing slash, or an error message. */
function parseApi(value) {
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return { error: "not a URL" };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && ["127.0.0.1", "localhost"].includes(url.hostname))) {
    return { error: "the API must use https (plain http only on 127.0.0.1 or localhost)" };
  }
  if (url.search || url.hash || url.username || url.password) return { error: "give the base URL only" };
  const path = url.pathname.replace(/\/+$/, "");
  // Reports go to BASE/v1/reports: a base that already ends in /v1 would send them to /v1/v1/….
  if (/\/v1(\/reports)?$/.test(path)) {
    return { error: `give the base URL without ${path.slice(path.lastIndexOf("/v1"))}: reports go to BASE/v1/reports` };
  }
  return { base: `${url.origin}${path}`, origin: url.origin };
}

$("api-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const result = $("api-result");
  const api = parseApi($("api-url").value);
  const token = $("api-token").value.trim();
  if (api.error) return say(result, `API URL: ${api.error}`, "error");
  if (!token) return say(result, "Enter the reporter token.", "error");
  // Access to the API's origin only; granted without a prompt when the manifest has it already.
  const origins = [`${api.origin}/*`];
  const granted = (await chrome.permissions.contains({ origins })) || (await chrome.permissions.request({ origins }));
  if (!granted) return say(result, `Not saved: the extension needs access to ${api.origin} to send reports.`, "error");
  await chrome.storage.local.set({ apiUrl: api.base, token });
  say(result, `Saved. Reports go to ${api.base}.`, "ok");
});

// ---- packs ------------------------------------------------------------------------------

let defaults = [];

async function renderPacks() {
  const settings = await loadSettings();
  const body = $("packs");
  body.replaceChildren();
  const rows = [...defaults.map((pack) => ({ ...pack, custom: false }))];
  if (settings.customPack) {
    try {
      const pack = Screener.fromPacks([settings.customPack]).packs()[0];
      rows.push({ ...pack, custom: true });
    } catch {
      // Checked before it was saved; nothing to list if it somehow fails now.
    }
  }
  for (const pack of rows) {
    const row = document.createElement("tr");
    row.dataset.pack = pack.name;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = pack.custom || !settings.disabledPacks.includes(pack.name);
    box.disabled = pack.custom;
    box.setAttribute("aria-label", `Use the pack ${pack.name}`);
    box.addEventListener("change", () => toggle(pack.name, box.checked));
    const cells = [box, pack.custom ? `${pack.name} (custom)` : pack.name, pack.version, String(pack.rules)];
    for (const cell of cells) {
      const td = document.createElement("td");
      td.append(cell);
      row.append(td);
    }
    body.append(row);
  }
  $("pack-remove").hidden = !settings.customPack;
}

/** Saves `change` to the settings if the screener can be built with it; shows the error if not. */
async function applyPacks(change, toml) {
  const result = $("pack-result");
  const next = { ...(await loadSettings()), ...change };
  try {
    (await buildScreener(next)).free();
  } catch (error) {
    if (!(error instanceof SaringError)) throw error;
    showPackError(error, toml);
    return false;
  }
  await chrome.storage.local.set(change);
  const saved = document.createElement("p");
  say(saved, "Saved. Pages screened from now on use these packs.", "ok");
  result.replaceChildren(saved);
  await renderPacks();
  return true;
}

function showPackError(error, toml) {
  const result = $("pack-result");
  const where = [error.file, error.line && `line ${error.line}`, error.rule && `rule ${error.rule}`, error.field && `field ${error.field}`]
    .filter(Boolean)
    .join(", ");
  const message = document.createElement("p");
  say(message, `Not saved: ${error.detail ?? error.message}${where ? ` (${where})` : ""}`, "error");
  result.replaceChildren(message);
  if (toml && error.line) {
    const lines = toml.split("\n");
    const first = Math.max(1, error.line - 2);
    const pre = document.createElement("pre");
    for (let number = first; number <= Math.min(lines.length, error.line + 2); number++) {
      const line = document.createElement("span");
      if (number === error.line) line.className = "bad";
      line.textContent = `${String(number).padStart(4)}  ${lines[number - 1]}\n`;
      pre.append(line);
    }
    result.append(pre);
  }
}

async function toggle(name, on) {
  const disabled = new Set((await loadSettings()).disabledPacks);
  if (on) disabled.delete(name);
  else disabled.add(name);
  if (!(await applyPacks({ disabledPacks: [...disabled] }))) await renderPacks();
}

$("pack-file").addEventListener("change", async () => {
  const file = $("pack-file").files?.[0];
  if (!file) return;
  const toml = await file.text();
  await applyPacks({ customPack: { name: file.name, toml } }, toml);
  $("pack-file").value = "";
});

$("pack-remove").addEventListener("click", () => applyPacks({ customPack: null }));

// ---- start ------------------------------------------------------------------------------

(async () => {
  const settings = await loadSettings();
  $("api-url").value = settings.apiUrl;
  $("api-token").value = settings.token;
  await init(chrome.runtime.getURL("saring/saring_wasm_bg.wasm"));
  const screener = Screener.withDefaults();
  defaults = screener.packs();
  screener.free();
  await renderPacks();
  document.body.dataset.ready = "true";
})();
