"""Verification speed, model size and load time; writes bench/results/verify.json.

    .venv/bin/python bench/verify_bench.py [--claims 30] [--passages 20]

Claims and passages are built from the FEVER-symmetric and Climate-FEVER dev pairs (real sentences).
"Warm" = after one untimed call, so models are loaded; time includes embedding the claim and its
passages with MiniLM, the stance head, every alignment check, aggregation and rationale.
The machine is shared: the load average at the start and end is recorded next to the timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "2")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=30)
    ap.add_argument("--passages", type=int, default=20)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "verify.json")
    args = ap.parse_args()

    import torch

    torch.set_num_threads(2)
    from factdesk.embed import MiniLMEmbedder
    from factdesk.models import Claim, Passage, ScoredPassage
    from factdesk.verify import Verifier
    from factdesk.verify.data import load_dataset
    from factdesk.verify.nli import OnnxStanceModel, default_model_dir

    load_before = os.getloadavg()
    t = time.perf_counter()
    embedder = MiniLMEmbedder()
    embedder_load = time.perf_counter() - t
    t = time.perf_counter()
    model = OnnxStanceModel.load(embedder)
    model_load = time.perf_counter() - t

    class RT:
        pass

    rt = RT()
    rt.embedder = embedder
    verifier = Verifier(rt, model=model)

    claims_src = [p for p in load_dataset("fever-symmetric") if p.split == "dev"]
    pool = [p.evidence for p in load_dataset("climate-fever")]
    claims, cands = [], {}
    for i, p in enumerate(claims_src[: args.claims]):
        c = Claim(id=f"b{i}", text=p.claim, sentence=p.claim, span=(0, len(p.claim)), paragraph=0,
                  checkworthiness=0.9, checked=True)
        texts = [p.evidence] + pool[i * args.passages: i * args.passages + args.passages - 1]
        cands[c.id] = [ScoredPassage(passage=Passage(id=f"p{i}-{j}", doc_id=f"d{i}", text=tx, source="wikipedia",
                                                     url=f"https://en.example.org/{i}/{j}"), score=1 / (60 + j))
                       for j, tx in enumerate(texts)]
        claims.append(c)

    warm = Verifier(rt, model=model)
    warm.verify_many(claims[:1], cands, {})  # warm-up (loads, first-call costs); timed runs use a fresh cache
    verifier.verify_many([claims[-1]], {claims[-1].id: cands[claims[-1].id][:1]}, {})
    per_claim = []
    for c in claims:
        t = time.perf_counter()
        verifier.verify_many([c], cands, {})
        per_claim.append(time.perf_counter() - t)
    # the same claims again: passage/claim embeddings now come from the verifier's cache, so this is
    # the cost of everything except MiniLM (stance head, checks, aggregation, rationale)
    cached = []
    for c in claims:
        t = time.perf_counter()
        verifier.verify_many([c], cands, {})
        cached.append(time.perf_counter() - t)
    texts = [c.text for c in claims[:1]] + [sp.passage.text for sp in cands[claims[0].id]]
    emb_times = []
    for _ in range(3):
        t = time.perf_counter()
        embedder.encode(texts)
        emb_times.append(time.perf_counter() - t)

    size = sum(f.stat().st_size for f in default_model_dir().glob("*.onnx"))
    result = {
        "what": f"Verifier.verify_many, one claim with {args.passages} candidate passages, warm",
        "claims": len(claims),
        "passages_per_claim": args.passages,
        "ms_per_claim_median": round(1000 * statistics.median(per_claim), 1),
        "ms_per_claim_p90": round(1000 * sorted(per_claim)[int(0.9 * (len(per_claim) - 1))], 1),
        "ms_per_claim_embeddings_cached_median": round(1000 * statistics.median(cached), 1),
        "ms_minilm_embed_21_texts_median": round(1000 * statistics.median(emb_times), 1),
        "target_ms": 50,
        "model_size_mb": round(size / 1e6, 2),
        "model_load_s": round(model_load, 3),
        "embedder_load_s": round(embedder_load, 3),
        "torch_threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "loadavg_start": [round(x, 2) for x in load_before],
        "loadavg_end": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
