# BPO Portal. The two commands: `make run` (set up and serve with demo data) and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/bpo_portal
BENCH_SCALE ?= large
BENCH_ARGS ?=

.PHONY: help run test lint format check migrate seed curator serve seed-benchmark bench bench-load expire alerts worker summaries screenshots e2e clean \
	audit fuzz loadtest faults validate lighthouse

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

# The site and its demo data (requirements-demo.txt adds factory-boy and Faker to requirements.txt).
$(VENV)/.runtime: requirements.txt requirements-demo.txt
	@test -x $(PY) || { python=$$(scripts/find-python) && "$$python" -m venv $(VENV); }
	$(PY) -m pip install --quiet -r requirements-demo.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

run: $(VENV)/.runtime ## Set up everything and serve the site with demo data on http://127.0.0.1:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py ensure_demo_curator
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev node_modules/.package-lock.json ## Lint, format check, migration check and the whole test suite (with the Nu Html Checker)
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

expire: $(VENV)/.runtime ## Expire postings and vendor certifications past their expiry date (run daily from cron in production)
	$(PY) manage.py expire_job_postings
	$(PY) manage.py expire_certifications

seed-benchmark: $(VENV)/.runtime ## Time seed_demo with 100,000 postings on PostgreSQL (PG_URL=...)
	$(PY) bench/seed_benchmark.py --database-url $(PG_URL)_seedbench --jobs $${JOBS:-100000}

bench: $(VENV)/.dev ## Seed or reuse 1,000,000 postings; every scenario cold and warm against two floors, then 150 requests/s open-loop for 5 min (BENCH_SCALE=small: minutes; BENCH_ARGS=...)
	$(PY) bench/run.py --scale $(BENCH_SCALE) $(BENCH_ARGS)

bench-load: $(VENV)/.dev ## The open-loop load of make bench alone: the Zipf mix at 150 requests/s against gunicorn and Redis (BENCH_SCALE, BENCH_ARGS)
	$(PY) bench/run.py --scale $(BENCH_SCALE) --no-scenarios $(BENCH_ARGS)

alerts: $(VENV)/.runtime ## Queue the saved-search digests that are due (run from cron, e.g. hourly)
	$(PY) manage.py send_job_alerts

worker: $(VENV)/.runtime ## Run a background worker for the task queue (alert emails, and the summaries' counts under the production settings); Ctrl-C stops it
	$(PY) manage.py db_worker

summaries: $(VENV)/.runtime ## Serve the kept summaries to the web workers on SUMMARY_SERVICE_SOCKET (production, beside gunicorn); Ctrl-C stops it
	$(PY) manage.py serve_summaries

screenshots: $(VENV)/.dev node_modules/.package-lock.json /usr/bin/chromium ## The README's screenshots, taken by the browser tests, into docs/screenshots/
	E2E=1 SCREENSHOTS_DIR=docs/screenshots $(VENV)/bin/pytest -q -p no:randomly tests/browser/test_screenshots.py

# The npm tools, exactly as package-lock.json pins them: axe-core for the browser tests, vnu-jar (the Nu Html Checker)
# for make test and make validate, lighthouse for make lighthouse. --ignore-scripts: vnu-jar's install script would
# download a Java runtime from GitHub; the checker runs on the system's java.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test, e2e, validate and lighthouse need npm to install their tools: apt-get install npm" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts || { echo "npm ci failed (see above): the tools could not be installed from \
	package-lock.json. Is the npm registry reachable (npm config get registry), and do package.json and \
	package-lock.json agree (npm install, then commit package-lock.json)?" >&2; exit 1; }

# Debian's Chromium for the browser tests (never a downloaded browser); CI runs as root. apt's output goes to
# artifacts/apt-chromium.log and is shown only when the install fails.
/usr/bin/chromium:
	@test "$$(id -u)" = 0 || { echo "make e2e needs Chromium: sudo apt-get install chromium" >&2; exit 1; }
	@mkdir -p artifacts && echo "Installing Debian's chromium (apt-get; log in artifacts/apt-chromium.log)"
	@{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		>artifacts/apt-chromium.log 2>&1 || { tail -n 20 artifacts/apt-chromium.log; \
		echo "apt-get could not install chromium (see above); make e2e needs /usr/bin/chromium" >&2; exit 1; }

e2e: $(VENV)/.dev node_modules/.package-lock.json /usr/bin/chromium ## Browser tests: Debian's Chromium on a seeded server (free port 8110-8119); failures in artifacts/
	E2E=1 $(VENV)/bin/pytest -q -p no:randomly tests/browser $(PYTEST_ARGS)

validate: $(VENV)/.dev node_modules/.package-lock.json ## The Nu Html Checker (needs java) over one page of every kind of a freshly seeded site; 0 errors or it fails
	$(PY) -m checks.validate

lighthouse: $(VENV)/.dev node_modules/.package-lock.json /usr/bin/chromium ## Lighthouse (Debian's Chromium) on 5 pages of a seeded site under the production settings and gunicorn; fails under 100 in best practices or SEO
	$(PY) -m checks.lighthouse

audit: $(VENV)/.dev ## pip-audit: known vulnerabilities in the pinned requirements (needs PyPI's JSON API)
	$(VENV)/bin/pip-audit -r requirements.txt -r requirements-demo.txt -r requirements-dev.txt --no-deps --disable-pip --vulnerability-service pypi

fuzz: $(VENV)/.dev ## Schemathesis, every check, against a served site as each of the 7 roles (FUZZ_EXAMPLES=20 FUZZ_PHASES=examples,fuzzing,stateful)
	loadtest/fuzz.sh

loadtest: $(VENV)/.dev ## Locust against gunicorn + its own PostgreSQL and Redis (DURATION=60 USERS=30); figures last
	$(PY) loadtest/harness.py --duration $${DURATION:-60} --users $${USERS:-30}

faults: $(VENV)/.dev ## The load test while PostgreSQL restarts, Redis stops and mail fails; checks nothing is lost
	$(PY) loadtest/harness.py --faults --duration $${DURATION:-90} --users $${USERS:-30}

clean: ## Remove the venv, the SQLite database, collected static files and test media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-shm db.sqlite3-wal staticfiles .test-media
