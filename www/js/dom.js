// DOM helpers. Every piece of post text reaches the page through `textContent` or a text node:
// nothing here (or anywhere in the dashboard) assigns innerHTML.

import { t } from "./i18n.js";

const SEVERITY_RANK = { warn: 1, review: 2, block: 3 };

/**
 * Creates an element. `props`: `class`, `text` (textContent), `attrs` (setAttribute),
 * `on` ({event: handler}), any other key is assigned as a property (e.g. `type`, `disabled`).
 * Children are nodes or strings (strings become text nodes).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "attrs") for (const [name, v] of Object.entries(value)) node.setAttribute(name, v);
    else if (key === "on") for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** The highest severity among `findings`, or null. */
export function topSeverity(findings) {
  let top = null;
  for (const finding of findings) {
    if (!top || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[top]) top = finding.severity;
  }
  return top;
}

/**
 * Splits `text` into runs at every finding boundary (UTF-16 offsets, as the screener gives
 * them) and returns nodes: plain runs as text nodes, flagged runs as `<mark>` elements whose
 * `data-findings` lists the indexes of the findings covering them. Overlapping findings give
 * several adjacent marks; the marks of finding i, joined, are exactly `text.slice(start, end)`.
 */
export function highlightNodes(text, findings) {
  const cuts = new Set([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.max(0, Math.min(f.start, text.length)));
    cuts.add(Math.max(0, Math.min(f.end, text.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const run = text.slice(from, to);
    const covering = [];
    findings.forEach((f, index) => {
      if (f.start <= from && f.end >= to) covering.push(index);
    });
    if (covering.length === 0) {
      nodes.push(document.createTextNode(run));
      continue;
    }
    const severity = topSeverity(covering.map((index) => findings[index]));
    nodes.push(
      el("mark", {
        class: `hl sev-${severity}`,
        text: run,
        dataset: { findings: covering.join(" ") },
        title: covering.map((index) => findings[index].rule).join(", "),
      }),
    );
  }
  return nodes;
}

/** Replaces the children of `container` with `text`, flagged runs marked. */
export function renderHighlighted(container, text, findings) {
  container.replaceChildren(...highlightNodes(text, findings));
}

export function verdictBadge(verdict) {
  return el("span", { class: `badge verdict-${verdict}`, text: t(`verdict.${verdict}`), dataset: { verdict } });
}

export function severityBadge(severity) {
  return el("span", { class: `badge sev-${severity}`, text: t(`severity.${severity}`) });
}

/**
 * Findings with the same span, merged: the highest severity (and its category) first, every
 * rule named. Several rules often fire on one phrase; the admin reads it once.
 */
export function groupBySpan(findings) {
  const groups = new Map();
  for (const finding of findings) {
    const key = `${finding.start}:${finding.end}`;
    let group = groups.get(key);
    if (!group) {
      group = { ...finding, text: finding.text ?? finding.excerpt ?? "", rules: [], categories: new Set(), terms: [...(finding.terms ?? [])] };
      groups.set(key, group);
    }
    group.rules.push(finding.rule);
    group.categories.add(finding.category);
    if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[group.severity]) {
      Object.assign(group, { severity: finding.severity, category: finding.category });
    }
    for (const term of finding.terms ?? []) if (!group.terms.includes(term)) group.terms.push(term);
    if (!group.explain && finding.explain) group.explain = finding.explain;
  }
  return [...groups.values()];
}

/**
 * A list explaining the findings, one item per span: severity, category, the rules that fired,
 * the flagged text, the evasions undone. `onSelect(finding)`, if given, makes each item a button
 * (e.g. to select the span in the editor).
 */
/** Runs of right-to-left letters (Arabic, Hebrew) and the marks on them. */
const RTL_RUN = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+/g;

/**
 * `text` as nodes, each right-to-left run in its own `<bdi>`: in a left-to-right sentence such as
 * "Arabic letter variants (ة→ه إ→ا)" the letters and arrows would otherwise form one
 * right-to-left run, laid out backwards, so the folding would read the wrong way round.
 */
function isolateRtl(text) {
  const nodes = [];
  let at = 0;
  for (const run of text.matchAll(RTL_RUN)) {
    nodes.push(text.slice(at, run.index), el("bdi", { text: run[0] }));
    at = run.index + run[0].length;
  }
  nodes.push(text.slice(at));
  return nodes.filter((node) => node !== "");
}

export function findingsList(findings, { onSelect } = {}) {
  if (findings.length === 0) return el("p", { class: "muted findings-none", text: t("findings.none") });
  return el(
    "ul",
    { class: "findings" },
    groupBySpan(findings).map((finding) => {
      const body = [
        el(
          "div",
          { class: "finding-head" },
          severityBadge(finding.severity),
          el("span", { class: "category", text: [...finding.categories].map((c) => t(`category.${c}`)).join(", ") }),
        ),
        el("q", { class: "excerpt", text: finding.text }),
        el("div", { class: "rules" }, finding.rules.map((rule) => el("code", { class: "rule", text: rule }))),
        finding.explain ? el("div", { class: "explain" }, isolateRtl(t("finding.evasion", { explain: finding.explain }))) : null,
        finding.terms.length ? el("div", { class: "terms muted" }, isolateRtl(t("finding.terms", { terms: finding.terms.join(", ") }))) : null,
      ];
      const item = el("li", { class: `finding sev-${finding.severity}`, dataset: { start: String(finding.start), end: String(finding.end) } });
      if (onSelect) {
        item.append(
          el(
            "button",
            { type: "button", class: "finding-button", title: t("finding.select"), on: { click: () => onSelect(finding) } },
            body,
          ),
        );
      } else {
        item.append(...body.filter(Boolean));
      }
      return item;
    }),
  );
}

let toastTimer = null;
/** A short message in the corner, read out by screen readers. */
export function toast(message) {
  const node = document.getElementById("toast");
  node.textContent = message;
  node.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => node.classList.remove("show"), 4000);
}
