# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: setup demo test lint bench fuzz

$(BIN)/newsgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,semantic]'
	touch $@

setup: $(BIN)/newsgraph

# Analyze the bundled example, store it in newsgraph.db (idempotent) and serve it on 127.0.0.1:8000.
demo: setup
	$(BIN)/newsgraph analyze examples/assad-moscow.txt
	$(BIN)/newsgraph ingest --db newsgraph.db examples/assad-moscow.txt
	$(BIN)/newsgraph serve --db newsgraph.db

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# pytest exits 5 when it collected no tests; make treats that as the failure it is.
test: lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/speed.py

# Coverage-guided fuzzing (atheris), longer than the test suite's bounded run: FUZZ_SECONDS per target, every
# target unless FUZZ_TARGETS names some (analyze, readers, detect, html, json, ...). Output in build/fuzz/.
FUZZ_SECONDS ?= 300
fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) PYTHON=$(BIN)/python fuzz/run.sh $(FUZZ_TARGETS)
