"""Scoring the analysis on labelled data: the project's comment set, TweepFake, the spam sets, PTC.

Every function returns plain dicts (printed by ``factdesk eval …`` and written with ``--json``).
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from factdesk.config import shared_data_dir
from factdesk.errors import InputError
from factdesk.models import Article, Comment

ROOT = Path(__file__).resolve().parents[3]
#: the labelled comment set written for this project (see its README)
COMMENT_SET = ROOT / "tests" / "data" / "analyse"
#: articles a1-a4 set thresholds and train the machine-written model; a5-a8 are held out
DEV_ARTICLES = ("a1", "a2", "a3", "a4")


def shared_data() -> Path:
    return shared_data_dir()


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0 when undefined).

    >>> prf(3, 1, 1)
    {'precision': 0.75, 'recall': 0.75, 'f1': 0.75, 'tp': 3, 'fp': 1, 'fn': 1}
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


# -- the project's labelled comment set ----------------------------------------------------------------
def load_comment_set(folder: Path | None = None) -> list[tuple[Article, list[dict[str, Any]]]]:
    """Articles with their comments and the gold labels of each comment."""
    folder = Path(folder or COMMENT_SET)
    arts_path, com_path = folder / "articles.jsonl", folder / "comments.jsonl"
    if not arts_path.is_file() or not com_path.is_file():
        raise InputError(f"{folder} has no articles.jsonl + comments.jsonl (a labelled comment set)")
    arts = {}
    for line in arts_path.read_text().splitlines():
        if line.strip():
            a = json.loads(line)
            arts[a["id"]] = a
    labels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, line in enumerate(com_path.read_text().splitlines(), 1):
        if line.strip():
            try:
                labels[json.loads(line)["article"]].append(json.loads(line))
            except (json.JSONDecodeError, KeyError) as exc:
                raise InputError(f"{com_path}:{n}: not a labelled comment ({exc})") from exc
    out = []
    for aid, a in arts.items():
        rows = sorted(labels.get(aid, []), key=lambda r: r["index"])
        comments = [Comment(index=r["index"], author=r.get("author"), posted=r.get("posted"), text=r["text"]) for r in rows]
        out.append((Article(title=a["title"], paragraphs=a["paragraphs"], published=a.get("published"), comments=comments), rows))
    return out


def _split_of(aid_rows: list[dict[str, Any]]) -> str:
    return "dev" if aid_rows and aid_rows[0]["article"] in DEV_ARTICLES else "test"


def eval_comment_set(analyser, nlp=None, folder: Path | None = None) -> dict[str, Any]:
    """P/R/F1 per flag on the labelled set, for the dev articles, the held-out articles and all."""
    gold_key = {"generic": "generic", "templated": "templated", "near_duplicate": "near_duplicate",
                "machine_written": "machine_style", "coordinated": "coordinated"}
    counts: dict[str, dict[str, list[int]]] = {s: {f: [0, 0, 0] for f in gold_key} for s in ("dev", "test", "all")}
    specific_flagged_generic: list[str] = []
    for article, rows in load_comment_set(folder):
        split = _split_of(rows)
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


# -- TweepFake (human vs machine tweets) -------------------------------------------------------------
def load_tweepfake(split: str = "validation", limit: int | None = None) -> list[tuple[str, int]]:
    path = shared_data() / "tweepfake" / f"{split}.csv"
    if not path.is_file():
        raise InputError(f"TweepFake split not found: {path}")
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            rows.append((r["text"], 1 if r["account.type"] == "bot" else 0))
    if limit and len(rows) > limit:
        rows = random.Random(0).sample(rows, limit)
    return rows


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


def eval_machine_written(model, threshold: float, samples: Iterable[tuple[str, int]]) -> dict[str, Any]:
    samples = list(samples)
    probs = [model.predict(t)[0] for t, _ in samples]
    labels = [y for _, y in samples]
    tp = sum(1 for p, y in zip(probs, labels) if p >= threshold and y)
    fp = sum(1 for p, y in zip(probs, labels) if p >= threshold and not y)
    fn = sum(1 for p, y in zip(probs, labels) if p < threshold and y)
    # calibration: mean predicted vs observed rate in 5 bins
    bins = []
    for lo in (0.0, 0.2, 0.4, 0.6, 0.8):
        idx = [k for k, p in enumerate(probs) if lo <= p < lo + 0.2 or (lo == 0.8 and p == 1.0)]
        if idx:
            bins.append({"bin": f"{lo:.1f}-{lo + 0.2:.1f}", "n": len(idx),
                         "mean_predicted": round(sum(probs[k] for k in idx) / len(idx), 3),
                         "observed_machine": round(sum(labels[k] for k in idx) / len(idx), 3)})
    return {"n": len(samples), "auc": auc(probs, labels), "at_threshold": prf(tp, fp, fn), "calibration": bins}


# -- spam sets ----------------------------------------------------------------------------------------
def eval_youtube_spam(analyser) -> dict[str, Any]:
    """Each video's comments as one section: do templated / near-duplicate / coordinated find spam?"""
    folder = shared_data() / "youtube-spam-collection"
    files = sorted(folder.glob("Youtube0*.csv"))
    if not files:
        raise InputError(f"YouTube spam collection not found in {folder}")
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
