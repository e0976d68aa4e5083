"""Propaganda techniques: the fallback lexicon, its span rules, the shown flag and the scoring code."""

from __future__ import annotations

from factdesk.analyse.language import TECHNIQUES, TechniqueDetector, sentence_bounds
from factdesk.lab.analyse.lexicon import mine_lexicon
from factdesk.lab.analyse.operating import score_detector
from factdesk.lab.analyse.ptc import split_ptc


def _ptc_article(aid: str, text: str, spans: list[tuple[str, str]]) -> dict:
    ts = []
    for tech, phrase in spans:
        start = text.index(phrase)
        ts.append({"technique": tech, "start": start, "end": start + len(phrase), "text": phrase})
    return {"article_id": aid, "text": text, "technique_spans": ts,
            "propaganda_spans": [{"start": t["start"], "end": t["end"]} for t in ts]}


CORPUS = [
    _ptc_article("1", "The corrupt elite lied again. Officials met on Monday.", [("Loaded_Language", "corrupt elite")]),
    _ptc_article("2", "Those corrupt elite thugs are back. The meeting ended.", [("Loaded_Language", "corrupt elite"),
                                                                             ("Name_Calling,Labeling", "thugs")]),
    _ptc_article("3", "Voters saw the corrupt elite win. Thugs were everywhere.", [("Loaded_Language", "corrupt elite"),
                                                                                ("Name_Calling,Labeling", "Thugs")]),
]


def test_mining_keeps_ngrams_that_mark_a_technique():
    lex = mine_lexicon(CORPUS, min_count=2, min_precision=0.6)
    assert lex["entries"]["corrupt elite"][0] == "Loaded_Language"
    assert lex["entries"]["thugs"][0] == "Name_Calling,Labeling"
    assert "the" not in lex["entries"] and "officials" not in lex["entries"]


def test_detected_spans_point_into_the_text():
    det = TechniqueDetector(mine_lexicon(CORPUS, min_count=2, min_precision=0.6))
    text = "Yesterday the corrupt elite and their thugs voted."
    assert det.detect(text) == []  # the lexicon has no measured operating point: nothing is shown
    spans = det.detect(text, include_hidden=True)
    assert spans and not any(s.shown for s in spans)
    found = {(s.technique, s.text) for s in spans}
    assert ("loaded_language", "corrupt elite") in found and ("name_calling", "thugs") in found
    for s in spans:
        assert text[s.span[0]:s.span[1]] == s.text and s.explanation


def test_clause_techniques_widen_to_the_sentence():
    assert sentence_bounds("First one. Is he really a doctor? Last.", 14, 16) == (11, 33)


def test_scores_are_right_on_hand_computed_cases():
    det = TechniqueDetector(mine_lexicon(CORPUS, min_count=2, min_precision=0.6))
    perfect = score_detector(det, CORPUS)
    assert perfect["technique_micro"]["f1"] == 1.0 and perfect["span"]["f1"] == 1.0
    missed = _ptc_article("4", "A calm report about rainfall totals.", [("Doubt", "calm report")])
    res = score_detector(det, [missed])
    assert res["technique_micro"]["fn"] == 1 and res["technique_micro"]["tp"] == 0 and res["span"]["recall"] == 0.0


def test_split_is_by_article_id():
    arts = [{"article_id": str(i), "text": "", "technique_spans": [], "propaganda_spans": []} for i in range(50)]
    train, dev = split_ptc(arts, seed=13)
    assert len(dev) == 10 and not ({a["article_id"] for a in train} & {a["article_id"] for a in dev})


def test_packaged_lexicon_finds_techniques_with_known_names(seed):
    det = TechniqueDetector.load(use_tagger=False)
    assert det.kind == "lexicon"
    keys = {t.key for t in TECHNIQUES.values()}
    spans = det.detect("These radical thugs and their evil propaganda want to destroy our great nation.", include_hidden=True)
    assert spans and {s.technique for s in spans} <= keys
    body = seed.body
    for s in det.detect(body, include_hidden=True):
        assert body[s.span[0]:s.span[1]] == s.text
