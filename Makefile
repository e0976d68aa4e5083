# factdesk: `make demo` checks the seed article, `make test` runs the whole suite.
# Both set everything up first (Debian packages and .venv) on a fresh machine.
SEED ?= ../shared/seed/article.txt

.PHONY: setup demo test bench

setup:
	@bash scripts/setup.sh

demo: setup
	.venv/bin/factdesk check $(SEED)

# the suite in TEST_WORKERS processes (each loads its own models: about 3 GB of memory apiece), a test
# file to a worker
TEST_WORKERS ?= 2
test: setup
	.venv/bin/python -m pytest -n $(TEST_WORKERS) --dist loadfile

bench: setup
	.venv/bin/python -m bench.run_all
