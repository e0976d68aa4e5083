"""``factdesk train …``: rebuild factdesk's own models, seeded and reproducible.

    factdesk train checkworthy        # the check-worthiness model (claims)
    factdesk train verifiable         # the verifiability model (claims)
    factdesk train stance             # the stance head, or --design cross the cross-encoder (verify)
    factdesk train verdict            # the claim-level decision over the stance models' outputs (verify)
    factdesk train propaganda         # the propaganda span tagger and fallback lexicon (analyse)
    factdesk train comments           # the common-word list and the generated-text model (analyse)

The trainers live in :mod:`factdesk.lab`; each command imports its trainer when it runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.commands.common import say, training_embedder
from factdesk.errors import InputError
from factdesk.outputs import preflight, preflight_dir, write_output

__all__ = ["app"]

app = typer.Typer(help="Train factdesk's own models (seeded, reproducible).", no_args_is_help=True)


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _finish_cross(embedder, cache: Path, cross_dir: Path | None, seed: int, eval_per_set: int | None,
                  max_per_set: int) -> dict:
    """After a cross-encoder is trained: the cascade's blend weight (calibration slice), dev figures and
    the model card. (The claim-level decision is fitted afterwards: ``factdesk train verdict``.)"""
    from factdesk.verify.crossenc import CrossEncoderStance, default_cross_dir
    from factdesk.lab.stance.train_cross import CrossConfig, fit_blend, split_pairs
    from factdesk.lab.stance.embedding_cache import cache_for
    from factdesk.lab.stance.evaluate import evaluate_stance, format_table, stance_probs
    from factdesk.verify.head import OnnxStanceModel

    cross_dir = Path(cross_dir or default_cross_dir())
    head, cross = OnnxStanceModel.load(embedder), CrossEncoderStance.load(cross_dir)
    _, calib, _ = split_pairs(CrossConfig(seed=seed, max_per_set=max_per_set))
    emb = cache_for(cache / "emb", embedder)
    u, v = emb.encode([p.claim for p in calib], embedder), emb.encode([p.passage_text for p in calib], embedder)
    say(f"fitting the cascade's blend weight on {len(calib)} calibration pairs")
    blend = fit_blend(stance_probs(head, None, 0.0, calib, u, v), stance_probs(None, cross, 1.0, calib, u, v), calib)
    meta_path = cross_dir / "meta.json"
    meta = json.loads(meta_path.read_text()) | blend
    write_output(meta_path, json.dumps(meta, indent=2) + "\n")
    cross.meta = meta
    say(f"blend weight {blend['blend_weight']}; calibration accuracy {blend['calibration_accuracy_3way']}")
    results = {}
    for design, (m, c) in {"cascade": (head, cross), "cross": (None, cross)}.items():
        say(f"scoring the dev splits ({design})")
        results[design] = evaluate_stance(m, embedder, progress=say, max_per_set=eval_per_set, seed=seed,
                                          cross=c, weight=meta["blend_weight"])
        typer.echo(f"[{design}]\n" + format_table(results[design]))
    from factdesk.lab.stance.card import write_cross_card

    write_cross_card(json.loads(meta_path.read_text()), results, cross_dir)
    return results


# -- check-worthiness (claims) ------------------------------------------------------------------
@app.command("verifiable")
def train_verifiable(
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 13,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: the packaged one).")] = None,
    data: Annotated[Optional[Path], typer.Option("--data", help="A folder of claims evaluation articles (default: the dev folder).")] = None,
) -> None:
    """Train the verifiability model on the development claims articles (cross-validated report)."""
    if out is not None:
        preflight_dir(out)  # an unusable --out fails now, not after the training
    from factdesk.claims.nlp import load_nlp
    from factdesk.claims.verifiability_model import DEFAULT_DIR
    from factdesk.embed import MiniLMEmbedder
    from factdesk.lab.verifiable.train import model_card, train

    if data is not None and not data.is_dir():
        raise InputError(f"--data: not a folder: {data}")
    model, report = train(MiniLMEmbedder(), load_nlp(), data=data, seed=seed)
    target = out or DEFAULT_DIR
    model.save(target)
    write_output(Path(target) / "MODEL_CARD.md", model_card(report))
    typer.echo(json.dumps(report, indent=2))
    typer.echo(f"model written to {target}", err=True)


@app.command("checkworthy")
def train_checkworthy(
    seed: Annotated[int, typer.Option("--seed", help="Random seed (data sampling, held-out split, weights).")] = 13,
    out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: the packaged one).")] = None,
    data: Annotated[Optional[Path], typer.Option("--data", help="The shared data directory (default: ../shared/data).")] = None,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Reuse/keep sentence embeddings in this .npz file.")] = None,
    hidden: Annotated[int, typer.Option("--hidden", help="Hidden units of the MLP.")] = 128,
) -> None:
    """Train the check-worthiness model on the public corpora (seeded, reproducible)."""
    if out is not None:
        preflight_dir(out)  # an unusable --out fails now, not after the training
    from factdesk.claims.checkworthy import DEFAULT_DIR
    from factdesk.lab.checkworthy.train import evaluate, model_card, train

    embedder = training_embedder()
    with _progress() as prog:
        task = prog.add_task("embedding sentences", total=None)
        model, report = train(embedder, seed=seed, data_dir=data, cache=cache, hidden=hidden,
                              progress=lambda stage, done, total: prog.update(task, completed=done, total=total))
    report["dev"] = evaluate(model, embedder, cache=cache) if data is None else {}
    model.meta["train_report"] = report
    target = out or DEFAULT_DIR
    model.save(target)
    write_output(Path(target) / "MODEL_CARD.md", model_card(report))
    typer.echo(json.dumps(report, indent=2))
    typer.echo(f"model written to {target}", err=True)


# -- stance (verify) ----------------------------------------------------------------------------
@app.command("stance")
def train_stance_cmd(
    design: Annotated[str, typer.Option("--design", help="head: the MLP over frozen MiniLM embeddings (minutes); cross: fine-tune MiniLM as a cross-encoder for the cascade (about an hour on 2 cores).")] = "head",
    seed: Annotated[int, typer.Option("--seed", help="Random seed (sampling, synthetic edits, weights).")] = 13,
    epochs: Annotated[float, typer.Option("--epochs", help="Passes over the training pairs (default: 12 for the head, 1.5 for the cross-encoder).")] = 0,
    out: Annotated[Optional[Path], typer.Option("--out", help="Model directory (default: the packaged one).")] = None,
    cache: Annotated[Path, typer.Option("--cache", help="Folder for cached embeddings and features.")] = Path("/tmp/factdesk_verify"),
    evaluate: Annotated[bool, typer.Option("--eval/--no-eval", help="Score the dev splits and write the model card.")] = True,
    max_per_set: Annotated[int, typer.Option("--max-per-set", help="Training pairs per NLI set (fact-verification sets are used in full); 0 = no cap.")] = 0,
    eval_per_set: Annotated[int, typer.Option("--eval-per-set", help="Dev pairs scored per set for the model card; 0 = all.")] = 300,
    fact_weight: Annotated[float, typer.Option("--fact-weight", help="Loss weight of the fact-verification sets.")] = 2.0,
) -> None:
    """Train a stance model and export it to ONNX: the head (MiniLM embeddings + alignment features)
    or the cross-encoder the cascade runs on each claim's most relevant passages. Train the head
    first: the cross-encoder's blend weight and confidence curve are fitted against it.
    """
    if design not in {"head", "cross"}:
        raise InputError(f"--design must be 'head' or 'cross', not {design!r}")
    if out is not None:
        preflight_dir(out)  # an unusable --out fails now, not after the training
    if design == "cross":
        from factdesk.lab.stance.train_cross import CrossConfig, train_cross

        cfg = CrossConfig(seed=seed, epochs=epochs or 1.5, out_dir=out, cache_dir=cache, max_per_set=max_per_set,
                          fact_weight=fact_weight)
        meta = train_cross(cfg, progress=say)
        if evaluate:
            _finish_cross(training_embedder(), cache, out, seed, eval_per_set or None, max_per_set)
        typer.echo(json.dumps({k: meta[k] for k in ("train_pairs", "steps", "temperature", "seconds")}))
        return
    from factdesk.lab.stance.train import TrainConfig, train_stance

    embedder = training_embedder()
    cfg = TrainConfig(seed=seed, epochs=int(epochs or 12), out_dir=out, cache_dir=cache, max_per_set=max_per_set or None,
                      fact_weight=fact_weight)
    meta = train_stance(cfg, embedder, progress=say)
    if evaluate:
        from factdesk.lab.stance.card import write_model_card
        from factdesk.lab.stance.evaluate import evaluate_stance, format_table
        from factdesk.verify.head import OnnxStanceModel

        model_dir = Path(out) if out else None
        model = OnnxStanceModel.load(embedder, model_dir)
        results = evaluate_stance(model, embedder, progress=say, max_per_set=eval_per_set or None, seed=seed)
        typer.echo(format_table(results))
        write_model_card(model.meta | {"dir": str(model_dir or "")}, results, model_dir)
    typer.echo(json.dumps({k: meta[k] for k in ("train_pairs", "dev_pairs", "temperature", "seconds")}))


# -- the claim-level decision (verify) -----------------------------------------------------------
@app.command("verdict")
def train_verdict_cmd(
    data: Annotated[Optional[list[Path]], typer.Option("--data", help="Claim sets laid out like ../shared/data/scifact, climate-fever or averitec (every claim is used). Default: the shared sets' dev claims.")] = None,
    cases: Annotated[Optional[list[Path]], typer.Option("--cases", help="A folder of article cases (repeatable).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Model directory (default: the packaged one).")] = None,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Folder for the per-set evidence stores.")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the cross-validation folds.")] = 13,
    refute_precision: Annotated[float, typer.Option("--refute-precision", min=0.0, max=1.0, help="Least precision of 'refuted' on every set (out of fold).")] = 0.9,
    support_precision: Annotated[float, typer.Option("--support-precision", min=0.0, max=1.0, help="Least precision of 'supported' on every set (out of fold).")] = 0.85,
    weighed: Annotated[Optional[Path], typer.Option("--weighed", help="JSON file of the claims' weighed evidence: written after collecting; with --refit, read instead of verifying again.")] = None,
    refit: Annotated[bool, typer.Option("--refit", help="Fit from the --weighed file alone.")] = False,
) -> None:
    """Fit the claim-level decision on development claims (run after any change to the stance models or
    the alignment checks): features of each claim's weighed evidence, a logistic regression, and
    thresholds chosen for precision on out-of-fold predictions."""
    if out is not None:
        preflight_dir(out)  # an unusable --out fails now, not after the training
    import time

    import platformdirs

    from factdesk.config import load_config
    from factdesk.lab.verdict.train import Collected, collect, default_out, train_verdict, write_card

    for folder in [*(data or []), *(cases or [])]:
        if not folder.is_dir():
            raise InputError(f"not a folder: {folder}")
    if refit and (weighed is None or not weighed.is_file()):
        raise InputError("--refit needs --weighed FILE written by an earlier run")
    t0 = time.time()
    cache_dir = cache or Path(platformdirs.user_cache_dir("factdesk")) / "eval-stores"
    if refit:
        collected = Collected.load(weighed)  # type: ignore[arg-type]
    else:
        collected = collect(list(data) if data else None, list(cases or []), load_config(), cache_dir, progress=say)
        if weighed is not None:
            collected.save(weighed)
    model, per_set = train_verdict(collected, seed=seed, refute_precision=refute_precision,
                                   support_precision=support_precision, progress=say)
    out_dir = Path(out) if out else default_out()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save(out_dir / "verdict.json")
    write_card(model, out_dir, time.time() - t0, refit=refit)
    for name, m in per_set.items():
        typer.echo(f"{name:18s} n={m['n']:4d} acc={m['accuracy']:.3f} macroF1={m['macro_f1']:.3f} "
                   f"P(sup)={m['precision'].get('supported', 0):.3f} P(ref)={m['precision'].get('refuted', 0):.3f} "
                   f"coverage={m['coverage']:.3f} (out of fold)")
    typer.echo(f"wrote {out_dir / 'verdict.json'}")


# -- propaganda and comments (analyse) -----------------------------------------------------------
@app.command("propaganda")
def train_propaganda(
    data: Annotated[Optional[Path], typer.Option("--data", help="PTC folder (default: shared data).")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder for tagger.onnx + meta.json (default: the packaged one).")] = None,
    seed: Annotated[int, typer.Option(help="Seed of the article split, batch order and initialisation.")] = 13,
    threads: Annotated[int, typer.Option(help="Torch CPU threads (results do not depend on it beyond rounding).")] = 1,
    epochs: Annotated[Optional[float], typer.Option(help="Epochs of the first phase (default 4).")] = None,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Checkpoint folder (a stopped run resumes from it).")] = None,
) -> None:
    """Fine-tune MiniLM as the propaganda span tagger on the PTC training articles (CPU; about an
    hour and a half on one thread), export it to int8 ONNX and measure its operating points."""
    if out is not None:
        preflight_dir(out)  # an unusable --out fails now, not after the training
    from factdesk.lab.analyse import tasks

    kw = {"cache_dir": cache} if cache else {}
    tasks.train_propaganda(data, out, seed=seed, threads=threads, epochs=epochs,
                           echo=lambda m: typer.echo(m, err=True), **kw)


@app.command("comments")
def train_comments(
    data: Annotated[Optional[Path], typer.Option("--data", help="Labelled comment folder.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Model JSON to write.")] = None,
    seed: Annotated[int, typer.Option()] = 0,
) -> None:
    """Build the common-news-word list (PTC document frequency) and fit the generated-text (machine_written) model."""
    held = preflight(out) if out is not None else None  # an unusable --out fails now; a pipe is held open
    from factdesk.lab.analyse import tasks

    tasks.train_comments(data, out, seed=seed, echo=typer.echo)
    del held  # the pipe's reader sees the end only now
