"""What ``factdesk train|eval propaganda|comments`` run: each returns its result as a dict and
reports progress through ``echo``; the command modules only parse options and print tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factdesk.lab.analyse.ptc import PTC_DIR, load_ptc, split_ptc

Echo = Callable[[str], None]


def train_propaganda(data: Path | None, out: Path | None, *, seed: int = 13, min_count: int = 2,
                     min_precision: float = 0.3, classifier: bool = True, echo: Echo = print) -> dict[str, Any]:
    """Mine the technique lexicon (and train the sentence classifier) from the PTC training articles."""
    from factdesk.analyse.language import LEXICON_PATH
    from factdesk.lab.analyse.lexicon import mine_lexicon

    arts = load_ptc(data)
    train, dev = split_ptc(arts, seed=seed)
    lex = mine_lexicon(train, min_count=min_count, min_precision=min_precision)
    lex.update({"seed": seed, "train_articles": len(train), "dev_article_ids": sorted(a["article_id"] for a in dev),
                "source": f"shared data {PTC_DIR} (train_articles.jsonl)"})
    path = out or LEXICON_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(lex, sort_keys=True, separators=(",", ":")) + "\n")
    echo(f"{len(lex['entries'])} n-grams from {len(train)} articles ({len(dev)} held out) -> {path}")
    if classifier:
        from factdesk.analyse.language import TECHNIQUES
        from factdesk.analyse.techclf import CLASSIFIER_PATH
        from factdesk.embed import MiniLMEmbedder
        from factdesk.lab.analyse.sentence_classifier import train_classifier

        echo("embedding the training sentences with MiniLM (minutes on CPU)…")
        params = train_classifier(train, MiniLMEmbedder(), list(TECHNIQUES), seed=seed,
                                  progress=lambda t: echo(f"  head trained: {t}"))
        params["source"] = f"shared data {PTC_DIR}: {len(train)} training articles (seed {seed} split by id)"
        CLASSIFIER_PATH.write_text(json.dumps(params, separators=(",", ":")) + "\n")
        echo(f"sentence classifier ({len(params['techniques'])} heads, {params['sentences']} sentences) -> {CLASSIFIER_PATH}")
    return lex


def train_comments(data: Path | None, out: Path | None, *, seed: int = 0, echo: Echo = print) -> dict[str, Any]:
    """The common-news-word list (PTC document frequency) and the machine-written model."""
    from factdesk.analyse.machine import MODEL_PATH
    from factdesk.analyse.vocab import COMMON_PATH, common_words
    from factdesk.lab.analyse.common_words import mine_common_words
    from factdesk.lab.analyse.machine_train import train_machine_model

    vocab = mine_common_words([a["text"] for a in load_ptc()])
    vocab["source"] = f"document frequency over the texts of shared data {PTC_DIR} (no labels used)"
    COMMON_PATH.parent.mkdir(parents=True, exist_ok=True)
    COMMON_PATH.write_text(json.dumps(vocab, separators=(",", ":")) + "\n")
    common_words.cache_clear()
    echo(f"{len(vocab['words'])} common news words (in >= {vocab['min_df']} of {vocab['documents']} articles) -> {COMMON_PATH}")
    params = train_machine_model(data, seed=seed)
    path = out or MODEL_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(params, indent=1) + "\n")
    echo(f"machine-written model ({params['data']}) -> {path}")
    return params


def eval_propaganda(data: Path | None, lexicon: Path | None, *, classifier: bool = True) -> dict[str, Any]:
    """Span-level and technique-level scores on the held-out PTC articles (or every article of ``data``)."""
    from factdesk.analyse.language import TechniqueDetector
    from factdesk.lab.analyse.propaganda_eval import score_detector

    embedder = None
    if classifier:
        from factdesk.embed import MiniLMEmbedder

        embedder = MiniLMEmbedder()
    det = TechniqueDetector.load(lexicon, embedder=embedder)
    if data is not None:
        arts = load_ptc(data)
        which = f"every article in {data}"
    else:
        dev_ids = set(det.lexicon.get("dev_article_ids", []))
        arts = [a for a in load_ptc() if a["article_id"] in dev_ids]
        which = f"{len(arts)} held-out PTC training articles (split by id, seed {det.lexicon.get('seed')})"
    result = score_detector(det, arts)
    result["evaluated_on"] = which
    result["detector"] = "lexicon + sentence classifier" if det.classifier is not None else "lexicon only"
    return result


def eval_comments(data: Path | None, *, public: bool = True) -> dict[str, Any]:
    """Flag scores on the labelled comment set, the near-duplicate threshold curve, TweepFake and YouTube spam."""
    from factdesk.analyse.comments import CommentAnalyser, CommentSettings
    from factdesk.claims.nlp import load_nlp
    from factdesk.lab.analyse.comment_data import load_tweepfake
    from factdesk.lab.analyse.comment_eval import (eval_comment_set, eval_machine_written, eval_youtube_spam,
                                                   near_duplicate_threshold_curve)

    analyser = CommentAnalyser()
    result: dict[str, Any] = {"labelled_set": eval_comment_set(analyser, load_nlp(), data)}
    result["near_duplicate_threshold"] = near_duplicate_threshold_curve(data)
    if public:
        result["tweepfake_validation"] = eval_machine_written(analyser.machine, CommentSettings().machine_written_at,
                                                              load_tweepfake("validation"))
        result["youtube_spam"] = eval_youtube_spam(analyser)
    return result
