// Review queue (moderator side): GET /v1/reports with the moderator token, oldest first, each
// with its age against the 1-hour SLA; remove or dismiss with a reason → the decision API.

import { el, findingsList, renderHighlighted, toast } from "./dom.js";
import { formatAge, formatDateTime, formatTime, t } from "./i18n.js";
import { emit } from "./state.js";
import { apiBase, getToken } from "./settings.js";

const CATEGORIES = ["terrorism", "incitement", "hate", "gambling", "fraud", "pornography", "spam", "other"];
const REFRESH_MS = 30_000;

export function mountQueue(section) {
  let filter = { status: "open", category: "" };
  let items = [];
  let fetchedAt = 0;
  let message = "";
  /** Where the API's next page starts, when more reports match than the pages loaded held. */
  let next = null;
  /** How many reports were shown: a refresh loads pages until it shows as many again. */
  let shown = 0;
  let timer = null;
  const list = el("ol", { id: "queue-list", class: "queue" });
  const updated = el("span", { class: "muted small", attrs: { role: "status", "aria-live": "polite" } });

  async function api(path, init = {}) {
    const response = await fetch(`${apiBase()}${path}`, {
      ...init,
      cache: "no-store",
      headers: { Authorization: `Bearer ${getToken("moderator")}`, ...(init.body ? { "Content-Type": "application/json" } : {}) },
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
    return body;
  }

  /** One page of the queue, after `cursor` (the `next` of the page before) if given. */
  function page(cursor) {
    const query = new URLSearchParams({ status: filter.status });
    if (filter.category) query.set("category", filter.category);
    if (cursor) query.set("after", cursor);
    return api(`/v1/reports?${query}`);
  }

  /** Loads the queue from its start: a page, and more while fewer than were shown are. */
  async function load() {
    if (!getToken("moderator")) {
      items = [];
      message = t("queue.needToken");
      renderList();
      return;
    }
    try {
      let loaded = [];
      let cursor = null;
      do {
        const body = await page(cursor);
        loaded = loaded.concat(body.reports);
        cursor = body.more === true && typeof body.next === "string" ? body.next : null;
      } while (cursor && loaded.length < shown);
      items = loaded;
      next = cursor;
      shown = items.length;
      fetchedAt = Date.now();
      message = "";
      emit("api", { online: true });
    } catch (error) {
      message = t("queue.error", { error: error.message });
      if (error instanceof TypeError) emit("api", { online: false });
    }
    renderList();
  }

  /** The next page, below those shown. */
  async function loadMore() {
    if (!next) return;
    try {
      const body = await page(next);
      const known = new Set(items.map((item) => item.id));
      items = items.concat(body.reports.filter((item) => !known.has(item.id)));
      next = body.more === true && typeof body.next === "string" ? body.next : null;
      shown = items.length;
    } catch (error) {
      toast(t("queue.error", { error: error.message }));
    }
    renderList();
  }

  async function decide(item, action, reason) {
    try {
      await api(`/v1/reports/${item.id}/decision`, { method: "POST", body: JSON.stringify({ action, reason }) });
      toast(t(`queue.done.${action}`, { id: item.id }));
    } catch (error) {
      toast(error.message);
    }
    await load();
  }

  /** "3 findings", or for a report that left some out (spam repeating itself), "256 of 1,490". */
  function findingsCount(report) {
    const n = report.findings.length;
    const omitted = report.findings_omitted ?? 0;
    return omitted > 0 ? t("findings.countOmitted", { n, total: n + omitted }) : t("findings.count", { n });
  }

  /** The other reporters of the same post, each with their note: how many people saw it. */
  function alsoReportedBy(others) {
    if (others.length === 0) return null;
    return el(
      "ul",
      { class: "also-reported muted small", attrs: { "aria-label": t("queue.alsoReported", { n: others.length }) } },
      others.map((other) =>
        el("li", { text: other.note ? t("queue.alsoReportedNote", { name: other.reporter, note: other.note }) : t("queue.reporter", { name: other.reporter }) }),
      ),
    );
  }

  function itemView(item) {
    const report = item.report;
    const age = item.age_seconds + Math.floor((Date.now() - fetchedAt) / 1000);
    const waited = item.decision ? null : age;
    const primary = report.findings[0];
    const fraction = Math.min(1, (waited ?? 0) / item.sla.target_seconds);
    const breached = item.sla.breached || (waited ?? 0) > item.sla.target_seconds;
    const text = el("p", { class: "post-text" });
    renderHighlighted(
      text,
      report.text,
      report.findings.map((f) => ({ ...f, text: f.excerpt })),
    );
    const reasonId = `reason-${item.id}`;
    const reason = el("input", {
      id: reasonId,
      type: "text",
      maxLength: 1000,
      value: t("queue.reason.default.remove", { rule: primary?.rule ?? "" }),
    });
    let link = null;
    try {
      const url = new URL(report.post_url ?? "");
      if (url.protocol === "https:" || url.protocol === "http:") {
        link = el("a", { href: url.href, text: t("queue.openPost"), rel: "noopener noreferrer", target: "_blank" });
      }
    } catch {
      // no usable link
    }
    const decided = item.decision
      ? el("p", {
          class: "decision",
          text: t("queue.decided", {
            action: t(`queue.status.${item.status}`),
            moderator: item.decision.moderator,
            reason: item.decision.reason,
          }),
        })
      : null;
    return el(
      "li",
      { class: `card queue-item${breached ? " breached" : ""}`, dataset: { id: String(item.id), key: report.idempotency_key } },
      el(
        "header",
        { class: "post-head" },
        el(
          "div",
          {},
          el("strong", { text: `#${item.id} · ${t(`category.${primary?.category ?? "other"}`)}` }),
          " ",
          el("span", { class: "muted", text: `@${report.channel_username ?? report.channel_id} · ${report.post_id}` }),
        ),
        el("span", { class: "muted small", text: t("queue.reporter", { name: item.reporter }) }),
      ),
      alsoReportedBy(item.also_reported_by ?? []),
      waited === null
        ? null
        : el(
            "div",
            { class: "sla" },
            el("meter", {
              min: 0,
              max: 1,
              low: 0.5,
              high: 0.8,
              optimum: 0,
              value: fraction,
              attrs: { "aria-label": t("queue.sla", { minutes: Math.floor(age / 60) }) },
            }),
            el("span", {
              class: "small",
              text: `${age < 60 ? t("queue.ageNow") : t("queue.age", { age: formatAge(age) })} · ${t("queue.sla", { minutes: Math.floor(age / 60) })}`,
            }),
            breached ? el("span", { class: "badge verdict-block", text: t("queue.breached") }) : null,
          ),
      text,
      el("details", { class: "post-findings" }, el("summary", { text: findingsCount(report) }), findingsList(report.findings)),
      el("p", { class: "muted small" }, `${formatDateTime(item.received_at)} `, link),
      decided,
      item.decision
        ? null
        : el(
            "div",
            { class: "decide stack" },
            el("label", { htmlFor: reasonId, class: "label", text: t("queue.reason") }),
            reason,
            el(
              "div",
              { class: "row" },
              el("button", {
                type: "button",
                class: "danger",
                dataset: { action: "remove" },
                text: t("queue.remove"),
                on: { click: () => decide(item, "remove", reason.value.trim() || t("queue.reason.default.remove", { rule: primary?.rule ?? "" })) },
              }),
              el("button", {
                type: "button",
                class: "ghost",
                dataset: { action: "dismiss" },
                text: t("queue.dismiss"),
                on: {
                  click: () => {
                    const typed = reason.value.trim();
                    const fallback = t("queue.reason.default.remove", { rule: primary?.rule ?? "" });
                    decide(item, "dismiss", typed && typed !== fallback ? typed : t("queue.reason.default.dismiss"));
                  },
                },
              }),
            ),
          ),
    );
  }

  function renderList() {
    if (message) list.replaceChildren(el("li", { class: "muted", text: message }));
    else if (items.length === 0) list.replaceChildren(el("li", { class: "muted", text: t("queue.empty") }));
    else {
      list.replaceChildren(...items.map(itemView));
      // The API lists a page at a time (100 reports, at most 16 MiB): the next one on request.
      if (next) {
        const button = el("button", { type: "button", class: "ghost", id: "queue-more", text: t("queue.more"), on: { click: loadMore } });
        list.append(el("li", { class: "queue-more" }, button));
      }
    }
    updated.textContent = fetchedAt ? t("queue.updated", { time: formatTime(fetchedAt) }) : "";
  }

  function select(id, label, value, options, onChange) {
    return el(
      "label",
      { class: "field inline", htmlFor: id },
      el("span", { class: "label", text: label }),
      el(
        "select",
        { id, on: { change: (event) => onChange(event.target.value) } },
        options.map(([v, text]) => el("option", { value: v, text, selected: v === value })),
      ),
    );
  }

  function render() {
    section.replaceChildren(
      el("h2", { id: "h-queue", tabIndex: -1, text: t("queue.title") }),
      el("p", { class: "intro", text: t("queue.intro") }),
      el(
        "div",
        { class: "row toolbar" },
        select(
          "queue-status",
          t("queue.status"),
          filter.status,
          ["open", "removed", "dismissed", "all"].map((s) => [s, t(`queue.status.${s}`)]),
          (value) => {
            filter.status = value;
            shown = 0;
            load();
          },
        ),
        select(
          "queue-category",
          t("queue.category"),
          filter.category,
          [["", t("queue.category.any")], ...CATEGORIES.map((c) => [c, t(`category.${c}`)])],
          (value) => {
            filter.category = value;
            shown = 0;
            load();
          },
        ),
        el("button", { type: "button", class: "ghost", id: "queue-refresh", text: t("queue.refresh"), on: { click: load } }),
        updated,
      ),
      list,
    );
    renderList();
  }

  return {
    render,
    /** Called when the view is shown: load now, then every 30 s while it stays visible. */
    show() {
      load();
      clearInterval(timer);
      timer = setInterval(load, REFRESH_MS);
    },
    hide() {
      clearInterval(timer);
      timer = null;
    },
  };
}
