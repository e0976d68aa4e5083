"""CLI for the analysis stage: ``factdesk train propaganda|comments``, ``factdesk eval propaganda|comments``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

PTC_DIR = "propaganda-ptc-semeval2020"


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
        from factdesk.analyse.evaluate import shared_data
        from factdesk.analyse.language import LEXICON_PATH, load_ptc, mine_lexicon, split_ptc

        arts = load_ptc(data or shared_data() / PTC_DIR)
        train, dev = split_ptc(arts, seed=seed)
        lex = mine_lexicon(train, min_count=min_count, min_precision=min_precision)
        lex.update({"seed": seed, "train_articles": len(train), "dev_article_ids": sorted(a["article_id"] for a in dev),
                    "source": f"shared data {PTC_DIR} (train_articles.jsonl)"})
        path = out or LEXICON_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(lex, sort_keys=True, separators=(",", ":")) + "\n")
        typer.echo(f"{len(lex['entries'])} n-grams from {len(train)} articles ({len(dev)} held out) -> {path}")
        if classifier:
            from factdesk.analyse.language import TECHNIQUES
            from factdesk.analyse.techclf import CLASSIFIER_PATH, train_classifier
            from factdesk.embed import MiniLMEmbedder

            typer.echo("embedding the training sentences with MiniLM (minutes on CPU)…", err=True)
            params = train_classifier(train, MiniLMEmbedder(), list(TECHNIQUES), seed=seed,
                                      progress=lambda t: typer.echo(f"  head trained: {t}", err=True))
            params["source"] = f"shared data {PTC_DIR}: {len(train)} training articles (seed {seed} split by id)"
            CLASSIFIER_PATH.write_text(json.dumps(params, separators=(",", ":")) + "\n")
            typer.echo(f"sentence classifier ({len(params['techniques'])} heads, {params['sentences']} sentences) -> {CLASSIFIER_PATH}")

    @app.command("comments")
    def train_comments(
        data: Annotated[Optional[Path], typer.Option("--data", help="Labelled comment folder.")] = None,
        out: Annotated[Optional[Path], typer.Option("--out", help="Model JSON to write.")] = None,
        seed: Annotated[int, typer.Option()] = 0,
    ) -> None:
        """Build the common-news-word list (PTC document frequency) and fit the machine-written likelihood."""
        from factdesk.analyse.evaluate import shared_data
        from factdesk.analyse.language import load_ptc
        from factdesk.analyse.machine import MODEL_PATH, train_machine_model
        from factdesk.analyse.vocab import COMMON_PATH, common_words, mine_common_words

        vocab = mine_common_words([a["text"] for a in load_ptc(shared_data() / PTC_DIR)])
        vocab["source"] = f"document frequency over the texts of shared data {PTC_DIR} (no labels used)"
        COMMON_PATH.parent.mkdir(parents=True, exist_ok=True)
        COMMON_PATH.write_text(json.dumps(vocab, separators=(",", ":")) + "\n")
        common_words.cache_clear()
        typer.echo(f"{len(vocab['words'])} common news words (in >= {vocab['min_df']} of {vocab['documents']} articles) -> {COMMON_PATH}")
        params = train_machine_model(data, seed=seed)
        path = out or MODEL_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(params, indent=1) + "\n")
        typer.echo(f"machine-written model ({params['data']}) -> {path}")


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
        from factdesk.analyse.evaluate import shared_data
        from factdesk.analyse.language import TechniqueDetector, load_ptc

        embedder = None
        if classifier:
            from factdesk.embed import MiniLMEmbedder

            embedder = MiniLMEmbedder()
        det = TechniqueDetector.load(lexicon, embedder=embedder)
        if data is not None:
            arts = load_ptc(data)
            which = f"every article in {data}"
        else:
            arts = load_ptc(shared_data() / PTC_DIR)
            dev_ids = set(det.lexicon.get("dev_article_ids", []))
            arts = [a for a in arts if a["article_id"] in dev_ids]
            which = f"{len(arts)} held-out PTC training articles (split by id, seed {det.lexicon.get('seed')})"
        from factdesk.analyse.language import score_articles

        result = score_articles(det, arts)
        result["evaluated_on"] = which
        result["detector"] = "lexicon + sentence classifier" if det.classifier is not None else "lexicon only"
        typer.echo(f"propaganda techniques on {which} ({result['detector']})")
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
        from factdesk.analyse.comments import CommentAnalyser, CommentSettings
        from factdesk.analyse.evaluate import (eval_comment_set, eval_machine_written, eval_youtube_spam,
                                               load_tweepfake, near_duplicate_threshold_curve)
        from factdesk.claims.nlp import load_nlp

        analyser = CommentAnalyser()
        nlp = load_nlp()
        result: dict = {"labelled_set": eval_comment_set(analyser, nlp, data)}
        for split in ("dev", "test"):
            _table(f"comment flags, labelled set, {split} articles", result["labelled_set"][split])
        wrong = result["labelled_set"]["specific_comments_flagged_generic"]
        typer.echo(f"specific comments wrongly flagged generic: {len(wrong)}")
        for w in wrong:
            typer.echo(f"  {w}")
        curve = near_duplicate_threshold_curve(data)
        result["near_duplicate_threshold"] = curve
        best = max(curve["curve"], key=lambda r: (r["f1"], -abs(r["threshold"] - CommentSettings().near_duplicate_jaccard)))
        typer.echo(f"near-duplicate Jaccard threshold: best F1 {best['f1']:.3f} at {best['threshold']:.2f} "
                   f"(in use: {CommentSettings().near_duplicate_jaccard}); labelled pairs min {curve['min_positive_jaccard']}, "
                   f"other pairs max {curve['max_negative_jaccard']}")
        if public:
            tw = eval_machine_written(analyser.machine, CommentSettings().machine_written_at, load_tweepfake("validation"))
            result["tweepfake_validation"] = tw
            typer.echo(f"machine_written on TweepFake validation ({tw['n']} tweets): AUC {tw['auc']:.3f}")
            _table("machine_written vs bot (TweepFake validation)", {"machine_written": tw["at_threshold"]})
            yt = eval_youtube_spam(analyser)
            result["youtube_spam"] = yt
            _table(f"flags vs spam label (YouTube spam, {yt['comments']} comments)", yt["per_flag_vs_spam"])
        _write(result, json_out)
