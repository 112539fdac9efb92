# SPDX-License-Identifier: EUPL-1.2
# The two commands of the README: `make run` and `make test`. Everything else is a step.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_PACKAGES := python3-venv gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium fonts-liberation
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers: the suite is CPU-bound and every machine here has two cores (each worker gets
# its own test database, live server and Chromium).
PYTEST_ARGS ?= -n 2

.PHONY: run test checks venv system-packages test-system-packages messages check-messages lint bench clean

run: system-packages $(BIN)/.installed compiled-messages
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: test-system-packages $(BIN)/.installed compiled-messages checks
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The conventions, before any test runs (docs/adr/0013-layers-and-checks.md): lint and format,
# no model change without its migration, the layers between apps, the types of every app's
# services and selectors.
checks: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run --no-input
	$(BIN)/lint-imports
	$(BIN)/mypy

system-packages:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Elan needs Python 3.11 or newer.")'
	@scripts/ensure-system-packages $(RUN_PACKAGES)

test-system-packages:
	@scripts/ensure-system-packages $(TEST_PACKAGES)

$(BIN)/.installed: requirements.lock
	@# A venv left half-made by an interrupted run has no pip: start it again.
	$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV) && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $@

compiled-messages: $(BIN)/.installed
	@$(BIN)/python manage.py translations compile

.PHONY: compiled-messages

messages: $(BIN)/.installed
	$(BIN)/python manage.py translations update

check-messages: $(BIN)/.installed
	$(BIN)/python manage.py translations check

lint: checks

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var
