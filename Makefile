# Two commands do all the set-up on a fresh machine (see README):
#   make run    create .venv, install perfcheck, lint the bundled examples
#   make test   install the test dependencies too, run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# exit 1 only means "findings"; the job itself succeeded
run: $(VENV)/.installed
	$(BIN)/perfcheck lint examples/ --config examples/perfcheck.toml; test $$? -le 1

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
