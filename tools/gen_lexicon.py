#!/usr/bin/env python3
"""Generate `src/normalize/data/informal-id.tsv`, the informal Indonesian words the normalizer
respells into their formal spelling (`yg` -> `yang`, `gak` -> `tidak`, `dapet` -> `dapat`).

Usage (from the repository root; Python 3.11, standard library only):

    python3 tools/gen_lexicon.py [--data ../shared/data/lexicons] [--out src/normalize/data/informal-id.tsv]

Why a filtered list and not the whole lexicons
----------------------------------------------
Folding runs on rule phrases and posts alike, so an entry makes two words the same word for
every rule. An entry that is wrong, or whose informal word is also an ordinary word, makes
rules fire on text they were never written for. The sources mix abbreviations with
translations (`teams` -> `tim`), paraphrases (`bgt` -> `sekali`) and one-off oddities, so only
the kinds of respelling that are mechanical, and so checkable here, are taken:

* `abbrev`: the informal word is the formal one with letters left out (`yg`, `dgn`, `skrg`,
  `slmt`, and `udah`, `aja`, `ancur` without the first `s`/`h`). Truncations are left out
  (`des` for `desember`, `depo` for `depot`: words of their own) unless only an unsaid final
  `h` or `k` is cut (`bodo`, `cewe`).
* `vowel`: one vowel changed, as in Jakarta speech (`dapet`, `malem`, `bener`, `temen`).
* `monophthong`: a final `ai` or `au` said as one vowel (`sampe`, `pake`, `kalo`, `ato`).
* `negation`: the informal negations (`gak`, `ga`, `nggak`, `enggak`): rules list `tidak`
  among the words that cancel a finding, and a shortened negation must cancel it too.

Entries whose informal word is a common English word, or the formal spelling of another entry,
are left out; a chain (`ngak` -> `nggak` -> `tidak`) ends at its last formal word. Two
informal words that reading `l` as `i` makes one (`lg`, lagi, and `ig`, instagram) are both left
out when they mean different things: either entry would respell the other into its meaning. The first source wins a conflict, in this order: `ADDITIONS` (written by the
maintainers: terms of the fraud and gambling domains the lexicons lack), IndoCollex, then the
slang list of louisowen6. Both are MIT and marked "ship: yes" (see the README next to the output).
"""

import argparse
import csv
import json
import re
import sys
import tomllib
from pathlib import Path

# Terms of the screened domains that the lexicons lack, in the maintainers' words: SMS fraud
# ("hub" a number, "trf" to a "rek"), chat intensifiers. Each is unambiguous in Indonesian posts.
ADDITIONS = [
    ("hub", "hubungi"),
    ("hubungin", "hubungi"),
    ("rek", "rekening"),
    ("trf", "transfer"),
    ("tf", "transfer"),
    ("bgt", "banget"),
    ("bngt", "banget"),
]

NEGATIONS = {"tidak", "bukan", "jangan", "belum"}

# Common English words of two to five letters that an abbreviation could collide with. A post
# in English must not be respelled into Indonesian.
ENGLISH = set(
    """a am an and any are as at be been but by can did do does done for from go got had has
    have he her him his how if in into is it its just me more my no nor not now of off on one
    only or our out own so some such than that the them then there they this to too up us very
    was we were what when who why will with you your bio des dept app info pro max min bad bed
    bet big bin bit box bus but cat cut day den dig dog dot dry due end eye fan far fat few fit
    fix fly fun gap gas get god gun hat hit hot hub job key kid kit lab law lay leg let lid lie
    lip lot low mad man map mat mid mix mob mud net new nut odd oil old pan pat pay pen pet pin
    pit pot put ran rat raw red rid rim rip rob rod rot row rub run sad sat saw say sea set sin
    sit six sky son spa sun tab tag tan tap tax tea ten tie tin tip top toy try tub two van war
    way web wet win yes yet zip ad ape usa isnt dont cant wont hi yo la""".split()
) - {"hub"}  # `hub` is an addition: in Indonesian posts it is "call" (hub 0812...).

# Entries of the sources read by hand and found wrong or dangerous: `dah` is `sudah`, not
# `deh`; `diubah` is the formal spelling; `mbuh` is "don't know"; `jo` and `mt` are too short to
# be sure of (`mt` would read `mati`, "dead", a word of threats); `wahab` is a name. Read against
# the default packs: `km` and `jl` are also kilometres and streets (the lucky-number rule lists
# them as units), `lt` is also "long time" in solicitation jargon (it would read `lantai`,
# "floor"), and `tak` is formal "not" and, in Javanese-flavoured speech, "I will" (`tak bunuh`).
# Words that fold like a word of the default packs (`pkl` like the hate rules' `pki`, `bl` and
# `bli` like `bi`, Bank Indonesia) are left out by `pack_words`, not listed here; a test in
# src/normalize/respell.rs finds such collisions too.
REJECTED = {"dah", "diubah", "mbuh", "jo", "mt", "wahab", "km", "jl", "lt", "tak"}

WORD = re.compile(r"^[a-z]+$")


def is_subsequence(short, long):
    rest = iter(long)
    return all(letter in rest for letter in short)


def kind_of(informal, formal):
    """The kind of respelling that turns `formal` into `informal`, or None."""
    if formal in NEGATIONS and len(informal) <= 6:
        return "negation"
    if len(informal) < len(formal):
        # A final h or k is not said (`bodo`, `cewe`); any other cut is a truncation.
        truncation = formal.startswith(informal) and formal[len(informal) :] not in ("h", "k")
        same_start = informal[0] == formal[0] and is_subsequence(informal, formal)
        dropped_start = formal[0] in "hs" and is_subsequence(informal, formal[1:])
        if (same_start or dropped_start) and not truncation:
            return "abbrev"
    if len(informal) == len(formal):
        changed = [(a, b) for a, b in zip(informal, formal) if a != b]
        if len(changed) == 1 and all(c in "aiueo" for c in changed[0]):
            return "vowel"
    if informal in (formal[:-2] + "e", formal[:-2] + "o") and formal[-2:] in ("ai", "au"):
        if (formal[-2:] == "ai") == (informal[-1] == "e"):
            return "monophthong"
    return None


def skeleton(word):
    """The word as the normalizer folds it: `l` as `i`, repeated letters collapsed."""
    out = []
    for letter in word.replace("l", "i"):
        if not out or out[-1] != letter:
            out.append(letter)
    return "".join(out)


ENGLISH_FOLDED = {skeleton(word) for word in ENGLISH}


def read_sources(data):
    """(informal, formal, source) rows, in order of precedence."""
    rows = [(i, f, "saring") for i, f in ADDITIONS]
    with open(data / "indocollex-informal-formal.tsv", encoding="utf-8") as f:
        for row in list(csv.reader(f, delimiter="\t"))[1:]:
            if len(row) >= 2:
                rows.append((row[0].strip().lower(), row[1].strip().lower(), "indocollex"))
    slang = json.loads((data / "louisowen6-slang.json").read_text(encoding="utf-8"))
    rows += [(i.strip().lower(), f.strip().lower(), "louisowen6") for i, f in slang.items()]
    return rows


def collapsed(word):
    """`word` with each run of one letter made one letter: `ajaaaa` -> `aja`, `ttp` -> `tp`."""
    return re.sub(r"(.)\1+", r"\1", word)


def mixed_by_l(rows):
    """Folded keys that `l` read as `i` gives two words of different meanings: `lg` (lagi) and
    `ig` (instagram), `mslh` (masalah) and `msih` (masih). Whichever won, one of them would be
    respelled into the other's meaning (`aku lg makan` as `aku instagram makan`), so neither is.
    (Words that differ by repeated letters, `ttp` and `tp`, are one word to the normalizer by
    design: the first source wins those.)"""
    meanings = {}
    for informal, formal, _ in rows:
        if WORD.match(informal) and WORD.match(formal) and informal != formal:
            meanings.setdefault(skeleton(informal), {}).setdefault(collapsed(informal), set()).add(formal)
    mixed = set()
    for key, spellings in meanings.items():
        if len(spellings) < 2:
            continue
        # Two spellings that share a formal word (folded) mean one thing. Only the direct formal
        # words are compared, not the ends of chains: synonyms (`plis` please, `pls` mohon) count
        # as two meanings, which leaves out a little more than needed, never a wrong respelling.
        ends = {frozenset(skeleton(f) for f in formals) for formals in spellings.values()}
        if len(ends) > 1 and not any(a & b for a in ends for b in ends if a is not b):
            mixed.add(key)
    return mixed


def select(rows, words):
    chosen = {}
    mixed = mixed_by_l(rows)
    for informal, formal, source in rows:
        if skeleton(informal) in mixed:
            continue
        if not (WORD.match(informal) and WORD.match(formal)) or informal == formal:
            continue
        key = skeleton(informal)
        # Folded, as the normalizer compares them: `hlm` reads `him`, `blg` `big`, `lp` `lip`.
        if not 2 <= len(informal) <= 8 or key in ENGLISH_FOLDED or informal in REJECTED:
            continue
        kind = "abbrev" if source == "saring" else kind_of(informal, formal)
        # Same after folding (`ngak` -> `nggak`): nothing to respell. And the normalizer reads
        # `l` as `i`, so `dl` (dulu) would also be `di`, the commonest preposition: an informal
        # word that folds like another word of the language is left out.
        if kind is None or len(key) < 2 or key in chosen or key == skeleton(formal):
            continue
        if words.get(key, set()) - {informal}:
            continue
        chosen[key] = [informal, formal, kind, source]
    # A chain (`ngak` -> `nggak` -> `tidak`) ends at its last formal word.
    for entry in chosen.values():
        for _ in range(3):
            further = chosen.get(skeleton(entry[1]))
            if further is None or further is entry:
                break
            entry[1] = further[1]
    # An informal word that is some entry's formal spelling is a word in its own right.
    formal_words = {skeleton(entry[1]) for entry in chosen.values()}
    entries = [tuple(e) for key, e in chosen.items() if key not in formal_words]
    return sorted(entries)


def pack_words(rules):
    """The ASCII words of every phrase (`any`, `all`, `unless`, `unless_before`) of the packs in `rules`."""
    found = set()
    for path in sorted(rules.glob("*.toml")):
        with open(path, "rb") as f:
            pack = tomllib.load(f)
        for rule in pack.get("rule", []):
            phrases = list(rule.get("any", [])) + list(rule.get("unless", [])) + list(rule.get("unless_before", []))
            phrases += [phrase for group in rule.get("all", []) for phrase in group]
            for phrase in phrases:
                found.update(re.findall(r"[a-z]+", phrase.lower()))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="../shared/data/lexicons", type=Path)
    parser.add_argument("--out", default="src/normalize/data/informal-id.tsv", type=Path)
    args = parser.parse_args()
    # Words of the language, folded: the root words and stop words of louisowen6 (MIT).
    words = {}
    for name in ("louisowen6-root-words.txt", "louisowen6-stop-words.txt"):
        for word in (args.data / name).read_text(encoding="utf-8").split():
            words.setdefault(skeleton(word), set()).add(word)
    # And the words of the default packs' phrases: a lexicon word that folds like one of them
    # would rewrite it (`bl` and `bi`, Bank Indonesia).
    for word in pack_words(Path("rules")):
        words.setdefault(skeleton(word), set()).add(word)
    entries = select(read_sources(args.data), words)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(
            "# Informal Indonesian -> formal spelling, one word each, respelled by the normalizer\n"
            "# (src/normalize/respell.rs). Generated by tools/gen_lexicon.py: do not edit by hand.\n"
            "# Sources: IndoCollex (Wibowo et al., ACL 2021, MIT), the slang list of louisowen6 (MIT),\n"
            "# and `saring` (the maintainers). Columns: informal, formal, kind, source.\n"
        )
        for entry in entries:
            out.write("\t".join(entry) + "\n")
    kinds = {}
    for entry in entries:
        kinds[entry[2]] = kinds.get(entry[2], 0) + 1
    print(f"gen_lexicon: {len(entries)} entries {kinds} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
