"""Does a comment read like generated text? A small logistic model, measured, never a verdict.

Inputs: word 1–2-gram TF-IDF (the model's own vocabulary, sublinear counts, L2-normalised — the
same transform as scikit-learn's ``TfidfVectorizer``, recomputed here so the runtime needs no
scikit-learn) and twelve stylometric signals (stock-phrase density, hedging, "both sides" framing,
sentence-length uniformity, polish, no casual markers, no personal detail, no specifics, …). The
weights are fitted by ``factdesk train comments`` (``factdesk.lab.analyse.machine_train``, seeded)
on TweepFake's training tweets (human vs bot accounts) plus the dev half of the labelled comment
set, then Platt-calibrated on a held-back slice; ``resources/models/analyse/machine_written.json``
carries the weights, the flag threshold and what was measured (``measured``).

A model whose measurement does not beat chance (``show_flag`` false, e.g. the hand-set prior used
when the file is missing) still yields a score, but the comment analysis raises no flag from it.

>>> m = load_machine_model()
>>> p, why = m.predict("This is a complex issue with valid concerns on both sides. Transparency will be key.")
>>> 0.0 <= p <= 1.0
True
"""

from __future__ import annotations

import json
import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factdesk.analyse.phrases import BOTH_SIDES_RE, HEDGE_RE, INFORMAL_RE, LOWER_I_RE, PERSONAL_RE, STOCK_RE
from factdesk.analyse.textutil import Parsed, parsed
from factdesk.modelpaths import shipped_models_dir

MODEL_DIR = shipped_models_dir() / "analyse"
MODEL_PATH = MODEL_DIR / "machine_written.json"

FEATURES: tuple[str, ...] = (
    "stock_density",
    "stock_per_sentence",
    "hedges_per_sentence",
    "both_sides",
    "length_uniformity",
    "mean_sentence_words",
    "polish",
    "informal",
    "personal",
    "low_specificity",
    "long_words",
    "exclaim_or_caps",
)

#: What each signal means to a reader, for the reasons list (only positive contributions shown).
EXPLAIN: dict[str, str] = {
    "stock_density": "much of it is stock phrasing",
    "stock_per_sentence": "stock phrases in most sentences",
    "hedges_per_sentence": "heavy hedging (seems, certainly, ultimately…)",
    "both_sides": "balanced 'both sides' framing",
    "length_uniformity": "sentences of very even length",
    "mean_sentence_words": "long, even sentences",
    "polish": "no typos, tidy capitalisation and punctuation",
    "informal": "no casual markers (lol, dont, lower-case i…)",
    "personal": "no personal or first-hand detail",
    "low_specificity": "no specific fact, number or name",
    "long_words": "formal vocabulary",
    "exclaim_or_caps": "no shouting or exclamation",
}

#: Prior weights used when no trained artefact exists (a hand-set starting point, documented).
PRIOR: dict[str, Any] = {
    "features": list(FEATURES),
    "mean": [0.0] * len(FEATURES),
    "scale": [1.0] * len(FEATURES),
    "coef": [3.0, 1.0, 1.0, 1.0, 1.0, 0.5, 1.0, -1.5, -1.5, 1.0, 2.0, -1.0],
    "intercept": -3.5,
    "trained": False,
    "show_flag": False,  # hand-set, never measured: a score only
}


def features(text: "str | Parsed", specificity: Any = None) -> list[float]:
    """The stylometric feature vector of one text (order: ``FEATURES``).

    ``specificity`` is a ``comments.Specificity`` (its stock-phrase matches are reused) or a score.
    """
    pt = parsed(text)
    raw, text, low = pt.raw, pt.norm, pt.low
    sents = pt.sentences or [text]
    toks = pt.tokens
    n = max(1, len(toks))
    lengths = [len(st) for st in pt.sentence_tokens if st]
    if hasattr(specificity, "stock"):
        n_stock, density = len(specificity.stock), specificity.stock_density
    else:
        stock_spans = [m.span() for m in STOCK_RE.finditer(low)]
        n_stock = len(stock_spans)
        density = min(1.0, sum(len(low[a:b].split()) for a, b in stock_spans) / n)
    if len(lengths) >= 2:
        mean = statistics.fmean(lengths)
        uniformity = max(0.0, 1.0 - statistics.pstdev(lengths) / max(1.0, mean))
    else:
        uniformity = 0.5
    tidy_starts = sum(1 for s in sents if s[:1].isupper() or s[:1].isdigit() or s[:1] in "\"'(")
    tidy_ends = sum(1 for s in sents if s[-1:] in ".?!\"')")
    polish = 0.5 * tidy_starts / len(sents) + 0.5 * tidy_ends / len(sents)
    informal = len(INFORMAL_RE.findall(low)) + len(LOWER_I_RE.findall(raw))
    caps = sum(1 for t in toks if len(t) > 2 and t.isupper())
    exclaim = raw.count("!")
    spec = getattr(specificity, "score", specificity)
    spec = 0.0 if spec is None else float(spec)
    return [
        density,
        min(2.0, n_stock / len(sents)),
        min(2.0, len(HEDGE_RE.findall(low)) / len(sents)),
        1.0 if BOTH_SIDES_RE.search(low) else 0.0,
        uniformity,
        min(2.0, (statistics.fmean(lengths) if lengths else 0.0) / 20.0),
        polish,
        min(1.0, informal / 2.0),
        1.0 if PERSONAL_RE.search(low) else 0.0,
        1.0 - spec,
        sum(1 for t in toks if len(t) >= 8) / n,
        min(1.0, (caps + exclaim) / 2.0),
    ]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def ngram_counts(text: str) -> dict[str, int]:
    """Lower-case word 1- and 2-grams of ``text`` (scikit-learn's default token pattern).

    >>> ngram_counts("Time will tell, time will")
    {'time': 2, 'will': 2, 'tell': 1, 'time will': 2, 'will tell': 1, 'tell time': 1}
    """
    toks = _TOKEN.findall(text.lower())
    counts: dict[str, int] = {}
    for g in toks + [f"{a} {b}" for a, b in zip(toks, toks[1:])]:
        counts[g] = counts.get(g, 0) + 1
    return counts


@dataclass
class MachineWrittenModel:
    """``predict(text) -> (p, reasons)``; ``flag_at``, ``show_flag`` and ``measured`` say how to use p."""

    params: dict[str, Any]

    def __post_init__(self) -> None:
        ng = self.params.get("ngrams") or {}
        self._vocab: dict[str, tuple[float, float]] = {t: (float(v[0]), float(v[1])) for t, v in ng.get("terms", {}).items()}
        self.flag_at = float(self.params.get("flag_at", 0.5))
        self.show_flag = bool(self.params.get("show_flag", False))
        self.measured: dict[str, Any] = dict(self.params.get("measured", {}))

    def _z(self, text: str, x: list[float]) -> tuple[float, list[float]]:
        mean, scale, coef = self.params["mean"], self.params["scale"], self.params["coef"]
        contrib = [c * (v - m) / (s or 1.0) for v, m, s, c in zip(x, mean, scale, coef)]
        z = self.params["intercept"] + sum(contrib)
        if self._vocab:
            weights = []
            for term, n in ngram_counts(text).items():
                hit = self._vocab.get(term)
                if hit:
                    weights.append(((1.0 + math.log(n)) * hit[0], hit[1]))
            norm = math.sqrt(sum(w * w for w, _ in weights)) or 1.0
            z += sum(w * c for w, c in weights) / norm
        a, b = self.params.get("platt", (1.0, 0.0))
        return a * z + b, contrib

    def predict(self, text: "str | Parsed", specificity: Any = None) -> tuple[float, list[str]]:
        pt = parsed(text)
        x = features(pt, specificity)
        z, contrib = self._z(pt.raw, x)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        names = list(self.params["features"])
        top = sorted(((c, f) for c, f in zip(contrib, names) if c > 0.25), reverse=True)[:4]
        why = [EXPLAIN.get(f, f) for _, f in top]
        for f, v in zip(names, x):
            # features that count when absent are phrased as absence only if they are absent
            if f in ("informal", "personal") and v > 0:
                why = [w for w in why if w != EXPLAIN[f]]
        return p, why

    def predict_many(self, texts: list, specs: list[Any] | None = None) -> list[tuple[float, list[str]]]:
        specs = specs or [None] * len(texts)
        return [self.predict(t, s) for t, s in zip(texts, specs)]

    def describe(self, p: float) -> str:
        """The reader's wording of a score: what it measures and where (the first measurement, on real data).

        >>> MachineWrittenModel({**PRIOR, "flag_at": 0.8, "measured": {"TweepFake tweets": {"auc": 0.86, "precision": 0.89}}}).describe(0.93)
        'reads like generated text (p = 0.93, measured on TweepFake tweets: AUC 0.86, precision 0.89 at p ≥ 0.80)'
        """
        for name, v in self.measured.items():
            if isinstance(v, dict) and "auc" in v and "precision" in v:
                return (f"reads like generated text (p = {p:.2f}, measured on {name}: AUC {v['auc']:.2f}, "
                        f"precision {v['precision']:.2f} at p ≥ {self.flag_at:.2f})")
        return f"reads like generated text (p = {p:.2f}, not measured)"


def load_machine_model(path: Path | None = None) -> MachineWrittenModel:
    """The trained model if its artefact exists, else the documented prior (never shown as a flag)."""
    path = path or MODEL_PATH
    if path.is_file():
        params = json.loads(path.read_text())
        if params.get("features") == list(FEATURES):
            return MachineWrittenModel(params)
    return MachineWrittenModel(dict(PRIOR))
