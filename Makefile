# The front door. `make mock` and `make test` set everything up themselves on a machine that has
# only python3 and make; later runs reuse .venv and skip installation unless the pins changed.
# `make mock` installs only what running the mock needs (requirements-mock.lock); the targets that
# test, lint or generate install the development toolchain (requirements.lock) on top.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
MOCK_STAMP := $(VENV)/.installed-mock
CLIENT := generated/northflank-release-client
HOST   ?= 127.0.0.1
PORT   ?= 4010
# Most tests wait on sockets and subprocesses: three workers keep two cores busy.
TEST_WORKERS ?= 3
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
INTEROP := .cache/interop

.DEFAULT_GOAL := help
.PHONY: help setup test lint interop mock generate fixtures bench lock dist image clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(MOCK_STAMP): requirements-mock.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements-mock.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

# The toolchain's pins include every pin of requirements-mock.lock (scripts/lock.sh resolves that
# one within this one), so a venv set up for tests serves the mock as it is.
$(STAMP): requirements.lock requirements-mock.lock pyproject.toml $(CLIENT)/setup.py
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e . -e $(CLIENT)
	@touch $@ $(MOCK_STAMP)

setup: $(STAMP) ## Create .venv and install the pinned tools (done by every target that needs it)

# A worker that dies fails the run at once, naming its test: pytest-xdist 3.8 can wait forever
# after replacing a crashed worker under --dist loadfile.
test: $(STAMP) ## Run the whole test suite (TEST_WORKERS processes, one test file each at a time)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --max-worker-restart 0

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

mock: $(MOCK_STAMP) ## Run the mock server on $(HOST):$(PORT)
	$(BIN)/northflank-mock --host $(HOST) --port $(PORT)

generate: $(STAMP) ## Regenerate generated/ from openapi/northflank.yaml
	$(PY) scripts/generate_client.py

fixtures: $(STAMP) ## Regenerate the default dataset from its seed
	$(PY) scripts/make_fixtures.py

bench: $(STAMP) ## Benchmark the mock against Prism and a raw ASGI floor
	$(PY) -m scripts.bench

lock: ## Re-resolve requirements.lock and requirements-mock.lock from the pins in pyproject.toml
	scripts/lock.sh

dist: $(STAMP) ## Build the mock's sdist and wheel into dist/
	rm -rf dist
	$(PY) -m build --no-isolation --outdir dist .

image: $(MOCK_STAMP) ## Build the container image (podman, or docker when its daemon runs)
	$(PY) -m scripts.container build

clean: ## Remove .venv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis build dist
