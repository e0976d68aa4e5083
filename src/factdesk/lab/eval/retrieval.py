"""Retrieval quality on public fact-verification sets: recall@k of gold evidence sentences.

Each evidence sentence becomes one store document (its gold id is the document id, its title the
source article/paper), mixed with the set's other sentences as distractors. A claim counts as
found at k when one of its gold sentences is among the top k passages ("hit recall"); the mean
share of its gold sentences found is reported too. Sets are read from ``../shared/data`` (or
``$FACTDESK_SHARED_DATA``); only development splits are used.

>>> sets = load_eval_set("climate-fever", limit=100)
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from factdesk.config import shared_data_dir
from factdesk.errors import InputError
from factdesk.models import Document


@dataclass
class EvalSet:
    name: str
    claims: list[tuple[str, str, set[str]]]  # (claim id, claim text, gold document ids)
    documents: list[Document] = field(default_factory=list)


def _climate_fever(path: Path, limit: int | None) -> EvalSet:
    claims, docs = [], {}
    with open(path / "climate-fever.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold = set()
            for ev in row["evidences"]:
                doc_id = f"cf:{ev['evidence_id']}"
                docs[doc_id] = Document(id=doc_id, title=ev["article"], text=ev["evidence"], source="climate-fever")
                if ev["evidence_label"] in ("SUPPORTS", "REFUTES"):
                    gold.add(doc_id)
            if gold and (limit is None or len(claims) < limit):
                claims.append((f"cf-{row['claim_id']}", row["claim"], gold))
    return EvalSet("climate-fever", claims, list(docs.values()))


def _scifact(path: Path, limit: int | None, max_abstracts: int | None = None) -> EvalSet:
    claims, cited = [], set()
    with open(path / "claims_train.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold = {
                f"sf:{doc}:{i}" for doc, rats in row["evidence"].items() for r in rats for i in r["sentences"]
            }
            if gold and (limit is None or len(claims) < limit):
                claims.append((f"sf-{row['id']}", row["claim"], gold))
                cited.update(str(d) for d in row["evidence"])
    docs, others = {}, 0
    with open(path / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["doc_id"]) not in cited:
                # the corpus file order is the distractor order: the first abstracts are kept
                if max_abstracts is not None and len(cited) + others >= max_abstracts:
                    continue
                others += 1
            for i, sent in enumerate(row["abstract"]):
                doc_id = f"sf:{row['doc_id']}:{i}"
                docs[doc_id] = Document(id=doc_id, title=row["title"], text=sent, source="scifact")
    return EvalSet("scifact", claims, list(docs.values()))


EVAL_SETS = {"climate-fever": ("climate-fever", _climate_fever), "scifact": ("scifact", _scifact)}


def load_eval_set(
    name: str, *, limit: int | None = None, data_dir: Path | None = None, max_abstracts: int | None = None
) -> EvalSet:
    """Claims with gold evidence and the passage documents; ``max_abstracts`` caps SciFact's corpus
    (the abstracts the claims cite are always kept; the rest are distractors)."""
    if name not in EVAL_SETS:
        raise InputError(f"unknown evaluation set {name!r} (known: {', '.join(EVAL_SETS)})")
    folder, loader = EVAL_SETS[name]
    path = (data_dir or shared_data_dir()) / folder
    if not path.is_dir():
        raise InputError(f"evaluation data not found: {path}")
    return loader(path, limit, max_abstracts) if name == "scifact" else loader(path, limit)


def recall_at(
    retriever, claims: Iterable[tuple[str, str, set[str]]], ks: tuple[int, ...] = (5, 20), modes=("hybrid", "bm25", "dense")
) -> dict:
    """Recall@k per mode: ``{mode: {"hit@5": .., "share@5": .., ..., "ms_per_query": ..}}``."""
    claims = list(claims)
    top = max(ks)
    out: dict[str, dict[str, float]] = {}
    for mode in modes:
        t0 = time.perf_counter()
        found = retriever.retrieve_many([text for _, text, _ in claims], top, mode=mode)
        elapsed = time.perf_counter() - t0
        metrics: dict[str, float] = {}
        for k in ks:
            hits, shares = 0, 0.0
            for _cid, text, gold in claims:
                got = {sp.passage.doc_id for sp in found[text][:k]}
                hits += bool(got & gold)
                shares += len(got & gold) / len(gold)
            metrics[f"hit@{k}"] = round(hits / len(claims), 4)
            metrics[f"share@{k}"] = round(shares / len(claims), 4)
        metrics["ms_per_query"] = round(1000 * elapsed / max(1, len(claims)), 2)
        out[mode] = metrics
    return out
