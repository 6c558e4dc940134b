# Alytus strategic development plan site. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# Each recipe runs in one shell, so a trap can stop the services a recipe started.
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
# Re-install only when a requirements file changes.
REQ_HASH := $(shell cat requirements.txt requirements-dev.txt 2>/dev/null | sha1sum | cut -c1-12)
STAMP := $(VENV)/.installed-$(REQ_HASH)
TEST_SETTINGS := cityplan.settings.test
# Extra arguments for pytest, e.g. `make test PYTEST_ARGS="-k news -x"`.
PYTEST_ARGS ?=
# pytest-xdist workers (`auto`: one per CPU; 0 runs the tests in this process). Each worker
# has its own test database, media folder and search indices (cityplan/settings/test.py).
PYTEST_WORKERS ?= auto

# Services the tests need, as <script in scripts/>:<environment variable>. A service whose
# variable is already set is used as given and left alone; otherwise `scripts/<name> start`
# starts a throwaway one, `scripts/<name> url` gives the variable's value, and
# `scripts/<name> stop` stops it when the tests end. Add a service by appending to this list.
SERVICES := postgres:DATABASE_URL opensearch:OPENSEARCH_URL

# Shell code (for one-shell recipes): start the services, side by side in the background,
# and stop on exit the ones this recipe started, whether the recipe succeeds or fails.
# AWAIT_SERVICES waits until they answer and exports their variables; a recipe can do other
# work (the checks) in between.
define START_SERVICES
started=() starting=()
stop_services() {
    { local rc=$$? name; set +x; } 2>/dev/null
    wait || true  # a start still under way, then stop what it started
    for name in "$${started[@]}"; do scripts/$$name stop || true; done
    return $$rc
}
trap stop_services EXIT
for svc in $(SERVICES); do
    name=$${svc%%:*}; var=$${svc#*:}
    if [[ -n "$${!var:-}" ]]; then
        echo "make: $$var is set: using that $$name, not starting one" >&2
        continue
    fi
    if ! scripts/$$name status >/dev/null 2>&1; then
        scripts/$$name start >/dev/null &
        starting+=("$$name:$$!")
        started+=("$$name")
    fi
done
endef

define AWAIT_SERVICES
for job in "$${starting[@]}"; do
    wait "$${job#*:}" || { echo "make: $${job%%:*} did not start" >&2; exit 1; }
done
for svc in $(SERVICES); do
    name=$${svc%%:*}; var=$${svc#*:}
    [[ -z "$${!var:-}" ]] || continue
    export "$$var=$$(scripts/$$name url)"
    echo "make: $$var=$${!var}" >&2
done
endef

# Shell code: run pytest and exit with its status ("no tests collected", 5, fails too).
define RUN_PYTEST
$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)
endef

.PHONY: help venv install system-deps messages run lint format audit backup restore services services-stop test test-fast pytest bench

help: ## List the targets
	@echo "Usage: make <target>"
	echo
	grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) \
		| awk -F ':.*## ' '{ printf "  %-14s %s\n", $$1, $$2 }'
	echo
	echo "Variables: PYTEST_ARGS (extra pytest arguments), PYTEST_WORKERS (auto; 0: no workers),"
	echo "PYTHON (to create .venv; python3)."
	echo "Services for tests: $(SERVICES) (set the variable to use your own)."

venv: $(STAMP) ## Create .venv and install requirements-dev.txt (only when they change)

install: venv ## Same as venv

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

system-deps: ## Install missing Debian packages (chromium, gettext, postgresql-15, java, maven; wrk, nginx, redis for the benchmark)
	@scripts/install-system-deps

messages: venv ## Compile translations (.po -> .mo) when there are any
	@if [[ -n "$$(find . \( -path ./.venv -o -path ./.cache -o -path ./.git \) -prune \
		-o -name '*.po' -print -quit)" ]]; then
		$(MANAGE) compilemessages --ignore=.venv --ignore=.cache
	fi

# The first run creates the administrator and prints its password once; later runs say which
# account to sign in with (load_demo --admin-if-missing, refused unless DEBUG is on).
run: venv messages ## Migrate, load the demo, say how to sign in and serve on http://127.0.0.1:8000 (SQLite)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo --admin-if-missing
	$(MANAGE) runserver 127.0.0.1:8000

lint: venv ## Check code with ruff (lint and formatting)
	@rc=0
	$(VENV)/bin/ruff check . || rc=1
	$(VENV)/bin/ruff format --check . || rc=1
	exit $$rc

format: venv ## Format the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

audit: venv ## Known vulnerabilities in the installed packages (pip-audit), high-severity bandit findings
	# pip-audit asks PyPI's advisory data; packages whose version PyPI does not list are skipped
	# (and listed), never failed.
	$(VENV)/bin/pip-audit --progress-spinner off
	$(VENV)/bin/bandit -q -r . -x ./.venv,./.cache,./node_modules --severity-level high

backup: ## Back up the database (DATABASE_URL, PostgreSQL) and media: BACKUP_DIR (backups/<time>)
	@scripts/backup $(BACKUP_DIR)

restore: ## Restore BACKUP_DIR (from make backup) into DATABASE_URL (an empty database) and media
	@[[ -n "$(BACKUP_DIR)" ]] || { echo "make restore BACKUP_DIR=backups/<time>" >&2; exit 2; }
	scripts/restore $(BACKUP_DIR)

services: system-deps ## Start the test services and print their variables (stop: services-stop)
	@for svc in $(SERVICES); do
		name=$${svc%%:*}; var=$${svc#*:}
		scripts/$$name start >/dev/null
		echo "export $$var=$$(scripts/$$name url)"
	done

services-stop: ## Stop the services started by `make services`
	@for svc in $(SERVICES); do scripts/$${svc%%:*} stop; done

# Shell code (after START_SERVICES): migrate, in the background while the checks and the
# audit run, the databases that the test databases are made as copies of
# (scripts/test-template): PostgreSQL's once PostgreSQL answers, and a SQLite file for the
# SQLite search tests. AWAIT_TEST_TEMPLATES waits for both and tells the tests to use them.
define START_TEST_TEMPLATES
(
    for job in "$${starting[@]}"; do  # PostgreSQL's start, if this recipe started it
        [[ $${job%%:*} == postgres ]] || continue
        while kill -0 "$${job#*:}" 2>/dev/null; do sleep 0.2; done
    done
    DATABASE_URL="$${DATABASE_URL:-$$(scripts/postgres url)}" $(PY) scripts/test-template
) &
postgres_template=$$!
$(PY) scripts/test-template .cache/test-template.sqlite3 &
sqlite_template=$$!
endef

define AWAIT_TEST_TEMPLATES
wait $$postgres_template || { echo "make: the PostgreSQL template was not made" >&2; exit 1; }
wait $$sqlite_template || { echo "make: the SQLite template was not made" >&2; exit 1; }
export CITYPLAN_TEST_TEMPLATE=1
endef

# Shell code: lint, then Django's checks, missing migrations and untranslated messages. They
# need no database (an empty in-memory one), so they run while the services start.
define CHECKS
(
export DATABASE_URL=sqlite://:memory:
set -x
$(VENV)/bin/ruff check .
$(VENV)/bin/ruff format --check .
$(MANAGE) check
$(MANAGE) makemigrations --check --dry-run
scripts/check-translations
)
endef

test: venv system-deps messages ## Lint, check, audit, and run every test (browser tests too) on PostgreSQL
	@$(START_SERVICES)
	export DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS)
	$(START_TEST_TEMPLATES)
	# The audit beside the checks (mostly waiting on PyPI); its output follows theirs.
	audit_log=$$(mktemp)
	$(MAKE) audit >"$$audit_log" 2>&1 &
	audit=$$!
	$(CHECKS)
	wait $$audit && audit_rc=0 || audit_rc=$$?
	cat "$$audit_log"
	rm -f "$$audit_log"
	[[ $$audit_rc -eq 0 ]] || { echo "make: the audit failed" >&2; exit $$audit_rc; }
	$(AWAIT_SERVICES)
	$(AWAIT_TEST_TEMPLATES)
	set -x
	$(RUN_PYTEST)

# The tests not marked slow use no search server: test-fast starts PostgreSQL only.
test-fast: SERVICES := $(filter postgres:%,$(SERVICES))
test-fast: venv system-deps messages ## Lint, check, and run the tests not marked slow (no browser, no search server)
	@$(START_SERVICES)
	export DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS)
	$(START_TEST_TEMPLATES)
	$(CHECKS)
	$(AWAIT_SERVICES)
	$(AWAIT_TEST_TEMPLATES)
	set -x
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup --no-loadscope-reorder -m "not slow" $(PYTEST_ARGS)

pytest: venv system-deps messages ## Run pytest only (no lint, no checks), with the services
	@$(START_SERVICES)
	$(AWAIT_SERVICES)
	export DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS)
	set -x
	$(RUN_PYTEST)

bench: venv system-deps messages ## Benchmark a large site (README, Benchmark; BENCH_SCALE=0.05: quick)
	@$(START_SERVICES)
	$(AWAIT_SERVICES)
	scripts/bench/run
