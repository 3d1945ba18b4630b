# BPO Portal. The two commands: `make run` (set up and serve with demo data) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/bpo_portal

.PHONY: help run test lint format check migrate seed curator serve seed-benchmark expire alerts worker screenshots clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || { python=$$(scripts/find-python) && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime ## Set up everything and serve the site with demo data on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py ensure_demo_curator
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev ## Lint, format check, migration check and the whole test suite
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=bpo_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev ## Ruff lint and format check only
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.runtime ## Django's production deployment check (needs the production variables, see README)
	DJANGO_SETTINGS_MODULE=bpo_portal.settings.production $(PY) manage.py check --deploy --fail-level WARNING

migrate: $(VENV)/.runtime ## Apply migrations
	$(PY) manage.py migrate --noinput

seed: $(VENV)/.runtime ## Replace the data with fresh demo data (VENDORS=150 JOBS=2000 SEED=1)
	$(PY) manage.py seed_demo --flush --vendors $${VENDORS:-150} --jobs $${JOBS:-2000} --seed $${SEED:-1}

curator: $(VENV)/.runtime ## Create or reset the local demo curator account
	$(PY) manage.py ensure_demo_curator

expire: $(VENV)/.runtime ## Expire postings past their expiry date (run daily from cron in production)
	$(PY) manage.py expire_job_postings

seed-benchmark: $(VENV)/.runtime ## Time seed_demo with 100,000 postings on PostgreSQL (PG_URL=...)
	$(PY) bench/seed_benchmark.py --database-url $(PG_URL)_seedbench --jobs $${JOBS:-100000}

alerts: $(VENV)/.runtime ## Queue the saved-search digests that are due (run from cron, e.g. hourly)
	$(PY) manage.py send_job_alerts

worker: $(VENV)/.runtime ## Run a background worker for the task queue (alert emails); Ctrl-C stops it
	$(PY) manage.py db_worker

screenshots: $(VENV)/.dev ## Screenshots of the public pages in headless Chromium (site running on BASE_URL) into docs/screenshots/
	@test -x /usr/bin/chromium || { echo "Needs Debian's Chromium: apt-get install chromium"; exit 1; }
	$(PY) scripts/screenshots.py

clean: ## Remove the venv, the SQLite database, collected static files and test media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-shm db.sqlite3-wal staticfiles .test-media
