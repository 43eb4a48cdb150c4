# layerkit: `make demo` serves the bookshop example; `make test` runs every test.
# Everything is installed into .venv from PyPI on first use (needs only python3, make and git).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SCRATCH := scratch
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: most e2e time is generated projects' tools, one core each.
TEST_WORKERS ?= 2
export PATH := $(CURDIR)/$(BIN):$(PATH)
# Bytecode caches keep start-up fast even where the environment disables them.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install install-tool browser demo test test-fast lint bench bench-api golden clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

# `layerkit` on the PATH: an editable uv tool install of this clone (into ~/.local/bin by default).
install-tool: install
	$(BIN)/uv tool install --force --editable .

demo: install
	rm -rf $(SCRATCH)/bookshop
	$(BIN)/layerkit new --spec examples/bookshop.yaml --dir $(SCRATCH)/bookshop --no-input
	$(MAKE) -C $(SCRATCH)/bookshop run HOST=$(HOST) PORT=$(PORT)

# The admin panel's browser test drives Debian's headless Chromium through its chromedriver.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
		else \
			echo "the admin browser test needs Debian's chromium and chromium-driver: sudo apt-get install chromium chromium-driver" >&2; \
		fi; \
	fi

test: install browser
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/mypy bench  # its scripts import each other as top-level modules: a run of their own
	$(BIN)/lint-imports
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal --durations=20  # an idle worker takes queued tests from a busy one

test-fast: install
	$(BIN)/pytest -q -m "not e2e"

golden: install
	UPDATE_GOLDEN=1 $(BIN)/pytest -q tests/test_golden.py

bench: install
	$(BIN)/python bench/run.py

# The generated API against ../shared/perf's yardsticks (SQLite and PostgreSQL); needs Debian's wrk.
bench-api: install
	@if ! command -v wrk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -q && apt-get install -y -q wrk; \
		else \
			echo "bench-api needs wrk: install Debian's wrk package (sudo apt-get install wrk), then rerun." >&2; \
			exit 1; \
		fi; \
	fi
	$(BIN)/python bench/api.py

clean:
	rm -rf $(VENV) $(SCRATCH) .pytest_cache .mypy_cache .ruff_cache
