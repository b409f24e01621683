# Set-up needs only Python 3.11+, make and git. Everything else goes into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test serve bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload

bench: $(VENV)/.installed
	$(BIN)/python bench/validate.py --markdown docs/performance.md
	$(BIN)/python bench/build.py --serve --markdown docs/performance.md

# Pictures of the example site's timelines for the README and docs/ (Chinese titles need fonts-noto-cjk).
screenshots: $(VENV)/.test-installed
	$(BIN)/python tools/screenshots.py

clean:
	rm -rf $(VENV) site
