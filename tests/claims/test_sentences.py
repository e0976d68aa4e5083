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


ONE_SENTENCE_PARAGRAPHS = [
    "Rail workers walked out on Wednesday",
    "  The council approved the budget on Tuesday.  ",
    "Is this really the best the government can do?",
    "The union leader said: “We will not back down!”",
    "He called it ‘a disgrace’",
    "",
]
#: not one sentence, or not one that pysbd sees whole: the fast path must leave these to pysbd
PYSBD_PARAGRAPHS = [
    "(CNN) Douglas Haig was arrested on Friday.",
    "“Father” Martin now declares that the idea is ridiculous.",
    "Sen. Warren met Dr. Smith. Inflation hit 6.5 percent.",
    "First line\nsecond line",
    "Wait… what happened next",
]


def _pysbd_sentences(paragraphs, monkeypatch):
    import re

    import factdesk.claims.sentences as sentences

    monkeypatch.setattr(sentences, "_ONE_SENTENCE", re.compile(r"(?!)"))  # never the fast path
    result = split_sentences(paragraphs)
    monkeypatch.undo()
    return result


def test_single_sentence_paragraphs_skip_pysbd_with_its_result(monkeypatch):
    import factdesk.claims.sentences as sentences

    assert all(sentences._ONE_SENTENCE.fullmatch(p) for p in ONE_SENTENCE_PARAGRAPHS)
    assert not any(sentences._ONE_SENTENCE.fullmatch(p) for p in PYSBD_PARAGRAPHS)
    paragraphs = ONE_SENTENCE_PARAGRAPHS + PYSBD_PARAGRAPHS
    assert split_sentences(paragraphs) == _pysbd_sentences(paragraphs, monkeypatch)


def test_fast_path_agrees_with_pysbd_on_news_articles(shared_data, monkeypatch):
    """News paragraphs from the propaganda corpus (real articles, quotes, brackets, lists)."""
    import json

    path = shared_data / "propaganda-ptc-semeval2020" / "train_articles.jsonl"
    articles = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            articles.append([p for p in json.loads(line)["text"].split("\n") if p.strip()])
            if len(articles) == 40:
                break
    import factdesk.claims.sentences as sentences

    fast = sum(bool(sentences._ONE_SENTENCE.fullmatch(p)) for a in articles for p in a)
    assert fast > 100  # the path is taken, so the comparison below means something
    for paragraphs in articles:
        assert split_sentences(paragraphs) == _pysbd_sentences(paragraphs, monkeypatch)
