"""``factdesk eval …``: score each model and stage on the public dev sets (or any folder laid out like one).

    factdesk eval checkworthy | decontext | claims | retrieval | stance | verdicts | propaganda | comments | ingest

The evaluators live in :mod:`factdesk.lab` (and, for the analysis models, in ``factdesk.analyse``);
each command imports its evaluator when it runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from factdesk.commands.common import say, training_embedder
from factdesk.commands.store import QuietOption, import_documents
from factdesk.errors import InputError
from factdesk.outputs import preflight, write_output

__all__ = ["app"]

app = typer.Typer(help="Evaluate factdesk on labelled data.", no_args_is_help=True)


def _write(result: dict, json_out, **dump) -> None:
    if json_out:
        write_output(json_out, json.dumps(result, indent=2, **dump) + "\n")


def _preflight(path: Optional[Path]):
    """An unwritable --json / -o fails before the evaluation, not after it (a pipe is held open)."""
    return preflight(path) if path is not None else None


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


# -- check-worthiness and decontextualisation (claims) -------------------------------------------
@app.command("checkworthy")
def eval_checkworthy(
    data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder laid out like ../shared/data/<name>; every example in it is scored. Repeatable.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
    model_dir: Annotated[Optional[Path], typer.Option("--model", help="Model directory (default: the packaged one).")] = None,
) -> None:
    """Check-worthiness precision / recall / F1 on the dev splits (or on --data folders)."""
    json_out = _preflight(json_out)
    from factdesk.claims.checkworthy import CheckworthyModel
    from factdesk.lab.checkworthy.train import evaluate

    for folder in data or []:
        if not folder.is_dir():
            raise InputError(f"--data: not a folder: {folder}")
    model = CheckworthyModel.load(model_dir)
    results = evaluate(model, training_embedder(), list(data) if data else None)
    for name, r in results.items():
        typer.echo(f"{name:45s} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} (n={r['n']}, threshold {r['threshold']:.2f})")
    _write(results, json_out)

@app.command("decontext")
def eval_decontext(
    data: Annotated[Optional[Path], typer.Option("--data", help="A decontextualisation set (JSONL); default: the project's own.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print every item that does not match.")] = False,
) -> None:
    """Exact-match and entity-resolution accuracy of decontextualisation on a labelled set."""
    json_out = _preflight(json_out)
    from factdesk.lab.eval.decontext import default_set, evaluate_decontext, load_set
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
    _write(result, json_out)


@app.command("claims")
def eval_claims(
    data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder of claims evaluation articles (*.json); repeatable. Default: the project's dev folder (name the holdout folder to score it).")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here (one object per folder).")] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the sentences that missed (unchecked, wrongly checked, atoms, references).")] = False,
    cases: Annotated[Optional[list[Path]], typer.Option("--cases", help="A folder of end-to-end article cases (sub-folders with article.txt and expected.json): score their needles' claims; repeatable. With --cases and no --data only the cases are scored.")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
) -> None:
    """Verifiable-statement recall and precision, atoms per sentence, atom wording, unresolved
    references and dropped dates/places of the claim stage, per folder of articles; with
    ``--cases``, the claims part of the article cases (needles held by checked claims, not-checkable
    sentences left unchecked)."""
    json_out = _preflight(json_out)
    from factdesk.config import load_config
    from factdesk.claims.verifiability_model import VerifiabilityModel
    from factdesk.lab.eval.claims import default_dirs, evaluate_cases, evaluate_claims, evaluate_model, load_articles
    from factdesk.lab.eval.claims import load_cases as load_article_cases
    from factdesk.runtime import Runtime

    folders = list(data) if data else ([] if cases else default_dirs())
    sets = {folder.name: load_articles(folder) for folder in folders}  # bad input fails before models load
    case_sets = {folder.name: load_article_cases(folder) for folder in cases or []}
    results = {}
    case_results = {}
    with Runtime(load_config(config)) as runtime:
        model = VerifiabilityModel.load()
        for name, articles in sets.items():
            results[name] = evaluate_claims(articles, runtime.claim_extractor.extract, show=show)
            results[name]["verifiability_model_alone"] = evaluate_model(articles, model, runtime.embedder)
        for name, found in case_sets.items():
            case_results[name] = evaluate_cases(found, runtime.claim_extractor.extract)
    for name, r in case_results.items():
        n, nc = r["needles"], r["not_checkable"]
        typer.echo(f"cases {name}: {r['cases']} articles")
        typer.echo(f"  needles held by a checked claim  {n['held_rate']:.3f} ({n['held']}/{n['total']};"
                   f" {n['sentence_only']} more checked but reworded)")
        typer.echo(f"  not-checkable left unchecked     {nc['kept_out_rate']:.3f} ({nc['kept_out']}/{nc['total']})")
        if show:
            for miss in r["misses"]:
                typer.echo(f"  - [{miss['kind']}] {miss['case']}: {miss['needle']}")
                for line in miss["got"]:
                    typer.echo(f"      got:      {line}")
        if not show:
            r.pop("misses")
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
        typer.echo(f"  unresolved references   {refs['unresolved_rate']:.3f} ({refs['unresolved']}/{refs['total']});"
                   f" of those the article names in those words before: {refs['stated_unresolved_rate']:.3f}"
                   f" ({refs['stated_unresolved']}/{refs['stated']}); mention gone, antecedent not there:"
                   f" {refs['rewritten_wrongly']}")
        typer.echo(f"  dropped dates/places    {keep['dropped_rate']:.3f} ({keep['dropped']}/{keep['total']})")
        for miss in r.get("misses", []):
            typer.echo(f"  - [{miss['kind']}] {miss['article']}: {miss['sentence']}")
            for line in miss.get("expected", []):
                typer.echo(f"      expected: {line}")
            for line in miss.get("got", []):
                typer.echo(f"      got:      {line}")
    _write({**results, **{f"cases:{k}": v for k, v in case_results.items()}}, json_out, ensure_ascii=False)


# -- retrieval (evidence) -----------------------------------------------------------------------
@app.command("retrieval")
def retrieval(
    set_name: Annotated[str, typer.Option("--set", help="climate-fever | scifact")] = "climate-fever",
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Evaluate on the first N claims.")] = None,
    db: Annotated[Optional[str], typer.Option("--db", help="Store to build (default: a temporary file).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the JSON result here.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Recall@5/@20 of gold evidence: hybrid against BM25 alone and dense alone."""
    output = _preflight(output)
    import tempfile

    from factdesk.embed import MiniLMEmbedder
    from factdesk.evidence.retrieve import Retriever
    from factdesk.evidence.store import open_store
    from factdesk.lab.eval.retrieval import load_eval_set, recall_at

    data = load_eval_set(set_name, limit=limit)
    embedder = MiniLMEmbedder()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db or str(Path(tmp) / "eval.db"), embedder=embedder)
        try:
            import_documents(store, data.documents, len(data.documents), 256, quiet, f"{set_name} sentences")
            result = {
                "set": set_name,
                "claims": len(data.claims),
                "passages": store.stats()["passages"],
                "recall": recall_at(Retriever(store, embedder), data.claims),
            }
        finally:
            store.close()
    text = json.dumps(result, indent=2)
    if output:
        write_output(output, text + "\n")
    typer.echo(text)


# -- stance (verify) ----------------------------------------------------------------------------
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
    json_out = _preflight(json_out)
    from factdesk.lab.stance.data import detect
    from factdesk.lab.stance.evaluate import evaluate_stance, format_table
    from factdesk.verify.head import OnnxStanceModel

    if design not in {"cascade", "head", "cross"}:
        raise InputError(f"--design must be cascade, head or cross, not {design!r}")
    for folder in data or []:
        if not folder.is_dir():
            raise InputError(f"--data: not a folder: {folder}")
        detect(folder)  # fail fast, before any model loads
    embedder = training_embedder()
    model = OnnxStanceModel.load(embedder, model_dir) if design != "cross" else None
    cross = None
    if design != "head":
        from factdesk.verify.crossenc import CrossEncoderStance

        cross = CrossEncoderStance.load(cross_dir)
    weight = float(cross.meta.get("blend_weight", 1.0)) if cross is not None else 0.0
    results = evaluate_stance(model, embedder, list(data) if data else None, progress=say,
                              max_per_set=max_per_set, cross=cross, weight=weight)
    results["_design"] = {"design": design, "blend_weight": weight}
    typer.echo(format_table(results))
    _write(results, json_out)


# -- propaganda and comments (analyse) -----------------------------------------------------------
@app.command("propaganda")
def eval_propaganda(
    data: Annotated[Optional[Path], typer.Option("--data", help="A PTC-shaped folder: every article in it is scored.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Write the scores as JSON.")] = None,
    tagger: Annotated[bool, typer.Option("--tagger/--lexicon", help="The span tagger (default) or the fallback lexicon.")] = True,
) -> None:
    """Span-level (SemEval-2020 SI) and technique-level P/R/F1 of the detector as shipped, for every
    span found and for the spans shown to readers, on the development PTC articles (or --data)."""
    json_out = _preflight(json_out)
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
    json_out = _preflight(json_out)
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


# -- ingest ----------------------------------------------------------------------------------------
@app.command("ingest")
def eval_ingest(
    data: Annotated[list[Path], typer.Option("--data", help="A folder with cases.jsonl and html/ (repeatable).")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here.")] = None,
) -> None:
    """HTML ingest against trafilatura alone: body, boilerplate, comments, title, failures."""
    json_out = _preflight(json_out)
    from factdesk.lab.eval.ingest import evaluate, format_table

    for folder in data:
        if not folder.is_dir():
            raise InputError(f"--data: not a folder: {folder}")
    result = evaluate(data)
    typer.echo(format_table(result), nl=False)
    if json_out:
        write_output(json_out, json.dumps(result, indent=1, ensure_ascii=False) + "\n")


# -- verdicts (claim level, end to end) -------------------------------------------------------------
@app.command("verdicts")
def eval_verdicts(
    data: Annotated[Optional[list[Path]], typer.Option("--data", help="A folder laid out like ../shared/data/scifact, climate-fever or averitec, or a folder of article cases; every claim in it is scored. Repeatable. Default: the shared sets' dev claims.")] = None,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write the results as JSON here (one object per set).")] = None,
    cache: Annotated[Optional[Path], typer.Option("--cache", help="Folder for the per-set evidence stores (built once, reused).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")] = None,
) -> None:
    """Claim-level verdicts end to end: a fresh store per set from its own evidence, every claim verified
    as `factdesk verify` does; accuracy, macro-F1, precision/recall per label, confusion, coverage."""
    json_out = _preflight(json_out)
    import platformdirs

    from factdesk.config import load_config
    from factdesk.lab.eval.verdicts import evaluate_verdicts, format_table

    cfg = load_config(config)
    cache_dir = cache or Path(platformdirs.user_cache_dir("factdesk")) / "eval-stores"
    results = evaluate_verdicts(list(data) if data else None, cfg, cache_dir, progress=say)
    typer.echo(format_table(results))
    _write(results, json_out)
