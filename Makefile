# luutru: `make run` serves the demo province, `make test` runs every test.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEBIAN_PKGS := chromium tesseract-ocr tesseract-ocr-vie ghostscript fonts-dejavu-core fonts-liberation2 \
  poppler-utils libpango-1.0-0 libpangoft2-1.0-0 libreoffice-writer-nogui libreoffice-calc-nogui
VENDOR := src/luutru/static/vendor
export LUUTRU_DATA ?= $(CURDIR)/data

.PHONY: run test install debian-deps lint layers types serve demo clean

install: $(STAMP) $(VENDOR)/htmx.min.js

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory debian-deps
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# Debian packages the tests and the app use, installed only where missing and we are root.
debian-deps:
	@missing=""; for p in $(DEBIAN_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Cài gói Debian:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Thiếu gói Debian:$$missing (cần quyền root để cài)"; fi; \
	fi

$(VENDOR)/htmx.min.js: package.json
	npm install --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/

run: install
	mkdir -p $(LUUTRU_DATA)
	$(BIN)/luutru migrate --noinput -v 0
	@if [ ! -f $(LUUTRU_DATA)/.demo-loaded ]; then $(BIN)/luutru demo && touch $(LUUTRU_DATA)/.demo-loaded; fi
	$(BIN)/luutru demo --accounts
	$(BIN)/luutru serve

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

# The layers of DESIGN.md §1 (contracts in .importlinter): a lower app importing a higher one fails.
layers: install
	$(BIN)/lint-imports

# Types (mypy + django-stubs, configured in pyproject.toml); the cache in .mypy_cache
# makes a second run take about a second.
types: install
	$(BIN)/mypy src

test: install
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy src
	$(BIN)/pytest -n $${LUUTRU_TEST_PROCESSES:-auto}
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  echo "== Lặp lại các bài kiểm tra dịch vụ trên PostgreSQL =="; \
	  DATABASE_URL=$${LUUTRU_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres} $(BIN)/pytest -n $${LUUTRU_TEST_PROCESSES:-auto} -m "not browser and not api_contract"; \
	else echo "PostgreSQL không chạy: bỏ qua lượt kiểm tra trên PostgreSQL"; exit 1; fi

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
