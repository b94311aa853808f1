#!/usr/bin/env python3
"""Generate `src/normalize/tables.rs`, the character-folding tables of `saring`.

Usage (from the repository root; Python 3.11, standard library only):

    python3 tools/gen_tables.py [--data ../shared/data/unicode] [--out src/normalize/tables.rs]

The tables say, for every code point that is not ASCII, what `fold_char` returns: remove it,
replace it by one character, or replace it by a short string. Folding is applied to rule
patterns and to posts alike, so an evasion (a Cyrillic `а`, a mathematical bold `𝐚`, a zero
width joiner, Arabic harakat ...) folds to the same text as the plain spelling.

Inputs
------
From the Unicode Character Database and UTS #39, version 17 (the `--data` directory; Unicode
License v3). We parse the files ourselves and do NOT use Python's `unicodedata` module, whose
Unicode version is whatever the interpreter was built with:

* `UnicodeData.txt`           general category, name, decomposition (field 5)
* `CaseFolding.txt`           full case folding (statuses C and F)
* `DerivedCoreProperties.txt` Default_Ignorable_Code_Point
* `Scripts.txt`               script of each code point
* `confusables.txt`           look-alike prototypes (UTS #39)

Hand-written, in `src/normalize/data/` (see the README there):

* `arabic-variants.tsv`       Arabic letter variants -> base letter; Arabic-Indic digits
* `extra-folds.tsv`           look-alikes the Unicode files miss

Steps, for one code point c (the first rule that applies wins)
-------------------------------------------------------------
1. ASCII: A-Z -> a-z (Case); all other ASCII is kept. Digits and punctuation are left to a
   later stage (leetspeak). ASCII is never a source of any other rule, and is handled in code,
   not in the tables.
2. Removed: Default_Ignorable_Code_Point -> Invisible (zero width space and joiners, bidi
   controls, variation selectors, tags, Hangul fillers, soft hyphen, and the reserved ignorable
   ranges, which future Unicode versions will fill with more of the same). U+0640 tatweel ->
   Tatweel. Nonspacing and enclosing marks (Mn, Me): Arabic ones (the listed harakat ranges and
   any Mn of the Arabic script) -> Harakat, all others -> Mark. Spacing marks (Mc), which carry
   vowels in Indic scripts, are kept.
3. `extra-folds.tsv`, then `arabic-variants.tsv`.
4. Styled letters and digits that have no decomposition, recognised by their names: small
   capitals, negative circled/squared letters, dingbat circled digits ... Regional indicators
   are deliberately NOT folded: in pairs they are flags, and two Iceland flags would read "isis".
   Then decimal digits of every script (general category Nd) -> the ASCII digit of the same
   value (Styled): confusables.txt would send Devanagari one to `9` and Bengali four to `8`.
5. Decompose and fold: full compatibility decomposition (recursive, both canonical and tagged
   mappings), nonspacing/enclosing marks dropped, full case folding; repeated until stable.
   Reason: Styled if a tagged (compatibility) mapping was used, else Diacritic if marks were
   dropped, else Styled for a canonical singleton (Kelvin sign, Ohm sign), else Case.
   Exceptions: CJK compatibility ideographs keep (their mapping is to a unified ideograph, and
   Han text should not be touched); a result that contains conjoining Hangul jamo keeps (Hangul
   is not folded). Marks are dropped only from letters and digits: a symbol whose
   decomposition has a mark keeps (`≠` is `=` + U+0338; dropping the mark would turn it into
   `=`), unless only spaces remain (then it is removed, see below). A compatibility mapping
   must not add separators: when the result contains a
   letter or digit, non-alphanumerics at its ends are trimmed (`⒜` "(a)" -> "a", `⒈` "1." ->
   "1"); when the result is only spaces and marks for a source that is not a space (`¨` is
   " " + U+0308), the source is removed like the mark it spells.
6. Look-alikes (LookAlike): for a source outside the excluded scripts (Arabic: its letters must
   never become Latin, confusables.txt would send alef to `l`; and Han, Hangul, Hiragana,
   Katakana, whose text we do not latinise; and spacing marks, Mc, which are parts of Indic
   syllables), whose step-5 result is one non-ASCII character, the
   confusables.txt prototype of that character is folded; it is accepted only if it ends as one
   ASCII letter or digit, or as at most two ASCII letters/digits and no longer than the
   prototype (β -> ß must not become "ss"). The look-up is made on the case-folded character,
   except for a letter that only changes case and whose own prototype is ASCII (marks aside):
   a capital looks like its own prototype, not its small letter's (Greek capital nu `Ν` is
   `n`, though small nu `ν` is `v`; Cyrillic capital soft sign `Ь` is `b`).
7. Otherwise the character is kept.

Then every result is folded again, character by character, until nothing changes (the
closure), so that `fold_char` returns a fixed point: every character of every output is kept
by `fold_char`. The generator checks this over all code points, checks that no Arabic-script
letter becomes an ASCII letter, and checks that the compressed tables decode to exactly the
computed map.

Output
------
The crate is compiled to WebAssembly under a size budget, so the tables are packed. One table,
`FOLDS`, sorted by code point, holds ranges as two `u32`:
`(first << 11 | (last - first), payload << 8 | mode << 4 | reason)`, `reason` being the index
of the `FoldReason` variant. It ships as `folds.bin` (about 20 KB against 30 KB, and 10.6 KB
gzipped against 15.7), decoded once into that table by `char_fold.rs`: four columns, one after
the other, of LEB128 numbers — each range's `first` less the previous range's, its
`last - first`, its `mode << 4 | reason` (one byte), and for the modes with a payload the
payload: less `first` and zigzag-coded for SAME, DELTA and ALT (a run's target is seldom far
from it), as it is for STR. The modes:

* REMOVED: every code point of the range is removed;
* SAME:    every code point of the range becomes `payload`;
* DELTA:   code point c becomes `payload + (c - first)` (runs such as mathematical alphanumerics,
           fullwidth and circled letters);
* ALT:     every other code point from `first` becomes `payload + (c - first)`, the ones between
           are kept (upper/lower case pairs, as in Latin Extended-A);
* STR:     one code point becomes `STRS[payload >> 8..][..payload & 0xff]` (bytes), a slice of
           one string holding every multi-character output once.

Consecutive code points with the same reason are merged greedily into one range. `fold_char`
handles ASCII without the table and finds any other code point with one binary search. The
generator prints the table sizes.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from pathlib import Path

REASONS = [
    "Case",
    "Styled",
    "LookAlike",
    "Diacritic",
    "Invisible",
    "Mark",
    "Harakat",
    "Tatweel",
    "ArabicVariant",
]
REMOVAL_REASONS = {"Invisible", "Mark", "Harakat", "Tatweel"}

MODE_REMOVED, MODE_SAME, MODE_DELTA, MODE_ALT, MODE_STR = range(5)
MODE_NAMES = ["removed", "same", "delta", "alt", "str"]
MAX_RUN = 0x7FF  # last - first must fit in the 11 bits of a packed entry

# Arabic combining marks that are harakat (Quranic annotation signs included), besides any Mn
# of the Arabic script.
HARAKAT_RANGES = [
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D3, 0x08FF),
]
TATWEEL = 0x0640

# Scripts whose characters never take a confusables.txt look-alike.
NO_LOOKALIKE_SCRIPTS = {"Arabic", "Han", "Hangul", "Hiragana", "Katakana"}

# CJK compatibility ideographs: kept (their canonical mapping goes to a unified ideograph).
CJK_COMPAT_IDEOGRAPHS = [(0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
# Conjoining Hangul jamo: a decomposition into these is not applied.
CONJOINING_JAMO = [(0x1100, 0x11FF), (0xA960, 0xA97F), (0xD7B0, 0xD7FF)]

NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN "
        "FOURTEEN FIFTEEN SIXTEEN SEVENTEEN EIGHTEEN NINETEEN TWENTY".split()
    )
}
# Step 4: names of styled letters without a decomposition; group 1 is the letter.
STYLED_LETTER_NAME = re.compile(
    r"^(?:LATIN LETTER SMALL CAPITAL"
    r"|LATIN CAPITAL LETTER SMALL CAPITAL"
    r"|(?:CROSSED )?NEGATIVE (?:CIRCLED|SQUARED) LATIN (?:CAPITAL|SMALL) LETTER"
    r"|SQUARED LATIN (?:CAPITAL|SMALL) LETTER"
    r"|CIRCLED (?:ITALIC )?LATIN (?:CAPITAL|SMALL) LETTER"
    r"|PARENTHESIZED LATIN (?:CAPITAL|SMALL) LETTER) ([A-Z])$"
)
# Step 4: names of styled digits and numbers without a decomposition; group 1 is the number.
STYLED_NUMBER_NAME = re.compile(
    r"^(?:DINGBAT )?(?:NEGATIVE |DOUBLE )?CIRCLED (?:SANS-SERIF )?(?:DIGIT|NUMBER) ("
    + "|".join(NUMBER_WORDS)
    + r")$"
)


def in_ranges(cp: int, ranges: list[tuple[int, int]]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def hexseq(field: str) -> list[int]:
    return [int(x, 16) for x in field.split()]


def data_lines(path: Path):
    """Yields the fields of each data line of a UCD-style file (comments stripped)."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [x.strip() for x in line.split(";")]


def parse_ranges(path: Path) -> dict[int, str]:
    """`XXXX..YYYY ; Value` files (Scripts.txt, DerivedCoreProperties.txt)."""
    out: dict[int, str] = {}
    for fields in data_lines(path):
        lo, _, hi = fields[0].partition("..")
        for cp in range(int(lo, 16), int(hi or lo, 16) + 1):
            out.setdefault(cp, fields[1])
    return out


class Ucd:
    """The parts of the Unicode data the folding needs."""

    def __init__(self, data: Path):
        self.version = "unknown"
        self.gc: dict[int, str] = {}
        self.name: dict[int, str] = {}
        self.decomp: dict[int, tuple[str | None, list[int]]] = {}
        self.digit: dict[int, int] = {}
        first = None
        for fields in data_lines(data / "UnicodeData.txt"):
            cp, name, gc, dec = int(fields[0], 16), fields[1], fields[2], fields[5]
            if name.endswith(", First>"):
                first = cp
                continue
            if name.endswith(", Last>"):
                for x in range(first, cp + 1):
                    self.gc[x] = gc
                continue
            self.gc[cp] = gc
            self.name[cp] = name
            if gc == "Nd":
                self.digit[cp] = int(fields[6])
            if dec:
                tag = None
                if dec.startswith("<"):
                    tag, dec = dec[1:].split(">", 1)
                self.decomp[cp] = (tag, hexseq(dec))
        self.casefold: dict[int, list[int]] = {}
        for fields in data_lines(data / "CaseFolding.txt"):
            if fields[1] in ("C", "F"):
                self.casefold[int(fields[0], 16)] = hexseq(fields[2])
        derived = data / "DerivedCoreProperties.txt"
        self.ignorable = set()
        for fields in data_lines(derived):
            if fields[1] == "Default_Ignorable_Code_Point":
                lo, _, hi = fields[0].partition("..")
                self.ignorable.update(range(int(lo, 16), int(hi or lo, 16) + 1))
        self.script = parse_ranges(data / "Scripts.txt")
        self.confusables: dict[int, list[int]] = {}
        for fields in data_lines(data / "confusables.txt"):
            src = hexseq(fields[0])
            if len(src) == 1:
                self.confusables[src[0]] = hexseq(fields[1])
        with derived.open(encoding="utf-8") as f:
            m = re.search(r"-(\d+\.\d+\.\d+)\.txt", f.readline())
        if m:
            self.version = m.group(1)

    def category(self, cp: int) -> str:
        return self.gc.get(cp, "Cn")

    def is_mark(self, cp: int) -> bool:
        return self.category(cp) in ("Mn", "Me")

    def is_alnum(self, cp: int) -> bool:
        return self.category(cp)[0] in "LN"


def read_tsv(path: Path) -> dict[int, tuple[list[int], str]]:
    """A hand-written table: source, target code points, reason, optional # comment."""
    out = {}
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split("\t")
        if len(fields) != 3 or fields[2] not in REASONS:
            sys.exit(f"{path}:{n}: expected 'source<TAB>target<TAB>reason', got {line!r}")
        src = int(fields[0], 16)
        if src < 0x80 or src in out:
            sys.exit(f"{path}:{n}: source U+{src:04X} is ASCII or repeated")
        out[src] = (hexseq(fields[1]), fields[2])
    return out


class Cycle(Exception):
    """A look-alike prototype that folds back to its source (e.g. U+A7CF -> U+A7CE -> U+A7CF)."""


KEEP = None  # a fold result: None (keep), or (list of code points, reason)


class Folder:
    def __init__(self, ucd: Ucd, arabic: dict, extra: dict):
        self.ucd = ucd
        self.arabic = arabic
        self.extra = extra
        self.memo: dict[int, tuple[list[int], str] | None] = {}
        self.active: set[int] = set()

    # Step 2.
    def removal(self, cp: int) -> str | None:
        u = self.ucd
        if cp in u.ignorable:
            return "Invisible"
        if cp == TATWEEL:
            return "Tatweel"
        if u.is_mark(cp):
            if in_ranges(cp, HARAKAT_RANGES) or u.script.get(cp) == "Arabic":
                return "Harakat"
            return "Mark"
        return None

    # Step 4.
    def by_name(self, cp: int) -> list[int] | None:
        if cp in self.ucd.decomp:
            return None
        name = self.ucd.name.get(cp, "")
        m = STYLED_LETTER_NAME.match(name)
        if m:
            return [ord(m.group(1).lower())]
        m = STYLED_NUMBER_NAME.match(name)
        if m:
            return [ord(d) for d in NUMBER_WORDS[m.group(1)]]
        return None

    # Step 5.
    def full_decomposition(self, cp: int, flags: set) -> list[int]:
        d = self.ucd.decomp.get(cp)
        if d is None or in_ranges(cp, CJK_COMPAT_IDEOGRAPHS):
            return [cp]
        tag, seq = d
        flags.add("compat" if tag else "canon")
        return [y for x in seq for y in self.full_decomposition(x, flags)]

    def decompose_fold(self, cp: int):
        u = self.ucd
        flags: set = set()
        marks: list[str] = []
        s = [cp]
        while True:
            t = [y for x in s for y in self.full_decomposition(x, flags)]
            kept = []
            for x in t:
                if u.is_mark(x):
                    marks.append(self.removal(x))
                else:
                    kept.append(x)
            folded = []
            for x in kept:
                if x in u.casefold:
                    flags.add("case")
                    folded.extend(u.casefold[x])
                else:
                    folded.append(x)
            if folded == s:
                break
            s = folded
        if s == [cp]:
            return KEEP
        if any(in_ranges(x, CONJOINING_JAMO) for x in s):
            return KEEP
        if marks and not u.is_alnum(cp):
            # A symbol with a mark (≠ is = and U+0338): dropping the mark would change its
            # meaning, so it is kept, unless nothing but spaces remain (¨ is " " and U+0308).
            if all(u.category(x) == "Zs" for x in s):
                return ([], marks[0])
            return KEEP
        if "compat" in flags:
            if any(u.is_alnum(x) for x in s):
                while not u.is_alnum(s[0]):
                    s = s[1:]
                while not u.is_alnum(s[-1]):
                    s = s[:-1]
            elif all(u.category(x) == "Zs" for x in s) and u.category(cp) != "Zs":
                if not marks:
                    return KEEP
                return ([], marks[0])
        if not s:
            return ([], marks[0] if marks else "Mark")
        if "compat" in flags:
            reason = "Styled"
        elif marks:
            reason = "Diacritic"
        elif "canon" in flags:
            reason = "Styled"
        else:
            reason = "Case"
        return (s, reason)

    # Step 6.
    def lookalike(self, cp: int, step5) -> list[int] | None:
        u = self.ucd
        if step5 is KEEP:
            x = cp
        elif len(step5[0]) == 1:
            x = step5[0][0]
        else:
            return None
        if x < 0x80:
            return None
        if u.script.get(cp) in NO_LOOKALIKE_SCRIPTS or u.script.get(x) in NO_LOOKALIKE_SCRIPTS:
            return None
        if u.category(cp) == "Mc" or u.category(x) == "Mc":
            return None  # a spacing vowel sign is part of an Indic letter, not a letter
        # A letter that only changes case looks like its own prototype, not its small letter's:
        # Greek capital nu is N (small nu is v), Cyrillic capital soft sign is b. Only an ASCII
        # prototype (marks aside) is taken so: Cyrillic Г's is Greek Γ, which is no Latin letter.
        if step5 is KEEP or step5[1] == "Case":
            target = u.confusables.get(cp, [])
            if target and all(y < 0x80 or u.is_mark(y) for y in target):
                own = self.prototype(cp)
                if own is not None:
                    return own
        return self.prototype(x)

    def prototype(self, x: int) -> list[int] | None:
        """The folded confusables.txt prototype of x, if it is one or two ASCII letters/digits."""
        u = self.ucd
        target = u.confusables.get(x)
        if target is None:
            return None
        try:
            out = self.fold_seq(target)
        except Cycle:
            return None
        # The prototype's own length bounds the result: β's prototype is ß, which case-folds to
        # "ss"; a Greek beta must not become two letters.
        width = len([y for y in target if not u.is_mark(y)])
        ok = all(y < 0x80 and chr(y).isalnum() for y in out)
        if ok and 1 <= len(out) <= min(2, width):
            return out
        return None

    def direct(self, cp: int):
        """One rule applied to one code point (steps 1-6), before the closure."""
        if cp < 0x80:
            if 0x41 <= cp <= 0x5A:
                return ([cp + 0x20], "Case")
            return KEEP
        r = self.removal(cp)
        if r:
            return ([], r)
        for table in (self.extra, self.arabic):
            if cp in table:
                return table[cp]
        named = self.by_name(cp)
        if named:
            return (named, "Styled")
        if cp in self.ucd.digit:
            return ([0x30 + self.ucd.digit[cp]], "Styled")
        step5 = self.decompose_fold(cp)
        look = self.lookalike(cp, step5)
        if look:
            return (look, "LookAlike")
        return step5

    def fold_seq(self, seq: list[int]) -> list[int]:
        out = []
        for x in seq:
            f = self.fold(x)
            out.extend([x] if f is KEEP else f[0])
        return out

    def fold(self, cp: int):
        """The closure: the direct fold, folded again until every character is kept."""
        if cp in self.memo:
            return self.memo[cp]
        if cp in self.active:
            raise Cycle(cp)
        self.active.add(cp)
        try:
            result = self.fold_uncached(cp)
        finally:
            self.active.discard(cp)
        self.memo[cp] = result
        return result

    def fold_uncached(self, cp: int):
        d = self.direct(cp)
        if d is KEEP or d[0] == [cp]:
            return KEEP
        seq, reason = d
        out: list[int] = []
        later: list[str] = []
        for x in seq:
            f = self.fold(x)
            if f is KEEP:
                out.append(x)
            else:
                out.extend(f[0])
                later.append(f[1])
        # The reason shown is the first step's, except that a case change gives way to what
        # follows it (Cyrillic А -> а -> a is a look-alike) and a look-alike found after a case
        # change or a diacritic is named (Cyrillic Ѐ -> е -> e).
        if not out:
            if reason not in REMOVAL_REASONS:
                reason = next((r for r in later if r in REMOVAL_REASONS), "Mark")
        else:
            changes = [r for r in later if r not in REMOVAL_REASONS]
            if "LookAlike" in changes and reason in ("Case", "Diacritic"):
                reason = "LookAlike"
            elif reason == "Case" and any(r != "Case" for r in changes):
                reason = next(r for r in changes if r != "Case")
        return (out, reason)


def all_code_points():
    return (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def check(folder: Folder, ucd: Ucd, fmap: dict) -> None:
    """Fixed point, no Arabic letter to Latin, a few spot checks."""
    for cp, (out, _) in fmap.items():
        for y in out:
            if folder.fold(y) is not KEEP:
                sys.exit(f"not a fixed point: U+{cp:04X} -> U+{y:04X}, which folds again")
        if ucd.script.get(cp) == "Arabic" and ucd.category(cp).startswith("L"):
            if any(chr(y).isascii() and chr(y).isalpha() for y in out):
                sys.exit(f"Arabic letter U+{cp:04X} folds to an ASCII letter")

    def expect(c: str, want: str | None, reason: str) -> None:
        f = fmap.get(ord(c))
        got = None if f is None else ("".join(map(chr, f[0])), f[1])
        if got != (None if want is None else (want, reason)):
            sys.exit(f"U+{ord(c):04X} {c!r}: expected {want!r} {reason}, got {got!r}")

    expect("а", "a", "LookAlike")
    expect("А", "a", "LookAlike")
    expect("𝐀", "a", "Styled")
    expect("ﬁ", "fi", "Styled")
    expect("ß", "ss", "Case")
    expect("é", "e", "Diacritic")
    expect("⒜", "a", "Styled")
    expect("\u00a8", "", "Mark")
    expect("\u200b", "", "Invisible")
    expect("\u064e", "", "Harakat")
    expect("أ", "ا", "ArabicVariant")
    expect("ا", None, "")
    expect("\u0661", "1", "Styled")


def compress(fmap: dict) -> list[list]:
    """Greedy run building: sorted `[first, last, mode, payload, reason]`, payload a code point
    (or, for MODE_STR, the output string)."""
    entries: list[list] = []
    for cp in sorted(fmap):
        out, reason = fmap[cp]
        if len(out) > 1:
            entries.append([cp, cp, MODE_STR, "".join(map(chr, out)), reason])
            continue
        mode, target = (MODE_REMOVED, 0) if not out else (MODE_SAME, out[0])
        e = entries[-1] if entries else None
        if e and e[4] == reason and e[2] != MODE_STR and e[1] - e[0] < MAX_RUN:
            first, last, emode, etarget = e[0], e[1], e[2], e[3]
            single = first == last
            same_delta = mode == MODE_SAME and target - cp == etarget - first
            if cp == last + 1 and mode == emode == MODE_REMOVED:
                e[1] = cp
                continue
            if cp == last + 1 and mode == emode == MODE_SAME and target == etarget:
                e[1] = cp
                continue
            if cp == last + 1 and same_delta and (emode == MODE_DELTA or single):
                e[1], e[2] = cp, MODE_DELTA
                continue
            if cp == last + 2 and same_delta and (emode == MODE_ALT or single):
                e[1], e[2] = cp, MODE_ALT
                continue
        entries.append([cp, cp, mode, target, reason])
    return entries


def pack(entries: list[list]) -> tuple[list[tuple[int, int]], str]:
    """The Rust form: `(first << 11 | last - first, payload << 8 | mode << 4 | reason)`, and
    the string that MODE_STR payloads (`byte offset << 8 | byte length`) slice."""
    strs = ""
    packed = []
    for first, last, mode, payload, reason in entries:
        if mode == MODE_STR:
            at = strs.find(payload)  # each output stored once, or found inside another
            if at < 0:
                at = len(strs)
                strs += payload
            start, n = len(strs[:at].encode()), len(payload.encode())
            assert n < 1 << 8 and start < 1 << 16
            payload = start << 8 | n
        assert last - first < 1 << 11 and payload < 1 << 24
        packed.append((first << 11 | (last - first), payload << 8 | mode << 4 | REASONS.index(reason)))
    return packed, strs


def unpack(packed: list[tuple[int, int]], strs: str, cp: int):
    """What `fold_char` does with the tables, to check them against the computed map."""
    raw = strs.encode()
    i = bisect.bisect_right(packed, (cp << 11 | 0x7FF, 1 << 32)) - 1
    if i < 0:
        return KEEP
    key, value = packed[i]
    first, last = key >> 11, (key >> 11) + (key & 0x7FF)
    payload, mode, reason = value >> 8, value >> 4 & 0xF, REASONS[value & 0xF]
    if cp > last:
        return KEEP
    if mode == MODE_REMOVED:
        return ([], reason)
    if mode == MODE_SAME:
        return ([payload], reason)
    if mode == MODE_DELTA:
        return ([payload + cp - first], reason)
    if mode == MODE_ALT:
        return KEEP if (cp - first) % 2 else ([payload + cp - first], reason)
    start, n = payload >> 8, payload & 0xFF
    return ([ord(c) for c in raw[start : start + n].decode()], reason)


def leb128(n: int) -> bytes:
    out = bytearray()
    while n >= 0x80:
        out.append(n & 0x7F | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def zigzag(n: int) -> int:
    return n << 1 if n >= 0 else (-n << 1) - 1


def encode_folds(packed: list[tuple[int, int]]) -> bytes:
    """`FOLDS` as the columns `char_fold.rs` decodes (see Output above)."""
    firsts, spans, modes, payloads = bytearray(), bytearray(), bytearray(), bytearray()
    previous = 0
    for key, value in packed:
        first, mode, payload = key >> 11, (value >> 4) & 0xF, value >> 8
        firsts += leb128(first - previous)
        previous = first
        spans += leb128(key & 0x7FF)
        modes.append(value & 0xFF)
        if mode in (MODE_SAME, MODE_DELTA, MODE_ALT):
            payloads += leb128(zigzag(payload - first))
        elif mode == MODE_STR:
            payloads += leb128(payload)
    return bytes(firsts + spans + modes + payloads)


def decode_folds(data: bytes, count: int) -> list[tuple[int, int]]:
    """The inverse of `encode_folds`, as `char_fold.rs` does it: the generator checks the two."""
    at = 0

    def number() -> int:
        nonlocal at
        value, shift = 0, 0
        while True:
            byte = data[at]
            at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    firsts, previous = [], 0
    for _ in range(count):
        previous += number()
        firsts.append(previous)
    spans = [number() for _ in range(count)]
    modes = list(data[at : at + count])
    at += count
    out = []
    for first, span, mode in zip(firsts, spans, modes):
        payload = 0
        if mode >> 4 in (MODE_SAME, MODE_DELTA, MODE_ALT):
            z = number()
            payload = first + (z >> 1 if z % 2 == 0 else -((z + 1) >> 1))
        elif mode >> 4 == MODE_STR:
            payload = number()
        out.append((first << 11 | span, payload << 8 | mode))
    return out


def rust_str(s: str) -> str:
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif c.isprintable():
            out.append(c)
        else:
            out.append(f"\\u{{{ord(c):x}}}")
    return '"' + "".join(out) + '"'


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=root / "../shared/data/unicode")
    p.add_argument("--out", type=Path, default=root / "src/normalize/tables.rs")
    args = p.parse_args()
    data_dir = root / "src/normalize/data"

    ucd = Ucd(args.data)
    arabic = read_tsv(data_dir / "arabic-variants.tsv")
    extra = read_tsv(data_dir / "extra-folds.tsv")
    folder = Folder(ucd, arabic, extra)

    fmap = {}
    for cp in all_code_points():
        if cp >= 0x80 and folder.fold(cp) is not KEEP:  # ASCII is folded in code
            fmap[cp] = folder.fold(cp)
    check(folder, ucd, fmap)

    entries = compress(fmap)
    packed, strs = pack(entries)
    for cp in all_code_points():
        if cp >= 0x80 and unpack(packed, strs, cp) != fmap.get(cp, KEEP):
            sys.exit(f"the tables do not give the fold of U+{cp:04X}")

    folds_bin = encode_folds(packed)
    if decode_folds(folds_bin, len(packed)) != packed:
        sys.exit("folds.bin does not decode to the table")
    fold_bytes, str_bytes = len(folds_bin), len(strs.encode())
    counts = [sum(e[2] == m for e in entries) for m in range(5)]
    modes = ", ".join(f"{n} {name}" for n, name in zip(counts, MODE_NAMES))
    print(f"folded code points: {len(fmap)}")
    print(f"FOLDS: {len(packed)} entries ({modes}), {fold_bytes} bytes packed")
    print(f"STRS: {str_bytes} bytes")
    print(f"total: {fold_bytes + str_bytes} bytes of static data")

    args.out.with_name("folds.bin").write_bytes(folds_bin)
    args.out.write_text(
        f"""\
// GENERATED FILE, DO NOT EDIT. Regenerate from the repository root with
//
//     python3 tools/gen_tables.py
//
// Inputs: the Unicode {ucd.version} data files UnicodeData.txt, CaseFolding.txt,
// DerivedCoreProperties.txt, Scripts.txt and confusables.txt (© Unicode, Inc., Unicode License
// v3, https://www.unicode.org/license.txt; see src/normalize/data/README.md), and the
// hand-written src/normalize/data/arabic-variants.tsv and src/normalize/data/extra-folds.tsv.
// The steps are explained in tools/gen_tables.py.
//
// {len(fmap)} folded code points in {len(packed)} ranges ({fold_bytes} bytes), {str_bytes} bytes of strings.

//! Generated character-folding tables; see `tools/gen_tables.py` and `char_fold.rs`.

/// Mode: every code point of the range is removed.
pub(super) const MODE_REMOVED: u32 = {MODE_REMOVED};
/// Mode: every code point of the range becomes `payload`.
pub(super) const MODE_SAME: u32 = {MODE_SAME};
/// Mode: code point `c` becomes `payload + (c - first)`.
pub(super) const MODE_DELTA: u32 = {MODE_DELTA};
/// Mode: as [`MODE_DELTA`] where `c - first` is even; the code points between are kept.
pub(super) const MODE_ALT: u32 = {MODE_ALT};
/// Mode: the code point becomes `STRS[payload >> 8..][..payload & 0xff]` (byte offsets).
pub(super) const MODE_STR: u32 = {MODE_STR};

/// Every multi-character output, sliced by the [`MODE_STR`] entries of the folds.
#[rustfmt::skip]
pub(super) static STRS: &str = {rust_str(strs)};

/// Folds of non-ASCII code points, packed (see `tools/gen_tables.py`): `char_fold.rs` decodes
/// them once into [`FOLD_RANGES`] pairs, sorted by code point, ranges not overlapping:
/// `(first << 11 | (last - first), payload << 8 | mode << 4 | reason)`, where `reason` is the
/// index of a `FoldReason` variant (in declaration order).
pub(super) static FOLDS_PACKED: &[u8] = include_bytes!("folds.bin");

/// How many ranges [`FOLDS_PACKED`] holds.
pub(super) const FOLD_RANGES: usize = {len(packed)};
""",
        encoding="utf-8",
    )
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
