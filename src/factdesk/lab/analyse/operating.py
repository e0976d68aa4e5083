"""Choose and measure the operating points at which technique spans are shown to readers.

A candidate span's score is P(propaganda span) × P(its top technique). For each technique, the
operating point is the lowest score (on a grid) at which that technique's spans on the development
articles reach ``target`` precision both ways — technique precision (overlapping a gold span of the
same technique) and SemEval character-overlap span precision — with at least ``min_support`` spans;
a technique that never does is not shown at all. ``target`` sits above the 0.6 the reader is
promised, because a threshold picked on one set scores lower on the next.

How well this choice carries to unseen articles is measured by cross-fitting: the development
articles are split in two (by article, seeded), thresholds are chosen on one half and scored on the
other, and the two halves' shown spans are scored together.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

import numpy as np

from factdesk.analyse.tagger import TECHNIQUE_ORDER, TaggedSpan, decode
from factdesk.lab.analyse.span_metrics import si_scores, tc_accuracy, technique_counts, technique_scores

GRID = tuple(round(x, 2) for x in np.arange(0.05, 0.96, 0.05))
Cand = tuple[str, int, int, float]  # (PTC technique, start, end, score)


def candidates(articles: list[dict[str, Any]], probs: Mapping[str, tuple[list, np.ndarray]],
               inside_at: float) -> dict[str, list[Cand]]:
    """Decoded spans per article with their top technique and score."""
    out: dict[str, list[Cand]] = {}
    for art in articles:
        offs, p = probs[art["article_id"]]
        spans: list[TaggedSpan] = decode(art["text"], offs, p, inside_at)
        out[art["article_id"]] = [(sp.techniques[0][0], sp.start, sp.end, round(sp.span_score * sp.techniques[0][1], 4))
                                   for sp in spans]  # the score TechniqueDetector.from_tagged gives
    return out


def _technique_precisions(cands: dict[str, list[Cand]], articles: list[dict[str, Any]], tech: str,
                          at: float) -> tuple[int, float, float]:
    """(spans shown, technique precision, SI character precision) of ``tech``'s spans scoring ≥ ``at``."""
    n = tp = 0
    char_p = 0.0
    for art in articles:
        shown = [(t, s, e) for t, s, e, sc in cands.get(art["article_id"], []) if t == tech and sc >= at]
        if not shown:
            continue
        gold_t = [(g["technique"], g["start"], g["end"]) for g in art["technique_spans"]]
        tp += technique_counts(shown, gold_t, [tech])[tech][0]
        si = si_scores({"a": [(s, e) for _, s, e in shown]}, {"a": [(g["start"], g["end"]) for g in art["propaganda_spans"]]})
        n += len(shown)
        char_p += si["precision"] * si["predicted"]
    return n, (tp / n if n else 0.0), (char_p / n if n else 0.0)


def choose(cands: dict[str, list[Cand]], articles: list[dict[str, Any]], *, target: float = 0.65,
           min_support: int = 8) -> dict[str, float]:
    """PTC technique → the lowest grid score at which it reaches ``target`` precision (both ways)."""
    show_at: dict[str, float] = {}
    for tech in TECHNIQUE_ORDER:
        for at in GRID:
            n, tp_prec, char_prec = _technique_precisions(cands, articles, tech, at)
            if n < min_support:
                break
            if tp_prec >= target and char_prec >= target:
                show_at[tech] = at
                break
    return show_at


def shown(cands: dict[str, list[Cand]], show_at: Mapping[str, float]) -> dict[str, list[Cand]]:
    return {aid: [c for c in cs if c[0] in show_at and c[3] >= show_at[c[0]]] for aid, cs in cands.items()}


def score(cands: dict[str, list[Cand]], articles: list[dict[str, Any]], keys: Mapping[str, str] | None = None) -> dict[str, Any]:
    """SemEval SI span scores and technique-level scores of ``cands`` on ``articles``."""
    spans = {aid: [(s, e) for _, s, e, _ in cs] for aid, cs in cands.items()}
    gold = {a["article_id"]: [(g["start"], g["end"]) for g in a["propaganda_spans"]] for a in articles}
    techs = {aid: [(t, s, e) for t, s, e, _ in cs] for aid, cs in cands.items()}
    return {"span": si_scores(spans, gold), **technique_scores(techs, articles, list(TECHNIQUE_ORDER), keys)}


def cross_fit(cands: dict[str, list[Cand]], articles: list[dict[str, Any]], *, seed: int = 0, folds: int = 2,
              **choose_kw: Any) -> dict[str, Any]:
    """Thresholds chosen on the other folds, applied to each fold; the pooled shown spans scored."""
    ids = sorted(a["article_id"] for a in articles)
    random.Random(seed).shuffle(ids)
    fold_of = {aid: k % folds for k, aid in enumerate(ids)}
    pooled: dict[str, list[Cand]] = {}
    chosen = []
    for k in range(folds):
        fit = [a for a in articles if fold_of[a["article_id"]] != k]
        show_at = choose(cands, fit, **choose_kw)
        chosen.append(show_at)
        pooled.update(shown({a["article_id"]: cands.get(a["article_id"], []) for a in articles
                             if fold_of[a["article_id"]] == k}, show_at))
    return {"folds": folds, "seed": seed, "chosen": chosen, **score(pooled, articles)}


def gold_span_classification(articles: list[dict[str, Any]], probs: Mapping[str, tuple[list, np.ndarray]]) -> dict[str, Any]:
    """SemEval TC: the technique head ranks techniques for each gold span (mean over its tokens)."""
    predicted, gold = [], []
    for art in articles:
        offs, p = probs[art["article_id"]]
        mids = np.array([(s + e) / 2 for s, e in offs]) if offs else np.zeros(0)
        groups: dict[tuple[int, int], list[str]] = {}
        for g in art["technique_spans"]:
            groups.setdefault((g["start"], g["end"]), []).append(g["technique"])
        for (s, e), labels in groups.items():
            inside = (mids >= s) & (mids < e)
            if not inside.any():
                continue
            tech = p[inside, 3:].mean(0)
            predicted.append([TECHNIQUE_ORDER[k] for k in np.argsort(-tech, kind="stable")])
            gold.append(labels)
    return tc_accuracy(predicted, gold)


def score_detector(detector, articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Every span a ``TechniqueDetector`` finds (shown or not), scored on ``articles``."""
    from factdesk.analyse.language import TECHNIQUES

    cands = {a["article_id"]: detector.detect_raw(a["text"]) for a in articles}
    return {"articles": len(articles), **score(cands, articles, {n: t.key for n, t in TECHNIQUES.items()})}
