"""Relative dates made absolute (pure functions)."""

from datetime import date

import pytest

from factdesk.claims.relative_dates import anniversary_year, parse_published, resolve_anchored_dates, resolve_relative_dates

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


@pytest.mark.parametrize(
    "text,published,expected",
    [
        # a deadline looks ahead, even after "of"
        ("It will review the budget by the end of January.", date(2026, 12, 10), "It will review the budget by the end of January 2027."),
        ("Sales fell at the end of January.", date(2026, 12, 10), "Sales fell at the end of January 2026."),
        # seasons: "this" the article's year, "next" the following one, "last" the one before; winter left
        ("The line closes for five weeks next summer.", date(2026, 9, 22), "The line closes for five weeks in summer 2027."),
        ("It welcomed 3,900 students this autumn.", date(2026, 10, 13), "It welcomed 3,900 students in autumn 2026."),
        ("Talks began last spring.", date(2026, 10, 13), "Talks began in spring 2025."),
        ("It snowed a lot this winter.", date(2026, 2, 10), "It snowed a lot this winter."),
        # a deadline day just passed is the one the report counts to; one long passed is next year's
        ("The campaign had reached 268,400 people by 22 November.", date(2026, 11, 26),
         "The campaign had reached 268,400 people by 22 November 2026."),
        ("Entries are open until 1 March.", date(2026, 11, 26), "Entries are open until 1 March 2027."),
    ],
)
def test_deadlines_and_seasons(text, published, expected):
    assert resolve_relative_dates(text, published)[0] == expected


@pytest.mark.parametrize(
    "text,sentence,previous,expected",
    [
        # counted from the year the sentence states before the phrase
        ("Gaudí took over the project a year later.", "Construction began in 1882, and Gaudí took over the project a year later.",
         "", "Gaudí took over the project in 1883."),
        ("The United States finished the job ten years later.",
         "The United States bought the assets in 1904 and finished the job ten years later.", "In 1881 France began.",
         "The United States finished the job in 1914."),
        # else from the sentence before
        ("Thirty-five years later, the telescope is still at work.", "Thirty-five years later, the telescope is still at work.",
         "On 24 April 1990, Discovery lifted off.", "In 2025, the telescope is still at work."),
        ("The record he set a year earlier fell.", "The record he set a year earlier fell.", "He ran in Berlin in 2009.",
         "The record he set in 2008 fell."),
        ("NASA said that month that a gyroscope failed.", "NASA said that month that a gyroscope failed.",
         "It has used one gyroscope since June 2024.", "NASA said in June 2024 that a gyroscope failed."),
        ("Children born after 1 January of that year must be vaccinated.",
         "Since 2018, children born after 1 January of that year must be vaccinated.", "", "Children born after 1 January 2018 must be vaccinated."),
        # left as written: several years to count from, none, an approximate count, a number that is no year
        ("Twenty-four years earlier, the teams met in Rome.", "Twenty-four years earlier, the teams met in Rome.",
         "It was their fourth title, after victories in 1954, 1974 and 1990.", "Twenty-four years earlier, the teams met in Rome."),
        ("It reopened a year later.", "It reopened a year later.", "The fire destroyed the hall.", "It reopened a year later."),
        ("Full service resumed more than a year later.", "Full service resumed more than a year later.",
         "A train derailed in 2023.", "Full service resumed more than a year later."),
        ("It had 2100 seats two years later.", "It had 2100 seats two years later.", "It opened with 1500 seats.",
         "It had 2100 seats two years later."),
    ],
)
def test_dates_counted_from_an_earlier_date(text, sentence, previous, expected):
    assert resolve_anchored_dates(text, sentence, previous)[0] == expected


def test_claims_count_a_later_year_from_the_sentence_before(nlp):
    """The claims stage passes each sentence the one before it: the year is counted across them."""
    from factdesk.claims.decontext import Decontextualizer

    sentences = ["The bridge opened in 1932.", "Fifty years later, the city added a second deck.",
                 "It carries about 160,000 vehicles a day."]
    texts = [t for a in Decontextualizer(nlp, one_fact=True).run("Harbour bridge", sentences, date(2026, 3, 1))
             for t in a.texts]
    assert any("1982" in t and "second deck" in t for t in texts), texts
    assert not any("Fifty years later" in t for t in texts)


def test_years_ago_today_is_an_anniversary_not_the_publication_day():
    text = "Ten years ago today, on 1 June 2016, Switzerland opened the tunnel."
    assert resolve_relative_dates(text, date(2026, 6, 1)) == (text, [])


def test_a_scheduled_event_in_the_present_tense_takes_the_next_date(nlp):
    """"The film opens in cinemas on 16 October": a schedule, so the coming 16 October, not last year's."""
    from factdesk.claims.decontext import Decontextualizer

    sentences = ["The Quiet Harbour opens in Danish cinemas on 16 October and reaches British screens in February."]
    texts = [t for a in Decontextualizer(nlp, one_fact=True).run("A film", sentences, date(2026, 9, 12)) for t in a.texts]
    assert any("16 October 2026" in t for t in texts) and any("February 2027" in t for t in texts), texts
    # a report of the past keeps last year's
    texts = [t for a in Decontextualizer(nlp, one_fact=True).run("A film", ["The film opened on 16 October."], date(2026, 9, 12))
             for t in a.texts]
    assert any("16 October 2025" in t for t in texts), texts


def test_what_takes_effect_in_a_month_takes_the_coming_one(nlp):
    """"It takes effect in April" in February is this April; "came into force in March" is the past one."""
    from factdesk.claims.decontext import Decontextualizer

    run = lambda s: [t for a in Decontextualizer(nlp, one_fact=True).run("A budget", s, date(2026, 2, 20)) for t in a.texts]
    assert any("April 2026" in t for t in run(["The budget was approved on Thursday.", "It takes effect in April."]))
    assert any("November 2026" in t for t in run(["The new rules come into force in November."]))
    assert any("November 2025" in t for t in run(["The new rules came into force in November."]))
    # said in a clause of its own, split off as an atom: "The cuts, which take effect on 25 October, will …"
    texts = run(["The cuts, which take effect on 25 March, will end the airline's flights to Oslo."])
    assert any("25 March 2026" in t for t in texts) and not any("2025" in t for t in texts), texts


def test_a_bare_day_or_month_beside_another_year_is_left_alone():
    # a recurring day, or one of the year the sentence names: not the article's year
    text = "The United Nations proclaimed 30 June International Asteroid Day in December 2016."
    assert resolve_relative_dates(text, D) == (text, [])
    assert resolve_relative_dates("Work began in 2019 and ended in March.", D)[0] == "Work began in 2019 and ended in March."
    assert resolve_relative_dates("The council met on 3 April.", D)[0] == "The council met on 3 April 2025."


def test_a_weekday_before_the_date_it_falls_on_is_not_resolved_again():
    from datetime import date

    from factdesk.claims.relative_dates import resolve_relative_dates

    text, found = resolve_relative_dates("The fire broke out in the early hours of Sunday 2 September 1666.", date(2026, 9, 1))
    assert text == "The fire broke out in the early hours of Sunday 2 September 1666." and found == []
    text, _ = resolve_relative_dates("The vote was held on Sunday, 2 September.", date(2026, 9, 10))
    assert "(" not in text and "2 September 2026" in text


def test_what_is_scheduled_for_a_date_takes_the_coming_one(nlp):
    from datetime import date

    from factdesk.claims.decontext import Decontextualizer

    out = Decontextualizer(nlp, one_fact=True).run("News", ["The festival is scheduled for 40 concerts, with the last on 24 October."],
                                                  date(2026, 10, 3))
    assert out[0].texts == ["The festival is scheduled for 40 concerts, with the last on 24 October 2026."]


def test_a_bare_day_after_a_dated_day_of_an_earlier_year_is_in_that_year(nlp):
    """ "26 April 1986 … evacuated on 27 April": the story's year, not the article's (2026)."""
    from factdesk.claims.decontext import Decontextualizer

    sentences = ["In the early hours of 26 April 1986, an explosion destroyed Reactor 4 at the Chernobyl plant.",
                 "Pripyat was home to about 49,000 people.",
                 "The town was evacuated on 27 April, some 36 hours after the blast.",
                 "A memorial service was held on 3 March, the town council said."]
    out = [t for a in Decontextualizer(nlp, one_fact=True).run("Chernobyl", sentences, date(2026, 4, 26)) for t in a.texts]
    assert any("27 April 1986" in t for t in out), out
    assert not any("27 April 2026" in t for t in out), out
    # further on, or long after the dated day, a bare day is the article's again
    assert any("3 March 2026" in t for t in out), out
    assert resolve_relative_dates("It closed on 20 December.", date(2026, 4, 26),
                                  context="It opened on 26 April 1986.")[0] == "It closed on 20 December 2025."


@pytest.mark.parametrize("sentence,future", [
    ("The company also plans to start selling online in January, a spokeswoman said.", True),
    ("He said the first of the new shops would open in Burgos in January.", True),
    ("Students who failed can resit the exam in August.", True),
    ("He said the plant had closed in March.", False),
    ("The bridge opened in March, the mayor said.", False),
    ("The council announced the plan on Tuesday, of which 6 million euros will go to a bakery.", False),
])
def test_what_a_speaker_says_will_happen_and_can_happen_look_ahead(nlp, sentence, future):
    from factdesk.claims.decontext import is_future

    assert is_future(nlp(sentence)) is future


def test_the_day_something_was_announced_stays_past_when_what_was_announced_looks_ahead():
    text = "Work will begin in October, the council announced on Monday."
    assert resolve_relative_dates(text, D, future=True)[0] == \
        "Work will begin in October 2025, the council announced on Monday (April 14, 2025)."


def test_a_month_of_last_or_next_year_is_one_date():
    from datetime import date

    from factdesk.claims.relative_dates import resolve_relative_dates

    text, iso = resolve_relative_dates("The hill, which opened in January last year, has a hill size of 140 metres.",
                                       date(2026, 2, 24))
    assert text == "The hill, which opened in January 2025, has a hill size of 140 metres." and iso == ["2025-01"]
    assert resolve_relative_dates("It will open in March next year.", date(2026, 2, 24))[0] == "It will open in March 2027."


def test_a_bare_day_in_an_anniversary_piece_is_the_year_it_tells_of():
    """"Forty years ago this week" in March 2026: "Vega 2 flew by on 6 March" is 6 March 1986 (the "on" kept);
    a plan ahead ("will show it from 20 March") is this year's, and so is a day far from the anniversary."""
    published = date(2026, 3, 12)
    year = anniversary_year(["Forty years ago this week, a small spacecraft flew into Halley's Comet."], published)
    assert year == 1986
    assert resolve_relative_dates("Vega 2 flew by on 6 March.", published, story_year=year) == (
        "Vega 2 flew by on 6 March 1986.", ["1986-03-06"])
    assert resolve_relative_dates("The museum will show it from 20 March.", published, future=True,
                                  story_year=year)[1] == ["2026-03-20"]
    assert resolve_relative_dates("It closed on 2 October.", published, story_year=year)[1] == ["2025-10-02"]
    assert anniversary_year(["The probe flew past the comet in 1986."], published) is None
