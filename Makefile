# HTX Connect. The two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PG_PORT ?= 55432
REDIS_PORT ?= 56379
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:$(PG_PORT)/htx
# pip's configuration here may list local indexes that do not exist; hide the noise.
# With pipefail, a pip failure still fails the line; grep finding nothing does not.
PIP_QUIET := { grep -v "is ignored: it is neither a file nor a directory" || true; }

.PHONY: run test bench audit lint messages

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-base: requirements/base.lock | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements/base.lock 2>&1 | $(PIP_QUIET)
	rm -f $(VENV)/.installed-*
	touch $@

$(VENV)/.installed-test: requirements/test.lock | $(PY)
	$(PY) -m pip install -q --require-hashes -r requirements/test.lock 2>&1 | $(PIP_QUIET)
	rm -f $(VENV)/.installed-*
	touch $@ $(VENV)/.installed-base

## make run: set up and serve the embedded default on http://127.0.0.1:8000
run: $(VENV)/.installed-base
	mkdir -p var
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py demo
	@echo "Serving http://127.0.0.1:8000/ (store /shop/, CMS /cms/). Ctrl-C stops."
	$(PY) manage.py runserver 127.0.0.1:8000

## make test: PostgreSQL, Redis and Chromium from Debian, then the whole suite
# One pytest worker per CPU (pytest-xdist), each with its own test database;
# a file's tests stay in one worker, which keeps module fixtures shared.
XDIST_ARGS ?= -n auto --dist loadfile
test: $(VENV)/.installed-test
	bash tests/scripts/system_packages.sh
	HTX_PG_PORT=$(PG_PORT) bash tests/scripts/postgres.sh
	HTX_REDIS_PORT=$(REDIS_PORT) bash tests/scripts/redis.sh
	DATABASE_URL=$(TEST_DATABASE_URL) TEST_REDIS_URL=redis://127.0.0.1:$(REDIS_PORT) \
	  $(PY) -m pytest $(XDIST_ARGS) $(PYTEST_ARGS)

## make bench: load the site under gunicorn (and Redis) with wrk and print req/s and latency
# BENCH_ARGS="--products 10000" adds generated products; --no-redis, --duration 5...
bench: $(VENV)/.installed-test
	command -v wrk >/dev/null || apt-get install -y -qq wrk
	command -v redis-server >/dev/null || apt-get install -y -qq redis-server
	$(PY) benchmarks/pages.py $(BENCH_ARGS)

## make audit: Lighthouse (mobile, desktop) on the main pages, served like production
# Lighthouse goes into var/tools/ (npm, nothing global); AUDIT_ARGS="--fail-under 95"
# makes a score under 95 fail the target.
audit: $(VENV)/.installed-base
	command -v chromium >/dev/null || apt-get install -y -qq chromium
	command -v npm >/dev/null || apt-get install -y -qq npm
	$(PY) benchmarks/audit.py $(AUDIT_ARGS)

## make lint: ruff (lint, format) and the import contracts between the layers
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Each app keeps its own Vietnamese catalogue, so work on one app never edits
# another's. Needs GNU gettext (apt-get install gettext). The compiled .mo
# files are committed: `make run` needs no gettext.
LOCALE_APPS := marketplace cms matchmaking agreements catalog/catalogue catalog/cooperatives catalog/checkout catalog/shipping catalog/address catalog/partner catalog/basket
messages: $(VENV)/.installed-test
	for dir in $(LOCALE_APPS); do \
	  mkdir -p $$dir/locale; \
	  (cd $$dir && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l vi --no-obsolete \
	    -i "migrations/*" -i "demo/*") ; \
	done
	$(PY) manage.py compilemessages -l vi -i .venv -i var
