# The two quick-start commands (see README): `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo test bench coverage lint clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/kg demo --store .kg --out kg-demo.html

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check kg tests benchmarks

clean:
	rm -rf .kg kg-demo.html .pytest_cache
