# Postwright: `make run` opens the editor on the sample post; `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check --quiet
# the machine's pip configuration may name local mirrors that are absent; that is not an error
QUIET_PIP := 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
SAMPLE := resources/sample/welcome-to-postwright.md

.PHONY: run test lint typecheck pytest sysdeps sysdeps-x11 bench screenshot clean

run: sysdeps-x11 $(VENV)/.app-installed
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display here: starting the editor on a virtual screen (Xvfb)."; \
	  xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/postwright $(SAMPLE); \
	else $(VENV)/bin/postwright $(SAMPLE); fi

test: sysdeps $(VENV)/.test-installed lint typecheck pytest

sysdeps:
	@bash packaging/system-deps.sh offscreen

sysdeps-x11:
	@bash packaging/system-deps.sh x11

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --upgrade pip $(QUIET_PIP)
	$(PIP) install -e . $(QUIET_PIP)
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --upgrade pip $(QUIET_PIP)
	$(PIP) install -e '.[test]' $(QUIET_PIP)
	@touch $@ $(VENV)/.app-installed

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check editor tests bench
	$(VENV)/bin/ruff format --check editor tests bench

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy

pytest: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

bench: $(VENV)/.test-installed
	@for script in bench/bench_*.py; do echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script; done

screenshot: sysdeps-x11 $(VENV)/.app-installed
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) packaging/screenshot.py docs

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
