"""CLI: ``factdesk train stance`` and ``factdesk eval stance``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.errors import InputError


def _embedder():
    import torch

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    from factdesk.embed import MiniLMEmbedder

    return MiniLMEmbedder()


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _calibrate(model, embedder, cache: Path, model_dir: Path | None, cross=None) -> dict:
    """Fit the verdict-confidence curve and store its parameters in the model's meta.json (the
    cross-encoder's, for the cascade, whose evidence probabilities differ from the head's)."""
    from factdesk.lab.stance.calibrate import calibrate
    from factdesk.lab.stance.embedding_cache import CachedEmbedder, cache_for
    from factdesk.verify.head import default_model_dir

    cached = CachedEmbedder(embedder, cache_for(cache / "emb", embedder))
    model.embedder = cached
    result = calibrate(cached, model, cross)
    owner = cross or model
    meta_path = Path(model_dir or default_model_dir()) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["aggregate"] = result["params"]
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    owner.meta = meta
    return result


def _finish_cross(embedder, cache: Path, cross_dir: Path | None, seed: int, eval_per_set: int | None,
                  max_per_set: int) -> dict:
    """After a cross-encoder is trained: the cascade's blend weight (calibration slice), the verdict
    confidence curve of the cascade (Climate-FEVER calibration claims), dev figures and the model card."""
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
    _say(f"fitting the cascade's blend weight on {len(calib)} calibration pairs")
    blend = fit_blend(stance_probs(head, None, 0.0, calib, u, v), stance_probs(None, cross, 1.0, calib, u, v), calib)
    meta_path = cross_dir / "meta.json"
    meta = json.loads(meta_path.read_text()) | blend
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    cross.meta = meta
    _say(f"blend weight {blend['blend_weight']}; calibration accuracy {blend['calibration_accuracy_3way']}")
    results = {}
    for design, (m, c) in {"cascade": (head, cross), "cross": (None, cross)}.items():
        _say(f"scoring the dev splits ({design})")
        results[design] = evaluate_stance(m, embedder, progress=_say, max_per_set=eval_per_set, seed=seed,
                                          cross=c, weight=meta["blend_weight"])
        typer.echo(f"[{design}]\n" + format_table(results[design]))
    _say("calibrating the cascade's verdict confidence on Climate-FEVER claims")
    results["_claims_climate_fever"] = _calibrate(head, embedder, cache, cross_dir, cross=cross)
    typer.echo(json.dumps(results["_claims_climate_fever"], indent=2))
    from factdesk.lab.stance.card import write_cross_card

    write_cross_card(json.loads(meta_path.read_text()), results, cross_dir)
    return results


def register_train(app: typer.Typer) -> None:
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
        if design == "cross":
            from factdesk.lab.stance.train_cross import CrossConfig, train_cross

            cfg = CrossConfig(seed=seed, epochs=epochs or 1.5, out_dir=out, cache_dir=cache, max_per_set=max_per_set,
                              fact_weight=fact_weight)
            meta = train_cross(cfg, progress=_say)
            if evaluate:
                _finish_cross(_embedder(), cache, out, seed, eval_per_set or None, max_per_set)
            typer.echo(json.dumps({k: meta[k] for k in ("train_pairs", "steps", "temperature", "seconds")}))
            return
        from factdesk.lab.stance.train import TrainConfig, train_stance

        embedder = _embedder()
        cfg = TrainConfig(seed=seed, epochs=int(epochs or 12), out_dir=out, cache_dir=cache, max_per_set=max_per_set or None,
                          fact_weight=fact_weight)
        meta = train_stance(cfg, embedder, progress=_say)
        if evaluate:
            from factdesk.lab.stance.card import write_model_card
            from factdesk.lab.stance.evaluate import evaluate_stance, format_table
            from factdesk.verify.head import OnnxStanceModel

            model_dir = Path(out) if out else None
            model = OnnxStanceModel.load(embedder, model_dir)
            results = evaluate_stance(model, embedder, progress=_say, max_per_set=eval_per_set or None, seed=seed)
            typer.echo(format_table(results))
            _say("calibrating verdict confidence on Climate-FEVER claims")
            results["_claims_climate_fever"] = _calibrate(model, embedder, cache, model_dir)
            typer.echo(json.dumps(results["_claims_climate_fever"], indent=2))
            write_model_card(model.meta | {"dir": str(model_dir or "")}, results, model_dir)
        typer.echo(json.dumps({k: meta[k] for k in ("train_pairs", "dev_pairs", "temperature", "seconds")}))


def register_eval(app: typer.Typer) -> None:
    @app.command("stance")
    def eval_stance_cmd(
        data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder laid out like ../shared/data/<name>; every example in it is scored. Repeatable.")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
        model_dir: Annotated[Optional[Path], typer.Option("--model", help="Head model directory (default: the packaged one).")] = None,
        cross_dir: Annotated[Optional[Path], typer.Option("--cross-model", help="Cross-encoder directory (default: the packaged one).")] = None,
        design: Annotated[str, typer.Option("--design", help="cascade (what `factdesk check` runs on a claim's most relevant passages: head and cross-encoder blended), head, or cross.")] = "cascade",
        max_per_set: Annotated[Optional[int], typer.Option("--max-per-set", help="Score a seeded sample of at most N dev pairs per set (default: all).")] = None,
    ) -> None:
        """Stance accuracy / macro-F1 / ECE per data set on the dev splits (or every example of --data folders)."""
        from factdesk.lab.stance.data import detect
        from factdesk.lab.stance.evaluate import evaluate_stance, format_table
        from factdesk.verify.head import OnnxStanceModel

        if design not in {"cascade", "head", "cross"}:
            raise InputError(f"--design must be cascade, head or cross, not {design!r}")
        for folder in data or []:
            if not folder.is_dir():
                raise InputError(f"--data: not a folder: {folder}")
            detect(folder)  # fail fast, before any model loads
        embedder = _embedder()
        model = OnnxStanceModel.load(embedder, model_dir) if design != "cross" else None
        cross = None
        if design != "head":
            from factdesk.verify.crossenc import CrossEncoderStance

            cross = CrossEncoderStance.load(cross_dir)
        weight = float(cross.meta.get("blend_weight", 1.0)) if cross is not None else 0.0
        results = evaluate_stance(model, embedder, list(data) if data else None, progress=_say,
                                  max_per_set=max_per_set, cross=cross, weight=weight)
        results["_design"] = {"design": design, "blend_weight": weight}
        typer.echo(format_table(results))
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(results, indent=2) + "\n")
