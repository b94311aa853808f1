#!/usr/bin/env python3
"""Where the bytes of the wasm module go, grouped by crate and kind (issue 8).

    python3 tools/wasm_size.py MODULE.wasm [LINK.map]

MODULE.wasm must keep its `name` section: the output of wasm-bindgen before wasm-opt, as
tools/wasm-size.sh makes it. Functions are grouped by their (demangled) names. Data is grouped
by symbol when LINK.map is given (wasm-ld's `--Map`, of the same build), otherwise counted as
one group. Monomorphised generic code is named after the generic (`PhantomData<T> as
DeserializeSeed`), so it lands in that crate's group, not its caller's.

Two gzip columns: "gz alone" compresses a group's bytes by themselves (an upper bound: the sum
is about 1.2x the module's gzip); "gz saved" is how much the whole module's gzip shrinks
without them, i.e. what removing the group would save (the sum is below the module's gzip).
KB are 1,000 bytes, as in the issue. Python standard library only.
"""

import collections
import re
import sys
import zlib

# (group, pattern on the function name): the first match wins, so the order matters.
FUNCTION_GROUPS = [
    ("glue: wasm-bindgen, serde-wasm-bindgen, src/wasm.rs",
     r"saring::wasm|wasmscreener_|wasm_bindgen|js_sys|serde_wasm_bindgen|__wbindgen|__wbg|externref|tsify|shim"),
    ("toml (toml, toml_parser)", r"toml|winnow|serde_spanned|datetime"),
    ("serde_json", r"serde_json"),
    ("ed25519-dalek, curve25519-dalek", r"ed25519|curve25519|signature::|subtle|zeroize"),
    ("sha2", r"sha2|digest::|block_buffer"),
    ("aho-corasick (+ memchr)", r"aho_corasick|memchr"),
    ("saring::normalize (code)", r"saring::normalize"),
    ("saring::rules (pack parser, bundles)", r"saring::rules"),
    ("saring::scan (screener build + screen)", r"saring::scan"),
    ("saring::report", r"saring::report"),
    ("saring, other (error, limits, screening)", r"saring::"),
    ("serde generic (derived visitors)", r"serde"),
    ("std sort (one copy per element type)", r"slice::sort"),
    ("std fmt, float printing and parsing", r"fmt|float|flt2dec|dec2flt|Display|Debug|bignum"),
    ("std panics", r"panic|unwrap_failed|expect_failed|assert"),
    ("std alloc, Vec, String, BTreeMap, HashMap",
     r"dlmalloc|alloc::|raw_vec|RawVec|String|Vec<|hashbrown|btree|BTree|HashMap|__rust_"),
]


def data_group(name, size, blob):
    """The group of one data symbol of the link map."""
    if "normalize" in name or blob.startswith(b"\x00\x00\x05\x00\x11\x20\x00\x00") or blob.startswith("1⁄4".encode()):
        return "data: fold tables (normalize/tables.rs) and ASCII tables"
    if b"[pack]" in blob:
        return "data: embedded default packs (rules/*.toml)"
    if "curve25519" in name or "ed25519" in name:
        return "data: curve25519 tables"
    if "dec2flt" in name or "flt2dec" in name:
        return "data: std float printing and parsing tables"
    # core's case-conversion table is anonymous: pairs of (upper, lower) starting at U+00C0.
    if "unicode" in name or blob.startswith(bytes.fromhex("c0000000e0000000")):
        return "data: std Unicode tables (case, alphabetic, ...)"
    if "<internal>" in name:
        return "data: merged strings (format pieces, messages)"
    return "data: other (constants, strings, vtables, panic locations)"


def leb(b, i):
    result = shift = 0
    while True:
        byte = b[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def parse(path):
    """Function bodies with their names, active data segments with their addresses, section sizes."""
    b = open(path, "rb").read()
    imported = 0
    bodies, names, segments = [], {}, []
    sections = collections.Counter()
    i = 8
    while i < len(b):
        sid = b[i]
        size, start = leb(b, i + 1)
        end = start + size
        if sid == 2:  # imports: count the imported functions, which come first in the index space
            count, j = leb(b, start)
            for _ in range(count):
                for _ in range(2):
                    n, j = leb(b, j)
                    j += n
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imported += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
                else:
                    sys.exit(f"unknown import kind {kind}")
        elif sid == 10:
            count, j = leb(b, start)
            for _ in range(count):
                n, k = leb(b, j)
                bodies.append(b[j:k + n])
                j = k + n
        elif sid == 11:
            count, j = leb(b, start)
            for _ in range(count):
                flags, j = leb(b, j)
                address = None
                if flags == 0:  # active, memory 0, offset `i32.const N; end`
                    assert b[j] == 0x41
                    address, j = leb(b, j + 1)
                    assert b[j] == 0x0B
                    j += 1
                n, j = leb(b, j)
                segments.append((address, b[j:j + n]))
                j += n
        elif sid == 0:
            n, j = leb(b, start)
            custom = b[j:j + n].decode()
            j += n
            if custom == "name":
                while j < end:
                    sub = b[j]
                    length, j = leb(b, j + 1)
                    k = j
                    if sub == 1:  # function names
                        count, k = leb(b, k)
                        for _ in range(count):
                            index, k = leb(b, k)
                            n, k = leb(b, k)
                            names[index] = b[k:k + n].decode()
                            k += n
                    j += length
            sections[f"custom section {custom!r}"] += size
        sections[sid] += size
        i = end
    functions = [(names.get(imported + k, f"function[{imported + k}]"), body) for k, body in enumerate(bodies)]
    return b, functions, segments


def data_symbols(map_path, segments):
    """(name, bytes) of every data symbol the wasm-ld map lists, read at its address."""

    def at(address, size):
        for start, data in segments:
            if start is not None and start <= address and address + size <= start + len(data):
                return data[address - start:address - start + size]
        return b""

    line = re.compile(r"\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+(\S.*\(\.(?:rodata|data)\S*\)|<internal>:\(\.rodata\))$")
    for text in open(map_path):
        m = line.match(text)
        if m:
            address, size = int(m[1], 16), int(m[2], 16)
            yield m[3], size, at(address, size)


def gz(data):
    return len(zlib.compress(data, 9))


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    wasm, functions, segments = parse(sys.argv[1])
    groups = collections.defaultdict(list)
    for name, body in functions:
        group = next((g for g, pattern in FUNCTION_GROUPS if re.search(pattern, name)), "std, other")
        groups[group].append(body)
    if len(sys.argv) == 3:
        for name, size, blob in data_symbols(sys.argv[2], segments):
            groups[data_group(name, size, blob)].append(blob)
    else:
        groups["data (no link map given)"] = [data for _, data in segments]

    everything = b"".join(b"".join(blobs) for blobs in groups.values())
    total_gz = gz(everything)
    rows = []
    for group, blobs in groups.items():
        others = b"".join(b"".join(v) for g, v in groups.items() if g != group)
        raw = sum(map(len, blobs))
        rows.append((raw, gz(b"".join(blobs)), total_gz - gz(others), group))
    rows.sort(reverse=True)
    print(f"| {'group':58} | KB raw | KB gz alone | KB gz saved |")
    print(f"| {'-' * 58} | -----: | ----------: | ----------: |")
    for raw, alone, saved, group in rows:
        print(f"| {group:58} | {raw / 1000:6.1f} | {alone / 1000:11.1f} | {saved / 1000:11.1f} |")
    print(f"| {'code and data, before wasm-opt':58} | {len(everything) / 1000:6.1f} | {total_gz / 1000:11.1f} |             |")


if __name__ == "__main__":
    main()
