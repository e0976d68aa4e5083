"""Comment flags on the seed, on the labelled set written for this project, and on crafted sections."""

from __future__ import annotations

from factdesk.models import COMMENT_FLAGS, Article, Comment


def _article(comments: list[str], **kw) -> Article:
    return Article(
        title="Riverside Council Approves Stadium Expansion to 90,000 Seats",
        paragraphs=[
            "The Riverside council voted 7-2 to expand Harbor Field from 62,000 to 90,000 seats by 2029.",
            "Mayor Dana Whitfield said the $1.2 billion project would create 4,000 jobs. Councillor June Park voted against.",
        ],
        comments=[Comment(index=i, text=t, **kw) for i, t in enumerate(comments)],
    )


def test_seed_comments_are_all_generic_with_reasons(seed, comment_analyser, nlp):
    out, summary = comment_analyser.analyse(seed, None, nlp)
    assert len(out) == 9
    for c in out:
        assert "generic" in c.flags, c.text
        assert set(c.flags) <= set(COMMENT_FLAGS)
        assert len(c.reasons) >= len(c.flags)  # every flag explained
        assert 0.0 <= c.scores["machine_written"] <= 1.0
    assert summary["flags"]["generic"] == 9 and summary["specific"] == 0
    # the two "complex issue with valid concerns on both sides" comments share a template
    templated = {c.index for c in out if "templated" in c.flags}
    assert {6, 7} <= templated
    assert any("complex" in r for r in out[6].reasons)


def test_specific_comments_are_not_generic_on_the_labelled_set(labelled, comment_analyser, nlp):
    specific = wrong = generic = caught = 0
    for article, rows in labelled:
        out, _ = comment_analyser.analyse(article, None, nlp)
        for c, r in zip(out, rows):
            if r["generic"]:
                generic += 1
                caught += "generic" in c.flags
            else:
                specific += 1
                wrong += "generic" in c.flags
    assert generic >= 80 and specific >= 100  # the set is what its README says
    assert wrong / specific <= 0.08, f"{wrong} of {specific} specific comments flagged generic"
    assert caught / generic >= 0.85, f"only {caught} of {generic} generic comments caught"


def test_a_correcting_comment_is_specific():
    from factdesk.analyse.comments import CommentAnalyser

    out, _ = CommentAnalyser().analyse(_article([
        "The stadium holds 60,000, not 90,000 - I have a season ticket.",
        "It's important to consider the full context. Transparency and accountability are key.",
    ]))
    assert "generic" not in out[0].flags
    assert out[0].scores["specificity"] > out[1].scores["specificity"]
    assert "generic" in out[1].flags
    assert any("stock phrases" in r for r in out[1].reasons)


def test_near_duplicates_are_paired_and_distinct_comments_are_not():
    from factdesk.analyse.comments import CommentAnalyser

    texts = [
        "Harbor Field is already half empty most weekends, ninety thousand seats is a fantasy.",
        "Harbor Field is already half empty most weekends, ninety thousand seats is pure fantasy.",
        "My father worked on the 1988 renovation and it ran two years late.",
        "June Park asked for the impact study last year and nobody answered her.",
    ]
    out, summary = CommentAnalyser().analyse(_article(texts))
    assert "near_duplicate" in out[0].flags and "near_duplicate" in out[1].flags
    assert "#1" in " ".join(out[0].reasons) and "#0" in " ".join(out[1].reasons)
    assert "near_duplicate" not in out[2].flags and "near_duplicate" not in out[3].flags
    assert {(p["a"], p["b"]) for p in summary["near_duplicate_pairs"]} == {(0, 1)}


def test_templates_are_found_after_masking_names_and_coordination_is_clustered():
    from factdesk.analyse.comments import CommentAnalyser

    texts = [
        "Honestly Whitfield has shown real leadership here and deserves our full support going forward.",
        "Honestly Councillor Park has shown real leadership here and deserves our full support going forward.",
        "Honestly the council has shown real leadership here and deserves our full support going forward.",
        "I sat through the whole 7-2 vote and the public comment period lasted eleven minutes.",
    ]
    out, summary = CommentAnalyser().analyse(_article(texts))
    for c in out[:3]:
        assert "templated" in c.flags and "coordinated" in c.flags
        assert c.cluster == out[0].cluster is not None
    assert "templated" not in out[3].flags and out[3].cluster is None
    assert summary["clusters"][0]["size"] == 3
    assert "shown real leadership" in summary["templates"][0]["skeleton"]


def test_timing_links_generic_comments_posted_together():
    from factdesk.analyse.comments import CommentAnalyser

    texts = ["What a time to be alive.", "Interesting, we will see.", "Sad state of affairs honestly.",
             "I live on Pier Road and the 18-month closure adds 30 minutes to my commute."]
    times = ["2025-05-14T08:00:00Z", "2025-05-14T08:00:40Z", "2025-05-14T08:01:30Z", "2025-05-14T08:01:50Z"]
    art = _article(texts)
    art = art.model_copy(update={"comments": [c.model_copy(update={"posted": t}) for c, t in zip(art.comments, times)]})
    out, summary = CommentAnalyser().analyse(art)
    assert [("coordinated" in c.flags) for c in out] == [True, True, True, False]
    assert "posting time" in out[0].reasons[-1]


def test_machine_written_likelihood_orders_bland_above_casual():
    from factdesk.analyse.machine import load_machine_model

    m = load_machine_model()
    bland, why = m.predict("This is a complex issue with valid concerns on both sides. Open dialogue and "
                           "transparency will be essential to finding constructive solutions for everyone involved.")
    casual, _ = m.predict("lol my cousin drove past it yesterday, the parking lot was half empty again. typical")
    assert 0.0 <= casual < bland <= 1.0
    assert bland > 0.5 > casual
    assert why  # reasons are given


def test_big_section_uses_buckets_and_finds_every_copy():
    """2,000 comments: 50 copies of one text among distinct ones are all grouped (LSH, not all pairs)."""
    from factdesk.analyse.comments import CommentAnalyser

    distinct = [f"Comment number {i} mentions item {i * 7} and place {i * 13} with word{i} and thing{i * 3}." for i in range(1950)]
    copies = ["Vote for the stadium plan today, share this with every neighbour you know!"] * 50
    texts = distinct[:1000] + copies + distinct[1000:]
    out, summary = CommentAnalyser().analyse(_article(texts))
    dup = [c.index for c in out if "near_duplicate" in c.flags]
    assert dup == list(range(1000, 1050))


def test_no_comments():
    from factdesk.analyse.comments import CommentAnalyser

    out, summary = CommentAnalyser().analyse(_article([]))
    assert out == [] and summary["count"] == 0


def test_runtime_scores_equal_scikit_learn_and_learn_the_signal():
    """The runtime's own TF-IDF must give scikit-learn's decision values (fit_machine_model checks it)."""
    import numpy as np

    from factdesk.analyse.machine import MachineWrittenModel, features
    from factdesk.lab.analyse.machine_train import fit_machine_model

    bot = ["the best way to get the best deal is to get the best deal today",
           "check out the new update it is the best update for the best users",
           "get the deal today it is the best way to get the best"]
    human = ["my cat knocked the coffee off the desk again, great start to monday",
             "anyone else stuck on the northern line? third time this week",
             "finally finished the marathon, legs are gone but worth it"]
    texts = [t + f" {i}" for i in range(20) for t in bot + human]
    labels = np.array([1, 1, 1, 0, 0, 0] * 20)
    styles = np.array([features(t) for t in texts])
    params = fit_machine_model(texts, styles, labels, np.ones(len(texts)), texts, styles, labels,
                               max_terms=200, target_precision=0.6)
    model = MachineWrittenModel(params)
    p_bot, _ = model.predict("get the best deal today it is the best way to get the best update 99")
    p_human, _ = model.predict("anyone else stuck on the northern line again? my cat is worth it 99")
    assert p_bot > 0.5 > p_human


def test_an_unmeasured_model_gives_a_score_but_no_flag(seed, nlp):
    from factdesk.analyse.comments import CommentAnalyser
    from factdesk.analyse.machine import PRIOR, MachineWrittenModel

    out, summary = CommentAnalyser(machine=MachineWrittenModel(dict(PRIOR))).analyse(seed, None, nlp)
    assert all("machine_written" not in c.flags for c in out)
    assert all(0.0 <= c.scores["machine_written"] <= 1.0 for c in out)
    assert summary["flags"]["machine_written"] == 0
    assert all("generic" in c.flags and c.reasons for c in out)


def test_packaged_machine_written_model_beats_chance_on_real_tweets_and_says_what_it_measured():
    from factdesk.analyse.machine import load_machine_model
    from factdesk.lab.analyse.comment_data import load_tweepfake
    from factdesk.lab.analyse.comment_eval import eval_machine_written

    model = load_machine_model()
    res = eval_machine_written(model, [(t, None, y) for t, y in load_tweepfake("validation", limit=800)])
    assert res["auc"] > 0.75 and res["precision"] > 0.7  # chance is 0.5
    assert model.show_flag and "measured on TweepFake" in model.describe(0.9)
