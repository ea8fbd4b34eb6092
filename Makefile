# The front door. `make mock` and `make test` set everything up themselves on a machine that has
# only python3 and make; later runs reuse .venv and skip installation unless the pins changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
CLIENT := generated/northflank-release-client
HOST   ?= 127.0.0.1
PORT   ?= 4010
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
INTEROP := .cache/interop

.DEFAULT_GOAL := help
.PHONY: help setup test lint interop mock generate fixtures bench lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml $(CLIENT)/setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e . -e $(CLIENT)
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned tools (done by every target that needs it)

test: $(STAMP) ## Run the whole test suite
	$(PY) -m pytest

lint: $(STAMP) ## ruff and mypy on the hand-written code
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(PY) scripts/lint_spec.py

$(INTEROP)/node_modules/.installed: interop/package.json interop/package-lock.json
	@echo "interop: installing into $(INTEROP)/node_modules (npm ci, pinned by interop/package-lock.json):"
	@sed -n '/devDependencies/,/}/p' interop/package.json | grep '"' | grep -v devDependencies
	@mkdir -p $(INTEROP)
	cp interop/package.json interop/package-lock.json $(INTEROP)/
	cd $(INTEROP) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(INTEROP)/venv/.installed: interop/requirements.txt
	@echo "interop: installing into $(INTEROP)/venv (pip, pinned by interop/requirements.txt):"
	@grep -v '^#' interop/requirements.txt | tr '\n' ' '; echo
	@test -x $(INTEROP)/venv/bin/python || $(PYTHON) -m venv $(INTEROP)/venv
	$(INTEROP)/venv/bin/python -m pip --disable-pip-version-check --quiet install -r interop/requirements.txt
	@touch $@

interop: $(STAMP) $(INTEROP)/node_modules/.installed $(INTEROP)/venv/.installed ## Lint the spec and generate code from it with pinned third-party tools (needs node and npm)
	$(PY) -m pytest interop

mock: $(STAMP) ## Run the mock server on $(HOST):$(PORT)
	$(PY) -m mock_server --host $(HOST) --port $(PORT)

generate: $(STAMP) ## Regenerate generated/ from openapi/northflank.yaml
	$(PY) scripts/generate_client.py

fixtures: $(STAMP) ## Regenerate the default dataset from its seed
	$(PY) scripts/make_fixtures.py

bench: $(STAMP) ## Benchmark the mock against Prism and a raw ASGI floor
	$(PY) -m scripts.bench

lock: ## Re-resolve requirements.lock from the pins in pyproject.toml
	scripts/lock.sh

clean: ## Remove .venv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
