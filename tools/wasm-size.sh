#!/usr/bin/env bash
# Where the bytes of the npm package's wasm modules go (issue 8): `make wasm-size`.
#
# Builds each module as `make npm` does (`saring`, then `saring/runtime`, without the pack
# compiler), but has wasm-ld write a link map and keeps the function names (wasm-bindgen's output
# before wasm-opt), then prints tools/wasm_size.py's table by crate and kind, and the sizes that
# ship: the module after `wasm-opt -O3` (as `make npm` builds it), and the JavaScript an app
# loads to screen (facade and wasm-bindgen glue, bundled and minified by esbuild; the outbox
# left out). Everything goes to target/wasm-size. Run `make npm` first (it installs the tools).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/wasm-size
target_dir=${CARGO_TARGET_DIR:-target}
mkdir -p "$out"

kb() { awk -v n="$1" 'BEGIN { printf "%.1f KB", n / 1000 }'; }
gzipped() { gzip -9c "$1" | wc -c; }

# measure NAME FACADE TARGET-DIR [CARGO ARGS...]
measure() {
    local name=$1 facade=$2 dir=$3
    shift 3
    local map
    map=$(pwd)/$out/$name.map
    echo "## $name"
    echo
    cargo rustc --quiet --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm \
        --target-dir "$dir" "$@" -- -C link-arg=--Map="$map"
    wasm-bindgen "$dir/wasm32-unknown-unknown/wasm/saring.wasm" --target web --out-dir "$out" --out-name "$name"
    python3 tools/wasm_size.py "$out/${name}_bg.wasm" "$map"

    npm/node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types \
        "$out/${name}_bg.wasm" -o "$out/$name.shipped.wasm"
    sed -e "s|\"\\./saring_wasm\\.js\"|\"./$name.js\"|" npm/src/saring.js > "$out/$facade"
    cp npm/src/error.js npm/src/outbox.js "$out/"
    echo "import init, { Screener } from \"./$facade\"; await init(); Screener.withDefaults();" > "$out/app-$name.mjs"
    npm/node_modules/.bin/esbuild "$out/app-$name.mjs" --bundle --minify --format=esm --platform=neutral \
        --external:node:fs/promises --external:node:os --log-level=error --outfile="$out/app-$name.min.js"
    echo
    echo "shipped: ${name}_bg.wasm $(kb "$(wc -c < "$out/$name.shipped.wasm")") raw," \
        "$(kb "$(gzipped "$out/$name.shipped.wasm")") gzip; JS to screen (facade + glue, minified)" \
        "$(kb "$(wc -c < "$out/app-$name.min.js")") raw, $(kb "$(gzipped "$out/app-$name.min.js")") gzip"
    echo
}

measure saring_wasm saring.js "$target_dir"
measure saring_runtime_wasm runtime.js "$target_dir/runtime" --no-default-features
