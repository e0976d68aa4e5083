"""Numbers with units, scale and approximate wording, across topics."""

import pytest

from factdesk.verify.numbers import compare_numbers, extract_quantities, value_agrees


def q(text):
    qs = [x for x in extract_quantities(text) if not x.year_like]
    assert qs, f"no quantity in {text!r}"
    return qs[0]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Output rose to 2.3 million barrels a day.", 2.3e6, "barrel"),  # economics
        ("The government borrowed $10bn last year.", 1e10, "usd"),  # economics
        ("The meteorite weighed 4.2 kilograms.", 4200.0, "g"),  # science
        ("Unemployment fell to 3.5% in March.", 3.5, "percent"),  # economics
        ("Inflation reached 7 per cent.", 7.0, "percent"),
        ("The cabinet has forty ministers.", 40.0, "minister"),  # politics
        ("She ran the 10,000 metres in under 30 minutes.", 10000.0, "m"),  # sport
        ("The striker scored 31 goals this season.", 31.0, "goal"),  # sport
        ("A budget of £1.2 billion was approved.", 1.2e9, "gbp"),  # politics
        ("The glacier shrank by 12 km.", 12000.0, "m"),  # science
    ],
)
def test_extracts_value_and_unit(text, value, unit):
    got = q(text)
    assert got.value == pytest.approx(value)
    assert got.unit == unit


def test_years_are_not_quantities():
    assert all(x.year_like for x in extract_quantities("The treaty was signed in 1992."))


def test_chemical_formulae_are_not_numbers():
    assert not [x for x in extract_quantities("CO2 levels rose.") if x.value == 2]


@pytest.mark.parametrize(
    "claim, source, agrees",
    [
        ("more than 500 people", "512 people", True),
        ("more than 500 people", "480 people", False),
        ("at least 20 ministers", "20 ministers", True),
        ("about 3,000 runners", "3,150 runners", True),
        ("about 3,000 runners", "4,000 runners", False),
        ("roughly 9 billion dollars", "$8.7 billion", True),
        ("nearly 50 goals", "48 goals", True),
        ("nearly 50 goals", "55 goals", False),
        ("fewer than 100 cases", "87 cases", True),
        ("2.3 million barrels", "2,312,000 barrels", True),
        ("2.3 million barrels", "2.6 million barrels", False),
        ("24 ministers", "40 ministers", False),
        # "about" allows the rounding its figure states, never more than a tenth
        ("about 290 metres", "about 270 metres", False),
        ("about 90 firefighters", "87 firefighters", True),
        ("about 6,500 hectares", "6,480 hectares", True),
        ("about 85 per cent", "84.6 per cent", True),
        ("about 4.2 billion reais", "4.18 billion reais", True),
        # a fraction in words is stated to about a hundredth, not to a whole unit
        ("about half of the population", "almost a quarter of the population", False),
        # two maxima of the same thing must be close; a lower bound above the claim's maximum fits it
        ("up to 160 freight trains", "up to 260 freight trains", False),
        ("as many as 90,000 people", "up to 88,000 people", True),
        ("as many as 2,400 people", "more than 1,800 people", False),
    ],
)
def test_approximate_wording(claim, source, agrees):
    assert value_agrees(q(claim), q(source)) is agrees


@pytest.mark.parametrize(
    "claim, source, expected",
    [
        ("The cabinet has 40 ministers.", "The new cabinet has 24 ministers.", [False]),  # politics
        ("Exports were about $10bn.", "Exports reached $10.2 billion in 2019.", [True]),  # economics
        ("The probe carries 4.2 kg of fuel.", "The probe carries 4,200 grams of fuel.", [True]),  # science
        ("The team scored 3 goals in the final.", "The team scored 2 goals in the final.", [False]),  # sport
        ("The vaccine was 95% effective.", "Trials showed the vaccine was 91% effective.", [False]),  # science
        ("Turnout was 67 percent.", "About 1,200 polling stations opened.", []),  # different units: silent
    ],
)
def test_compare_numbers_across_topics(claim, source, expected):
    assert [c.agrees for c in compare_numbers(claim, source)] == expected


def test_scale_words_are_unit_of_money_only_with_currency():
    # "5 m" without a currency is five metres, not five million
    assert q("The wall is 5 m high.").unit == "m"
    assert q("The club paid $5m for him.").value == pytest.approx(5e6)


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("more than a million tiles", 1e6, "tile"),
        ("a thousand pilgrims", 1e3, "pilgrim"),
        ("half a million visitors", 5e5, "visitor"),
        ("Half a billion euros", 5e8, "eur"),
    ],
)
def test_a_scale_word_after_a_counts_as_one(text, value, unit):
    found = extract_quantities(text)
    assert len(found) == 1 and found[0].value == value and found[0].unit == unit


def test_a_million_reads_as_a_round_figure():
    claim = extract_quantities("more than a million tiles")[0]
    assert value_agrees(claim, extract_quantities("1,056,006 tiles")[0])
    assert not value_agrees(claim, extract_quantities("940,000 tiles")[0])


@pytest.mark.parametrize("claim, source, agrees", [
    ("fewer than 3 per cent", "3.1 per cent", False),  # a bound is exact: only the source's rounding counts
    ("fewer than 3 per cent", "2.9 per cent", True),
    ("more than 500 people", "499.7 people", False),
    ("more than 500 people", "512 people", True),
    ("just over 31 miles", "31.4 miles", True),
])
def test_a_bound_is_exact(claim, source, agrees):
    assert value_agrees(extract_quantities(claim)[0], extract_quantities(source)[0]) is agrees


@pytest.mark.parametrize("text, value, unit", [
    ("a 34.6-kilometre railway tunnel", 34600.0, "m"),
    ("a 3.1-billion-euro plant", 3.1e9, "eur"),
    ("a 10-minute walk", 10.0, "minute"),
])
def test_a_figure_hyphened_to_its_unit(text, value, unit):
    (q,) = extract_quantities(text)
    assert (q.value, q.unit) == (value, unit) and "-" in q.text


def test_scores_ranges_and_dates_with_hyphens_are_no_figures_of_a_unit():
    assert extract_quantities("Germany won 7-1 on 2014-07-08") == []


def test_race_times_are_read_in_seconds_and_clock_times_are_not():
    assert [(q.value, q.unit) for q in extract_quantities("He ran 2:01:39 in Berlin.")] == [(7299.0, "second")]
    assert [(q.value, q.unit, q.step) for q in extract_quantities("She won in 1:55.38.")] == [(115.38, "second", 0.01)]
    assert extract_quantities("The meeting began at 14:30.") == []


def test_an_age_is_no_duration():
    assert [q.unit for q in extract_quantities("The 19-year-old swam. It took 3 years.")] == ["age", "year"]


def test_a_counted_noun_is_never_read_past_a_comma():
    """ "won in 48.21, under the standard of 48.34": the time has no unit, "under" is no counted noun."""
    times = extract_quantities("Jonas Brekke won in 48.21, under the qualifying standard of 48.34.")
    assert [(x.value, x.unit) for x in times] == [(48.21, None), (48.34, None)]


def test_a_verb_after_a_figure_is_no_counted_noun():
    """ "as many as 2,000 died": the figure counts what its clause says, not "died"; a participle before
    the counted noun is passed over ("twelve founding member states")."""
    assert [x.unit for x in extract_quantities("As many as 2,000 died.")] == [None]
    assert [x.unit for x in extract_quantities("It has twelve founding member states.")] == ["member"]


def test_volumes_in_cubic_units_and_gallons_are_one_scale():
    """3.25 million cubic yards is about 2.5 million cubic metres: not the same volume."""
    checks = compare_numbers("Some 3.25 million cubic metres of concrete were poured.",
                             "The dam contains 3.25 million cubic yards of concrete.")
    assert [c.agrees for c in checks] == [False]
    checks = compare_numbers("The lake holds 35 billion cubic metres.", "The lake holds 9.2 trillion gallons.")
    assert [c.agrees for c in checks] == [True]


def test_a_figure_counts_nothing_past_a_verb_or_another_figure_and_concentrations_have_units():
    assert [q.unit for q in extract_quantities("Line 9 has ten stations.") if q.value == 9] == [None]
    checks = compare_numbers("Nitrogen dioxide averaged 24.6 micrograms per cubic metre.",
                             "The mean concentration of nitrogen dioxide was 24.6 µg/m³, against 27.9 µg/m³ in 2024.")
    assert [c.agrees for c in checks] == [True]


def test_stored_energy_has_its_own_scale():
    checks = compare_numbers("The battery can store 200 megawatt-hours.", "The battery has a capacity of 100 MWh.")
    assert [c.agrees for c in checks] == [False]
    assert [q.unit for q in extract_quantities("a 50-megawatt battery")] == ["w"]


def test_a_tens_word_and_a_unit_word_are_one_number():
    assert [(q.value, q.unit) for q in extract_quantities("Fifty-seven people were killed.")] == [(57.0, "people")]
    assert [q.value for q in extract_quantities("twenty one people and sixty-five per cent")] == [21.0, 65.0]
    assert compare_numbers("Fifty-seven people were killed.", "The eruption killed 57 people.")[0].agrees


def test_an_age_and_a_time_said_in_two_units():
    assert [(q.value, q.unit) for q in extract_quantities("He died at the age of 84.")] == [(84.0, "age")]
    assert not compare_numbers("Truman died at the age of 84.", "Truman, the 83-year-old owner of the lodge, died.")[0].agrees
    assert [(q.value, q.unit) for q in extract_quantities("finishing in 5 minutes 41.62 seconds")] == [(341.62, "second")]
    assert compare_numbers("crossed the line in 5:41.62", "finishing in 5 minutes 41.62 seconds")[0].agrees


def test_hours_and_minutes_are_minutes_and_hours_never_meet_seconds():
    assert [(q.value, q.unit) for q in extract_quantities("will take 2 hours and 15 minutes")] == [(135.0, "minute")]
    assert all(q.unit != "second" or q.value != 135.0 for q in extract_quantities("after 2 hours 15 seconds"))


@pytest.mark.parametrize("claim,source,agrees", [
    ("£540 million", "£541 million", True),  # a round figure is a rounding of the source's
    ("40 per cent", "40.4 per cent", True),
    ("40 per cent", "41 per cent", False),  # never by more than a hundredth
    ("2,000 people", "1,500 people", False),
    ("541 seats", "540 seats", False),  # a figure that is not round is exact
    ("2:01:09", "2:00:35", False),  # a time is no round figure
])
def test_a_round_figure_is_a_rounding(claim, source, agrees):
    assert value_agrees(extract_quantities(claim)[0], extract_quantities(source)[0]) is agrees


def test_and_a_half_adds_a_half():
    """"two and a half hours" is 2.5 hours, never the half alone (which made "three and a half" agree)."""
    two, three = extract_quantities("about two and a half hours")[0], extract_quantities("about three and a half hours")[0]
    assert (two.value, two.unit) == (2.5, "hour") and not value_agrees(two, three)
    assert extract_quantities("one and a half million people")[0].value == 1_500_000


def test_a_figure_glued_to_c_or_f_is_a_temperature_and_a_clause_word_ends_a_figure():
    assert [(q.value, q.unit) for q in extract_quantities("Brûlemont recorded 43.6C, and Alder 104F.")] == [
        (43.6, "degc"), (104.0, "degf")]
    assert [(q.value, q.unit) for q in extract_quantities("The Lyceum now seats 640 after a refurbishment.")] == [
        (640.0, None)]


def test_a_currency_code_before_a_figure_is_its_currency():
    assert [(q.value, q.unit) for q in extract_quantities("Net profit was EUR 184 million (131) and sales SEK 1.2 billion.")] \
        == [(184e6, "eur"), (131.0, None), (1.2e9, "sek")]


def test_a_fraction_written_as_one_character_is_part_of_its_figure():
    """"3¾ miles" is 3.75 miles (it was read as a bare 3 with no unit, so "about 6 miles" met nothing)."""
    line = extract_quantities("The original line was 3¾ miles long and cost £1½ million.")
    assert [(q.value, q.unit) for q in line] == [(3.75, "mile"), (1.5e6, "gbp")]
    assert not value_agrees(extract_quantities("about 6 miles")[0], line[0])
    assert value_agrees(extract_quantities("3.75 miles")[0], line[0])


def test_a_verb_after_and_begins_a_clause_the_figure_counts_nothing_of():
    assert [(q.value, q.unit) for q in extract_quantities("It has seating for 180 and opens onto a terrace.")] == [
        (180.0, None)]
