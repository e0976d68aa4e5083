"""Readers for JSONL, folders of .txt/.md/.html, RSS/Atom and MediaWiki dumps (with hostile input)."""

from __future__ import annotations

import bz2
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.errors import InputError
from factdesk.evidence.store.importers import read_mediawiki_dump, read_path, validate_jsonl


def test_jsonl_documents(test_data):
    docs = list(read_path(test_data / "store" / "news.jsonl"))
    assert [d.id for d in docs] == ["n1", "n2", "3"]  # blank line skipped, numeric id becomes text
    assert docs[0].publisher == "Baltic Gazette" and docs[0].published == "2024-05-03"
    assert docs[1].source == "gazette" and docs[2].source == "local"


def test_jsonl_bad_line_is_named_before_anything_is_read(test_data):
    path = test_data / "store" / "bad_line4.jsonl"
    reader = read_path(path)
    with pytest.raises(InputError, match=r"bad_line4\.jsonl:4: not valid JSON"):
        next(reader)  # nothing is yielded: the whole file is validated first
    with pytest.raises(InputError, match=r"missing_text\.jsonl:2: missing field\(s\) text"):
        validate_jsonl(test_data / "store" / "missing_text.jsonl")


@pytest.mark.parametrize(
    "line, message",
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"id": "x", "text": 5}', "field 'text'"),
        ('{"id": "", "text": "t"}', "empty id"),
        ('{"id": "x", "text": "t", "published": {"y": 1}}', "field 'published'"),
        ("\xff\xfe garbage", "not valid JSON"),
    ],
)
def test_jsonl_errors_name_file_and_line(tmp_path, line, message):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "ok", "text": "fine"}\n' + line.encode("latin-1") + b"\n")
    with pytest.raises(InputError) as err:
        validate_jsonl(path)
    assert f"{path}:2:" in str(err.value) and message in str(err.value)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=200))
def test_jsonl_any_bytes_parse_or_fail_cleanly(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.jsonl"
    path.write_bytes(data)
    try:
        docs = list(read_path(path))
    except InputError as exc:
        assert str(path) in str(exc)
    else:
        assert all(d.id and isinstance(d.text, str) for d in docs)


def test_directory_of_pages(test_data):
    docs = {d.title: d for d in read_path(test_data / "store" / "pages")}
    assert set(docs) == {"City budget 2025", "Museum reopens", "Bridge inspection finds cracks"}
    bridge = docs["Bridge inspection finds cracks"]
    assert bridge.url == "https://harbourtimes.example.com/bridge-cracks"
    assert "cracks in two pillars" in bridge.text
    assert "Subscribe" not in bridge.text and "Copyright" not in bridge.text
    md = docs["Museum reopens"]
    assert "**" not in md.text and "](" not in md.text and "the museum site" in md.text


def test_rss_and_atom(test_data):
    rss = list(read_path(test_data / "store" / "feed.rss"))
    assert [d.title for d in rss] == ["Dam levels fall", "School meals free from autumn"]
    assert rss[0].id == "feed:courier-dam-1" and rss[0].published.startswith("2024-07-09")
    assert "<p>" not in rss[0].text and "38% of capacity" in rss[0].text
    assert rss[0].publisher == "Valley Courier" and rss[0].source == "feed"
    atom = list(read_path(test_data / "store" / "feed.atom"))
    assert atom[0].url == "https://sciwire.example.net/comet" and "40 million kilometres" in atom[0].text


def test_not_a_feed(tmp_path):
    path = tmp_path / "x.xml"
    path.write_text("this is not xml at all")
    with pytest.raises(InputError, match="no feed entries"):
        list(read_path(path))


def test_unknown_type_and_missing(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError, match="unknown file type"):
        read_path(tmp_path / "a.pdf")
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "nope.jsonl")


def _check_wiki(docs):
    assert [d.title for d in docs] == ["Lake Vättern", "Göta Canal"]  # redirect and talk page skipped
    lake = docs[0]
    assert lake.url == "https://en.wikipedia.org/wiki/Lake_Vättern" and lake.source == "wikipedia-dump"
    assert "second largest lake by surface area in Sweden" in lake.text
    assert "Infobox" not in lake.text and "cite" not in lake.text and "Category" not in lake.text
    assert "[[" not in lake.text and "'''" not in lake.text and "Geography" not in lake.text


def test_mediawiki_plain_and_bz2(test_data, tmp_path):
    plain = test_data / "store" / "wiki_dump.xml"
    _check_wiki(list(read_mediawiki_dump(plain)))
    packed = tmp_path / "dump.xml.bz2"
    packed.write_bytes(bz2.compress(plain.read_bytes()))
    _check_wiki(list(read_mediawiki_dump(packed)))
    assert len(list(read_mediawiki_dump(packed, limit=1))) == 1


def test_mediawiki_billion_laughs_refused(test_data):
    with pytest.raises(InputError, match="not a well-formed MediaWiki dump"):
        list(read_mediawiki_dump(test_data / "store" / "wiki_bomb.xml"))


def test_mediawiki_truncated_bz2(test_data, tmp_path):
    packed = bz2.compress((test_data / "store" / "wiki_dump.xml").read_bytes())
    path = tmp_path / "cut.xml.bz2"
    path.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(InputError):
        list(read_mediawiki_dump(path))


def test_jsonl_round_trip_of_generated_documents(tmp_path):
    rows = [{"id": f"g{i}", "text": f"Generated sentence number {i}.", "title": None} for i in range(50)]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert [d.id for d in read_path(path)] == [r["id"] for r in rows]
