"""atheris fuzz target for what enters the store: JSONL lines, feed files, MediaWiki dumps,
sentence splitting and full-text query terms. Any bytes → documents or an InputError, nothing else.

    .venv/bin/python tests/store/fuzz_store_input.py -runs=20000 -max_len=4096

The test suite runs a short, seeded run (tests/store/test_fuzz.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["factdesk.evidence"]):
    from factdesk.errors import InputError
    from factdesk.evidence.retrieve import formulate_query
    from factdesk.evidence.store.base import query_terms
    from factdesk.evidence.store.importers import read_feed, read_jsonl, read_mediawiki_dump
    from factdesk.evidence.store.split import passage_sentences

TMP = Path(tempfile.mkdtemp(prefix="fuzz-store-"))
READERS = [(".jsonl", read_jsonl), (".rss", read_feed), (".xml", read_mediawiki_dump)]


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 3)
    rest = fdp.ConsumeBytes(fdp.remaining_bytes())
    if mode == 3:
        text = rest.decode("utf-8", "replace")
        for sent in passage_sentences(text):
            assert sent and sent == sent.strip()
        for term in query_terms(text) + formulate_query(text).split():
            assert term.isalnum(), term
        return
    suffix, reader = READERS[mode]
    path = TMP / f"in{os.getpid()}{suffix}"
    path.write_bytes(rest)
    try:
        for doc in reader(path):
            assert doc.id and isinstance(doc.text, str)
    except InputError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
