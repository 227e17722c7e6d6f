# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PYENV_ROOT ?= $(shell pyenv root 2>/dev/null || echo $(HOME)/.pyenv)

.PHONY: run test venv lint check bench clean

# Finds a Python 3.12+ by running candidates, not by trusting their names:
# pyenv shims for versions not selected exist but fail.
define find_python
for c in "$$PYTHON" python3 python3.13 python3.12 python \
	$$(ls -d $(PYENV_ROOT)/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV) \
	/usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12; do \
	[ -n "$$c" ] || continue; \
	if "$$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$c"; exit 0; fi; \
done; exit 1
endef

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@py=$$($(find_python)) || { \
		echo "No Python 3.12 or newer found. Install one (e.g. 'apt-get install python3.12 python3.12-venv'," >&2; \
		echo "or 'pyenv install 3.12'), or point PYTHON=/path/to/python3.12 at it, then run make again." >&2; \
		exit 1; }; \
	echo "Using $$py ($$($$py --version))"; \
	[ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py compiletranslations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv
	$(PY) manage.py compiletranslations
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Production-mode benchmark (see .ci/bench.py); BENCH_SECONDS per target.
BENCH_SECONDS ?= 10
bench: venv
	$(PY) manage.py compiletranslations
	BENCH_SECONDS=$(BENCH_SECONDS) $(PY) .ci/bench.py

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
