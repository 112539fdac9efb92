# SPDX-License-Identifier: EUPL-1.2
# The two commands of the README: `make run` and `make test`. Everything else is a step.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
# nginx and redis-server: the cluster test starts its own proxy and cache, each with its own
# configuration and port; the Debian services themselves are never used.
TEST_PACKAGES := $(RUN_PACKAGES) chromium fonts-liberation nginx redis-server
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the suite is CPU-bound and every machine here has two cores (each worker gets
# its own test database, live server and Chromium). loadgroup keeps the tests of one
# xdist_group on one worker: the cluster tests share one cluster instead of starting two.
# The slowest tests are listed at the end, so that a run drifting towards CI's time shows where.
PYTEST_ARGS ?= -n 2 --dist loadgroup --durations=15

.PHONY: run test checks audit audit-code audit-dependencies venv system-packages \
	test-system-packages messages check-messages lint lock load-venv fuzz bench clean

run: system-packages $(BIN)/.installed compiled-messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: test-system-packages $(BIN)/.installed compiled-messages checks
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The conventions, before any test runs (docs/adr/0013-layers-and-checks.md): lint and format,
# no model change without its migration, the layers between apps, the types of every app's
# services and selectors; then the code's high-severity patterns (audit-code, below).
checks: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --no-input
	$(BIN)/lint-imports
	$(BIN)/mypy
	@$(MAKE) --no-print-directory audit-code

# The supply chain (docs/adr/0018-operations-dependencies.md): the code for high-severity
# patterns, and the pinned set against the known vulnerabilities PyPI publishes, read from the
# lock without installing anything. `checks` runs only the first for now: PyPI's per-version JSON
# API, where pip-audit reads the vulnerabilities, does not answer from CI's network (ADR 18).
audit: audit-code audit-dependencies

# --strict: without it a package that could not be looked up is skipped with a warning, and an
# audit of nothing exits 0. An audit that did not happen must not look like a pass.
audit-dependencies: $(BIN)/.installed
	@$(BIN)/pip-audit --requirement requirements.lock --require-hashes --disable-pip --strict \
		--vulnerability-service pypi --progress-spinner off \
	|| { echo; echo "make audit: FAILED. Either a pinned package has a known vulnerability (listed" \
		"above: upgrade it in requirements.lock), or PyPI's vulnerability data could not be read" \
		"for a package (the error above). Nothing was audited as passing." >&2; exit 1; }

audit-code: $(BIN)/.installed
	$(BIN)/bandit --configfile pyproject.toml --recursive elan --severity-level high \
		--confidence-level medium

# Bad input at scale (docs/performance.md): the public API fuzzed with schemathesis and every
# form with Hypothesis through its view, 10,700 cases; fails on any server error. On PostgreSQL:
# make fuzz FUZZ_ARGS="--database-url postgres://postgres@127.0.0.1:5432/elan_bench_fuzz"
fuzz: $(BIN)/.installed compiled-messages
	$(BIN)/python bench/fuzz.py $(FUZZ_ARGS)

system-packages:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Elan needs Python 3.11 or newer.")'
	@scripts/ensure-system-packages $(RUN_PACKAGES)

test-system-packages:
	@scripts/ensure-system-packages $(TEST_PACKAGES)

# Every file installed is checked against its hash in the lock, pip's own first: the pip a new
# venv starts with (23.2 with Python 3.11.7) refuses a hashed lock in which one package asks for
# an extra of another (weasyprint's fonttools[woff]); the pinned one accepts it.
define pinned-pip
sed -n '/^pip==/,/^[^ ]/{/^pip==/p;/^ *--hash/p;}' requirements.lock > $(1)/pip-requirement.txt
$(1)/bin/python -m pip install --quiet --require-hashes --no-deps -r $(1)/pip-requirement.txt
endef

$(BIN)/.installed: requirements.lock
	@# A venv left half-made by an interrupted run has no pip: start it again.
	$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(call pinned-pip,$(VENV))
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

# The load generator in a virtualenv of its own: locust brings gevent, which the application and
# its tests never load (docs/adr/0018-operations-dependencies.md).
LOAD_VENV := .venv-load

load-venv: $(LOAD_VENV)/.installed

$(LOAD_VENV)/.installed: bench/load/requirements.txt requirements.lock
	$(LOAD_VENV)/bin/python -m pip --version >/dev/null 2>&1 \
		|| { rm -rf $(LOAD_VENV) && $(PYTHON) -m venv $(LOAD_VENV); }
	$(call pinned-pip,$(LOAD_VENV))
	$(LOAD_VENV)/bin/python -m pip install --quiet --require-hashes -r bench/load/requirements.txt
	touch $@

compiled-messages: $(BIN)/.installed
	@$(BIN)/python manage.py translations compile

.PHONY: compiled-messages

messages: $(BIN)/.installed
	$(BIN)/python manage.py translations update

check-messages: $(BIN)/.installed
	$(BIN)/python manage.py translations check

lint: checks

# Both locks with a hash for every file of each pinned version; versions already in a lock stay
# unless `UPGRADE="--upgrade-package NAME"` asks for one.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes \
		$(UPGRADE) -o requirements.lock
	$(BIN)/uv pip compile bench/load/requirements.in --python-version 3.11 --generate-hashes \
		$(UPGRADE) -o bench/load/requirements.txt

clean:
	rm -rf $(VENV) $(LOAD_VENV) var
