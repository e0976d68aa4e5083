"""Import throughput (passages/s, embedding included) and peak memory of `add_documents`.

    nice -n 10 python -m bench.store_import --passages 3000 [--db postgresql://...]

Real sentences (store_corpus.py), the real MiniLM embedder, documents of 10 sentences, batches of
256 documents. Also measures the store's write path alone (vectors precomputed) to show where the
time goes. The machine's load average is recorded: the 2 cores are shared while measuring.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

from bench.store_corpus import documents, sentence_pool
from factdesk.evidence.store import open_store
from factdesk.evidence.store.base import embed_text
from factdesk.evidence.store.split import split_document

RESULTS = Path(__file__).resolve().parent / "results"


class Precomputed:
    name, dim = "all-MiniLM-L6-v2", 384

    def __init__(self, table):
        self.table = table

    def encode(self, texts, *, batch_size=64):
        return np.stack([self.table[t] for t in texts])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--passages", type=int, default=3000)
    ap.add_argument("--offset", type=int, default=60_000, help="where in the sentence pool to start")
    ap.add_argument("--db", default=None, help="store URL (default: a temporary SQLite file)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    from factdesk.embed import MiniLMEmbedder

    pool = sentence_pool()
    pool = pool[args.offset:] + pool[: args.offset]
    docs = list(documents(pool, args.passages))
    proc = psutil.Process()
    embedder = MiniLMEmbedder()
    embedder.encode(["warm up"])
    rss_before = proc.memory_info().rss
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "import.db")
        store = open_store(db, embedder=embedder)
        load0 = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), time.process_time()
        store.add_documents(docs, batch_size=256)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        n = store.stats()["passages"]
        backend = store.stats()["backend"]
        store.close()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        # the write path alone: same documents, vectors already computed
        texts = [embed_text(p) for d in docs for p in split_document(d)]
        t1 = time.perf_counter()
        vecs = embedder.encode(texts)
        embed_only = time.perf_counter() - t1
        table = dict(zip(texts, vecs))
        if args.db is None:
            store2 = open_store(str(Path(tmp) / "write-only.db"), embedder=Precomputed(table))
        else:
            store2 = None
        write_only = None
        if store2 is not None:
            t2 = time.perf_counter()
            store2.add_documents(docs, batch_size=256)
            write_only = time.perf_counter() - t2
            store2.close()
    out = {
        "bench": "store_import",
        "backend": backend,
        "passages": n,
        "documents": len(docs),
        "wall_s": round(wall, 2),
        "passages_per_s_with_embedding": round(n / wall, 1),
        "cpu_s": round(cpu, 2),
        "passages_per_cpu_s_with_embedding": round(n / cpu, 1),
        "note_cpu": ("CPU seconds of this process over all its threads; on 2 idle cores with torch using both, "
                     "wall time is about cpu_s / 2 for the embedding part"),
        "embedding_only_passages_per_s": round(len(texts) / embed_only, 1),
        "store_write_only_passages_per_s": round(n / write_only, 1) if write_only else None,
        "peak_rss_mb": round(peak, 1),
        "rss_before_import_mb": round(rss_before / 2**20, 1),
        "torch_threads": args.threads,
        "load_avg_at_start": load0,
        "load_avg_at_end": os.getloadavg()[0],
        "machine": f"{os.cpu_count()} CPU cores shared with other jobs (load average above); run under nice",
    }
    RESULTS.mkdir(exist_ok=True)
    name = "store_import.json" if backend == "sqlite" else f"store_import_{backend}.json"
    (RESULTS / name).write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
