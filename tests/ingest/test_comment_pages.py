"""The comment-section pages (tests/data/ingest/comments): one per system's markup.

Each page is read from its bytes as ``factdesk check page.html`` reads it; the expectations come
from ``cases.jsonl``, written by ``make_pages.py`` from the same hand-written threads the pages show.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.ingest import article_from_bytes

FOLDER = Path(__file__).resolve().parents[1] / "data" / "ingest" / "comments"
CASES = [json.loads(line) for line in (FOLDER / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line]


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_there_are_at_least_thirty_systems():
    assert len({c["system"] for c in CASES}) >= 30
    assert sum(1 for c in CASES if c["comments_must_contain"]) >= 30


@pytest.fixture(scope="module")
def articles():
    return {c["file"]: article_from_bytes((FOLDER / "html" / c["file"]).read_bytes(), origin=c["file"]) for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c["system"] for c in CASES])
def test_page(case, articles):
    art = articles[case["file"]]
    body = _norm(" ".join(art.paragraphs))
    comments = _norm(" ".join(c.text for c in art.comments))
    assert art.title == case["title"]
    for s in case["must_contain"]:
        assert _norm(s) in body, s
    for s in case["must_not_contain"]:
        assert _norm(s) not in body and _norm(s) not in comments, f"boilerplate kept: {s!r}"
    # every comment, whole, in page order, and none of the comments' text in the body
    assert [_norm(c.text) for c in art.comments] == [_norm(s) for s in case["comments_must_contain"]]
    for s in case["comments_must_contain"]:
        assert _norm(s) not in body, f"comment in the body: {s!r}"
    assert [c.author for c in art.comments] == case["comment_authors"]
    assert [c.reply_to for c in art.comments] == case["reply_to"]
    assert [c.index for c in art.comments] == list(range(len(art.comments)))


def test_dates_are_read_where_the_markup_has_them(articles):
    no_dates = {"disqus_wp_fallback"}
    for case in CASES:
        if case["comments_must_contain"] and case["system"] not in no_dates:
            posted = [c.posted for c in articles[case["file"]].comments]
            assert all(posted), (case["system"], posted)


def test_a_reply_points_back_to_an_earlier_comment(articles):
    threaded = [c for c in CASES if any(r is not None for r in c["reply_to"])]
    assert len(threaded) >= 15
    for case in threaded:
        for c in articles[case["file"]].comments:
            assert c.reply_to is None or 0 <= c.reply_to < c.index
