"""Sourcing (voices, quotes, vague and missing attribution) and headline against body."""

from __future__ import annotations

from factdesk.analyse.headline import compare_headline
from factdesk.analyse.sourcing import analyse_sourcing
from factdesk.models import Article, Claim

ARTICLE = Article(
    title="Marlow Reservoir Falls to 31% as County Imposes Water Restrictions",
    paragraphs=[
        "Marlow County introduced water restrictions on Monday after the Ellison Reservoir fell to 31 percent of capacity.",
        "Ines Okafor, chair of the county water board, said rainfall since October has been 40 percent below average. "
        "\u201cWe are asking everyone to cut use by a fifth,\u201d she said.",
        "Governor Paul Reyes said the state would send two emergency pumps.",
        "Critics argue the rules spare the largest users. Some say the board acted too late.",
        "Households that exceed 250 gallons a day face a $150 surcharge.",
    ],
)


def test_voices_roles_and_quote_kinds(nlp):
    s = analyse_sourcing(ARTICLE, [], nlp)
    voices = {v.speaker: v for v in s.voices}
    assert set(voices) == {"Ines Okafor", "Paul Reyes"}
    okafor = voices["Ines Okafor"]
    assert okafor.direct_quotes == 1 and okafor.indirect_quotes == 1
    assert "chair" in (okafor.role or "")
    assert voices["Paul Reyes"].role == "Governor" and voices["Paul Reyes"].indirect_quotes == 1
    assert okafor.words > voices["Paul Reyes"].words > 0


def test_vague_and_unattributed(nlp):
    s = analyse_sourcing(ARTICLE, [], nlp)
    phrases = [v["phrase"].lower() for v in s.vague]
    assert any("critics argue" in p for p in phrases) and any("some say" in p for p in phrases)
    texts = [u["text"] for u in s.unattributed_sentences]
    assert any("250 gallons" in t for t in texts)
    assert not any("Okafor" in t for t in texts)


def test_unattributed_claims_by_id(nlp):
    body = ARTICLE.body
    sent = "Households that exceed 250 gallons a day face a $150 surcharge."
    start = body.index(sent)
    claim = Claim(id="c1", text=sent, sentence=sent, span=(start, start + len(sent)), paragraph=4,
                  type="number", checkworthiness=0.9, checked=True)
    quoted = "Ines Okafor, chair of the county water board, said rainfall since October has been 40 percent below average."
    q = body.index(quoted)
    claim2 = Claim(id="c2", text=quoted, sentence=quoted, span=(q, q + len(quoted)), paragraph=1,
                   type="factual", checkworthiness=0.8, checked=True)
    s = analyse_sourcing(ARTICLE, [claim, claim2], nlp)
    assert s.unattributed_claims == ["c1"]


def test_seed_voices(seed, nlp):
    s = analyse_sourcing(seed, [], nlp)
    names = [v.speaker for v in s.voices]
    assert names[0] == "Nayib Bukele" and "Hillary Clinton" in names
    assert any(v["phrase"] == "analysts describe" for v in s.vague)
    assert s.balance["one_sided"] in (True, False) and s.balance["top_voice"] == "Nayib Bukele"


def test_headline_support_and_sensationalism():
    calm = compare_headline(ARTICLE)
    assert calm["support"] == "supported" and not calm["more_sensational_than_body"]
    hot = compare_headline(ARTICLE.model_copy(update={"title": "SHOCKING Water CHAOS: Marlow Officials DESTROY Summer!"}))
    assert hot["more_sensational_than_body"] and hot["headline_sensationalism"] > calm["headline_sensationalism"]
    off = compare_headline(ARTICLE.model_copy(update={"title": "Celebrity Chef Opens Vegan Bakery Downtown"}))
    assert off["support"] == "not supported" and off["headline_words_missing_from_body"]
