"""Dates at the precision given."""

import pytest

from factdesk.verify.dates import compare_dates, dates_agree, extract_dates


@pytest.mark.parametrize(
    "text, iso",
    [
        ("The law passed on 14 March 2019.", ["2019-03-14"]),
        ("On March 14, 2019, the club won the league.", ["2019-03-14"]),
        ("The vaccine was approved in December 2020.", ["2020-12"]),
        ("The report, dated 2021-06-30, was leaked.", ["2021-06-30"]),
        ("The reactor was built in 1986.", ["1986"]),
        ("Prices soared in the 1970s.", ["1970"]),
        ("He sold 2019 tickets.", []),
        # a year before a word that merely ends in "s" is a year, not a count of something
        ("It was founded in 1991 as a field station.", ["1991"]),
        ("The institute in 2004 was renamed.", ["2004"]),
    ],
)
def test_extract(text, iso):
    assert [d.iso() for d in extract_dates(text)] == iso


@pytest.mark.parametrize(
    "claim, source, agrees",
    [
        ("in March 2019", "on 14 March 2019", True),  # claim less precise: agrees
        ("on 14 March 2019", "in March 2019", True),  # source less precise: does not contradict
        ("on 14 March 2019", "on 15 March 2019", False),
        ("in 2018", "on 14 March 2019", False),
        ("in May 2016", "in June 2016", False),
        ("in the 1990s", "in 1994", True),
        ("in the 1990s", "in 2004", False),
    ],
)
def test_precision(claim, source, agrees):
    c, s = extract_dates(claim)[0], extract_dates(source)[0]
    assert dates_agree(c, s) is agrees


def test_compare_dates_sport_and_politics():
    assert [d.agrees for d in compare_dates("Spain won the World Cup in 2010.", "Spain won the 2010 World Cup final in July 2010.")] == [True]
    assert [d.agrees for d in compare_dates("The election was held in 2017.", "The general election took place on 8 June 2019.")] == [False]
    assert compare_dates("The election was held in 2017.", "The election had a high turnout.") == []
