"""Sentence passages: boundaries, abbreviations, metadata, context."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factdesk.evidence.store.split import MAX_SENTENCE_CHARS, split_document, passage_sentences
from factdesk.models import Document


def test_abbreviations_initials_decimals_stay_inside():
    text = (
        "Gov. Ana Ruiz met Dr. Lee at 9 a.m. on Friday. The U.S. share rose 2.5% to $4.1 billion, "
        "e.g. in Texas. J. R. R. Tolkien wrote it! Did prices fall? \"Yes,\" she said. (It was 1999.) Then more."
    )
    assert passage_sentences(text) == [
        "Gov. Ana Ruiz met Dr. Lee at 9 a.m. on Friday.",
        "The U.S. share rose 2.5% to $4.1 billion, e.g. in Texas.",
        "J. R. R. Tolkien wrote it!",
        "Did prices fall?",
        '"Yes," she said.',
        "(It was 1999.)",
        "Then more.",
    ]


def test_paragraphs_and_quotes():
    text = 'He said: "We will win." Nobody believed him.\n\nA new paragraph without a full stop\n\nLast one.'
    assert passage_sentences(text) == [
        'He said: "We will win."',
        "Nobody believed him.",
        "A new paragraph without a full stop",
        "Last one.",
    ]


def test_lowercase_after_dot_is_not_a_boundary():
    assert passage_sentences("See fig. 3 for details. Next sentence.") == [
        "See fig. 3 for details.",
        "Next sentence.",
    ]


def test_very_long_run_is_cut():
    sents = passage_sentences("word " * 2000)
    assert len(sents) > 1 and all(len(s) <= MAX_SENTENCE_CHARS for s in sents)


def test_document_passages_keep_metadata_and_context():
    doc = Document(id="d", url="u", title="T", text="One is here. Two is here. Three is here.", published="2024",
                   source="s", publisher="P")
    ps = split_document(doc)
    assert [p.id for p in ps] == ["d#0", "d#1", "d#2"]
    assert all((p.url, p.title, p.published, p.source, p.publisher) == ("u", "T", "2024", "s", "P") for p in ps)
    assert ps[0].context == "One is here. Two is here."
    assert ps[2].context == "Two is here. Three is here."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcAB. !?\n\"'()3,")), max_size=300))
def test_no_text_is_lost_or_invented(text):
    sents = passage_sentences(text)
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    joined = squash("".join(sents))
    assert all(s == s.strip() and s for s in sents)
    # dropped pieces are only sub-3-character fragments
    assert len(squash(text)) - len(joined) <= 2 * (text.count("\n\n") + len(re.findall(r"[.!?]", text)) + 1)
    assert joined in squash(text) or all(squash(s) in squash(text) for s in sents)
