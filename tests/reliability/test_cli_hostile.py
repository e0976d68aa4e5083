"""Hostile input through the real CLI, every command where input enters: one line on stderr, the
documented exit code, no traceback, and a bounded peak memory for the child process.

Each case is a fresh ``python -m factdesk`` process (run two at a time). None of them gets far
enough to load a model: every input here is refused at the door, which is the point.
"""

from __future__ import annotations

import concurrent.futures
import os
import random
from pathlib import Path

import pytest

from factdesk.commands.common import create_store
from tests.reliability.conftest import LAUGHS, one_error_line, run_cli_measured

#: peak RSS allowed for a CLI child that refuses its input. Measured 52-105 MiB on 2026-11-25 (the
#: interpreter plus factdesk's imports); the 100 MB input read whole, the 512 MiB gzip bomb inflated
#: or the 25 MiB JSONL line decoded twice would each go past this
PEAK_MIB = 200

WIKI_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE mediawiki [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + b"".join(b'<!ENTITY a%d "%s">' % (i, (b"&a%d;" % (i - 1) if i > 1 else b"&a;") * 16) for i in range(1, 8))
    + b']><mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/"><page><title>Bomb</title><ns>0</ns>'
    b"<id>1</id><revision><id>1</id><text>&a7;</text></revision></page></mediawiki>"
)


def _write_inputs(tmp: Path) -> dict[str, Path]:
    rng = random.Random(11)
    files = {}

    def put(name: str, data: bytes) -> None:
        files[name] = tmp / name
        files[name].write_bytes(data)

    # 100 MB on one line, no newline anywhere (real bytes, not a sparse file: it is piped to stdin)
    big = tmp / "one-line-100mb.txt"
    with big.open("wb") as fh:
        chunk = b"The council said the budget rose by 4 percent and nobody objected at all " * 14000
        written = 0
        while written < 100 * 1024 * 1024:
            fh.write(chunk)
            written += len(chunk)
    files["one_line_100mb"] = big
    put("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"<a href='/'>Home</a>" + b"</div>" * 100_000)
    put("nul.txt", b"The mayor said\x00 the bridge\x00 opens in May.\n" * 200)
    put("garbage.bin", bytes(rng.getrandbits(8) for _ in range(64 * 1024)))
    put("bad-utf8.jsonl", b'{"id": "a", "text": "caf\xe9 au lait"}\n')
    put("deep.jsonl", b'{"id": "a", "text": ' + b"[" * 100_000 + b"}\n")
    with (tmp / "huge-line.jsonl").open("wb") as fh:  # one 25 MiB line: over every JSONL line cap
        fh.write(b'{"id": "big", "text": "' + b"x" * (25 * 1024 * 1024) + b'"}\n')
    files["huge-line.jsonl"] = tmp / "huge-line.jsonl"
    put("laughs.rss", LAUGHS)
    put("wiki-laughs.xml", WIKI_LAUGHS)
    return files


@pytest.fixture(scope="module")
def results(tmp_path_factory, hostile_site, local_config_file):
    tmp = tmp_path_factory.mktemp("hostile-cli")
    f = _write_inputs(tmp)
    db = str(tmp / "store.db")
    create_store(db)  # batch reads and writes a store that exists
    out = str(tmp / "batch-out")
    local = ("--config", str(local_config_file))
    site = hostile_site.base
    # name: (args, stdin file, expected exit code, fragment of the one stderr line)
    cases = {
        "check_stdin_100mb_one_line": (("check", "-"), f["one_line_100mb"], 2, "too large"),
        "check_html_100k_levels": (("check", str(f["deep.html"])), None, 2, "no article found"),
        "check_nul_bytes": (("check", str(f["nul.txt"])), None, 2, "binary"),
        "check_binary_garbage": (("check", str(f["garbage.bin"])), None, 2, "binary"),
        "check_gzip_bomb_url": (("check", site + "/gzip-bomb.html", *local), None, 2, "too large"),
        "check_redirect_to_private": (("check", site + "/to-private", *local), None, 2, "private or local"),
        "store_add_bad_utf8": (("store", "add", str(f["bad-utf8.jsonl"]), "--db", db), None, 2, "bad-utf8.jsonl:1"),
        "store_add_deep_json": (("store", "add", str(f["deep.jsonl"]), "--db", db), None, 2, "deep.jsonl:1"),
        "store_add_huge_line": (("store", "add", str(f["huge-line.jsonl"]), "--db", db), None, 2, "huge-line.jsonl"),
        "store_add_laughs_feed": (("store", "add", str(f["laughs.rss"]), "--db", db), None, 2, "laughs.rss"),
        "store_wiki_laughs": (("store", "import-wikipedia", str(f["wiki-laughs.xml"]), "--db", db), None, 2,
                              "wiki-laughs.xml"),
        "batch_bad_utf8_jsonl": (("batch", str(f["bad-utf8.jsonl"]), "--out", out, "--db", db), None, 2, "not UTF-8"),
        "batch_huge_line": (("batch", str(f["huge-line.jsonl"]), "--out", out, "--db", db), None, 2, "line longer"),
        "batch_laughs_feed_file": (("batch", str(f["laughs.rss"]), "--out", out, "--db", db), None, 2, "entities"),
        "batch_laughs_feed_url": (("batch", site + "/laughs.xml", "--out", out, "--db", db, *local), None, 2,
                                  "entities"),
        "batch_metadata_feed_url": (("batch", "http://169.254.169.254/feed.xml", "--out", out, "--db", db), None, 2,
                                    "private or local"),
        "batch_redirect_hop_to_private": (("batch", site + "/hop1", "--out", out, "--db", db, *local), None, 2,
                                          "10.0.0.1"),
        "schema_unwritable": (("schema", "-o", "/proc/factdesk-cannot-write/schema.json"), None, 2, "cannot write"),
        "listen_binary_garbage": (("listen", str(f["garbage.bin"]), "-o", str(tmp / "a.wav")), None, 2, "binary"),
    }

    def one(item):
        name, (args, stdin, _code, _frag) = item
        return name, run_cli_measured(*args, stdin_path=stdin, tmp=tmp)

    workers = max(2, min(3, os.cpu_count() or 2))
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        got = dict(pool.map(one, cases.items()))
    assert not Path(out, "reports").exists() or not any(Path(out, "reports").iterdir())
    for name in cases:  # shown with `pytest -s`: the numbers quoted in docs/reliability.md
        print(f"{name}: exit {got[name]['rc']}, peak {got[name]['peak_mib']:.0f} MiB")
    return {name: (got[name], cases[name]) for name in cases}


CASES = [
    "check_stdin_100mb_one_line",
    "check_html_100k_levels",
    "check_nul_bytes",
    "check_binary_garbage",
    "check_gzip_bomb_url",
    "check_redirect_to_private",
    "store_add_bad_utf8",
    "store_add_deep_json",
    "store_add_huge_line",
    "store_add_laughs_feed",
    "store_wiki_laughs",
    "batch_bad_utf8_jsonl",
    "batch_huge_line",
    "batch_laughs_feed_file",
    "batch_laughs_feed_url",
    "batch_metadata_feed_url",
    "batch_redirect_hop_to_private",
    "schema_unwritable",
    "listen_binary_garbage",
]


@pytest.mark.parametrize("name", CASES)
def test_one_clear_line_documented_code_bounded_memory(results, name):
    got, (_args, _stdin, code, fragment) = results[name]
    line = one_error_line(got["stderr"])
    assert got["rc"] == code, got["stderr"]
    assert line.startswith("error: "), line
    assert fragment in line, line
    assert got["peak_mib"] < PEAK_MIB, f"{name}: peak {got['peak_mib']:.0f} MiB"


def test_cases_listed_once():
    assert len(set(CASES)) == len(CASES)
