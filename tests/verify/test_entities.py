"""Names, aliases, abbreviations and a different name in the same role."""

import pytest

from factdesk.verify.entities import EntityFinder, compare_entities, mentioned, names_match


@pytest.mark.parametrize(
    "a, b",
    [
        ("WHO", "World Health Organization"),
        ("UN", "United Nations"),
        ("US", "United States"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("ECB", "European Central Bank"),
        ("IPCC", "Intergovernmental Panel on Climate Change"),  # by initials, not in the table
        ("Merkel", "Angela Merkel"),
        ("President Macron", "Emmanuel Macron"),
    ],
)
def test_aliases_match(a, b):
    assert names_match(a, b)
    assert names_match(b, a)


@pytest.mark.parametrize("a, b", [("Berlin", "Munich"), ("WHO", "World Trade Organization"), ("Serena Williams", "Venus Williams")])
def test_different_names_do_not_match(a, b):
    assert not names_match(a, b)


def test_mentioned_with_alias_in_text():
    assert mentioned("WHO", "The World Health Organization said on Monday that cases rose.")
    assert mentioned("United Kingdom", "The UK economy shrank by 0.3%.")
    assert not mentioned("France", "The UK economy shrank by 0.3%.")


def test_a_surname_is_a_mention_but_a_generic_last_word_is_not():
    assert mentioned("Edwin Hubble", "Hubble studied the nebulae.")
    assert not mentioned("Canadian Space Agency", "It is a project of NASA and the European Space Agency.")
    assert not mentioned("Leeds City Council", "Bradford City Council approved the plan.")
    assert not mentioned("London Marathon", "At the Chicago Marathon on 8 October 2023 he ran 2:00:35.")


@pytest.fixture(scope="module", params=["regex", "spacy"])
def finder(request, nlp):
    return EntityFinder(nlp if request.param == "spacy" else None)


@pytest.mark.parametrize(
    "claim, source, claim_name, source_name",
    [
        ("Barcelona beat Real Madrid in the final in Seville.", "Valencia beat Real Madrid in the final in Seville.", "Barcelona", "Valencia"),  # sport
        ("The treaty was signed in Paris by both leaders.", "The treaty was signed in Rome by both leaders.", "Paris", "Rome"),  # politics
        ("Pfizer developed the vaccine with BioNTech.", "Moderna developed the vaccine with BioNTech.", "Pfizer", "Moderna"),  # science
        ("Shell bought the refinery for $2bn.", "Exxon bought the refinery for $2bn.", "Shell", "Exxon"),  # economics
        # the slot is the words before the name, up to one that is not a joiner ("NASA and the ...")
        ("Hubble was built as a joint project of NASA and the Canadian Space Agency.",
         "Hubble is a joint project of NASA and the European Space Agency.", "Canadian Space Agency",
         "European Space Agency"),  # science, a shared last word
    ],
)
def test_same_role_other_name_disagrees(finder, claim, source, claim_name, source_name):
    checks = compare_entities(claim, source, finder.find(claim), finder.find(source))
    bad = [c for c in checks if not c.agrees]
    assert bad, checks
    assert claim_name in bad[0].claim.text and source_name in bad[0].source.text


def test_unrelated_passage_is_not_a_name_conflict(finder):
    claim, source = "Barcelona beat Real Madrid in the final.", "Tokyo hosted the Olympic Games in 2021."
    assert not [c for c in compare_entities(claim, source, finder.find(claim), finder.find(source)) if not c.agrees]


def test_abbreviation_is_agreement(finder):
    claim, source = "The WHO declared a pandemic.", "The World Health Organization declared a pandemic in March 2020."
    checks = compare_entities(claim, source, finder.find(claim), finder.find(source))
    assert checks and all(c.agrees for c in checks)


def test_a_name_with_its_short_form_in_brackets_is_either():
    from factdesk.verify.entities import names_match
    assert names_match("CERN", "European Organization for Nuclear Research (CERN)")
    assert names_match("European Organization for Nuclear Research", "European Organization for Nuclear Research (CERN)")
    assert not names_match("NASA", "European Organization for Nuclear Research (CERN)")
