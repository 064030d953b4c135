# The two entry points of the README; everything installs into .venv/ at the repository root.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint lock audit

$(BIN)/.installed: pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

# Pin every dependency of graphx[dev] from a fresh venv (run after changing pyproject.toml).
lock:
	rm -rf /tmp/graphx-lock-venv && python3 -m venv /tmp/graphx-lock-venv
	/tmp/graphx-lock-venv/bin/pip install -q --upgrade pip
	/tmp/graphx-lock-venv/bin/pip install -q -e ".[dev]"
	{ head -2 requirements.lock; /tmp/graphx-lock-venv/bin/pip freeze --exclude-editable; } \
		> requirements.lock.new && mv requirements.lock.new requirements.lock

# Known vulnerabilities in the locked dependencies (needs the network to PyPI's advisory data).
audit: $(BIN)/.installed
	$(BIN)/pip-audit -r requirements.lock --no-deps --disable-pip --strict

demo: $(BIN)/.installed
	$(BIN)/graphx demo

test: $(BIN)/.installed
	$(BIN)/pytest

# The configured checks: ruff, mypy --strict and the library's doctests (CI runs them too).
lint: $(BIN)/.installed
	$(BIN)/ruff check graphx dashboards tests benchmarks scripts
	$(BIN)/ruff format --check graphx dashboards tests benchmarks scripts
	$(BIN)/mypy --strict graphx dashboards
	$(BIN)/pytest --doctest-modules --import-mode=importlib -q graphx
