# Everything a reader, contributor or CI needs, from a fresh clone with Python 3.11+ and make.
# `make html` and `make test` create .venv and install the pinned requirements on first use.

PYTHON     ?= python3
VENV       ?= .venv
BIN        := $(VENV)/bin
BUILDDIR   ?= _build
# Strict by default: nitpicky, warnings are errors, but report all of them before failing.
SPHINXOPTS ?= -n -W --keep-going
SPHINX     := $(BIN)/sphinx-build
# Debian packages the full test suite uses (browser search test, PDF, EPUB).
DEB_PACKAGES := chromium chromium-driver

.DEFAULT_GOAL := help
.PHONY: help html livehtml check test lint system-deps clean

help:
	@echo "make html        build the site into $(BUILDDIR)/html (creates $(VENV) on first use)"
	@echo "make livehtml    live preview; rebuilds on edits to pages, _data/ and _ext/"
	@echo "make check       validate _data/catalog.yaml only (fast, same messages as the build)"
	@echo "make test        lint, then run the whole test suite"
	@echo "make lint        ruff lint and format check"
	@echo "make system-deps install the Debian packages the tests need (root, apt-get)"
	@echo "make clean       remove $(BUILDDIR)"

$(VENV)/.docs-installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.docs-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

html: $(VENV)/.docs-installed
	$(SPHINX) -b html $(SPHINXOPTS) . $(BUILDDIR)/html
	@echo "Open $(BUILDDIR)/html/index.html"

livehtml: $(VENV)/.dev-installed
	$(BIN)/sphinx-autobuild -b html $(SPHINXOPTS) --watch _data --watch _ext \
		--re-ignore '(_build|\.venv|__pycache__)/' . $(BUILDDIR)/livehtml

check: $(VENV)/.docs-installed
	PYTHONPATH=_ext $(BIN)/python -m llm_catalog check _data/catalog.yaml

test: lint
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check _ext tests conf.py
	$(BIN)/ruff format --check _ext tests conf.py

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "Debian packages present: $(DEB_PACKAGES)"; fi

clean:
	rm -rf $(BUILDDIR)
