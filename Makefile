# Every target bootstraps what it needs on a fresh machine, from uv.lock:
#   make generate  the generator's dependencies only      make test  those and the test toolchain
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
UV_DIR := .uv
UV     := $(UV_DIR)/bin/uv
UV_VERSION := $(shell sed -n 's/^required-version = "==\(.*\)"/\1/p' pyproject.toml)
# Installed sets, remembered per lock: the generator's (generate, check) and the whole toolchain.
GEN_ENV := $(VENV)/.synced-generator
DEV_ENV := $(VENV)/.synced-dev
GO_DIR := tests/go
HARNESS := $(GO_DIR)/bin/harness

# uv uses this machine's Python and never downloads one.
export UV_PYTHON := $(PYTHON)
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: generate check test breaking unit long lint typecheck fixtures live bench lock test-latest test-oldest clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	@echo "bootstrap: uv $(UV_VERSION) from PyPI into $(UV_DIR)/"
	@$(PYTHON) -m venv $(UV_DIR)
	@$(UV_DIR)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

$(GEN_ENV): uv.lock pyproject.toml | $(UV)
	@echo "bootstrap: the generator's dependencies from uv.lock into $(VENV)/"
	@$(UV) sync --locked --inexact --no-dev --extra generator
	@touch $@

$(DEV_ENV): uv.lock pyproject.toml | $(UV)
	@echo "bootstrap: the generator and the test toolchain from uv.lock into $(VENV)/"
	@$(UV) sync --locked --extra generator
	@touch $@ $(GEN_ENV)

# The package into generated/, the message reference into docs/reference (examples: Go's fixtures).
GEN_ARGS := --reference docs/reference --examples tests/fixtures

generate: $(GEN_ENV)  ## regenerate generated/ and docs/reference/ from schema/ (the main job)
	$(PY) -m aistore_models_gen generate $(GEN_ARGS)

check: $(GEN_ENV)  ## fail when generated/ or docs/reference/ does not match schema/
	$(PY) -m aistore_models_gen generate --check $(GEN_ARGS)

lint: $(DEV_ENV)  ## ruff (format and check) on the hand-written code, ruff check and black on generated code
	$(PY) -m ruff format --check --quiet generator schema tests benchmarks
	$(PY) -m ruff check generator schema tests generated benchmarks
	$(PY) -m black --check --quiet generated

typecheck: $(DEV_ENV)  ## mypy --strict on the generated package and on the generator
	$(PY) -m mypy --strict generated/aistore_models
	$(PY) -m mypy --strict generator

unit: $(DEV_ENV)  ## the pytest suite alone
	$(PY) -m pytest -q

test: check lint typecheck unit  ## everything CI runs

# What `breaking` compares with: the merge base with origin/main (or main), else HEAD.
BASE ?= $(shell git merge-base HEAD origin/main 2>/dev/null || git merge-base HEAD main 2>/dev/null || echo HEAD)

breaking: $(GEN_ENV)  ## wire changes of schema/ against the merge base (BASE=REV to choose); exit 1 if one breaks
	$(PY) -m aistore_models_gen breaking --against $(BASE)

long: $(DEV_ENV)  ## the long property-based runs (>= 10,000 payloads through schema, pydantic and msgspec)
	$(PY) -m pytest -q -m slow

lock: $(UV)  ## refresh uv.lock to the newest releases on purpose, and say what moved
	@cp uv.lock $(VENV).lock-before 2>/dev/null || true
	$(UV) lock --upgrade
	@$(PYTHON) tests/deps.py moved $(VENV).lock-before uv.lock; rm -f $(VENV).lock-before

test-latest: $(UV)  ## the whole suite in a throwaway venv on the newest releases; reports what changed
	$(PYTHON) tests/deps.py run latest

test-oldest: $(UV)  ## the whole suite in a throwaway venv on the declared minimums
	$(PYTHON) tests/deps.py run oldest

$(HARNESS): $(wildcard $(GO_DIR)/*.go) $(GO_DIR)/go.mod $(GO_DIR)/go.sum
	cd $(GO_DIR) && go build -o bin/harness .

# Older AIStore releases still proven: tests/fixtures/VERSION/, written by the harness built
# against tests/go/versions/VERSION.mod.
OLDER_AIS := $(notdir $(wildcard tests/fixtures/v*))

fixtures: $(HARNESS)  ## regenerate the Go-derived fixtures and manifest (needs go), older releases too
	$(HARNESS) manifest > tests/fixtures/manifest.json
	$(HARNESS) fixtures tests/fixtures
	$(HARNESS) hrw-vectors tests/fixtures
	@for v in $(OLDER_AIS); do \
	  echo "fixtures of AIStore $$v"; \
	  (cd $(GO_DIR) && GONOSUMDB=github.com/NVIDIA go build -modfile=versions/$$v.mod -o bin/harness-$$v .) && \
	  $(GO_DIR)/bin/harness-$$v manifest > tests/fixtures/$$v/manifest.json && \
	  $(GO_DIR)/bin/harness-$$v fixtures tests/fixtures/$$v || exit 1; \
	done

# The live tests build this themselves when missing (tests/live/aiscluster.py, same command).
# aisnode (-tags dsort) and authn are built by the tests themselves (tests/live/aiscluster.py).
live: $(DEV_ENV)  ## run the live tests on a local AIStore cluster and print the conformance table (needs go)
	AISMODELS_LIVE_TABLE=1 tests/live/netns.sh $(PY) -m pytest -q -rs -m live tests/live

bench: $(DEV_ENV)  ## print the benchmark tables
	$(PY) -m benchmarks

clean:  ## remove the virtual environments and caches
	rm -rf $(VENV) $(UV_DIR) .pytest_cache .mypy_cache .ruff_cache $(GO_DIR)/bin
