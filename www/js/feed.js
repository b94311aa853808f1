// Channel feed: public posts from other channels, each screened; a post that needs review or
// is blocked gets a one-click Report (buildReport → outbox), whose state is shown live:
// queued → sent → acknowledged, or waiting for the network.

import { FEED } from "./feed-fixture.js";
import { el, findingsList, renderHighlighted, toast, verdictBadge } from "./dom.js";
import { formatDateTime, t } from "./i18n.js";
import { on, state } from "./state.js";
import { postKey, reportPost, statusOf } from "./reports.js";

const REPORTABLE = new Set(["review", "block"]);

export function mountFeed(section) {
  /** postKey → { post, screening, status, button } */
  const cards = new Map();

  function statusText(status) {
    if (!status) return "";
    if (status.phase === "acknowledged") return t("feed.status.acknowledged", { id: status.id });
    if (status.phase === "failed") return t("feed.status.failed", { error: status.error ?? "" });
    return t(`feed.status.${status.phase}`);
  }

  function updateStatus(key) {
    const card = cards.get(key);
    if (!card) return;
    const status = statusOf(card.post.channelId, card.post.postId);
    card.status.textContent = statusText(status);
    card.status.dataset.state = status?.phase ?? "";
    if (card.button) {
      const failed = status?.phase === "failed";
      card.button.disabled = Boolean(status) && !failed;
      card.button.textContent = failed ? t("feed.retry") : status ? t("feed.reported") : t("feed.report");
    }
  }

  function card(post) {
    const screening = state.screener.screen(post.text, { scope: "public" });
    const key = postKey(post.channelId, post.postId);
    const text = el("p", { class: "post-text" });
    renderHighlighted(text, post.text, screening.findings);
    const status = el("span", { class: "report-status", attrs: { role: "status", "aria-live": "polite" } });
    let button = null;
    if (REPORTABLE.has(screening.verdict)) {
      button = el("button", {
        type: "button",
        class: "danger report",
        text: t("feed.report"),
        on: {
          click: async () => {
            button.disabled = true;
            try {
              await reportPost(state.screener, screening, post);
            } catch (error) {
              button.disabled = false;
              toast(error.code === "no-token" ? t("feed.needToken") : error.message);
              if (error.code === "no-token") location.hash = "#settings";
            }
          },
        },
      });
    }
    const note =
      screening.verdict === "allow"
        ? null
        : screening.verdict === "warn"
          ? el("p", { class: "muted small", text: t("feed.warnOnly") })
          : null;
    const details =
      screening.findings.length > 0
        ? el(
            "details",
            { class: "post-findings" },
            el("summary", { text: t("findings.count", { n: screening.findings.length }) }),
            findingsList(screening.findings),
          )
        : null;
    const article = el(
      "article",
      { class: `card post verdict-${screening.verdict}`, dataset: { post: key, verdict: screening.verdict } },
      el(
        "header",
        { class: "post-head" },
        el("div", {}, el("strong", { text: post.channelTitle }), " ", el("span", { class: "muted", text: `@${post.channelUsername}` })),
        el("div", { class: "row" }, el("time", { class: "muted small", dateTime: post.date, text: formatDateTime(post.date) }), verdictBadge(screening.verdict)),
      ),
      text,
      details,
      note,
      button || status.textContent ? el("div", { class: "row post-actions" }, button, status) : el("div", {}, status),
    );
    cards.set(key, { post, screening, status, button });
    return article;
  }

  function render() {
    cards.clear();
    section.replaceChildren(
      el("h2", { id: "h-feed", tabIndex: -1, text: t("feed.title") }),
      el("p", { class: "intro", text: t("feed.intro") }),
      el("div", { class: "feed" }, FEED.map(card)),
    );
    for (const key of cards.keys()) updateStatus(key);
  }

  on("report-status", ({ postKey: key }) => updateStatus(key));
  on("screener", () => render());
  return { render };
}
