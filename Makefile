# StrategySite: the two set-up commands of the README, and the rest of the workflow.
# Each target installs what it needs on a fresh Debian machine (as root, or with sudo).

SWIFT   ?= swift
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE := .build/release/strategy-site
APT     := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: site test deps swift-test check serve bench clean

## make site: build the site from Content/ into Output/ (release build)
site: deps
	$(SWIFT) build -c release --product strategy-site
	$(RELEASE) build

## make test: every test (Swift unit and integration tests, then browser and publishing checks)
test: deps swift-test

swift-test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## make check: report every problem in Content/ and Templates/ without writing
check: deps
	$(SWIFT) build -c release --product strategy-site
	$(RELEASE) check

# cmark from Debian, found through pkg-config as Package.swift expects.
deps:
	@pkg-config --exists libcmark || { $(SUDO) apt-get update -q && $(APT) libcmark-dev pkg-config; }

clean:
	rm -rf .build Output/*
