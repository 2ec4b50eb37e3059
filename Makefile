# One task runner. `make demo` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SELARAS_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export SELARAS_TEST_POSTGRES_URL

.PHONY: install demo test lint typecheck bench docs clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/selaras demo

lint: $(STAMP)
	$(BIN)/ruff check selaras tests
	$(BIN)/ruff format --check selaras tests

typecheck: $(STAMP)
	$(BIN)/mypy selaras

# The whole suite: SQLite everywhere, and storage/import tests also on PostgreSQL ($(SELARAS_TEST_POSTGRES_URL)).
test: lint typecheck
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

docs: $(STAMP)
	$(BIN)/python -m selaras.docs docs

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
