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

target_dir=${CARGO_TARGET_DIR:-target}
rm -rf npm/dist
mkdir -p npm/dist

# Compiles the module with the cargo features given, into npm/dist/NAME_bg.wasm and its glue
# NAME.js. The runtime (no `compiler` feature) builds in a target directory of its own, so that
# neither build undoes the other's.
wasm_module() {
    local name=$1 dir=$2
    shift 2
    say "compiling the wasm module $name"
    cargo rustc --quiet --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm \
        --target-dir "$dir" "$@"
    wasm-bindgen "$dir/wasm32-unknown-unknown/wasm/saring.wasm" --target web --out-dir npm/dist --out-name "$name"
    # -O3, not -Oz: as small once gzipped (260.1 against 260.3 KB) and 4% quicker to screen.
    npm/node_modules/.bin/wasm-opt -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types \
        "npm/dist/${name}_bg.wasm" -o "npm/dist/${name}_bg.wasm"
    # wasm-bindgen declares `[Symbol.dispose]()`, which only type-checks with lib esnext;
    # consumers use the facade's free() anyway, so drop the declaration (the method stays).
    sed -i '/\[Symbol\.dispose\]()/d' "npm/dist/$name.d.ts"
}
wasm_module saring_wasm "$target_dir"
wasm_module saring_runtime_wasm "$target_dir/runtime" --no-default-features
# The runtime's glue declares only the types it uses; the facade's types come from the full one.
rm npm/dist/saring_runtime_wasm.d.ts npm/dist/saring_runtime_wasm_bg.wasm.d.ts

cp npm/src/saring.js npm/src/error.js npm/src/outbox.js npm/src/saring.d.ts npm/src/runtime.d.ts npm/dist/
# The runtime's facade is the same file bound to the runtime's glue and module.
sed -e 's|"\./saring_wasm\.js"|"./saring_runtime_wasm.js"|' -e 's|"\./saring_wasm_bg\.wasm"|"./saring_runtime_wasm_bg.wasm"|' \
    npm/src/saring.js > npm/dist/runtime.js
if [ "$(grep -c 'saring_runtime_wasm' npm/dist/runtime.js)" != 2 ]; then
    say "npm/src/saring.js no longer imports ./saring_wasm.js and loads ./saring_wasm_bg.wasm once each"
    exit 1
fi
# CommonJS: the same facades and glue, bundled; import.meta.url points at the bundle. The error
# class stays a module of its own (error.cjs), so that both entry points throw one class.
npm/node_modules/.bin/esbuild npm/dist/error.js --format=cjs --platform=neutral --log-level=warning \
    --outfile=npm/dist/error.cjs
for entry in saring runtime; do
    npm/node_modules/.bin/esbuild "npm/dist/$entry.js" --bundle --format=cjs --platform=neutral \
        --log-level=warning --outfile="npm/dist/$entry.cjs" \
        --define:import.meta.url=__saring_module_url \
        --banner:js='const __saring_module_url = require("url").pathToFileURL(__filename).href;' \
        --external:node:fs/promises --external:node:os --external:./error.js
    sed -i 's|require("\./error\.js")|require("./error.cjs")|' "npm/dist/$entry.cjs"
    if ! grep -q 'require("./error.cjs")' "npm/dist/$entry.cjs" || grep -q 'class SaringError' "npm/dist/$entry.cjs"; then
        say "npm/dist/$entry.cjs does not take SaringError from error.cjs"
        exit 1
    fi
done

mkdir -p target/npm
rm -f target/npm/saring-*.tgz
(cd npm && npm pack --silent --pack-destination "$root/target/npm" >/dev/null)
tarball=$(ls target/npm/saring-*.tgz)
say "built $tarball (saring_wasm_bg.wasm: $(wc -c < npm/dist/saring_wasm_bg.wasm) bytes," \
    "saring_runtime_wasm_bg.wasm: $(wc -c < npm/dist/saring_runtime_wasm_bg.wasm) bytes)"
echo "$tarball"
