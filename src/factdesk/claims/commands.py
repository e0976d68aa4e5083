"""CLI: ``factdesk train checkworthy``, ``factdesk eval checkworthy``, ``factdesk eval decontext``,
``factdesk eval claims``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.errors import InputError


def _progress():
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.console import Console

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=Console(stderr=True), transient=True)


def _embedder():
    import torch

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    from factdesk.embed import MiniLMEmbedder

    return MiniLMEmbedder()


def register_train(app: typer.Typer) -> None:
    @app.command("verifiable")
    def train_verifiable(
        seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 13,
        out: Annotated[Optional[Path], typer.Option("--out", help="Where to write the model (default: the packaged one).")] = None,
        data: Annotated[Optional[Path], typer.Option("--data", help="A folder of claims evaluation articles (default: the dev folder).")] = None,
    ) -> None:
        """Train the verifiability model on the development claims articles (cross-validated report)."""
        from factdesk.claims.nlp import load_nlp
        from factdesk.claims.verifiability_model import DEFAULT_DIR
        from factdesk.embed import MiniLMEmbedder
        from factdesk.lab.verifiable.train import model_card, train

        if data is not None and not data.is_dir():
            raise InputError(f"--data: not a folder: {data}")
        model, report = train(MiniLMEmbedder(), load_nlp(), data=data, seed=seed)
        target = out or DEFAULT_DIR
        model.save(target)
        (Path(target) / "MODEL_CARD.md").write_text(model_card(report), encoding="utf-8")
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
        from factdesk.claims.checkworthy import DEFAULT_DIR
        from factdesk.claims.cwtrain import evaluate, model_card, train

        embedder = _embedder()
        with _progress() as prog:
            task = prog.add_task("embedding sentences", total=None)
            model, report = train(embedder, seed=seed, data_dir=data, cache=cache, hidden=hidden,
                                  progress=lambda stage, done, total: prog.update(task, completed=done, total=total))
        report["dev"] = evaluate(model, embedder, cache=cache) if data is None else {}
        model.meta["train_report"] = report
        target = out or DEFAULT_DIR
        model.save(target)
        (Path(target) / "MODEL_CARD.md").write_text(model_card(report), encoding="utf-8")
        typer.echo(json.dumps(report, indent=2))
        typer.echo(f"model written to {target}", err=True)


def register_eval(app: typer.Typer) -> None:
    register_eval_claims(app)

    @app.command("checkworthy")
    def eval_checkworthy(
        data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder laid out like ../shared/data/<name>; every example in it is scored. Repeatable.")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
        model_dir: Annotated[Optional[Path], typer.Option("--model", help="Model directory (default: the packaged one).")] = None,
    ) -> None:
        """Check-worthiness precision / recall / F1 on the dev splits (or on --data folders)."""
        from factdesk.claims.checkworthy import CheckworthyModel
        from factdesk.claims.cwtrain import evaluate

        for folder in data or []:
            if not folder.is_dir():
                raise InputError(f"--data: not a folder: {folder}")
        model = CheckworthyModel.load(model_dir)
        results = evaluate(model, _embedder(), list(data) if data else None)
        for name, r in results.items():
            typer.echo(f"{name:45s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} (n={r['n']}, threshold {r['threshold']:.2f})")
        if json_out:
            json_out.write_text(json.dumps(results, indent=2) + "\n")

    @app.command("decontext")
    def eval_decontext(
        data: Annotated[Optional[Path], typer.Option("--data", help="A decontextualisation set (JSONL); default: the project's own.")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
        show: Annotated[bool, typer.Option("--show", help="Print every item that does not match.")] = False,
    ) -> None:
        """Exact-match and entity-resolution accuracy of decontextualisation on a labelled set."""
        from factdesk.claims.decontext_eval import default_set, evaluate_decontext, load_set
        from factdesk.claims.nlp import load_nlp

        items = load_set(data or default_set())
        result = evaluate_decontext(items, load_nlp())
        typer.echo(f"decontextualisation: {result['items']} sentences from {result['articles']} articles")
        typer.echo(f"  exact match            {result['exact_match']:.3f}")
        typer.echo(f"  normalised match       {result['normalised_match']:.3f}")
        typer.echo(f"  entity resolution acc. {result['resolution_accuracy']:.3f} ({result['resolutions_found']}/{result['resolutions_expected']})")
        typer.echo(f"  spurious rewrites      {result['spurious_rewrites']}")
        if show:
            for miss in result["misses"]:
                typer.echo(f"- {miss['id']}\n  expected: {miss['expected']}\n  got:      {miss['got']}")
        if json_out:
            json_out.write_text(json.dumps(result, indent=2) + "\n")


def register_eval_claims(app: typer.Typer) -> None:
    @app.command("claims")
    def eval_claims(
        data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder of claims evaluation articles (*.json); repeatable. Default: the project's dev and holdout folders.")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here (one object per folder).")] = None,
        show: Annotated[bool, typer.Option("--show", help="Print the sentences that missed (unchecked, wrongly checked, atoms, references).")] = False,
        config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
    ) -> None:
        """Verifiable-statement recall and precision, atoms per sentence, atom wording, unresolved
        references and dropped dates/places of the claim stage, per folder of articles."""
        from factdesk.config import load_config
        from factdesk.claims.verifiability_model import VerifiabilityModel
        from factdesk.lab.eval.claims import default_dirs, evaluate_claims, evaluate_model, load_articles
        from factdesk.runtime import Runtime

        folders = list(data) if data else default_dirs()
        sets = {folder.name: load_articles(folder) for folder in folders}  # bad input fails before models load
        results = {}
        with Runtime(load_config(config)) as runtime:
            model = VerifiabilityModel.load()
            for name, articles in sets.items():
                results[name] = evaluate_claims(articles, runtime.claim_extractor.extract, show=show)
                results[name]["verifiability_model_alone"] = evaluate_model(articles, model, runtime.embedder)
        for name, r in results.items():
            v, a, refs, keep = r["verifiable"], r["atoms"], r["references"], r["keep"]
            typer.echo(f"{name}: {r['articles']} articles, {r['sentences']} sentences ({v['gold']} verifiable)")
            typer.echo(f"  verifiable statements   recall {v['recall']:.3f}  precision {v['precision']:.3f}"
                       f"  (left unchecked: {', '.join(f'{k} {x}' for k, x in v['unchecked_by_reason'].items())})")
            m = r["verifiability_model_alone"]
            typer.echo(f"  (verifiability model alone: recall {m['recall']:.3f}  precision {m['precision']:.3f})")
            typer.echo(f"  atoms per sentence      {a['produced_per_sentence']:.2f} produced, {a['expected_per_checked_sentence']:.2f} expected"
                       f" (same count {a['same_count']:.3f})")
            typer.echo(f"  atom texts              exact {a['exact']:.3f}  near {a['near']:.3f} (token-F1 >= 0.8)"
                       f"  mean F1 {a['mean_f1']:.3f}")
            typer.echo(f"  unresolved references   {refs['unresolved_rate']:.3f} ({refs['unresolved']}/{refs['total']})")
            typer.echo(f"  dropped dates/places    {keep['dropped_rate']:.3f} ({keep['dropped']}/{keep['total']})")
            for miss in r.get("misses", []):
                typer.echo(f"  - [{miss['kind']}] {miss['article']}: {miss['sentence']}")
                for line in miss.get("expected", []):
                    typer.echo(f"      expected: {line}")
                for line in miss.get("got", []):
                    typer.echo(f"      got:      {line}")
        if json_out:
            json_out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
