"""Sentence splitting: exact spans, hard cases, bounded work (no models needed)."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.claims.sentences import MAX_PIECES, MAX_SENTENCE_CHARS, split_sentences
from factdesk.models import PARAGRAPH_SEPARATOR


def _texts(paragraphs):
    sents, _ = split_sentences(paragraphs)
    return [s.text for s in sents]


def _assert_spans(paragraphs):
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    sents, warnings = split_sentences(paragraphs)
    last_end = 0
    for s in sents:
        a, b = s.span
        assert body[a:b] == s.text
        assert a >= last_end and b > a
        assert s.text == s.text.strip()
        last_end = b
    return sents, warnings


def test_abbreviations_and_decimals_do_not_split():
    assert _texts(["Sen. Warren met Dr. Smith in the U.S. Capitol on Jan. 5. Inflation hit 6.5 percent."]) == [
        "Sen. Warren met Dr. Smith in the U.S. Capitol on Jan. 5.",
        "Inflation hit 6.5 percent.",
    ]


def test_quote_with_attribution_stays_one_sentence():
    para = "“We are willing to help,” he wrote. “The only condition is simple: it must be everyone.”"
    assert _texts([para]) == ["“We are willing to help,” he wrote.", "“The only condition is simple: it must be everyone.”"]


def test_multi_sentence_quote_is_kept_whole():
    texts = _texts(['He said: "Prices rose. Wages did not." She disagreed.'])
    assert texts == ['He said: "Prices rose. Wages did not."', "She disagreed."]


def test_em_dashes_and_lists():
    texts = _texts(["The plan has three parts: 1. cut taxes; 2. raise spending. The vote—held Tuesday—passed 52-48."])
    assert texts[-1] == "The vote—held Tuesday—passed 52-48."
    assert all("\n" not in t for t in texts)


def test_spans_across_paragraphs_index_the_body():
    paras = ["First paragraph. It has two sentences.", "Second one — with a dash.", "Third: “Quoted. Twice.” he said."]
    sents, _ = _assert_spans(paras)
    assert [s.paragraph for s in sents] == [0, 0, 1, 2]


def test_continuation_of_an_open_quote_is_marked():
    sents, _ = split_sentences(["“This is the first part. And this goes on", "without a close. Another.”"])
    assert sents and sents[0].continues_quote is False


def test_empty_input_gives_no_sentences():
    assert split_sentences([]) == ([], [])
    assert split_sentences(["", "   "])[0] == []


def test_huge_sentence_is_cut_with_a_warning_and_bounded_time():
    para = ("word " * 20000).strip()  # 100k characters, no full stop
    start = time.perf_counter()
    sents, warnings = _assert_spans([para])
    assert time.perf_counter() - start < 10
    assert len(sents) > 1 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    assert len(sents) <= MAX_PIECES and any("only its first" in w for w in warnings)


_alphabet = st.sampled_from(list("abcdefgh XYZ.,;:!?“”\"'—-–()0123456789\n\t…"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=_alphabet, max_size=300), max_size=4))
def test_property_spans_always_index_the_body(paragraphs):
    _assert_spans(paragraphs)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=200), max_size=3))
def test_property_any_unicode_text(paragraphs):
    _assert_spans(paragraphs)
