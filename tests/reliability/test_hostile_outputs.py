"""Hostile outputs, table-driven: every ``-o``, ``--out``, ``--timings`` and ``--json`` of every command
against a directory, a path under a file, ``/proc``, a read-only folder, a named pipe nobody reads,
``/dev/full``, a symbolic link (to a folder, to a victim file, at every name the command may create),
and a pipe that is read.

Refusals (the first table) all happen before any model loads, so every option of every command is run,
each in a fresh ``python -m factdesk`` (two at a time): one ``error:`` line, exit 2, and the work folder
exactly as it was. What needs a command to run to the end (``/dev/full``, links planted at every name
it writes, a pipe with a reader) is run for the commands where a run is cheap (schema, eval ingest,
listen with espeak, batch and monitor with articles that fail at ingest, the store's ``--json``
listings) and, marked slow, for ``check``. The trainers and the model evaluations write through the
same writer (``factdesk.outputs``); their full runs take minutes to hours and are not repeated here.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.reliability.fs import make_fifo, new_store, one_error_line, read_only_dir, snapshot

ARTICLE = ("Harbour Reopens After the Storm\n\n"
           "The harbour reopened on Monday after three days of closure caused by the storm, the port authority said.\n")
NAV = "Home\nNews\nSport\nWeather\nContact us\n"

# option name → (kind of output, argv with {out} for the target, {work} for the work folder)
FILE_OUTPUTS: dict[str, list[str]] = {
    "check -o": ["check", "{work}/article.txt", "-o", "{out}", "--db", "{work}/s.db", "-q"],
    "verify -o": ["verify", "The harbour reopened in 1902.", "-o", "{out}", "--db", "{work}/s.db", "-q"],
    "schema -o": ["schema", "-o", "{out}"],
    "listen -o": ["listen", "{work}/article.txt", "-o", "{out}", "--timings", "{work}/t.json", "--voice", "espeak"],
    "listen --timings": ["listen", "{work}/article.txt", "-o", "{work}/talk.wav", "--timings", "{out}", "--voice",
                         "espeak"],
    "eval checkworthy --json": ["eval", "checkworthy", "--json", "{out}"],
    "eval decontext --json": ["eval", "decontext", "--json", "{out}"],
    "eval claims --json": ["eval", "claims", "--json", "{out}"],
    "eval verdicts --json": ["eval", "verdicts", "--json", "{out}"],
    "eval retrieval -o": ["eval", "retrieval", "-o", "{out}", "--limit", "1"],
    "eval stance --json": ["eval", "stance", "--json", "{out}"],
    "eval propaganda --json": ["eval", "propaganda", "--json", "{out}", "--lexicon"],
    "eval comments --json": ["eval", "comments", "--json", "{out}", "--no-public"],
    "eval ingest --json": ["eval", "ingest", "--data", "{work}/ingest-set", "--json", "{out}"],
    "train comments --out": ["train", "comments", "--out", "{out}"],
}
DIR_OUTPUTS: dict[str, list[str]] = {
    "batch --out": ["batch", "{work}/articles.jsonl", "--out", "{out}", "--db", "{work}/s.db"],
    "monitor --out": ["monitor", "{work}/feed.xml", "--out", "{out}", "--db", "{work}/s.db", "--polls", "1",
                      "--interval", "0"],
    "train verifiable --out": ["train", "verifiable", "--out", "{out}"],
    "train checkworthy --out": ["train", "checkworthy", "--out", "{out}"],
    "train stance --out": ["train", "stance", "--out", "{out}"],
    "train verdict --out": ["train", "verdict", "--out", "{out}"],
    "train propaganda --out": ["train", "propaganda", "--out", "{out}"],
}

#: hostile target kind → (path relative to the case folder or absolute, fragment of the error line)
FILE_KINDS = {
    "a directory": ("a-dir", "is a directory"),
    "a file's child": ("a-file/out.json", "not a folder"),
    "under /proc": ("/proc/factdesk-hostile/out.json", "cannot write"),
    "a read-only folder": ("read-only/out.json", "cannot write"),
    "a pipe nobody reads": ("a-fifo", "no process is reading"),
    "a link to a directory": ("link-to-dir", "is a directory"),
}
DIR_KINDS = {
    "a file": ("a-file", "not a folder"),
    "a file's child": ("a-file/out", "not a folder"),
    "under /proc": ("/proc/factdesk-hostile/out", "cannot write"),
    "a read-only folder": ("read-only/out", "cannot write"),
    "inside a read-only folder": ("read-only", "cannot write"),
    "a pipe": ("a-fifo", "not a folder"),
    "/dev/full": ("/dev/full", "not a folder"),
    "a link to a directory": ("link-to-dir", "symbolic link"),
}

CASES = ([(opt, kind) for opt in FILE_OUTPUTS for kind in FILE_KINDS]
         + [(opt, kind) for opt in DIR_OUTPUTS for kind in DIR_KINDS])


def _work(folder: Path) -> None:
    """The inputs the commands need, and the hostile shapes beside them."""
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a", "text": NAV}) + "\n")
    (folder / "feed.xml").write_text(FEED, encoding="utf-8")
    ingest = folder / "ingest-set"
    (ingest / "html").mkdir(parents=True)
    (ingest / "html" / "a.html").write_text(PAGE, encoding="utf-8")
    (ingest / "cases.jsonl").write_text(json.dumps({"file": "a.html", "must_contain": ["harbour reopened"]}) + "\n")
    (folder / "a-dir").mkdir()
    (folder / "a-file").write_text("x")
    (folder / "read-only").mkdir()
    make_fifo(folder / "a-fifo")
    (folder / "link-to-dir").symlink_to(folder / "a-dir")


FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Inside</title><link>http://127.0.0.1:9/story</link></item></channel></rss>")
PAGE = ("<html><head><title>Harbour</title></head><body><article><h1>Harbour Reopens</h1>"
        "<p>The harbour reopened on Monday after three days of closure caused by the storm, the port "
        "authority said on Tuesday morning in a statement.</p></article></body></html>")


def _args(template: list[str], work: Path, out: str) -> list[str]:
    return [a.format(work=work, out=out) for a in template]


@pytest.fixture(scope="module")
def refusals(tmp_path_factory):
    """Every (option, hostile kind) case run once, two at a time; (proc, before, after, seconds)."""
    import time

    root = tmp_path_factory.mktemp("hostile-outputs")
    folders = {}
    for i, case in enumerate(CASES):
        folders[case] = root / f"case{i:03d}"
        folders[case].mkdir()
        _work(folders[case])

    def one(case):
        option, kind = case
        folder = folders[case]
        template = FILE_OUTPUTS.get(option) or DIR_OUTPUTS[option]
        rel = (FILE_KINDS if option in FILE_OUTPUTS else DIR_KINDS)[kind][0]
        target = rel if rel.startswith("/") else str(folder / rel)
        env = {"FACTDESK_DATA_DIR": str(folder / "data"), "FACTDESK_SHARED_DATA": str(folder / "no-shared-data")}
        with read_only_dir(folder / "read-only"):
            before = snapshot(folder)
            start = time.monotonic()
            proc = run_cli(*_args(template, folder, target), env=env, timeout=120)
            seconds = time.monotonic() - start
            after = snapshot(folder)
        return case, (proc, before, after, seconds)

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, CASES))


@pytest.mark.parametrize("option,kind", CASES, ids=[f"{o} → {k}" for o, k in CASES])
def test_refused_in_one_line_and_nothing_changes(refusals, option, kind):
    proc, before, after, seconds = refusals[(option, kind)]
    fragment = (FILE_KINDS if option in FILE_OUTPUTS else DIR_KINDS)[kind][1]
    line = one_error_line(proc.stderr)
    assert proc.returncode == 2, proc.stderr
    assert fragment in line, line
    assert after == before, f"{option} → {kind} changed the folder"
    assert seconds < 60, f"refused after {seconds:.0f} s: not before the work"


def test_the_table_covers_every_output_option_of_every_command():
    """Every option that names an output file or folder appears in the table."""
    from typer.main import get_command

    from factdesk.cli import app

    found = set()

    def walk(cmd, prefix):
        for name, sub in getattr(cmd, "commands", {}).items():
            walk(sub, prefix + [name])
        for param in getattr(cmd, "params", []):
            opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
            if {"--output", "--out", "--timings", "--json"} & set(opts):
                if param.name == "as_json":  # a flag: the listing goes to stdout (tested below)
                    continue
                found.add(" ".join(prefix) + " " + ("-o" if "-o" in opts else opts[0]))

    walk(get_command(app), [])
    assert found == set(FILE_OUTPUTS) | set(DIR_OUTPUTS)


# -- runs that go to the end ------------------------------------------------------------------------------
def _reader(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    got: list[bytes] = []

    def read():
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    t = threading.Thread(target=read, daemon=True)
    t.start()
    return t, got


def _plant(path: Path, victim: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(victim)


def test_schema_through_links_a_full_device_and_a_read_pipe(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "schema.json"
    for name in ("schema.json", "schema.json.tmp", ".schema.json.tmp"):
        _plant(tmp_path / name, victim)
    proc = run_cli("schema", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n" and not out.is_symlink()
    assert json.loads(out.read_text())["title"] == "Report"

    before = snapshot(tmp_path)
    full = run_cli("schema", "-o", "/dev/full")
    assert full.returncode == 2 and "No space left on device" in one_error_line(full.stderr)
    assert snapshot(tmp_path) == before

    fifo = make_fifo(tmp_path / "pipe")
    thread, got = _reader(fifo)
    piped = run_cli("schema", "-o", str(fifo))
    thread.join(10)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(got[0])["title"] == "Report" and fifo.is_fifo()


def test_eval_ingest_json_through_links_a_full_device_and_a_read_pipe(tmp_path):
    _work(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "result.json"
    _plant(out, victim)
    _plant(tmp_path / "result.json.tmp", victim)
    data = ("--data", str(tmp_path / "ingest-set"))
    proc = run_cli("eval", "ingest", *data, "--json", str(out))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n" and json.loads(out.read_text())["pages"] == 1

    before = snapshot(tmp_path)
    full = run_cli("eval", "ingest", *data, "--json", "/dev/full")
    assert full.returncode == 2 and "No space left on device" in one_error_line(full.stderr)
    assert snapshot(tmp_path) == before

    thread, got = _reader(tmp_path / "a-fifo")
    piped = run_cli("eval", "ingest", *data, "--json", str(tmp_path / "a-fifo"))
    thread.join(10)
    assert piped.returncode == 0, piped.stderr
    assert json.loads(got[0])["pages"] == 1


def test_listen_through_links_at_every_name_it_writes_a_full_device_and_a_read_pipe(tmp_path):
    from factdesk.ingest import load_article
    from factdesk.listen import get_speaker
    from factdesk.listen.synth import cache_key

    _work(tmp_path)
    data = tmp_path / "data"
    env = {"FACTDESK_DATA_DIR": str(data)}
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    key = cache_key(load_article(str(tmp_path / "article.txt")), get_speaker("espeak").voice)
    out = tmp_path / "talk.wav"
    # the cache keeps one WAV master per reading with its timings, beside a lock file
    for name in (out, tmp_path / "talk.wav.json", tmp_path / "talk.wav.tmp", tmp_path / "talk.wav.json.tmp",
                 data / "audio" / f"{key}.wav", data / "audio" / f"{key}.json", data / "audio" / f"{key}.lock"):
        _plant(name, victim)
    proc = run_cli("listen", str(tmp_path / "article.txt"), "-o", str(out), "--voice", "espeak", env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n"
    assert out.read_bytes()[:4] == b"RIFF" and not out.is_symlink()
    assert json.loads((tmp_path / "talk.wav.json").read_text())["path"] == str(out)

    def outside_cache():  # the audio cache may keep what was synthesised: a later run reuses it
        return {k: v for k, v in snapshot(tmp_path).items() if not k.startswith("data")}

    before = outside_cache()
    full = run_cli("listen", str(tmp_path / "article.txt"), "-o", "/dev/full", "--timings", str(tmp_path / "t.json"),
                   "--voice", "espeak", env=env, timeout=120)
    assert full.returncode == 2 and "No space left on device" in one_error_line(full.stderr)
    assert outside_cache() == before  # the timings were not kept either

    thread, got = _reader(tmp_path / "a-fifo")
    piped = run_cli("listen", str(tmp_path / "article.txt"), "-o", str(tmp_path / "a-fifo"), "--timings",
                    str(tmp_path / "t.json"), "--voice", "espeak", "--no-cache", env=env, timeout=120)
    thread.join(10)
    assert piped.returncode == 0, piped.stderr
    assert got[0][:4] == b"OggS" and json.loads((tmp_path / "t.json").read_text())["sentences"]  # no suffix: Ogg


def test_batch_and_monitor_refuse_links_planted_inside_their_folder(tmp_path):
    from factdesk.scale.inputs import job_key

    _work(tmp_path)
    victim_dir = tmp_path / "victim-dir"
    victim_dir.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    batch = ["batch", str(tmp_path / "articles.jsonl"), "--db", str(new_store(tmp_path / "s.db"))]
    for name, target in (("reports", victim_dir), ("errors", victim_dir), ("manifest.jsonl", victim)):
        out = tmp_path / f"out-{name}"
        out.mkdir()
        _plant(out / name, target)
        before = snapshot(tmp_path)
        proc = run_cli(*batch, "--out", str(out))
        assert proc.returncode == 2, proc.stderr
        assert "link" in one_error_line(proc.stderr) or "not a regular file" in proc.stderr
        assert snapshot(tmp_path) == before
    # a link at a report name is replaced, never written through
    out = tmp_path / "out-error-file"
    key = job_key("inline", "a")
    _plant(out / "errors" / f"{key}.json", victim)
    _plant(out / "monitor-state.json", victim)
    proc = run_cli(*batch, "--out", str(out), timeout=120)
    assert proc.returncode == 1, proc.stderr  # the one article fails at ingest
    assert victim.read_text() == "precious\n" and not os.listdir(victim_dir)
    assert json.loads((out / "errors" / f"{key}.json").read_text())["key"] == key
    mon = run_cli("monitor", str(tmp_path / "feed.xml"), "--out", str(out), "--db", str(tmp_path / "s.db"),
                  "--polls", "1", "--interval", "0", timeout=120)
    assert mon.returncode == 0, mon.stderr
    assert victim.read_text() == "precious\n"
    assert not (out / "monitor-state.json").is_symlink() and json.loads((out / "monitor-state.json").read_text())


@pytest.mark.parametrize("args", [["schema"], ["store", "stats", "--json"], ["store", "search", "harbour", "--json",
                                                                           "--mode", "bm25"]],
                         ids=["schema", "store stats --json", "store search --json"])
def test_listings_to_a_full_or_closed_stdout_are_one_line(tmp_path, args):
    from factdesk.evidence.store import open_store
    from factdesk.models import Document
    from tests.doubles import HashEmbedder

    db = tmp_path / "s.db"
    store = open_store(str(db), embedder=HashEmbedder())
    store.add_documents([Document(id=f"d{i}", text=f"The harbour reopened on day {i}. " * 40) for i in range(30)])
    store.close()
    argv = [sys.executable, "-m", "factdesk", *args] + (["--db", str(db)] if args[0] == "store" else [])
    env = {**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml"}
    with open("/dev/full", "wb") as full:
        proc = subprocess.run(argv, stdout=full, stderr=subprocess.PIPE, env=env, timeout=60)
    assert proc.returncode == 2 and "standard output" in one_error_line(proc.stderr.decode())
    closed = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    closed.stdout.close()  # the reader went away (`| head -0`)
    _, err = closed.communicate(timeout=60)
    # small outputs may fit in the pipe before it closes (0); a broken pipe ends the command quietly with
    # exit 1 (the command-line library's convention for `| head`) or says so in one line (2)
    assert closed.returncode in (0, 1, 2) and "Traceback" not in err.decode(), err.decode()
    assert len([ln for ln in err.decode().splitlines() if ln.strip()]) <= 1, err.decode()


@pytest.mark.slow
def test_check_through_links_at_its_output_and_a_full_device(tmp_path):
    _work(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "report.json"
    for name in ("report.json", "report.json.tmp"):
        _plant(tmp_path / name, victim)
    env = {"FACTDESK_DATA_DIR": str(tmp_path / "data")}
    common = ["--db", str(new_store(tmp_path / "s.db")), "--sources", "local", "-f", "json", "-q"]
    runs = {
        "link": ["check", str(tmp_path / "article.txt"), "-o", str(out), *common],
        "full": ["check", str(tmp_path / "article.txt"), "-o", "/dev/full", *common],
    }
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        got = dict(zip(runs, pool.map(lambda a: run_cli(*a, env=env, timeout=600), runs.values())))
    assert got["link"].returncode == 0, got["link"].stderr[-2000:]
    assert victim.read_text() == "precious\n" and not out.is_symlink()
    assert json.loads(out.read_text())["article"]["title"] == "Harbour Reopens After the Storm"
    assert got["full"].returncode == 2 and "No space left on device" in one_error_line(got["full"].stderr)


def test_a_broken_link_at_the_listen_lock_is_replaced_not_followed(tmp_path):
    from factdesk.listen.synth import _locked

    target = tmp_path / "elsewhere" / "made-by-the-link"
    target.parent.mkdir()
    lock = tmp_path / "audio" / "k.lock"
    lock.parent.mkdir()
    lock.symlink_to(target)
    with _locked(lock):
        pass
    assert not target.exists()  # the link's target was never created
    assert lock.is_file() and not lock.is_symlink()
