"""The end-to-end article cases in ``tests/data/cases/{dev,holdout}`` are well formed.

Each case folder holds a scraped page (``article.txt``), the evidence for its store
(``evidence.jsonl``, the ``factdesk store add`` format) and the verdicts written before any run
(``expected.json``). These tests check the format only — files, fields, verdict values, that every
needle is a verbatim phrase of exactly one body sentence, and that the comment section holds the
announced number of comments — never what the system answers. The page is read by the project's
own page reader, so a case that the reader cannot split into title, body and comments fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from factdesk.evidence.store.importers import validate_jsonl
from factdesk.ingest import lexicon
from factdesk.ingest.page_text import split_page

ROOT = Path(__file__).resolve().parents[1] / "data" / "cases"
SPLITS = ("dev", "holdout")
FILES = {"article.txt", "evidence.jsonl", "expected.json"}
VERDICTS = {"supported", "refuted", "mixed", "not_enough_evidence"}
EXPECTED_KEYS = {"title", "comments", "claims", "not_checkable_needles", "generic_comments", "specific_comments"}

# abbreviations after which a full stop does not end a sentence
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|vs|etc|Gen|Col|Lt|Capt|Prof|approx)|\b[A-Z])\.$")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9À-ÖØ-Þ])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph at sentence ends (a stop, then space, then a capital or a digit)."""
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        head = paragraph[start:match.start()].rstrip("\"'”’)")
        if _ABBREV.search(head):
            continue
        out.append(paragraph[start:match.start()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def test_sentence_splitter():
    assert sentences("It opened in 1902. It was designed by R. Mesnier. “Why?” he asked.") == [
        "It opened in 1902.", "It was designed by R. Mesnier.", "“Why?” he asked."]
    assert sentences("St. Mary's is old. Leave.EU campaigned separately.") == [
        "St. Mary's is old.", "Leave.EU campaigned separately."]


def _cases() -> list[Path]:
    folders = [ROOT / split for split in SPLITS if (ROOT / split).is_dir()]
    return sorted(p for folder in folders for p in folder.iterdir() if p.is_dir())


CASES = _cases()


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _expected(case: Path) -> dict:
    return json.loads((case / "expected.json").read_text(encoding="utf-8"))


def test_both_splits_hold_cases_and_the_holdout_is_about_a_third():
    counts = {split: sum(1 for p in CASES if p.parent.name == split) for split in SPLITS}
    assert counts["dev"] > 0 and counts["holdout"] > 0, counts
    share = counts["holdout"] / sum(counts.values())
    assert 0.25 <= share <= 0.40, counts


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_case_files(case: Path):
    assert {p.name for p in case.iterdir()} == FILES


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_evidence_lines(case: Path):
    path = case / "evidence.jsonl"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [json.loads(line) for line in lines]
    assert 6 <= len(docs) <= 15, len(docs)
    for doc in docs:
        assert isinstance(doc, dict)
        for key in ("id", "title", "text"):
            assert isinstance(doc.get(key), str) and doc[key].strip(), (doc.get("id"), key)
        assert len(sentences(doc["text"])) >= 2, f"{doc['id']}: a reference document has several sentences"
        if "url" in doc:
            host = urlparse(doc["url"]).hostname or ""
            assert doc["url"].startswith("https://") and host.endswith(".example.org"), doc["url"]
    ids = [doc["id"] for doc in docs]
    assert len(ids) == len(set(ids)), "ids must be unique within a case"
    # the project's own `store add` reader accepts the file
    assert validate_jsonl(path) == len(docs)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_expected_shape(case: Path):
    exp = _expected(case)
    assert set(exp) == EXPECTED_KEYS
    assert isinstance(exp["title"], str) and exp["title"].strip()
    assert isinstance(exp["comments"], int) and 3 <= exp["comments"] <= 9
    claims = exp["claims"]
    assert 8 <= len(claims) <= 14, len(claims)
    for claim in claims:
        assert set(claim) == {"needle", "verdict"}, claim
        assert isinstance(claim["needle"], str) and claim["needle"].strip() == claim["needle"] != ""
        assert claim["verdict"] in VERDICTS, claim
    verdicts = [c["verdict"] for c in claims]
    for label in ("supported", "refuted", "not_enough_evidence"):
        assert label in verdicts, f"no {label} needle"
    assert verdicts.count("mixed") <= 1
    needles = [c["needle"] for c in claims] + exp["not_checkable_needles"]
    assert len(exp["not_checkable_needles"]) in {1, 2, 3}
    assert all(isinstance(n, str) and n.strip() == n != "" for n in exp["not_checkable_needles"])
    assert len(needles) == len(set(needles)), "needles must be distinct"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_needles_sit_in_exactly_one_body_sentence(case: Path):
    exp = _expected(case)
    raw = (case / "article.txt").read_text(encoding="utf-8")
    page = split_page(raw)
    assert page.title == exp["title"]
    body = [s for paragraph in page.paragraphs for s in sentences(paragraph)]
    assert 8 <= len(body) <= 16, len(body)
    checked = [c["needle"] for c in exp["claims"]]
    sentence_of: dict[str, int] = {}
    for needle in checked + exp["not_checkable_needles"]:
        hits = [i for i, s in enumerate(body) if needle in s]
        assert len(hits) == 1, f"{needle!r} is in {len(hits)} body sentences"
        assert raw.count(needle) == 1, f"{needle!r} also occurs outside its sentence (title, chrome or comments)"
        sentence_of[needle] = hits[0]
    # a not-checkable sentence yields no checked claim, so no checked needle may share it
    unchecked = {sentence_of[n] for n in exp["not_checkable_needles"]}
    assert not unchecked & {sentence_of[n] for n in checked}


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_comment_section(case: Path):
    exp = _expected(case)
    raw = (case / "article.txt").read_text(encoding="utf-8")
    page = split_page(raw)
    n = exp["comments"]
    announced = [c for c in (lexicon.comment_count(line) for line in raw.splitlines()) if c is not None]
    assert announced in ([], [n]), f"the page announces {announced}, expected.json says {n}"
    if not announced:
        assert any(lexicon.is_comment_header(line) for line in raw.splitlines()), "no comment heading"
    assert len(page.comments) == n
    generic, specific = exp["generic_comments"], exp["specific_comments"]
    assert all(isinstance(i, int) and 0 <= i < n for i in generic + specific)
    assert not set(generic) & set(specific)
    assert len(generic) == len(set(generic)) and len(specific) == len(set(specific))
    assert sorted(generic + specific) == list(range(n)), "every comment is labelled generic or specific"
    assert generic and specific
