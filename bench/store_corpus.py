"""Real-text corpora for the store benchmarks, built from the public sets in ../shared/data.

Sentences come from scientific abstracts (SciFact corpus), news articles (PTC propaganda set),
Wikipedia sentences (CLIMATE-FEVER evidence, ANLI premises), MultiNLI/SNLI premises, AVeriTeC and
ClaimBuster text; they are split with the store's own splitter and de-duplicated. Larger sizes
than the unique pool repeat the pool (each copy is a distinct passage); the JSON says so.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from factdesk.config import shared_data_dir
from factdesk.evidence.store.split import passage_sentences
from factdesk.models import Document

csv.field_size_limit(sys.maxsize)


def _strings(obj, min_words: int = 6) -> Iterator[str]:
    if isinstance(obj, str):
        if len(obj.split()) >= min_words:
            yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v, min_words)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, min_words)


def sentence_pool(data: Path | None = None) -> list[str]:
    data = data or shared_data_dir()
    texts: list[str] = []
    for name in ("scifact/corpus.jsonl", "propaganda-ptc-semeval2020/train_articles.jsonl",
                 "climate-fever/climate-fever.jsonl", "anli-dev/anli_R1_dev.jsonl", "anli-dev/anli_R2_dev.jsonl",
                 "anli-dev/anli_R3_dev.jsonl", "multinli-dev-matched/dev_matched.jsonl",
                 "snli-dev-esnli/snli_dev_esnli.jsonl", "claimbuster/train.jsonl", "hover/hover_dev_80.jsonl",
                 "fever-symmetric/fever_symmetric_dev.jsonl"):
        path = data / name
        if path.is_file():
            with open(path, encoding="utf-8") as f:
                for line in f:
                    texts.extend(_strings(json.loads(line)))
    path = data / "averitec" / "dev.json"
    if path.is_file():
        texts.extend(_strings(json.loads(path.read_text(encoding="utf-8"))))
    seen: dict[str, None] = {}
    for text in texts:
        for sent in passage_sentences(text):
            if 30 <= len(sent) <= 400:
                seen.setdefault(sent, None)
    return list(seen)


def documents(pool: list[str], n_passages: int, per_doc: int = 10) -> Iterator[Document]:
    """Documents of ``per_doc`` sentences, ``n_passages`` sentences in all (the pool repeated if needed)."""
    for d in range(0, n_passages, per_doc):
        sents = [pool[(d + j) % len(pool)] for j in range(min(per_doc, n_passages - d))]
        copy = d // len(pool)
        yield Document(id=f"bench-{d // per_doc}", title=None, text="\n\n".join(sents), source=f"bench-copy{copy}")


if __name__ == "__main__":
    pool = sentence_pool()
    print(len(pool), "unique sentences")
