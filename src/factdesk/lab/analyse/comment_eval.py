"""Scores of the comment flags on labelled data: the project's comment set, TweepFake, YouTube spam.

Every function returns plain dicts (printed by ``factdesk eval comments`` and written with ``--json``).

>>> auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
0.75
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from factdesk.lab.analyse.comment_data import is_dev, load_comment_set, youtube_spam_files
from factdesk.lab.analyse.span_metrics import prf
from factdesk.models import Article, Comment


def eval_comment_set(analyser, nlp=None, folder: Path | None = None) -> dict[str, Any]:
    """P/R/F1 per flag on the labelled set, for the dev articles, the held-out articles and all."""
    gold_key = {"generic": "generic", "templated": "templated", "near_duplicate": "near_duplicate",
                "machine_written": "machine_style", "coordinated": "coordinated"}
    counts: dict[str, dict[str, list[int]]] = {s: {f: [0, 0, 0] for f in gold_key} for s in ("dev", "test", "all")}
    specific_flagged_generic: list[str] = []
    for article, rows in load_comment_set(folder):
        split = "dev" if is_dev(rows) else "test"
        out, _ = analyser.analyse(article, None, nlp)
        for c, r in zip(out, rows):
            for flag, key in gold_key.items():
                gold, pred = bool(r.get(key)), flag in c.flags
                for s in (split, "all"):
                    cell = counts[s][flag]
                    cell[0] += gold and pred
                    cell[1] += pred and not gold
                    cell[2] += gold and not pred
            if "generic" in c.flags and not r["generic"]:
                specific_flagged_generic.append(f"{r['article']}#{r['index']}: {c.text[:80]}")
    result: dict[str, Any] = {s: {f: prf(*v) for f, v in per.items()} for s, per in counts.items()}
    result["specific_comments_flagged_generic"] = specific_flagged_generic
    return result


# -- near-duplicate threshold measurement -------------------------------------------------------------
def near_duplicate_threshold_curve(folder: Path | None = None) -> dict[str, Any]:
    """Exact word-3-shingle Jaccard of labelled near-duplicate pairs vs all other same-article pairs.

    This is the measurement that justifies ``CommentSettings.near_duplicate_jaccard``.
    """
    from factdesk.analyse.textutil import normalise, shingles, words

    pos, neg = [], []
    for _, rows in load_comment_set(folder):
        sets = [set(shingles([t.lower() for t in words(normalise(r["text"]))], 3)) for r in rows]
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                jac = len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j]))
                same = rows[i]["near_duplicate"] and rows[i]["near_duplicate"] == rows[j]["near_duplicate"]
                (pos if same else neg).append(jac)
    curve = []
    for t in [x / 20 for x in range(2, 20)]:
        tp = sum(1 for j in pos if j >= t)
        fp = sum(1 for j in neg if j >= t)
        curve.append({"threshold": t, **prf(tp, fp, len(pos) - tp)})
    return {
        "positive_pairs": len(pos), "negative_pairs": len(neg),
        "min_positive_jaccard": round(min(pos), 4) if pos else None,
        "max_negative_jaccard": round(max(neg), 4) if neg else None,
        "curve": curve,
    }


def auc(scores: list[float], labels: list[int]) -> float:
    """Area under the ROC curve (rank statistic, ties counted half)."""
    pairs = sorted(zip(scores, labels))
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return 0.0
    rank_sum, i = 0.0, 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            j += 1
        avg_rank = (i + j + 1) / 2
        rank_sum += avg_rank * sum(1 for k in range(i, j) if pairs[k][1])
        i = j
    return round((rank_sum - pos * (pos + 1) / 2) / (pos * neg), 4)


def eval_machine_written(model, samples: list[tuple[str, Any, int]]) -> dict[str, Any]:
    """AUC, precision/recall at the model's threshold and a 5-bin calibration table on
    (text, specificity or None, label) samples."""
    probs = [model.predict(t, s)[0] for t, s, _ in samples]
    labels = [y for _, _, y in samples]
    at = model.flag_at
    tp = sum(1 for q, y in zip(probs, labels) if q >= at and y)
    fp = sum(1 for q, y in zip(probs, labels) if q >= at and not y)
    fn = sum(1 for q, y in zip(probs, labels) if q < at and y)
    bins = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        idx = [k for k, q in enumerate(probs) if lo <= q < lo + 0.2 or (lo == 0.8 and q == 1.0)]
        if idx:
            bins.append({"bin": f"{lo:.1f}-{lo + 0.2:.1f}", "n": len(idx),
                         "mean_predicted": round(sum(probs[k] for k in idx) / len(idx), 3),
                         "observed_positive": round(sum(labels[k] for k in idx) / len(idx), 3)})
    return {"n": len(samples), "auc": auc(probs, labels), **{k: v for k, v in prf(tp, fp, fn).items()},
            "calibration": bins}


def eval_youtube_spam(analyser, folder: Path | None = None) -> dict[str, Any]:
    """Each video's comments as one section: do templated / near-duplicate / coordinated find spam?"""
    files = youtube_spam_files(folder)
    flags = ("templated", "near_duplicate", "coordinated", "generic")
    counts = {f: [0, 0, 0] for f in flags + ("any_repetition",)}
    total = 0
    for path in files:
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        comments = [Comment(index=i, author=r["AUTHOR"], text=r["CONTENT"].replace("<br />", " ") or " ") for i, r in enumerate(rows)]
        title = path.stem.split("-", 1)[-1] + " music video"
        art = Article(title=title, paragraphs=[f"{title}."], comments=comments)
        out, _ = analyser.analyse(art, None, None)
        for c, r in zip(out, rows):
            gold = r["CLASS"].strip() == "1"
            total += 1
            preds = {f: f in c.flags for f in flags}
            preds["any_repetition"] = preds["templated"] or preds["near_duplicate"] or preds["coordinated"]
            for f, pred in preds.items():
                counts[f][0] += gold and pred
                counts[f][1] += pred and not gold
                counts[f][2] += gold and not pred
    return {"comments": total, "per_flag_vs_spam": {f: prf(*v) for f, v in counts.items()}}
