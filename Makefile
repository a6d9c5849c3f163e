# Two commands for a newcomer: `make run` and `make test`. Both set everything up first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup system-packages migrate lint clean

$(INSTALLED): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(INSTALLED)

# Fonts that cover Hangul (lettering), PDF tools and Chromium (the admin's browser test); installed
# when we are allowed to, else named.
system-packages:
	@if fc-list 2>/dev/null | grep -qi nanum && command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		(apt-get install -y -qq fonts-nanum poppler-utils chromium >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-nanum poppler-utils chromium >/dev/null 2>&1)) || \
		echo "warning: could not install fonts-nanum/chromium; Hangul lettering falls back to the bundled font, browser tests skip"; \
	else echo "note: install fonts-nanum, poppler-utils and chromium for Hangul lettering, PDF checks and browser tests"; fi

setup: $(INSTALLED) system-packages

migrate: setup
	$(BIN)/python manage.py migrate --no-input

run: migrate
	$(BIN)/python manage.py run_demo
	@echo "Webtoon Studio at http://$(HOST):$(PORT)/admin/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) db.sqlite3 var .pytest_cache
