"""The propaganda span tagger: windows, decoding, the SemEval scores, operating points, the packaged model."""

from __future__ import annotations

import numpy as np
import pytest

from factdesk.analyse.tagger import TECHNIQUE_ORDER, decode, tagger_tokenizer, windows


@pytest.fixture(scope="module")
def tok():
    return tagger_tokenizer()


def test_windows_cover_every_token_once_and_keep_sentences_whole(tok):
    text = ("The minister spoke on Monday. " * 30 + "A very long sentence " + "with many words " * 80 + ".").strip()
    wins = windows(tok, text, max_length=64)
    offsets = [o for w in wins for o in w.offsets]
    assert offsets == [tuple(o) for o in tok.encode(text, add_special_tokens=False).offsets]
    assert all(len(w.ids) <= 64 and w.ids[0] == tok.token_to_id("[CLS]") and w.ids[-1] == tok.token_to_id("[SEP]") for w in wins)
    # a window that starts inside the short sentences starts at a sentence start
    starts = [w.offsets[0][0] for w in wins]
    assert all(text[s:].startswith("The minister") or s >= text.index("A very long") for s in starts)


def _probs(n: int, inside: dict[int, str], tech: dict[int, str]) -> np.ndarray:
    p = np.zeros((n, 3 + len(TECHNIQUE_ORDER)), dtype=np.float32)
    p[:, 0] = 1.0
    for i, kind in inside.items():
        p[i, :3] = [0.05, 0.9, 0.05] if kind == "B" else [0.05, 0.05, 0.9]
    for i, t in tech.items():
        p[i, 3 + TECHNIQUE_ORDER.index(t)] = 0.8
    return p


def _tokens_of(text: str, offs, word: str) -> list[int]:
    s = text.index(word)
    return [i for i, (a, b) in enumerate(offs) if a >= s and b <= s + len(word)]


def test_decode_joins_inside_tokens_widens_to_words_and_splits_at_a_beginning(tok):
    text = "They are traitors and liars, and everyone knows it."
    offs = [tuple(o) for o in tok.encode(text, add_special_tokens=False).offsets]
    tr, li, andw = _tokens_of(text, offs, "traitors"), _tokens_of(text, offs, "liars"), _tokens_of(text, offs, "and liars")
    name = "Name_Calling,Labeling"
    inside = {i: ("B" if i == tr[0] else "I") for i in tr} | {i: ("B" if i == li[0] else "I") for i in li}
    spans = decode(text, offs, _probs(len(offs), inside, {i: name for i in tr + li}))
    assert [text[s.start:s.end] for s in spans] == ["traitors", "liars"]
    assert spans[0].techniques[0][0] == name and 0.9 < spans[0].span_score <= 1.0
    # B then I all along: one span over "traitors and liars"
    run = tr + andw
    spans = decode(text, offs, _probs(len(offs), {i: ("B" if i == run[0] else "I") for i in run}, {}))
    assert [text[s.start:s.end] for s in spans] == ["traitors and liars"]
    # only the first word-piece of a word inside: the span widens to the whole word
    spans = decode(text, offs, _probs(len(offs), {tr[0]: "B"}, {}))
    assert len(tr) > 1 and [text[s.start:s.end] for s in spans] == ["traitors"]
    # a span of function words only is dropped
    they = _tokens_of(text, offs, "They are")
    assert decode(text, offs, _probs(len(offs), {i: ("B" if i == they[0] else "I") for i in they}, {})) == []


def test_semeval_span_scores_on_hand_computed_cases():
    from factdesk.lab.analyse.span_metrics import si_scores

    gold = {"a": [(0, 10), (20, 30)]}
    assert si_scores({"a": [(0, 10), (20, 30)]}, gold)["f1"] == 1.0
    # one prediction covering half of one gold span, nothing else: P = 1, R = 0.5 / 2
    res = si_scores({"a": [(0, 5)]}, gold)
    assert res["precision"] == 1.0 and res["recall"] == 0.25
    # overlapping predictions are merged before scoring; a prediction in an article without gold counts
    res = si_scores({"a": [(0, 6), (4, 10)], "b": [(0, 10)]}, gold)
    assert res["predicted"] == 2 and res["precision"] == 0.5 and res["recall"] == 0.5


def _cands(n_good: int, n_bad: int, tech: str, good_score: float, bad_score: float):
    """Articles with one gold span each; `n_good` predictions hit it, `n_bad` land outside."""
    arts, cands = [], {}
    for i in range(n_good + n_bad):
        aid = f"{tech}{i}"
        arts.append({"article_id": aid, "text": "x" * 100,
                     "technique_spans": [{"technique": tech, "start": 10, "end": 20}],
                     "propaganda_spans": [{"start": 10, "end": 20}]})
        cands[aid] = [(tech, 10, 20, good_score)] if i < n_good else [(tech, 50, 60, bad_score)]
    return arts, cands


def test_operating_point_shows_a_technique_only_where_it_is_precise():
    from factdesk.lab.analyse.operating import choose, cross_fit, score, shown

    arts_a, cands_a = _cands(12, 12, "Loaded_Language", good_score=0.9, bad_score=0.3)  # precise above 0.3
    arts_b, cands_b = _cands(5, 15, "Doubt", good_score=0.5, bad_score=0.5)            # never precise
    arts, cands = arts_a + arts_b, {**cands_a, **cands_b}
    show_at = choose(cands, arts, target=0.65, min_support=8)
    assert "Doubt" not in show_at and 0.3 < show_at["Loaded_Language"] <= 0.9
    res = score(shown(cands, show_at), arts)
    assert res["span"]["precision"] == 1.0 and res["technique_micro"]["fp"] == 0
    crossed = cross_fit(cands, arts, target=0.65, min_support=4)
    assert crossed["span"]["precision"] >= 0.6


def test_packaged_tagger_finds_spans_inside_the_text_and_hides_unmeasured_techniques(seed):
    from factdesk.analyse.language import TechniqueDetector

    det = TechniqueDetector.load()
    assert det.kind == "span tagger"
    text = seed.body
    found = det.detect(text, include_hidden=True)
    for s in found:
        assert text[s.span[0]:s.span[1]] == s.text and 0.0 <= s.score <= 1.0
    assert det.detect(text) == [s for s in found if s.shown]
    # a span is shown only for a technique with a measured operating point, at or above it
    keys = {t.key: name for name, t in __import__("factdesk.analyse.language", fromlist=["TECHNIQUES"]).TECHNIQUES.items()}
    for s in found:
        at = det.show_at.get(keys[s.technique])
        assert s.shown == (at is not None and s.score >= at)


def test_loaded_wording_scores_above_plain_reporting():
    from factdesk.analyse.language import TechniqueDetector

    det = TechniqueDetector.load()
    loud = ("These radical leftist thugs and traitors want to destroy our great nation, "
            "and only a fool would believe their disgusting lies.")
    plain = ("The Treaty of Westphalia was signed in 1648 in Osnabrück and Münster. "
             "The council met on Tuesday and approved the budget by seven votes to two. "
             "Rainfall in March was 12 per cent below the long-term average, the met office said.")
    loud_c, plain_c = det.candidates(loud), det.candidates(plain)
    assert loud_c, "plainly loaded wording yields candidate spans"
    assert max(c.score for c in loud_c) > max((c.score for c in plain_c), default=0.0)
    assert det.detect(plain) == []


def test_an_operating_point_decides_what_is_shown():
    from factdesk.analyse.language import TechniqueDetector
    from factdesk.analyse.tagger import PropagandaTagger

    tagger = PropagandaTagger.load()
    tagger.meta = {**tagger.meta, "operating_point": {"show_at": {"Loaded_Language": 0.0, "Name_Calling,Labeling": 0.0}}}
    det = TechniqueDetector(tagger=tagger)
    text = "These radical leftist thugs and traitors want to destroy our great nation with their disgusting lies."
    every = det.candidates(text)
    assert every and all(c.shown == (c.technique in ("Loaded_Language", "Name_Calling,Labeling")) for c in every)
    assert {s.technique for s in det.detect(text)} <= {"loaded_language", "name_calling"}
