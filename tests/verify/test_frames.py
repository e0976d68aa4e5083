"""Like-with-like alignment: a value counts for or against a claim only about the same subject and the
same attribute. Traps written across topics (architecture, sport, science, business, history, politics):
same subject / other attribute, other subject / same attribute, approximations, ranges, units, dates at
other precisions, non-ASCII names."""

from __future__ import annotations

import pytest

from factdesk.verify.frames import FrameReader, find_values, fold, subjects_match
from factdesk.verify import frames as F

# (claim, passage, passage title, expected): "agree" / "disagree" = one frame check with that outcome;
# None = no check (the passage says nothing about that attribute of that subject)
CASES = [
    # same subject, same attribute, other words for it
    ("The Santa Justa Lift opened in 1902.", "It was inaugurated on 10 July 1902.", "Santa Justa Lift", "agree"),
    ("The Santa Justa Lift opened in 1902.", "The lift opened to the public in 1901.", "Santa Justa Lift", "disagree"),
    ("The Belém Tower was completed in 1520.", "The Belém Tower, completed in 1519, is a fortified tower.", "Belém Tower", "disagree"),
    # same subject, other attribute: the completion year says nothing about the listing year
    ("The Belém Tower was listed as a UNESCO World Heritage Site in 1983.",
     "The Belém Tower, completed in 1519, is a fortified tower.", "Belém Tower", None),
    ("The Hoover Dam is 221 metres tall.", "The dam's crest is 379 metres long.", "Hoover Dam", None),
    ("Benfica was founded in 1904.", "Benfica won its first league title in 1936.", "S.L. Benfica", None),
    # other subject, same attribute
    ("The Hoover Dam is 221 metres tall.", "The Glen Canyon Dam is 216 metres tall.", "Glen Canyon Dam", None),
    ("The Lisbon Metro opened in 1959.", "The Porto Metro opened in 2002.", "Porto Metro", None),
    ("The Lisbon Metro opened in 1959.", "The population of Lisbon was 545,796 at the 2021 census.", "Lisbon", None),
    ("The Vasco da Gama Bridge opened in 1998.", "The 25 de Abril Bridge opened in 1966.", "25 de Abril Bridge", None),
    ("The Vasco da Gama Bridge opened in 1998.", "Expo 98 ran from 22 May to 30 September 1998.", "Expo 98", None),
    # approximations, ranges, units, precision
    ("Lisbon has about 545,000 residents.", "The population of Lisbon was 545,796 at the 2021 census.", "Lisbon", "agree"),
    ("On 1 November 1755, an earthquake killed as many as 90,000 people in Lisbon.",
     "The 1755 Lisbon earthquake killed between 30,000 and 50,000 people.", "1755 Lisbon earthquake", "disagree"),
    ("The 1755 Lisbon earthquake killed about 40,000 people.",
     "The 1755 Lisbon earthquake killed between 30,000 and 50,000 people.", "1755 Lisbon earthquake", "agree"),
    ("The Vasco da Gama Bridge stretches 17.2 kilometres.", "It is 12.3 km long and opened in March 1998.",
     "Vasco da Gama Bridge", "disagree"),
    ("The Vasco da Gama Bridge opened in 1998.", "It is 12.3 km long and opened on 29 March 1998.",
     "Vasco da Gama Bridge", "agree"),
    ("The new stadium will cost 310 million euros.", "The council approved a budget of 310 million euros for the stadium.",
     "Stadium", "agree"),
    ("The trial enrolled 1,200 patients.", "The trial enrolled 1,187 patients across 14 hospitals.", "Trial", "disagree"),
    ("The trial enrolled about 1,200 patients.", "The trial enrolled 1,187 patients across 14 hospitals.", "Trial", "agree"),
    ("The company's revenue rose 12% in 2023.", "The company's revenue rose 9% in 2023.", "Company", "disagree"),
    # units converted; another currency is another figure
    ("The Berlin Wall was some 870 miles long.", "The wall was 1,393 km long.", "Berlin Wall", "agree"),
    ("The wreck lies at a depth of about 3,800 feet.", "The wreck lies at a depth of 3,800 metres.", "Wreck", "disagree"),
    ("The Channel Tunnel is just over 31 miles long.", "The tunnel is 50.45 km long.", "Channel Tunnel", "agree"),
    ("Microsoft paid 5.44 billion dollars for the division.", "Microsoft paid €5.44 billion for the division.",
     "Division sale", "disagree"),
    # the year a figure is for
    ("The cooperative reported revenue of £318 million in 2025.",
     "The cooperative reported revenue of £299.8 million in 2024.", "Cooperative", None),
    # a bare figure counts what its attribute names; a figure counting something else says nothing
    ("Greyford has about 67,000 residents.", "At the 2021 census Greyford had a population of 67,200.", "Greyford", "agree"),
    ("The Sagrada Família attracts some 4.7 million visitors a year.",
     "The Sagrada Família employs 1,200 workers.", "Sagrada Família", None),
    # names in the agent role, non-ASCII included
    ("The Santa Justa Lift was designed by Gustave Eiffel.",
     "The lift was designed by Raoul Mesnier du Ponsard, an apprentice of Gustave Eiffel.", "Santa Justa Lift", "disagree"),
    ("The monastery was commissioned by King Manuel I.",
     "The Jerónimos Monastery was commissioned by King Manuel I in 1501.", "Jerónimos Monastery", "agree"),
    ("The statue was sculpted by Sebastião Salgado.", "The statue was sculpted by Sebastião Almeida in 1940.",
     "Statue", "disagree"),
    # a headline's subject is what "The company" of its story means; a close appositive names the subject
    ("Ostrava Steel will invest 1.2 billion euros in the mill.",
     "The company plans to invest around €1.2 billion in the site.", "Ostrava Steel picks Kladno for new mill", "agree"),
    ("Ostrava Steel will invest 1.2 billion euros in the mill.",
     "The company plans to invest around €1.2 billion in the site.", "Hradec Metals picks Kladno for new mill", None),
    ("Its rival Moravia Glass opened a plant in Zlín in March 2025.",
     "Moravia Glass opened its new plant in Zlín on 18 September 2025.", "Moravia Glass", "disagree"),
    # two named things of one kind share only the kind: the Curiosity rover is not Opportunity (rover)
    ("NASA's Curiosity rover was launched in November 2011.", "It was launched on 7 July 2003 on a Delta II rocket.",
     "Opportunity (rover)", None),
    ("The Cunard liner Carpathia reached New York on 18 April.", "She arrived in New York on 18 April 1912.",
     "RMS Carpathia", "agree"),
    # a title's bracketed kind is no part of the name; "touched down" is a landing
    ("Tenacity landed in Jezero Crater in March 2031.", "It touched down in Jezero crater on 18 February 2031.",
     "Tenacity (rover)", "disagree"),
    # where a company is based, said with a noun; its legal form is no part of its name
    ("Kestrel Pumps has its headquarters in Tampere.", "Kestrel Pumps Oy is a maker of pumps with its head office in Vaasa.",
     "Kestrel Pumps", "disagree"),
    ("Kestrel Pumps has its headquarters in Vaasa.", "Kestrel Pumps Oy is a maker of pumps with its head office in Vaasa.",
     "Kestrel Pumps", "agree"),
    # two counts of different things are not compared, unless an attribute noun says what one counts
    ("The Liberals won almost a third of the vote.", "The Liberals won 13 of the 31 seats.", "Election", None),
    ("Greyford had about 67,000 residents in 2021.", "At the 2021 census it had a population of 67,200, up from 63,800 in 2011.",
     "Greyford", "agree"),
    # two of a kind told apart by the words of their names: the Gotthard Base Tunnel is not the Road Tunnel
    ("The Gotthard Base Tunnel was opened on 1 June 2016.", "It is 16.9 kilometres long and was opened on 5 September 1980.",
     "Gotthard Road Tunnel", None),
    ("The Gotthard Base Tunnel was opened on 1 June 2016.", "It was officially opened in June 2007.",
     "Lötschberg Base Tunnel", None),
    ("Haldenhöfen's town council approved a budget of 38 million euros.",
     "Haldenhöfen town council approved a budget of €34 million.", "Haldenhöfen", "disagree"),
    # a share that is the subject, with a bare noun after it, says nothing of whose share it is
    ("Fewer than 3 per cent of patients stopped treatment because of side effects.",
     "In the BRANT study, 3.1 per cent stopped treatment because of adverse events.", "BRANT trial", None),
    # a figure joined to its unit by a hyphen gives the noun it modifies a length, height or cost
    ("The Lötschberg Base Tunnel is 43 kilometres long.", "The Lötschberg Base Tunnel is a 34.6-kilometre railway tunnel.",
     "Lötschberg Base Tunnel", "disagree"),
    ("The Eiffel Tower is 330 metres tall.", "Gustave Eiffel's company built the 300-metre tower for the fair.",
     "Eiffel Tower", "disagree"),
    ("The Eiffel Tower is 330 metres tall.", "Gustave Eiffel's company built the 300-metre Garabit viaduct.",
     "Gustave Eiffel", None),
    # pounds after a weight are a weight
    ("Curiosity weighs nearly 2,000 pounds.", "Curiosity has a mass of 899 kilograms.", "Curiosity (rover)", "agree"),
    ("The probe weighs about 3,000 pounds.", "The probe has a mass of 899 kilograms.", "Probe", "disagree"),
    # a plural noun the parser reads as a verb ("freight trains"), and two maxima of one capacity
    ("The Gotthard Base Tunnel was designed to carry up to 160 freight trains a day.",
     "The Gotthard Base Tunnel was built to handle up to 260 freight trains and 65 passenger trains a day.",
     "Gotthard Base Tunnel", "disagree"),
    # public money given towards a building: a gift and a grant are one attribute
    ("The Greyford Central Library was paid for with a gift of £10,000 from Andrew Carnegie.",
     "It was built with a grant of £8,000 from the industrialist Andrew Carnegie and opened in 1906.",
     "Greyford Central Library", "disagree"),
    # a bare figure with the same decimals in the same frame is the same measure, its unit unsaid; a bare
    # whole number is not compared with a measured one
    ("Jonas Brekke won the 100 metres freestyle in 48.12 seconds.",
     "The 100 m freestyle was won by Jonas Brekke in 48.21, under the qualifying standard of 48.34.",
     "Swimming championships", "disagree"),
    ("The tower is 324 metres tall.", "The tower was 300 when it opened.", "Eiffel Tower", None),
]


@pytest.fixture(scope="module")
def reader(nlp):
    return FrameReader(nlp)


@pytest.mark.parametrize("claim,passage,title,expected", CASES, ids=[f"{i}-{c[:30]}" for i, (c, *_) in enumerate(CASES)])
def test_like_with_like(reader, claim, passage, title, expected):
    checks = reader.compare(claim, passage, title)
    if expected is None:
        assert checks == [], [c.describe() for c in checks]
    else:
        assert checks, f"no frame matched for {claim!r}"
        if expected == "agree":
            assert all(c.agrees for c in checks), [c.describe() for c in checks]
        else:  # one value in a matching frame that differs is enough (the others may agree)
            assert any(not c.agrees for c in checks), [c.describe() for c in checks]


def test_non_ascii_names_are_kept_whole(reader):
    frames = reader.frames("The statue was sculpted by Sebastião Salgado.")
    assert [f.value.text for f in frames if f.value.kind == "name"] == ["Sebastião Salgado"]
    assert fold("Belém") == "belem"


def test_a_range_is_one_value_with_both_ends():
    (value,) = [v for v in find_values("It killed between 30,000 and 50,000 people.") if v.kind == "quantity"]
    assert (value.low, value.high) == (30000, 50000)
    (scaled,) = [v for v in find_values("The bill will cost 30 to 50 million euros.") if v.kind == "quantity"]
    assert (scaled.low, scaled.high) == (30e6, 50e6)


def test_a_pronoun_subject_is_the_document_title(reader):
    (frame,) = reader.frames("It was inaugurated on 10 July 1902.", title="Santa Justa Lift")
    assert frame.subject == "Santa Justa Lift"
    (claim,) = reader.frames("The Santa Justa Lift opened in 1902.")
    assert subjects_match(claim, frame)


def test_a_schedule_is_not_compared_with_what_happened(reader):
    assert reader.compare("The leisure centre is due to open in 2028.",
                          "The Castle Baths leisure centre opened in 1974.", "Castle Baths") == []
    (check,) = reader.compare("The Elm Street line is scheduled to open in 2028.", "The line will open in 2029.",
                              "Elm Street line")
    assert not check.agrees


def test_a_generic_claim_subject_matches_no_named_one(reader):
    # "the council" could be any council: a named council's figure neither confirms nor refutes it
    assert reader.compare("The council employs about 2,300 staff.", "Hadley Vale Council employs about 640 staff.") == []


def test_a_reference_takes_the_other_names_its_context_gives(reader):
    context = "The Terrorism Confinement Center, known as CECOT, is a prison. The prison opened in 2023."
    (frame,) = reader.frames("The prison opened in 2023.", "Terrorism Confinement Center", context=context)
    (claim,) = reader.frames("CECOT opened in 2023.")
    assert subjects_match(claim, frame)
    (other,) = reader.frames("Alcatraz opened in 1934.")
    assert not subjects_match(other, frame)


def test_a_denial_of_the_same_value_disagrees(reader):
    (check,) = reader.compare("The drug was approved by regulators in 2023.",
                              "The drug was not approved by regulators in 2023, the agency said.", "Drug")
    assert check.kind == "negation" and not check.agrees


def test_an_of_phrase_names_its_noun(reader):
    assert any(not c.agrees and c.kind == "quantity" for c in reader.compare(
        "The central bank of Norland raised its main interest rate to 4.5% in June 2019.",
        "The central bank of Norland raised its main interest rate to 3.25% in June 2019.", "Monetary policy decision"))
    assert reader.compare("The central bank of Norland raised its rate to 4.5%.",
                          "The central bank of Westland raised its rate to 3.25%.", "Westland decision") == []


def test_agents_in_the_active_voice_and_owners_of_work(reader):
    (check,) = [c for c in reader.compare("Antoni Gaudí also designed the Palau de la Música Catalana.",
                                          "The Palau de la Música Catalana is a concert hall designed by the architect "
                                          "Lluís Domènech i Montaner.", "Palau de la Música Catalana") if c.kind == "name"]
    assert not check.agrees
    (date,) = reader.compare("Work on the Sagrada Família began in 1882.", "Construction began on 19 March 1882.",
                             "Sagrada Família")
    assert date.agrees
    # neither a word nor an old year is a count: "without one", "began in 1248"
    assert reader.compare("The basilica attracts some 4.7 million visitors a year.",
                          "Construction began in 1248 and was completed in 1880, without one permit.", "Basilica") == []
    # other years in two names: other things
    assert reader.compare("Germany won the 2014 World Cup final.", "Spain won the 2010 World Cup final.",
                          "2010 FIFA World Cup") == []


def test_several_agents_each_against_the_one_it_stands_for(reader):
    """Two agents joined by "and": the right one agrees, the wrong one is compared with the source's
    other agent, not with the one the claim got right."""
    checks = reader.compare("The Channel Tunnel was opened by Queen Elizabeth II and the French president Jacques Chirac.",
                            "The tunnel was officially opened by Queen Elizabeth II and the French president "
                            "François Mitterrand in 1994.", "Channel Tunnel")
    by_claim = {c.claim.value.text: (c.agrees, c.source.value.text) for c in checks if c.kind == "name"}
    assert by_claim["Queen Elizabeth II"][0] is True
    assert by_claim["Jacques Chirac"] == (False, "François Mitterrand")
    # both right: nothing disagrees
    both = reader.compare("The Dam was designed by Gordon Kaufmann and John L. Savage.",
                          "The dam was designed by the architect Gordon Kaufmann and the engineer John L. Savage.", "Dam")
    assert both and all(c.agrees for c in both if c.kind == "name")


def test_a_model_number_is_part_of_the_name_not_a_figure(reader):
    assert [v.text for v in find_values("The Nokia 3310 sold more than 200 million units.")] == ["more than 200 million units"]
    assert [v.text for v in find_values("Team Sky won 7 times.")] == ["7"]  # after a verb: a figure
    checks = reader.compare("The Nokia 3310 sold more than 200 million units.",
                            "It became one of the most successful phones of its time, with about 126 million units sold.",
                            "Nokia 3310")
    assert [c.agrees for c in checks] == [False]  # "units sold" is the predicate; "Nokia 3310" the subject


def test_the_counted_noun_comes_after_its_adjectives(reader):
    checks = reader.compare("The roof is covered with more than a million tiles.",
                            "The roof is covered with 1,056,006 glossy white and matte cream tiles.", "Sydney Opera House")
    assert [c.agrees for c in checks] == [True]
    other = reader.compare("The roof is covered with more than a million tiles.",
                           "The roof is covered with 1,056,006 glossy white and matte cream panels.", "Sydney Opera House")
    assert other == []


def test_a_participle_between_a_figure_and_its_noun_keeps_the_count(reader):
    checks = reader.compare("CERN was founded in 1954 by eight European states.",
                            "It was established in 1954 by twelve founding member states.", "CERN")
    assert sorted(c.agrees for c in checks) == [False, True]  # the year agrees, the count does not


def test_a_comparative_in_parentheses_speaks_only_to_its_year(reader):
    passage = "Member farms supplied 702 million litres of milk (2024: 688 million litres) to the cooperative."
    title = "Harrowdale Dairy Cooperative annual report 2025"
    this_year = reader.compare("Member farms supplied 688 million litres of milk during the year.", passage, title)
    assert [c.agrees for c in this_year] == [False]
    assert [c.agrees for c in reader.compare("Member farms supplied 688 million litres of milk in 2024.", passage, title)] == [True]


def test_an_average_of_is_a_measure_not_a_participant(reader):
    assert reader.compare("Members were paid an average of 41.2 pence per litre.",
                          "Brookvale Creameries paid its supplying farmers an average of 41.2 pence per litre.",
                          "Brookvale Creameries annual report") == []


def test_a_gapped_clause_gives_its_own_subject_the_figure(reader):
    passage = "Tyson Gay finished second in 9.71 seconds, an American record, and Asafa Powell third in 9.84 seconds."
    title = "2009 World Championships men's 100 metres"
    assert [c.agrees for c in reader.compare("Tyson Gay finished second in 9.84 seconds.", passage, title)] == [False]
    assert [c.agrees for c in reader.compare("Asafa Powell finished third in 9.84 seconds.", passage, title)] == [True]


def test_one_shared_word_does_not_make_two_named_things_one(reader):
    claim = "The Hubble Space Telescope orbits Earth at an altitude of about 540 kilometres."
    assert reader.compare(claim, "It orbits at an average altitude of about 400 kilometres.", "International Space Station") == []
    assert [c.agrees for c in reader.compare(claim, "Hubble orbits at an altitude of about 547 kilometres.",
                                             "Hubble Space Telescope")] == [True]


def test_a_general_verb_meets_the_specific_one_of_its_group(reader):
    claim = "The Cunard liner Carpathia reached New York on 18 April."
    assert [c.agrees for c in reader.compare(claim, "She arrived in New York on 17 April 1912.", "RMS Carpathia")] == [False]
    assert [c.agrees for c in reader.compare(claim, "She arrived in New York on 18 April 1912.", "RMS Carpathia")] == [True]
    assert reader.compare(claim, "She arrived in New York on 17 April 1912.", "RMS Titanic") == []


def test_fell_to_states_the_level_and_from_is_another_time(reader):
    passage = "Operating profit was £11.9 million, compared with £14.3 million in 2024."
    title = "Harrowdale Dairy Cooperative annual report 2025"
    assert [c.agrees for c in reader.compare("Operating profit fell to £13.9 million from £14.3 million.", passage, title)] == [False]
    assert [c.agrees for c in reader.compare("Operating profit fell to £11.9 million from £14.3 million.", passage, title)] == [True]


def test_raise_and_rise_are_one_change(reader):
    checks = reader.compare("The 2025 budget had raised the tax by 3.99 per cent.", "Council tax rose by 2.99 per cent.",
                            "Harrowfield council budget 2025")
    assert [c.agrees for c in checks] == [False]


def test_a_name_with_its_short_form_in_brackets(reader):
    passage = "It was built by the European Organization for Nuclear Research (CERN) between 1998 and 2008."
    assert [c.agrees for c in reader.compare("The Large Hadron Collider was built by CERN.", passage, "Large Hadron Collider")] == [True]
    assert [c.agrees for c in reader.compare("The Large Hadron Collider was built by NASA.", passage, "Large Hadron Collider")] == [False]


def test_triggered_and_invoked_are_one_act(reader):
    checks = reader.compare("The government formally triggered Article 50 on 29 March 2018.",
                            "The government invoked Article 50 of the Treaty on European Union on 29 March 2017.",
                            "United Kingdom invocation of Article 50")
    assert [c.agrees for c in checks] == [False]


def test_a_speed_is_a_speed_in_any_units_and_up_to_is_the_top(reader):
    passage = "The maximum speed of trains in the tunnel is 160 kilometres per hour."
    assert [c.agrees for c in reader.compare("Trains run through the Channel Tunnel at up to 100 miles an hour.",
                                             passage, "Channel Tunnel")] == [True]
    assert [c.agrees for c in reader.compare("Trains run through the Channel Tunnel at up to 200 miles an hour.",
                                             passage, "Channel Tunnel")] == [False]


def test_aboard_names_the_carrier_as_by_does(reader):
    passage = "It was carried into orbit by the Space Shuttle Discovery on mission STS-31."
    claim = "The Hubble Space Telescope was carried into space aboard the Space Shuttle {}."
    assert [c.agrees for c in reader.compare(claim.format("Columbia"), passage, "Hubble Space Telescope")] == [False]
    assert [c.agrees for c in reader.compare(claim.format("Discovery"), passage, "Hubble Space Telescope")] == [True]


def test_a_role_holder_named_as_subject_meets_the_holder_of_the_claim(reader):
    passage = ("On the evening of 9 November 1989, the East German politburo spokesman Günter Schabowski announced "
               "at a press conference that the new travel rules took effect immediately.")
    wrong = reader.compare("The East German spokesman Egon Krenz announced at a press conference that new travel rules "
                           "applied immediately.", passage, "Fall of the Berlin Wall")
    right = reader.compare("The East German spokesman Günter Schabowski announced the new rules at a press conference.",
                           passage, "Fall of the Berlin Wall")
    assert [c.agrees for c in wrong] == [False] and [c.agrees for c in right] == [True]


def test_up_from_gives_the_earlier_figure_and_its_year(reader):
    passage = "Nordfjord Ferries carried 4.1 million passengers in 2025 (2024: 3.8 million)."
    title = "Nordfjord Ferries annual report 2025"
    right = reader.compare("Nordfjord Ferries carried 4.1 million passengers in 2025, up from 3.8 million in 2024.", passage, title)
    assert right and all(c.agrees for c in right)
    wrong = reader.compare("Nordfjord Ferries carried 4.3 million passengers in 2025, up from 3.8 million in 2024.", passage, title)
    assert [c.agrees for c in wrong if c.kind == "quantity"] == [False]


def test_a_thing_of_so_many_metres_is_that_long(reader):
    passage = "The Drogden Tunnel is an immersed tube tunnel of 4,050 metres that carries road and rail under the strait."
    assert [c.agrees for c in reader.compare("The Drogden Tunnel is about 4 kilometres long.", passage, "Drogden Tunnel")] == [True]
    assert [c.agrees for c in reader.compare("The Drogden Tunnel is about 6 kilometres long.", passage, "Drogden Tunnel")] == [False]


def test_a_figure_of_another_period_is_another_fact(reader):
    claim = "Nordfjord Ferries carried 4.1 million passengers in 2025, up from 3.8 million in 2024."
    assert reader.compare(claim, "Nordfjord Ferries carried 3.8 million passengers in 2024.",
                          "Nordfjord Ferries annual report 2024") == []
    # a one-off event keeps its date: "founded in 1954 by eight states" is still compared on 1954
    checks = reader.compare("CERN was founded in 1954 by eight European states.",
                            "It was established in 1955 by twelve founding member states.", "CERN")
    assert [c.kind for c in checks if not c.agrees] == ["date"]


def test_an_institution_is_compared_only_with_one_of_its_class(reader):
    passage = "A team at the University of Oxford led by Howard Florey developed penicillin into a usable drug."
    wrong = reader.compare("A team at the University of Cambridge led by Howard Florey turned penicillin into a drug.",
                           passage, "Development of penicillin")
    assert [c.agrees for c in wrong if c.claim.role == "place"] == [False]
    # another class of place is not compared: "at St Mary's Hospital" says nothing against Oxford University
    other = reader.compare("A team at St Mary's Hospital turned penicillin into a drug.", passage, "Development of penicillin")
    assert [c for c in other if c.claim.role == "place"] == []


def test_a_title_that_is_the_role_compares_its_holders(reader):
    """"Cardinal X crowned…" against "Cardinal Y crowned…": two holders of one title for one act."""
    passage = "On 3 May 1931, Cardinal Manuel Cerejeira consecrated the new chapel of the sanctuary."
    assert _name_checks(reader, ["Cardinal Francisco Ferreira consecrated the chapel in May 1931.",
                                 "Cardinal Manuel Cerejeira consecrated the chapel in May 1931."],
                        passage, "Sanctuary chapel") == [[False], [True]]


def _checks(reader, claims: list[str], passage: str, title: str, kind: str) -> list[list[bool]]:
    """For each claim, whether each of its values of ``kind`` agrees with the passage's."""
    return [[c.agrees for c in reader.compare(claim, passage, title) if c.kind == kind] for claim in claims]


def _name_checks(reader, claims: list[str], passage: str, title: str) -> list[list[bool]]:
    """For each claim, whether each of its names agrees with the passage's (frames of kind "name")."""
    return _checks(reader, claims, passage, title, "name")


def test_a_titled_agent_of_an_act_meets_the_agent_after_by(reader):
    """"President Calvin Coolidge signed the act" names who signed it, as "signed by President X" does."""
    claim = "The Boulder Canyon Project Act was signed into law by President {} in 1928."
    assert _name_checks(reader, [claim.format("Herbert Hoover"), claim.format("Calvin Coolidge")],
                        "President Calvin Coolidge signed the act on 21 December 1928.",
                        "Boulder Canyon Project Act") == [[False], [True]]


def test_a_titled_name_said_without_an_act_is_no_agreement(reader):
    """The same "President X" in a passage about something else confirms nothing."""
    checks = reader.compare("Emissions fell to a 35-year low under President Donald Trump.",
                            "The debate was Joe Biden against President Donald Trump.", "2020 debate")
    assert not [c for c in checks if c.kind == "name"]


def test_the_agent_of_an_unveiling_is_compared(reader):
    """Active voice: the subject of "unveiled" is its agent, as the one after "by" is."""
    passage = "Gustav Vigeland unveiled the statue in 1907."
    checks = reader.compare("Harald Sohlberg unveiled the statue in 1907.", passage, "Statue")
    assert [c.agrees for c in checks if c.kind == "name"] == [False]


def test_a_list_that_leaves_out_its_verb_gives_each_name_its_figures(reader):
    """"X received 32 per cent and 14 seats, Y 25 per cent and 11 seats": the 11 seats are Y's."""
    passage = ("The Labour group received 30.2 per cent of the vote and 12 seats, the Liberal group 24.1 per cent "
               "and 9 seats, the Green group 11.5 per cent and 5 seats.")
    wrong = reader.compare("The Labour group won 9 seats.", passage, "Election results")
    right = reader.compare("The Green group won five seats.", passage, "Election results")
    assert [c.agrees for c in wrong if c.kind == "quantity"] == [False]
    assert [c.agrees for c in right if c.kind == "quantity"] == [True]
    assert [c for c in wrong if c.kind == "quantity"][0].source.value.text == "12 seats"


def test_the_whole_of_a_part_is_not_the_subjects_figure(reader):
    """"won 12 of the 35 seats": 35 is the council's size, not a figure to hold against "12 seats"."""
    checks = reader.compare("The Labour group won 12 of the 35 seats.",
                            "The Labour group received 30.2 per cent of the vote and 12 seats.", "Election results")
    assert [c.agrees for c in checks if c.kind == "quantity"] == [True]


def test_who_won_an_amount_is_not_compared_through_the_amount(reader):
    """"The Greens won six seats" and "The Centre list won 5 seats" are not one event with two winners."""
    checks = reader.compare("The Green group won six seats.", "The Centre list won 5 seats in 2021.", "Election results")
    assert not [c for c in checks if c.kind == "name"]


def test_an_event_a_source_dates_several_times_is_not_denied_by_another_year(reader):
    """"won the title in 2003, 2004 and 2006": a claim that they won in 2008 is not contradicted."""
    checks = reader.compare("Anna Berg won the Lakeside Open in 2008.",
                            "Anna Berg won the Lakeside Open in 2003, in 2004 and in 2006.", "Anna Berg")
    assert not [c for c in checks if c.kind == "date" and not c.agrees]
    one = reader.compare("Anna Berg won the Lakeside Open in 2008.", "Anna Berg won the Lakeside Open in 2006.", "Anna Berg")
    assert [c.agrees for c in one if c.kind == "date"] == [False]


def test_a_level_reached_by_improving_is_that_level(reader):
    checks = reader.compare("The average load factor improved to 81.2 per cent from 77.5 per cent.",
                            "The average load factor was 81.2 per cent (2024: 77.5 per cent).", "Ferry annual report 2025")
    assert [c.agrees for c in checks] == [True]


def test_when_a_company_said_something_is_not_compared(reader):
    checks = reader.compare("Sales rose to £40 million, Harbour Foods said on Tuesday (March 17, 2026).",
                            "Harbour Foods reported sales of £40 million for 2025.", "Harbour Foods results 2025")
    assert not [c for c in checks if c.kind == "date"]


def test_where_an_organisation_is_based_is_compared(reader):
    passage = "Its headquarters are in Kalvebod, Copenhagen, just south of the old town."
    assert _name_checks(reader, ["Nordlys Shipping is headquartered in Copenhagen.",
                                 "Nordlys Shipping is headquartered in Aarhus."], passage, "Nordlys Shipping") == [[True], [False]]


def test_a_place_set_before_the_clause_owns_its_attribute(reader):
    """"In Porto, the population was …": Porto's population, not any city's."""
    passage = "Porto's population was 231,800 at the 2021 census."
    assert [c.agrees for c in reader.compare("In Porto, the population was about 232,000 in 2021.", passage, "Porto")] == [True]
    assert reader.compare("In Braga, the population was about 232,000 in 2021.", passage, "Porto") == []


def test_an_attribute_in_a_place_is_that_places(reader):
    passage = "Porto's population was 231,800 at the 2021 census."
    assert [c.agrees for c in reader.compare("The population in Porto was about 232,000 in 2021.", passage, "Porto")] == [True]
    assert reader.compare("The population in Braga was about 232,000 in 2021.", passage, "Porto") == []


def test_every_past_form_that_triggers_frames_is_an_agentive_verb():
    """The verifier reads a claim's names when it holds one of these forms; each must be a verb the frames
    read an agent of, or the trigger parses for nothing."""
    from lemminflect import getLemma

    from factdesk.verify.frames import AGENTIVE, AGENTIVE_PAST

    for word in AGENTIVE_PAST:
        assert set(getLemma(word, upos="VERB")) & AGENTIVE, word


def test_box_office_takings_are_what_a_film_took(reader):
    passage = "Winter Ferry has ended its theatrical run with worldwide takings of 2.6 million dollars."
    checks = reader.compare("Winter Ferry took more than 3 million dollars worldwide.", passage, "Winter Ferry ends its cinema run")
    assert [c.agrees for c in checks] == [False]
    checks = reader.compare("Winter Ferry took about 2.6 million dollars.", passage, "Winter Ferry ends its cinema run")
    assert [c.agrees for c in checks] == [True]


def test_turnout_in_a_place_is_the_turnout_of_its_election(reader):
    passage = "In the Åsbru municipal election on 14 September 2025, turnout was 67.2 per cent."
    title = "Åsbru municipal election 2025"
    assert [c.agrees for c in reader.compare("In neighbouring Åsbru, turnout was 71 per cent.", passage, title)] == [False]
    assert reader.compare("In neighbouring Vikstad, turnout was 71 per cent.", passage, title) == []
    # another year's election is another vote
    assert reader.compare("Turnout in the 2021 Åsbru election was 71 per cent.", passage, title) == []


def test_a_dimension_named_after_a_conversion(reader):
    passage = "Its primary mirror is 2.4 metres (7 ft 10 in) in diameter."
    checks = reader.compare("The mirror of the Hubble Space Telescope is 2.5 metres wide.", passage, "Hubble Space Telescope")
    assert [(c.agrees, c.source.value.text) for c in checks] == [(False, "2.4 metres")]


def test_a_comparative_adverb_says_the_dimension(reader):
    passage = "It was 1,393 kilometres (866 miles) long and ran from the Baltic Sea to Czechoslovakia."
    claim = "The border that divided the two German states was far longer, at some 870 miles."
    assert any(c.agrees for c in reader.compare(claim, passage, "Inner German border"))


def test_a_race_time_against_another(reader):
    passage = "At the Chicago Marathon on 8 October 2023 he ran 2:00:35, a world record."
    checks = reader.compare("Kelvin Kiptum ran 2:01:09 in Chicago.", passage, "Kelvin Kiptum")
    assert [c.agrees for c in checks] == [False]
    passage = ("In the final of the women's 200 m freestyle on 12 April, Saga Ødegård (Kestrup SK) finished first in "
               "1:55.38, ahead of Ingrid Falk.")
    assert [c.agrees for c in reader.compare("Saga Ødegård won the 200 metres freestyle in 1:55.38.", passage, "Results")] == [True]


def test_a_distance_that_names_a_race_is_no_value(reader):
    passage = "The men's 100 m freestyle was won by Jonas Brekke in 48.21."
    assert reader.compare("Jonas Brekke won the men's 100 metres freestyle.", passage, "Results") == []


def test_two_named_things_that_share_only_their_kind(reader):
    passage = "The Tegid Wing has 48 beds, including a 12-bed stroke unit."
    assert reader.compare("The Heulwen Wing has 48 beds.", passage, "Tegid Wing opens") == []
    assert [c.agrees for c in reader.compare("The Tegid Wing has 48 beds.", passage, "Tegid Wing opens")] == [True]


def test_an_agent_is_no_participant_two_designs_share(reader):
    passage = "Its stations were designed by the architect Åsa Lindfors."
    claim = "The new terminus in Merisund was designed by the architect Åsa Lindfors."
    assert reader.compare(claim, passage, "Karsholm–Tallby high-speed line") == []


def test_a_group_of_things_is_what_the_copula_says_it_is(reader):
    passage = "It was discovered in 1877 by the French astronomer Édouard Stephan."
    claim = "Stephan's Quintet is a group of galaxies discovered by the French astronomer Édouard Stephan."
    assert [c.agrees for c in reader.compare(claim, passage, "Stephan's Quintet")] == [True]


def test_taking_effect_and_paying_a_share_have_their_synonyms(reader):
    checks = reader.compare("The rent law will take effect on 1 July 2026.", "The Rent Law will enter into force on 1 August 2026.",
                            "Rent Law")
    assert [c.agrees for c in checks if c.kind == "date"] == [False]
    checks = reader.compare("The EU Cohesion Fund paid about 70 per cent of the bill.",
                            "The EU Cohesion Fund contributed 70 per cent of the cost.", "River restoration")
    assert [c.agrees for c in checks] == [True]


def test_a_name_of_something_has_its_own_head():
    from factdesk.verify.frames import _last_word

    assert _last_word("Monument to the Great Fire of London") == "monument"
    assert _last_word("University of Coimbra") == "university"
    assert _last_word("Åsbru municipal election 2025") == "election"


def test_a_numbered_one_of_a_series_is_not_another(reader):
    # "the second metro line" is Line 2, not Line 1 (a distractor about the city's older line)
    assert not reader.compare("Ståleborg's second metro line serves 14 stations.",
                              "It opened in 1994 and runs 9.8 kilometres, serving 12 stations.", "Ståleborg Metro Line 1")
    checks = reader.compare("Ståleborg's second metro line has 14 stations.",
                            "Ståleborg Metro Line 2 has 14 stations.", "Ståleborg Metro Line 2")
    assert [c.agrees for c in checks] == [True]


def test_a_second_figure_in_a_coordination_is_not_the_first_ones_attribute(reader):
    # "a length of 11.4 km and 14 stations": the stations are the line's, not the kilometres'
    frames = [f for f in reader.frames("The line has a length of 11.4 km and 14 stations.", "Metro Line 2")
              if f.value.text == "14 stations"]
    assert frames and frames[0].subject == "Metro Line 2" and "length" not in frames[0].predicates


def test_serving_and_providing_are_having(reader):
    checks = reader.compare("The Heulwen Wing holds 96 beds.", "The Heulwen Wing provides 96 inpatient beds.", "Heulwen Wing")
    assert [c.agrees for c in checks] == [True]


def test_a_description_in_a_named_things_text_is_that_thing_its_part_is_not(reader):
    checks = reader.compare("The Berlin Wall ran for about 155 kilometres.",
                            "The barrier had a total length of about 155 kilometres.", "Berlin Wall")
    assert [c.agrees for c in checks] == [True]
    # "its mast" is the bridge's mast, not the bridge
    checks = reader.compare("The Tanners' Bridge's single mast rises 35 metres above the water.",
                            "The bridge is 86 metres long, and its single steel mast rises 28 metres above the river.",
                            "Tanners' Bridge")
    assert [c.agrees for c in checks] == [False]


def test_a_class_noun_for_a_text_is_the_thing_its_title_names(reader):
    # "the 186-page document" in a report headed "… sign coalition agreement" is that agreement
    claim = reader.frames("The coalition agreement employs 14 advisers.", None)[0]
    source = reader.frames("The document employs 15 advisers.",
                           "Social Democrats, Greens and Liberal Centre sign coalition agreement")[0]
    assert subjects_match(claim, source)


def test_the_earlier_level_of_a_change_is_that_years_and_the_new_one_is_not(reader):
    claim = "Turnout in Montevara's mayoral election fell to 54.8 per cent, down from nearly 60 per cent at the " \
            "previous election in 2021."
    checks = reader.compare(claim, "At the municipal elections of 23 May 2021, turnout in Montevara was 59.4 per cent.",
                            "Municipal elections 2021: results")
    quantities = [(c.claim.value.text, c.agrees) for c in checks if c.kind == "quantity"]
    # the 2021 figure agrees; 54.8 per cent is this election's, not compared with 2021's
    assert quantities == [("nearly 60 per cent", True)]


def test_a_fact_sheet_line_speaks_of_its_documents_subject(reader):
    # a verbless line under a name title: what the figure counts or measures says the attribute
    checks = reader.compare("The Amber Ferry runs to 384 pages.", "Hardback, 352 pages, £18.99.",
                            "The Amber Ferry by Agnieszka Wróbel")
    assert [(c.claim.value.text, c.agrees) for c in checks] == [("384 pages", False)]
    checks = reader.compare("The Salt Orchard runs for just over two hours.",
                            "Norway and United Kingdom, 2026, 124 minutes, in Norwegian.", "The Salt Orchard")
    assert [c.agrees for c in checks if c.kind == "quantity"] == [True]
    # under a question (an answer's title) a bare figure says nothing of which attribute
    assert not reader.compare("The film runs for 124 minutes.", "124 minutes.", "How much did the film cost?")


def test_what_a_figure_counts_can_name_the_attribute(reader):
    # six goals won a scoring award: the count of goals is what was scored
    checks = reader.compare("Colombia's James Rodríguez scored eight goals.",
                            "Colombia's James Rodríguez won the Golden Boot with six goals.", "2014 FIFA World Cup: awards")
    assert [c.agrees for c in checks] == [False]
    # people a place is home to are its population
    checks = reader.compare("Pripyat was home to about 70,000 people.", "In 1986 its population was about 49,000.", "Pripyat")
    assert [c.agrees for c in checks] == [False]
    checks = reader.compare("Ålsjöberg is a town of about 12,000 people.",
                            "Ålsjöberg is a locality in northern Sweden with 12,000 inhabitants.", "Ålsjöberg")
    assert [c.agrees for c in checks] == [True]
    # but the people a fire killed are no population
    assert reader.compare("The fire killed 30 people in Ålsjöberg.", "Ålsjöberg has 12,000 inhabitants.", "Ålsjöberg") == []


def test_what_a_thing_was_made_for_is_its_cost(reader):
    checks = reader.compare("The Salt Orchard was made on a budget of 2.1 million euros.",
                            "The film was made for 3.8 million euros.", "The Salt Orchard to premiere in Harwick")
    assert [c.agrees for c in checks] == [False]
    # a sum made in sales is no price
    assert reader.compare("The Salt Orchard was made on a budget of 2.1 million euros.",
                          "The Salt Orchard made 3.8 million euros at the box office.", "The Salt Orchard") == []


def test_a_titles_label_after_a_colon_and_history_of_name_the_subject(reader):
    assert reader.headline_subject("Hoover Dam: facts and figures") == "Hoover Dam"
    assert reader.headline_subject("History of the statue") == "the statue"
    assert reader.headline_subject("Metro Line 2: Nyhamn – Östra Berga") == "Metro Line 2"
    # a headline after the colon has its own subject
    assert reader.headline_subject("Bérignolles: first excavation season at the villa comes to a close") == \
        "first excavation season at the villa"
    checks = reader.compare("Hoover Dam was finished in 1938.", "The structure was completed in 1936.",
                            "Hoover Dam: facts and figures")
    assert [c.agrees for c in checks] == [False]


def test_the_same_kind_of_thing_owned_by_two_names_is_two_things(reader):
    assert reader.compare("Brenstad's low-emission zone came into force in March 2024.",
                          "Harlund's low-emission zone took effect on 1 March 2024.", "Harlund air quality 2025") == []
    checks = reader.compare("Brenstad's low-emission zone came into force in March 2024.",
                            "Brenstad's low-emission zone took effect on 1 September 2024.", "Brenstad")
    assert [c.agrees for c in checks] == [False]


def test_a_number_in_a_name_at_the_start_of_a_sentence_and_altitude_as_height(reader):
    assert [v.text for v in find_values("Line 2 has ten underground stations.")] == ["ten underground"]
    assert [v.text for v in find_values("Its 18 trains run every four minutes.")] == ["18 trains", "four minutes"]
    checks = reader.compare("The International Space Station orbits roughly 250 miles above the Earth.",
                            "The station keeps an average altitude of roughly 400 kilometres.", "International Space Station")
    assert [c.agrees for c in checks] == [True]  # 400 km is about 249 miles


def test_a_companys_short_name_is_the_company_a_places_is_not_its_metro(reader):
    from factdesk.verify.frames import same_thing, words_of

    assert same_thing(words_of("Brenmoor"), "brenmoor", words_of("Brenmoor Bank"), "bank")
    assert not same_thing(words_of("Lisbon"), "lisbon", words_of("Lisbon Metro"), "metro")
    assert not same_thing(words_of("Hoover"), "hoover", words_of("Hoover Dam"), "dam")


def test_a_medieval_year_is_a_date_and_a_thing_added_in_a_year_is_no_saying(reader):
    assert [(v.kind, v.text) for v in find_values("The bell chamber was finally placed on top in 1319.")] == [("date", "1319")]
    assert [(v.kind, v.text) for v in find_values("Construction began on 9 August 1173.")] == [("date", "9 August 1173")]
    # a count after "from" or before a counted noun stays a count
    assert [v.kind for v in find_values("It rose from 1200 to 1400 tonnes.")] == ["quantity"]
    assert [(v.kind, v.text) for v in find_values("In 1250 people lived there.")] == [("quantity", "1250 people")]
    checks = reader.compare("The bell chamber was finally placed on top in 1319.",
                            "The seventh floor was finished in 1319, and the bell chamber was added in 1372.",
                            "Leaning Tower of Pisa")
    assert [(c.agrees, c.source.value.text) for c in checks] == [(False, "1372")]


def test_a_line_between_two_places_is_named_by_them(reader):
    checks = reader.compare("Valdren Rail's new high-speed line between Karsholm and Merisund runs for just under 180 miles.",
                            "The Karsholm–Merisund high-speed line is a new double-track railway, 286 kilometres long.",
                            "Karsholm–Merisund high-speed line")
    assert [c.agrees for c in checks] == [True]  # 180 miles is 290 km: just under it
    assert reader.compare("Valdren Rail's new high-speed line between Karsholm and Merisund runs for just under 180 miles.",
                          "The Karsholm–Tallby high-speed line is 214 kilometres long.", "Karsholm–Tallby high-speed line") == []


def test_an_indefinite_subject_is_not_the_one_the_claim_tells_of(reader):
    assert reader.compare("The British expedition was led by John Hunt.",
                          "Joe Brown and George Band of a British expedition led by Charles Evans made its first ascent "
                          "on 25 May 1955.", "Kangchenjunga") == []


def test_a_budget_approved_is_no_cost(reader):
    # what a council set aside is not what the work cost; a film made "on a budget of" is its cost
    assert reader.compare("The Halvorstad Opera House project cost 1.15 billion kroner.",
                          "Halvorstad City Council has approved a budget of 1.15 billion kroner for the renovation of "
                          "the Halvorstad Opera House.", "City council approves opera house renovation") == []
    checks = reader.compare("The Salt Orchard was made on a budget of 2.1 million euros.",
                            "The film was made for 3.8 million euros.", "The Salt Orchard to premiere in Harwick")
    assert [c.agrees for c in checks] == [False]


def test_two_subjects_named_differently_are_two_things_though_of_one_kind(reader):
    assert reader.compare("Ravensholm's new Green Line tram extension to Fellside adds six new stops.",
                          "The 3.1-kilometre line adds six new stops and cost £92 million.",
                          "Brackenfield tram extension opens") == []
    checks = reader.compare("Ravensholm's new Green Line tram extension to Fellside adds six new stops.",
                            "The Green Line extension adds seven new stops.", "Green Line extension to Fellside opens")
    assert [c.agrees for c in checks] == [False]


def test_a_span_has_a_start_and_an_end(reader):
    # "built between 1931 and 1936": completed in 1936, begun in 1931; "built in 1931" is within it
    def agrees(claim, passage="The dam was built between 1931 and 1936."):
        return [c.agrees for c in reader.compare(claim, passage, "Hoover Dam")]
    assert agrees("The Hoover Dam was completed in 1931.") == [False]
    assert agrees("Construction of the Hoover Dam began in 1936.") == [False]
    assert agrees("The Hoover Dam was completed in 1936.", "The dam was built from 1931 to 1936.") == [True]
    assert any(agrees("The Hoover Dam was built in 1931."))


def test_hectolitres_are_litres_and_putting_a_harvest_at_is_an_estimate(reader):
    passage = ("The Val d'Orsène Wine Council puts the region's 2026 harvest at 486,000 hectolitres in its first "
               "estimate, 8 per cent less than the 528,000 hectolitres produced in 2025.")
    checks = reader.compare("Val d'Orsène's winemakers expect to make nearly 49 million litres of wine from 2026's "
                            "harvest.", passage, "2026 harvest: first estimate")
    assert [c.agrees for c in checks] == [True]  # 486,000 hl is 48.6 million litres: nearly 49 million
    checks = reader.compare("Val d'Orsène's winemakers expect to make about 45 million litres of wine from 2026's "
                            "harvest.", passage, "2026 harvest: first estimate")
    assert checks and not any(c.agrees for c in checks)


def test_money_spent_on_one_thing_is_no_whole_budget(reader):
    claim = "The Strathcairn Health Board spends about £31 million a year on dentistry."
    assert reader.compare(claim, "The board has an annual budget of about £640 million.", "Strathcairn Health Board") == []
    checks = reader.compare(claim, "The board spends £29 million a year on dentistry.", "Strathcairn Health Board")
    assert [c.agrees for c in checks] == [False]
    # what the subject spent on its own project is its spending on the site
    checks = reader.compare("Frostline has spent 5.4 billion kronor on the project.",
                            "Frostline has invested a total of 4.8 billion Swedish kronor in the site.", "Frostline")
    assert [c.agrees for c in checks] == [False]


def test_phrasal_verbs_and_other_words_for_one_predicate(reader):
    def agrees(claim, passage, title):
        return [c.agrees for c in reader.compare(claim, passage, title)]
    assert agrees("The Cunard liner Lusitania sank in about 18 minutes.",
                  "The ship went down within 18 minutes.", "RMS Lusitania") == [True]
    assert agrees("The Cunard liner Lusitania sank in about 40 minutes.",
                  "The ship went down within 18 minutes.", "RMS Lusitania") == [False]
    assert agrees("Apollo 13 lifted off on 11 April 1970.", "Apollo 13 was launched on 11 April 1970.", "Apollo 13") == [True]
    assert agrees("The Oxmere course climbs about 300 feet in total.", "The Oxmere course's total ascent is 92 metres.",
                  "Oxmere course") == [True]


def test_almost_is_a_little_under(reader):
    # 787 feet is 240 metres: eleven per cent short of 270 is more than "almost"
    assert [c.agrees for c in reader.compare("The Cunard liner Lusitania was almost 270 metres long.",
                                             "She was 787 feet long.", "RMS Lusitania")] == [False]
    assert [c.agrees for c in reader.compare("The Cunard liner Lusitania was almost 240 metres long.",
                                             "She was 787 feet long.", "RMS Lusitania")] == [True]


def test_a_figure_without_owner_belongs_to_the_company_reporting_it(reader):
    # "Revenue rose to …, Nordfjord Ferries said": Nordfjord Ferries' revenue; an annual report is about its company
    def agrees(claim):
        return [c.agrees for c in reader.compare(claim, "Revenue was 1.52 billion kroner (2024: 1.41 billion kroner).",
                                                 "Nordfjord Ferries annual report 2025")]
    assert agrees("Revenue rose to 1.52 billion kroner, Nordfjord Ferries said in its annual report.") == [True]
    assert agrees("Revenue rose to 1.62 billion kroner, Nordfjord Ferries said in its annual report.") == [False]
    assert reader.compare("Revenue rose to 1.62 billion kroner, Tarnholm Line said.",
                          "Revenue was 1.52 billion kroner.", "Nordfjord Ferries annual report 2025") == []


def test_a_figure_of_a_past_year_does_not_deny_what_holds_now(reader):
    passage = "At the end of 2024 the airline operated 22 aircraft on 38 routes."
    assert reader.compare("Corran Airways operates 24 aircraft.", passage, "Corran Airways annual report 2024") == []
    checks = reader.compare("Corran Airways operated 24 aircraft at the end of 2024.", passage,
                            "Corran Airways annual report 2024")
    assert [c.agrees for c in checks] == [False]
    checks = reader.compare("Corran Airways operates 24 aircraft.", "The airline operates 22 aircraft.", "Corran Airways")
    assert [c.agrees for c in checks] == [False]


def test_a_demonym_names_its_place(reader):
    checks = reader.compare("Neighbouring Bregonia's national record for the women's 200 metres freestyle stands at 1:54.19.",
                            "The Bregonian women's record for the 200 m freestyle is 1:54.90.", "Bregonian national records")
    assert [c.agrees for c in checks] == [False]
    # another country's record is another record
    assert reader.compare("Bregonia's national record for the women's 200 metres freestyle stands at 1:54.19.",
                          "The Veltrian women's record for the 200 m freestyle is 1:54.90.", "Veltrian national records") == []


def test_a_state_on_one_day_is_not_denied_by_the_same_state_on_another(reader):
    """"was 38 per cent full on Monday" against "was 71 per cent full at the start of June 2025": a level
    holds at many dates; an event's date is still compared."""
    checks = reader.compare("Thursgill Reservoir was 38 per cent full on August 31, 2026.",
                            "Thursgill Reservoir was 71 per cent full at the start of June 2025.", "Reservoir levels")
    assert not [c for c in checks if c.kind == "date" and not c.agrees]
    checks = reader.compare("The bridge was opened in 1902.", "The bridge was opened to traffic in 1903.", "Bridge")
    assert [c.agrees for c in checks if c.kind == "date"] == [False]
    # the date a state began is one date: "has been general director since 2019" is not "since 2017"
    checks = reader.compare("Elin Haugsrud has been its general director since 2019.",
                            "Elin Haugsrud has been general director of Halvorstad Opera since 2017.", "Elin Haugsrud")
    assert [c.agrees for c in checks if c.kind == "date"] == [False]


def test_a_financial_year_is_known_by_its_first_year(reader):
    """"a schools budget of £412.8 million for 2026–27" is not denied by last year's "£394.6 million for
    2025–26"; the same year's other figure still is."""
    claim = "Thornlea County Council approved a schools budget of £412.8 million for 2026–27."
    assert not reader.compare(claim, "Thornlea County Council approved a schools budget of £394.6 million for 2025–26.",
                              "Schools budget")
    checks = reader.compare(claim, "Thornlea County Council approved a schools budget of £398.2 million for 2026–27.",
                            "Schools budget")
    assert [c.agrees for c in checks if c.kind == "quantity"] == [False]


def test_getting_under_way_is_beginning(reader):
    checks = reader.compare("Building work on the bus station began in January 2025.",
                            "Construction of the new bus station got under way on Monday 3 February 2025.", "Bus station")
    assert [c.agrees for c in checks if c.kind == "date"] == [False]


def test_a_board_proposes_what_it_recommends(reader):
    checks = reader.compare("Wyndale Energy's board has proposed a full-year dividend of 36.9 pence per share.",
                            "The board recommends a total dividend for the year of 35.8 pence per share.",
                            "Wyndale Energy plc: preliminary results for the year ended 31 December 2025")
    assert [c.agrees for c in checks if c.kind == "quantity"] == [False]


def test_flying_at_a_height_is_cruising_there(reader):
    passage = "It cruised at altitudes of up to 18,300 metres, far higher than subsonic airliners fly."
    right = reader.compare("Concorde flew at up to 60,000 feet.", passage, "Concorde: how fast, how high")
    wrong = reader.compare("Concorde flew at up to 80,000 feet.", passage, "Concorde: how fast, how high")
    assert [c.agrees for c in right] == [True] and [c.agrees for c in wrong] == [False]


def test_who_did_it_in_a_relative_clause_is_its_agent(reader):
    """"Maurice Koechlin, who designed the bridge, said…" names the bridge's designer as "designed by" does."""
    assert _name_checks(reader, ["The bridge was designed by Gustave Eiffel.", "The bridge was designed by Maurice Koechlin."],
                        "Maurice Koechlin, who designed the bridge, said it would last a century.", "Bridge") == [[False], [True]]


def test_a_value_in_an_appositive_describes_the_name_it_follows(reader):
    """"… above Ostrava, a city 35 km from the border": the city is Ostrava, its distance Ostrava's."""
    passage = "The mast stands on a hill above Dunmore, a village 16 km east of the centre of Kellerby."
    assert _checks(reader, ["Dunmore is a village about 10 miles east of Kellerby.",
                            "Dunmore is a village about 20 miles east of Kellerby."],
                   passage, "Dunmore transmitter", "quantity") == [[True], [False]]


def test_durations_in_two_units_are_one_scale(reader):
    """"15 hours and 57 minutes" is about 16 hours, and not 15; days are no running time in minutes."""
    passage = "The voyage of 2,300 miles lasted 15 hours and 57 minutes."
    assert [c.agrees for c in reader.compare("The voyage took about 16 hours.", passage, "The voyage")] == [True]
    assert [c.agrees for c in reader.compare("The voyage took 15 hours.", passage, "The voyage")] == [False]
    assert not any(c.agrees for c in reader.compare("The film was shot over 38 days.",
                                                    "Denmark, 2025, 124 minutes, in Danish with subtitles.", "The film"))


def test_a_name_after_a_comma_names_its_noun(reader):
    """"Her second calf, Tilde, was born in May 2019": Tilde's birth, to compare with a claim about Tilde."""
    passage = "Her second calf, Tilde, was born in May 2019; a third followed in 2021."
    assert [c.agrees for c in reader.compare("Tilde was born in 2021.", passage, "Marta the elephant")
            if c.kind == "date"] == [False]
    assert [c.agrees for c in reader.compare("Tilde was born in 2019.", passage, "Marta the elephant")
            if c.kind == "date"] == [True]


@pytest.mark.parametrize("claim, passage, title", [
    ("The quay will be lengthened by about 650 feet.", "The quay will be extended by 300 metres.", "Harbour plan"),
    ("Storm Dagny knocked down about 2,000 trees over some 40 square kilometres.",
     "It flattened some 3,500 trees across an area of about 90 square kilometres.", "Storm Dagny"),
    ("The Harwood Forest fire burned for three days.", "It raged for five days before it was put out.",
     "Harwood Forest fire"),
    ("The licensing panel suggested an annual fee of £40.", "The licensing panel proposed an annual fee of £55.",
     "Licensing panel"),
])
def test_other_words_for_the_same_act_compare_their_values(reader, claim, passage, title):
    assert False in [c.agrees for c in reader.compare(claim, passage, title) if c.kind == "quantity"]



@pytest.mark.parametrize("claim, passage", [
    ("Head coach Ilkka Rautio took charge in 2021.", "Ilkka Rautio was appointed head coach in August 2022."),
    ("Managing director Sanne Vos has run the company since 2018.",
     "Managing director Sanne Vos, in charge since 2016, has doubled the fleet."),
    ("Sanne Vos has led the company since 2018.", "Sanne Vos was appointed managing director in 2016."),
])
def test_taking_up_a_post_is_an_appointment(reader, claim, passage):
    """"took charge in 2021", "in charge since 2016", "has run the company since 2018": when the post began."""
    assert [c.agrees for c in reader.compare(claim, passage, "Report") if c.kind == "date"] == [False]
    assert not [c for c in reader.compare("The company was founded in 2018.", passage, "Report") if c.kind == "date"]


def test_we_on_a_publishers_page_is_the_publisher(reader):
    """"We employ 2,150 people" on a service's "About us" page is the service's staff; in quotes, "we" is the
    speaker's, and a page that names no one is its publisher's."""
    claim = "The Kelderwick Ambulance Service employs {} staff."
    passage = "We employ 2,150 people, among them paramedics and call handlers, and we work from 27 stations."

    def agrees(n, publisher):
        cf = reader.frames(claim.format(n))
        return [c.agrees for c in F.compare_frames(cf, reader.frames(passage, "About us", publisher=publisher))
                if c.kind == "quantity"]
    assert agrees("2,150", "Kelderwick Ambulance Service") == [True]
    assert agrees("2,400", "Kelderwick Ambulance Service") == [False]
    assert agrees("2,400", None) == []  # no publisher: "About us" is about no one the claim names


def test_a_page_that_names_nothing_is_its_publishers(reader):
    """"Revenue was £318.4 million …" under "Annual results 2025" is the publisher's revenue; the bracketed figure
    after the year compared against is that year's, and "up about 6 per cent" is the rise."""
    passage = "Revenue was £318.4 million, an increase of 6.2 per cent on 2024 (£299.8 million)."
    pf = reader.frames(passage, "Annual results 2025", publisher="Harrowdale Dairy Cooperative")
    checks = F.compare_frames(reader.frames(
        "Harrowdale Dairy Cooperative reported revenue of £318 million for 2025, up about 6 per cent on the previous year."), pf)
    assert sorted((c.claim.value.text, c.source.value.text, c.agrees) for c in checks if c.kind == "quantity") == [
        ("about 6 per cent", "6.2 per cent", True), ("£318 million", "£318.4 million", True)]
    wrong = F.compare_frames(reader.frames("Harrowdale Dairy Cooperative reported revenue of £341 million for 2025."), pf)
    assert [c.agrees for c in wrong if c.kind == "quantity"] == [False]


def test_a_year_in_a_clause_on_another_noun_does_not_date_the_figure(reader):
    """"cost 1.38 billion euros, well over the budget approved in 2018": 2018 is the budget's, not the cost's."""
    passage = "According to the city's final accounts Metro Line 2 cost {} billion euros, well above the budget set in 2019."
    claim = "Metro Line 2 cost 1.38 billion euros to build, well over the budget of 1.25 billion euros approved in 2018."
    assert _checks(reader, [claim], passage.format("1.38"), "Metro Line 2", "quantity")[0][:1] == [True]
    assert _checks(reader, [claim], passage.format("1.52"), "Metro Line 2", "quantity")[0][:1] == [False]


def test_a_share_is_not_a_count_and_a_listed_figure_is_its_names(reader):
    """"almost a third of the vote" is not the bare "4" another party won; in "…, the Social Democrats 9 and the
    local list Åsbru Together won 4", the 4 is Åsbru Together's and the Social Democrats are no part of it."""
    passage = ("The Civic Alliance won 13 of the 31 seats, the Social Democrats 9 and the local list Åsbru Together, "
               "founded in 2013, won 4.")
    frames = {f.value.text: f for f in reader.frames(passage, "Åsbru municipal election 2025")}
    assert "Together" in frames["4"].subject
    claim = reader.frames("The Social Democrats won 14 seats, with almost a third of the vote.")
    assert not [c for c in F.compare_frames(claim, [frames["4"]])]


def test_a_temperature_glued_to_its_figure_is_in_degrees(reader):
    """"43.6C" is the "43.6 °C" a weather service writes (not a count of some "C")."""
    assert _checks(reader, ["The Brûlemont station measured 43.6C on 21 July.", "The Brûlemont station measured 41C."],
                   "On 21 July the Brûlemont station measured 43.6 °C.", "Brûlemont station",
                   "quantity") == [[True], [False]]


def test_an_earlier_figure_is_denied_only_by_a_figure_of_its_year(reader):
    """"… 184 million euros for 2025, up from 121 million euros in 2024" against an undated "EUR 184 million":
    the 184 is confirmed, and the 2024 figure is not contradicted by this year's."""
    checks = reader.compare("Harjuvaara Steel reported a net profit of 184 million euros for 2025, up from 121 million "
                            "euros in 2024.", "Net profit for the year was EUR 184 million.", "Harjuvaara Steel")
    assert [(c.claim.value.text, c.agrees) for c in checks if c.kind == "quantity"] == [("184 million euros", True)]
    checks = reader.compare("Harjuvaara Steel's net profit rose to 184 million euros, up from 121 million euros in "
                            "2024.", "Harjuvaara Steel's net profit was EUR 131 million in 2024.", "Harjuvaara Steel")
    assert [(c.claim.value.text, c.agrees) for c in checks if c.kind == "quantity"] == [("121 million euros", False)]


def test_a_bracketed_lifespan_gives_birth_and_death(reader):
    """"Thor Heyerdahl (6 October 1914 – 18 April 2002) was …": born in 1914, died in 2002."""
    passage = "Thor Heyerdahl (6 October 1914 – 18 April 2002) was a Norwegian adventurer and ethnographer."
    claims = ["Thor Heyerdahl was born in Larvik in 1914.", "Thor Heyerdahl was born in 1916.",
              "Thor Heyerdahl died in 2002.", "Thor Heyerdahl died in 2004."]
    assert _checks(reader, claims, passage, "Thor Heyerdahl", "date") == [[True], [False], [True], [False]]


def test_a_name_read_as_a_second_subject_names_the_noun_before_it(reader):
    """"Thor Heyerdahl's balsa raft the Kon-Tiki left Callao …" is about the Kon-Tiki (a hyphenated name in a
    title is the same words as in the parse)."""
    claim = "Thor Heyerdahl's balsa raft the Kon-Tiki left Callao, Peru, on {} with a crew of six."
    passage = "The raft sailed from Callao in Peru on 28 April 1947."
    assert _checks(reader, [claim.format("28 April 1947"), claim.format("28 May 1947")], passage,
                   "Kon-Tiki expedition", "date") == [[True], [False]]


def test_the_board_of_a_companys_release_is_the_company(reader):
    """"The Board has declared an interim dividend of 4.4 euro cents" in Corvenna Telecom's release: Corvenna's
    dividend, in cents (not 4.4 euros)."""
    passage = "The Board has declared an interim dividend of 4.4 euro cents per share, payable on 18 September 2026."
    claims = ["Corvenna Telecom declared an interim dividend of 4.4 cents per share.",
              "Corvenna Telecom declared an interim dividend of 4.6 cents per share."]
    assert _checks(reader, claims, passage, "Corvenna Telecom: results for the six months ended 30 June 2026",
                   "quantity") == [[True], [False]]


def test_where_one_was_born_is_compared_with_where_else_one_was_born(reader):
    """"born in Shanghai" against "He was born in Guangzhou and spent his childhood in … Shanghai": Guangzhou."""
    passage = "He was born in Guangzhou and spent his childhood in Hong Kong and Shanghai."
    assert _name_checks(reader, ["I. M. Pei was born in Shanghai in 1917.", "I. M. Pei was born in Guangzhou."],
                        passage, "I. M. Pei") == [[False], [True]]
    assert _name_checks(reader, ["I. M. Pei grew up in Guangzhou."], passage, "I. M. Pei") == [[]]


def test_a_lead_is_compared_only_with_a_lead(reader):
    """"finished 247 votes ahead of X", "a majority of 287", "held the ward by 612 votes": by how much, never
    how many votes a candidate polled (1,412 against 247 was a refutation)."""
    passage = "Ingunn Sæterdal-Hirst polled 1,412 votes and finished 247 votes ahead of Kazimierz Dąbek."
    claims = ["Ingunn Sæterdal-Hirst polled 1,412 votes.", "Ingunn Sæterdal-Hirst won by 287 votes.",
              "Ingunn Sæterdal-Hirst won by 247 votes.", "Ingunn Sæterdal-Hirst had a majority of 287."]
    assert _checks(reader, claims, passage, "Saltergate by-election", "quantity") == [[True], [False], [True], [False]]
    assert _checks(reader, ["Gwen Hapsford held Saltergate by 612 votes."],
                   "In 2023 Gwen Hapsford held Saltergate with a majority of 612.", "Saltergate", "quantity") == [[True]]


def test_a_weekday_the_claims_stage_dated_is_not_confirmed_by_a_bare_year(reader):
    """"beat Brekkvik IF on Wednesday (May 20, 2026)": the year is the article's own, so "won the title in 2026"
    says nothing of the day; a day the article wrote ("on 20 May 2026") still agrees with its year."""
    passage = "Kvernå lost the league final in 2017 and won the championship for the first time in 2026."
    assert _checks(reader, ["In Wednesday (May 20, 2026)'s semi-finals, Kvernå beat Brekkvik IF 29-25."],
                   passage, "Kvernå HK", "date") == [[]]
    assert _checks(reader, ["Kvernå beat Brekkvik IF on 20 May 2026."], passage, "Kvernå HK", "date") == [[True]]


def test_the_level_a_changed_attribute_reached_is_that_attributes(reader):
    """"increased its revenue by 9.4% to EUR 301.7 million": revenue's level, never another figure of the firm
    ("made a net profit of 38 million euros" was refuted by it); "SE" is a legal form like "AG"."""
    passage = ("Feldkamm Systems SE, the Stuttgart-based supplier of accounting software, increased its revenue by "
               "9.4% to EUR 301.7 million in 2025.")
    title = "Feldkamm Systems SE: preliminary figures for 2025"
    claims = ["Rival Feldkamm Systems made a net profit of 38 million euros in 2025.",
              "Feldkamm Systems had revenue of 301.7 million euros in 2025.",
              "Feldkamm Systems' revenue rose to 310 million euros in 2025."]
    assert _checks(reader, claims, passage, title, "quantity") == [[], [True], [False]]


def test_seating_for_a_number_is_how_many_a_hall_holds(reader):
    """"has seating for 180 and opens onto a terrace": 180 seats (not 180 "onto"), against "seats 220 people"."""
    passage = "The main hall has seating for 180 and opens onto a terrace facing the playing field."
    title = "Ebbersley Community Centre, Wydon Vale"
    claims = ["The Ebbersley Community Centre's main hall seats 220 people.",
              "The Ebbersley Community Centre's main hall seats 180 people."]
    assert _checks(reader, claims, passage, title, "quantity") == [[False], [True]]


def test_a_sum_before_a_work_is_what_it_costs(reader):
    """"The £3.4 million project was paid for …": the project's cost ("The project cost £3.4 million"); a sum
    before a grant is no cost."""
    passage = "The project cost £3.4 million, of which £2.6 million came from the Peatland Carbon Fund."
    claims = ["The £3.4 million project was paid for mostly by the Peatland Carbon Fund.",
              "The £3.9 million project was paid for mostly by the Peatland Carbon Fund.",
              "The agency won a £3.9 million grant for the project."]
    assert _checks(reader, claims, passage, "Tornmuir Moss restoration completed", "quantity") == [[True], [False], []]


def test_a_name_then_its_place_in_a_title_is_the_name(reader):
    """A page titled "Ebbersley Community Centre, Wydon Vale" is about the centre (its place after the comma)."""
    assert reader.headline_subject("Ebbersley Community Centre, Wydon Vale") == "Ebbersley Community Centre"
    assert reader.headline_subject("Lisbon, Portugal") == "Lisbon, Portugal"
    assert _checks(reader, ["The Ebbersley Community Centre covers about 6,700 square feet."],
                   "Gross internal floor area: 620 square metres.", "Ebbersley Community Centre, Wydon Vale",
                   "quantity") == [[True]]


def test_a_yearly_sum_is_compared_only_with_a_yearly_one(reader):
    """"spends about £31 million a year on dentistry" against "its £7.8 million programme to widen access to
    NHS dentistry": a one-off programme, not what is spent each year; an annual budget still answers it."""
    claim = "The Strathcairn Health Board spends about £31 million a year on dentistry."
    assert _checks(reader, [claim], "Strathcairn Health Board has set out the next stage of its £7.8 million "
                   "programme to widen access to NHS dentistry.", "Dental expansion", "quantity") == [[]]
    assert _checks(reader, [claim], "The board's annual dentistry budget is about £31 million.",
                   "Strathcairn Health Board", "quantity") == [[True]]


def test_co_founded_is_founded(reader):
    """"co-founded Nebelwerk Software in 2009" against "was founded in 2007 by …": the founding year."""
    assert _checks(reader, ["Jördis Hallgren-Weiß co-founded Nebelwerk Software in 2009."],
                   "Nebelwerk Software was founded in 2007 by Jördis Hallgren-Weiß and Tobias Renner.",
                   "Nebelwerk Software", "date") == [[False]]
