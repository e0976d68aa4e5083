"""Checks on several threads at once share one Runtime (a server with ``server.workers > 1``) and
give the same reports as the same checks run one after another: no stage keeps per-call state on a
shared object, and each part of the runtime is built once even when the first checks race for it."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from factdesk.evidence.store.importers import read_path
from factdesk.ingest import load_article
from factdesk.pipeline import check
from factdesk.runtime import Runtime

DATA = Path(__file__).resolve().parent / "data" / "verify"
ARTICLES = ("economy", "science", "sport", "seed")


def _report(article, runtime) -> dict:
    data = json.loads(check(article, runtime).to_json())
    data.pop("timings")
    data.pop("created")
    return data


def _runtime(config, nlp, embedder) -> Runtime:
    rt = Runtime(config)
    rt.nlp, rt.embedder = nlp, embedder  # the session's models; every other part is built by the runtime
    return rt


def test_concurrent_checks_give_the_serial_reports(config, nlp, embedder, seed_path):
    # three articles with evidence in the store, and the seed page with its reader comments
    articles = [load_article(str(DATA / f"{name}.txt"), config=config) for name in ARTICLES[:-1]]
    articles.append(load_article(str(seed_path), config=config))
    with _runtime(config, nlp, embedder) as rt:
        for name in ARTICLES[:-1]:
            rt.store.add_documents(read_path(DATA / f"{name}_evidence.jsonl"))
        serial = [_report(article, rt) for article in articles]

    verdicts = [c["verdict"]["label"] for r in serial for c in r["claims"] if c.get("verdict")]
    assert len(verdicts) >= 6 and {"supported", "refuted"} <= set(verdicts)  # there is something to compare
    assert len(serial[-1]["article"]["comments"]) == 9  # the seed's reader comments went through the check
    for _ in range(2):  # races show up some of the time: two rounds, each on a fresh runtime
        built: dict[str, set[int]] = {}
        with _runtime(config, nlp, embedder) as rt:  # the racing checks build its parts
            start = threading.Barrier(len(articles))

            def run(article) -> dict:
                start.wait()
                report = _report(article, rt)
                for part in ("store", "claim_extractor", "evidence", "verifier", "analyser"):
                    built.setdefault(part, set()).add(id(getattr(rt, part)))
                return report

            with ThreadPoolExecutor(len(articles)) as pool:
                concurrent = list(pool.map(run, articles))
        assert all(len(ids) == 1 for ids in built.values()), built
        for name, alone, together in zip(ARTICLES, serial, concurrent):
            assert together == alone, name
