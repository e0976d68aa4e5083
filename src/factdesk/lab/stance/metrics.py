"""Accuracy, macro-F1 and expected calibration error, and how a 3-way prediction is read on a 2-way set.

>>> accuracy(["supports", "refutes"], ["supports", "neutral"])
0.5
"""

from __future__ import annotations

import numpy as np

from factdesk.verify.stance import LABELS


def label_space(gold: list[str]) -> tuple[str, ...]:
    """The labels a data set uses: 3-way, supports/refutes (FEVER-style), or supports/not_supports (RTE, MED)."""
    present = set(gold)
    if "not_supports" in present:
        return ("supports", "not_supports")
    if "neutral" not in present:
        return ("supports", "refutes")
    return LABELS


def read_predictions(probs: np.ndarray, space: tuple[str, ...]) -> tuple[list[str], np.ndarray]:
    """Labels in ``space`` and the probability of each chosen label."""
    if len(probs) == 0:
        return [], np.zeros(0)
    if space == ("supports", "not_supports"):
        p = np.stack([probs[:, 0], probs[:, 1] + probs[:, 2]], axis=1)
    elif space == ("supports", "refutes"):
        p = probs[:, :2] / np.clip(probs[:, :2].sum(axis=1, keepdims=True), 1e-9, None)
    else:
        p = probs
    idx = p.argmax(axis=1)
    return [space[i] for i in idx], p[np.arange(len(p)), idx]


def accuracy(gold: list[str], pred: list[str]) -> float:
    return float(np.mean([g == p for g, p in zip(gold, pred)])) if gold else 0.0


def macro_f1(gold: list[str], pred: list[str], labels: tuple[str, ...] | None = None) -> float:
    labels = labels or tuple(sorted(set(gold)))
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return float(np.mean(f1s)) if f1s else 0.0


def ece(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error with equal-width bins."""
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (confidence > lo) & (confidence <= hi) if lo > 0 else (confidence >= lo) & (confidence <= hi)
        if mask.any():
            total += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(total)
