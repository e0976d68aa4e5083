"""A warm check of the 700-word seed against a store of a million passages that holds its evidence.

    nice -n 10 .venv/bin/python -m bench.big_store_check [--filler 1000000] [--repeats 3]

The store (SQLite, built once under ``$FACTDESK_BENCH_DIR``, default ``/tmp/factdesk-bench``, and reused):

- ``--filler`` passages of real text (``bench/store_corpus.py``: sentences of the public sets in
  ``../shared/data``, ten to a document; larger sizes repeat the pool). Their vectors are those of
  ``bench/store_latency.py``: the first 10,000 sentences embedded with MiniLM, the others a real vector
  plus seeded noise, so a million passages are written in minutes instead of the eight hours real
  embedding would take on two cores;
- the evidence a real check of these articles needs, embedded with MiniLM as ``factdesk store add``
  does: ``bench/data/seed_evidence.jsonl`` (encyclopedia-style passages on the seed's subjects:
  CECOT, Bukele, Clinton, Tren de Aragua, the deportations) and every dev article case's
  ``evidence.jsonl``.

Then one process checks, with local sources and the default pipeline (``bench.e2e.warm_runs``): a
warm-up article, the seed ``--repeats`` times and four case articles, each timed whole and per stage
(``Report.timings``).
The same articles are checked against a small store of the evidence alone, in the same run, so the
cost of the million passages shows. Results: ``bench/results/big_store_check.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from bench.e2e import _env, _git_commit, warm_runs

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
CASES = ROOT / "tests" / "data" / "cases" / "dev"
SEED_EVIDENCE = ROOT / "bench" / "data" / "seed_evidence.jsonl"
RESULTS = ROOT / "bench" / "results" / "big_store_check.json"
WORK = Path(os.environ.get("FACTDESK_BENCH_DIR", "/tmp/factdesk-bench"))


def _progress(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def build_filler(db: Path, n: int) -> dict:
    """``n`` filler passages with bank vectors (resumes an interrupted build: documents are keyed)."""
    from bench.store_corpus import documents, sentence_pool
    from bench.store_latency import BANK, BankEmbedder
    from factdesk.embed import MiniLMEmbedder
    from factdesk.evidence.store import open_store

    pool = sentence_pool()
    bank_path = WORK / f"bank{BANK}.npy"
    if bank_path.is_file():
        bank = np.load(bank_path)
    else:
        _progress(f"embedding a bank of {BANK} sentences…")
        bank = MiniLMEmbedder().encode(pool[:BANK], batch_size=128)
        np.save(bank_path, bank)
    store = open_store(str(db), embedder=BankEmbedder(dict(zip(pool[:BANK], bank)), bank))
    start = time.perf_counter()
    have = store.stats()["passages"]
    if have < n:
        _progress(f"writing {n:,} filler passages ({have:,} there)…")
        store.add_documents(documents(pool, n), batch_size=500)
    stats = store.stats()
    store.close()
    return {"filler_passages": n, "unique_sentences_in_pool": len(pool), "build_s": round(time.perf_counter() - start, 1),
            "passages_after_filler": stats["passages"]}


def add_evidence(db: Path) -> dict:
    files = [str(SEED_EVIDENCE), *sorted(str(p) for p in CASES.glob("*/evidence.jsonl"))]
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "factdesk", "store", "add", *files, "--db", str(db), "-q"],
                          env=_env(str(db)), capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"could not add the evidence: {proc.stderr.strip()}")
    stats = json.loads(subprocess.run([sys.executable, "-m", "factdesk", "store", "stats", "--db", str(db), "--json"],
                                      env=_env(str(db)), capture_output=True, text=True, timeout=600).stdout)
    return {"evidence_files": len(files), "add_s": round(time.perf_counter() - start, 1),
            "documents": stats["documents"], "passages": stats["passages"],
            "db_mb": round(stats.get("size_bytes", 0) / 1e6, 1)}


def _seed_summary(result: dict) -> dict:
    runs = [r for r in result["runs"] if "error" not in r]
    seed = [r for r in runs if r["article"]["file"].endswith("seed/article.txt")]
    cases = [r for r in runs if r not in seed]
    stages: dict[str, list[float]] = {}
    for r in seed:
        for k, v in r["timings"].items():
            stages.setdefault(k, []).append(v)
    return {"seed_wall_s_median": round(statistics.median(r["wall_s"] for r in seed), 3),
            "seed_stage_s_median": {k: round(statistics.median(v), 4) for k, v in stages.items()},
            "seed_verdicts": seed[-1]["verdicts"] if seed else {},
            "cases_wall_s_median": round(statistics.median(r["wall_s"] for r in cases), 3) if cases else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--filler", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--build-only", action="store_true", help="build (or finish building) the big store, then stop")
    args = ap.parse_args(argv)
    if not SEED.is_file():
        print(f"error: the seed article is missing: {SEED}", file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    load0 = os.getloadavg()
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    big = WORK / f"big_check_{args.filler}.db"
    ready = big.with_suffix(".ready")
    build = {"reused": True}
    if not ready.is_file():
        build = build_filler(big, args.filler)
        build.update(add_evidence(big))
        ready.write_text(json.dumps(build))
    else:
        build = {"reused": True, **json.loads(ready.read_text())}
    if args.build_only:
        print(json.dumps(build, indent=1))
        return 0
    cases = sorted(CASES.glob("*/article.txt"))
    articles = [SEED] * args.repeats + cases[1:5]
    _progress("warm checks against the big store…")
    big_run = warm_runs(articles, cases[0], str(big))
    with tempfile.TemporaryDirectory(prefix="factdesk-big-") as tmp:
        small = Path(tmp) / "small.db"
        small_build = add_evidence(small)
        _progress("the same against the evidence alone…")
        small_run = warm_runs(articles, cases[0], str(small))
    result = {
        "benchmark": "big_store_check", "started": started, "commit": _git_commit(),
        "what": "factdesk check, warm, local sources: the 700-word seed and 4 dev case articles",
        "target": {"seed_warm_s": 3.0, "store_passages_at_least": 1_000_000},
        "big_store": build, "small_store": small_build,
        "big": {**_seed_summary(big_run), **big_run}, "small": {**_seed_summary(small_run), **small_run},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "loadavg_start": [round(x, 2) for x in load0], "loadavg_end": [round(x, 2) for x in os.getloadavg()]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: result[k] for k in ("big_store", "small_store")}, indent=1))
    print(json.dumps({"big": _seed_summary(big_run), "small": _seed_summary(small_run)}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
