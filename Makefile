# Every target bootstraps .venv on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
GO_DIR := tests/go
HARNESS := $(GO_DIR)/bin/harness
AISNODE := $(GO_DIR)/bin/aisnode

.PHONY: generate check test unit long lint typecheck fixtures live bench clean help

help:  ## list the targets
	@grep -E '^[a-z]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

generate: $(STAMP)  ## regenerate generated/ from schema/ (the main job)
	$(PY) -m generator generate

check: $(STAMP)  ## fail when generated/ does not match schema/
	$(PY) -m generator generate --check

lint: $(STAMP)  ## ruff on the generator, tests and generated code; black-clean generated code
	$(PY) -m ruff check generator tests generated benchmarks
	$(PY) -m black --check --quiet generated

typecheck: $(STAMP)  ## mypy --strict on the generated package
	$(PY) -m mypy --strict generated/aistore_models

unit: $(STAMP)  ## the pytest suite alone
	$(PY) -m pytest -q

test: check lint typecheck unit  ## everything CI runs

long: $(STAMP)  ## the long property-based runs (>= 10,000 payloads through schema, pydantic and msgspec)
	$(PY) -m pytest -q -m slow

$(HARNESS): $(wildcard $(GO_DIR)/*.go) $(GO_DIR)/go.mod $(GO_DIR)/go.sum
	cd $(GO_DIR) && go build -o bin/harness .

fixtures: $(HARNESS)  ## regenerate the Go-derived fixtures and manifest (needs go)
	$(HARNESS) manifest > tests/fixtures/manifest.json
	$(HARNESS) fixtures tests/fixtures
	$(HARNESS) hrw-vectors tests/fixtures

# The live tests build this themselves when missing (tests/live/aiscluster.py, same command).
$(AISNODE): $(GO_DIR)/go.mod $(GO_DIR)/go.sum
	cd $(GO_DIR) && GONOSUMDB=github.com/NVIDIA go build -o bin/aisnode -ldflags "-X main.build=live" github.com/NVIDIA/aistore/cmd/aisnode

live: $(STAMP) $(AISNODE)  ## run the live tests on a local AIStore cluster and print the conformance table (needs go)
	AISMODELS_LIVE_TABLE=1 tests/live/netns.sh $(PY) -m pytest -q -rs -m live tests/live

bench: $(STAMP)  ## print the benchmark tables
	$(PY) -m benchmarks

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(GO_DIR)/bin
