"""Stages whose cost must not grow with the article's size beyond reading it.

The evidence stage drops candidate passages taken from the article itself; it used to scan the whole
normalised article for every candidate (a 20 MiB article with 1,161 claims: 189 s of the check). A long
article is now indexed once by word; these properties hold the index to the plain substring test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.evidence import gather
from factdesk.evidence.gather import _Haystack, _norm, article_filter
from factdesk.models import Article, Passage

WORDS = st.sampled_from(["the", "council", "budget", "rose", "by", "4", "percent", "in", "may", "harbour", "a",
                         "ferry", "ab", "b", "ba"])


@pytest.fixture
def monkeypatch_scan(monkeypatch):
    """Index every body, however short (the index is the path a long article takes)."""
    monkeypatch.setattr(gather, "SCAN_MAX_CHARS", 10)
    return monkeypatch


BODIES = st.lists(WORDS, min_size=30, max_size=400).map(" ".join)


@settings(max_examples=200, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # the patched limit never changes
@given(body=BODIES, start=st.integers(0, 2000), length=st.integers(1, 120), other=st.lists(WORDS, min_size=1,
                                                                                          max_size=10))
def test_the_word_index_answers_as_the_substring_test(monkeypatch_scan, body, start, length, other):
    hay = _Haystack(body)
    assert hay.index is not None  # the index is in use (the scan limit is lowered for the test)
    start = start % len(body)
    piece = _norm(body[start:start + length])
    for text in (piece, " ".join(other), piece + " " + " ".join(other)):
        assert (text in hay) == (text in body), text


def test_the_article_filter_finds_own_sentences_of_a_long_article(monkeypatch_scan):
    paragraphs = [f"Paragraph {i} says the council met on day {i} and the ferry ran late." for i in range(3000)]
    article = Article(title="Council", paragraphs=paragraphs)
    is_own = article_filter(article)
    assert is_own(Passage(id="a", doc_id="d", text="the council met on day 2999 and the ferry ran late"))
    assert is_own(Passage(id="b", doc_id="d", text="Paragraph 1500 says the council met"))
    assert not is_own(Passage(id="c", doc_id="d", text="the council met on day 3001 and the ferry ran late"))
    assert not is_own(Passage(id="d", doc_id="d", text="The ferry ran late on day 12, the council said."))

