// Rule packs: the packs in use (name, version, rules, SHA-256 from `screener.packs()`), each
// default pack switchable when its TOML source is on the site (`rules/index.json`, put there by
// tools/demo.sh), and a custom TOML pack loaded from a file or pasted, checked before use, with
// the SaringError's file, line, rule and field shown against the source. The packs in use can be
// downloaded compiled, for pages that screen with saring/runtime (no TOML parser).

import { Screener, SaringError, checkExamples, compilePacks } from "../saring/saring.js";
import { el, toast } from "./dom.js";
import { t } from "./i18n.js";
import { emit, local, on, state } from "./state.js";

const CUSTOM = "saring.customPack";
const DISABLED = "saring.disabledPacks";
const CUSTOM_NAME = "custom.toml";

/** name → TOML source of the default packs, when the site carries them. */
let defaults = null;

async function loadDefaultSources() {
  try {
    const index = await (await fetch("rules/index.json")).json();
    const sources = await Promise.all(
      index.packs.map(async (file) => [file, await (await fetch(`rules/${encodeURIComponent(file)}`)).text()]),
    );
    return new Map(sources.map(([file, toml]) => [file.replace(/\.toml$/, ""), { file, toml }]));
  } catch {
    return null;
  }
}

/** The TOML sources of the enabled default packs and of the custom pack, as `fromPacks` takes them. */
function sources({ disabled, custom }) {
  const packs = [];
  if (defaults) {
    for (const [name, { file, toml }] of defaults) if (!disabled.includes(name)) packs.push({ name: `rules/${file}`, toml });
  }
  if (custom) packs.push({ name: CUSTOM_NAME, toml: custom });
  // Without the sources (no rules/index.json), a custom pack is used on its own.
  if (packs.length === 0) throw new SaringError(t("packs.needOne"), { kind: "input" });
  return packs;
}

/** Builds a screener from the enabled default packs and the custom pack (throws SaringError). */
function build(choice) {
  if (choice.disabled.length === 0 && !choice.custom) return Screener.withDefaults();
  return Screener.fromPacks(sources(choice));
}

/**
 * Saves the packs in use, compiled, as `saring-packs.bin` (throws SaringError). The default packs
 * as they are need no file: saring/runtime embeds them, with the default bundle's identity.
 */
function downloadCompiled() {
  const choice = { disabled: local.get(DISABLED, []), custom: local.get(CUSTOM, null) };
  if (choice.disabled.length === 0 && !choice.custom) {
    toast(t("packs.compiledDefaults"));
    return;
  }
  const bytes = compilePacks(sources(choice));
  const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
  el("a", { href: url, download: "saring-packs.bin" }).click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function use(screener) {
  const previous = state.screener;
  state.screener = screener;
  if (previous && previous !== screener) emit("screener");
}

/** The screener at start: the saved pack choice, or the embedded defaults if that fails. */
export async function initialScreener() {
  defaults = await loadDefaultSources();
  const disabled = defaults ? local.get(DISABLED, []) : [];
  const custom = local.get(CUSTOM, null);
  try {
    use(build({ disabled, custom }));
  } catch {
    use(Screener.withDefaults());
  }
}

export function mountPacks(section) {
  const source = el("textarea", { id: "pack-source", rows: 12, spellcheck: false, value: local.get(CUSTOM, "") ?? "" });
  const file = el("input", { id: "pack-file", type: "file", accept: ".toml,text/plain" });
  const result = el("div", { id: "pack-result", attrs: { role: "status", "aria-live": "polite" } });

  /** The name of the file the pack was read from, for its errors; none once it is edited. */
  let uploaded = null;
  file.addEventListener("change", async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    source.value = await chosen.text();
    uploaded = chosen.name;
    apply();
  });
  source.addEventListener("input", () => {
    uploaded = null;
  });

  /** The pack's examples that its rules do not bear out: loaded all the same, but said. */
  function examplesView(problems) {
    if (problems.length === 0) return null;
    return el(
      "div",
      { class: "examples-off", attrs: { role: "alert" } },
      el("strong", { text: t("packs.examples.off", { n: problems.length }) }),
      el(
        "ul",
        {},
        problems.map((problem) =>
          el("li", {}, el("code", { text: problem.rule }), ` (${t("packs.line", { line: problem.line })}): `,
            el("q", { text: problem.example }), ` — ${t(`packs.examples.${problem.expected}`)}`),
        ),
      ),
    );
  }

  function errorView(error, toml) {
    const where = [
      error.file === CUSTOM_NAME && uploaded ? uploaded : error.file,
      error.line ? t("packs.line", { line: error.line }) : null,
      error.rule ? t("packs.rule", { rule: error.rule }) : null,
      error.field ? t("packs.field", { field: error.field }) : null,
    ].filter(Boolean);
    const lines = toml.split("\n");
    const snippet =
      error.line && error.file === CUSTOM_NAME
        ? el(
            "ol",
            { class: "source", start: Math.max(1, error.line - 2) },
            lines.slice(Math.max(0, error.line - 3), error.line + 2).map((line, i) => {
              const number = Math.max(1, error.line - 2) + i;
              return el("li", { class: number === error.line ? "bad" : "", attrs: number === error.line ? { "aria-current": "true" } : {} }, el("code", { text: line || " " }));
            }),
          )
        : null;
    return el(
      "div",
      { class: "error-box", attrs: { role: "alert" } },
      el("strong", { text: t("packs.error") }),
      el("p", { class: "error-detail", text: error.detail ?? error.message }),
      where.length ? el("p", { class: "error-where" }, `${t("packs.where")}: `, el("code", { text: where.join(" · ") })) : null,
      snippet,
    );
  }

  function apply() {
    const toml = source.value;
    try {
      const screener = build({ disabled: local.get(DISABLED, []), custom: toml.trim() ? toml : null });
      local.set(CUSTOM, toml.trim() ? toml : null);
      use(screener);
      const custom = screener.packs().find((pack) => !defaults || !defaults.has(pack.name));
      result.replaceChildren(
        el("p", { class: "ok", text: custom ? t("packs.ok", custom) : t("settings.saved") }),
        toml.trim() ? examplesView(checkExamples([{ name: uploaded ?? CUSTOM_NAME, toml }])) : null,
      );
      renderTable();
    } catch (error) {
      if (!(error instanceof SaringError)) throw error;
      result.replaceChildren(errorView(error, toml));
    }
  }

  function toggle(name, enabled) {
    const disabled = new Set(local.get(DISABLED, []));
    if (enabled) disabled.delete(name);
    else disabled.add(name);
    try {
      use(build({ disabled: [...disabled], custom: local.get(CUSTOM, null) }));
      local.set(DISABLED, [...disabled]);
    } catch (error) {
      toast(error.message);
    }
    renderTable();
  }

  const table = el("div", { id: "packs-table", class: "table-wrap" });

  function renderTable() {
    const active = new Map(state.screener.packs().map((pack) => [pack.name, pack]));
    const names = new Set([...(defaults ? defaults.keys() : []), ...active.keys()]);
    table.replaceChildren(
      el(
        "table",
        {},
        el(
          "thead",
          {},
          el("tr", {}, ["packs.enabled", "packs.name", "packs.version", "packs.rules", "packs.sha"].map((key) => el("th", { scope: "col", text: t(key) }))),
        ),
        el(
          "tbody",
          {},
          [...names].map((name) => {
            const pack = active.get(name);
            const isDefault = Boolean(defaults?.has(name));
            const box = el("input", {
              type: "checkbox",
              checked: Boolean(pack),
              disabled: !isDefault,
              attrs: { "aria-label": `${t("packs.enabled")}: ${name}` },
              on: { change: (event) => toggle(name, event.target.checked) },
            });
            return el(
              "tr",
              { dataset: { pack: name }, class: pack ? "" : "off" },
              el("td", {}, box),
              el("th", { scope: "row" }, name, isDefault ? null : el("span", { class: "badge", text: t("packs.customTag") })),
              el("td", { text: pack?.version ?? "—" }),
              el("td", { text: pack ? String(pack.rules) : "—" }),
              el("td", {}, el("code", { class: "sha", text: pack?.sha256 ?? "—", title: pack?.sha256 ?? "" })),
            );
          }),
        ),
      ),
      ...(defaults ? [] : [el("p", { class: "muted small", text: t("packs.noSources") })]),
    );
  }

  function render() {
    section.replaceChildren(
      el("h2", { id: "h-packs", tabIndex: -1, text: t("packs.title") }),
      el("p", { class: "intro", text: t("packs.intro") }),
      table,
      el(
        "div",
        { class: "card stack" },
        el("h3", { text: t("packs.custom") }),
        el("p", { class: "muted", text: t("packs.customIntro") }),
        el("label", { class: "field", htmlFor: "pack-file" }, el("span", { class: "label", text: t("packs.file") }), file),
        el("label", { class: "field", htmlFor: "pack-source" }, el("span", { class: "label", text: t("packs.source") }), source),
        el(
          "div",
          { class: "row" },
          el("button", { type: "button", class: "primary", id: "pack-apply", text: t("packs.apply"), on: { click: apply } }),
          el("button", {
            type: "button",
            class: "ghost",
            id: "pack-remove",
            text: t("packs.removeCustom"),
            on: {
              click: () => {
                source.value = "";
                apply();
              },
            },
          }),
        ),
        result,
      ),
      el(
        "div",
        { class: "card stack" },
        el("h3", { text: t("packs.compiled") }),
        el("p", { class: "muted", text: t(defaults ? "packs.compiledIntro" : "packs.compiledNoSources") }),
        el(
          "div",
          { class: "row" },
          el("button", {
            type: "button",
            id: "pack-download",
            text: t("packs.download"),
            disabled: !defaults && !local.get(CUSTOM, null),
            on: {
              click: () => {
                try {
                  downloadCompiled();
                } catch (error) {
                  toast(error.message);
                }
              },
            },
          }),
        ),
      ),
    );
    renderTable();
  }

  on("screener", () => renderTable());
  return { render };
}
