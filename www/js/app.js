// The channel-admin dashboard: loads the saring package (WebAssembly, beside this site in
// ./saring/), builds the screener, mounts the views and routes between them by the URL hash.
// Static ES modules, no bundler; the page's CSP allows only this origin's scripts and styles.

import init from "../saring/saring.js";
import { applyStatic, getLang, onLang, setLang, t } from "./i18n.js";
import { on } from "./state.js";
import { initialScreener, mountPacks } from "./packs.js";
import { mountCompose } from "./compose.js";
import { mountFeed } from "./feed.js";
import { mountChat } from "./chat.js";
import { mountQueue } from "./queue.js";
import { checkApi, mountSettings } from "./settings.js";
import { flushOutbox, startOutbox } from "./reports.js";

const VIEWS = ["compose", "feed", "chat", "queue", "packs", "settings"];

async function main() {
  document.documentElement.lang = getLang();
  applyStatic();
  await init();
  await initialScreener();

  const views = {
    compose: mountCompose(document.getElementById("view-compose")),
    feed: mountFeed(document.getElementById("view-feed")),
    chat: mountChat(document.getElementById("view-chat")),
    queue: mountQueue(document.getElementById("view-queue")),
    packs: mountPacks(document.getElementById("view-packs")),
    settings: mountSettings(document.getElementById("view-settings")),
  };
  for (const view of Object.values(views)) view.render();
  document.getElementById("loading").remove();

  let current = null;
  function route(focus) {
    const name = location.hash.slice(1);
    const next = VIEWS.includes(name) ? name : "compose";
    if (current && current !== next) views[current].hide?.();
    for (const view of VIEWS) document.getElementById(`view-${view}`).hidden = view !== next;
    for (const link of document.querySelectorAll("nav.tabs a")) {
      if (link.dataset.view === next) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (current !== next) views[next].show?.();
    current = next;
    if (focus) document.getElementById(`h-${next}`)?.focus();
    document.title = `${t(`nav.${next}`)} — saring`;
  }
  window.addEventListener("hashchange", () => route(true));
  route(false);
  // The skip link goes to the open view's heading. Followed as a link it would set the hash to
  // `#main`, which is no view, and the router would switch to Tulis.
  document.querySelector("a.skip").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById(`h-${current}`)?.focus();
  });

  const toggle = document.getElementById("lang-toggle");
  const labelToggle = () => {
    toggle.textContent = t("lang.other");
    toggle.lang = getLang() === "id" ? "en" : "id";
  };
  labelToggle();
  toggle.addEventListener("click", () => setLang(getLang() === "id" ? "en" : "id"));
  onLang(() => {
    labelToggle();
    for (const view of Object.values(views)) view.render();
    route(false);
    showApi(apiOnline);
  });

  // The API's reachability: the outbox's offline/online events, the queue's fetches, Settings.
  const banner = document.getElementById("offline-banner");
  const pill = document.getElementById("api-status");
  let apiOnline = null;
  function showApi(online) {
    apiOnline = online;
    banner.hidden = online !== false;
    pill.textContent = t(online === null ? "api.unknown" : online ? "api.online" : "api.offline");
    pill.dataset.state = online === null ? "unknown" : online ? "online" : "offline";
  }
  on("api", ({ online }) => showApi(online));
  document.getElementById("offline-retry").addEventListener("click", () => flushOutbox());
  showApi(null);
  checkApi().then(
    () => showApi(true),
    () => showApi(false),
  );
  await startOutbox();
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  const loading = document.getElementById("loading");
  if (loading) loading.textContent = t("load.failed", { error: error?.message ?? String(error) });
  document.body.dataset.ready = "error";
});
