// The toolbar popup: how many posts of the current tab were screened and flagged (asked of the
// tab's content script), and the report queue (asked of the service worker).
// `popup.html?tab=ID` shows tab ID instead of the active one (the popup opened in a tab; tests).

const $ = (id) => document.getElementById(id);

async function currentTab() {
  const wanted = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(wanted) && wanted > 0) return wanted;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function showTab() {
  const tabId = await currentTab();
  let counts = null;
  try {
    if (tabId !== undefined) counts = await chrome.tabs.sendMessage(tabId, { type: "counts" });
  } catch {
    counts = null; // no content script: not a public channel page
  }
  $("tab-note").hidden = Boolean(counts);
  $("tab-counts").hidden = !counts;
  if (!counts) {
    $("tab-note").textContent = "saring screens public channel previews (https://t.me/s/…) only.";
    return;
  }
  $("screened").textContent = String(counts.screened);
  $("flagged").textContent = String(counts.flagged);
}

function showQueue(status) {
  for (const state of ["queued", "acknowledged", "failed"]) $(state).textContent = String(status.counts[state]);
  const notes = [];
  if (!status.configured) notes.push("No moderation API set: reports cannot be sent. Set it in Options.");
  else notes.push(`API: ${status.api}`);
  if (status.packError) notes.push(`A saved rule pack failed (${status.packError}); the default packs are used.`);
  $("queue-note").textContent = notes.join(" ");
  $("queue-note").hidden = false;
  const problem = !status.online ? `The API is unreachable: ${status.lastError ?? "no answer"}. Reports wait here.` : "";
  $("queue-error").textContent = problem;
  $("queue-error").hidden = !problem;
  $("flush").disabled = !status.configured || status.counts.queued === 0;
  document.body.dataset.ready = "true";
}

async function ask(type) {
  const answer = await chrome.runtime.sendMessage({ type });
  if (!answer?.ok) throw new Error(answer?.error ?? "no answer from the service worker");
  return answer.value;
}

$("flush").addEventListener("click", async () => {
  $("flush").disabled = true;
  showQueue(await ask("flush"));
});

showTab();
ask("status").then(showQueue, (error) => {
  $("queue-error").textContent = error.message;
  $("queue-error").hidden = false;
});
