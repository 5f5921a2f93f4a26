# Puente — the two commands a newcomer needs: `make run` and `make test`.
# Needs only Python 3.11 (and make); everything else is installed into .venv, pinned by constraints.txt.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PUENTE := $(BIN)/puente
STAMP := $(VENV)/.installed
LINT_PATHS := $(wildcard src tests bench)

.PHONY: run test install lint typecheck bench messages ci browser-test screenshots clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Serves http://127.0.0.1:8000 (PORT and HOST change it) with a task worker beside it;
# loads the EPE-AP demo the first time, when the database is empty.
run: $(STAMP)
	$(PUENTE) migrate --noinput
	$(PUENTE) demo --if-empty
	$(PUENTE) serve

# The whole suite on SQLite (DATABASE_URL=postgres://… runs it on PostgreSQL). Browser tests: make browser-test.
test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)

typecheck: $(STAMP)
	$(BIN)/mypy src

messages: $(STAMP)
	cd src/puente && ../../$(PUENTE) makemessages -l es -l fr -l en --no-obsolete --ignore 'static/*'

bench: $(STAMP)
	$(BIN)/python -m bench

# Needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium); loads the demo into a temporary folder.
browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider -o addopts="--strict-markers -ra"

# Screenshots of the demo for the README, into docs/img/.
screenshots: $(STAMP)
	PUENTE_SCREENSHOTS=docs/img $(BIN)/python -m pytest tests/browser/test_screenshots.py -p no:cacheprovider -o addopts="-ra"

ci:
	bash .ci/run

clean:
	rm -rf var/test* .pytest_cache .mypy_cache .ruff_cache
