"""Prior fact-check matching and Fact Check Tools query formulation, measured on the claim / fact-check pairs
of tests/data/sources/match_pairs.jsonl (written for the purpose: the same claim reworded, and a different
claim on the same subject). The figures are printed (pytest -s) and quoted in docs/sources.md."""

from __future__ import annotations

import json
import re

import pytest

from factdesk.evidence.sources import collect_live
from factdesk.evidence.sources.base import FoundFactCheck
from factdesk.evidence.sources.match import match_fact_checks
from factdesk.evidence.sources.query import claimreview_fallback_query, claimreview_query
from factdesk.evidence.sources.stored import match_stored
from factdesk.evidence.store import open_store
from factdesk.evidence.store.factchecks import FactCheckRecord
from factdesk.models import PriorFactCheck
from tests.sources.conftest import FACTCHECK, make_article, make_claim, live_args, source_config
from tests.sources.server import DATA, Reply, fixture

PAIRS = [json.loads(line) for line in (DATA / "match_pairs.jsonl").read_text().splitlines() if line.strip()]
CLAIM_TEXTS = sorted({p["claim"] for p in PAIRS})
REVIEWED = sorted({p["reviewed"] for p in PAIRS})
SAME = {(p["claim"], p["reviewed"]) for p in PAIRS if p["same"]}
CLAIMS = [make_claim(f"c{i}", text) for i, text in enumerate(CLAIM_TEXTS)]


def _pr(predicted: set[tuple[str, str]]) -> tuple[float, float]:
    tp = len(predicted & SAME)
    return tp / max(1, len(predicted)), tp / len(SAME)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(str(tmp_path_factory.mktemp("fc") / "store.db"))
    s.add_fact_checks(FactCheckRecord(claim=r, rating="False", url=f"https://f.example/{i}") for i, r in enumerate(REVIEWED))
    yield s
    s.close()


@pytest.fixture(scope="module")
def embedder():
    from factdesk.embed import make_embedder

    return make_embedder("minilm")


def test_pairs_cover_both_kinds():
    assert len(PAIRS) >= 64 and len(SAME) >= 32 and len(PAIRS) - len(SAME) >= 30


@pytest.mark.slow
def test_offline_matching_precision_and_recall(store, embedder):
    figures = {}
    for name, emb in (("lexical", None), ("embedding+lexical", embedder)):
        found = match_stored(CLAIMS, store, embedder=emb)
        figures[f"store {name}"] = _pr({(c.text, p.claim_reviewed) for c in CLAIMS for p in found.get(c.id, [])})
        page = match_fact_checks(CLAIMS, [FoundFactCheck(PriorFactCheck(claim_reviewed=r, rating="x", url=str(i)))
                                          for i, r in enumerate(REVIEWED)], embedder=emb)
        figures[f"page {name}"] = _pr({(c.text, p.claim_reviewed) for c in CLAIMS for p in page.get(c.id, [])})
    print("\nmatching on", len(PAIRS), "pairs:", {k: f"P={p:.2f} R={r:.2f}" for k, (p, r) in figures.items()})
    # the embedder must add recall without giving up much precision; lexical alone must stay precise
    assert figures["store lexical"][0] >= 0.95
    assert figures["store embedding+lexical"][1] > figures["store lexical"][1]
    assert figures["store embedding+lexical"][0] >= 0.9


def _and_engine(query: str) -> list[str]:
    """A search that needs every word (5-letter prefixes stand in for stemming), first 5 by order."""
    def stems(t):
        return {w[:5] for w in re.findall(r"[a-z0-9]+", t.lower())}

    q = stems(query)
    return [r for r in REVIEWED if q <= stems(r)][:5]


def test_query_formulation_sentence_then_key_words(store):
    """Fact Check Tools' ranking is not documented: two stand-ins, one that needs every word and BM25."""
    engines = {"all words": _and_engine, "bm25": lambda q: [r.claim for r in store.search_fact_checks(q, 5)]}
    forms = {
        "sentence": lambda c, search: search(claimreview_query(c).text),
        "key words": lambda c, search: search(claimreview_fallback_query(c).text),
        "sentence, then key words": lambda c, search: search(claimreview_query(c).text)
        or search(claimreview_fallback_query(c).text),
    }
    figures = {}
    for engine, search in engines.items():
        for form, ask in forms.items():
            figures[(engine, form)] = _pr({(c.text, r) for c in CLAIMS for r in ask(c, search)})
    print("\nquery formulation (retrieval, top 5):",
          {f"{e} / {f}": f"P={p:.2f} R={r:.2f}" for (e, f), (p, r) in figures.items()})
    for engine in engines:  # the chosen formulation is at least as good as either alone, whatever the engine
        chosen = figures[(engine, "sentence, then key words")][1]
        assert chosen >= figures[(engine, "sentence")][1] and chosen >= figures[(engine, "key words")][1]


def test_fact_check_tools_asks_key_words_when_the_sentence_finds_nothing(server, tmp_path):
    def answer(req):
        return Reply(body=fixture("factcheck_search.json" if len(req.query["query"].split()) <= 4
                                  else "factcheck_empty.json"))

    server.route(FACTCHECK, answer)
    chad = make_claim("chad", "Lake Chad has shrunk by 90 percent since the 1960s.", [("Lake Chad", "LOC")])
    live = collect_live([chad], make_article(), **live_args(source_config(server, tmp_path, ["claimreview"])))
    asked = [h.query["query"] for h in server.hits(FACTCHECK)]
    assert asked == [chad.text, "lake chad shrunk since"]
    assert live.prior_fact_checks["chad"][0].publisher == "Sahel Fact Desk"
