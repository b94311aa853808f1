#!/usr/bin/env python3
"""Accuracy report for saring's rule packs on real labelled data.

Screens every labelled and benign set in ../shared/data (and the project's own terrorism set in
tests/eval/) through the saring CLI, once per data set (`saring scan --jsonl`), and prints per
pack: precision, recall and F1 at the `review` and `block` thresholds, and false alarms per 1,000
benign posts. Python 3.11 standard library only; it builds nothing itself.

    python3 tools/eval.py                         # cargo run --release, packs read from rules/
    python3 tools/eval.py --saring target/release/saring --show-errors 5
    python3 tools/eval.py --markdown              # the table for rules/README.md

A post counts as flagged for a pack at threshold T when it has a finding of that pack's
category with severity >= T. Intervals are 95%: Wilson score intervals for precision, recall
and false-alarm rates; for F1 a percentile bootstrap (1,000 resamples of the posts, fixed seed).

Data sets that are absent are skipped with a message; with none present the script exits 0.
The "no"-licensed sets are only read here, at run time: nothing from them enters the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import json
import math
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEVERITY = {"warn": 1, "review": 2, "block": 3}
THRESHOLDS = ("review", "block")
Z = 1.959963984540054  # 95%
BOOTSTRAP = 1000


@dataclass
class Post:
    id: str
    text: str
    label: int  # 1 positive, 0 negative
    group: str = ""  # a sub-group of negatives (e.g. operator promos)


@dataclass
class Dataset:
    name: str
    category: str | None  # the pack/category measured; None: benign (all negatives, any category)
    posts: list[Post]
    target: str = ""
    results: dict[str, list[dict]] = field(default_factory=dict)  # post id -> findings


# ---------------------------------------------------------------------------------------------
# Loading the data sets. Each loader returns None (with a reason) when its file is absent.


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_datasets(data: Path, only: set[str] | None) -> tuple[list[Dataset], list[str]]:
    specs = [
        ("gambling-tiktok", "labeled/id-gambling-tiktok.csv", "gambling", "P>=0.95 R>=0.90 (review)"),
        ("gambling-short", "labeled/id-gambling-short.csv", "gambling", ""),
        ("sms-fraud", "labeled/id-sms-fraud-promo.csv", "fraud", "P>=0.90 R>=0.80 (review)"),
        ("hate-sara", "labeled/id-hate-abusive-multilabel.csv", "hate", "P>=0.80 (review)"),
        ("terrorism-own", "tests/eval/terrorism.jsonl", "terrorism", ""),
        ("benign-reviews", "benign/id-benign-reviews.csv", None, "<=5/1000 review, <=1/1000 block"),
        ("benign-tweets", "benign/id-benign-tweets.csv", None, "<=5/1000 review, <=1/1000 block"),
    ]
    datasets, skipped = [], []
    for name, rel, category, target in specs:
        if only and name not in only:
            continue
        path = (ROOT / rel) if rel.startswith("tests/") else (data / rel)
        if not path.is_file():
            skipped.append(f"skipped: {name}: {path} not found")
            continue
        posts = LOADERS[name](path)
        datasets.append(Dataset(name, category, posts, target))
    return datasets, skipped


def load_binary_csv(text_col: str, label_col: str):
    def load(path: Path) -> list[Post]:
        posts = []
        for i, row in enumerate(read_csv(path)):
            label = (row.get(label_col) or "").strip()
            if label not in ("0", "1"):
                continue  # unlabelled rows are left out, not guessed
            posts.append(Post(f"{i}", row[text_col], int(label)))
        return posts

    return load


def load_sms(path: Path) -> list[Post]:
    # label 1 fraud; 0 normal and 2 operator promo are the negatives.
    posts = []
    for i, row in enumerate(read_csv(path)):
        label = row["label"].strip()
        if label not in ("0", "1", "2"):
            continue
        posts.append(Post(f"{i}", row["Teks"], 1 if label == "1" else 0, "promo" if label == "2" else ""))
    return posts


def load_hate(path: Path) -> list[Post]:
    # Positives for the hate pack: hate speech aimed at a religion, a race/ethnicity or a group.
    posts = []
    for i, row in enumerate(read_csv(path)):
        positive = any(row[c].strip() == "1" for c in ("HS_Religion", "HS_Race", "HS_Group"))
        # The tweets carry escaped newlines ("\n") from their origin.
        text = row["Tweet"].replace("\\n", "\n")
        posts.append(Post(f"{i}", text, int(positive)))
    return posts


def load_benign(text_col: str):
    def load(path: Path) -> list[Post]:
        return [Post(f"{i}", row[text_col], 0) for i, row in enumerate(read_csv(path))]

    return load


def load_jsonl(path: Path) -> list[Post]:
    posts = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            posts.append(Post(str(row.get("id", n)), row["text"], int(row["label"])))
    return posts


LOADERS = {
    "gambling-tiktok": load_binary_csv("text", "label"),
    "gambling-short": load_binary_csv("text", "label"),
    "sms-fraud": load_sms,
    "hate-sara": load_hate,
    "terrorism-own": load_jsonl,
    "benign-reviews": load_benign("text"),
    "benign-tweets": load_benign("tweet"),
}

# ---------------------------------------------------------------------------------------------
# Screening.


def saring_command(args) -> list[str]:
    if args.saring:
        base = [args.saring]
    else:
        base = ["cargo", "run", "-q", "--release", "--bin", "saring", "--"]
    command = base + ["scan", "--jsonl"]
    for pack in args.pack:
        command += ["--pack", pack]
    return command


def screen(command: list[str], dataset: Dataset) -> None:
    lines = "".join(json.dumps({"id": p.id, "text": p.text}, ensure_ascii=False) + "\n" for p in dataset.posts)
    proc = subprocess.run(command, input=lines, capture_output=True, text=True, encoding="utf-8", cwd=ROOT)
    if proc.returncode not in (0, 1):
        sys.exit(f"eval: saring failed on {dataset.name} (exit {proc.returncode}):\n{proc.stderr.strip()}")
    for line in proc.stdout.splitlines():
        result = json.loads(line)
        dataset.results[str(result["id"])] = result.get("findings", [])
    missing = [p.id for p in dataset.posts if p.id not in dataset.results]
    if missing:
        sys.exit(f"eval: {len(missing)} posts of {dataset.name} have no result (first: {missing[0]})")


def flagged(findings: list[dict], category: str | None, threshold: str) -> bool:
    level = SEVERITY[threshold]
    return any(
        SEVERITY[f["severity"]] >= level and (category is None or f["category"] == category) for f in findings
    )


# ---------------------------------------------------------------------------------------------
# Statistics.


def wilson(successes: int, n: int) -> tuple[float, float, float] | None:
    if n == 0:
        return None
    p = successes / n
    denominator = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)


def f1_of(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def f1_bootstrap(tp: int, fp: int, fn: int, tn: int, seed: int) -> tuple[float, float, float] | None:
    n = tp + fp + fn + tn
    if tp + fp + fn == 0:
        return None
    rng = random.Random(seed)
    cells = (0, 1, 2, 3)
    weights = (tp, fp, fn, tn)
    values = []
    for _ in range(BOOTSTRAP):
        counts = [0, 0, 0, 0]
        for cell in rng.choices(cells, weights=weights, k=n):
            counts[cell] += 1
        values.append(f1_of(counts[0], counts[1], counts[2]))
    values.sort()
    return f1_of(tp, fp, fn), values[int(0.025 * BOOTSTRAP)], values[int(0.975 * BOOTSTRAP) - 1]


def confusion(dataset: Dataset, threshold: str) -> tuple[int, int, int, int]:
    tp = fp = fn = tn = 0
    for post in dataset.posts:
        hit = flagged(dataset.results[post.id], dataset.category, threshold)
        if post.label and hit:
            tp += 1
        elif post.label:
            fn += 1
        elif hit:
            fp += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def fmt(interval, scale: float = 1.0, digits: int = 3) -> str:
    if interval is None:
        return "n/a"
    value, low, high = (x * scale for x in interval)
    return f"{value:.{digits}f} [{low:.{digits}f}, {high:.{digits}f}]"


# ---------------------------------------------------------------------------------------------
# Report.


def bundle_hash(command: list[str]) -> tuple[str, str]:
    """The SHA-256 of `rules/` as a bundle (`saring bundle rules/`), the one `saring packs`
    reports for the embedded default."""
    base = command[: command.index("scan")]
    result = subprocess.run(base + ["bundle", "rules/", "-o", "-"], cwd=ROOT, capture_output=True, text=True, check=True)
    bundle = json.loads(result.stdout)
    return bundle["sha256"], f"saring bundle rules/: {bundle['name']} {bundle['version']}"


def labelled_rows(datasets: list[Dataset]) -> list[list[str]]:
    rows = []
    for d in datasets:
        if d.category is None:
            continue
        positives = sum(p.label for p in d.posts)
        for threshold in THRESHOLDS:
            tp, fp, fn, tn = confusion(d, threshold)
            rows.append(
                [
                    d.name,
                    d.category,
                    f"{positives}/{len(d.posts) - positives}",
                    threshold,
                    fmt(wilson(tp, tp + fp)),
                    fmt(wilson(tp, tp + fn)),
                    fmt(f1_bootstrap(tp, fp, fn, tn, seed=len(d.posts))),
                    f"{fp}/{len(d.posts) - positives}",
                ]
            )
        subgroups = sorted({p.group for p in d.posts if p.group and not p.label})
        for group in subgroups:
            members = [p for p in d.posts if p.group == group and not p.label]
            for threshold in THRESHOLDS:
                fa = sum(flagged(d.results[p.id], d.category, threshold) for p in members)
                rows.append(
                    [f"{d.name} ({group} only)", d.category, f"0/{len(members)}", threshold, "", "", "",
                     f"{fa}/{len(members)}"]
                )
    return rows


def benign_rows(datasets: list[Dataset]) -> list[list[str]]:
    rows = []
    for d in datasets:
        if d.category is not None:
            continue
        n = len(d.posts)
        row = [d.name, str(n)]
        for threshold in THRESHOLDS:
            fa = sum(flagged(d.results[p.id], None, threshold) for p in d.posts)
            row.append(f"{fmt(wilson(fa, n), 1000, 1)} ({fa})")
        by_category: dict[str, int] = {}
        for p in d.posts:
            for category in {f["category"] for f in d.results[p.id] if SEVERITY[f["severity"]] >= 2}:
                by_category[category] = by_category.get(category, 0) + 1
        row.append(", ".join(f"{c} {k}" for c, k in sorted(by_category.items())) or "none")
        rows.append(row)
    return rows


LABELLED_HEAD = ["data set", "pack", "pos/neg", "threshold", "precision [95% CI]", "recall [95% CI]",
                 "F1 [95% CI, bootstrap]", "false pos."]
BENIGN_HEAD = ["benign set", "posts", "false alarms /1000, >= review [95% CI]",
               "false alarms /1000, >= block [95% CI]", "by category (>= review)"]


def print_table(head: list[str], rows: list[list[str]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("| " + " | ".join("---" for _ in head) + " |")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
    for row in [head, *rows]:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)).rstrip())


def show_errors(datasets: list[Dataset], n: int) -> None:
    for d in datasets:
        kinds = [("false positive", 0)] if d.category is None else [("false negative", 1), ("false positive", 0)]
        for kind, label in kinds:
            shown = 0
            for post in d.posts:
                hit = flagged(d.results[post.id], d.category, "review")
                wrong = (label == 1 and post.label == 1 and not hit) or (label == 0 and post.label == 0 and hit)
                if not wrong:
                    continue
                rules = sorted({f["rule"] for f in d.results[post.id] if SEVERITY[f["severity"]] >= 2})
                terms = sorted({t for f in d.results[post.id] for t in f.get("terms", [])})
                text = " ".join(post.text.split())[:220]
                extra = f"  rules={','.join(rules)} terms={'|'.join(terms)}" if rules else ""
                print(f"[{d.name} {kind} #{post.id}] {text}{extra}")
                shown += 1
                if shown >= n:
                    break


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=os.environ.get("SARING_DATA", str(ROOT.parent / "shared" / "data")),
                        help="directory of the shared data (default: ../shared/data or $SARING_DATA)")
    parser.add_argument("--saring", help="path of a built saring binary (default: cargo run --release)")
    parser.add_argument("--pack", action="append",
                        help="rule pack file or directory, repeatable (default: rules/, read from disk)")
    parser.add_argument("--only", action="append", help="only this data set (repeatable)")
    parser.add_argument("--markdown", action="store_true", help="print the tables in Markdown")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print N false negatives and N false positives (at review) per data set")
    args = parser.parse_args()
    if not args.pack:
        args.pack = [str(ROOT / "rules")]

    data = Path(args.data)
    if not data.is_dir():
        print(f"skipped: shared data directory {data} not found; nothing but the project's own sets to measure")
    datasets, skipped = load_datasets(data, set(args.only) if args.only else None)
    for message in skipped:
        print(message)
    if not datasets:
        print("skipped: no data sets found; nothing to measure")
        return 0

    command = saring_command(args)
    for d in datasets:
        screen(command, d)

    digest, how = bundle_hash(command)
    date = datetime.date.today().isoformat()
    if args.markdown:
        print(f"Measured {date}; bundle `{digest[:16]}` ({how}: `{digest}`).\n")
    else:
        print(f"date {date}\nbundle {digest}  ({how})\n")
    for head, rows in ((LABELLED_HEAD, labelled_rows(datasets)), (BENIGN_HEAD, benign_rows(datasets))):
        if rows:
            print_table(head, rows, args.markdown)
            print()
    if args.show_errors:
        print()
        show_errors(datasets, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
