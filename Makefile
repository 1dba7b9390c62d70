# argmap developer commands. Only Python 3.11+ is needed; everything else is
# installed into .venv from the hash-pinned lock files in requirements/.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= output
PIP    := $(BIN)/python -m pip --disable-pip-version-check
#: packages that dependencies ask for with an extra (see make lock)
EXTRA_PINS := smart-open[http] lxml[html_clean]

.PHONY: demo test install install-test lint eval bench lock clean

## demo: install argmap and run it on every sample corpus in corpora/, writing to output/
demo: $(VENV)/.runtime
	$(BIN)/argmap run corpora/*/ --out $(OUT)

## test: install the test dependencies and run the whole test suite
test: $(VENV)/.test
	$(BIN)/python -m pytest

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer (found " + sys.version.split()[0] + "); run: make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements/runtime.txt pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/runtime.txt
	$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.test: $(VENV)/.runtime requirements/test.txt
	$(PIP) install --require-hashes -r requirements/test.txt
	@touch $@

install: $(VENV)/.runtime
install-test: $(VENV)/.test

## lint: ruff over the code
lint: $(VENV)/.test
	$(BIN)/ruff check argmap tests benchmarks training requirements
	$(BIN)/ruff format --check argmap tests benchmarks training requirements

## eval: measure quality against ../shared/eval (see docs/evaluation.md)
eval: $(VENV)/.runtime
	$(BIN)/python -m argmap.evaluation all

## bench: speed and memory benchmarks (see docs/benchmarks.md)
bench: $(VENV)/.runtime
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_relate.py

## lock: regenerate the hash-pinned lock files from pyproject.toml (needs network to PyPI)
lock: | $(BIN)/python
	$(PIP) install -q uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --no-header -o requirements/runtime.txt
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes --no-header -o requirements/test.txt
	# pins that a dependency asks for with an extra are pinned with it too (why:
	# requirements/pin_extras.py)
	$(BIN)/python requirements/pin_extras.py requirements/runtime.txt requirements/test.txt -- $(EXTRA_PINS)

clean:
	rm -rf $(VENV) $(OUT) build dist *.egg-info
