# smartvet — the two set-up commands (CONTRACT.md): `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: demo test test-sqlite test-postgres lint format messages bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e ".[test,dev]"
	touch $(STAMP)

# `make demo ADDR=192.168.1.20:8000` serves the demo on another address (a station's LAN).
ADDR ?= 127.0.0.1:8000

demo: $(STAMP)
	$(BIN)/smartvet demo --addr $(ADDR)

# The whole suite on SQLite, then again on a throw-away PostgreSQL cluster. A test runs in
# both passes unless the database cannot change its outcome: the browser walks and the tests
# that start processes on a data dir of their own run in the SQLite pass, the tests that need
# PostgreSQL (marked pg) in the PostgreSQL pass only. How the two workers share the tests:
# tests/support/scheduling.py.
test: $(STAMP)
	$(MAKE) test-sqlite test-postgres

test-sqlite: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup -m "not pg" $(PYTEST_ARGS)

test-postgres: $(STAMP)
	SMARTVET_TEST_DB=postgres $(BIN)/pytest -n 2 --dist loadgroup \
		-m "pg or not (e2e or any_database)" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

# Refresh the English catalogues after changing user-facing strings.
messages: $(STAMP)
	cd src/smartvet && ../../$(BIN)/django-admin makemessages -l en --no-obsolete \
		--ignore "*/data/*" && ../../$(BIN)/django-admin compilemessages -l en

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/screenshots

bench: $(STAMP)
	$(BIN)/smartvet bench --scale small

clean:
	rm -rf $(VENV) var
