// Settings: the bearer tokens. A token is pasted by the admin (`make demo` prints demo tokens),
// kept in sessionStorage (gone when the tab closes) or, if asked, localStorage; it is sent only
// in the Authorization header to this page's own origin. Never in a URL, never logged.

import { el, toast } from "./dom.js";
import { t } from "./i18n.js";
import { emit, on } from "./state.js";
import { outboxCounts, flushOutbox } from "./reports.js";

const KEYS = { reporter: "saring.token.reporter", moderator: "saring.token.moderator" };

function read(storage, key) {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

/** The token for `role` ("reporter" or "moderator"), or "". */
export function getToken(role) {
  return read(sessionStorage, KEYS[role]) ?? read(localStorage, KEYS[role]) ?? "";
}

function remembered() {
  return read(localStorage, KEYS.reporter) !== null || read(localStorage, KEYS.moderator) !== null;
}

function store({ reporter, moderator, remember }) {
  for (const storage of [sessionStorage, localStorage]) {
    try {
      for (const key of Object.values(KEYS)) storage.removeItem(key);
    } catch {
      // unavailable storage holds nothing
    }
  }
  const target = remember ? localStorage : sessionStorage;
  try {
    if (reporter) target.setItem(KEYS.reporter, reporter);
    if (moderator) target.setItem(KEYS.moderator, moderator);
  } catch {
    // storage unavailable: nothing kept
  }
}

/** The API the dashboard talks to: the origin that served it (the CSP allows no other). */
export function apiBase() {
  return location.origin;
}

/** GET /healthz: resolves to the status text, or throws with a message. */
export async function checkApi() {
  const response = await fetch(`${apiBase()}/healthz`, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return body.status ?? "ok";
}

export function mountSettings(section) {
  const reporter = el("input", {
    id: "reporter-token",
    type: "password",
    autocomplete: "off",
    spellcheck: false,
    value: getToken("reporter"),
  });
  const moderator = el("input", {
    id: "moderator-token",
    type: "password",
    autocomplete: "off",
    spellcheck: false,
    value: getToken("moderator"),
  });
  const remember = el("input", { id: "remember-tokens", type: "checkbox", checked: remembered() });
  const checkResult = el("p", { class: "muted", attrs: { role: "status", "aria-live": "polite" } });
  const outboxLine = el("p", { class: "muted", id: "outbox-count" });

  async function refreshCounts() {
    const counts = await outboxCounts();
    outboxLine.textContent = counts ? t("settings.outboxCount", counts) : "—";
  }

  function render() {
    section.replaceChildren(
      el("h2", { id: "h-settings", tabIndex: -1, text: t("settings.title") }),
      el("p", { class: "intro", text: t("settings.intro") }),
      el(
        "form",
        {
          id: "settings-form",
          class: "card stack",
          on: {
            submit: (event) => {
              event.preventDefault();
              store({ reporter: reporter.value.trim(), moderator: moderator.value.trim(), remember: remember.checked });
              emit("tokens");
              toast(t("settings.saved"));
              refreshCounts();
            },
          },
        },
        el("div", { class: "field" }, el("span", { class: "label", text: t("settings.api") }), el("code", { text: apiBase() })),
        el("label", { class: "field", htmlFor: "reporter-token" }, el("span", { class: "label", text: t("settings.reporter") }), reporter),
        el("label", { class: "field", htmlFor: "moderator-token" }, el("span", { class: "label", text: t("settings.moderator") }), moderator),
        el("label", { class: "check", htmlFor: "remember-tokens" }, remember, el("span", { text: t("settings.remember") })),
        el(
          "div",
          { class: "row" },
          el("button", { type: "submit", class: "primary", id: "settings-save", text: t("settings.save") }),
          el("button", {
            type: "button",
            class: "ghost",
            text: t("settings.forget"),
            on: {
              click: () => {
                store({});
                reporter.value = "";
                moderator.value = "";
                emit("tokens");
                toast(t("settings.forgotten"));
              },
            },
          }),
          el("button", {
            type: "button",
            class: "ghost",
            text: t("settings.check"),
            on: {
              click: async () => {
                try {
                  checkResult.textContent = t("settings.checkOk", { status: await checkApi() });
                  emit("api", { online: true });
                } catch (error) {
                  checkResult.textContent = t("settings.checkFail", { error: error.message });
                  emit("api", { online: false });
                }
              },
            },
          }),
        ),
        checkResult,
      ),
      el(
        "div",
        { class: "card stack" },
        el("h3", { text: t("settings.outbox") }),
        outboxLine,
        el("button", { type: "button", class: "ghost", text: t("offline.retry"), on: { click: () => flushOutbox() } }),
      ),
    );
    refreshCounts();
  }

  on("report-status", refreshCounts);
  return { render };
}
