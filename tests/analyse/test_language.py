"""Propaganda techniques: the mined lexicon, the span rules and the scoring code."""

from __future__ import annotations

from factdesk.analyse.language import TECHNIQUES, TechniqueDetector, sentence_bounds
from factdesk.lab.analyse.lexicon import mine_lexicon
from factdesk.lab.analyse.propaganda_eval import score_detector
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
    spans = det.detect(text)
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
    det = TechniqueDetector.load()
    keys = {t.key for t in TECHNIQUES.values()}
    spans = det.detect("These radical thugs and their evil propaganda want to destroy our great nation.")
    assert spans and {s.technique for s in spans} <= keys
    body = seed.body
    for s in det.detect(body):
        assert body[s.span[0]:s.span[1]] == s.text


class _KeywordEmbedder:
    """A deterministic stand-in for MiniLM in this unit test: one dimension per keyword."""

    name = "keyword-test"
    WORDS = ("enemy", "fear", "nation")

    def encode(self, texts, batch_size=64):
        import numpy as np

        return np.array([[float(w in t.lower()) for w in self.WORDS] for t in texts], dtype=np.float32)


def test_sentence_classifier_picks_sentences_and_lexicon_narrows_spans():
    from factdesk.analyse.techclf import SentenceTechniqueClassifier

    clf = SentenceTechniqueClassifier({
        "techniques": ["Appeal_to_fear-prejudice", "Loaded_Language"],
        "coef": [[0.0, 6.0, 0.0], [6.0, 0.0, 0.0]], "intercept": [-3.0, -3.0], "threshold": 0.8,
    })
    lex = mine_lexicon(CORPUS, min_count=2, min_precision=0.6)
    det = TechniqueDetector(lex, classifier=clf, embedder=_KeywordEmbedder())
    text = "The corrupt elite is the enemy. We live in fear of tomorrow. The corrupt elite met today."
    found = {(t, text[s:e]) for t, s, e, _ in det.detect_raw(text)}
    # loaded language only where the classifier marks the sentence, narrowed to the lexicon's words
    assert ("Loaded_Language", "corrupt elite") in found
    assert sum(1 for t, _ in found if t == "Loaded_Language") == 1
    # a clause technique the lexicon cannot see: the whole sentence
    assert ("Appeal_to_fear-prejudice", "We live in fear of tomorrow.") in found
