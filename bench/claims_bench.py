"""Benchmark of the claims stage: model load times (cold) and time per 1,000 words (warm).

* **load**: in this fresh process, the time to load the spaCy pipeline, the MiniLM embedder and the
  check-worthiness artefact, and the first ``extract`` call (which also warms caches).
* **warm**: ``ClaimExtractor.extract`` on the seed article and on the claims test articles, repeated;
  the median wall time per article is divided by its word count (ms per 1,000 words). The
  breakdown is the stage laps of that median run (``ClaimExtractor.run(article).timings``): split,
  parse_decontext (spaCy + decontextualisation), atoms (typing split clauses), embed_wait (the
  check-worthiness embeddings, or what is left of them when a worker thread embedded meanwhile),
  score_build; they add up to the run's wall time. ``embedder_busy_s`` is the embedder's own time
  (summed over threads); ``runs_with_worker_thread`` says how often ``--overlap auto`` used one.

Results go to ``bench/results/claims.json``. The load average (1, 5, 15 min) is recorded at the
start and the end: on a shared machine the timings say as much about the neighbours as about
factdesk.

    .venv/bin/python -m bench.claims_bench [--repeat 7] [--overlap auto|on|off] [--background-ner on|off] [--out FILE]

``--background-ner on`` runs spaCy's NER on the worker thread, queued before the embeddings (the
default keeps it on the calling thread; the claims are the same either way).

Targets: ≤ 300 ms per 1,000 words warm on the 2-core machine (issue 4); a 700-word article's claims
stage ≤ 400 ms warm (issue 18: ``ms_for_700_words``, at the measured rate). ``--one-fact off`` runs
the stage without the one-fact split and the thing references, to price them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
RESULTS = ROOT / "bench" / "results" / "claims.json"


def _seed_article():
    from factdesk.models import Article

    lines = SEED.read_text(encoding="utf-8").split("\n")
    end = lines.index("Fact Checker")
    return Article(title=lines[1].strip(), paragraphs=[l.strip() for l in lines[2:end] if l.strip()])


def _median_run(runs: list[tuple[float, dict[str, float]]]) -> tuple[float, dict[str, float]]:
    """The run with the median wall time, with its own stage breakdown (so the parts add up)."""
    ordered = sorted(runs, key=lambda r: r[0])
    return ordered[(len(ordered) - 1) // 2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--overlap", choices=["auto", "on", "off"], default="auto",
                    help="embed on a worker thread while spaCy parses: auto (when a core looks free), on, off")
    ap.add_argument("--background-ner", choices=["on", "off"], default="off",
                    help="with the worker thread, run spaCy's NER there during the parse (default off)")
    ap.add_argument("--one-fact", choices=["on", "off"], default="on",
                    help="off: whole-sentence claims without the thing references (to price atoms + references)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    load_start = os.getloadavg()

    t0 = time.perf_counter()
    from factdesk.claims.nlp import load_nlp

    nlp = load_nlp()
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    from factdesk.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()  # no CachingEmbedder: repeated runs must embed again
    t_emb = time.perf_counter() - t0
    t0 = time.perf_counter()
    from factdesk.claims import ClaimExtractor
    from factdesk.claims.checkworthy import CheckworthyModel

    model = CheckworthyModel.load()
    t_cw = time.perf_counter() - t0
    options = {"background_ner": args.background_ner == "on"}
    if args.one_fact == "off":
        options["one_fact"] = False
    extractor = ClaimExtractor(nlp, embedder, model, overlap={"auto": None, "on": True, "off": False}[args.overlap],
                               **options)

    from tests.claims.conftest import load_article

    articles = {"seed": _seed_article()}
    for name in ("rail_strike.json", "vaccine_study.json", "stadium.json"):
        articles[name.removesuffix(".json")] = load_article(name)
    t0 = time.perf_counter()
    extractor.extract(articles["seed"])
    t_first = time.perf_counter() - t0

    per_article = {}
    for name, art in articles.items():
        runs, overlapped = [], 0
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = extractor.run(art)
            runs.append((time.perf_counter() - t0, dict(result.timings)))
            overlapped += result.overlapped
            claims = result.claims
        med, stages = _median_run(runs)
        words = art.word_count
        busy = stages.pop("embed_busy")
        per_article[name] = {
            "words": words, "claims": len(claims),
            "median_s": round(med, 4), "ms_per_1000_words": round(1000 * med / words * 1000, 1),
            "stages_of_median_run_s": {k: round(v, 4) for k, v in stages.items()},
            "unaccounted_s": round(med - sum(stages.values()), 4),
            "embedder_busy_s": round(busy, 4),
            "runs_with_worker_thread": f"{overlapped}/{args.repeat}",
        }
    total_words = sum(a["words"] for a in per_article.values())
    total_s = sum(a["median_s"] for a in per_article.values())
    load_end = os.getloadavg()
    result = {
        "benchmark": "claims stage (issue 4)",
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start_1_5_15": [round(x, 2) for x in load_start],
                    "loadavg_end_1_5_15": [round(x, 2) for x in load_end]},
        "embedder": {"name": embedder.name, "precision": getattr(embedder, "precision", "fp32")},
        "overlap": args.overlap,
        "background_ner": args.background_ner,
        "load_s": {"spacy": round(t_nlp, 3), "minilm": round(t_emb, 3), "checkworthy": round(t_cw, 4),
                   "first_extract": round(t_first, 3)},
        "one_fact": args.one_fact,
        "warm": {"repeat": args.repeat, "articles": per_article,
                 "ms_per_1000_words_overall": round(1000 * total_s / total_words * 1000, 1),
                 "ms_for_700_words": round(700 * total_s / total_words * 1000, 1)},
        "target_ms_per_1000_words": 300,
        "target_ms_for_700_words": 400,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
