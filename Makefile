# Quotecheck: `make run` starts the app with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
SHARED ?= ../shared
DEV_DATA ?= $(SHARED)/data/dev.jsonl
NEWS_DEV_DATA ?= $(SHARED)/data/news-dev.jsonl
EVAL_VENV ?= .venv-eval
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck format lock eval eval-claims train-claims train-calibration bench loadbench install install-dev browser migrate demo worker clean

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

# Debian's Chromium for the Playwright browser tests (Playwright cannot download browsers here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Zero-setup dev server: SQLite + Celery in eager mode, whatever the shell environment says.
run: export DATABASE_URL=
run: export CELERY_BROKER_URL=
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py loaddemo
	@echo
	@echo "  Quotecheck is starting on http://$(HOST):$(PORT)/  (log in as reviewer / quotecheck-demo)"
	@echo
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole gate CI runs: lint and types first (fast), then every test.
test: $(VENV)/.dev-installed browser lint typecheck
	$(PY) -m pytest $(PYTEST_ARGS)

# Accuracy on the labelled development data, ours and textacy's side by side.
eval: $(VENV)/.dev-installed
	@mkdir -p .eval
	@echo "== check-worthiness (validation split by debate) =="
	@$(PY) -m evaluation.checkworthiness
	$(PY) manage.py extract --jsonl $(DEV_DATA) --out .eval/dev.pred.jsonl --n-process 2
	@echo "== Quotecheck (claims.nlp) =="
	@$(PY) $(SHARED)/eval/score.py $(DEV_DATA) .eval/dev.pred.jsonl
	@echo "== Quotecheck, with gold speaker mentions reduced to the names they contain =="
	@$(PY) -m evaluation.named_speakers $(DEV_DATA) .eval/dev.pred.jsonl
	@$(PY) -m evaluation.pronoun_probe $(DEV_DATA) .eval/dev.pred.jsonl
	$(PY) manage.py extract --jsonl $(NEWS_DEV_DATA) --out .eval/news-dev.pred.jsonl
	@echo "== Quotecheck on news-dev (world news, canonical speaker names) =="
	@$(PY) $(SHARED)/eval/score.py $(NEWS_DEV_DATA) .eval/news-dev.pred.jsonl
	@echo "== news-dev: reliability of confidence against speaker strict-correct =="
	@$(PY) -m evaluation.calibration $(NEWS_DEV_DATA) .eval/news-dev.pred.jsonl
	@test -x $(EVAL_VENV)/bin/python || { $(PYTHON) -m venv $(EVAL_VENV) && $(EVAL_VENV)/bin/pip install -q -r requirements-eval.txt; }
	@$(EVAL_VENV)/bin/python -m evaluation.textacy_baseline $(DEV_DATA) .eval/dev.textacy.jsonl
	@echo "== textacy 0.13 direct_quotations (baseline) =="
	@$(PY) $(SHARED)/eval/score.py $(DEV_DATA) .eval/dev.textacy.jsonl
	@$(PY) -m evaluation.named_speakers $(DEV_DATA) .eval/dev.textacy.jsonl
	@$(EVAL_VENV)/bin/python -m evaluation.textacy_baseline $(NEWS_DEV_DATA) .eval/news-dev.textacy.jsonl
	@echo "== textacy 0.13 direct_quotations on news-dev (baseline) =="
	@$(PY) $(SHARED)/eval/score.py $(NEWS_DEV_DATA) .eval/news-dev.textacy.jsonl

# Check-worthiness on the by-debate validation split: the model, TF-IDF + LR and the old rules side by side.
eval-claims: $(VENV)/.dev-installed
	$(PY) -m evaluation.checkworthiness

# Retrain the committed check-worthiness model (fixed seed) from ../shared/data; writes claims/nlp/models/.
train-claims: $(VENV)/.dev-installed
	nice $(PY) -m training.checkworthiness

# Refit the attribution-confidence calibration (fixed seed) on news-dev and PolNeAR dev; writes
# claims/nlp/models/calibration.json with its out-of-fold reliability. Rerun after any change to the sieve.
train-calibration: $(VENV)/.dev-installed
	nice $(PY) -m training.calibration --n-process 2

# Style and layering: ruff (lint + format) and import-linter's contracts (pyproject.toml).
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(VENV)/.dev-installed
	$(VENV)/bin/mypy

# Re-pin every transitive dependency from requirements*.in (after changing a direct dependency).
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --strip-extras --annotation-style=line --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev-installed
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Throughput against bare nlp.pipe, worker peak RSS, and worst-case inputs against same-length prose.
bench: $(VENV)/.installed
	$(PY) -m bench.extract_speed
	$(PY) -m bench.worst_case
	$(PY) -m bench.claim_scoring
	$(PY) -m bench.api_speed
	$(PY) -m bench.reader_speed

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A factcheck worker --loglevel INFO

clean:
	rm -rf .eval staticfiles tests/artifacts .pytest_cache

# Load bench: gunicorn (production settings) on PostgreSQL with seeded data, driven by hey (Debian's, installed
# when missing); prints req/s, p50/p95/p99, errors and each endpoint's ratio to a bare values() baseline.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/quotecheck_bench
loadbench: $(VENV)/.installed
	@command -v hey >/dev/null 2>&1 || { \
	  echo "Installing Debian's hey for the load bench..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hey >/dev/null; }
	$(PY) -m bench.loadbench --database-url $(BENCH_DATABASE_URL) $(LOADBENCH_ARGS)
