#!/usr/bin/env bash
# Where the bytes of the npm package's wasm module go (issue 8): `make wasm-size`.
#
# Builds the module as `make npm` does, but has wasm-ld write a link map and keeps the function
# names (wasm-bindgen's output before wasm-opt), then prints tools/wasm_size.py's table by crate
# and kind, and the sizes that ship: the module after `wasm-opt -O3` (as `make npm` builds it),
# and the JavaScript an app loads to screen (facade and wasm-bindgen glue, bundled and minified
# by esbuild; the outbox left out). Everything goes to target/wasm-size. Run `make npm` first (it installs the tools).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/wasm-size
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$out"
map=$(pwd)/$out/saring.map

kb() { awk -v n="$1" 'BEGIN { printf "%.1f KB", n / 1000 }'; }
gzipped() { gzip -9c "$1" | wc -c; }

cargo rustc --quiet --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm -- \
    -C link-arg=--Map="$map"
wasm-bindgen "$target_dir/wasm32-unknown-unknown/wasm/saring.wasm" --target web --out-dir "$out" --out-name saring_wasm
python3 tools/wasm_size.py "$out/saring_wasm_bg.wasm" "$map"

npm/node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    "$out/saring_wasm_bg.wasm" -o "$out/shipped.wasm"
cp npm/src/saring.js npm/src/outbox.js "$out/"
echo 'import init, { Screener } from "./saring.js"; await init(); Screener.withDefaults();' > "$out/app.mjs"
npm/node_modules/.bin/esbuild "$out/app.mjs" --bundle --minify --format=esm --platform=neutral \
    --external:node:fs/promises --log-level=error --outfile="$out/app.min.js"
echo
echo "shipped: saring_wasm_bg.wasm $(kb "$(wc -c < "$out/shipped.wasm")") raw, $(kb "$(gzipped "$out/shipped.wasm")") gzip;" \
    "JS to screen (facade + glue, minified) $(kb "$(wc -c < "$out/app.min.js")") raw, $(kb "$(gzipped "$out/app.min.js")") gzip"
