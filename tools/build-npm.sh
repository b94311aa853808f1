#!/usr/bin/env bash
# Builds the npm package `saring` into npm/dist and packs it into target/npm/saring-VERSION.tgz.
#
# Steps: the wasm32 module (cdylib only, so LTO applies), wasm-bindgen (web target), wasm-opt
# from the npm `binaryen` package, the ESM facade as is, a CommonJS bundle of it by esbuild,
# and `npm pack`. Installs what is missing (only if missing): the wasm32 target, the
# wasm-bindgen CLI of exactly the version in Cargo.lock, the npm devDependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { echo "build-npm: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
fi

cargo generate-lockfile --offline >/dev/null 2>&1 || true
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [ -z "$want" ]; then
    say "cannot find the wasm-bindgen version in Cargo.lock"
    exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (have: ${have:-none}); takes about two minutes"
    # Without --locked: its own lockfile names versions this registry may not have.
    cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x npm/node_modules/.bin/wasm-opt ] || [ ! -x npm/node_modules/.bin/esbuild ]; then
    say "installing the npm devDependencies"
    (cd npm && npm install --no-audit --no-fund --loglevel=error)
fi

say "compiling the wasm module"
cargo rustc --quiet --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm
module=target/wasm32-unknown-unknown/wasm/saring.wasm

rm -rf npm/dist
mkdir -p npm/dist
wasm-bindgen "$module" --target web --out-dir npm/dist --out-name saring_wasm
# -O3, not -Oz: as small once gzipped (260.1 against 260.3 KB) and 4% quicker to screen.
npm/node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    npm/dist/saring_wasm_bg.wasm -o npm/dist/saring_wasm_bg.wasm
# wasm-bindgen declares `[Symbol.dispose]()`, which only type-checks with lib esnext; consumers
# use the facade's free() anyway, so drop the declaration (the method itself stays).
sed -i '/\[Symbol\.dispose\]()/d' npm/dist/saring_wasm.d.ts
cp npm/src/saring.js npm/src/outbox.js npm/src/saring.d.ts npm/dist/
# CommonJS: the same facade and glue, bundled; import.meta.url points at this file.
npm/node_modules/.bin/esbuild npm/dist/saring.js --bundle --format=cjs --platform=neutral \
    --log-level=warning --outfile=npm/dist/saring.cjs \
    --define:import.meta.url=__saring_module_url \
    --banner:js='const __saring_module_url = require("url").pathToFileURL(__filename).href;' \
    --external:node:fs/promises

mkdir -p target/npm
rm -f target/npm/saring-*.tgz
(cd npm && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
tarball=$(ls target/npm/saring-*.tgz)
size=$(wc -c < npm/dist/saring_wasm_bg.wasm)
say "built $tarball (saring_wasm_bg.wasm: $size bytes)"
echo "$tarball"
