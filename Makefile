# Two commands matter: `make build` builds the site into site/, `make test` runs every test.
# Both create the virtual environment from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
IMPORTER := $(VENV)/.import-installed
DEV := $(VENV)/.dev-installed

.PHONY: build test unit site-tests browser-tests serve check lint bench clean engines import offline

# ENGINE=properdocs builds with ProperDocs, the maintained fork of MkDocs 1.6.
ENGINE ?= mkdocs

build: $(RUNTIME)
	$(BIN)/python scripts/build_site.py --engine $(ENGINE)

# A zip of the site that works opened from disk (file://), for training rooms without a network.
offline: build
	$(BIN)/python scripts/offline_bundle.py --site-dir site --output site-offline.zip

# The suite in three speeds: `make unit` after every change (in process, under a minute),
# `make site-tests` (real builds), `make browser-tests` (Chromium). `make test` runs all three,
# a test file per core (TEST_WORKERS=1 runs them one after another).
TEST_WORKERS ?= auto

test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

unit: $(DEV)
	$(BIN)/python -m pytest --layer=unit

site-tests: $(DEV)
	$(BIN)/python -m pytest --layer=site -n $(TEST_WORKERS) --dist loadfile

browser-tests: $(DEV)
	$(BIN)/python -m pytest --layer=browser -n $(TEST_WORKERS) --dist loadfile

serve: $(RUNTIME)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python scripts/preview.py

# STATS=1 also prints each anonymisation rule's recall and false alarms (make check STATS=1).
check: $(RUNTIME)
	$(BIN)/python scripts/check_content.py $(if $(STATS),--stats)

# Turn existing reports into draft reviews: make import SOURCE=folder-or-file. The importer's
# libraries (requirements-import.txt) are installed here, never by make build.
import: $(IMPORTER)
	$(BIN)/python scripts/import_reports.py "$(SOURCE)"

lint: $(DEV)
	$(BIN)/ruff check hooks importer scripts tests
	$(BIN)/ruff format --check hooks importer scripts tests
	$(BIN)/mypy
	PYTHONPATH=hooks:. $(BIN)/lint-imports --no-cache

# Sizes of the generated corpus: `make bench BENCH_SIZES="500"` for one size.
BENCH_SIZES ?= 500 2000 5000

bench: $(DEV)
	$(BIN)/python scripts/bench.py --sizes $(BENCH_SIZES)

engines: $(RUNTIME)
	$(BIN)/python scripts/compare_engines.py

clean:
	rm -rf site site-offline.zip .site-releases .pytest_cache

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian, run 'apt-get install python3-venv' and try again." >&2; exit 1; }

$(RUNTIME): requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(IMPORTER): requirements.txt requirements-import.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-import.txt
	@touch $(RUNTIME) $@

$(DEV): requirements.txt requirements-import.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(RUNTIME) $(IMPORTER) $@
