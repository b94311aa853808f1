// The npm package as a consumer installs it: the packed tarball in a fresh project, used from
// Node ESM, Node CommonJS and TypeScript (type-checked with tsc).
import test from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const tarball = join(root, "target/npm", readdirSync(join(root, "target/npm")).find((f) => f.endsWith(".tgz")));
const tsc = join(root, "npm/node_modules/.bin/tsc");
const casePack = join(root, "tests/cases/pack.toml");

const project = mkdtempSync(join(tmpdir(), "saring-consumer-"));
test.after(() => rmSync(project, { recursive: true, force: true }));

function run(command, args) {
  return execFileSync(command, args, { cwd: project, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test("the tarball installs into a fresh project without the network", () => {
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error", tarball]);
  const files = readdirSync(join(project, "node_modules/saring/dist")).sort();
  assert.deepEqual(files, [
    "outbox.js",
    "saring.cjs",
    "saring.d.ts",
    "saring.js",
    "saring_wasm.d.ts",
    "saring_wasm.js",
    "saring_wasm_bg.wasm",
  ]);
});

test("Node ESM: import init and Screener", () => {
  writeFileSync(
    join(project, "esm.mjs"),
    `import init, { Screener, SaringError } from "saring";
     import { readFileSync } from "node:fs";
     await init();
     const text = "🔥 s l 0 t g4c0r";
     const s = Screener.fromPacks([readFileSync(process.argv[2], "utf8")]).screen(text, { scope: "public" });
     const f = s.findings[0];
     const defaults = Screener.withDefaults().packs().length > 0;
     console.log(JSON.stringify({ verdict: s.verdict, text: text.slice(f.start, f.end), error: typeof SaringError, defaults }));`,
  );
  const out = JSON.parse(run(process.execPath, ["esm.mjs", casePack]));
  assert.deepEqual(out, { verdict: "review", text: "s l 0 t g4c0r", error: "function", defaults: true });
});

test("Node CommonJS: require works too", () => {
  writeFileSync(
    join(project, "cjs.cjs"),
    `const saring = require("saring");
     saring.default().then(() => {
       const pack = require("node:fs").readFileSync(process.argv[2], "utf8");
       const s = saring.Screener.fromPacks([pack]).screen("ayo b0m g3r3ja");
       try { saring.Screener.fromPacks(["[pack"]); } catch (e) {
         console.log(JSON.stringify({ verdict: s.verdict, kind: e.kind, isError: e instanceof saring.SaringError }));
       }
     });`,
  );
  const out = JSON.parse(run(process.execPath, ["cjs.cjs", casePack]));
  assert.deepEqual(out, { verdict: "block", kind: "pack-syntax", isError: true });
});

test("TypeScript: a consumer file type-checks, and a wrong use does not", () => {
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, noEmit: true, lib: ["es2022", "dom"] },
    }),
  );
  writeFileSync(
    join(project, "good.mts"),
    `import init, { Screener, SaringError, type Finding, type Screening, type Verdict, type Category } from "saring";
     await init();
     const screener: Screener = Screener.withDefaults();
     const screening: Screening = screener.screen("slot gacor", { scope: "private" });
     const verdict: Verdict = screening.verdict;
     const firsts: Finding[] = screening.findings;
     const categories: Category[] = firsts.map((f) => f.category);
     const spans: [number, number][] = firsts.map((f) => [f.start, f.end]);
     const bytes: number[][] = firsts.map((f) => f.bytes);
     const many: Screening[] = screener.screenMany(["a", "b"]);
     const packs = screener.packs().map((p) => p.name + p.version + p.sha256 + p.rules);
     try { Screener.fromPacks([{ name: "x.toml", toml: "" }]); } catch (e) {
       if (e instanceof SaringError) { const k: string = e.kind; const l: number | undefined = e.line; }
     }
     console.log(verdict, categories, spans, bytes, many, packs);`,
  );
  run(tsc, ["-p", ".", "--noEmit"]);
  writeFileSync(
    join(project, "bad.mts"),
    `import { Screener } from "saring";
     const v: "maybe" = Screener.withDefaults().screen("x").verdict;
     Screener.withDefaults().screen("x", { scope: "secret" });`,
  );
  assert.throws(() => run(tsc, ["-p", ".", "--noEmit"]), (error) => {
    assert.match(error.stdout, /bad\.mts/);
    assert.match(error.stdout, /"maybe"/);
    assert.match(error.stdout, /"secret"/);
    return true;
  });
  rmSync(join(project, "bad.mts"));
});
