"""Benchmark of the claims stage: model load times (cold) and time per 1,000 words (warm).

* **load**: in this fresh process, the time to load the spaCy pipeline, the MiniLM embedder and the
  check-worthiness artefact, and the first ``extract`` call (which also warms caches).
* **warm**: ``ClaimExtractor.extract`` on the seed article and on the claims test articles, repeated;
  the median wall time per article is divided by its word count (ms per 1,000 words), with a
  breakdown into sentence splitting, parsing + decontextualisation, and embedding + scoring.

Results go to ``bench/results/claims.json``. The load average is recorded: on a shared machine the
timings say as much about the neighbours as about factdesk.

    .venv/bin/python bench/claims_bench.py [--repeat 5] [--threads 1] [--out FILE]

Target (issue 4): ≤ 300 ms per 1,000 words warm on the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
RESULTS = ROOT / "bench" / "results" / "claims.json"


class _Runtime:
    def __init__(self, nlp, embedder) -> None:
        self.nlp, self.embedder, self.config = nlp, embedder, None


def _seed_article():
    from factdesk.models import Article

    lines = SEED.read_text(encoding="utf-8").split("\n")
    end = lines.index("Fact Checker")
    return Article(title=lines[1].strip(), paragraphs=[l.strip() for l in lines[2:end] if l.strip()])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (1 is faster on a busy shared machine)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    load_start = os.getloadavg()[0]
    import torch

    torch.set_num_threads(args.threads)

    t0 = time.perf_counter()
    from factdesk.claims.nlp import load_nlp

    nlp = load_nlp()
    t_nlp = time.perf_counter() - t0
    t0 = time.perf_counter()
    from factdesk.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    t_emb = time.perf_counter() - t0
    t0 = time.perf_counter()
    from factdesk.claims import ClaimExtractor
    from factdesk.claims.checkworthy import CheckworthyModel

    model = CheckworthyModel.load()
    t_cw = time.perf_counter() - t0
    extractor = ClaimExtractor(_Runtime(nlp, embedder))
    extractor._model = model

    from tests.claims.conftest import load_article

    articles = {"seed": _seed_article()}
    for name in ("rail_strike.json", "vaccine_study.json", "stadium.json"):
        articles[name.removesuffix(".json")] = load_article(name)
    t0 = time.perf_counter()
    extractor.extract(articles["seed"])
    t_first = time.perf_counter() - t0

    from factdesk.claims.decontext import Decontextualizer
    from factdesk.claims.sentences import split_sentences

    per_article = {}
    for name, art in articles.items():
        runs, split_t, parse_t, score_t = [], [], [], []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            claims, _ = extractor.extract(art)
            runs.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            sents, _ = split_sentences(art.paragraphs)
            split_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            an = Decontextualizer(nlp).run(art.title, [s.text for s in sents], None)
            parse_t.append(time.perf_counter() - t0)
            texts = [t for a in an for t in a.texts]
            t0 = time.perf_counter()
            model.score(texts, embedder)
            score_t.append(time.perf_counter() - t0)
        words = art.word_count
        med = statistics.median(runs)
        per_article[name] = {
            "words": words, "sentences": len(sents), "claims": len(claims),
            "median_s": round(med, 4), "ms_per_1000_words": round(1000 * med / words * 1000, 1),
            "breakdown_median_s": {"split": round(statistics.median(split_t), 4),
                                   "parse_decontext": round(statistics.median(parse_t), 4),
                                   "embed_score": round(statistics.median(score_t), 4)},
        }
    total_words = sum(a["words"] for a in per_article.values())
    total_s = sum(a["median_s"] for a in per_article.values())
    result = {
        "benchmark": "claims stage (issue 4)",
        "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "torch_threads": torch.get_num_threads(),
                    "loadavg_start": round(load_start, 2), "loadavg_end": round(os.getloadavg()[0], 2)},
        "load_s": {"spacy": round(t_nlp, 3), "minilm": round(t_emb, 3), "checkworthy": round(t_cw, 4),
                   "first_extract": round(t_first, 3)},
        "warm": {"repeat": args.repeat, "articles": per_article,
                 "ms_per_1000_words_overall": round(1000 * total_s / total_words * 1000, 1)},
        "target_ms_per_1000_words": 300,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
