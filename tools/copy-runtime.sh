#!/usr/bin/env bash
# Copies what a page or an extension needs at run time into DIR, for tools/demo.sh and
# tools/build-extension.sh: the built package (npm/dist) into DIR/saring/ and the default
# packs' TOML sources into DIR/rules/ with rules/index.json listing them, so that packs can be
# switched one by one. Needs `make npm` first.
#
#   tools/copy-runtime.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:?usage: tools/copy-runtime.sh DIR}
runtime=(saring.js error.js outbox.js saring_wasm.js saring_wasm_bg.wasm)
for file in "${runtime[@]}"; do
    if [ ! -f "npm/dist/$file" ]; then
        echo "copy-runtime: npm/dist/$file is missing; run make npm" >&2
        exit 1
    fi
done
mkdir -p "$out/saring" "$out/rules"
for file in "${runtime[@]}"; do
    cp "npm/dist/$file" "$out/saring/"
done
cp rules/*.toml "$out/rules/"
first=1
{
    printf '{"packs":['
    for file in rules/*.toml; do
        [ $first -eq 1 ] || printf ','
        first=0
        printf '"%s"' "$(basename "$file")"
    done
    printf ']}\n'
} > "$out/rules/index.json"
