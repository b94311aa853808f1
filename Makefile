# saring — build, test and measure. `make help` lists the targets.
#
# The README states two commands that must work on a fresh machine: `make run` and `make test`.

CARGO ?= cargo

.PHONY: help run test lint unit bench check-packs

help:
	@echo "make run          screen the example posts with the embedded default packs (CLI)"
	@echo "make test         formatting, lints, unit/integration/property tests, pack examples"
	@echo "make bench        native benchmark: raw DFA vs normalizer vs full pipeline"
	@echo "make check-packs  validate rules/ and run every rule's examples"

run:
	$(CARGO) run --quiet --release --bin saring -- scan --jsonl examples/posts.jsonl; \
	status=$$?; [ $$status -le 1 ] || exit $$status

test: lint unit check-packs

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --quiet -- -D warnings

unit:
	$(CARGO) test --quiet

check-packs:
	$(CARGO) run --quiet --bin saring -- check rules/

bench:
	$(CARGO) bench --bench screen
