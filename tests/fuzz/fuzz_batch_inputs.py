"""atheris fuzz target for batch inputs (``factdesk batch`` / ``monitor``): any bytes as a JSONL file
of articles or as a feed → jobs, or one ``InputError`` naming the file — nothing else.

    .venv/bin/python tests/fuzz/fuzz_batch_inputs.py -runs=20000 -max_len=4096

The suite runs a short, seeded run (tests/reliability/test_fuzz_short.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["factdesk.scale.inputs", "factdesk.ingest.feeds", "factdesk.ingest.detect"]):
    import factdesk.ingest.feeds  # noqa: F401 - imported lazily by inputs; imported here so it is instrumented
    from factdesk.errors import InputError
    from factdesk.scale.inputs import _jobs_from_feed, _jobs_from_jsonl

TMP = Path(tempfile.mkdtemp(prefix="fuzz-batch-"))


def TestOneInput(data: bytes) -> None:  # noqa: N802 - atheris' name
    fdp = atheris.FuzzedDataProvider(data)
    as_feed = fdp.ConsumeBool()
    rest = fdp.ConsumeBytes(fdp.remaining_bytes())
    try:
        if as_feed:
            jobs = _jobs_from_feed(rest, "fuzz-feed")
        else:
            path = TMP / f"in{os.getpid()}.jsonl"
            path.write_bytes(rest)
            jobs = _jobs_from_jsonl(path)
    except InputError as exc:
        assert "\n" not in str(exc), str(exc)
        return
    for job in jobs:
        assert job.key and job.kind in ("url", "inline", "article", "path"), job


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
