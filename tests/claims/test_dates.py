"""Relative dates made absolute (pure functions)."""

from datetime import date

import pytest

from factdesk.claims.relative_dates import parse_published, resolve_relative_dates

D = date(2025, 4, 16)  # a Wednesday


@pytest.mark.parametrize(
    "text,expected,iso",
    [
        ("The bill passed yesterday.", "The bill passed on April 15, 2025.", ["2025-04-15"]),
        ("Yesterday, it rained.", "On April 15, 2025, it rained.", ["2025-04-15"]),
        ("Talks resumed this week.", "Talks resumed in the week of April 14, 2025.", ["2025-04-14"]),
        ("Prices rose in March.", "Prices rose in March 2025.", ["2025-03"]),
        ("Prices rose in November.", "Prices rose in November 2024.", ["2024-11"]),
        ("The ban lasts until January.", "The ban lasts until January 2026.", ["2026-01"]),
        ("He spoke on Monday.", "He spoke on Monday (April 14, 2025).", ["2025-04-14"]),
        ("It grew last year.", "It grew in 2024.", ["2024"]),
        ("Exports hit a record in May 2024.", "Exports hit a record in May 2024.", []),
    ],
)
def test_relative_dates(text, expected, iso):
    assert resolve_relative_dates(text, D) == (expected, iso)


def test_no_article_date_leaves_text_alone():
    assert resolve_relative_dates("It happened yesterday.", None) == ("It happened yesterday.", [])


@pytest.mark.parametrize("value,expected", [("2025-04-16", D), ("2025-04-16T09:30:00Z", D), (None, None), ("not a date at all xyz", None)])
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("It won this year's award.", "It won 2025's award."),
        ("Prices will stay high until next year.", "Prices will stay high until 2026."),
        ("It fell earlier this week.", "It fell earlier in the week of April 14, 2025."),
    ],
)
def test_relative_dates_after_prepositions_and_possessives(text, expected):
    assert resolve_relative_dates(text, D)[0] == expected
