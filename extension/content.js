// saring's content script, on Telegram's public channel previews (https://t.me/s/*) only.
//
// It finds each post's text block, sends the text to the service worker (which holds the one
// screener), and renders the answer: a verdict badge after the text block, the findings marked
// in place with <mark> elements, their explanations as a tooltip, and a Report button for posts
// that need review or are blocked. Posts added later (older posts loaded on scroll) are
// screened too. Post text is only ever moved between Text nodes: never parsed as HTML.
//
// The page is not trusted: this script listens to no window message, acts only on trusted
// (user) clicks, and reads nothing from chrome.storage (the worker makes storage unreachable
// from content scripts).

(() => {
  const MESSAGE = ".tgme_widget_message[data-post]";
  const TEXT = ".tgme_widget_message_text";
  /** As `MAX_POSTS_PER_MESSAGE` in background.js, which refuses a larger message. */
  const POSTS_PER_MESSAGE = 200;
  const REPORTABLE = new Set(["review", "block"]);
  const SEVERITY = { warn: 1, review: 2, block: 3 };
  const LABEL = { allow: "no findings", warn: "warning", review: "needs review", block: "blocked" };
  const REPORT_STATE = {
    queued: "Report queued",
    waiting: "Report waiting for the API",
    acknowledged: "Reported",
    failed: "Report refused",
    // The report never left: the extension is not set up, or the worker could not take it.
    unsent: "Report not sent",
  };

  /** Messages seen: each is screened once. */
  const seen = new WeakSet();
  /** `channel/123` → { button, status } of posts with a Report button. */
  const controls = new Map();
  const counts = { screened: 0, flagged: 0, errors: 0 };

  /** The post's own text block, not the quoted text of a post it replies to. */
  function textBlock(message) {
    for (const block of message.querySelectorAll(TEXT)) {
      if (!block.classList.contains("js-message_reply_text") && !block.closest(".tgme_widget_message_reply")) return block;
    }
    return null;
  }

  /**
   * The text of a block as the screener sees it, and where each Text node sits in it (UTF-16
   * offsets, as the findings' start/end). A <br> is a line break: "\n" that belongs to no node.
   */
  function readText(block) {
    const segments = [];
    let text = "";
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
      acceptNode: (node) =>
        node.nodeName === "SCRIPT" || node.nodeName === "STYLE" ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        segments.push({ node, start: text.length });
        text += node.data;
      } else if (node.nodeName === "BR") {
        text += "\n";
      }
    }
    return { text, segments };
  }

  function describe(finding) {
    return `${finding.rule} (${finding.category}, ${finding.severity})${finding.explain ? `: ${finding.explain}` : ""}`;
  }

  /**
   * Wraps the characters of each finding in <mark> elements. Findings may overlap and cross
   * element boundaries: every Text node is cut at the finding edges that fall inside it, and each
   * piece covered by findings becomes one <mark data-saring-findings="i j"> with their reasons.
   */
  function highlight(segments, findings) {
    const spans = findings.map((finding, index) => ({ ...finding, index })).filter((f) => f.end > f.start);
    for (const { node, start } of segments) {
      const data = node.data;
      const end = start + data.length;
      const inside = spans.filter((f) => f.start < end && f.end > start);
      if (inside.length === 0) continue;
      const cuts = new Set([start, end]);
      for (const f of inside) {
        if (f.start > start) cuts.add(f.start);
        if (f.end < end) cuts.add(f.end);
      }
      const points = [...cuts].sort((a, b) => a - b);
      const pieces = document.createDocumentFragment();
      for (let k = 0; k + 1 < points.length; k++) {
        const [from, to] = [points[k], points[k + 1]];
        const piece = data.slice(from - start, to - start);
        const covering = inside.filter((f) => f.start <= from && f.end >= to);
        if (covering.length === 0) {
          pieces.append(document.createTextNode(piece));
          continue;
        }
        const worst = covering.reduce((a, f) => (SEVERITY[f.severity] > SEVERITY[a.severity] ? f : a));
        const mark = document.createElement("mark");
        mark.className = `saring-mark saring-${worst.severity}`;
        mark.dataset.saringFindings = covering.map((f) => f.index).join(" ");
        mark.title = covering.map(describe).join("\n");
        mark.append(document.createTextNode(piece));
        pieces.append(mark);
      }
      node.replaceWith(pieces);
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function showReportState(post, state, detail) {
    const control = controls.get(post);
    if (!control) return;
    const again = state === "failed" || state === "unsent";
    control.button.disabled = !again && state !== undefined;
    control.button.textContent = again ? "Report again" : state ? "Reported" : "Report";
    control.status.textContent = state ? REPORT_STATE[state] + (detail ? ` (${detail})` : "") : "";
    control.status.dataset.state = state ?? "";
  }

  function render(message, block, post, text, result) {
    const bar = element("div", "saring-bar");
    bar.dataset.saringVerdict = result.error ? "error" : result.verdict;
    if (result.error) {
      const badge = element("span", "saring-badge saring-error", "saring: not screened");
      badge.title = result.error;
      bar.append(badge);
      block.after(bar);
      return;
    }
    const badge = element("span", `saring-badge saring-${result.verdict}`, `saring: ${LABEL[result.verdict]}`);
    badge.title = result.findings.length ? result.findings.map(describe).join("\n") : "No rule matched this post.";
    bar.append(badge);
    if (REPORTABLE.has(result.verdict)) {
      const button = element("button", "saring-report", "Report");
      button.type = "button";
      const status = element("span", "saring-status");
      status.setAttribute("role", "status");
      controls.set(post, { button, status });
      button.addEventListener("click", (event) => {
        // Only the moderator's own click: a click made by the page's scripts is not trusted.
        if (!event.isTrusted) return;
        showReportState(post, "queued");
        chrome.runtime.sendMessage({ type: "report", post, text }).then(
          (answer) => {
            if (answer?.ok) showReportState(post, answer.value.state);
            else showReportState(post, "unsent", answer?.error);
          },
          (error) => showReportState(post, "unsent", error.message),
        );
      });
      bar.append(button, status);
    }
    // The page may have changed the text while it was screened: then the spans no longer fit.
    const now = readText(block);
    if (now.text === text) highlight(now.segments, result.findings);
    block.after(bar);
    if (result.report) showReportState(post, result.report === "acknowledged" ? "acknowledged" : result.report);
  }

  async function screenNew() {
    const batch = [];
    for (const message of document.querySelectorAll(MESSAGE)) {
      if (seen.has(message)) continue;
      seen.add(message);
      const block = textBlock(message);
      if (!block) continue; // a photo or sticker without text
      const { text } = readText(block);
      if (text.trim() === "") continue;
      batch.push({ message, block, post: message.dataset.post, text });
    }
    // The worker takes at most POSTS_PER_MESSAGE posts a message (background.js): a long page
    // scrolled at once is sent in parts.
    for (let from = 0; from < batch.length; from += POSTS_PER_MESSAGE) {
      await screenPart(batch.slice(from, from + POSTS_PER_MESSAGE));
    }
  }

  async function screenPart(part) {
    let answer;
    try {
      answer = await chrome.runtime.sendMessage({ type: "screen", posts: part.map(({ post, text }) => ({ post, text })) });
    } catch (error) {
      answer = { ok: false, error: error.message };
    }
    part.forEach((item, index) => {
      const result = answer?.ok ? answer.value.results[index] : { error: answer?.error ?? "no answer" };
      counts.screened += result.error ? 0 : 1;
      counts.flagged += !result.error && result.verdict !== "allow" ? 1 : 0;
      counts.errors += result.error ? 1 : 0;
      render(item.message, item.block, item.post, item.text, result);
    });
  }

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      screenNew();
    }, 50);
  }

  chrome.runtime.onMessage.addListener((message, sender, respond) => {
    if (sender.id !== chrome.runtime.id) return false;
    if (message?.type === "counts") respond({ ...counts });
    else if (message?.type === "report-status") showReportState(message.post, message.state, message.error);
    return false;
  });

  new MutationObserver((records) => {
    if (records.some((record) => record.addedNodes.length > 0)) schedule();
  }).observe(document.documentElement, { childList: true, subtree: true });
  screenNew();
})();
