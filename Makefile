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
APP_ID := org.postwright.Postwright
STANDALONE := dist/standalone/postwright
PYI_WORK := build/pyinstaller

.PHONY: run test test-fast lint typecheck pytest desktop-check sysdeps sysdeps-x11 bench screenshot clean \
  generators vendor \
  package dist icons install-desktop uninstall-desktop

run: sysdeps-x11 $(VENV)/.app-installed vendor
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "No display here: starting the editor on a virtual screen (Xvfb)."; \
	  xvfb-run -a -s "-screen 0 1600x1000x24" $(VENV)/bin/postwright $(SAMPLE); \
	else $(VENV)/bin/postwright $(SAMPLE); fi

test: sysdeps $(VENV)/.test-installed vendor lint typecheck desktop-check pytest

# the inner loop: lint, types and every test but the slow ones (real site builds, property
# tests, the wheel)
test-fast: sysdeps $(VENV)/.test-installed vendor lint typecheck
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -m "not slow"

sysdeps:
	@bash packaging/system-deps.sh offscreen

# the Node generators the integration tests build with (Eleventy, Hexo, Astro), pinned, into a
# cache folder outside the repository; .ci/run does this too
generators:
	@bash tests/integration/install-generators.sh

sysdeps-x11:
	@bash packaging/system-deps.sh x11

# the mermaid build the preview draws diagrams with, into resources/vendor/mermaid/: the version
# pinned in packaging/fetch_mermaid.py, from the npm registry, checked against its integrity and
# cached in ~/.cache/postwright/vendor (quick and silent when the folder already holds it)
vendor:
	@$(PYTHON) packaging/fetch_mermaid.py --quiet

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

$(VENV)/.bench-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --upgrade pip $(QUIET_PIP)
	$(PIP) install -e '.[test,bench]' $(QUIET_PIP)
	@touch $@ $(VENV)/.test-installed $(VENV)/.app-installed

$(VENV)/.package-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --upgrade pip $(QUIET_PIP)
	$(PIP) install -e '.[package]' $(QUIET_PIP)
	@touch $@ $(VENV)/.app-installed

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --extension spec:python editor tests bench packaging
	$(VENV)/bin/ruff format --check --extension spec:python editor tests bench packaging

typecheck: $(VENV)/.test-installed
	$(VENV)/bin/mypy

pytest: $(VENV)/.test-installed vendor
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

# the desktop entry and the AppStream metadata, with the freedesktop tools when installed
# (Debian: desktop-file-utils, appstream; .ci/run installs them)
desktop-check:
	@if command -v desktop-file-validate >/dev/null; then \
	  desktop-file-validate packaging/linux/$(APP_ID).desktop; \
	else echo "desktop-check: no desktop-file-validate (desktop-file-utils); skipped"; fi
	@if command -v appstreamcli >/dev/null; then \
	  appstreamcli validate --no-net packaging/linux/$(APP_ID).metainfo.xml; \
	else echo "desktop-check: no appstreamcli (appstream); skipped"; fi

# the figures: render and editor costs, the window offscreen, and from outside (a real window
# under Xvfb, real key presses, the preview read over DevTools)
bench: sysdeps-x11 $(VENV)/.bench-installed vendor
	@for script in bench/bench_*.py; do echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script; done

screenshot: sysdeps-x11 $(VENV)/.app-installed vendor
	xvfb-run -a -s "-screen 0 1600x1000x24" $(PY) packaging/screenshot.py docs

# the standalone build: one folder with Python, Qt and the resources, smoke-tested
package: sysdeps-x11 $(VENV)/.package-installed vendor
	rm -rf $(STANDALONE) $(PYI_WORK)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath $(dir $(STANDALONE)) \
	  --workpath $(PYI_WORK) packaging/postwright.spec
	bash packaging/smoke_test.sh $(STANDALONE) $(PYI_WORK)/postwright/smoke/postwright-smoke
	@echo "The standalone build is in $(STANDALONE)/ (run $(STANDALONE)/postwright)."

# the wheel and the source distribution, into dist/
dist: $(VENV)/.package-installed
	rm -f dist/postwright-*.whl dist/postwright-*.tar.gz
	$(PY) -m build --outdir dist .

# the PNG icons, rendered again from resources/icons/postwright.svg
icons: $(VENV)/.app-installed
	QT_QPA_PLATFORM=offscreen $(PY) packaging/make_icons.py

# the application menu entry, metadata and icons for the current user (EXEC=program to choose
# what the entry starts; by default the standalone build, else the postwright on PATH)
install-desktop:
	bash packaging/install-desktop.sh $(if $(EXEC),--exec "$(EXEC)")

uninstall-desktop:
	bash packaging/install-desktop.sh --uninstall

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache resources/vendor
