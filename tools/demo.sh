#!/usr/bin/env bash
# `make demo`: the channel-admin dashboard (www/) with the reference moderation API.
#
#   tools/demo.sh                 build the npm package and saring-server (release), assemble the
#                                 site into target/demo/site, and run the server on
#                                 127.0.0.1:${PORT:-8080} with made-up demo tokens
#   tools/demo.sh --assemble DIR  only assemble the site into DIR (needs npm/dist; for tests)
#
# The site is www/ plus the built package in saring/ and the default rule packs' TOML sources
# in rules/ (so that packs can be switched one by one). The database lives beside the site,
# never inside it: everything in the site directory is served.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "demo: $*" >&2; }

assemble() {
    local site=$1
    if [ ! -f npm/dist/saring.js ] || [ ! -f npm/dist/saring_wasm_bg.wasm ]; then
        say "npm/dist is not built; run make npm"
        exit 1
    fi
    rm -rf "$site"
    mkdir -p "$site/saring" "$site/rules"
    cp -R www/. "$site/"
    cp npm/dist/saring.js npm/dist/outbox.js npm/dist/saring_wasm.js npm/dist/saring_wasm_bg.wasm "$site/saring/"
    cp rules/*.toml "$site/rules/"
    {
        printf '{"packs":['
        local first=1 file
        for file in rules/*.toml; do
            [ $first -eq 1 ] || printf ','
            first=0
            printf '"%s"' "$(basename "$file")"
        done
        printf ']}\n'
    } > "$site/rules/index.json"
}

if [ "${1:-}" = "--assemble" ]; then
    [ $# -eq 2 ] || { say "usage: tools/demo.sh --assemble DIR"; exit 2; }
    assemble "$2"
    exit 0
fi
[ $# -eq 0 ] || { say "usage: tools/demo.sh [--assemble DIR]"; exit 2; }

port=${PORT:-8080}
tools/build-npm.sh >/dev/null
say "building saring-server (release)"
cargo build --quiet --release -p saring-server
assemble target/demo/site

cat >&2 <<MSG

  saring demo — open http://127.0.0.1:$port/ in a browser.

  The server makes up two tokens and prints them below. In the dashboard, open
  Pengaturan (Settings) and paste the reporter token (to send reports from "Kanal publik")
  and the moderator token (for "Antrean tinjauan"). Tokens never go into a URL.
  Reports are kept in target/demo/reports.sqlite. Ctrl-C stops the server.

MSG
exec target/release/saring-server --demo --static target/demo/site \
    --addr "127.0.0.1:$port" --db target/demo/reports.sqlite
