"""Machine-written likelihood from stylometric signals: a small logistic model, never a verdict.

Signals: stock-phrase density, hedging, balanced "both sides" framing, sentence-length uniformity,
polish (no typos, no casual markers, tidy capitalisation), lack of personal detail and of
specifics. The weights are fitted by ``factdesk train comments`` (seeded) and stored as JSON in
``resources/models/analyse/machine_written.json``; without that file a documented prior is used.

>>> m = load_machine_model()
>>> p, why = m.predict("This is a complex issue with valid concerns on both sides. Transparency will be key.")
>>> 0.0 <= p <= 1.0
True
"""

from __future__ import annotations

import json
import math
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


@dataclass
class MachineWrittenModel:
    """Logistic model over ``FEATURES``; ``predict`` returns (likelihood, reasons)."""

    params: dict[str, Any]

    def _z(self, x: list[float]) -> tuple[float, list[float]]:
        mean, scale, coef = self.params["mean"], self.params["scale"], self.params["coef"]
        contrib = [c * (v - m) / (s or 1.0) for v, m, s, c in zip(x, mean, scale, coef)]
        return self.params["intercept"] + sum(contrib), contrib

    def predict(self, text: "str | Parsed", specificity: Any = None) -> tuple[float, list[str]]:
        x = features(text, specificity)
        z, contrib = self._z(x)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        names = list(self.params["features"])
        top = sorted(((c, f) for c, f in zip(contrib, names) if c > 0.25), reverse=True)[:4]
        why = [EXPLAIN.get(f, f) for _, f in top]
        for f, v, c in zip(names, x, self.params["coef"]):
            # features that count when absent are phrased as absence only if they are absent
            if f in ("informal", "personal") and v > 0:
                why = [w for w in why if w != EXPLAIN[f]]
        return p, why

    def predict_many(self, texts: list, specs: list[Any] | None = None) -> list[tuple[float, list[str]]]:
        specs = specs or [None] * len(texts)
        return [self.predict(t, s) for t, s in zip(texts, specs)]


def load_machine_model(path: Path | None = None) -> MachineWrittenModel:
    """The trained model if its artefact exists, else the documented prior."""
    path = path or MODEL_PATH
    if path.is_file():
        params = json.loads(path.read_text())
        if params.get("features") == list(FEATURES):
            return MachineWrittenModel(params)
    return MachineWrittenModel(dict(PRIOR))


def train_machine_model(folder: Path | None = None, *, seed: int = 0, c: float = 1.0) -> dict[str, Any]:
    """Fit the logistic model on the dev articles of the labelled comment set (style labels).

    Returns the parameters (to be written as JSON). Deterministic: liblinear-free lbfgs on fixed data.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from factdesk.analyse.comments import ArticleProfile, specificity
    from factdesk.analyse.evaluate import DEV_ARTICLES, load_comment_set

    from factdesk.claims.nlp import load_nlp

    nlp = load_nlp()  # the same article profile as at inference time
    xs, ys = [], []
    for article, rows in load_comment_set(folder):
        if not rows or rows[0]["article"] not in DEV_ARTICLES:
            continue
        prof = ArticleProfile.build(article, None, nlp)
        for r in rows:
            xs.append(features(r["text"], specificity(r["text"], prof)))
            ys.append(int(bool(r["machine_style"])))
    x, y = np.asarray(xs), np.asarray(ys)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit((x - mean) / scale, y)
    return {
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in model.coef_[0]],
        "intercept": round(float(model.intercept_[0]), 6),
        "trained": True,
        "data": f"tests/data/analyse comments of articles {', '.join(DEV_ARTICLES)} ({len(y)} comments, "
        f"{int(y.sum())} machine-style)",
        "seed": seed,
        "C": c,
    }
