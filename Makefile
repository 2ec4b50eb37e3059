# One task runner. `make demo` and `make test` are all a newcomer needs (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SELARAS_TEST_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export SELARAS_TEST_POSTGRES_URL
# The database of its own where `make bench` measures the web after an edit on PostgreSQL (web-after-edit)
BENCH_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/bench
export BENCH_DATABASE_URL

.PHONY: install demo test lint typecheck screenshots bench docs fuzz chaos clean

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

# Full-page screenshots of the web workspace at laptop (1366 px) and phone (390 px) widths, for people to look at:
# the browser tests, run with SELARAS_SCREENSHOTS set, save them as $(SELARAS_SCREENSHOTS)/<database>/<name>.png.
# Nothing asserts on the pictures, so `make test` runs the same tests without taking them.
SELARAS_SCREENSHOTS ?= artifacts/screenshots
screenshots: $(STAMP)
	SELARAS_SCREENSHOTS=$(SELARAS_SCREENSHOTS) $(BIN)/pytest $(wildcard tests/web/test_*browser.py) -q

# A long fuzz run, not part of `make test`: FUZZ_FILES broken files (FUZZ_SEED picks another run) imported into
# FUZZ_DATABASE (sqlite or postgres); progress every 500 files, then the count of files per outcome (imported,
# refused per first problem code, crash); every crash, unlocated problem or changed database is listed.
FUZZ_FILES ?= 10000
FUZZ_SEED ?= 1
FUZZ_DATABASE ?= sqlite
fuzz: $(STAMP)
	FUZZ_FILES=$(FUZZ_FILES) FUZZ_SEED=$(FUZZ_SEED) $(BIN)/pytest tests/ingest/test_fuzz.py -q -s \
		-k "imported_or_refused and $(FUZZ_DATABASE)"

# CHAOS_KILLS imports of real SIPD files killed with SIGKILL at random moments (seeded by CHAOS_SEED) on SQLite and
# on PostgreSQL (a schema of its own in $(SELARAS_TEST_POSTGRES_URL)); after each kill the database must hold its
# previous content or the new one, and the next import must succeed (docs/operations.md).
CHAOS_KILLS ?= 30
CHAOS_SEED ?= 1
CHAOS_DATABASE ?= both
chaos: $(STAMP)
	$(BIN)/python -m benchmarks.kill_imports --kills $(CHAOS_KILLS) --seed $(CHAOS_SEED) --database $(CHAOS_DATABASE)

bench: $(STAMP)
	$(BIN)/python -m benchmarks

docs: $(STAMP)
	$(BIN)/python -m selaras.docs docs

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
