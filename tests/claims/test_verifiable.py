"""The verifiability gate: what is checked and why the rest is not (spaCy only; new sentences, not the
evaluation articles the rules were written on)."""

from __future__ import annotations

import pytest

from factdesk.claims.verifiable import judge, named_speaker

VERIFIABLE = [
    "The stadium will cost 310 million euros.",  # an approved budget
    "The line is due to open in 2028.",  # an official schedule
    # a coordinated verb shares its subject and auxiliary: a plan, not an instruction
    "The carmaker will invest 1.2 billion dollars in the plant and receive a grant of 90 million dollars.",
    "The council approved the plan on Tuesday by 31 votes to 12.",
    "Lisbon was European Capital of Culture in 1994.",
    "The museum will stay closed until 3 May.",
    "Juventus are the best-placed club in Serie A.",  # a league position, measured
    "Unemployment fell to 3.9 percent in May.",
    # measurable superlatives and comparisons, records, past forecasts, a route
    "It remains the tallest building in Europe.",
    "The Bengal tiger is the most numerous tiger subspecies.",
    "No other building in the city is taller than the cathedral.",
    "No player has scored more goals for the club.",
    "No runner has ever covered 42 kilometres so fast.",
    "It was the hottest day on record in Seville.",
    "Pollsters had predicted a narrow win for the mayor.",
    "On the way to the final, the team beat Porto 2-0.",
    "The museum is most famous for its collection of Flemish tapestries.",
    # a published forecast with a figure or a dated time: what it says can be looked up
    "The chip factory is expected to create about 1,100 permanent jobs.",
    "Nationally, this year's harvest is forecast at 4.6 million hectolitres.",
    "The work is expected to take seven months.",
    "Nobody can enter the zone without a permit.",  # a rule, not a judgement
    "Only six deaths were officially recorded, a figure most historians now consider far too low.",
]
NOT_VERIFIABLE = [
    ("Prices are likely to rise again next year.", "prediction"),
    ("The project could take longer than planned.", "prediction"),
    ("The zone will never again be safe for people to live in.", "prediction"),
    ("The square will always be the heart of the old town.", "prediction"),
    ("Economists expect the bank to cut rates.", "prediction"),
    ("The observatory is expected to fall back into the atmosphere in the mid-2030s.", "prediction"),
    ("Prices are likely to rise by 5 per cent next year.", "prediction"),
    ("The shareholders can surely look forward to an even bigger payout next year.", "prediction"),
    ("On this form, she will be standing on the podium in Los Angeles.", "prediction"),
    ("If you have not been in the water for a while, dig out your costume and give it a try.", "exhortation"),
    ("No trip to the city is complete without a walk across the bridge at sunset.", "opinion"),
    ("Paris would simply not be Paris without its Iron Lady.", "opinion"),
    ("Renters have waited far too long for this protection.", "opinion"),
    ("No one who has walked the empty streets can forget the silence.", "opinion"),
    ("Local politicians must now make sure that the new jobs go to people who live here.", "exhortation"),
    ("Is this really the best the city can do?", "rhetorical"),
    ("Arrive early and bring a warm coat.", "exhortation"),
    ("No swimmer has ever made 200 metres look so effortless.", "opinion"),  # a figure in it changes nothing
    ("Readers should book their tickets early.", "exhortation"),
    ("Visit the exhibition before it closes.", "exhortation"),
    ("Here is what we know so far.", "no_content"),
    ("It was the best concert of the year.", "opinion"),
    ("The food is confident and generous.", "opinion"),
    ("Few cities have changed so quickly.", "opinion"),
    # judgements of quality, of degree and of what is deserved; open questions; personified places
    ("The cathedral remains the finest building in the county.", "opinion"),
    ("It is the most beautiful stadium anyone has ever designed.", "opinion"),
    ("The Hoover Dam is the most beautiful structure in the American West.", "opinion"),
    ("The old market hall is a graceful addition to the square.", "opinion"),
    ("No other city has embraced the bicycle so enthusiastically.", "opinion"),
    ("No season in living memory has ended in a more dramatic way.", "opinion"),
    ("Every child deserves a school like this one.", "exhortation"),
    ("The players deserved a better result.", "opinion"),
    ("Whether the factory will ever reopen is anyone's guess.", "prediction"),
    ("Walkers who skip the old town are missing one of the loveliest routes in Spain.", "opinion"),
    ("The nation is still arguing about what the vote meant.", "opinion"),
    ("It is, quite simply, the boldest gamble in the club's history.", "opinion"),
    # an instruction after a condition on "you" that the parser made the main clause
    ("If you have not been since the fences went up, take a picnic and go this weekend.", "exhortation"),
]


@pytest.mark.parametrize("sentence", VERIFIABLE)
def test_facts_plans_budgets_and_schedules_are_verifiable(nlp, sentence):
    result = judge(nlp(sentence))
    assert result.verifiable, result


@pytest.mark.parametrize(("sentence", "reason"), NOT_VERIFIABLE)
def test_the_rest_is_unchecked_with_its_reason(nlp, sentence, reason):
    result = judge(nlp(sentence))
    assert not result.verifiable and result.reason == reason and result.why, result


def test_who_said_what_is_verifiable_when_the_speaker_is_named(nlp):
    doc = nlp("“This is the worst decision this town has ever made,” said Mayor Ana Costa.")
    assert judge(doc, speech="direct", speaker_named=True).verifiable
    anonymous = judge(doc, speech="direct", speaker_named=False)
    assert not anonymous.verifiable and anonymous.reason == "opinion" and anonymous.whole


def test_unnamed_source_is_judged_by_what_it_reports(nlp):
    assert judge(nlp("Officials said the bridge was closed on Monday."), speech="indirect").verifiable
    assert judge(nlp("Analysts said the deal could lift revenue by a fifth."), speech="indirect").reason == "prediction"


@pytest.mark.parametrize(("speaker", "named"), [
    ("Councillor Lukas Brändli", True), ("the Progress Party", True), ("Its director, Luc Vandersmissen", True),
    ("she", True), ("one tourist from Lyon", False), ("Critics", False), ("a local fisherman", False),
    ("residents", False), (None, False),
    # identified by their institution, not by name
    ("a team from the University of Padua", True), ("researchers at the Met Office", True),
    ("one resident of Millbrook", False),
])
def test_named_speaker(speaker, named):
    assert named_speaker(speaker) is named


def test_verifiability_model_round_trip_and_sense(tmp_path, embedder):
    from factdesk.claims.verifiability_model import VerifiabilityModel

    model = VerifiabilityModel.load()
    facts = ["The bridge opened to traffic in 1966 and cost 2.2 billion escudos.",
             "The council approved a budget of 4 million euros on Tuesday."]
    other = ["Is there anything more beautiful than a summer evening by the river?", "Here is what we know so far."]
    texts = facts + other
    probs = model.probability(texts, embedder.encode(texts))
    assert min(probs[:2]) > max(probs[2:])  # facts read as more verifiable than a question and a signpost
    model.save(tmp_path)
    again = VerifiabilityModel.load(tmp_path)
    assert again.veto_below == model.veto_below
    assert (again.probability(texts, embedder.encode(texts)) == probs).all()


def test_min_checkworthiness_filters_only_on_request(nlp, embedder, monkeypatch, tmp_path):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "absent.toml"))
    from factdesk.claims.checkworthy import CheckworthyModel
    from factdesk.claims.extractor import ClaimExtractor
    from factdesk.config import load_config
    from factdesk.errors import ConfigError
    from factdesk.models import Article

    article = Article(title="Bridge", paragraphs=["The Carola Bridge opened in 1971. It is 400 metres long."])
    every = ClaimExtractor(nlp, embedder, CheckworthyModel.load()).extract(article)[0]
    assert every and all(c.checked for c in every)
    strict = ClaimExtractor(nlp, embedder, CheckworthyModel.load(), min_checkworthiness=1.0).extract(article)[0]
    assert [c.text for c in strict] == [c.text for c in every]  # still reported, in the same order
    assert not any(c.checked for c in strict) and all("below the minimum" in c.reason for c in strict)
    assert load_config(None, claims={"min_checkworthiness": 0.4}).claims.min_checkworthiness == 0.4
    with pytest.raises(ConfigError):
        load_config(None, claims={"min_checkworthiness": 1.5})


def test_a_short_quotation_of_an_unnamed_person_stays_unchecked(nlp):
    """A quotation too short to be taken for a quote by length (three words) is still direct speech."""
    from factdesk.claims.decontext import Decontextualizer, quote_mask

    sentences = ["The council raised the tax by 5 per cent.", "“It's a disgrace,” said one shopper outside the market.",
                 "“We had no choice,” said Councillor Ana Costa."]
    analyses = Decontextualizer(nlp, one_fact=True).run("Tax rise", sentences, None)
    verdicts = []
    for an in analyses:
        named = named_speaker(an.speaker, an.entities, known=an.speaker_named)
        verdicts.append(judge(an.doc, speech=an.speech, speaker_named=named, quote_mask=quote_mask(an.doc)))
    assert analyses[1].speech == "direct" and analyses[2].speech == "direct"
    assert verdicts[0].verifiable and verdicts[2].verifiable
    assert not verdicts[1].verifiable and verdicts[1].reason == "opinion" and verdicts[1].whole


@pytest.mark.parametrize("text", [
    "Ticket sales look certain to pass one million within a year or two.",
    "It is only a matter of time before the old pier collapses.",
    "The new majority will have a hard time agreeing on the budget.",
    "Nothing before or since has matched its elegance.",
    "No other street in Porto carries so much of the city's history.",
])
def test_forecasts_and_unmeasured_comparisons_stay_unchecked(nlp, text):
    assert not judge(nlp(text)).verifiable


@pytest.mark.parametrize("text", [
    "No other club has won five titles in a row.",
    "The tram line is set to open in 2028.",
    "The bridge will cost 140 million euros.",
])
def test_records_schedules_and_budgets_stay_checked(nlp, text):
    assert judge(nlp(text)).verifiable
