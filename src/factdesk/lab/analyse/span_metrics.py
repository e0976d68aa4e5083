"""Scores for propaganda spans, as SemEval-2020 Task 11 defines them.

**Span identification (SI)** — the task scorer's character-overlap measure. Per article, the
predicted spans S and the gold spans T are each merged where they overlap; then, over all articles,

    P = (1/|S|) · Σ_{s∈S} Σ_{t∈T} |s ∩ t| / |s|        R = (1/|T|) · Σ_{s∈S} Σ_{t∈T} |s ∩ t| / |t|

(|·| counts characters, S and T pair only within one article) and F1 = 2PR / (P + R). A predicted
span half inside a gold span earns half a hit, so both boundaries matter.

**Technique level** — a predicted (technique, span) is right when it overlaps a not-yet-matched gold
span of the same technique (one-to-one per technique, greedy in text order); micro P/R/F1 over all
techniques, and macro F1 over the 14.

**Technique classification with gold spans (TC)** — the task's second subtask: every gold
(technique, span) instance gets a predicted technique; micro F1 = accuracy over instances.

>>> si_scores({"a": [(0, 10)]}, {"a": [(5, 15)]})
{'precision': 0.5, 'recall': 0.5, 'f1': 0.5, 'predicted': 1, 'gold': 1}
>>> prf(3, 1, 1)
{'precision': 0.75, 'recall': 0.75, 'f1': 0.75, 'tp': 3, 'fp': 1, 'fn': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Precision, recall and F1 (0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping (or touching) spans merged, sorted.

    >>> union([(5, 9), (0, 3), (2, 4), (9, 12)])
    [(0, 4), (5, 12)]
    """
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def si_scores(pred: Mapping[str, Iterable[tuple[int, int]]], gold: Mapping[str, Iterable[tuple[int, int]]]) -> dict[str, Any]:
    """The SemEval-2020 SI precision, recall and F1 (see the module docstring)."""
    p_num = r_num = 0.0
    n_pred = n_gold = 0
    for aid in set(pred) | set(gold):
        ps, gs = union(pred.get(aid, [])), union(gold.get(aid, []))
        n_pred += len(ps)
        n_gold += len(gs)
        for s in ps:
            for t in gs:
                ov = _overlap(s, t)
                if ov:
                    p_num += ov / (s[1] - s[0])
                    r_num += ov / (t[1] - t[0])
    p = p_num / n_pred if n_pred else 0.0
    r = r_num / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "predicted": n_pred, "gold": n_gold}


def technique_counts(pred: Iterable[tuple[str, int, int]], gold: Iterable[tuple[str, int, int]],
                     techniques: Iterable[str]) -> dict[str, list[int]]:
    """[tp, fp, fn] per technique for one article (one-to-one overlap matching within a technique)."""
    pred, gold = list(pred), list(gold)
    out: dict[str, list[int]] = {}
    for name in techniques:
        golds = sorted((s, e) for t, s, e in gold if t == name)
        preds = sorted((s, e) for t, s, e in pred if t == name)
        matched: set[int] = set()
        tp = 0
        for p in preds:
            j = next((k for k, g in enumerate(golds) if k not in matched and _overlap(p, g) > 0), None)
            if j is not None:
                matched.add(j)
                tp += 1
        out[name] = [tp, len(preds) - tp, len(golds) - len(matched)]
    return out


def technique_scores(pred: Mapping[str, Iterable[tuple[str, int, int]]], articles: list[dict[str, Any]],
                     techniques: list[str], keys: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Micro and macro technique-level scores over ``articles`` (gold from their ``technique_spans``)."""
    per: dict[str, list[int]] = {name: [0, 0, 0] for name in techniques}
    for art in articles:
        gold = [(g["technique"], g["start"], g["end"]) for g in art["technique_spans"]]
        for name, v in technique_counts(pred.get(art["article_id"], []), gold, techniques).items():
            for k in range(3):
                per[name][k] += v[k]
    micro = [sum(v[k] for v in per.values()) for k in range(3)]
    keys = keys or {n: n for n in techniques}
    return {
        "technique_micro": prf(*micro),
        "technique_macro_f1": round(sum(prf(*v)["f1"] for v in per.values()) / max(1, len(per)), 4),
        "per_technique": {keys[n]: prf(*v) for n, v in per.items()},
    }


def tc_accuracy(predicted: list[list[str]], gold: list[list[str]]) -> dict[str, Any]:
    """Technique classification on gold spans: ``predicted[i]`` ranks techniques for gold span i,
    whose labels are ``gold[i]``; the top len(gold[i]) predictions are scored against them."""
    right = total = 0
    for ranked, labels in zip(predicted, gold):
        top = set(ranked[: len(labels)])
        right += sum(1 for t in set(labels) if t in top)
        total += len(set(labels))
    return {"micro_f1": round(right / total, 4) if total else 0.0, "instances": total}
