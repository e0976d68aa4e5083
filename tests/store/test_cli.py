"""The real `factdesk store …` CLI in subprocesses: imports, search, stats, check, delete, bad input."""

from __future__ import annotations

import json

import apsw

from tests.helpers import run_cli


def _stats(db) -> dict:
    proc = run_cli("store", "stats", "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_add_search_stats_check_delete(tmp_path, test_data):
    db = tmp_path / "cli.db"
    data = test_data / "store"
    proc = run_cli("store", "add", str(data / "news.jsonl"), str(data / "pages"), str(data / "feed.rss"),
                   "--db", str(db), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert "8 documents added" in proc.stdout
    st = _stats(db)
    assert st["documents"] == 8 and st["sources"] == {"feed": 2, "gazette": 2, "local": 4}
    assert st["embedder"] == "all-MiniLM-L6-v2"

    proc = run_cli("store", "search", "Kiel Gdansk ferry passengers", "--db", str(db), "--mode", "bm25", "--json", "-k", "3")
    assert proc.returncode == 0, proc.stderr
    hits = [json.loads(line) for line in proc.stdout.splitlines()]
    assert hits[0]["passage"]["doc_id"] == "n1" and hits[0]["bm25_rank"] == 1
    assert hits[0]["passage"]["url"] == "https://gazette.example.org/ferry"

    assert run_cli("store", "check", "--db", str(db)).stdout.strip() == "ok"
    proc = run_cli("store", "delete-source", "feed", "--db", str(db))
    assert proc.returncode == 0 and "2 documents deleted" in proc.stdout
    assert _stats(db)["documents"] == 6

    # damage the vector index behind the store's back: `store check` must notice
    conn = apsw.Connection(str(db))
    conn.enable_load_extension(True)
    import sqlite_vec

    conn.load_extension(sqlite_vec.loadable_path())
    conn.execute("DELETE FROM passages_vec WHERE rowid = (SELECT min(rowid) FROM passages)")
    conn.close()
    proc = run_cli("store", "check", "--db", str(db))
    assert proc.returncode == 1 and "vector index has" in proc.stdout


def test_malformed_jsonl_writes_nothing(tmp_path, test_data):
    db = tmp_path / "bad.db"
    data = test_data / "store"
    proc = run_cli("store", "add", str(data / "news.jsonl"), str(data / "bad_line4.jsonl"), "--db", str(db))
    assert proc.returncode == 2
    err = proc.stderr.strip()
    assert "bad_line4.jsonl:4" in err and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not db.exists() or _stats(db)["documents"] == 0


def test_refuses_foreign_and_newer_files(tmp_path, hash_embedder):
    text = tmp_path / "notes.txt"
    text.write_text("just some text, not a database\n" * 50)
    proc = run_cli("store", "stats", "--db", str(text))
    assert proc.returncode == 2 and "not a factdesk store" in proc.stderr

    other = tmp_path / "other.db"
    conn = apsw.Connection(str(other))
    conn.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)")
    conn.close()
    proc = run_cli("store", "stats", "--db", str(other))
    assert proc.returncode == 2 and "not a factdesk store" in proc.stderr

    from factdesk.evidence.store import open_store

    newer = tmp_path / "newer.db"
    open_store(str(newer), embedder=hash_embedder).close()
    conn = apsw.Connection(str(newer))
    conn.execute("UPDATE factdesk_meta SET value='99' WHERE key='schema_version'")
    conn.close()
    proc = run_cli("store", "stats", "--db", str(newer))
    assert proc.returncode == 2 and "newer" in proc.stderr and "99" in proc.stderr


def test_import_wikipedia(tmp_path, test_data):
    db = tmp_path / "wiki.db"
    proc = run_cli("store", "import-wikipedia", str(test_data / "store" / "wiki_bomb.xml"), "--db", str(db))
    assert proc.returncode == 2 and "not a well-formed MediaWiki dump" in proc.stderr
    proc = run_cli("store", "import-wikipedia", str(test_data / "store" / "wiki_dump.xml"), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    assert "2 articles added" in proc.stdout
    proc = run_cli("store", "search", "largest lake in Sweden", "--db", str(db), "-k", "1", "--json", "--mode", "bm25")
    hit = json.loads(proc.stdout.splitlines()[0])
    assert hit["passage"]["title"] == "Lake Vättern" and hit["bm25_rank"] == 1
    assert _stats(db)["sources"] == {"wikipedia-dump": 2}


def test_read_commands_never_create_a_store(tmp_path):
    db = tmp_path / "missing.db"
    for args in (["stats"], ["check"], ["delete-source", "x"], ["search", "anything", "--mode", "bm25"]):
        proc = run_cli("store", *args, "--db", str(db))
        assert proc.returncode == 2 and "no evidence store" in proc.stderr, args
    assert not db.exists()
