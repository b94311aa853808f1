# saring — build, test and measure. `make help` lists the targets.
#
# The README states two commands that must work on a fresh machine: `make run` and `make test`.

CARGO ?= cargo
WASM_TEST_RUNNER = CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: help run demo test lint unit check-packs npm extension test-wasm test-js bench instructions eval fuzz fuzz-smoke

help:
	@echo "make demo         the channel-admin dashboard with the moderation API on 127.0.0.1:\$${PORT:-8080}"
	@echo "make run          screen the example posts with the embedded default packs (CLI)"
	@echo "make test         lints, Rust tests, pack examples, npm package in Node and Chromium"
	@echo "make npm          build the npm package into npm/dist and target/npm/saring-*.tgz"
	@echo "make wasm-size    where the wasm module's bytes go, by crate and kind (docs/wasm-size.md)"
	@echo "make extension    build the browser extension into target/extension and target/saring-extension.zip"
	@echo "make bench        native benchmark (raw DFA vs normalizer vs pipeline), then Node latency and peers"
	@echo "make instructions instructions per byte under callgrind; fails 5% above benches/instructions-baseline.json"
	@echo "make check-packs  validate rules/ and run every rule's examples"
	@echo "make compiled-packs  write rules/compiled/ again after a change to rules/"
	@echo "make robustness   retained recall and false alarms per evasion family (tests/robustness.rs)"
	@echo "make eval         accuracy of rules/ on the labelled and benign sets in ../shared/data"
	@echo "make fuzz         every fuzz target for FUZZ_SECONDS (default 600) each, one at a time (fuzz/README.md)"
	@echo "make fuzz-smoke   every fuzz target for 20 seconds on its seeds (CI)"

run:
	$(CARGO) run --quiet --release --bin saring -- scan --jsonl examples/posts.jsonl; \
	status=$$?; [ $$status -le 1 ] || exit $$status

# The dashboard (www/) and the moderation API with demo tokens; PORT=9000 make demo to move it.
demo:
	tools/demo.sh

test: lint unit check-packs npm test-wasm test-js

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --quiet -- -D warnings
	rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	$(CARGO) clippy --quiet --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --quiet --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings

unit:
	$(CARGO) test --workspace --quiet

# The default packs in compiled form (rules/compiled/), which the wasm module embeds so that
# withDefaults() parses no TOML; a test fails until this is run after a change to rules/.
.PHONY: compiled-packs
compiled-packs:
	$(CARGO) run --quiet --bin saring -- bundle rules/ --compiled -o rules/compiled/saring-default.bin

check-packs:
	$(CARGO) run --quiet --bin saring -- check rules/

# Evasion robustness: every evasion family, alone and combined, applied to every rule's `match`
# examples and to benign text (tests/robustness.rs); prints retained recall and the false-alarm
# increase per family, and fails below the goals of issue 9 or a known gap's measured floor.
.PHONY: robustness
robustness:
	$(CARGO) test --release --test robustness -- --nocapture --test-threads 1

npm:
	tools/build-npm.sh

# Where the bytes of the wasm module go: a table by crate and kind, and the shipped sizes.
.PHONY: wasm-size
wasm-size: npm
	tools/wasm-size.sh

# The Manifest V3 extension for moderators (extension/ + npm/dist + rules/); load
# target/extension unpacked, or ship target/saring-extension.zip.
extension: npm
	tools/build-extension.sh

test-wasm: npm
	$(WASM_TEST_RUNNER) $(CARGO) test --target wasm32-unknown-unknown --test wasm

test-js: npm
	node --test tests/js/

# The corpus goes to target/bench-corpus for bench/peers.mjs; bench/data holds the same files,
# committed so the Node bench runs without Rust (a warning says when they drift apart).
bench: npm instructions
	$(CARGO) bench --bench screen
	$(CARGO) bench --bench screen -- --write-corpus target/bench-corpus
	@for f in phrases-100.txt phrases-1000.txt phrases-10000.txt post-4096.jsonl corpus.json posts.jsonl:sample-1mb.jsonl; do \
	    cmp -s target/bench-corpus/$${f%%:*} bench/data/$${f##*:} || \
	    echo "make bench: bench/data/$${f##*:} differs from target/bench-corpus/$${f%%:*}; copy it over to refresh it"; \
	done
	node bench/latency.mjs
	[ -d npm/node_modules/obscenity ] && [ -d npm/node_modules/ahocorasick ] || \
	    (cd npm && npm install --no-audit --no-fund --loglevel=error)
	node bench/peers.mjs --data target/bench-corpus

# Instructions per byte under valgrind's callgrind, compared with the stored baseline (stable on
# a noisy machine, so it may gate). INSTRUCTIONS_ARGS=--update-baseline stores a new baseline.
instructions:
	$(CARGO) bench --bench instructions -- $(INSTRUCTIONS_ARGS)

# Accuracy report: precision/recall/F1 per pack and false alarms per 1,000 benign posts.
# Skips (exit 0) when ../shared/data is absent. EVAL_ARGS=--markdown prints the README table.
eval:
	$(CARGO) build --quiet --release --bin saring
	python3 tools/eval.py --saring target/release/saring $(EVAL_ARGS)

# cargo-fuzz targets (fuzz/, nightly): `make fuzz` runs each for FUZZ_SECONDS, one at a time;
# `make fuzz-smoke` for 20 seconds each, as CI does. A crash fails the run; see fuzz/README.md.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) tools/fuzz-smoke.sh

fuzz-smoke:
	FUZZ_SECONDS=20 tools/fuzz-smoke.sh
