"""The claim stage end to end on the seed and on our own varied articles (models loaded once)."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.models import UNCHECKED_TYPES, Article, Comment

from .conftest import article_expectations, load_article

ARTICLES = ["rail_strike.json", "vaccine_study.json", "stadium.json"]
DANGLING = re.compile(r"^(He|She|His|Her|Him)\b|^(The|the) (judge|president|minister|secretary|senator|mayor)\b")


def _assert_contract(article, claims):
    body = article.body
    offsets = article.paragraph_offsets()
    for c in claims:
        a, b = c.span
        assert body[a:b] == c.sentence, c
        assert offsets[c.paragraph] <= a and b <= offsets[c.paragraph] + len(article.paragraphs[c.paragraph])
        assert 0.0 <= c.checkworthiness <= 1.0
        assert c.checked == (c.reason is None)
        if c.type in UNCHECKED_TYPES:
            assert not c.checked and c.reason
    assert len({c.id for c in claims}) == len(claims)


def _claim_for(claims, fragment):
    """The claim whose text holds ``fragment`` (one fact of a split sentence), else the first claim
    of the sentence that holds it."""
    found = [c for c in claims if fragment in c.text] or [c for c in claims if fragment in c.sentence]
    assert found, f"no claim from the sentence containing {fragment!r}"
    return found[0]


# -- the seed ----------------------------------------------------------------------------------
def test_seed_claims_keep_the_contract(seed_article, seed_claims):
    claims, warnings = seed_claims
    assert len(claims) >= 20
    _assert_contract(seed_article, claims)


def test_seed_claims_read_on_their_own(seed_claims):
    claims, _ = seed_claims
    for c in claims:
        assert not DANGLING.search(c.text), c.text
    added = _claim_for(claims, "He added that")
    assert re.match(r"(Nayib )?Bukele added", added.text)  # each claim names the person (in full, one fact per claim)
    salvadoran = _claim_for(claims, "The Salvadoran president further")
    assert salvadoran.text.startswith("Nayib Bukele")
    order = _claim_for(claims, "judge’s order comes")
    assert "federal judge" in order.text


def test_seed_quotes_name_their_speaker(seed_claims):
    claims, _ = seed_claims
    quotes = [c for c in claims if c.type == "quote"]
    assert len(quotes) >= 4
    for c in quotes:
        assert c.speaker and c.speaker[0].isupper(), c
    assert "Bukele" in _claim_for(claims, "We are willing to release").speaker
    assert "Bukele" in _claim_for(claims, "The only condition is straightforward").speaker
    assert "Clinton" in _claim_for(claims, "Curious to learn more").speaker


def test_seed_closing_opinion_is_reported_but_not_checked(seed_claims):
    claims, _ = seed_claims
    closing = _claim_for(claims, "This latest exchange")
    assert closing.type == "opinion" and not closing.checked and closing.reason
    assert any(c.checked for c in claims)


def test_seed_has_no_comment_claims(extractor, seed_article):
    assert extractor.extract_comment_claims(seed_article) == []


# -- our own articles --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def extracted(extractor):
    return {name: (load_article(name), extractor.extract(load_article(name))) for name in ARTICLES}


@pytest.mark.parametrize("name", ARTICLES)
def test_articles_keep_the_contract(extracted, name):
    article, (claims, _) = extracted[name]
    _assert_contract(article, claims)
    for c in claims:
        assert not DANGLING.search(c.text), c.text


@pytest.mark.parametrize("name", ARTICLES)
def test_articles_expectations(extracted, name):
    article, (claims, _) = extracted[name]
    expect = article_expectations(name)
    for frag in expect.get("opinion", []):
        c = _claim_for(claims, frag)
        assert c.type == "opinion" and not c.checked
    for frag in expect.get("rhetorical", []):
        c = _claim_for(claims, frag)
        assert c.type == "rhetorical" and not c.checked
    for frag in expect.get("unchecked", []):
        assert not _claim_for(claims, frag).checked
    for frag in expect.get("checked", []):  # plans, budgets and schedules are verifiable records
        assert _claim_for(claims, frag).checked
    for frag, speaker in expect.get("speakers", {}).items():
        c = _claim_for(claims, frag)
        assert c.speaker and speaker in c.speaker, (frag, c.speaker)
    for frag, name_ in expect.get("resolved", {}).items():
        assert name_ in _claim_for(claims, frag).text
    for frag, iso in expect.get("dates", {}).items():
        assert iso in _claim_for(claims, frag).dates
    for frag, ctype in expect.get("types", {}).items():
        assert _claim_for(claims, frag).type == ctype


def test_check_worthiness_ranks_facts_above_chatter(extracted):
    _, (claims, _) = extracted["vaccine_study.json"]
    fact = _claim_for(claims, "Malaria killed an estimated 608,000")
    assert fact.checked and fact.checkworthiness >= 0.5


def test_comment_claims_only_specific_assertions(extractor):
    article = load_article("stadium.json")
    expect = article_expectations("stadium.json")
    found = extractor.extract_comment_claims(article)
    assert found and all(c.origin == "comment" and c.comment_index is not None for c in found)
    for idx, frag in expect["comment_claims"].items():
        mine = [c for c in found if c.comment_index == int(idx)]
        assert any(frag in c.text for c in mine)
    for idx in expect["no_comment_claims"]:
        assert not [c for c in found if c.comment_index == idx]
    for c in found:
        text = article.comments[c.comment_index].text
        assert text[c.span[0]:c.span[1]] == c.sentence


# -- bad input ---------------------------------------------------------------------------------
def test_no_sentences_gives_a_warning(extractor):
    claims, warnings = extractor.extract(Article(title="Empty", paragraphs=[]))
    assert claims == [] and warnings
    claims, warnings = extractor.extract(Article(title="Blank", paragraphs=["   ", "\t"]))
    assert claims == [] and warnings


def test_enormous_sentence_is_bounded(extractor):
    para = " ".join(["the council met and discussed the budget"] * 2400)  # ~100k characters, no full stop
    start = time.perf_counter()
    claims, warnings = extractor.extract(Article(title="Long", paragraphs=[para]))
    assert time.perf_counter() - start < 30
    assert warnings and any("cut" in w for w in warnings)
    _assert_contract(Article(title="Long", paragraphs=[para]), claims)


def test_unbalanced_quotes_and_non_english(extractor):
    art = Article(title="Q", paragraphs=["“This quote never closes. The mayor said so.", "Second paragraph here."])
    claims, warnings = extractor.extract(art)
    assert any("quotation" in w for w in warnings)
    _assert_contract(art, claims)
    art = Article(title="Noticias", paragraphs=["El gobierno aprobó ayer una reforma fiscal que reduce impuestos. Los sindicatos convocaron una huelga general para el próximo lunes en todo el país."])
    claims, warnings = extractor.extract(art)
    assert any("English" in w for w in warnings)
    _assert_contract(art, claims)


_words = st.sampled_from(["He", "she", "said", "the", "judge", "“", "”", "\"", "Dr.", "U.S.", "6.5", "—", "yesterday",
                          "Bukele", "Clinton", "wrote", ".", "?", "!", ",", "and", "in", "March", "percent", "42"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(st.lists(_words, max_size=25).map(" ".join), min_size=1, max_size=3), st.sampled_from([None, "2025-04-16"]))
def test_property_claims_always_index_the_body(extractor, paragraphs, published):
    art = Article(title="Property", paragraphs=paragraphs, published=published)
    claims, warnings = extractor.extract(art)
    _assert_contract(art, claims)
    art.comments.append(Comment(index=0, text=" ".join(paragraphs)))
    for c in extractor.extract_comment_claims(art):
        assert art.comments[0].text[c.span[0]:c.span[1]] == c.sentence
