// The dashboard's and the extension's sources hold no HTML sink and no string-to-code call:
// post text and API data can only reach the page as text (SECURITY.md). A tripwire beside the
// browser tests, which show the same thing for the payloads they try.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const SINKS = [
  /\.(innerHTML|outerHTML)\s*\+?=/,
  /\binsertAdjacentHTML\s*\(/,
  /\bdocument\.write(ln)?\s*\(/,
  /\bcreateContextualFragment\s*\(/,
  /\bDOMParser\b/,
  /\bsrcdoc\b/,
  /\beval\s*\(/,
  /\bnew\s+Function\s*\(/,
  /\bset(Timeout|Interval)\s*\(\s*["'`]/,
  /\bsetHTMLUnsafe\b|\bparseHTMLUnsafe\b/,
];

function sources(dir) {
  return readdirSync(join(root, dir), { recursive: true })
    .filter((name) => /\.(m?js|html)$/.test(name))
    .map((name) => join(dir, name));
}

test("no HTML sink and no string-to-code call in the dashboard or the extension", () => {
  const files = [...sources("www"), ...sources("extension")];
  assert.ok(files.length > 10, `the sources were found: ${files}`);
  const hits = [];
  for (const file of files) {
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .forEach((line, index) => {
        for (const sink of SINKS) if (sink.test(line)) hits.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(hits, []);
});

test("no inline script or style in the dashboard's and the extension's pages", () => {
  for (const file of [...sources("www"), ...sources("extension")].filter((name) => name.endsWith(".html"))) {
    const html = readFileSync(join(root, file), "utf8");
    for (const script of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      assert.match(script, /^<script\b[^>]*\bsrc=/, `${file}: inline script ${script.slice(0, 60)}`);
      assert.match(script, />\s*<\/script>$/, `${file}: a script with a body`);
    }
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=/i, `${file}: inline style or handler`);
  }
});
