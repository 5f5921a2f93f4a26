# Puente — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PUENTE := $(BIN)/puente
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck bench messages ci browser-test clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PUENTE) migrate --noinput
	$(PUENTE) demo --if-empty
	$(PUENTE) serve

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

messages: $(STAMP)
	cd src/puente && ../../$(PUENTE) makemessages -l es -l fr -l en --no-obsolete --ignore 'static/*'

bench: $(STAMP)
	$(BIN)/python -m bench

browser-test: $(STAMP)
	$(BIN)/python -m pytest tests/browser -p no:cacheprovider

ci:
	.ci/run

clean:
	rm -rf var/test* .pytest_cache .mypy_cache .ruff_cache
