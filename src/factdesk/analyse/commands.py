"""CLI glue for the analysis stage: ``factdesk train propaganda|comments``, ``factdesk eval propaganda|comments``.

Options are parsed and tables printed here; the work is in ``factdesk.lab.analyse.tasks`` (imported
only when a command runs).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer


def _write(result: dict, json_out: Optional[Path]) -> None:
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, indent=2) + "\n")


def _table(title: str, rows: dict[str, dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for col in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(col)
    for name, v in rows.items():
        table.add_row(name, f"{v['precision']:.3f}", f"{v['recall']:.3f}", f"{v['f1']:.3f}",
                      str(v.get("tp", "")), str(v.get("fp", "")), str(v.get("fn", "")))
    Console().print(table)


def register_train(app: typer.Typer) -> None:
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
        from factdesk.lab.analyse import tasks

        tasks.train_comments(data, out, seed=seed, echo=typer.echo)


def register_eval(app: typer.Typer) -> None:
    @app.command("propaganda")
    def eval_propaganda(
        data: Annotated[Optional[Path], typer.Option("--data", help="A PTC-shaped folder: every article in it is scored.")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the scores as JSON.")] = None,
        tagger: Annotated[bool, typer.Option("--tagger/--lexicon", help="The span tagger (default) or the fallback lexicon.")] = True,
    ) -> None:
        """Span-level (SemEval-2020 SI) and technique-level P/R/F1 of the detector as shipped, for every
        span found and for the spans shown to readers, on the development PTC articles (or --data)."""
        from factdesk.lab.analyse import tasks

        result = tasks.eval_propaganda(data, tagger=tagger)
        typer.echo(f"propaganda techniques on {result['evaluated_on']} ({result['detector']})")
        for part, title in (("all_spans", "every span found"), ("shown_spans", "spans shown to readers")):
            r = result[part]
            if not r["span"]["predicted"]:
                typer.echo(f"{title}: none (no technique reached an operating point measured precise enough)")
                continue
            _table(f"{title}: span level (SemEval-2020 SI, character overlap)", {"spans": r["span"]})
            _table(f"{title}: technique level (same technique, overlapping span)",
                   {**{k: v for k, v in r["per_technique"].items() if v["tp"] + v["fp"] + v["fn"]}, "micro": r["technique_micro"]})
        tc = result.get("technique_classification_on_gold_spans")
        if tc:
            typer.echo(f"technique classification on gold spans (SemEval TC): micro F1 {tc['micro_f1']:.3f} "
                       f"({tc['instances']} instances)")
        shown_at = ", ".join(f"{k} ≥ {v:.2f}" for k, v in result["shown_at"].items()) or "none"
        typer.echo(f"techniques shown to readers (score threshold): {shown_at}")
        _write(result, json_out)

    @app.command("comments")
    def eval_comments(
        data: Annotated[Optional[Path], typer.Option("--data", help="Labelled comment folder (articles.jsonl + comments.jsonl).")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the scores as JSON.")] = None,
        public: Annotated[bool, typer.Option("--public/--no-public", help="Also score TweepFake and the YouTube spam set.")] = True,
    ) -> None:
        """Precision/recall per comment flag on the labelled set, TweepFake and YouTube spam."""
        from factdesk.analyse.comments import CommentSettings
        from factdesk.lab.analyse import tasks

        result = tasks.eval_comments(data, public=public)
        for split in ("dev", "test"):
            _table(f"comment flags, labelled set, {split} articles", result["labelled_set"][split])
        wrong = result["labelled_set"]["specific_comments_flagged_generic"]
        typer.echo(f"specific comments wrongly flagged generic: {len(wrong)}")
        for w in wrong:
            typer.echo(f"  {w}")
        curve = result["near_duplicate_threshold"]
        best = max(curve["curve"], key=lambda r: (r["f1"], -abs(r["threshold"] - CommentSettings().near_duplicate_jaccard)))
        typer.echo(f"near-duplicate Jaccard threshold: best F1 {best['f1']:.3f} at {best['threshold']:.2f} "
                   f"(in use: {CommentSettings().near_duplicate_jaccard}); labelled pairs min {curve['min_positive_jaccard']}, "
                   f"other pairs max {curve['max_negative_jaccard']}")
        mw = result["machine_written"]
        typer.echo(f"machine_written ('reads like generated text', flag at p >= {mw['flag_at']}; "
                   f"shown to readers: {'yes' if mw['show_flag'] else 'no'}):")
        for name, m in mw["measured"].items():
            typer.echo(f"  {name} ({m['n']}): AUC {m['auc']:.3f}, precision {m['precision']:.3f}, recall {m['recall']:.3f}")
        if public:
            yt = result["youtube_spam"]
            _table(f"flags vs spam label (YouTube spam, {yt['comments']} comments)", yt["per_flag_vs_spam"])
        _write(result, json_out)
