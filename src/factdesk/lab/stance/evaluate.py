"""``factdesk eval stance``: accuracy and macro-F1 per data set on dev splits, against baselines.

Baselines: the majority class of the set's training side (of the scored set itself with ``--data``), and a
similarity threshold (cosine of MiniLM embeddings ≥ t → supports, else the set's other label), with ``t``
chosen on the training pairs. On 2-way sets the 3-way prediction is read in the set's label space
(see :func:`factdesk.lab.stance.metrics.read_predictions`). ECE is computed on the model's chosen-label
probability.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from factdesk.lab.stance.data import Pair, load_all, load_folder
from factdesk.lab.stance.metrics import accuracy, ece, label_space, macro_f1, read_predictions

Progress = Callable[[str], None]


def _similarity_threshold(train: list[Pair], cos: np.ndarray) -> float:
    """Threshold on cosine maximising 'supports vs rest' accuracy on training pairs."""
    gold = np.array([p.label == "supports" for p in train])
    best_t, best = 0.5, -1.0
    for t in np.linspace(0.2, 0.95, 31):
        acc = float(np.mean((cos >= t) == gold))
        if acc > best:
            best_t, best = float(t), acc
    return best_t


def stance_probs(model, cross, weight: float, dev: list[Pair], u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """(supports, refutes, neutral) per pair for one design: the head alone (``cross`` None), the
    cross-encoder alone (``model`` None) or their blend ``weight``·cross + (1 − weight)·head, the
    cascade's reading of a passage it sends to the cross-encoder."""
    from factdesk.verify.features import features_matrix

    head = None
    if model is not None:
        head = model.predict_embedded(u, v, features_matrix([p.claim for p in dev], [p.evidence for p in dev]))
    if cross is None:
        return head
    read = cross.predict([(p.claim, p.passage_text) for p in dev])
    return read if head is None else weight * read + (1.0 - weight) * head


def evaluate_stance(model, embedder, folders: list[Path] | None = None, progress: Progress = lambda m: None,
                    max_per_set: int | None = None, seed: int = 13, cross=None, weight: float = 1.0) -> dict:
    """Per-set figures: {name: {n, accuracy, macro_f1, ece, majority: {...}, similarity: {...}}}.

    ``model`` is the embedding head, ``cross`` the cross-encoder; either may be None (see :func:`stance_probs`).
    """
    from factdesk.lab.stance.embedding_cache import cache_for

    cache = cache_for(Path("/tmp/factdesk_verify/emb"), embedder) if folders is None else None

    def encode(texts: list[str]) -> np.ndarray:
        return cache.encode(texts, embedder) if cache is not None else embedder.encode(texts)

    if folders:
        sets = {f.name: load_folder(f) for f in folders}
        train_all: list[Pair] = []
    else:
        pairs = load_all()
        train_all = [p for p in pairs if p.split == "train"]
        sets = {}
        dev_pairs = [p for p in pairs if p.split == "dev"]
        if max_per_set:
            from factdesk.lab.stance.train import cap_per_set

            dev_pairs = cap_per_set(dev_pairs, max_per_set, seed)
        for p in dev_pairs:
            sets.setdefault(p.dataset, []).append(p)

    # similarity threshold from a seeded sample of the training pairs (or 0.6 when none)
    threshold = 0.6
    if train_all:
        rng = np.random.default_rng(0)
        from factdesk.lab.stance.train import build_training_set

        sample_from = build_training_set(seed)[0]
        sample = [sample_from[i] for i in rng.choice(len(sample_from), size=min(3000, len(sample_from)), replace=False)]
        cos = np.sum(encode([p.claim for p in sample]) * encode([p.passage_text for p in sample]), axis=1)
        threshold = _similarity_threshold(sample, cos)

    results: dict = {}
    all_conf, all_correct = [], []
    for name, dev in sorted(sets.items()):
        progress(f"scoring {name} ({len(dev)} pairs)")
        gold = [p.label for p in dev]
        space = label_space(gold)
        u = encode([p.claim for p in dev])
        v = encode([p.passage_text for p in dev])
        probs = stance_probs(model, cross, weight, dev, u, v)
        pred, conf = read_predictions(probs, space)
        correct = np.array([g == p for g, p in zip(gold, pred)], dtype=float)
        all_conf.append(conf)
        all_correct.append(correct)
        train_labels = [p.label for p in train_all if p.dataset == name] or gold
        majority = Counter(train_labels).most_common(1)[0][0]
        maj_pred = [majority] * len(gold)
        cos = np.sum(u * v, axis=1)
        negative = "not_supports" if "not_supports" in space else ("refutes" if "neutral" not in space else "neutral")
        sim_pred = ["supports" if c >= threshold else negative for c in cos]
        results[name] = {
            "n": len(dev),
            "labels": list(space),
            "accuracy": round(accuracy(gold, pred), 4),
            "macro_f1": round(macro_f1(gold, pred, space), 4),
            "ece": round(ece(conf, correct), 4),
            "majority": {"label": majority, "accuracy": round(accuracy(gold, maj_pred), 4),
                         "macro_f1": round(macro_f1(gold, maj_pred, space), 4)},
            "similarity": {"threshold": round(threshold, 3), "accuracy": round(accuracy(gold, sim_pred), 4),
                           "macro_f1": round(macro_f1(gold, sim_pred, space), 4)},
        }
    if all_conf:
        conf = np.concatenate(all_conf)
        corr = np.concatenate(all_correct)
        results["_overall"] = {"n": int(len(conf)), "accuracy": round(float(corr.mean()), 4),
                               "ece": round(ece(conf, corr), 4)}
    return results


def format_table(results: dict) -> str:
    lines = [f"{'data set':28s} {'n':>6s} {'acc':>6s} {'F1':>6s} {'ECE':>6s} | {'maj acc':>7s} {'maj F1':>6s} | {'sim acc':>7s} {'sim F1':>6s}"]
    for name, r in results.items():
        if name.startswith("_"):
            continue
        lines.append(f"{name:28s} {r['n']:6d} {r['accuracy']:6.3f} {r['macro_f1']:6.3f} {r['ece']:6.3f} | "
                     f"{r['majority']['accuracy']:7.3f} {r['majority']['macro_f1']:6.3f} | "
                     f"{r['similarity']['accuracy']:7.3f} {r['similarity']['macro_f1']:6.3f}")
    if "_overall" in results:
        o = results["_overall"]
        lines.append(f"{'all (pooled)':28s} {o['n']:6d} {o['accuracy']:6.3f} {'':6s} {o['ece']:6.3f}")
    return "\n".join(lines)
