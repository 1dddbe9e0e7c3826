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
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[model,serve,dask,test]'
	touch $(STAMP)

# Debian packages the tests drive for real, installed only when missing: a headless browser
# (chromium) and a second triple store (virtuoso-opensource, whose server is virtuoso-t).
# Each entry is COMMAND:PACKAGE.
SYSTEM_DEPS := chromium:chromium virtuoso-t:virtuoso-opensource

system-deps:
	@missing=""; for dep in $(SYSTEM_DEPS); do \
	  command -v $${dep%%:*} >/dev/null 2>&1 || missing="$$missing $${dep#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian's$$missing for the tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

clean:
	rm -rf $(VENV) .pytest_cache
