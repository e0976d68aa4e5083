"""Hostile inputs for ``store add`` and ``listen``: the list ``check`` already passes
(``tests/ingest/test_cli_bad_input.py``, ``test_cli_hostile.py``), through the real CLI. They share
``check``'s reader (``factdesk.ingest.detect``), so each input gets the same one-line refusal, exit 2,
and nothing is created: no store, no audio, no timings.
"""

from __future__ import annotations

import concurrent.futures
import random
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.reliability.fs import make_fifo, one_error_line, snapshot

GARBAGE = random.Random(3).randbytes(64 * 1024)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"

#: name → (file name, bytes or a maker, fragment of the error for store add and for listen)
INPUTS: dict[str, tuple[str, object, str]] = {
    "missing": ("missing.txt", None, "missing.txt"),
    "empty": ("empty.txt", b"", "empty input"),
    "blank": ("blank.txt", b"   \n\n\t \n", "empty input"),
    "binary image": ("image.txt", PNG, "binary file (a PNG image)"),
    "NUL bytes": ("nul.txt", b"The mayor said\x00 the bridge\x00 opens in May.\n" * 200, "binary"),
    "random garbage": ("garbage.txt", GARBAGE, "binary"),
    "binary behind a byte order mark": ("bom.txt", b"\xff\xfe" + bytes(b for i in GARBAGE[:4000] for b in (i % 32, 0)),
                                        "binary"),
    "100 MB (sparse)": ("huge.txt", "sparse", "too large"),
    "named pipe": ("pipe.txt", "fifo", "named pipe"),
    "device": ("zero.txt", "device", "a device"),  # a link to /dev/zero: the name passes, the reader refuses
    "PDF": ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a PDF document"),
}
#: store add only: JSONL and folders (every file of a folder is checked before anything is written)
STORE_ONLY: dict[str, tuple[str, object, str]] = {
    "empty JSONL": ("empty.jsonl", b"\n\n", "no documents"),
    "JSONL pipe": ("pipe.jsonl", "fifo", "not a regular file"),
    "folder with a binary file": ("folder", "folder-binary", "binary"),
    "folder with nothing to read": ("empty-folder", "folder-empty", "no .txt, .md or .html files"),
}
#: listen only: standard input
LISTEN_ONLY = {"stdin empty": b"", "stdin closed": None}


def _make(folder: Path, name: str, content: object) -> str:
    path = folder / name
    if content is None:
        return str(path)
    if content == "sparse":
        with path.open("wb") as fh:
            fh.write(b"A title\nSome words in a line.\n")
            fh.truncate(100 * 1024 * 1024)
    elif content == "fifo":
        make_fifo(path)
    elif content == "device":
        path.symlink_to("/dev/zero")
    elif content == "folder-binary":
        path.mkdir()
        (path / "a.txt").write_text("The harbour reopened on Monday.\n")
        (path / "b.txt").write_bytes(PNG)
    elif content == "folder-empty":
        path.mkdir()
        (path / "notes.csv").write_text("a,b\n")
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    return str(path)


def _run_listen_stdin(folder: Path, data: bytes | None):
    import os

    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml", "FACTDESK_DATA_DIR": str(folder / "data")}
    argv = [sys.executable, "-m", "factdesk", "listen", "-", "-o", str(folder / "talk.wav"), "--voice", "espeak"]
    if data is None:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=60,
                              preexec_fn=lambda: os.close(0))
    else:
        proc = subprocess.run(argv, input=data, capture_output=True, env=env, timeout=60)
    proc.stdout, proc.stderr = proc.stdout.decode(), proc.stderr.decode()
    return proc


CASES = ([("store add", name) for name in [*INPUTS, *STORE_ONLY]] + [("listen", name) for name in INPUTS]
         + [("listen", name) for name in LISTEN_ONLY])


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-inputs")

    def one(case):
        command, name = case
        folder = root / f"{command.replace(' ', '-')}-{abs(hash(name)) % 10**8}"
        folder.mkdir()
        if command == "listen" and name in LISTEN_ONLY:
            before = snapshot(folder)
            return case, (_run_listen_stdin(folder, LISTEN_ONLY[name]), before, snapshot(folder))
        file_name, content, _ = {**INPUTS, **STORE_ONLY}[name]
        source = _make(folder, file_name, content)
        before = snapshot(folder)
        if command == "store add":
            proc = run_cli("store", "add", source, "--db", str(folder / "s.db"), timeout=60)
        else:
            proc = run_cli("listen", source, "-o", str(folder / "talk.wav"), "--voice", "espeak",
                           env={"FACTDESK_DATA_DIR": str(folder / "data")}, timeout=60)
        return case, (proc, before, snapshot(folder))

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, CASES))


@pytest.mark.parametrize("command,name", CASES, ids=[f"{c}: {n}" for c, n in CASES])
def test_refused_in_one_line_and_nothing_is_created(results, command, name):
    proc, before, after = results[(command, name)]
    line = one_error_line(proc.stderr)
    assert proc.returncode == 2, proc.stderr
    fragment = {"stdin empty": "stdin: empty input", "stdin closed": "standard input is closed"}.get(name) \
        or {**INPUTS, **STORE_ONLY}[name][2]
    assert fragment in line, line
    assert after == before  # no store, no audio, no timings, no audio cache


def test_check_refuses_the_same_inputs_with_the_same_words(tmp_path):
    """The reader is one: ``check`` names the new refusals (a pipe, a device) the same way."""
    fifo = make_fifo(tmp_path / "pipe.txt")
    for source, fragment in ((str(fifo), "named pipe"), ("/dev/zero", "a device")):
        proc = run_cli("check", source, timeout=60)
        assert proc.returncode == 2 and fragment in one_error_line(proc.stderr)
