# The README's two commands: `make site` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
VIOS_RELEASE := .build/release/vios

.PHONY: deps site check test test-browser fuzz bench clean

deps:
	@scripts/ensure-deps.sh

$(VIOS_RELEASE): deps $(shell find Sources -type f) Package.swift
	$(SWIFT) build -c release --product vios

## Build the demo kennisbank in Output/ from Content/ and Templates/.
site: $(VIOS_RELEASE)
	$(VIOS_RELEASE) build
	@echo "Open $(CURDIR)/Output/index.html in een browser, of: $(VIOS_RELEASE) serve"

## Check the demo content only.
check: $(VIOS_RELEASE)
	$(VIOS_RELEASE) check

## All unit, integration and end-to-end tests (what CI runs).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build Output .vios-cache .bench

## Benchmark against Hugo on the synthetic corpora (prints one table).
bench: $(VIOS_RELEASE)
	@command -v hugo >/dev/null || scripts/ensure-deps.sh hugo
	python3 scripts/bench.py

## Browser suite (issue 6): axe-core (WCAG 2.1 A/AA) at 320 and 1280 px, keyboard,
## search, factsheets printed to PDF, `vios build --pdf`, Nu HTML Checker; on the
## demo site and a generated 700-school site. Installs Debian chromium and
## chromium-driver and a Python virtualenv (.venv-browser/) when missing.
## Failures leave screenshots in .artifacts/browser/.
test-browser: deps
	$(SWIFT) build --product vios
	tests/browser/run.sh --vios .build/debug/vios

## Long fuzz run (issue 7): an hour or a million mutated documents, whichever
## comes first (override VIOS_FUZZ_SECONDS / VIOS_FUZZ_INPUTS / VIOS_FUZZ_SEED),
## every giant input, and 100,000 documents through `vios check` with peak
## memory; a release build. Prints inputs/second, totals and any failing seed.
## `make test` runs the short version (35 s of mutation plus the light giants).
fuzz: deps
	VIOS_FUZZ_SECONDS=$${VIOS_FUZZ_SECONDS:-3600} VIOS_FUZZ_INPUTS=$${VIOS_FUZZ_INPUTS:-1000000} \
	VIOS_FUZZ_SEED=$${VIOS_FUZZ_SEED:-random} VIOS_FUZZ_BINARY_EVERY=$${VIOS_FUZZ_BINARY_EVERY:-500} \
	VIOS_FUZZ_GIANTS=all VIOS_SCALE_TEST=1 \
	$(SWIFT) test -c release -Xswiftc -enable-testing --filter 'VIOSFuzzTests|RobustnessTests'
