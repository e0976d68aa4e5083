"""The speed paths of the claim stage: streamed parsing, embedding on a worker thread, one atom parse.

They must not change what the stage finds: the same claims, types and scores with the worker thread
as without it, whatever the size of the parse batches.
"""

from __future__ import annotations

import time
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from factdesk.claims import ClaimExtractor
from factdesk.claims.background import BackgroundEncoder, spare_core
from factdesk.claims.checkworthy import CheckworthyModel
from factdesk.claims.decontext import Decontextualizer
from factdesk.claims.sentences import split_sentences
from factdesk.errors import ModelError
from tests.doubles import CountingEmbedder

from .conftest import load_article

ARTICLES = ["rail_strike.json", "vaccine_study.json", "stadium.json"]
TEXTS = [
    "Unemployment fell to 3.9 percent in May.",
    "Thank you all for coming tonight.",
    "The council approved the budget on Tuesday.",
    "She said the plan would cost $2 billion.",
    "Is this really the best we can do?",
]


class _Failing:
    dim = 384

    def encode(self, texts, *, batch_size=16):
        raise ModelError("embedder weights are missing")


def test_background_vectors_come_back_in_order(embedder):
    with BackgroundEncoder(embedder) as bg:
        for i in range(0, len(TEXTS), 2):
            bg.add(TEXTS[i:i + 2])
        got = bg.result()
    with BackgroundEncoder(embedder, background=False) as fg:
        fg.add(TEXTS)
        expected = fg.result()
    assert got.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(got, expected, atol=1e-6)
    assert bg.busy_s > 0


def test_background_with_nothing_added_is_empty(embedder):
    with BackgroundEncoder(embedder) as bg:
        assert bg.result().shape == (0, 384)


def test_background_errors_reach_the_caller():
    with BackgroundEncoder(_Failing()) as bg:
        bg.add(["One sentence."])
        with pytest.raises(ModelError):
            bg.result()


def test_a_score_does_not_depend_on_the_other_sentences(embedder):
    model = CheckworthyModel.load()
    alone = [float(model.score([t], embedder)[0]) for t in TEXTS]
    together = [float(s) for s in model.score(TEXTS, embedder)]
    reversed_ = [float(s) for s in model.score(TEXTS[::-1], embedder)][::-1]
    assert together == pytest.approx(alone, abs=1e-5)
    assert reversed_ == pytest.approx(alone, abs=1e-5)


def test_streamed_decontext_matches_one_batch(nlp):
    article = load_article("rail_strike.json")
    sentences = [s.text for s in split_sentences(article.paragraphs)[0]]
    published = date(2025, 3, 4)
    one_batch = [(a.texts, a.speaker, a.dates) for a in Decontextualizer(nlp).run(article.title, sentences, published)]
    for size in (1, 3):
        streamed = Decontextualizer(nlp, batch_size=size).iter_run(article.title, sentences, published)
        assert [(a.texts, a.speaker, a.dates) for a in streamed] == one_batch


@pytest.fixture(scope="module")
def overlapped(nlp, embedder, checkworthy_model):
    return ClaimExtractor(nlp, embedder, checkworthy_model, overlap=True)


@pytest.fixture(scope="module")
def sequential(nlp, embedder, checkworthy_model):
    return ClaimExtractor(nlp, embedder, checkworthy_model, overlap=False)


@pytest.mark.parametrize("name", ARTICLES)
def test_overlap_changes_nothing(sequential, overlapped, name):
    article = load_article(name)
    ra, rb = overlapped.run(article), sequential.run(article)
    a, w1 = ra.claims, ra.warnings
    b, w2 = rb.claims, rb.warnings
    assert ra.overlapped and not rb.overlapped
    assert w1 == w2
    assert [c.model_dump() for c in a] == [c.model_dump() for c in b]
    assert any(c.text != c.sentence for c in a)  # rewritten sentences were discarded and re-added


def test_ner_on_the_worker_changes_nothing(nlp, embedder, checkworthy_model, monkeypatch):
    """With the worker thread, spaCy's NER runs there during the parse (``background_ner``)."""
    import factdesk.claims.nlp as claims_nlp

    queued = []
    real = claims_nlp.pipe

    def spy(nlp_, texts, **kw):
        queued.append(kw.get("submit") is not None)
        return real(nlp_, texts, **kw)

    monkeypatch.setattr("factdesk.claims.decontext.pipe", spy)
    plain = ClaimExtractor(nlp, embedder, checkworthy_model, overlap=True)  # the NER on this thread (the default)
    ner_on_worker = ClaimExtractor(nlp, embedder, checkworthy_model, overlap=True, background_ner=True)
    article = load_article("rail_strike.json")
    a, _ = ner_on_worker.extract(article)
    b, _ = plain.extract(article)
    assert queued == [True, False]
    assert [c.model_dump() for c in a] == [c.model_dump() for c in b]


def test_comment_claims_same_with_and_without_overlap(sequential, overlapped):
    article = load_article("stadium.json")
    a = overlapped.extract_comment_claims(article)
    b = sequential.extract_comment_claims(article)
    assert a and [c.model_dump() for c in a] == [c.model_dump() for c in b]


@pytest.mark.parametrize("background", [True, False])
def test_prefetched_texts_are_embedded_once_and_discarded_ones_dropped(embedder, background):
    counting = CountingEmbedder(embedder)
    with BackgroundEncoder(counting, background=background) as enc:
        enc.prefetch(TEXTS[:3])
        enc.add([TEXTS[0]])
        enc.discard(TEXTS[1])
        enc.add([TEXTS[3], TEXTS[2]])
        got = enc.result()
    np.testing.assert_allclose(got, embedder.encode([TEXTS[0], TEXTS[3], TEXTS[2]]), atol=1e-5)
    assert counting.seen.count(TEXTS[0]) == 1 and counting.seen.count(TEXTS[2]) == 1
    if not background:  # nothing runs ahead without a worker: a discarded text is never embedded
        assert TEXTS[1] not in counting.seen


def test_spare_core_policy():
    assert spare_core(0.2, 2) and spare_core(2.9, 4)
    assert not spare_core(1.6, 2) and not spare_core(0.0, 1)


def _spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


@pytest.mark.skipif(not Path("/proc/stat").is_file(), reason="measured from /proc/stat (Linux)")
def test_other_load_tells_this_process_from_the_others():
    """Back-to-back extractions keep this process busy: that is not a busy machine. Another
    process spinning a core is."""
    import subprocess
    import sys

    from factdesk.claims.background import _OtherLoad

    meter = _OtherLoad()
    assert meter.cores() is None  # the first reading only starts the window
    time.sleep(1.0)
    base = meter.cores()  # what the other processes of the machine keep busy now
    _spin(1.0)  # this process keeps a core busy: not counted as the others' load
    own = meter.cores()
    assert own < base + 0.45, (base, own)
    spinner = subprocess.Popen([sys.executable, "-c", "import time\nend = time.time() + 1.2\nwhile time.time() < end: pass"])
    try:
        time.sleep(1.0)
        # another process spinning is counted (compared with the same machine a moment before, so
        # neighbours' steady load does not decide the result)
        assert meter.cores() > own + 0.3
    finally:
        spinner.wait(10)


@pytest.mark.parametrize("which", ["sequential", "overlapped"])
def test_stage_timings_add_up_to_the_call(request, which):
    ex = request.getfixturevalue(which)
    article = load_article("vaccine_study.json")
    start = time.perf_counter()
    result = ex.run(article)
    wall = time.perf_counter() - start
    laps = dict(result.timings)
    busy = laps.pop("embed_busy")
    assert set(laps) == {"split", "parse_decontext", "atoms", "embed_wait", "score_build"}
    assert all(v >= 0 for v in laps.values()) and busy > 0
    assert sum(laps.values()) <= wall
    assert sum(laps.values()) >= 0.9 * wall - 0.005


def test_missing_model_scores_half_with_a_warning(tmp_path, nlp, embedder):
    broken = ClaimExtractor(nlp, embedder, partial(CheckworthyModel.load, tmp_path))
    claims, warnings = broken.extract(load_article("stadium.json"))
    assert claims and all(c.checkworthiness == 0.5 for c in claims)
    assert any("check-worthiness model unavailable" in w for w in warnings)


def test_may_rewrite_flags_the_sentences_decontextualisation_rewrites(nlp):
    """The prefetch guess: a sentence rewritten in place (not split) was flagged before the parse."""
    import json

    from factdesk.claims.relative_dates import parse_published
    from factdesk.claims.decontext import may_rewrite
    from factdesk.claims.sentences import split_sentences
    from factdesk.lab.eval.decontext import default_set

    rewritten = kept = flagged_kept = 0
    for line in default_set().read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = parse_published(item.get("published"))
        sentences = split_sentences(item["sentences"])[0]
        analyses = Decontextualizer(nlp).run(item["title"], [s.text for s in sentences], published,
                                             [s.continues_quote for s in sentences])
        for s, an in zip(sentences, analyses):
            guess = may_rewrite(s.text, s.continues_quote, published is not None)
            if len(an.texts) == 1 and an.texts[0] != s.text:
                rewritten += 1
                assert guess, s.text
            elif an.texts == [s.text]:
                kept += 1
                flagged_kept += guess
    assert rewritten >= 20 and kept >= 20
    assert flagged_kept < kept  # some sentences are guessed to stay as written
