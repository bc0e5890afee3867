# The two set-up commands of the README: `make run` and `make test`.
# Each creates .venv and installs what it needs when absent.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test test-fast bench eval browser-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reviewqa serve

# Debian's Chromium for the browser test; skipped quietly where apt is not ours to use.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo -n apt-get update -qq && sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser"

bench: $(STAMP)
	$(BIN)/python -m reviewqa.eval.bench --out bench.json

eval: $(STAMP)
	$(BIN)/reviewqa eval --json eval-results.json --plot docs/recall_at_k.png

clean:
	rm -rf $(VENV) .reviewqa-index build *.egg-info .pytest_cache
