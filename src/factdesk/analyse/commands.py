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
        out: Annotated[Optional[Path], typer.Option("--out", help="Lexicon JSON to write.")] = None,
        seed: Annotated[int, typer.Option(help="Seed of the article-id split.")] = 13,
        min_count: Annotated[int, typer.Option(help="Least span occurrences of an n-gram.")] = 2,
        min_precision: Annotated[float, typer.Option(help="Least share of an n-gram's uses inside the technique.")] = 0.3,
        classifier: Annotated[bool, typer.Option("--classifier/--no-classifier",
                                                 help="Also train the sentence classifier (embeds ~12k sentences with MiniLM: slow on CPU).")] = True,
    ) -> None:
        """Mine the propaganda-technique lexicon (and train the sentence classifier) from the PTC training articles."""
        from factdesk.lab.analyse import tasks

        tasks.train_propaganda(data, out, seed=seed, min_count=min_count, min_precision=min_precision,
                               classifier=classifier, echo=lambda m: typer.echo(m, err=True))

    @app.command("comments")
    def train_comments(
        data: Annotated[Optional[Path], typer.Option("--data", help="Labelled comment folder.")] = None,
        out: Annotated[Optional[Path], typer.Option("--out", help="Model JSON to write.")] = None,
        seed: Annotated[int, typer.Option()] = 0,
    ) -> None:
        """Build the common-news-word list (PTC document frequency) and fit the machine-written likelihood."""
        from factdesk.lab.analyse import tasks

        tasks.train_comments(data, out, seed=seed, echo=typer.echo)


def register_eval(app: typer.Typer) -> None:
    @app.command("propaganda")
    def eval_propaganda(
        data: Annotated[Optional[Path], typer.Option("--data", help="A PTC-shaped folder: every article in it is scored.")] = None,
        lexicon: Annotated[Optional[Path], typer.Option(help="Lexicon JSON (default: the packaged one).")] = None,
        json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the scores as JSON.")] = None,
        classifier: Annotated[bool, typer.Option("--classifier/--no-classifier",
                                                 help="Use the sentence classifier (MiniLM; minutes on CPU) or the lexicon alone.")] = True,
    ) -> None:
        """Span-level and technique-level P/R/F1 on the held-out PTC articles (or on every article of --data)."""
        from factdesk.lab.analyse import tasks

        result = tasks.eval_propaganda(data, lexicon, classifier=classifier)
        typer.echo(f"propaganda techniques on {result['evaluated_on']} ({result['detector']})")
        _table("span level (SemEval-2020 SI, partial overlap)", {"spans": result["span"]})
        _table("technique level (same technique, overlapping span)",
               {**result["per_technique"], "micro": result["technique_micro"]})
        typer.echo(f"technique macro F1 {result['technique_macro_f1']:.3f}")
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
        if public:
            tw = result["tweepfake_validation"]
            typer.echo(f"machine_written on TweepFake validation ({tw['n']} tweets): AUC {tw['auc']:.3f}")
            _table("machine_written vs bot (TweepFake validation)", {"machine_written": tw["at_threshold"]})
            yt = result["youtube_spam"]
            _table(f"flags vs spam label (YouTube spam, {yt['comments']} comments)", yt["per_flag_vs_spam"])
        _write(result, json_out)
