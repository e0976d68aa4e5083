# factdesk: `make demo` checks the seed article, `make test` runs the whole suite.
# Both set everything up first (Debian packages and .venv) on a fresh machine.
SEED ?= ../shared/seed/article.txt

.PHONY: setup demo test bench

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/factdesk check $(SEED)

test: setup
	.venv/bin/python -m pytest

bench: setup
	.venv/bin/python -m bench.run_all
