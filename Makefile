# Two entry points for a fresh machine (Python 3.11 and, for the browser tests, Debian):
#   make run   - install everything, then build the seed articles into exports/
#   make test  - install everything (system packages too), then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install system-deps clean

run: $(STAMP)
	$(BIN)/kg build seeds/ --out exports/

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

install: $(STAMP)

# Pinned versions (requirements.lock) so two installs give the same packages.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[model,test]'
	touch $(STAMP)

# Debian packages the tests drive for real (a headless browser); installed only when missing.
system-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache
