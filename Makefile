# The README's two commands: `make demo` and `make test`. Both work from a fresh clone (with
# ../shared beside it) and twice in a row: every install step is here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared
DOCS := corpus/documents

.PHONY: demo test install install-dev corpus chromium lint format clean

demo: install corpus
	$(BIN)/llzo-kg ingest $(DOCS)
	$(BIN)/llzo-kg query dopant_site_performance
	@echo "The embedded graph server keeps running (data in .llzo-kg/); stop it with: $(BIN)/llzo-kg db stop"

test: install-dev corpus chromium tools/cypher-lint/node_modules
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.created pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

# The review lives in ../shared/corpus (its text is not ours): link it into the ignored
# corpus/documents/ folder, where users also drop their own documents.
corpus:
	@mkdir -p $(DOCS)
	@if [ -d $(SHARED)/corpus ]; then \
		for f in $(SHARED)/corpus/*; do \
			case "$$(basename $$f)" in README*) continue;; esac; \
			ln -sfn "$$(cd "$$(dirname $$f)" && pwd)/$$(basename $$f)" $(DOCS)/; \
		done; \
	else \
		echo "No $(SHARED)/corpus here: put your documents (.md, .txt, .html, .xml, .pdf) in $(DOCS)/"; \
	fi

# Neo4j's own Cypher linter (npm, version pinned in package-lock.json) checks the canned queries
# in the test suite: the Neo4j-side check, since no Neo4j can run here.
tools/cypher-lint/node_modules: tools/cypher-lint/package.json tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund
	touch $@

# The report test opens the HTML report in headless Chromium (Debian package `chromium`):
# installed only when missing.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; \
	fi

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	-$(BIN)/llzo-kg db stop
	rm -rf $(VENV) .llzo-kg
