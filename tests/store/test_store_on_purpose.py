"""Stores are created on purpose: a mistyped ``--db`` is refused (exit 2) by every command that reads one,
``store init`` and ``store add`` create one, and the default store is created with a one-line notice.
All through the real CLI."""

from __future__ import annotations

import json

import pytest

from tests.helpers import run_cli

ARTICLE = "Ferry traffic booms\n\nThe new ferry line between Kiel and Gdansk carried 90,000 passengers in May.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _one_line(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_every_command_that_reads_a_store_refuses_one_that_does_not_exist(tmp_path, article):
    missing = tmp_path / "evidnce.db"  # a typo
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss version='2.0'><channel><title>t</title></channel></rss>", encoding="utf-8")
    runs = {
        "check": ("check", str(article), "--db", str(missing), "--offline"),
        "verify": ("verify", "The ferry carried 90,000 passengers in May.", "--db", str(missing), "--sources", "local"),
        "serve": ("serve", "--db", str(missing), "--port", "0"),
        "batch": ("batch", str(article), "--db", str(missing), "--out", str(tmp_path / "out"), "--sources", "local"),
        "monitor": ("monitor", str(feed), "--db", str(missing), "--out", str(tmp_path / "mon"), "--polls", "1"),
        "store search": ("store", "search", "ferry", "--db", str(missing), "--mode", "bm25"),
    }
    for command, args in runs.items():
        proc = run_cli(*args, timeout=120)
        assert proc.returncode == 2, (command, proc.stderr)
        line = _one_line(proc.stderr)
        assert f"{command}: no evidence store at {missing}" in line, line
        assert f"factdesk store init --db {missing}" in line
    assert not missing.exists() and not (tmp_path / "out").exists()


def test_store_init_creates_a_store_that_check_then_reads(tmp_path, article):
    db = tmp_path / "evidence.db"
    proc = run_cli("store", "init", "--db", str(db))
    assert proc.returncode == 0 and db.is_file(), proc.stderr
    assert "evidence store ready" in proc.stdout and "0 documents" in proc.stdout
    again = run_cli("store", "init", "--db", str(db))  # one that exists is left as it is
    assert again.returncode == 0 and "0 documents" in again.stdout
    check = run_cli("check", str(article), "--db", str(db), "--offline", "-f", "json", "-q", timeout=300)
    assert check.returncode == 0, check.stderr
    assert json.loads(check.stdout)["claims"]
    stats = json.loads(run_cli("store", "stats", "--db", str(db), "--json").stdout)
    assert stats["documents"] == 0


def test_the_environment_names_a_store_on_purpose_too(tmp_path, article):
    proc = run_cli("check", str(article), "--offline", env={"FACTDESK_DB": str(tmp_path / "nope.db")})
    assert proc.returncode == 2 and "no evidence store at" in proc.stderr
    assert not (tmp_path / "nope.db").exists()


@pytest.mark.slow
def test_the_default_store_is_created_once_with_a_notice(tmp_path, article):
    data = tmp_path / "data"
    env = {"FACTDESK_DATA_DIR": str(data)}
    first = run_cli("check", str(article), "--offline", "-f", "json", "-q", env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    notice = _one_line(first.stderr)
    assert notice.startswith(f"factdesk: created the evidence store {data / 'factdesk.db'}")
    assert (data / "factdesk.db").is_file()
    second = run_cli("check", str(article), "--offline", "-f", "json", "-q", env=env, timeout=300)
    assert second.returncode == 0 and second.stderr.strip() == "", second.stderr
