# Set-up and everyday commands. `make demo` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.kg-installed
MODEL_STAMP := $(VENV)/.kg-model

.PHONY: demo test setup browser clean

demo: setup
	$(VENV)/bin/kg build seeds/ --out output/

test: setup browser
	$(PY) -m pytest -q

setup: $(STAMP) $(MODEL_STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools wheel numpy

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# The pkuseg segmentation model, from the pkuseg sdist on the package index (never at run time),
# and kg's compiled copy of it (kg/nlp/segmenter.py).
$(MODEL_STAMP): $(STAMP) kg/nlp/install.py kg/nlp/segmenter.py
	$(PY) -m kg.nlp.install
	touch $@

# Headless Chromium and a CJK font for the HTML view tests (Debian packages).
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi wqy || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }

clean:
	rm -rf output/kg.* output/graph.html output/ontology.ttl output/shapes.ttl output/store .pytest_cache
