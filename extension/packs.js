// The screener's packs, shared by the service worker and the options page: the embedded
// defaults, or — when a default pack is switched off or a custom pack is added — the default
// packs' TOML sources shipped in rules/ (index in rules/index.json) plus the custom pack.

import { Screener, SaringError } from "./saring/saring.js";

/** The settings kept in chrome.storage.local, with their defaults. */
export const SETTINGS = { apiUrl: "", token: "", disabledPacks: [], customPack: null };

export async function loadSettings() {
  return { ...SETTINGS, ...(await chrome.storage.local.get(Object.keys(SETTINGS))) };
}

/** `[{ name, file, toml }]` of the default packs shipped with the extension. */
export async function defaultSources() {
  const index = await (await fetch(new URL("./rules/index.json", import.meta.url))).json();
  return Promise.all(
    index.packs.map(async (file) => ({
      name: file.replace(/\.toml$/, ""),
      file,
      toml: await (await fetch(new URL(`./rules/${encodeURIComponent(file)}`, import.meta.url))).text(),
    })),
  );
}

/**
 * A screener for `{ disabledPacks, customPack: { name, toml } | null }`. Throws SaringError when
 * the custom pack is invalid (its `line`, `rule`, `field` say where) or no pack is left.
 */
export async function buildScreener({ disabledPacks = [], customPack = null } = {}) {
  if (disabledPacks.length === 0 && !customPack) return Screener.withDefaults();
  const packs = (await defaultSources())
    .filter((source) => !disabledPacks.includes(source.name))
    .map((source) => ({ name: `rules/${source.file}`, toml: source.toml }));
  if (customPack) packs.push({ name: customPack.name, toml: customPack.toml });
  if (packs.length === 0) throw new SaringError("switch on at least one pack", { kind: "input" });
  return Screener.fromPacks(packs);
}
