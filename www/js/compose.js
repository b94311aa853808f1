// Compose: the post is screened on every input event; findings are highlighted in place by a
// mirrored backdrop behind the (transparent) textarea, at their exact UTF-16 spans; the
// publish button follows the verdict: allow publishes, warn asks first, review goes to the
// local review queue, block is disabled with the reasons shown.

import { el, findingsList, renderHighlighted, toast, verdictBadge } from "./dom.js";
import { formatDateTime, formatNumber, t } from "./i18n.js";
import { local, on, state } from "./state.js";

const MAX_CHARS = 4096;
const PUBLISHED = "saring.published";
const REVIEW = "saring.reviewQueue";

export function mountCompose(section) {
  // No `maxLength`: a paste over the limit would be cut without a word, and the part cut off may
  // be the part that is flagged. The whole text is kept, screened, and refused while too long.
  const textarea = el("textarea", {
    id: "compose-text",
    rows: 8,
    spellcheck: false,
    attrs: { "aria-describedby": "compose-counter publish-hint", dir: "auto" },
  });
  const backdrop = el("div", { class: "backdrop", id: "compose-backdrop", attrs: { "aria-hidden": "true" } });
  const counter = el("span", { id: "compose-counter", class: "muted" });
  const verdictSlot = el("span", { id: "compose-verdict", attrs: { role: "status", "aria-live": "polite" } });
  const findingsSlot = el("div", { id: "compose-findings" });
  const publish = el("button", { type: "button", id: "publish", class: "primary" });
  const hint = el("div", { id: "publish-hint", class: "hint" });
  const publishedList = el("ol", { id: "published-list", class: "posts" });
  const reviewList = el("ol", { id: "review-list", class: "posts" });
  const dialogFindings = el("div");
  const dialog = el(
    "dialog",
    { id: "confirm-warn", attrs: { "aria-labelledby": "confirm-title" } },
    el(
      "form",
      { method: "dialog", class: "stack" },
      el("h3", { id: "confirm-title" }),
      el("p", { class: "confirm-body" }),
      dialogFindings,
      el(
        "div",
        { class: "row" },
        el("button", { value: "cancel", class: "ghost", id: "confirm-no" }),
        el("button", { value: "publish", class: "primary", id: "confirm-yes" }),
      ),
    ),
  );
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "publish") commit("warn");
    textarea.focus();
  });

  let screening = { verdict: "allow", findings: [] };
  let error = null;

  function screen() {
    const text = textarea.value;
    error = null;
    try {
      screening = state.screener.screen(text, { scope: "public" });
    } catch (e) {
      error = e;
      screening = { verdict: "block", findings: [] };
    }
    update();
  }

  function update() {
    const text = textarea.value;
    // A trailing newline needs a character after it to take up its line in the backdrop.
    renderHighlighted(backdrop, text.endsWith("\n") ? `${text} ` : text, screening.findings);
    backdrop.scrollTop = textarea.scrollTop;
    const tooLong = text.length > MAX_CHARS;
    counter.textContent = t("compose.counter", { n: formatNumber(text.length) });
    counter.className = tooLong ? "over-limit" : "muted";
    verdictSlot.replaceChildren(text.trim() ? verdictBadge(screening.verdict) : "");
    findingsSlot.replaceChildren(
      findingsList(screening.findings, {
        onSelect: (finding) => {
          textarea.focus();
          textarea.setSelectionRange(finding.start, finding.end);
        },
      }),
    );
    const empty = text.trim() === "";
    const verdict = screening.verdict;
    publish.dataset.verdict = empty ? "empty" : verdict;
    publish.disabled = empty || tooLong || verdict === "block";
    publish.textContent = verdict === "allow" || empty ? t("compose.publish") : t(`compose.publish.${verdict}`);
    if (empty) hint.replaceChildren(t("compose.hint.empty"));
    else if (error) hint.replaceChildren(t("compose.tooLong", { error: error.message }));
    else if (tooLong) hint.replaceChildren(t("compose.overLimit", { n: formatNumber(text.length - MAX_CHARS) }));
    else if (verdict === "block") {
      hint.replaceChildren(
        el("span", { text: t("compose.hint.block") }),
        el(
          "ul",
          { class: "reasons" },
          screening.findings
            .filter((f) => f.severity === "block")
            .map((f) => el("li", { text: `${t(`category.${f.category}`)} — ${f.rule}: “${f.text}”` })),
        ),
      );
    } else hint.replaceChildren(t(`compose.hint.${verdict}`));
    hint.className = `hint verdict-${empty ? "empty" : tooLong ? "block" : verdict}`;
  }

  function commit(kind) {
    const text = textarea.value;
    const item = { text, at: new Date().toISOString(), verdict: screening.verdict, rules: screening.findings.map((f) => f.rule) };
    if (kind === "review") {
      local.set(REVIEW, [item, ...local.get(REVIEW, [])].slice(0, 50));
      toast(t("compose.done.review"));
    } else {
      local.set(PUBLISHED, [item, ...local.get(PUBLISHED, [])].slice(0, 50));
      toast(t(kind === "warn" ? "compose.done.warn" : "compose.done.allow"));
    }
    textarea.value = "";
    screen();
    renderLists();
  }

  publish.addEventListener("click", () => {
    // Screen again: the verdict that gates is the one for the text as it is now.
    screen();
    const verdict = screening.verdict;
    if (textarea.value.trim() === "" || textarea.value.length > MAX_CHARS || verdict === "block") return;
    if (verdict === "allow") commit("allow");
    else if (verdict === "review") commit("review");
    else {
      dialog.querySelector("#confirm-title").textContent = t("compose.confirm.title");
      dialog.querySelector(".confirm-body").textContent = t("compose.confirm.body");
      dialog.querySelector("#confirm-yes").textContent = t("compose.confirm.yes");
      dialog.querySelector("#confirm-no").textContent = t("compose.confirm.no");
      dialogFindings.replaceChildren(findingsList(screening.findings));
      dialog.returnValue = "";
      dialog.showModal();
    }
  });

  textarea.addEventListener("input", screen);
  textarea.addEventListener("scroll", () => {
    backdrop.scrollTop = textarea.scrollTop;
  });

  function postItem(item, key) {
    return el(
      "li",
      { class: "post-item" },
      el("p", { class: "post-text", text: item.text }),
      el(
        "div",
        { class: "row small muted" },
        el("time", { dateTime: item.at, text: formatDateTime(item.at) }),
        item.verdict === "warn" ? el("span", { class: "badge verdict-warn", text: t("compose.withWarning") }) : null,
        item.verdict === "review" ? el("span", { class: "badge verdict-review", text: t("verdict.review") }) : null,
        el("button", {
          type: "button",
          class: "link",
          text: t("compose.remove"),
          on: {
            click: () => {
              local.set(key, local.get(key, []).filter((other) => other.at !== item.at || other.text !== item.text));
              renderLists();
            },
          },
        }),
      ),
    );
  }

  function renderLists() {
    const published = local.get(PUBLISHED, []);
    const review = local.get(REVIEW, []);
    publishedList.replaceChildren(...published.map((item) => postItem(item, PUBLISHED)));
    reviewList.replaceChildren(...review.map((item) => postItem(item, REVIEW)));
    if (!published.length) publishedList.append(el("li", { class: "muted", text: t("compose.empty") }));
    if (!review.length) reviewList.append(el("li", { class: "muted", text: t("compose.empty") }));
  }

  function render() {
    textarea.placeholder = t("compose.placeholder");
    section.replaceChildren(
      el("h2", { id: "h-compose", tabIndex: -1, text: t("compose.title") }),
      el("p", { class: "intro", text: t("compose.intro") }),
      el(
        "div",
        { class: "compose-grid" },
        el(
          "div",
          { class: "card stack" },
          el("label", { htmlFor: "compose-text", class: "label", text: t("compose.label") }),
          el("div", { class: "editor" }, backdrop, textarea),
          el("div", { class: "row spread" }, counter, verdictSlot),
          el("div", { class: "row" }, publish),
          hint,
        ),
        el("aside", { class: "card stack", attrs: { "aria-labelledby": "h-findings" } }, el("h3", { id: "h-findings", text: t("compose.findings") }), findingsSlot),
      ),
      el(
        "div",
        { class: "two-col" },
        el("div", { class: "card" }, el("h3", { text: t("compose.published") }), publishedList),
        el("div", { class: "card" }, el("h3", { text: t("compose.reviewQueue") }), reviewList),
      ),
      dialog,
    );
    screen();
    renderLists();
  }

  on("screener", () => screen());
  return { render };
}
