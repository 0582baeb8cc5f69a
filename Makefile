# The two commands a new user needs: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
CELERY := $(VENV)/bin/celery -A config
VENV_STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed
ASSETS_STAMP := static/vendor/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format worker beat bench bench-http load setup assets db messages clean

run: setup db ## Set up, load demo data and serve with a Celery worker and beat
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops the web server, worker and beat)"
	@trap 'kill 0' INT TERM; \
	$(CELERY) worker --loglevel=info --concurrency=2 & \
	$(CELERY) beat --loglevel=info & \
	$(PY) manage.py runserver $(HOST):$(PORT); \
	kill 0

test: setup ## Set up and run the whole test suite
	$(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: setup
	$(CELERY) worker --loglevel=info

beat: setup
	$(CELERY) beat --loglevel=info

bench: setup db
	$(PY) manage.py bench

# Throughput of every page through gunicorn and wrk, as a share of /health/'s. Needs PostgreSQL
# (DATABASE_URL) seeded with `seed_demo --scale national`, and Debian's wrk.
# make bench-http [BENCH_SECONDS=5] [ONLY="factory list"]
BENCH_SECONDS ?= 5
ONLY ?=
bench-http: setup
	$(PY) manage.py bench_http --duration $(BENCH_SECONDS) $(if $(ONLY),--only "$(ONLY)")

# A mixed working day of many people at once, on a copy of the database DATABASE_URL names:
# make load [LOAD_USERS=50] [LOAD_SECONDS=60]
LOAD_USERS ?= 50
LOAD_SECONDS ?= 60
load: setup
	$(PY) manage.py load --users $(LOAD_USERS) --seconds $(LOAD_SECONDS)

setup: $(VENV_STAMP) $(ASSETS_STAMP)

db: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py seed_demo --scale small

# Compiles every catalogue: locale/en and the admin's Thai in core/locale_admin (edited by hand).
messages: setup ## Refresh the English catalogue after changing Thai texts
	$(PY) manage.py makemessages -l en --no-obsolete -i ".venv/*" -i "node_modules/*" -i "var/*"
	$(PY) manage.py makemessages -d djangojs -l en --no-obsolete -i ".venv/*" -i "node_modules/*" -i "var/*" -i "static/vendor/*"
	$(PY) manage.py compilemessages -i ".venv" -i "node_modules"

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Front-end assets are copied from node_modules into static/vendor; nothing comes from a CDN.
$(ASSETS_STAMP): $(NPM_STAMP)
	rm -rf static/vendor
	mkdir -p static/vendor/bootstrap static/vendor/bootstrap-icons/fonts static/vendor/htmx \
		static/vendor/chartjs static/vendor/sarabun
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
		node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map \
		static/vendor/bootstrap/
	cp node_modules/bootstrap-icons/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp node_modules/bootstrap-icons/font/fonts/* static/vendor/bootstrap-icons/fonts/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map static/vendor/chartjs/
	for subset in thai latin; do for face in 400-normal 400-italic 600-normal 700-normal; do \
		cp node_modules/@fontsource/sarabun/files/sarabun-$$subset-$$face.woff2 \
		   node_modules/@fontsource/sarabun/files/sarabun-$$subset-$$face.woff static/vendor/sarabun/; \
	done; done
	touch $@

clean:
	rm -rf $(VENV) node_modules static/vendor var
