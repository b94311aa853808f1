// Node tests of the built npm package (npm/dist): the JS API as integrators use it.
import test from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import init, { Screener, SaringError, checkExamples } from "../../npm/dist/saring.js";
import initRuntime, { checkExamples as runtimeCheckExamples } from "../../npm/dist/runtime.js";
import initWasm from "../../npm/dist/saring_wasm.js";

const wasmUrl = new URL("../../npm/dist/saring_wasm_bg.wasm", import.meta.url);
// The case-table pack: its rules do not change when the default packs are tuned.
const casePack = {
  name: "tests/cases/pack.toml",
  toml: await readFile(new URL("../cases/pack.toml", import.meta.url), "utf8"),
};
const caseScreener = async () => {
  await init();
  return Screener.fromPacks([casePack]);
};

test("init() finds the .wasm beside itself, and may be called again", async () => {
  await init();
  await init();
  assert.ok(Screener.withDefaults().packs().length >= 2);
});

test("a flagged post: verdict, rule, exact UTF-16 span, bytes and explanation", async () => {
  const screener = await caseScreener();
  const text = "👨‍👩‍👧 ayo s3r4ng g3r3ja sekarang";
  const screening = screener.screen(text, { scope: "public" });
  assert.equal(screening.verdict, "block");
  assert.equal(screening.scope, "public");
  const finding = screening.findings.find((f) => f.rule === "t.attack");
  assert.equal(finding.category, "terrorism");
  assert.equal(finding.pack, "cases");
  assert.equal(finding.text, "s3r4ng g3r3ja");
  assert.equal(text.slice(finding.start, finding.end), "s3r4ng g3r3ja");
  assert.equal(finding.start, 13, "the family emoji is 8 UTF-16 units, then ' ayo '");
  const utf8 = new TextEncoder().encode(text);
  assert.equal(new TextDecoder().decode(utf8.slice(...finding.bytes)), "s3r4ng g3r3ja");
  assert.equal(finding.explain, "leet 3→e, leet 4→a");
  assert.deepEqual(finding.terms, ["serang", "gereja"]);
});

const spanCases = [
  ["emoji before", "🔥🔥 slot gacor 🔥", "slot gacor"],
  ["ZWJ sequence and flag before", "👩🏽‍💻🇮🇩 s l 0 t g4c0r", "s l 0 t g4c0r"],
  ["mathematical letters", "info 𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 malam", "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑"],
  ["zero-width inside", "s\u200bl\u200bo\u200bt gacor!", "s\u200bl\u200bo\u200bt gacor"],
  ["lone surrogates before", "\ud800 x \udfff slot gacor", "slot gacor"],
  ["lone surrogate after", "slot gacor \ud83d", "slot gacor"],
];

for (const [name, text, expected] of spanCases) {
  test(`spans slice the JS string exactly: ${name}`, async () => {
    const screener = await caseScreener();
    const finding = screener.screen(text).findings.find((f) => f.rule === "t.slot");
    assert.ok(finding, `no finding in ${JSON.stringify(text)}`);
    assert.equal(finding.text, expected);
    assert.equal(text.slice(finding.start, finding.end), expected);
  });
}

test("screen stays exact while the module's memory grows under it", async () => {
  // The text goes in and the screening comes out through views of the module's memory, which
  // growing detaches: a long post, an empty one, and another screener's build in between.
  const screener = Screener.withDefaults();
  const flagged = "ayo b41at ke 1S1S sekarang";
  const expected = screener.screen(flagged).findings.map((f) => [f.rule, f.text, f.start, f.end]);
  assert.ok(expected.length > 0);
  const long = "selamat pagi.\n".repeat(3_000) + flagged;
  const shift = long.length - flagged.length;
  const phrases = Array.from({ length: 20_000 }, (_, i) => `frasa nomor ${i}`);
  const toml = `[pack]\nname = "big"\nversion = "1.0.0"\n[[rule]]\nid = "big.r"\ncategory = "other"\nseverity = "review"\nany = ${JSON.stringify(phrases)}\n`;
  for (const step of ["", "long", "grow", "", "flagged", "long"]) {
    if (step === "grow") {
      Screener.fromPacks([toml]).free();
      continue;
    }
    const text = step === "long" ? long : step === "flagged" ? flagged : "";
    const found = screener.screen(text).findings.map((f) => [f.rule, f.text, f.start, f.end]);
    const want = step === "" ? [] : expected.map(([rule, t, start, end]) => [rule, t, start + (step === "long" ? shift : 0), end + (step === "long" ? shift : 0)]);
    assert.deepEqual(found, want, step || "empty");
  }
});

test("Arabic text with harakat and tatweel gives an exact span", async () => {
  await init();
  const pack = `[pack]\nname = "ar"\nversion = "1.0.0"\n[[rule]]\nid = "ar.takbir"\ncategory = "other"\nseverity = "warn"\nany = ["الله اكبر"]\n`;
  const text = "قال: اللّٰهُ أَكْـــبَرُ!";
  const [finding] = Screener.fromPacks([pack]).screen(text).findings;
  assert.equal(finding.text, "اللّٰهُ أَكْـــبَرُ");
  assert.equal(text.slice(finding.start, finding.end), finding.text);
});

test("the fast path returns exactly the objects the Rust types declare", async () => {
  for (const screener of [await caseScreener(), Screener.withDefaults()]) {
  for (const text of ["", "selamat pagi", "🔥 ayo b41at ke 1S1S, s l 0 t g4c0r, serang polsek thaghut! \ud800"]) {
    for (const scope of ["public", "private"]) {
      assert.deepEqual(screener.screen(text, { scope }), screener.screenObjects(text, { scope }));
    }
  }
  }
});

test("screenMany equals screen, post by post", async () => {
  const screener = await caseScreener();
  const texts = ["slot gacor", "", "halo", "b0m g3r3ja dan slot gacor", "🇮🇸🇮🇸"];
  assert.deepEqual(screener.screenMany(texts, { scope: "private" }), texts.map((t) => screener.screen(t, { scope: "private" })));
});

test("a batch larger than the reused encoding buffer screens as its posts one by one", async () => {
  const screener = await caseScreener();
  // 300 posts of 4,096 characters, non-ASCII among them: megabytes of UTF-8 in one call.
  const texts = Array.from({ length: 300 }, (_, i) => `${"é🔥 kata biasa ".repeat(300)} slot gacor ${i}`.slice(-4096));
  const many = screener.screenMany(texts);
  assert.equal(many.length, 300);
  assert.deepEqual(many, texts.map((t) => screener.screen(t)));
  assert.ok(many.every((s) => s.findings.some((f) => f.text === "slot gacor")));
  for (const s of many.slice(0, 3)) {
    assert.deepEqual(s, screener.screenObjects(texts[many.indexOf(s)]));
  }
});

test("a private screening says so", async () => {
  const screening = (await caseScreener()).screen("ayo b0m 1S1S", { scope: "private" });
  assert.equal(screening.scope, "private");
  assert.equal(screening.verdict, "block");
});

test("invalid packs throw a SaringError naming file, line, rule and field", async () => {
  await init();
  const toml = `[pack]\nname = "x"\nversion = "1.0.0"\n[[rule]]\nid = "x.a"\ncategory = "other"\nseverity = "blocker"\nany = ["x"]\n`;
  assert.throws(
    () => Screener.fromPacks([{ name: "packs/x.toml", toml }]),
    (error) => {
      assert.ok(error instanceof SaringError);
      assert.ok(error instanceof Error);
      assert.equal(error.kind, "pack-invalid");
      assert.equal(error.file, "packs/x.toml");
      assert.equal(error.line, 7);
      assert.equal(error.rule, "x.a");
      assert.equal(error.field, "severity");
      assert.match(error.message, /^packs\/x\.toml:7: rule `x\.a`: field `severity`: unknown severity `blocker`/);
      return true;
    },
  );
  assert.throws(() => Screener.fromPacks(["not toml ["]), (e) => e instanceof SaringError && e.kind === "pack-syntax");
  assert.throws(() => Screener.fromPacks("nope"), (e) => e instanceof SaringError && e.kind === "input");
});

test("a post over the limit throws, naming the limit", async () => {
  await init();
  const pack = `[pack]\nname = "x"\nversion = "1.0.0"\n[[rule]]\nid = "x.a"\ncategory = "other"\nseverity = "warn"\nany = ["x"]\n`;
  const screener = Screener.fromPacks([pack], { maxTextBytes: 16 });
  assert.equal(screener.maxTextBytes, 16);
  assert.throws(
    () => screener.screen("this is longer than sixteen bytes"),
    (e) => e instanceof SaringError && e.kind === "text-too-long" && /the limit is 16 bytes/.test(e.message),
  );
  assert.throws(() => screener.screenMany(["ok", "this is longer than sixteen bytes"]), /texts\[1\]/);
  // Far over the limit, with characters of every width and a lone surrogate: the same error,
  // its byte count exact, and the module's memory (which never shrinks) not grown for it.
  const memory = (await initWasm()).memory;
  const before = memory.buffer.byteLength;
  const huge = "é🔥\ud800日x".repeat(400_000);
  const bytes = Buffer.byteLength(huge.toWellFormed(), "utf8");
  assert.throws(
    () => screener.screen(huge),
    (e) => e instanceof SaringError && e.kind === "text-too-long" && e.message.startsWith(`text is ${bytes} bytes long; the limit is 16 bytes`),
  );
  // In a batch, larger than any room earlier tests may have left free in the memory.
  const larger = "x".repeat(40_000_000);
  assert.throws(
    () => screener.screenMany(["ok", larger]),
    (e) => e.kind === "text-too-long" && e.message.startsWith("texts[1]: text is 40000000 bytes long; the limit is 16 bytes"),
  );
  assert.equal(memory.buffer.byteLength, before, "memory grown for a text refused");
  assert.equal(screener.screen("x").findings.length, 1, "and the screener goes on");
});

test("pack limits are configurable and a refusal names the limit, line and field", async () => {
  await init();
  const pack = `[pack]\nname = "x"\nversion = "1.0.0"\n[[rule]]\nid = "x.a"\ncategory = "other"\nseverity = "warn"\nany = ["short", "a longer phrase"]\n`;
  assert.throws(
    () => Screener.fromPacks([{ name: "x.toml", toml: pack }], { maxPhraseChars: 10 }),
    (e) =>
      e instanceof SaringError &&
      e.kind === "limit-exceeded" &&
      e.file === "x.toml" &&
      e.line === 8 &&
      e.field === "any[1]" &&
      /the limit is 10 characters \(max_phrase_chars\)/.test(e.message),
  );
  assert.throws(
    () => Screener.fromPacks([pack], { maxPackBytes: 64 }),
    (e) => e.kind === "limit-exceeded" && /\(max_pack_bytes\)/.test(e.message),
  );
  assert.throws(
    () => Screener.fromPacks([pack], { maxPhrasesPerPack: 1 }),
    (e) => e.kind === "limit-exceeded" && e.rule === "x.a" && /\(max_phrases_per_pack\)/.test(e.message),
  );
  // A raised limit lets through what the default refuses.
  const wide = pack.replace('"a longer phrase"', `"${"w".repeat(250)}"`);
  assert.throws(() => Screener.fromPacks([wide]), (e) => e.kind === "limit-exceeded" && /the limit is 200/.test(e.message));
  assert.equal(Screener.fromPacks([wide], { maxPhraseChars: 300 }).packs()[0].rules, 1);
  // Within the limits the same pack loads; a limit that is not a whole number is an input error.
  assert.equal(Screener.fromPacks([pack], { maxPhraseChars: 15, maxRulesPerPack: 1 }).packs()[0].rules, 1);
  for (const bad of [0, -1, 1.5, "10", 2 ** 32]) {
    assert.throws(
      () => Screener.fromPacks([pack], { maxRulesPerPack: bad }),
      (e) => e instanceof SaringError && e.kind === "input" && e.field === "maxRulesPerPack",
    );
  }
});

test("bad arguments throw SaringErrors, never strings", async () => {
  await init();
  const screener = Screener.withDefaults();
  assert.throws(() => screener.screen(42), (e) => e instanceof SaringError && e.kind === "input");
  assert.throws(() => screener.screen("x", { scope: "secret" }), (e) => e instanceof SaringError && e.field === "scope");
  // eslint-disable-next-line no-sparse-arrays
  assert.throws(() => screener.screenMany([, "x"]), (e) => e instanceof SaringError && /texts\[0\] must be a string, not undefined/.test(e.message));
});

test("screening options that are not { scope } are refused, never read as public", async () => {
  await init();
  const screener = Screener.withDefaults();
  const text = "ayo b41at ke 1S1S sekarang";
  const refused = (options, pattern) => (e) => e instanceof SaringError && e.kind === "input" && pattern.test(e.message);
  for (const call of [(o) => screener.screen(text, o), (o) => screener.screenMany([text], o), (o) => screener.screenObjects(text, o)]) {
    assert.throws(() => call("private"), refused("private", /must be an object such as \{ scope: "private" \}, not "private"/));
    assert.throws(() => call(true), refused(true, /not boolean/));
    assert.throws(() => call(["private"]), refused([], /not an array/));
    assert.throws(() => call({ Scope: "private" }), refused({}, /unknown screening option "Scope"; the only one is "scope"/));
    assert.throws(() => call(Promise.resolve({ scope: "private" })), refused({}, /not a Promise/));
    assert.throws(() => call(new Map([["scope", "private"]])), refused({}, /not a Map/));
  }
  assert.equal(screener.screen(text, null).scope, "public");
  assert.equal(screener.screen(text, {}).scope, "public");
  assert.equal(screener.screen(text, { scope: undefined }).scope, "public");
});

test("packs() lists name, version, sha256, rule count and automaton of every default pack", async () => {
  await init();
  const packs = Screener.withDefaults().packs();
  const { readdir } = await import("node:fs/promises");
  const files = (await readdir(new URL("../../rules/", import.meta.url))).filter((f) => f.endsWith(".toml"));
  const names = await Promise.all(
    files.map(async (f) => {
      const toml = await readFile(new URL(`../../rules/${f}`, import.meta.url), "utf8");
      return toml.match(/^name = "([^"]+)"/m)[1];
    }),
  );
  assert.deepEqual(packs.map((p) => p.name).sort(), names.sort());
  for (const pack of packs) {
    assert.match(pack.sha256, /^[0-9a-f]{64}$/);
    assert.match(pack.version, /^\d+\.\d+\.\d+/);
    assert.ok(pack.rules > 0);
    assert.equal(pack.automaton, "dfa");
  }
  const held = Screener.withDefaults().automatonBytes;
  assert.ok(held > 1000 && held < 12 * 1024 * 1024, `automatonBytes ${held}`);
});

test("init() also accepts bytes, a Response and a WebAssembly.Module", async () => {
  const bytes = await readFile(wasmUrl);
  const module = await WebAssembly.compile(bytes);
  for (const input of [bytes, new Response(bytes, { headers: { "content-type": "application/wasm" } }), module]) {
    await init(input); // already loaded: resolves at once, whatever the input
  }
  // A fresh module instance from each input, in a child process, proves each form loads.
  const { execFileSync } = await import("node:child_process");
  const script = `
    import init, { Screener } from ${JSON.stringify(new URL("../../npm/dist/saring.js", import.meta.url).href)};
    import { readFile } from "node:fs/promises";
    const bytes = await readFile(new URL(${JSON.stringify(wasmUrl.href)}));
    const kind = process.argv[1];
    const input = kind === "bytes" ? bytes : kind === "module" ? await WebAssembly.compile(bytes)
      : new Response(bytes, { headers: { "content-type": "application/wasm" } });
    await init(input);
    console.log(Screener.fromPacks([process.argv[2]]).screen("slot gacor").verdict);`;
  for (const kind of ["bytes", "module", "response"]) {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script, kind, casePack.toml], {
      encoding: "utf8",
    });
    assert.equal(out.trim(), "review", kind);
  }
});

test("checkExamples says which examples a pack's rules do not bear out; the runtime has none of it", async () => {
  await init();
  const toml = `[pack]
name = "kanal"
version = "1.0.0"

[[rule]]
id = "kanal.slot"
category = "gambling"
severity = "review"
any = ["slot gacor"]
match = ["ayo 5l0t g4c0r", "ini tidak cocok"]
no_match = ["berita slot gacor ditutup", "kabar baik"]
`;
  assert.deepEqual(checkExamples([{ name: "kanal.toml", toml }]), [
    { file: "kanal.toml", line: 5, rule: "kanal.slot", example: "ini tidak cocok", expected: "match" },
    { file: "kanal.toml", line: 5, rule: "kanal.slot", example: "berita slot gacor ditutup", expected: "no-match" },
  ]);
  const fixed = toml.replace(', "ini tidak cocok"', "").replace('"berita slot gacor ditutup", ', "");
  assert.deepEqual(checkExamples([fixed]), []);
  assert.throws(() => checkExamples([toml.replace('"review"', '"blocker"')]), (e) => e instanceof SaringError && e.kind === "pack-invalid" && e.line === 8);
  await initRuntime();
  assert.throws(() => runtimeCheckExamples([toml]), (e) => e.kind === "input" && /pack compiler/.test(e.message));
});

test("compiled bundles load, and a tampered bundle is refused", async () => {
  await init();
  const { execFileSync } = await import("node:child_process");
  const root = new URL("../../", import.meta.url);
  const json = execFileSync("cargo", ["run", "--quiet", "--bin", "saring", "--", "bundle", "rules/", "-o", "-"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  assert.throws(() => Screener.fromPacks([json]), (e) => e instanceof SaringError && e.kind === "untrusted");
  const fromText = Screener.fromPacks([json], { allowUnsigned: true });
  const fromObject = Screener.fromPacks([JSON.parse(json)], { allowUnsigned: true });
  const defaults = Screener.withDefaults();
  const post = "ayo b41at ke 1S1S, s l 0 t g4c0r";
  assert.deepEqual(fromText.screen(post), defaults.screen(post));
  assert.deepEqual(fromObject.packs(), defaults.packs());
  const tampered = JSON.parse(json);
  tampered.packs[0].toml = tampered.packs[0].toml.replace("[pack]", "[pack]\n# harmless?");
  assert.throws(
    () => Screener.fromPacks([tampered], { allowUnsigned: true }),
    (e) => e instanceof SaringError && e.kind === "pack-invalid" && /was altered/.test(e.message),
  );
  assert.throws(() => Screener.fromPacks(["{ not json"]), (e) => e instanceof SaringError && /not valid JSON/.test(e.message));
  // The bundle's schema holds field by field: nothing missing, strings where strings belong;
  // each refusal names the field.
  const refused = (bundle, pattern) =>
    assert.throws(
      () => Screener.fromPacks([bundle], { allowUnsigned: true }),
      (e) => e instanceof SaringError && e.kind === "pack-invalid" && /^bundles\[0\] is not a rule bundle/.test(e.message) && pattern.test(e.message),
    );
  const altered = (change) => {
    const bundle = JSON.parse(json);
    change(bundle);
    return bundle;
  };
  refused(altered((b) => delete b.sha256), /missing field `sha256`/);
  refused(altered((b) => (b.packs = "none")), /expected an array at `packs`/);
  refused(altered((b) => delete b.packs[1].toml), /packs\[1\]: missing field `toml`/);
  refused(altered((b) => (b.packs[0].sha256 = 7)), /packs\[0\]: invalid type: number, expected a string at `sha256`/);
  refused(altered((b) => (b.signature = { key: "00" })), /signature: missing field `ed25519`/);
  // A field the bundle format does not have is refused, as the CLI refuses it.
  refused(altered((b) => (b.created = "2026-11-29")), /unknown field `created`, expected one of format, name/);
  refused(altered((b) => (b.packs[0].comment = "x")), /packs\[0\]: unknown field `comment`/);
  assert.ok(Screener.fromPacks([altered((b) => (b.signature = null))], { allowUnsigned: true }), "a null signature is none");
});

test("a public screening becomes a report; a private one never does", async () => {
  const screener = await caseScreener();
  const text = "info s l 0 t g4c0r malam ini";
  const screening = screener.screen(text, { scope: "public" });
  const context = { channelId: "-100123", postId: "42", channelUsername: "contoh", postUrl: "https://t.me/contoh/42" };
  const report = screener.buildReport(screening, context);
  assert.equal(report.schema_version, 1);
  assert.equal(report.text, text);
  assert.equal(report.reason, "illegal_goods");
  assert.match(report.idempotency_key, /^[0-9a-f]{64}$/);
  assert.equal(report.bundle.name, "custom");
  assert.deepEqual(report.findings.map((f) => [f.rule, f.excerpt, f.start, f.end]), [["t.slot", "s l 0 t g4c0r", 5, 18]]);
  assert.equal(screener.buildReport(screener.screen(text), context).idempotency_key, report.idempotency_key, "same post, same key");

  const secret = screener.screen(text, { scope: "private" });
  assert.throws(() => screener.buildReport(secret, context), (e) => e instanceof SaringError && e.kind === "private-scope");
  const forged = { ...secret, scope: "public" };
  assert.throws(() => screener.buildReport(forged, context), (e) => e instanceof SaringError && e.kind === "input");
  const [privateMany] = screener.screenMany([text], { scope: "private" });
  assert.throws(() => screener.buildReport(privateMany, context), (e) => e.kind === "private-scope");
  // A post with no finding: nothing to report, said as such (after the context is checked).
  const clean = screener.screen("selamat pagi");
  assert.throws(
    () => screener.buildReport(clean, context),
    (e) => e instanceof SaringError && e.kind === "input" && /nothing to report/.test(e.message),
  );
  assert.throws(() => screener.buildReport(clean, { channelId: "-100123" }), (e) => /missing field `postId`/.test(e.message));
  const defaults = Screener.withDefaults();
  assert.equal(defaults.buildReport(defaults.screen("ayo b41at ke 1S1S sekarang"), context).bundle.name, "saring-default");
  // Spam repeating itself has more findings than a report carries: it is reported all the same.
  const spam = Array(40).fill("ayo b41at ke 1S1S sekarang, slot gacor maxwin").join(" ");
  const many = defaults.screen(spam);
  const full = defaults.buildReport(many, context);
  assert.ok(many.findings.length > 256, `${many.findings.length} findings`);
  assert.equal(full.findings.length, 256);
  assert.equal(full.findings_omitted, many.findings.length - 256);
  assert.deepEqual(new Set(full.findings.map((f) => f.rule)), new Set(many.findings.map((f) => f.rule)), "every rule is in it");
  assert.equal(report.findings_omitted, undefined, "absent when none is left out");
  // The context is checked field by field, naming what is wrong.
  const badContext = (context, pattern) =>
    assert.throws(() => screener.buildReport(screening, context), (e) => e.kind === "input" && pattern.test(e.message));
  badContext({ channelId: "-100123" }, /missing field `postId`/);
  badContext({ ...context, note: 42 }, /invalid type: number, expected a string at `note`/);
  badContext(null, /invalid type: null, expected an object/);
  badContext({ ...context, postURL: context.postUrl }, /unknown field `postURL`/);
  const bare = screener.buildReport(screening, { ...context, channelUsername: undefined, note: undefined, postUrl: null });
  assert.deepEqual([bare.channel_username, bare.post_url, bare.reporter_note], [null, null, null], "null, as typed");
});

test("signed bundles load only with a trusted key, and never roll back", async () => {
  await init();
  const { execFileSync } = await import("node:child_process");
  const { mkdtempSync, readFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const root = new URL("../../", import.meta.url);
  const dir = mkdtempSync(join(tmpdir(), "saring-keys-"));
  const saring = (...args) =>
    execFileSync("cargo", ["run", "--quiet", "--bin", "saring", "--", ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  saring("keys", "generate", "--out", join(dir, "publisher"));
  saring("keys", "generate", "--out", join(dir, "stranger"));
  const key = (who) => readFileSync(join(dir, who, "saring-bundle.pub"), "utf8").trim();
  const secret = join(dir, "publisher", "saring-bundle.key");
  const fresh = saring("bundle", "rules/", "--version", "99.0.0", "--sign", secret, "-o", "-");
  const old = saring("bundle", "rules/", "--version", "0.0.1", "--sign", secret, "-o", "-");

  assert.ok(Screener.fromPacks([fresh], { trust: [key("publisher")] }).packs().length > 0);
  assert.throws(() => Screener.fromPacks([fresh], { trust: [key("stranger")] }), (e) => e.kind === "untrusted" && /not a trusted key/.test(e.message));
  assert.throws(() => Screener.fromPacks([old], { trust: [key("publisher")] }), (e) => e.kind === "rollback");
  const forged = JSON.parse(fresh);
  forged.signature.ed25519 = forged.signature.ed25519.replace(/^./, (c) => (c === "0" ? "1" : "0"));
  assert.throws(() => Screener.fromPacks([forged], { trust: [key("publisher")] }), (e) => e.kind === "untrusted" && /does not verify/.test(e.message));
});
