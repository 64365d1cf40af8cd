# Two commands matter: `make build` builds the site into site/, `make test` runs every test.
# Both create the virtual environment from the pinned requirements on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

.PHONY: build test serve check lint bench clean import

build: $(RUNTIME)
	$(BIN)/python scripts/build_site.py

test: $(DEV)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests
	$(BIN)/python -m pytest

serve: $(RUNTIME)
	$(BIN)/mkdocs serve --strict

check: $(RUNTIME)
	$(BIN)/python scripts/check_content.py

# Turn existing reports into draft reviews: make import SOURCE=folder-or-file
import: $(RUNTIME)
	$(BIN)/python scripts/import_reports.py "$(SOURCE)"

lint: $(DEV)
	$(BIN)/ruff check hooks scripts tests
	$(BIN)/ruff format --check hooks scripts tests

bench: $(DEV)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/measure_search.py

clean:
	rm -rf site .site-build-* .pytest_cache

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment: on Debian, run 'apt-get install python3-venv' and try again." >&2; exit 1; }

$(RUNTIME): requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(RUNTIME) $@
