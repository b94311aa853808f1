#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ for FUZZ_SECONDS (default 20) on its committed seeds, one at a
# time, and fails on the first crash. CI runs it as a smoke test (`make fuzz-smoke`); `make fuzz`
# runs each target for 10 minutes (FUZZ_SECONDS=600), growing a corpus in fuzz/corpus.
#
# Installs what is missing, and only that: cargo-fuzz, and the nightly toolchain (minimal
# profile), which AddressSanitizer needs. Where nightly cannot be installed, the targets run on
# the stable toolchain without a sanitizer (`-s none`): coverage-guided all the same, and every
# target's assertions hold. Crashes are written to fuzz/artifacts/<target>/ (fuzz/README.md says
# how to reproduce and minimise one).
#
# usage: tools/fuzz-smoke.sh [target ...]     (default: every target)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds=${FUZZ_SECONDS:-20}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(normalize pack_parse bundle_load compiled_load screen report)

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal || true
fi
if rustup toolchain list | grep -q '^nightly'; then
    cargo=(cargo +nightly fuzz)
    sanitizer=()
else
    echo "fuzz: no nightly toolchain; running on stable without a sanitizer" >&2
    cargo=(cargo +stable fuzz)
    sanitizer=(-s none)
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo +stable install --locked cargo-fuzz --version 0.13.2

"${cargo[@]}" build "${sanitizer[@]}"
for target in "${targets[@]}"; do
    options=(-max_total_time="$seconds" -print_final_stats=1)
    [ "$target" = pack_parse ] && options+=(-dict=pack.dict)
    # A corpus of its own under fuzz/corpus (ignored by git), so the seeds stay as committed.
    mkdir -p "corpus/$target"
    log=$(mktemp)
    if ! "${cargo[@]}" run "${sanitizer[@]}" "$target" "corpus/$target" "seeds/$target" -- "${options[@]}" >"$log" 2>&1; then
        tail -n 60 "$log" >&2
        rm -f "$log"
        echo "fuzz: $target crashed; the input is in fuzz/artifacts/$target/" >&2
        exit 1
    fi
    # The last status line: executions, coverage (cov, ft), corpus, exec/s.
    echo "fuzz: $target: $(grep -E '^#[0-9]+' "$log" | tail -n 1)"
    rm -f "$log"
done
