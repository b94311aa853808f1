// Private chat: a local conversation screened with scope "private". Warnings are shown on this
// device only; there is no report button, and nothing in this view touches the network (the
// messages live in this page's memory and are gone on reload).

import { el, renderHighlighted } from "./dom.js";
import { t } from "./i18n.js";
import { on, state } from "./state.js";

const OPENING = [
  { from: "them", text: "Halo! Jadi ketemu besok jam 10 di kafe dekat stasiun?" },
  { from: "me", text: "Jadi, aku bawa laptopnya ya." },
  { from: "them", text: "Eh, tadi ada yang nawarin s l 0 t g4c0r katanya pasti maxwin 😅 kamu jangan ikut-ikutan ya" },
];

export function mountChat(section) {
  const messages = OPENING.map((message) => ({ ...message }));
  const log = el("ol", { id: "chat-log", class: "chat-log", attrs: { role: "log", "aria-live": "polite" } });
  const input = el("textarea", { id: "chat-input", rows: 2, maxLength: 4096, spellcheck: false });
  const live = el("div", { id: "chat-live", class: "chat-live", attrs: { "aria-live": "polite" } });

  function warningFor(screening) {
    if (screening.findings.length === 0) return null;
    const what = [...new Set(screening.findings.map((f) => t(`category.${f.category}`)))].join(", ");
    return el("div", { class: `chat-warning verdict-${screening.verdict}`, text: `⚠ ${t("chat.warning", { what })}` });
  }

  function bubble(message) {
    const screening = state.screener.screen(message.text, { scope: "private" });
    const text = el("p", { class: "bubble-text" });
    renderHighlighted(text, message.text, screening.findings);
    return el(
      "li",
      { class: `bubble ${message.from}`, dataset: { verdict: screening.verdict } },
      el("span", { class: "visually-hidden", text: `${t(message.from === "me" ? "chat.me" : "chat.them")}: ` }),
      text,
      warningFor(screening),
    );
  }

  function renderLog() {
    log.replaceChildren(...messages.map(bubble));
    log.scrollTop = log.scrollHeight;
  }

  function preview() {
    const text = input.value;
    const screening = text.trim() ? state.screener.screen(text, { scope: "private" }) : { findings: [] };
    live.replaceChildren(warningFor(screening) ?? "");
  }

  function send(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    messages.push({ from: "me", text });
    input.value = "";
    preview();
    renderLog();
  }

  input.addEventListener("input", preview);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) send(event);
  });

  function render() {
    input.placeholder = t("chat.placeholder");
    section.replaceChildren(
      el("h2", { id: "h-chat", tabIndex: -1, text: t("chat.title") }),
      el(
        "div",
        { class: "private-indicator", id: "private-indicator", attrs: { role: "note" } },
        el("strong", { text: `🔒 ${t("chat.private")}` }),
        el("span", { text: t("chat.privateDetail") }),
      ),
      el(
        "div",
        { class: "card chat" },
        el("h3", { class: "small muted", text: t("chat.with") }),
        log,
        el(
          "form",
          { class: "chat-form", on: { submit: send } },
          el("label", { htmlFor: "chat-input", class: "visually-hidden", text: t("chat.label") }),
          input,
          el("button", { type: "submit", class: "primary", id: "chat-send", text: t("chat.send") }),
        ),
        live,
      ),
    );
    renderLog();
    preview();
  }

  on("screener", () => render());
  return { render };
}
