"""atheris fuzz target for the claim stage's text handling: sentence splitting (spans must index the
body exactly) and relative-date resolution (any text, any publication date → text and ISO dates).

    .venv/bin/python tests/fuzz/fuzz_claims.py -runs=20000 -max_len=4096
    .venv/bin/python bench/fuzz_all.py            # every target, results in bench/results/fuzz.json

The suite runs a short, seeded run (tests/reliability/test_fuzz_short.py).
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

import atheris

with atheris.instrument_imports(include=["factdesk.claims"]):
    from factdesk.claims.relative_dates import parse_published, resolve_relative_dates
    from factdesk.claims.sentences import MAX_SENTENCE_CHARS, split_sentences
    from factdesk.models import PARAGRAPH_SEPARATOR


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    fdp = atheris.FuzzedDataProvider(data)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        paragraphs = [p for p in text.split("\n") if p.strip()]
        sentences, warnings = split_sentences(paragraphs)
        body = PARAGRAPH_SEPARATOR.join(paragraphs)
        for sent in sentences:
            s, e = sent.span
            assert body[s:e] == sent.text and sent.text, (sent, body)
            assert len(sent.text) <= MAX_SENTENCE_CHARS
        assert all(isinstance(w, str) for w in warnings)
    elif mode == 1:
        published = date(1900, 1, 1) + timedelta(days=fdp.ConsumeIntInRange(0, 73000))
        future = fdp.ConsumeBool()
        text = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        new_text, values = resolve_relative_dates(text, published, future=future)
        assert isinstance(new_text, str)
        for iso in values:
            if iso.count("-") == 2:
                date.fromisoformat(iso)
    else:
        value = fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes())
        got = parse_published(value)
        assert got is None or isinstance(got, date)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
