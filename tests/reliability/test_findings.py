"""The twelve findings of the second hostile probe (issue 23), one test (or a few) each, through the real
CLI (a ``python -m factdesk`` subprocess) or a real server (uvicorn on 127.0.0.1 in a thread). Each of
these failed on the code before the fixes; the wider tables are in ``test_hostile_outputs.py``,
``test_hostile_inputs.py`` and ``test_fs_properties.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers import run_cli
from tests.reliability.fs import make_fifo, new_store, one_error_line, snapshot

ARTICLE = ("Harbour Reopens After the Storm\n\n"
           "The harbour reopened on Monday after three days of closure caused by the storm, the port authority said.\n\n"
           "Ferries will run on a reduced timetable until Friday, according to the operator.\n")
NAV = "Home\nNews\nSport\nWeather\nContact us\n"


def _article(tmp: Path) -> Path:
    path = tmp / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- 1. every stage bounds its own work ----------------------------------------------------------------
@pytest.mark.slow
def test_1_an_article_over_a_million_characters_is_checked_with_a_warning(tmp_path):
    """spaCy refuses a parse over 1,000,000 characters; the analysis stage used to hand it the whole body."""
    words = "the harbour board met again and the ferries ran late while the council argued about the budget"
    filler = ", ".join([words] * 560)  # ≈ 53,000 characters, no full stop
    text = ARTICLE + "\n" + "\n\n".join([filler] * 20) + "\n"
    assert len(text) > 1_020_000
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "report.json"
    proc = run_cli("check", str(src), "-f", "json", "-o", str(out), "--sources", "local", "--db",
                   str(new_store(tmp_path / "store.db")), "--quiet", env={"FACTDESK_DATA_DIR": str(tmp_path / "data")},
                   timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert len(report["article"]["paragraphs"]) == 22  # the whole article is in the report
    assert any("analysed for language" in w for w in report["warnings"]), report["warnings"]
    assert report["timings"]["analyse"] > 0


# -- 2. -o never follows a planted symbolic link ---------------------------------------------------------
def test_2_a_link_planted_at_the_old_temporary_name_is_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    out = tmp_path / "schema.json"
    (tmp_path / "schema.json.tmp").symlink_to(victim)  # the predictable name the writer used to use
    out.symlink_to(victim)  # and one at the output itself: replaced, never written through
    proc = run_cli("schema", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "precious\n"
    assert not out.is_symlink() and json.loads(out.read_text())["title"] == "Report"
    assert (tmp_path / "schema.json.tmp").is_symlink()  # left alone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.json", "schema.json.tmp", "victim.txt"]


def test_2_a_standard_stream_is_written_straight_not_replaced(tmp_path):
    proc = run_cli("schema", "-o", "/dev/fd/1")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Report"


# -- 3. a named pipe as input never hangs ----------------------------------------------------------------
@pytest.mark.parametrize("command", ["check", "store", "listen"])
def test_3_a_fifo_as_input_is_refused_at_once(tmp_path, command):
    fifo = make_fifo(tmp_path / ("input.txt" if command != "store" else "input.jsonl"))
    args = {"check": ("check", str(fifo)),
            "store": ("store", "add", str(fifo), "--db", str(tmp_path / "s.db")),
            "listen": ("listen", str(fifo), "-o", str(tmp_path / "a.wav"), "--voice", "espeak")}[command]
    start = time.monotonic()
    proc = run_cli(*args, timeout=30)  # the code before the fix waited forever for a writer
    assert time.monotonic() - start < 30
    assert proc.returncode == 2
    assert "named pipe" in one_error_line(proc.stderr) or "regular file" in proc.stderr
    assert not (tmp_path / "s.db").exists() and not (tmp_path / "a.wav").exists()


# -- 4. store add reads files the way check does ------------------------------------------------------
def test_4_store_add_refuses_binary_and_decodes_utf16(tmp_path):
    db = tmp_path / "s.db"
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 64)
    proc = run_cli("store", "add", str(binary), "--db", str(db))
    assert proc.returncode == 2 and "binary" in one_error_line(proc.stderr)
    assert not db.exists()

    utf16 = tmp_path / "note.txt"
    utf16.write_bytes("Zürich Föhn\n\nThe Föhn wind warmed Zürich by eleven degrees on Tuesday.\n".encode("utf-16"))
    proc = run_cli("store", "add", str(utf16), "--db", str(db), "-q", timeout=300)
    assert proc.returncode == 0, proc.stderr
    hits = run_cli("store", "search", "Föhn wind Zürich", "--db", str(db), "--mode", "bm25", "--json", "-k", "5")
    assert hits.returncode == 0, hits.stderr
    passages = [json.loads(line)["passage"] for line in hits.stdout.splitlines()]
    text = " ".join(p["text"] for p in passages)
    assert "The Föhn wind warmed Zürich by eleven degrees" in text and "\x00" not in text and "Ã" not in text
    assert {p["title"] for p in passages} == {"Zürich Föhn"}


# -- 5. read-only commands never write into a file that is not a factdesk store ------------------------------
@pytest.mark.parametrize("shape", ["zero_bytes", "empty_sqlite"])
@pytest.mark.parametrize("command", [("stats",), ("check",), ("search", "harbour", "--mode", "bm25"),
                                     ("delete-source", "feed")])
def test_5_read_only_commands_leave_a_foreign_file_untouched(tmp_path, shape, command):
    import apsw

    db = tmp_path / "target.db"
    if shape == "zero_bytes":
        db.write_bytes(b"")
    else:
        conn = apsw.Connection(str(db))
        conn.execute("PRAGMA user_version = 7")  # a valid, empty SQLite database (4 KB)
        conn.close()
    before = snapshot(tmp_path)
    proc = run_cli("store", *command, "--db", str(db))
    assert proc.returncode == 2
    assert "not a factdesk store" in one_error_line(proc.stderr)
    assert snapshot(tmp_path) == before  # same bytes, no -wal or -shm beside it


# -- 6. output errors are one line, never a traceback ----------------------------------------------------------
def _hostile_targets(tmp: Path) -> dict[str, Path]:
    afile = tmp / "a-file"
    afile.write_text("x")
    (tmp / "a-dir").mkdir()
    return {"under_a_file": afile / "out", "under_proc": Path("/proc/factdesk-test/out"), "a_file": afile,
            "a_dir": tmp / "a-dir"}


@pytest.mark.parametrize("where", ["a_file", "under_proc"])
def test_6_batch_out_that_cannot_be_a_folder(tmp_path, where):
    src = tmp_path / "articles.jsonl"
    src.write_text(json.dumps({"id": "a", "text": NAV}) + "\n")
    target = _hostile_targets(tmp_path)[where]
    before = snapshot(tmp_path)
    proc = run_cli("batch", str(src), "--out", str(target), "--db", str(tmp_path / "s.db"))
    assert proc.returncode == 2 and "cannot write" in one_error_line(proc.stderr)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["under_a_file", "under_proc", "a_dir"])
def test_6_listen_output_that_cannot_be_written_fails_before_the_synthesis(tmp_path, where):
    src = _article(tmp_path)
    target = _hostile_targets(tmp_path)[where]
    before = snapshot(tmp_path)
    start = time.monotonic()
    proc = run_cli("listen", str(src), "-o", str(target), "--voice", "espeak",
                   env={"FACTDESK_DATA_DIR": str(tmp_path / "data")})
    assert proc.returncode == 2 and "cannot write" in one_error_line(proc.stderr)
    assert not (tmp_path / "data").exists(), "nothing was synthesised"
    assert snapshot(tmp_path) == before
    assert time.monotonic() - start < 20


def test_6_a_full_stdout_is_one_line(tmp_path):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "factdesk", "schema"], stdout=full, stderr=subprocess.PIPE,
                              env={**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml"}, timeout=60)
    stderr = proc.stderr.decode()
    assert proc.returncode == 2
    assert "No space left on device" in one_error_line(stderr)


def test_6_check_with_stdin_closed_is_one_line(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "factdesk", "check", "-"], stdin=subprocess.DEVNULL,
                          capture_output=True, preexec_fn=lambda: os.close(0),
                          env={**os.environ, "FACTDESK_CONFIG": "/nonexistent.toml"}, timeout=60)
    assert proc.returncode == 2
    assert "standard input is closed" in one_error_line(proc.stderr.decode())


# -- 7. a failed command leaves nothing behind ---------------------------------------------------------------
def test_7_check_onto_a_directory_fails_at_once_and_leaves_nothing(tmp_path):
    src = _article(tmp_path)
    target = tmp_path / "reports"
    target.mkdir()
    before = snapshot(tmp_path)
    start = time.monotonic()
    proc = run_cli("check", str(src), "-o", str(target), "--db", str(tmp_path / "s.db"), "--quiet")
    assert proc.returncode == 2 and "is a directory" in one_error_line(proc.stderr)
    assert snapshot(tmp_path) == before  # no reports.tmp, no store
    assert time.monotonic() - start < 20  # refused before any model loaded


@pytest.mark.parametrize("timings", ["/dev/full", "under_a_file"])
def test_7_listen_keeps_no_audio_when_the_timings_cannot_be_written(tmp_path, timings):
    src = _article(tmp_path)
    afile = tmp_path / "a-file"
    afile.write_text("x")
    target = "/dev/full" if timings == "/dev/full" else str(afile / "timings.json")
    out = tmp_path / "out" / "talk.wav"
    before = snapshot(tmp_path)
    proc = run_cli("listen", str(src), "-o", str(out), "--timings", target, "--voice", "espeak", "--no-cache",
                   env={"FACTDESK_DATA_DIR": str(tmp_path / "data")}, timeout=120)
    assert proc.returncode == 2 and "cannot write" in one_error_line(proc.stderr)
    after = snapshot(tmp_path)
    after = {k: v for k, v in after.items() if not k.startswith("data")}
    assert after == before  # no talk.wav, no out/ folder, no temporary file


# -- 8-10. the server ---------------------------------------------------------------------------------------
KEY = "0123456789abcdef0123456789abcdef"
DAMAGED = "fedcba9876543210fedcba9876543210"
SECURITY = ("content-security-policy", "x-content-type-options", "x-frame-options")


@pytest.fixture
def server_config(tmp_path, monkeypatch):
    from factdesk.config import load_config

    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("FACTDESK_API_TOKEN", raising=False)

    def make(**server):
        cfg = load_config(db=str(tmp_path / "store.db"))
        cfg.server = cfg.server.model_copy(update=server)
        return cfg

    return make


def _serve_with_reports(cfg, reports: dict[str, str]):
    from tests.web.conftest import ThreadServer

    srv = ThreadServer(cfg)
    srv.__enter__()
    for key, text in reports.items():
        srv.app.state.web.jobs.reports.save(key, text, {"kind": "report", "title": "Marathon report"})
    return srv


def _report_json() -> str:
    from tests.report.reports import rich_report

    return rich_report().to_json()


def test_8_absolute_urls_come_from_the_config_and_foreign_hosts_are_refused(server_config):
    srv = _serve_with_reports(server_config(public_url="https://desk.example.org"), {KEY: _report_json()})
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            evil = c.get(f"/api/checks/{KEY}/claimreview", headers={"Host": "evil.example"})
            assert evil.status_code == 400 and "evil.example" not in evil.text.replace("'evil.example'", "")
            assert evil.headers["content-type"].startswith("application/problem+json")
            rebinding = c.get("/api/health", headers={"Host": "rebind.attacker.example:8000"})
            assert rebinding.status_code == 400
            review = c.get(f"/api/checks/{KEY}/claimreview")
            assert review.status_code == 200
            urls = [r["url"] for r in review.json()]
            assert urls and all(u.startswith(f"https://desk.example.org/checks/{KEY}#") for u in urls)
            page = c.get(f"/checks/{KEY}", headers={"Host": f"localhost:{srv.port}"})
            assert page.status_code == 200 and f"https://desk.example.org/checks/{KEY}#" in page.text
            assert "evil.example" not in page.text
    finally:
        srv.__exit__(None, None, None)


def test_9_with_a_token_every_read_of_a_stored_check_needs_it(server_config):
    from tests.web.conftest import form_post

    srv = _serve_with_reports(server_config(api_token="s3cret-token"), {KEY: _report_json()})
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            home = c.get("/")
            assert home.status_code == 200 and "Marathon report" not in home.text and KEY not in home.text
            for path in (f"/api/checks/{KEY}", f"/api/checks/{KEY}/claimreview", f"/api/checks/{KEY}/audio",
                         f"/api/checks/{KEY}/audio/timings", f"/api/checks/{KEY}/events"):
                resp = c.get(path)
                assert resp.status_code == 401, path
                assert resp.headers["www-authenticate"] == "Bearer"
            assert c.get(f"/checks/{KEY}").status_code == 401
            assert c.get("/api/health").status_code == 200  # exposes no check
            bearer = {"Authorization": "Bearer s3cret-token"}
            assert c.get(f"/api/checks/{KEY}", headers=bearer).json()["status"] == "done"
            assert c.get(f"/api/checks/{KEY}", headers={"Authorization": "Bearer wrong"}).status_code == 401
            # a reader gives the token once in the form; the browser can then read the pages
            signed = form_post(c, {"token": "s3cret-token"})
            assert signed.status_code == 422  # no article given, but the token was right
            assert "s3cret-token" not in str(signed.headers.get("set-cookie"))
            assert c.get(f"/checks/{KEY}").status_code == 200
            assert "Marathon report" in c.get("/").text
    finally:
        srv.__exit__(None, None, None)


def test_10_unknown_fields_are_tolerated_and_damage_is_named(server_config):
    data = json.loads(_report_json())
    data["written_by"] = {"version": "9.0", "engine": "future"}  # a newer factdesk sharing the store
    data["claims"][0]["novelty"] = 0.5
    data["article"]["layout"] = "two-column"
    srv = _serve_with_reports(server_config(), {KEY: json.dumps(data), DAMAGED: '{"article": {"title": "cut o'})
    try:
        with httpx.Client(base_url=srv.base_url) as c:
            page = c.get(f"/checks/{KEY}")
            assert page.status_code == 200, page.text[:500]
            assert c.get(f"/api/checks/{KEY}/claimreview").status_code == 200
            body = c.get(f"/api/checks/{KEY}").json()
            assert body["report"]["claims"][0]["id"] == data["claims"][0]["id"] and "novelty" not in body["report"]["claims"][0]
            for path in (f"/api/checks/{DAMAGED}", f"/api/checks/{DAMAGED}/claimreview"):
                bad = c.get(path)
                assert bad.status_code == 500 and bad.headers["content-type"].startswith("application/problem+json")
                problem = bad.json()
                assert problem["check"] == DAMAGED and DAMAGED in problem["detail"]
                assert "Traceback" not in bad.text
                for header in SECURITY:
                    assert header in bad.headers, (path, header)
            html = c.get(f"/checks/{DAMAGED}", headers={"Accept": "text/html"})
            assert html.status_code == 500 and DAMAGED in html.text
            for header in SECURITY:
                assert header in html.headers, header
    finally:
        srv.__exit__(None, None, None)


# -- 11. serve on a port in use ------------------------------------------------------------------------------
def test_11_serve_on_a_port_in_use_is_one_line_and_exit_2(tmp_path):
    db = new_store(tmp_path / "s.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        for _ in range(3):  # it used to abort (rc 134) one run in three
            start = time.monotonic()
            proc = run_cli("serve", "--port", str(port), "--db", str(db), timeout=60)
            assert proc.returncode == 2, proc.stderr[-2000:]
            assert "already in use" in one_error_line(proc.stderr)
            assert time.monotonic() - start < 30


# -- 12. the smaller ones ----------------------------------------------------------------------------------
def test_12_a_postgresql_connection_error_is_one_line():
    proc = run_cli("store", "stats", "--db", "postgresql://factdesk:pw@127.0.0.1:1/news", timeout=60)
    assert proc.returncode == 2
    line = one_error_line(proc.stderr)
    assert "cannot connect" in line and ":pw@" not in line


def test_12_a_cut_off_store_is_called_damaged(tmp_path):
    from factdesk.evidence.store import open_store
    from factdesk.models import Document
    from tests.doubles import HashEmbedder

    db = tmp_path / "evidence.db"
    store = open_store(str(db), embedder=HashEmbedder())
    store.add_documents([Document(id=f"d{i}", text=f"The council approved budget {i} on Tuesday. " * 20)
                         for i in range(200)])
    store.close()
    cut = tmp_path / "cut.db"
    shutil.copy(db, cut)
    with cut.open("r+b") as fh:
        fh.truncate(db.stat().st_size // 2)
    stats = run_cli("store", "stats", "--db", str(cut))
    assert stats.returncode == 2
    line = one_error_line(stats.stderr)
    assert "damaged" in line and "not a factdesk store" not in line
    check = run_cli("store", "check", "--db", str(cut))
    assert check.returncode == 1 and check.stdout.startswith("problem: ") and "damaged" in check.stdout


def test_12_an_empty_jsonl_is_refused_and_no_store_is_created(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n")
    proc = run_cli("store", "add", str(empty), "--db", str(tmp_path / "s.db"))
    assert proc.returncode == 2 and "no documents" in one_error_line(proc.stderr)
    assert not (tmp_path / "s.db").exists()


def test_12_batch_exits_1_when_articles_fail_and_warns_of_duplicate_ids(tmp_path):
    src = tmp_path / "articles.jsonl"
    rows = [{"id": "a", "text": NAV}, {"id": "b", "text": NAV + "Login\n"}, {"id": "a", "text": NAV + "About\n"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    proc = run_cli("batch", str(src), "--out", str(out), "--db", str(new_store(tmp_path / "s.db")), timeout=300)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "2 failed" in proc.stderr
    warning = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warning) == 1 and f"{src}:3" in warning[0] and f"{src}:1" in warning[0], proc.stderr
    manifest = [json.loads(ln) for ln in (out / "manifest.jsonl").read_text().splitlines()]
    assert sorted(m["status"] for m in manifest) == ["failed", "failed"]


def test_12_store_add_keeps_the_first_of_a_duplicate_id_and_says_so(tmp_path):
    src = tmp_path / "docs.jsonl"
    rows = [{"id": "x", "text": "The lighthouse keeper counted 41 gulls on Monday."},
            {"id": "y", "text": "The ferry to Kiel left at noon."},
            {"id": "x", "text": "The orchard produced 900 crates of plums this autumn."}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = tmp_path / "s.db"
    proc = run_cli("store", "add", str(src), "--db", str(db), "-q", timeout=300)
    assert proc.returncode == 0, proc.stderr
    warning = [ln for ln in proc.stderr.splitlines() if ln.startswith("warning:")]
    assert len(warning) == 1 and f"{src}:3" in warning[0] and "'x'" in warning[0] and "first" in warning[0]
    first = run_cli("store", "search", "lighthouse gulls", "--db", str(db), "--mode", "bm25", "--json")
    assert json.loads(first.stdout.splitlines()[0])["passage"]["doc_id"] == "x"
    second = run_cli("store", "search", "orchard plums crates", "--db", str(db), "--mode", "bm25", "--json")
    assert second.stdout.strip() == ""


def test_12_an_empty_search_is_refused(tmp_path):
    from factdesk.evidence.store import open_store
    from factdesk.models import Document
    from tests.doubles import HashEmbedder

    db = tmp_path / "s.db"
    store = open_store(str(db), embedder=HashEmbedder())
    store.add_documents([Document(id="d", text="The bridge opened in May.")])
    store.close()
    for query in ("", "   "):
        proc = run_cli("store", "search", query, "--db", str(db), "--mode", "bm25")
        assert proc.returncode == 2 and "empty query" in one_error_line(proc.stderr)


def test_12_a_cross_origin_form_post_is_refused_without_a_token(server_config):
    from tests.web.conftest import ThreadServer, form_post

    with ThreadServer(server_config()) as srv, httpx.Client(base_url=srv.base_url) as c:
        jobs = srv.app.state.web.jobs
        plain = c.post("/checks", data={"text": ARTICLE})  # no CSRF field: not from our page
        assert plain.status_code == 403 and "submit it again" in plain.text
        foreign = c.post("/checks", data={"text": ARTICLE}, headers={"Origin": "http://evil.example"})
        assert foreign.status_code == 403
        fetch_site = c.post("/checks", data={"text": ARTICLE}, headers={"Sec-Fetch-Site": "cross-site"})
        assert fetch_site.status_code == 403
        multipart = c.post("/api/checks", files={"file": ("a.txt", ARTICLE.encode(), "text/plain")},
                           headers={"Origin": "http://evil.example"})
        assert multipart.status_code == 403 and multipart.headers["content-type"].startswith("application/problem+json")
        assert jobs.stats() == {"queued": 0, "running": 0, "done": 0, "failed": 0}
        # the same form from the server's own page gets through the guard (to input validation here)
        ours = form_post(c, {"url": "ftp://example.org/x"})
        assert ours.status_code == 422 and re.search(r"http", ours.text)
