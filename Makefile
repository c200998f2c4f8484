# One command per job. `make demo` and `make test` work on a fresh Debian/Ubuntu machine
# with only Python 3.11 on it: they install uv, the locked dependencies and system packages.
SHELL := /bin/bash
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen --no-sync
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: install demo test lint bench assets

$(UV):
	python3 -m venv $(TOOLS) || { echo "Install python3-venv (sudo apt-get install python3-venv)"; exit 1; }
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

install: $(UV)
	$(UV) sync --frozen --quiet

# The demo names its settings itself; nothing else falls back to them (config/settings/require.py).
demo: export DJANGO_SETTINGS_MODULE := config.settings.demo
demo: install
	./scripts/system-packages.sh
	$(RUN) complaintsdesk migrate --no-input -v 0
	$(RUN) complaintsdesk demo
	$(RUN) complaintsdesk demo_serve

test: install
	./scripts/system-packages.sh --test
	$(RUN) pytest

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy complaintsdesk

bench: install
	$(RUN) python -m bench $(ARGS)

# Refresh the vendored GOV.UK Frontend from npm (needs Node.js; see docs/adr/0003).
assets:
	npm install --no-audit --no-fund
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.{css,js} complaintsdesk/static/govuk/
	sed -i -E 's@/[/*]# sourceMappingURL=[^*]*(\*/)?@@' complaintsdesk/static/govuk/govuk-frontend.min.*
	rm -rf complaintsdesk/webroot/assets && cp -r node_modules/govuk-frontend/dist/govuk/assets complaintsdesk/webroot/
