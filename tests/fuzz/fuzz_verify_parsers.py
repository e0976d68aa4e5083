"""atheris fuzz target for verify's number, unit and date parsing: any text → well-formed quantities
and dates, and comparisons that always answer yes or no.

    .venv/bin/python tests/fuzz/fuzz_verify_parsers.py -runs=20000 -max_len=2048

The suite runs a short, seeded run (tests/reliability/test_fuzz_short.py).
"""

from __future__ import annotations

import math
import sys

import atheris

with atheris.instrument_imports(include=["factdesk.verify.numbers", "factdesk.verify.dates"]):
    from factdesk.verify.dates import compare_dates, extract_dates
    from factdesk.verify.numbers import compare_numbers, extract_quantities


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    fdp = atheris.FuzzedDataProvider(data)
    claim = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 1200))
    source = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
    for text in (claim, source):
        for q in extract_quantities(text):
            assert 0 <= q.start < q.end <= len(text) and not math.isnan(q.value), q
        for d in extract_dates(text):
            assert text[d.start:d.end] == d.text and (d.month is None or 1 <= d.month <= 12), d
    for check in compare_numbers(claim, source):
        assert isinstance(check.agrees, bool)
        check.describe()
    for check in compare_dates(claim, source):
        assert isinstance(check.agrees, bool)
        check.describe()


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
