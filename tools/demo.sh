#!/usr/bin/env bash
# `make demo`: the channel-admin dashboard (www/) with the reference moderation API.
#
#   tools/demo.sh                 build the npm package and saring-server (release), assemble the
#                                 site into target/demo/site, and run the server on
#                                 127.0.0.1:${PORT:-8080} with demo tokens made up once (target/demo/tokens)
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
    rm -rf "$site"
    mkdir -p "$site"
    cp -R www/. "$site/"
    tools/copy-runtime.sh "$site"
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

# The demo's tokens, made up once and kept: a report queued while the server was down is still
# delivered after a restart, where tokens made up anew (`--demo`) would refuse it as unknown.
tokens=target/demo/tokens
if [ ! -s "$tokens" ]; then
    mkdir -p target/demo
    token() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
    (umask 077 && printf '%s reporter demo-reporter\n%s moderator demo-moderator\n' "$(token)" "$(token)" > "$tokens")
fi
reporter=$(awk '$2 == "reporter" { print $1; exit }' "$tokens")
moderator=$(awk '$2 == "moderator" { print $1; exit }' "$tokens")

cat >&2 <<MSG

  saring demo — open http://127.0.0.1:$port/ in a browser.

  In the dashboard, open Pengaturan (Settings) and paste the reporter token (to send reports
  from "Kanal publik") and the moderator token (for "Antrean tinjauan"). Tokens never go into
  a URL.
    reporter token:  $reporter
    moderator token: $moderator
  Reports are kept in target/demo/reports.sqlite, the tokens in $tokens (the same on every
  start; delete the file for new ones). Ctrl-C stops the server.

MSG
exec target/release/saring-server --tokens "$tokens" --static target/demo/site \
    --addr "127.0.0.1:$port" --db target/demo/reports.sqlite
