# The two set-up commands of the README: `make run` and `make test`.
# Each creates .venv and installs what it needs when absent.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test test-fast lint bench eval browser-deps clean

$(STAMP): pyproject.toml
	@echo "Installing reviewqa and its dependencies into $(VENV) (the first time takes about 7 minutes)..."
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -m pip install --quiet --progress-bar off -e '.[dev]' 2>&1 | grep -v "is ignored" || true
	@$(BIN)/python -c "import reviewqa.ui.cli, faiss, torch, gradio" || { echo "install failed: see the pip output above"; exit 1; }
	@touch $(STAMP)
	@echo "Installed."

run: $(STAMP)
	$(BIN)/reviewqa serve

# Debian's Chromium for the browser test, and axe-core (npm) for its accessibility checks;
# axe-core is skipped quietly where npm is missing (the test then skips the axe checks).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }
	@test -f node_modules/axe-core/axe.min.js || { command -v npm >/dev/null 2>&1 && \
	  npm install --silent --no-save --no-audit --no-fund axe-core@4 >/dev/null 2>&1; } || true

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

# ruff (rules in pyproject.toml) and mypy over the package, both clean; CI runs it.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m reviewqa.eval.bench --out bench.json

eval: $(STAMP)
	$(BIN)/reviewqa eval --json eval-results.json --plot docs/recall_at_k.png

clean:
	rm -rf $(VENV) .reviewqa-index build *.egg-info .pytest_cache
