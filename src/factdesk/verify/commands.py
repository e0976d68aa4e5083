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


def _calibrate(model, embedder, cache: Path, model_dir: Path | None) -> dict:
    """Fit the verdict-confidence curve and store its parameters in the model's meta.json."""
    from factdesk.verify import Verifier
    from factdesk.verify.calibrate import calibrate
    from factdesk.verify.embcache import CachedEmbedder, cache_for
    from factdesk.verify.nli import default_model_dir

    class _Runtime:
        pass

    rt = _Runtime()
    rt.embedder = CachedEmbedder(embedder, cache_for(cache / "emb", embedder))
    model.embedder = rt.embedder
    result = calibrate(Verifier(rt, model=model))
    meta_path = Path(model_dir or default_model_dir()) / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["aggregate"] = result["params"]
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    model.meta = meta
    return result


def register_train(app: typer.Typer) -> None:
    @app.command("stance")
    def train_stance_cmd(
        seed: Annotated[int, typer.Option("--seed", help="Random seed (sampling, synthetic edits, weights).")] = 13,
        epochs: Annotated[int, typer.Option("--epochs", help="Passes over the training pairs.")] = 12,
        out: Annotated[Optional[Path], typer.Option("--out", help="Model directory (default: the packaged one).")] = None,
        cache: Annotated[Path, typer.Option("--cache", help="Folder for cached embeddings and features.")] = Path("/tmp/factdesk_verify"),
        evaluate: Annotated[bool, typer.Option("--eval/--no-eval", help="Score the dev splits and write the model card.")] = True,
        max_per_set: Annotated[int, typer.Option("--max-per-set", help="Training pairs per NLI set (fact-verification sets are used in full); 0 = no cap.")] = 0,
        eval_per_set: Annotated[int, typer.Option("--eval-per-set", help="Dev pairs scored per set for the model card; 0 = all.")] = 300,
        fact_weight: Annotated[float, typer.Option("--fact-weight", help="Loss weight of the fact-verification sets.")] = 2.0,
    ) -> None:
        """Train the stance model (MiniLM-embedding head + alignment features) and export it to ONNX.

        Frozen embeddings are the CPU design. A cross-encoder fine-tune of MiniLM is the better design
        when a GPU is at hand; it is not implemented here (see docs/verify.md).
        """
        from factdesk.verify.train import TrainConfig, train_stance

        embedder = _embedder()
        cfg = TrainConfig(seed=seed, epochs=epochs, out_dir=out, cache_dir=cache, max_per_set=max_per_set or None,
                          fact_weight=fact_weight)
        meta = train_stance(cfg, embedder, progress=_say)
        if evaluate:
            from factdesk.verify.card import write_model_card
            from factdesk.verify.evaluate import evaluate_stance, format_table
            from factdesk.verify.nli import OnnxStanceModel

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
        model_dir: Annotated[Optional[Path], typer.Option("--model", help="Model directory (default: the packaged one).")] = None,
        max_per_set: Annotated[Optional[int], typer.Option("--max-per-set", help="Score a seeded sample of at most N dev pairs per set (default: all).")] = None,
    ) -> None:
        """Stance accuracy / macro-F1 / ECE per data set on the dev splits (or every example of --data folders)."""
        from factdesk.verify.evaluate import evaluate_stance, format_table
        from factdesk.verify.nli import OnnxStanceModel

        from factdesk.verify.data import detect

        for folder in data or []:
            if not folder.is_dir():
                raise InputError(f"--data: not a folder: {folder}")
            detect(folder)  # fail fast, before any model loads
        embedder = _embedder()
        model = OnnxStanceModel.load(embedder, model_dir)
        results = evaluate_stance(model, embedder, list(data) if data else None, progress=_say,
                                  max_per_set=max_per_set)
        typer.echo(format_table(results))
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(results, indent=2) + "\n")
