# The README's two commands: `make demo` and `make test`. Both work from a fresh clone (with
# ../shared beside it) and twice in a row: every install step is here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED := ../shared
DOCS := corpus/documents

.PHONY: demo demo-neo4j test install install-dev corpus chromium neo4j-launcher lint format clean

demo: install corpus
	$(BIN)/llzo-kg ingest $(DOCS)
	$(BIN)/llzo-kg query dopant_site_performance
	@echo "The embedded graph server keeps running (data in .llzo-kg/); stop it with: $(BIN)/llzo-kg db stop"

# Optional: the same on a real Neo4j 5.26 (tools/neo4j; needs Java 17+ and Maven), left running
# with Neo4j Browser for the canned queries (docs/neo4j-browser.md).
demo-neo4j: install corpus neo4j-launcher
	$(BIN)/llzo-kg db start --engine neo4j
	@uri=$$($(BIN)/llzo-kg db status --engine neo4j --format json \
		| $(BIN)/python -c 'import json, sys; print(json.load(sys.stdin)["uri"])'); \
	set -e; \
	NEO4J_URI=$$uri $(BIN)/llzo-kg ingest $(DOCS); \
	NEO4J_URI=$$uri $(BIN)/llzo-kg query dopant_site_performance; \
	echo "Neo4j keeps running: export NEO4J_URI=$$uri for more queries, Neo4j Browser at the address above; stop it with: $(BIN)/llzo-kg db stop --engine neo4j"

test: install-dev corpus chromium tools/cypher-lint/node_modules tools/neo4j-browser/node_modules neo4j-launcher
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

# A real Neo4j 5.26 for the tests and `make demo-neo4j`: the launcher of tools/neo4j, built by
# Maven, which fetches Neo4j Community and Neo4j Browser from Maven Central into ~/.m2 once (GPLv3
# jars, never committed). Without Java 17+ and Maven this says so and the test suite leaves its
# Neo4j half out (with one message at the end of the run).
NEO4J_STAMP := tools/neo4j/target/.built
neo4j-launcher:
	@if command -v mvn >/dev/null && command -v java >/dev/null; then \
		$(MAKE) --no-print-directory $(NEO4J_STAMP); \
	else \
		echo "No Java/Maven here: the Neo4j launcher (tools/neo4j) is not built; the tests run on FalkorDB only"; \
	fi

$(NEO4J_STAMP): tools/neo4j/pom.xml $(shell find tools/neo4j/src -name '*.java')
	rm -rf tools/neo4j/target/lib  # no jar of a previous version left on the classpath
	mvn -q -B -Dstyle.color=never -f tools/neo4j/pom.xml compile
	touch $@

# The Neo4j Browser test drives Browser in the system Chromium with playwright-core (npm, version
# pinned in package-lock.json; it downloads no browser of its own).
tools/neo4j-browser/node_modules: tools/neo4j-browser/package.json tools/neo4j-browser/package-lock.json
	npm ci --prefix tools/neo4j-browser --no-audit --no-fund
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
	-$(BIN)/llzo-kg db stop --engine neo4j
	rm -rf $(VENV) .llzo-kg
