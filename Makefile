# Two commands set everything up from a clean clone: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DIST := dist
#: The Python trees that lint checks and fmt rewrites (mypy's are [tool.mypy] files in pyproject.toml).
PY_TREES := src tests benchmarks

.PHONY: help build test lint fmt docs screenshot bench loadtest clean

## help: list the targets with what each does
help:
	@sed -n 's/^## \([a-z][a-z-]*\): /\1\t/p' $(MAKEFILE_LIST) | expand -t 12

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## build: create the environment; import, reconcile, validate and export the whole catalog (stages whose inputs changed)
build: $(VENV)/.installed
	$(BIN)/aimkg build -o $(DIST)

## test: create the environment, run lint and the whole test suite
test: $(VENV)/.installed lint
	$(BIN)/python -m pytest -n auto

## lint: ruff (lint and format check) on src, tests and benchmarks; mypy on src and benchmarks
lint: $(VENV)/.installed
	$(BIN)/ruff check $(PY_TREES)
	$(BIN)/ruff format --check $(PY_TREES)
	$(BIN)/mypy

## fmt: rewrite data/ and ontology/ in canonical Turtle, and format the Python code lint checks
fmt: $(VENV)/.installed
	$(BIN)/python -m aimkg.io.canonical data ontology
	$(BIN)/ruff format $(PY_TREES)
	$(BIN)/ruff check --fix $(PY_TREES)

## docs: regenerate docs/cli-reference.md from every command's --help (a test fails when it is stale)
docs: $(VENV)/.installed
	$(BIN)/python -m aimkg.cli.reference docs/cli-reference.md

#: The version page the README shows: a reconciled model served on several platforms, with its price charts.
SCREENSHOT_PAGE ?= id/version/claude-sonnet-4-20250514.html

## screenshot: docs/version-page.png from the built catalog's site (make build first; needs chromium)
screenshot: $(VENV)/.installed
	$(BIN)/aimkg site --catalog --no-validate -o build/site
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,3150 \
		--screenshot=docs/version-page.png file://$(CURDIR)/build/site/$(SCREENSHOT_PAGE)

## loadtest: 8 clients against `aimkg serve --catalog` on 127.0.0.1 (make build first); req/s, p50/p99, errors, memory
loadtest: $(VENV)/.installed
	$(BIN)/python benchmarks/loadtest.py

## clean: remove the environment, dist/ and the tools' caches
clean:
	rm -rf $(VENV) $(DIST) .pytest_cache .mypy_cache .ruff_cache

## bench: load/export/query at 1M triples beside rdflib and serdi, every step at 10k, 100k and 1M, the site and query store (catalog, 1M), the models.dev history, costs beside genai-prices, the catalog build
bench: $(VENV)/.installed
	@command -v serdi >/dev/null || echo "serdi not found (apt-get install serdi): the load reference will be missing"
	$(BIN)/python -m benchmarks.bench --triples 1000000
	$(BIN)/python -m benchmarks.scaling
	$(BIN)/python -m benchmarks.history
	$(BIN)/python -m benchmarks.cost
	$(BIN)/python -m benchmarks.publish --triples 1000000
	$(BIN)/python -m benchmarks.build
