"""Reports for people: every part of the analysis reads as prose, tables and lists in the terminal, in
Markdown and in HTML — never as program data — and verdicts say how sure they are and, for not enough
evidence, which kind."""

from __future__ import annotations

import re

import pytest

from factdesk.report import render
from factdesk.report.terminal import render_terminal
from tests.report.reports import rich_report


def _out(fmt: str) -> str:
    report = rich_report()
    out = render_terminal(report, color=False, width=400) if fmt == "text" else render(report, fmt)
    if fmt == "html":
        out = re.sub(r"<[^>]+>", " ", out).replace("&amp;", "&").replace("&#34;", '"').replace("&#39;", "'")
    if fmt == "markdown":
        out = out.replace("\\", "")
    return " ".join(out.split())


#: the keys of the analysis data: none may reach a reader
DATA_KEYS = ("support_score", "word_overlap", "headline_words_missing_from_body", "best_matching_sentence",
             "embedding_similarity", "headline_sensationalism", "more_sensational_than_body", "near_duplicate_pairs",
             "top_share", "one_sided", "quoted_words", "unattributed_sentences", "claim_id", "skeleton",
             "reading_level")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_program_data_reaches_the_reader(fmt):
    out = _out(fmt)
    assert not re.search(r"\{'|'\s*:\s|\{\"|\[\{|\bNone\b|: (True|False)\b", out), re.findall(r".{40}\{'.{40}", out)
    for key in DATA_KEYS:
        assert key not in out, (fmt, key)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_finding_of_the_analysis_is_said_in_words(fmt):
    out = _out(fmt)
    said = [
        # language
        "Loaded language", "surely the best", "Superlative",
        # voices, their balance and the quotations
        "Élise Tremblay", "mayor", "1 named voice quoted; Élise Tremblay has 100% of the quoted words",
        "one-sided", "the flattest in Canada", "reported speech", "no one named",
        # vague attributions
        "organisers said", "names no one: the reader cannot check who says this",
        # statements without attribution
        "1 factual statement carries no attribution", "Participation has doubled since 2015.",
        # the headline
        "The body partly supports the headline", "Headline support: partly supported (score 0.52; 60% of its words",
        "Closest sentence in the body: “The winner finished in 2:09:31, a course record.”",
        "Headline words not found in the body: Élan, ümlauts", "Sensational wording: headline 0.31, body 0.05",
        "more sensational than the body", "Sensational markers in the headline: record falls",
        # the comment section
        "3 built on shared templates", "Coordinated cluster 1: 2 comments (#3 and #4), linked by shared phrasing, "
        "same minute", "comments #0, #1 and #2", "Near duplicates: comments #0 and #2 (word overlap 82%)",
        "Comments that engage with specifics of the article: 1 of 6",
        # a finding this version does not know: still in words
        "Reading level", "Readable by a 13-year-old.", "Grade: 8.5",
    ]
    missing = [s for s in said if s not in out]
    assert not missing, (fmt, missing)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_verdicts_say_how_sure_and_which_kind_of_not_enough_evidence(fmt):
    out = _out(fmt)
    for words in ("high confidence (91%)", "high confidence (83%)", "low confidence (55%)", "low confidence (40%)",
                  "medium confidence (60%)", "nothing relevant found"):
        assert words in out, (fmt, words)


def test_html_lays_findings_out_as_tables_with_headers():
    html = render(rich_report(), "html")
    for header in ("Technique", "Passage", "What it does", "Voice", "Direct quotes", "Phrase", "Flag", "Speaker"):
        assert f'<th scope="col"' in html and f">{header}</th>" in html, header
    assert '<table class="data" aria-labelledby="analysis-voices">' in html


def test_markdown_tables_keep_their_columns():
    md = rich_report()
    text = render(md, "markdown")
    table = [ln for ln in text.splitlines() if ln.startswith("| Voice |")]
    assert table == ["| Voice | Role | Direct quotes | Indirect quotes | Quoted words |"]
    rows = re.findall(r"^\| Loaded language \|.*$", text, re.M)
    assert rows and all(len(re.findall(r"(?<!\\)\|", r)) == 4 for r in rows)
