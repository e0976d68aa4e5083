"""One vocabulary: every format says a verdict, a confidence and a flag in the same words, and the
verdict colours are defined once (report/vocabulary.py), not in any stylesheet or template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import factdesk.report
import factdesk.web
from factdesk.models import COMMENT_FLAGS
from factdesk.report import render
from factdesk.report.terminal import render_terminal
from factdesk.report.vocabulary import (
    FLAG_TEXT,
    VERDICT_COLOURS,
    VERDICT_KEYS,
    VERDICT_TEXT,
    confidence_text,
    verdict_key,
    verdict_text,
    when,
)
from tests.report.reports import overlapping_report, rich_report

REPORT_DIR = Path(factdesk.report.__file__).parent
WEB_DIR = Path(factdesk.web.__file__).parent


def test_every_key_has_words_and_a_colour():
    assert set(VERDICT_TEXT) == set(VERDICT_KEYS) == set(VERDICT_COLOURS)
    assert len(set(VERDICT_TEXT.values())) == len(VERDICT_TEXT), "two keys read alike"
    assert set(FLAG_TEXT) == set(COMMENT_FLAGS)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_each_format_says_each_verdict_and_confidence_in_the_vocabulary_words(fmt):
    report = rich_report()
    out = render_terminal(report, color=False, width=200) if fmt == "text" else render(report, fmt)
    flat = " ".join(out.split())
    for claim in report.claims + report.comment_claims:
        assert verdict_text(claim) in flat, (fmt, verdict_key(claim))
        if claim.verdict:
            assert confidence_text(claim.verdict) in flat
    for flag in COMMENT_FLAGS:
        assert FLAG_TEXT[flag] in flat


def test_html_badges_carry_the_words_of_their_colour():
    html = render(rich_report(), "html") + render(overlapping_report(), "html")
    badges = re.findall(r'<span class="badge v-(\w+)" id="claim-[^"]+-label">([^<]+)</span>', html)
    assert {key for key, _ in badges} >= {"supported", "refuted", "mixed", "not_enough_evidence", "unchecked",
                                          "pending"}
    for key, text in badges:
        assert text == VERDICT_TEXT[key]


def test_colours_are_defined_only_in_the_vocabulary():
    """No stylesheet or template spells a verdict colour: they all take it from the vocabulary."""
    hexes = {c.ink.lower() for c in VERDICT_COLOURS.values()} | {c.tint.lower() for c in VERDICT_COLOURS.values()}
    files = [*(REPORT_DIR / "templates").iterdir(), *(WEB_DIR / "templates").iterdir(), *(WEB_DIR / "static").iterdir()]
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        assert not [h for h in hexes if h in text], path.name


def test_dates_read_like_a_newspaper():
    assert when("2026-11-25T02:00:00+00:00") == "25 Nov 2026, 02:00 UTC"
    assert when("2025-03-04") == "4 Mar 2025"
    assert when("last Tuesday") == "last Tuesday"
    assert when(None) == ""
