"""Nothing lost: a batch killed with SIGKILL mid-run keeps every report it wrote readable and a re-run
finishes without duplicates; a manifest line torn by a crash does not swallow the next record; and
``factdesk store check`` names a corrupted store file (bytes flipped in a copy) with exit code 1."""

from __future__ import annotations

import concurrent.futures
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.reliability.conftest import ROOT, one_error_line

ARTICLES = [
    ("Council approves tram line", "The city council of Leeds voted 31 to 12 on Tuesday to approve a 14-kilometre "
     "tram line.", "Councillor Maria Gomez said the line would cost 420 million pounds."),
    ("Drought cuts wheat harvest", "Farmers in Kansas harvested 240 million bushels of wheat this year, down from "
     "330 million.", "The state agriculture department blamed the driest spring since 1956."),
]
# forty: the kill lands after the first report while most are still to do (a warm check of one of these
# takes about a tenth of a second on an idle machine, so a handful would race the kill); the re-run
# does the rest (models load twice)
ARTICLES += [
    (f"{title} (update {n})", a.replace("Tuesday", f"day {n}"), b) for n in range(1, 20) for title, a, b in ARTICLES[:2]
]


def _manifest(out: Path) -> list[dict]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_batch_killed_mid_run_then_rerun_completes_without_duplicates(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, (title, a, b) in enumerate(ARTICLES):
        (src / f"story-{i}.txt").write_text(f"{title}\n\n{a}\n\n{b}\n", encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "store.db"
    assert run_cli("store", "init", "--db", str(db)).returncode == 0
    args = [sys.executable, "-m", "factdesk", "batch", str(src), "--out", str(out), "--db", str(db),
            "--sources", "local"]
    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml", "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.is_file() and manifest.read_bytes().count(b"\n") >= 1:
            break
        time.sleep(0.05)
    time.sleep(random.Random(5).uniform(0.0, 0.3))  # land anywhere in the next article
    assert proc.poll() is None, "the batch ended before it could be killed: " + proc.stderr.read().decode()[-2000:]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()

    # every report written before the kill reads back whole; no temporary file is mistaken for one
    written = sorted((out / "reports").glob("*.json"))
    assert 0 < len(written) < len(ARTICLES), [p.name for p in written]
    for path in written:
        report = json.loads(path.read_text(encoding="utf-8"))
        assert report["article"]["title"] in {t for t, _, _ in ARTICLES}
    before = {p.name: p.read_bytes() for p in written}
    # … and the copy kept in the store reads back too
    from factdesk.evidence.store import open_store

    store = open_store(str(db))
    try:
        assert store.integrity_check() == []
        for path in written:
            assert json.loads(store.get_report(path.stem)) == json.loads(before[path.name])
    finally:
        store.close()

    again = run_cli("batch", str(src), "--out", str(out), "--db", str(db), "--sources", "local", timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Traceback" not in again.stderr
    reports = sorted((out / "reports").glob("*.json"))
    assert len(reports) == len(ARTICLES)
    titles = sorted(json.loads(p.read_text(encoding="utf-8"))["article"]["title"] for p in reports)
    assert titles == sorted(t for t, _, _ in ARTICLES)
    for name, data in before.items():  # done work is not redone (the file was not rewritten)
        assert (out / "reports" / name).read_bytes() == data
    keys = [m["key"] for m in _manifest(out)]
    assert len(keys) == len(set(keys)), "a finished article was checked and recorded twice"
    assert set(keys) <= {p.stem for p in reports}


def test_torn_manifest_line_does_not_swallow_the_next_record(tmp_path):
    from factdesk.scale import BatchOutput

    out = BatchOutput(tmp_path / "out")
    out.write({"key": "a", "status": "failed", "error": "x"}, "a")
    with out.manifest.open("ab") as fh:  # what SIGKILL in the middle of a write leaves behind
        fh.write(b'{"key": "b", "stat')
    again = BatchOutput(tmp_path / "out")  # the re-run
    again.write({"key": "c", "status": "failed", "error": "y"}, "c")
    lines = out.manifest.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["key"] == "c", lines
    assert json.loads(lines[0])["key"] == "a"


def test_torn_report_file_is_redone_not_trusted(tmp_path):
    from factdesk.scale import BatchOutput

    out = BatchOutput(tmp_path / "out")
    out.report_path("k").write_text('{"article": {"title": "half', encoding="utf-8")
    assert not out.is_done("k")


# -- store check on a damaged copy --------------------------------------------------------------------
@pytest.fixture(scope="module")
def store_copies(tmp_path_factory):
    from factdesk.evidence.store import open_store
    from factdesk.models import Document
    from tests.doubles import HashEmbedder

    tmp = tmp_path_factory.mktemp("corrupt")
    db = tmp / "good.db"
    store = open_store(str(db), embedder=HashEmbedder())
    store.add_documents([
        Document(id=f"d{i}", source="desk",
                 text=f"The council of town {i} approved a budget of {i} million euros on Tuesday. " * 5)
        for i in range(300)
    ])
    store.close()
    assert not Path(str(db) + "-wal").exists() or Path(str(db) + "-wal").stat().st_size == 0
    size = db.stat().st_size
    rng = random.Random(17)
    copies = {"pristine": db}
    for name, offsets in {
        "header": [0, 1, 2, 16, 17],  # the SQLite magic and page size
        "middle": [size // 2 + rng.randrange(4096) for _ in range(40)],  # inside b-tree pages
        "tail": [size - 4096 * 3 + rng.randrange(4096 * 2) for _ in range(40)],
    }.items():
        copy = tmp / f"{name}.db"
        shutil.copy(db, copy)
        data = bytearray(copy.read_bytes())
        for off in offsets:
            data[off] ^= 0xA5
        copy.write_bytes(bytes(data))
        copies[name] = copy
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(copies, pool.map(lambda p: run_cli("store", "check", "--db", str(p), timeout=120),
                                         copies.values())))
    return runs


def test_store_check_passes_a_sound_store(store_copies):
    proc = store_copies["pristine"]
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stdout + proc.stderr


def test_store_check_refuses_a_file_whose_header_is_gone(store_copies):
    proc = store_copies["header"]
    assert proc.returncode == 2
    assert "not a factdesk store" in one_error_line(proc.stderr)


@pytest.mark.parametrize("where", ["middle", "tail"])
def test_store_check_names_damaged_pages(store_copies, where):
    proc = store_copies[where]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    problems = [ln for ln in proc.stdout.splitlines() if ln.startswith("problem:")]
    damage = ("malformed", "corrupt", "out of order", "missing from index", "bad cell", "null value")
    assert problems and any(any(d in p.lower() for d in damage) for p in problems), proc.stdout
