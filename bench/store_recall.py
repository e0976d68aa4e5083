"""Retrieval quality: recall@5 / @20 of gold evidence sentences, hybrid vs BM25 alone vs dense alone.

    nice -n 10 python -m bench.store_recall --sets climate-fever scifact

Uses the same code as `factdesk eval retrieval` (factdesk.lab.eval.retrieval): every evidence
sentence of the set is one store passage (CLIMATE-FEVER: 4,400 Wikipedia sentences, the claims'
NOT_ENOUGH_INFO sentences act as hard distractors; SciFact: the abstract sentences of its corpus,
optionally capped with --scifact-abstracts). A claim is a hit at k when a gold (SUPPORTS/REFUTES, or rationale) sentence is in the top k.

--bm25-budget-share S sets the BM25 postings budget to S x the store's passages (default budget:
20,000 postings, never reached on these small sets), emulating on labelled data how hard query-term
pruning bites on a large store (0.02 = the default budget at 1M passages); results then go to
store_recall_pruned.json.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from factdesk.lab.eval.retrieval import load_eval_set, recall_at
from factdesk.evidence.retrieve import Retriever
from factdesk.evidence.store import open_store

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="+", default=["climate-fever", "scifact"])
    ap.add_argument("--db-dir", default=None, help="keep the built stores here (resumable)")
    ap.add_argument("--scifact-abstracts", type=int, default=None,
                    help="cap SciFact's corpus (cited abstracts + the first others); default: all 5,183")
    ap.add_argument("--bm25-budget-share", type=float, default=None,
                    help="BM25 postings budget as a share of the store's passages (emulates pruning at scale)")
    args = ap.parse_args()
    import torch

    torch.set_num_threads(2)
    from factdesk.embed import MiniLMEmbedder

    embedder = MiniLMEmbedder()
    out = {"bench": "store_recall", "embedder": embedder.name,
           "embedder_precision": getattr(embedder, "precision", "fp32"), "sets": {}}
    folder = Path(args.db_dir or tempfile.mkdtemp(prefix="factdesk-recall-"))
    folder.mkdir(parents=True, exist_ok=True)
    for name in args.sets:
        data = load_eval_set(name, max_abstracts=args.scifact_abstracts)
        store = open_store(str(folder / f"{name}.db"), embedder=embedder)
        t0 = time.perf_counter()
        store.add_documents(data.documents, batch_size=256)
        build = time.perf_counter() - t0
        budget = None
        if args.bm25_budget_share is not None:
            budget = max(1, round(args.bm25_budget_share * store.stats()["passages"]))
            store.bm25_postings_budget = budget
        res = recall_at(Retriever(store, embedder), data.claims)
        out["sets"][name] = {
            "claims_with_gold": len(data.claims),
            "passages": store.stats()["passages"],
            "scifact_abstracts_cap": args.scifact_abstracts if name == "scifact" else None,
            "build_s": round(build, 1),
            "bm25_postings_budget": budget if budget is not None else getattr(store, "bm25_postings_budget", None),
            "recall": res,
        }
        store.close()
        print(json.dumps(out["sets"][name]), flush=True)
    out["definition"] = ("hit@k: share of claims with >=1 gold sentence in the top k; share@k: mean share of a "
                         "claim's gold sentences in the top k. ms_per_query includes query embedding.")
    out["load_avg_at_end"] = os.getloadavg()
    RESULTS.mkdir(exist_ok=True)
    out["bm25_budget_share"] = args.bm25_budget_share
    name = "store_recall.json" if args.bm25_budget_share is None else "store_recall_pruned.json"
    (RESULTS / name).write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
