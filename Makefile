# Two commands do all set-up on a fresh machine: `make run` and `make test`.
# Every target is idempotent: a second run reuses the virtualenv, npm packages and database.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
COLLAB := $(BIN)/collab
HOST ?= 127.0.0.1
PORT ?= 5000
GOVUK_DIST := node_modules/govuk-frontend/dist/govuk
STATIC_GOVUK := survey/static/govuk
SECRET_FILE := instance/secret-key
DEMO_ROUND := demo-2026
# Welsh interface strings: the .po is the source (committed), the .mo is built here.
CATALOGUES := templates/translations/cy/LC_MESSAGES/messages.mo
SYSTEM_FONTS := system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif
# The secret key lives in instance/ (git-ignored), made once per checkout.
export COLLAB_SECRET_KEY = $(shell cat $(SECRET_FILE) 2>/dev/null)
export COLLAB_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test setup setup-test chromium java poppler assets translations lint clean mutation

run: setup
	$(COLLAB) init-db
	$(COLLAB) demo
	@echo
	@echo "Try these (the invitation link below is new and unused):"
	@printf '  Questionnaire (invitation link): '; $(COLLAB) invites create --round $(DEMO_ROUND) --council E07900001 --count 1
	@echo "  Staff sign-in:   $(COLLAB_BASE_URL)/sign-in  as admin@, lead@, facilitator@ or analyst@demo.invalid"
	@echo "                   (one password for all four, in instance/demo-password.txt)"
	@echo "  Council results: $(COLLAB_BASE_URL)/results/$(DEMO_ROUND)/E07900001"
	@echo "  Action plan:     $(COLLAB_BASE_URL)/workspace/$(DEMO_ROUND)/E07900001/actions"
	@echo "  Partnership:     $(COLLAB_BASE_URL)/partnerships/1/$(DEMO_ROUND)  (lead@ leads Dunholme, a member)"
	@echo
	@# Plain http on this machine only: cookies cannot be marked Secure here.
	COLLAB_SESSION_COOKIE_SECURE=false $(COLLAB) serve --host $(HOST) --port $(PORT)

test: setup-test chromium java poppler
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

setup: $(VENV)/.installed assets $(CATALOGUES) $(SECRET_FILE) chromium

setup-test: setup $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed setup.cfg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# GOV.UK Frontend comes from npm; copy its built files into the package's static folder
# (git-ignored) so that an installed app serves them too. This is not a GOV.UK service, so
# the GDS Transport font is swapped for the system font stack as the CSS is copied.
assets: $(STATIC_GOVUK)/.copied

$(STATIC_GOVUK)/.copied: node_modules/.package-lock.json Makefile
	rm -rf $(STATIC_GOVUK)
	mkdir -p $(STATIC_GOVUK)
	sed 's/font-family:GDS Transport,arial,sans-serif/font-family:$(SYSTEM_FONTS)/g' \
		$(GOVUK_DIST)/govuk-frontend.min.css > $(STATIC_GOVUK)/govuk-frontend.min.css
	cp $(GOVUK_DIST)/govuk-frontend.min.js $(STATIC_GOVUK)/
	cp -r $(GOVUK_DIST)/assets $(STATIC_GOVUK)/assets
	touch $@

templates/translations/%/LC_MESSAGES/messages.mo: templates/translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -d templates/translations -l $* >/dev/null

# For developers: find strings newly marked for translation and add them to the catalogue
# (untranslated); tests/test_translations.py fails until each has its Welsh text.
translations: $(VENV)/.installed
	mkdir -p build
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext --no-location --sort-output \
		--project collab-maturity -o build/messages.pot .
	$(BIN)/pybabel update -i build/messages.pot -d templates/translations --no-fuzzy-matching \
		--width 100

$(SECRET_FILE):
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

# Debian's Chromium draws the PDF charts (kaleido) and runs the browser tests.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		(apt-get install -y --no-install-recommends chromium || (apt-get update && apt-get install -y --no-install-recommends chromium)); \
	else \
		echo "Chromium is missing. Install it with: sudo apt-get install -y chromium"; \
		if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

# The W3C Nu HTML checker (npm's vnu-jar) runs on Java in the browser tests.
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		(apt-get install -y --no-install-recommends default-jre-headless || (apt-get update && apt-get install -y --no-install-recommends default-jre-headless)); \
	else \
		echo "Java is missing (the W3C HTML checker in the tests needs it): sudo apt-get install -y default-jre-headless"; \
		if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

# Poppler's pdftotext and pdftoppm read the printed reports back in the tests (text in
# reading order, and page 1 of each report saved as a PNG).
poppler:
	@if command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		(apt-get install -y --no-install-recommends poppler-utils || (apt-get update && apt-get install -y --no-install-recommends poppler-utils)); \
	else \
		echo "Poppler is missing (the report tests read PDFs back with it): sudo apt-get install -y poppler-utils"; \
		if [ "$$CI" = "true" ]; then exit 1; fi; \
	fi

# Mutation testing of scoring/ against tests/scoring/ (slow; not part of `make test`).
# Results: `.venv/bin/mutmut results`; one mutant: `.venv/bin/mutmut show NAME`.
mutation: setup-test
	$(BIN)/pip install --quiet -e '.[mutation]'
	$(BIN)/mutmut run

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules $(STATIC_GOVUK)
