# Two commands for users (README): `make demo` and `make test`. Both bootstrap .venv idempotently.
# The first interpreter that runs and is >= 3.11 (pyenv shims may exist for versions not installed).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.minewatch-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "minewatch needs Python >= 3.11 (python3 on PATH)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/minewatch demo --dir demo
	$(BIN)/minewatch --database sqlite:///demo/minewatch.db serve --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf $(VENV) demo minewatch.db minewatch.db-wal minewatch.db-shm .pytest_cache
