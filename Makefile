# Set-up needs only Python 3.11+, make and git. Everything else goes into .venv, pinned with
# hashes in requirements/ (`make lock` writes those files from pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALL := $(BIN)/python -m pip install --quiet --require-hashes
UV_VERSION := 0.13.9
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test serve bench screenshots lock upgrade clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Milepost itself goes in last, without dependencies: everything it needs came from the lock,
# and `pip check` says so when pyproject.toml gained a dependency the lock does not have yet.
$(VENV)/.installed: $(BIN)/python requirements/build.txt pyproject.toml
	$(INSTALL) -r requirements/build.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@$(BIN)/python -m pip check || { echo "requirements/ is older than pyproject.toml: run 'make lock'" >&2; exit 1; }
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed requirements/test.txt
	$(INSTALL) -r requirements/test.txt
	touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

serve: $(VENV)/.installed
	$(BIN)/milepost serve

bench: $(VENV)/.installed
	$(BIN)/python bench/validate.py --markdown docs/performance.md
	$(BIN)/python bench/build.py --serve --markdown docs/performance.md
	$(BIN)/python bench/history.py --markdown docs/performance.md

# Pictures of the example site's timelines for the README and docs/ (Chinese titles need fonts-noto-cjk).
screenshots: $(VENV)/.test-installed
	$(BIN)/python tools/screenshots.py

# The lock, from the public package index whatever pip or uv is configured with here: test.txt has
# every extra of pyproject.toml, build.txt the same versions without the extras. Both also pin pip and
# the build backend. `make lock` keeps every pin it can and adds what is new; `make upgrade` moves
# everything to the newest releases pyproject.toml allows.
COMPILE = env -u UV_INDEX -u UV_DEFAULT_INDEX -u UV_INDEX_URL -u UV_EXTRA_INDEX_URL -u UV_FIND_LINKS \
	$(BIN)/uv pip compile pyproject.toml - --no-config --universal --python-version 3.11 --generate-hashes \
	--quiet --custom-compile-command 'make lock' $(LOCK_FLAGS)
TOOLING = $(BIN)/python -c "import tomllib; print('pip', *tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')"

$(BIN)/uv: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(BIN)/uv
	@mkdir -p requirements
	$(TOOLING) | $(COMPILE) --all-extras -o requirements/test.txt
	$(TOOLING) | $(COMPILE) -c requirements/test.txt -o requirements/build.txt

upgrade: LOCK_FLAGS := --upgrade
upgrade: lock

clean:
	rm -rf $(VENV) site
