#!/usr/bin/env bash
# Builds the browser extension (Manifest V3, Chromium) for `make extension`.
#
#   tools/build-extension.sh                 extension/ + npm/dist + rules/ into target/extension,
#                                            zipped into target/saring-extension.zip
#   tools/build-extension.sh --assemble DIR  only assemble the unpacked extension into DIR (tests)
#
# Needs npm/dist (`make npm`). The package goes into saring/ (the service worker, the options
# page and packs.js import ./saring/saring.js), the default packs' TOML sources into rules/ with
# rules/index.json, so that packs can be switched one by one. Nothing is fetched at run time.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "build-extension: $*" >&2; }

assemble() {
    local out=$1
    rm -rf "$out"
    mkdir -p "$out"
    cp -R extension/. "$out/"
    tools/copy-runtime.sh "$out"
}

if [ "${1:-}" = "--assemble" ]; then
    [ $# -eq 2 ] || { say "usage: tools/build-extension.sh [--assemble DIR]"; exit 2; }
    assemble "$2"
    exit 0
fi
[ $# -eq 0 ] || { say "usage: tools/build-extension.sh [--assemble DIR]"; exit 2; }

out=target/extension
zipfile=target/saring-extension.zip
assemble "$out"
rm -f "$zipfile"
if command -v zip >/dev/null; then
    (cd "$out" && zip -q -r -X "../$(basename "$zipfile")" .)
else
    python3 - "$out" "$zipfile" <<'PY'
import os, sys, zipfile
root, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, root))
PY
fi
say "built $out and $zipfile ($(du -k "$zipfile" | cut -f1) KB): load $out as an unpacked extension"
