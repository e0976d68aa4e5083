"""atheris fuzz target for ingest: any bytes → an Article or an InputError, nothing else.

Run standalone (libFuzzer flags apply)::

    .venv/bin/python tests/fuzz/fuzz_ingest.py -runs=20000 -max_len=8192
    .venv/bin/python tests/fuzz/fuzz_ingest.py tests/data/ingest  # seed corpus directory

The test suite runs it for a few hundred inputs (tests/ingest/test_fuzz.py).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["factdesk.ingest"]):
    from factdesk.errors import InputError
    from factdesk.ingest import article_from_bytes, article_from_html, article_from_text


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    rest = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if mode == 0:
            article_from_bytes(rest, origin="fuzz")
        elif mode == 1:
            article_from_text(rest.decode("utf-8", "replace"))
        else:
            article_from_html(rest.decode("utf-8", "replace"))
    except InputError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
