#!/usr/bin/env python3
"""Writes the committed seed corpora, fuzz/seeds/<target>/, from the repository's own data:
example posts, case-table texts, rule packs and a report example (and the case-table pack
compiled by the CLI, with cargo). Rerun from the repository root after changing those; the files
are small (the whole directory stays under 200 KB)."""
import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"


def texts():
    """Post texts: examples/posts.jsonl, the case tables, and some rule examples."""
    out = [json.loads(line)["text"] for line in (ROOT / "examples/posts.jsonl").read_text().splitlines() if line]
    out += [case["text"] for case in tomllib.loads((ROOT / "tests/cases/evasion.toml").read_text())["case"]]
    for pack in sorted((ROOT / "rules").glob("*.toml")):
        for rule in tomllib.loads(pack.read_text())["rule"][:3]:
            out += rule.get("match", [])[:1] + rule.get("no_match", [])[:1]
    return out


def write(target, name, data):
    directory = SEEDS / target
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (directory / name).write_bytes(data)


def main():
    shutil.rmtree(SEEDS, ignore_errors=True)
    posts = texts()
    for i, text in enumerate(posts):
        # normalize: the first byte picks the options (0x0f: all on).
        write("normalize", f"text-{i:03}", b"\x0f" + text.encode())
    packs = [ROOT / "tests/cases/pack.toml", ROOT / "rules/pornography.toml", ROOT / "rules/hate.toml"]
    for pack in packs:
        write("pack_parse", pack.name, pack.read_text())
    # bundle_load: raw JSON bundles (mode byte 0); the target builds and signs its own too.
    toml = (ROOT / "tests/cases/pack.toml").read_text()
    pack_sha = hashlib.sha256(toml.encode()).hexdigest()
    canonical = f"saring-bundle/1\ncases\n1.0.0\ntests/cases/pack.toml\n{pack_sha}\n"
    bundle = {
        "format": "saring-bundle/1",
        "name": "cases",
        "version": "1.0.0",
        "sha256": hashlib.sha256(canonical.encode()).hexdigest(),
        "packs": [{"file": "tests/cases/pack.toml", "sha256": pack_sha, "toml": toml}],
    }
    write("bundle_load", "cases-bundle.json", b"\x00" + json.dumps(bundle, indent=2).encode())
    signed = dict(bundle, signature={"key": "ab" * 32, "ed25519": "cd" * 64})
    write("bundle_load", "cases-bundle-signed.json", b"\x00" + json.dumps(signed).encode())
    # compiled_load: the case-table pack compiled by the CLI, as a body to seal (mode byte 0)
    # and as the sealed file (mode byte 1).
    compiled = subprocess.run(
        ["cargo", "run", "--quiet", "--bin", "saring", "--", "bundle", "tests/cases/pack.toml", "--compiled", "-o", "-"],
        cwd=ROOT, check=True, capture_output=True,
    ).stdout
    header = b"saring-compiled/1\n"
    assert compiled.startswith(header)
    write("compiled_load", "cases-body", b"\x00" + compiled[len(header):-32])
    write("compiled_load", "cases-sealed", b"\x01" + compiled)
    # screen and report take structured input (arbitrary); a few post texts as raw bytes give
    # them words to start from.
    for i, text in enumerate(posts[:12]):
        write("screen", f"text-{i:03}", text)
        write("report", f"text-{i:03}", b"\x00" + text.encode())
    example = (ROOT / "schema/report.example.json").read_text()
    write("report", "report.example.json", b"\x01" + example.encode())


if __name__ == "__main__":
    main()
