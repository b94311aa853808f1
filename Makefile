# saring — build, test and measure. `make help` lists the targets.
#
# The README states two commands that must work on a fresh machine: `make run` and `make test`.

CARGO ?= cargo
WASM_TEST_RUNNER = CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

.PHONY: help run demo test lint unit check-packs npm test-wasm test-js bench eval

help:
	@echo "make demo         the channel-admin dashboard with the moderation API on 127.0.0.1:\$${PORT:-8080}"
	@echo "make run          screen the example posts with the embedded default packs (CLI)"
	@echo "make test         lints, Rust tests, pack examples, npm package in Node and Chromium"
	@echo "make npm          build the npm package into npm/dist and target/npm/saring-*.tgz"
	@echo "make bench        native benchmark (raw DFA vs normalizer vs pipeline), then Node latency"
	@echo "make check-packs  validate rules/ and run every rule's examples"
	@echo "make eval         accuracy of rules/ on the labelled and benign sets in ../shared/data"

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

unit:
	$(CARGO) test --workspace --quiet

check-packs:
	$(CARGO) run --quiet --bin saring -- check rules/

npm:
	tools/build-npm.sh

test-wasm: npm
	$(WASM_TEST_RUNNER) $(CARGO) test --target wasm32-unknown-unknown --test wasm

test-js: npm
	node --test tests/js/

bench: npm
	$(CARGO) bench --bench screen
	node bench/latency.mjs

# Accuracy report: precision/recall/F1 per pack and false alarms per 1,000 benign posts.
# Skips (exit 0) when ../shared/data is absent. EVAL_ARGS=--markdown prints the README table.
eval:
	$(CARGO) build --quiet --release --bin saring
	python3 tools/eval.py --saring target/release/saring $(EVAL_ARGS)
