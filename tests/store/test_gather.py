"""The evidence stage (``EvidenceGatherer``, as the runtime wires it): local retrieval per claim, live documents stored, the article itself excluded,
source failures become warnings."""

from __future__ import annotations

import pytest

import factdesk.evidence.sources as sources
from factdesk.evidence import article_filter
from factdesk.evidence.sources import LiveEvidence
from factdesk.models import Article, Claim, Document, Passage, PriorFactCheck
from factdesk.runtime import Runtime

ARTICLE = Article(
    title="Ferry traffic booms",
    url="https://www.gazette.example.org/ferry-boom/",
    paragraphs=["The new ferry line between Kiel and Gdansk carried 90,000 passengers in its first month."],
)


def _claim(text: str, i: int) -> Claim:
    return Claim(id=f"c{i}", text=text, sentence=text, span=(0, len(text)), paragraph=0, checkworthiness=0.8,
                 checked=True)


@pytest.fixture
def runtime(config, hash_embedder):
    rt = Runtime(config)
    rt.embedder = hash_embedder  # the store and retriever are built from the runtime's embedder
    rt.store.add_documents([
        Document(id="own", url="https://gazette.example.org/ferry-boom", title="Ferry traffic booms",
                 text=ARTICLE.paragraphs[0] + " Officials were surprised."),
        Document(id="copy", url="https://aggregator.example.com/x", title="Copied",
                 text="The new ferry line between Kiel and Gdansk carried 90,000 passengers in its first month."),
        Document(id="port", url="https://port.example.org/stats", title="Port statistics",
                 text="The Kiel to Gdansk ferry carried 61,000 passengers in May, the port authority said."),
        Document(id="other", title="Unrelated", text="Tulip prices rose at the flower auction."),
    ])
    yield rt
    rt.close()


def test_candidates_exclude_the_article_itself(runtime):
    claims = [_claim("The Kiel Gdansk ferry carried 90,000 passengers in its first month.", 0)]
    found = runtime.evidence.gather(claims, ARTICLE)
    ids = [sp.passage.doc_id for sp in found.candidates["c0"]]
    assert ids and ids[0] == "port"
    assert "own" not in ids  # same URL (scheme, www and trailing slash ignored)
    assert not any(sp.passage.text == ARTICLE.paragraphs[0] for sp in found.candidates["c0"])  # same text
    assert found.warnings == []


def test_local_only_never_calls_live_sources(runtime, monkeypatch):
    def boom(*a, **k):
        raise AssertionError("live sources called for --sources local")

    monkeypatch.setattr(sources, "collect_live", boom)
    found = runtime.evidence.gather([_claim("ferry passengers", 0)], ARTICLE)
    assert "c0" in found.candidates


def test_live_documents_are_stored_and_found(runtime, monkeypatch):
    runtime.config.sources.use = ["local", "wikipedia"]
    prior = PriorFactCheck(claim_reviewed="Ferry numbers", rating="False")

    def live(claims, article, *, config, sources, store=None, embedder=None, host_limits=None, progress=None):
        return LiveEvidence(
            documents=[
                Document(id="wiki:1", url="https://en.wikipedia.org/wiki/Baltic_ferries", source="wikipedia",
                         text="Baltic ferries between Kiel and Gdansk were first run by a state shipping line in 1977."),
                Document(id="self", url=ARTICLE.url, text="The article itself, fetched again by a source."),
            ],
            prior_fact_checks={"c0": [prior]},
            warnings=["gdelt: timed out"],
        )

    monkeypatch.setattr(sources, "collect_live", live)
    found = runtime.evidence.gather([_claim("A state shipping line first ran Kiel Gdansk ferries in 1977.", 0)], ARTICLE)
    assert found.candidates["c0"][0].passage.doc_id == "wiki:1"
    assert found.prior_fact_checks == {"c0": [prior]}
    assert "gdelt: timed out" in found.warnings
    assert runtime.store.get_passages(["wiki:1#0"]) and not runtime.store.get_passages(["self#0"])


def test_failing_sources_are_a_warning(runtime, monkeypatch):
    runtime.config.sources.use = ["local", "web"]

    def broken(*a, **k):
        raise ConnectionError("network down")

    monkeypatch.setattr(sources, "collect_live", broken)
    found = runtime.evidence.gather([_claim("Kiel ferry passengers", 0)], ARTICLE)
    assert any("network down" in w for w in found.warnings)
    assert found.candidates["c0"]  # local evidence still there


def test_no_claims(runtime):
    assert runtime.evidence.gather([], ARTICLE).candidates == {}


def test_article_filter_requires_real_overlap():
    f = article_filter(ARTICLE)
    assert not f(Passage(id="p", doc_id="d", text="The new ferry line"))  # too short to call a copy
    assert f(Passage(id="p", doc_id="d", text="x", url="http://gazette.example.org/ferry-boom#top"))
    assert not f(Passage(id="p", doc_id="d", text="x", url="https://gazette.example.org/other"))
