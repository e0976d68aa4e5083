"""Score a technique detector on PTC articles (span level and technique level, ``span_metrics``)."""

from __future__ import annotations

from typing import Any

from factdesk.analyse.language import TECHNIQUES
from factdesk.lab.analyse.span_metrics import si_scores, technique_scores


def score_detector(detector, articles: list[dict[str, Any]]) -> dict[str, Any]:
    """SemEval SI span scores and technique-level scores of ``detector.detect_raw`` on ``articles``."""
    pred = {a["article_id"]: detector.detect_raw(a["text"]) for a in articles}
    spans = {aid: [(s, e) for _, s, e, _ in p] for aid, p in pred.items()}
    gold = {a["article_id"]: [(g["start"], g["end"]) for g in a["propaganda_spans"]] for a in articles}
    techs = {aid: [(t, s, e) for t, s, e, _ in p] for aid, p in pred.items()}
    return {
        "articles": len(articles),
        "span": si_scores(spans, gold),
        **technique_scores(techs, articles, list(TECHNIQUES), {n: t.key for n, t in TECHNIQUES.items()}),
    }
