//! The command line as a user runs it: output shapes, exit codes, streaming batches, errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn saring(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saring"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the saring binary runs");
    // A run that fails before reading its input closes the pipe early; that is not a test failure.
    let _ = child.stdin.take().expect("stdin").write_all(stdin.as_bytes());
    child.wait_with_output().expect("saring finishes")
}

/// The case-table pack: its rules do not change when the default packs are tuned.
const PACK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/pack.toml");

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is one JSON object")
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("saring-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write temp file");
    path
}

#[test]
fn scan_prints_verdict_and_findings_with_both_spans() {
    let text = "🔥 ayo b0m g3r3ja 1S1S sekarang";
    let output = saring(&["scan", "--pack", PACK], text);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let result = json(&output);
    assert_eq!(result["verdict"], "block");
    let finding = &result["findings"][1];
    assert_eq!(finding["rule"], "t.isis");
    assert_eq!(finding["text"], "1S1S");
    let bytes = [finding["bytes"][0].as_u64().unwrap() as usize, finding["bytes"][1].as_u64().unwrap() as usize];
    assert_eq!(&text[bytes[0]..bytes[1]], "1S1S");
    assert_eq!(finding["utf16"], serde_json::json!([18, 22]));
    assert_eq!(finding["explain"], "leet 1→i");
    assert_eq!(result["findings"][0]["rule"], "t.bom");
    assert_eq!(result["findings"][0]["text"], "b0m");
}

#[test]
fn fail_on_sets_exit_code_one() {
    assert_eq!(saring(&["scan", "--pack", PACK, "--fail-on", "review"], "gabung 1S1S").status.code(), Some(1));
    assert_eq!(saring(&["scan", "--pack", PACK, "--fail-on", "block"], "gabung 1S1S").status.code(), Some(0));
    assert_eq!(saring(&["scan", "--pack", PACK, "--fail-on", "warn"], "selamat pagi semua").status.code(), Some(0));
}

#[test]
fn help_after_any_command_prints_the_usage() {
    for command in ["scan", "check", "bundle", "keys", "fold", "packs"] {
        for flag in ["--help", "-h"] {
            let output = saring(&[command, flag], "");
            assert_eq!(output.status.code(), Some(0), "{command} {flag}: {}", String::from_utf8_lossy(&output.stderr));
            let usage = String::from_utf8_lossy(&output.stdout);
            assert!(usage.contains("USAGE:") && usage.contains("--unsigned"), "{command} {flag}: {usage}");
        }
    }
}

#[test]
fn usage_errors_exit_two_with_a_message() {
    let output = saring(&["scan", "--scope", "secret"], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown scope `secret`"));
    let output = saring(&["frobnicate"], "");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn oversized_text_is_refused_naming_the_limit() {
    let output = saring(&["scan", "--max-bytes", "10"], "this text is longer than ten bytes");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the limit is 10 bytes"), "{stderr}");
    let zero = saring(&["scan", "--max-bytes", "0"], "x");
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("`0` is not a whole number from 1"));
}

#[test]
fn pack_limits_are_flags_and_a_refusal_names_the_limit_and_the_file() {
    let refusals = [
        ("--max-rules", "1", "(max_rules_per_pack)"),
        ("--max-pack-bytes", "100", "(max_pack_bytes)"),
        ("--max-phrase-chars", "3", "(max_phrase_chars)"),
        ("--max-pack-phrases", "2", "(max_phrases_per_pack)"),
        ("--max-phrases", "2", "(max_phrases)"),
    ];
    for (flag, value, names) in refusals {
        let output = saring(&["scan", "--pack", PACK, flag, value], "slot gacor");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flag}: {stderr}");
        assert!(stderr.contains(names), "{flag}: {stderr}");
        assert!(stderr.contains("the limit is"), "{flag}: {stderr}");
        if flag != "--max-phrases" {
            assert!(stderr.contains("pack.toml"), "{flag} names the file: {stderr}");
        }
    }
    let output = saring(&["scan", "--pack", PACK, "--max-rules", "many"], "x");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--max-rules: `many` is not a whole number"));
    // Raised limits accept the same pack.
    let output = saring(&["scan", "--pack", PACK, "--max-rules", "1000", "--max-phrase-chars", "500"], "x");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn broken_utf8_is_refused_naming_the_offset() {
    let path = temp_file("broken.txt", "");
    std::fs::write(&path, b"slot \xff gacor").expect("write");
    let output = saring(&["scan", path.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not valid UTF-8 at byte 5"));
}

#[test]
fn jsonl_streams_one_result_per_line_and_keeps_bad_lines() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"s l 0 t g4c0r malam ini\"}\n",
        "not json\n",
        "{\"id\": \"b\", \"text\": \"selamat pagi\"}\n",
    );
    let output = saring(&["scan", "--pack", PACK, "--jsonl"], input);
    assert_eq!(output.status.code(), Some(2), "a bad line makes the exit code 2");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "one output line per input line, bad ones included");
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["verdict"], "review");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(lines[2]["id"], "b");
    assert_eq!(lines[2]["verdict"], "allow");
}

/// Lines as JavaScript writes them: `JSON.stringify` of a string cut inside an emoji keeps a lone
/// surrogate escape, which is read as U+FFFD (one UTF-16 unit, as in the JavaScript string).
#[test]
fn jsonl_reads_lone_surrogates_and_refuses_overlong_lines_without_losing_the_rest() {
    let long = format!("{{\"id\": 2, \"text\": \"{}\"}}\n", "x".repeat(200_000));
    let input = format!(
        "{}{long}{}",
        "{\"id\": 1, \"text\": \"gabung 1S1S \\ud83d\"}\n",
        "{\"id\": 3, \"text\": \"\\ud83d\\ude00 gabung isis \\\\ud800\"}\n",
    );
    let output = saring(&["scan", "--pack", PACK, "--jsonl", "--max-bytes", "1000"], &input);
    assert_eq!(output.status.code(), Some(2), "the long line is an error");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!((&lines[0]["id"], &lines[0]["verdict"]), (&serde_json::json!(1), &serde_json::json!("review")));
    assert_eq!(lines[0]["findings"][0]["utf16"], serde_json::json!([7, 11]));
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("line is longer than"), "{}", lines[1]);
    // A real pair stays an emoji, and an escaped backslash before `ud800` is text, not an escape.
    assert_eq!(
        (&lines[2]["id"], &lines[2]["findings"][0]["utf16"]),
        (&serde_json::json!(3), &serde_json::json!([10, 14]))
    );
}

/// A text is read only up to the limit: an endless stream is refused, not held in memory.
#[test]
fn a_text_past_the_limit_is_refused_while_it_is_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_saring"))
        .args(["scan", "--max-bytes", "100", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Far more than the limit, written until saring stops reading (a broken pipe then).
    let writer = std::thread::spawn(move || (0..10_000).all(|_| stdin.write_all(&[b'a'; 65_536]).is_ok()));
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("longer than 100 bytes; the limit is 100 bytes"));
    assert!(!writer.join().unwrap(), "saring stopped reading before the 655 MB were written");
}

#[test]
fn private_scope_is_echoed() {
    let output = saring(&["scan", "--pack", PACK, "--scope", "private"], "gabung 1S1S");
    let result = json(&output);
    assert_eq!(result["scope"], "private");
    assert_eq!(result["verdict"], "review");
}

#[test]
fn check_reports_failing_examples_and_invalid_packs() {
    let good = temp_file(
        "good.toml",
        "[pack]\nname = \"good\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"g.x\"\ncategory = \"other\"\nseverity = \"warn\"\nany = [\"isis\"]\nmatch = [\"1S1S\"]\nno_match = [\"krisis\"]\n",
    );
    let output = saring(&["check", good.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));

    let failing = temp_file(
        "failing.toml",
        "[pack]\nname = \"failing\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"f.x\"\ncategory = \"other\"\nseverity = \"warn\"\nany = [\"isis\"]\nmatch = [\"daesh\"]\n",
    );
    let output = saring(&["check", failing.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("rule `f.x`: a `match` example was not flagged: \"daesh\""), "{stdout}");

    let invalid = temp_file("invalid.toml", "[pack]\nname = \"bad\"\nversion = \"1.0.0\"\n[[rule]]\nid = \"b.x\"\ncategory = \"other\"\nseverity = \"blocker\"\nany = [\"x\"]\n");
    let output = saring(&["check", invalid.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("invalid.toml:7") && stdout.contains("severity"), "{stdout}");
}

#[test]
fn default_packs_pass_their_own_check() {
    let output = saring(&["check", concat!(env!("CARGO_MANIFEST_DIR"), "/rules")], "");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn bundle_of_rules_is_the_embedded_default_and_tampering_is_refused() {
    let dir = std::env::temp_dir().join(format!("saring-cli-bundle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("default.json");
    let status = Command::new(env!("CARGO_BIN_EXE_saring"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["bundle", "rules/", "-o", out.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    let bundle: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let packs = json(&saring(&["packs"], ""));
    assert_eq!(bundle["sha256"], packs["bundle"]["sha256"], "the embedded default is rules/ bundled");

    let defaults = json(&saring(&["scan"], "ayo b41at ke 1S1S, s l 0 t g4c0r"));
    let bundled =
        json(&saring(&["scan", "--unsigned", "--bundle", out.to_str().unwrap()], "ayo b41at ke 1S1S, s l 0 t g4c0r"));
    assert_eq!(bundled, defaults, "the bundle screens like the defaults");

    let tampered = std::fs::read_to_string(&out).unwrap().replacen("\"version\": \"", "\"version\": \"9", 1);
    std::fs::write(&out, tampered).unwrap();
    let output = saring(&["scan", "--unsigned", "--bundle", out.to_str().unwrap()], "x");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("the bundle was altered"));
}

#[test]
fn compiled_packs_of_rules_are_the_embedded_ones_and_screen_as_the_defaults() {
    let dir = std::env::temp_dir().join(format!("saring-cli-compiled-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("default.bin");
    let output = Command::new(env!("CARGO_BIN_EXE_saring"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["bundle", "rules/", "--compiled", "-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let written = std::fs::read(&out).unwrap();
    assert!(written == saring::rules::default_compiled(), "`make compiled-packs` writes the embedded file so");

    let post = "ayo b41at ke 1S1S, s l 0 t g4c0r";
    let compiled = json(&saring(&["scan", "--compiled", out.to_str().unwrap()], post));
    assert_eq!(compiled, json(&saring(&["scan"], post)), "the compiled packs screen like the defaults");
    assert_eq!(compiled["verdict"], "block");

    // What would not load is not written: two packs of one name.
    let twice = dir.join("twice");
    std::fs::create_dir_all(&twice).unwrap();
    for name in ["a.toml", "b.toml"] {
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/pack.toml"), twice.join(name)).unwrap();
    }
    let refused = dir.join("twice.bin");
    let output = saring(&["bundle", twice.to_str().unwrap(), "--compiled", "-o", refused.to_str().unwrap()], "");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("two packs are named `cases`"));
    assert!(!refused.exists());

    let packs = json(&saring(&["packs", "--compiled", out.to_str().unwrap()], ""));
    assert_eq!(packs["bundle"], json(&saring(&["packs"], ""))["bundle"], "the compiled packs name their bundle");

    std::fs::write(&out, &written[..written.len() / 2]).unwrap();
    let output = saring(&["scan", "--compiled", out.to_str().unwrap()], post);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    let expected = format!("default.bin: compiled packs of {} bytes do not match their SHA-256", written.len() / 2);
    assert!(message.contains(&expected), "{message}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn signed_bundles_load_only_with_a_trusted_key_and_never_roll_back() {
    let dir = std::env::temp_dir().join(format!("saring-cli-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_saring")).current_dir(env!("CARGO_MANIFEST_DIR")).args(args).output().unwrap()
    };
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    for who in ["publisher", "stranger"] {
        let output = run(&["keys", "generate", "--out", &path(who)]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let again = run(&["keys", "generate", "--out", &path("publisher")]);
    assert_eq!(again.status.code(), Some(2), "an existing key is never overwritten");
    let (secret, public) = (path("publisher/saring-bundle.key"), path("publisher/saring-bundle.pub"));
    let stranger = path("stranger/saring-bundle.pub");

    let signed = path("signed.json");
    assert!(run(&["bundle", "rules/", "--version", "99.0.0", "--sign", &secret, "-o", &signed]).status.success());
    let ok = saring(&["scan", "--bundle", &signed, "--trust", &public], "halo");
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));

    let stderr = |output: Output| String::from_utf8_lossy(&output.stderr).into_owned();
    let unknown = saring(&["scan", "--bundle", &signed, "--trust", &stranger], "halo");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(unknown).contains("not a trusted key"));

    let no_trust = saring(&["scan", "--bundle", &signed], "halo");
    assert!(stderr(no_trust).contains("--bundle needs --trust"));

    let unsigned = path("unsigned.json");
    assert!(run(&["bundle", "rules/", "--version", "99.0.0", "-o", &unsigned]).status.success());
    assert!(stderr(saring(&["scan", "--bundle", &unsigned, "--trust", &public], "halo")).contains("not signed"));

    // Re-signed by nobody: a pack edited and every hash recomputed keeps the old signature.
    let mut forged: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&signed).unwrap()).unwrap();
    let honest: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&unsigned).unwrap()).unwrap();
    forged["version"] = serde_json::json!("99.0.1");
    forged["sha256"] = honest["sha256"].clone();
    std::fs::write(path("forged.json"), forged.to_string()).unwrap();
    let forged_run = saring(&["scan", "--bundle", &path("forged.json"), "--trust", &public], "halo");
    assert_eq!(forged_run.status.code(), Some(2));

    let old = path("old.json");
    assert!(run(&["bundle", "rules/", "--version", "0.0.1", "--sign", &secret, "-o", &old]).status.success());
    let rollback = stderr(saring(&["scan", "--bundle", &old, "--trust", &public], "halo"));
    assert!(rollback.contains("refusing to roll back"), "{rollback}");
}

#[cfg(unix)]
#[test]
fn a_generated_secret_key_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("saring-cli-key-mode-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let output = saring(&["keys", "generate", "--out", dir.to_str().unwrap()], "");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let secret = std::fs::metadata(dir.join("saring-bundle.key")).unwrap().permissions().mode();
    assert_eq!(secret & 0o777, 0o600, "the secret key is the owner's alone: {secret:o}");
    let secret_text = std::fs::read_to_string(dir.join("saring-bundle.key")).unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains(secret_text.trim()), "the secret is never printed");
    assert!(!String::from_utf8_lossy(&output.stderr).contains(secret_text.trim()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_saring"))
        .arg("fold")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the saring binary runs");
    // More than a pipe holds, so that the output is still being written when the reader leaves.
    child.stdin.take().unwrap().write_all("kata ".repeat(400_000).as_bytes()).unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut [0; 16]).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "no panic, no message");
    assert_eq!(output.status.code(), Some(141), "cut short, as a tool killed by SIGPIPE");
}
