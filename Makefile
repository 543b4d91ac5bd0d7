# The two quick-start commands (see README): `make demo` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

.PHONY: demo test bench coverage lint clean

LOG := $(VENV)/install.log

# pip's own output goes to $(LOG), shown only when the installation fails.
$(VENV)/.installed: pyproject.toml
	@echo "Installing into $(VENV) (log: $(LOG)) ..."
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --upgrade pip > $(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@$(PY) -m pip install -e ".[test]" >> $(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@touch $@

demo: $(VENV)/.installed
	@$(VENV)/bin/kg demo --store .kg --out kg-demo.html

test: $(VENV)/.installed
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check kg tests benchmarks

clean:
	rm -rf .kg kg-demo.html .pytest_cache
