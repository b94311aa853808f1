// The npm package as a consumer installs it: the packed tarball in a fresh project, used from
// Node ESM, Node CommonJS and TypeScript (type-checked with tsc), by both entry points: "saring"
// and "saring/runtime" (the module without the pack compiler).
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
    "error.cjs",
    "error.js",
    "outbox.js",
    "runtime.cjs",
    "runtime.d.ts",
    "runtime.js",
    "saring.cjs",
    "saring.d.ts",
    "saring.js",
    "saring_runtime_wasm.js",
    "saring_runtime_wasm_bg.wasm",
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

test("saring/runtime: packs compiled by saring screen and report there as they do in saring", () => {
  writeFileSync(
    join(project, "runtime.mjs"),
    `import init, { Screener, compilePacks, SaringError as FullError } from "saring";
     import initRuntime, { Screener as Runtime, SaringError } from "saring/runtime";
     import { readFileSync, statSync } from "node:fs";
     import { createRequire } from "node:module";
     await init();
     await initRuntime();
     const pack = readFileSync(process.argv[2], "utf8");
     const text = "🔥 s l 0 t g4c0r";
     const context = { channelId: "c1", postId: "p1" };
     const full = Screener.fromPacks([pack]);
     const runtime = Runtime.fromCompiled(compilePacks([pack]));
     const screenings = [full.screen(text), runtime.screen(text)];
     const reports = [full.buildReport(screenings[0], context), runtime.buildReport(screenings[1], context)];
     const defaults = [Screener.withDefaults(), Runtime.withDefaults()].map((s) => s.screen("ayo b41at ke 1S1S"));
     const refused = [];
     const huge = new Uint8Array(33 * 1024 * 1024);
     const calls = [() => Runtime.fromPacks([pack]), () => Runtime.fromCompiled(new Uint8Array(40)), () => Runtime.fromCompiled(huge)];
     for (const call of calls) {
       try { call(); } catch (e) { refused.push([e instanceof SaringError, e.kind, e.message]); }
     }
     const wasm = (name) => statSync(createRequire(import.meta.url).resolve("saring/" + name)).size;
     console.log(JSON.stringify({
       same: JSON.stringify(screenings[0]) === JSON.stringify(screenings[1]),
       verdict: screenings[1].verdict,
       bundles: reports.map((r) => r.bundle),
       sameReport: reports[0].idempotency_key === reports[1].idempotency_key,
       defaults: JSON.stringify(defaults[0]) === JSON.stringify(defaults[1]) && defaults[1].verdict,
       refused,
       smaller: wasm("saring_runtime_wasm_bg.wasm") / wasm("saring_wasm_bg.wasm"),
       oneError: FullError === SaringError,
     }));`,
  );
  const out = JSON.parse(run(process.execPath, ["runtime.mjs", casePack]));
  assert.equal(out.same, true, "the runtime screens compiled packs as saring screens their TOML");
  assert.equal(out.verdict, "review");
  assert.deepEqual(out.bundles[1], out.bundles[0], "reports name the bundle the packs were compiled from");
  assert.equal(out.sameReport, true, "so the moderation API sees one post reported once");
  assert.equal(out.defaults, "block");
  assert.deepEqual(out.refused[0].slice(0, 2), [true, "input"]);
  assert.match(out.refused[0][2], /fromPacks needs the pack compiler, which saring\/runtime leaves out/);
  assert.deepEqual(out.refused[1].slice(0, 2), [true, "pack-invalid"]);
  assert.match(out.refused[1][2], /not compiled packs/);
  assert.deepEqual(out.refused[2], [true, "limit-exceeded", "compiled packs are 34603008 bytes; the limit is 33554432 bytes"]);
  assert.ok(out.smaller < 0.6, `the runtime's module is ${out.smaller} of the full one's size`);
  assert.equal(out.oneError, true, "both entry points throw the one SaringError class");

  writeFileSync(
    join(project, "runtime.cjs"),
    `const runtime = require("saring/runtime");
     const full = require("saring");
     runtime.default().then(() => {
       let thrown = null;
       try { runtime.Screener.fromCompiled(new Uint8Array(3)); } catch (e) { thrown = e; }
       console.log(JSON.stringify({
         verdict: runtime.Screener.withDefaults().screen("slot gacor").verdict,
         oneError: full.SaringError === runtime.SaringError && thrown instanceof full.SaringError,
       }));
     });`,
  );
  assert.deepEqual(JSON.parse(run(process.execPath, ["runtime.cjs"])), { verdict: "block", oneError: true });

  // Called before init(): a SaringError that says what to do, from either entry point.
  writeFileSync(
    join(project, "early.cjs"),
    `const errors = [require("saring"), require("saring/runtime")].map(({ Screener, SaringError }) => {
       try { Screener.withDefaults(); } catch (e) { return [e instanceof SaringError, e.kind, e.message]; }
     });
     console.log(JSON.stringify(errors));`,
  );
  const early = "Screener.withDefaults: the WebAssembly module is not loaded yet; call and await init() first";
  assert.deepEqual(JSON.parse(run(process.execPath, ["early.cjs"])), [[true, "input", early], [true, "input", early]]);
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
     // Absent context fields are null at run time, and typed so.
     const report = screener.buildReport(screener.screen("slot gacor"), { channelId: "-1", postId: "1" });
     const absent: (string | null)[] = [report.channel_username, report.post_url, report.reporter_note];
     try { Screener.fromPacks([{ name: "x.toml", toml: "" }]); } catch (e) {
       if (e instanceof SaringError) { const k: string = e.kind; const l: number | undefined = e.line; }
     }
     console.log(verdict, categories, spans, bytes, many, packs, absent);`,
  );
  writeFileSync(
    join(project, "runtime.mts"),
    `import init, { compilePacks } from "saring";
     import initRuntime, { Screener, type Screening, type LimitOptions } from "saring/runtime";
     await init();
     await initRuntime();
     const compiled: Uint8Array = compilePacks([{ name: "x.toml", toml: "" }], { trust: [] });
     const limits: LimitOptions = { maxTextBytes: 1000 };
     const screener: Screener = Screener.fromCompiled(compiled, limits);
     const screening: Screening = Screener.withDefaults().screen("x");
     console.log(screener.screen("y").verdict, screening.findings.length, screener.automatonBytes);`,
  );
  run(tsc, ["-p", ".", "--noEmit"]);
  writeFileSync(
    join(project, "bad.mts"),
    `import { Screener } from "saring";
     const v: "maybe" = Screener.withDefaults().screen("x").verdict;
     Screener.withDefaults().screen("x", { scope: "secret" });`,
  );
  writeFileSync(
    join(project, "bad-runtime.mts"),
    `import { Screener, compilePacks } from "saring/runtime";
     Screener.fromPacks(["[pack]"]);
     compilePacks(["[pack]"]);`,
  );
  assert.throws(() => run(tsc, ["-p", ".", "--noEmit"]), (error) => {
    assert.match(error.stdout, /bad\.mts/);
    assert.match(error.stdout, /"maybe"/);
    assert.match(error.stdout, /"secret"/);
    assert.match(error.stdout, /bad-runtime\.mts.*Property 'fromPacks' does not exist on type 'typeof Screener'/);
    assert.match(error.stdout, /bad-runtime\.mts.*not callable/);
    return true;
  });
  rmSync(join(project, "bad.mts"));
  rmSync(join(project, "bad-runtime.mts"));
});
