# Two commands on a fresh machine (only python3 >= 3.11 and make needed):
#   make run   - serve the app on http://localhost:8501 with the demo data
#   make test  - ruff, mypy (strict on refresh_core) and pytest
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DB := $(if $(REFRESH_DB),$(REFRESH_DB),data/refresh.duckdb)
PORT ?= 8501

.PHONY: run test lint typecheck pytest pytest-postgres postgres demo bench browser clean

$(PY):
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	@if test -f "$(DB)"; then $(PY) -m refresh_core --db "$(DB)" demo --repair || true; \
	else $(PY) -m refresh_core --db "$(DB)" demo; fi
	$(PY) -m ui.serve --server.address localhost --server.port $(PORT) \
		--server.headless true --browser.gatherUsageStats false

demo: $(VENV)/.runtime
	$(PY) -m refresh_core --db "$(DB)" demo

# Debian's Chromium for the real-browser tests, Caddy (the compose file's reverse proxy) for the
# several-servers test, docker-compose to validate compose.yaml, poppler's pdftoppm to render PDFs;
# the suite skips with a reason if any cannot be had.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
		echo "Chromium not installed: browser tests will be skipped."; }
	@command -v caddy >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		apt-get install -y -qq caddy >/dev/null || \
		echo "Caddy not installed: the several-servers browser test will be skipped."; }
	@command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || { \
		[ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		apt-get install -y -qq docker-compose >/dev/null || \
		echo "docker-compose not installed: 'docker compose config' of compose.yaml will be skipped."; }
	@command -v pdftoppm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		apt-get install -y -qq poppler-utils >/dev/null || \
		echo "pdftoppm not installed: PDF pages will be checked by pypdf only."; }

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .

typecheck: $(VENV)/.dev
	$(VENV)/bin/mypy

pytest: $(VENV)/.dev browser
	$(VENV)/bin/pytest

# The same suite on PostgreSQL: tools/with_postgres.sh starts a throwaway cluster (initdb, pg_ctl, a non-root
# user, a free loopback port) and sets REFRESH_DATABASE_URL; each test gets a fresh database from a template.
# Without PostgreSQL's binaries the script says so and the pass is skipped (exit 77), never silently.
# The page tests (AppTest) run here too: tests/pages/conftest.py points the app at the test's own database.
# The browser tests run here too (PG_BROWSER_TESTS: all of tests/e2e): each app server they start gets a fresh
# PostgreSQL database (tests/e2e/conftest.py `serve`), and the two behind the proxy share one.
PG_TESTS ?= tests/cli tests/health tests/hosting tests/imports tests/ingest tests/meeting tests/pages \
	tests/people tests/recruitment tests/reports tests/test_architecture.py tests/test_core_purity.py \
	tests/test_db.py tests/test_meetings.py tests/test_partnerships.py tests/test_postgres_store.py \
	tests/test_provenance.py tests/test_words_core.py
PG_BROWSER_TESTS ?= tests/e2e
# PostgreSQL's server binaries for the second pass (Debian's package), installed when missing and root.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		[ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		(apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) || \
		echo "PostgreSQL not installed: the PostgreSQL pass will be skipped."; }

pytest-postgres: $(VENV)/.dev postgres browser
	@code=0; tools/with_postgres.sh sh -c '$(VENV)/bin/pytest -q -m "not browser" $(PG_TESTS) && \
		$(VENV)/bin/pytest -q -m browser $(PG_BROWSER_TESTS)' || code=$$?; \
	if [ $$code = 77 ]; then echo "*** PostgreSQL pass SKIPPED (see the reason above) ***"; exit 0; fi; exit $$code

test: lint typecheck pytest pytest-postgres

bench: $(VENV)/.dev
	$(PY) bench/health_bench.py
	$(PY) bench/import_bench.py
	$(PY) bench/recruitment_bench.py
	$(PY) bench/meeting_pages_bench.py
	$(PY) bench/meetings_bench.py
	$(PY) bench/portfolio_bench.py

clean:
	rm -rf $(VENV) test-output .mypy_cache .ruff_cache
