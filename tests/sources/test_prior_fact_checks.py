"""Prior fact-checks offline: `factdesk store import-claimreview` streams the bulk exports into the store,
and checks match their claims against them without a key or a network."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from factdesk.config import Config
from factdesk.evidence.claimreview_import import ImportStats, read_claimreview_file
from factdesk.evidence.sources import collect_live
from factdesk.evidence.sources.stored import match_stored
from factdesk.evidence.store import open_store
from tests.helpers import run_cli
from tests.sources.conftest import CLAIMS, make_article
from tests.sources.server import DATA

EXPORTS = ["datacommons_feed.json", "fact_check_insights.csv", "fact_check_insights.json", "claimreview_array.json",
           "claimreview_lines.jsonl"]


def _review(i: int, claim: str, rating: str = "False") -> dict:
    return {"@context": "http://schema.org", "@type": "ClaimReview", "url": f"https://f.example/{i}",
            "claimReviewed": claim, "datePublished": "2023-01-01",
            "author": {"@type": "Organization", "name": "Desk"},
            "reviewRating": {"@type": "Rating", "alternateName": rating}}


def test_cli_imports_every_export_shape_once(tmp_path):
    db = tmp_path / "store.db"
    proc = run_cli("store", "import-claimreview", *(str(DATA / n) for n in EXPORTS), "--db", str(db), "-q")
    assert proc.returncode == 0, proc.stderr
    # 3 + 2 + 1 + 2 + 2 good records, of which these are the same review twice: the Data Commons feed and the
    # JSON-LD array/lines share Lake Chad and Kilimanjaro and the torre Eiffel; the two Fact-Check Insights
    # exports share the Eiffel review
    store = open_store(str(db))
    try:
        claims = sorted(r.claim for r in store.search_fact_checks("Lake Chad Eiffel torre Kilimanjaro", 50))
        assert store.count_fact_checks() == len(claims) == 5
    finally:
        store.close()
    assert "5 prior fact-checks added or updated, 5 unchanged" in proc.stdout
    assert "5 records skipped" in proc.stdout  # the malformed ones, counted, not fatal
    again = run_cli("store", "import-claimreview", str(DATA / "datacommons_feed.json"), "--db", str(db), "-q")
    assert again.returncode == 0 and "0 prior fact-checks added or updated, 3 unchanged" in again.stdout


def test_cli_refuses_what_is_no_export_before_writing(tmp_path):
    db = tmp_path / "store.db"
    not_export = tmp_path / "notes.txt"
    not_export.write_text("just some notes\n")
    proc = run_cli("store", "import-claimreview", str(DATA / "datacommons_feed.json"), str(not_export), "--db", str(db))
    assert proc.returncode == 2 and "not a ClaimReview export" in proc.stderr and "Traceback" not in proc.stderr
    assert not db.exists()
    missing = run_cli("store", "import-claimreview", str(tmp_path / "nope.json"), "--db", str(db))
    assert missing.returncode == 2 and "no such file" in missing.stderr


@pytest.mark.parametrize("shape", ["feed", "csv", "jsonl"])
def test_huge_records_are_skipped_with_bounded_memory(tmp_path, shape):
    huge = "x" * (24 * 1024 * 1024)  # one 24 MB claim
    if shape == "feed":
        path = tmp_path / "feed.json"
        items = [_review(1, "Small claim one"), _review(2, huge), _review(3, "Small claim three")]
        path.write_text(json.dumps({"@context": "http://schema.org", "@type": "DataFeed",
                                    "dataFeedElement": [{"@type": "DataFeedItem", "item": [i]} for i in items]}))
    elif shape == "csv":
        path = tmp_path / "fci.csv"
        rows = ["id,claimReviewed,url,author.name,reviewRating.alternateName",
                "1,Small claim one,https://f.example/1,Desk,False", f'2,"{huge}",https://f.example/2,Desk,False',
                "3,Small claim three,https://f.example/3,Desk,False"]
        path.write_text("\n".join(rows) + "\n")
    else:
        path = tmp_path / "lines.jsonl"
        path.write_text("\n".join(json.dumps(_review(i, c)) for i, c in
                                  ((1, "Small claim one"), (2, huge), (3, "Small claim three"))) + "\n")
    stats = ImportStats()
    tracemalloc.start()
    try:
        records = [r.claim for r in read_claimreview_file(path, stats)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert records == ["Small claim one", "Small claim three"]
    assert stats.skipped_too_large == 1
    assert peak < 4 * 1024 * 1024, f"reading a file with a 24 MB record held {peak / 1e6:.1f} MB"


def test_a_broken_tail_keeps_the_records_before_it(tmp_path):
    path = tmp_path / "cut.json"
    full = json.dumps([_review(1, "First claim"), _review(2, "Second claim")])
    path.write_text(full[: full.index("Second") + 3])  # a download cut short
    stats = ImportStats()
    assert [r.claim for r in read_claimreview_file(path, stats)] == ["First claim"]
    assert stats.skipped_malformed == 1


def _stored(tmp_path, *names):
    db = tmp_path / "store.db"
    store = open_store(str(db))
    for name in names:
        store.add_fact_checks(read_claimreview_file(DATA / name))
    return store


def test_a_check_matches_the_stored_fact_checks_offline(tmp_path):
    store = _stored(tmp_path, "datacommons_feed.json", "fact_check_insights.csv")
    try:
        config = Config(db=str(tmp_path / "store.db"), sources={"use": ["local"]})
        live = collect_live(list(CLAIMS), make_article(), config=config, sources=[], store=store)
    finally:
        store.close()
    assert live.warnings == [] and live.documents == []
    assert live.stats["http"]["network"] == 0 and not (tmp_path / "http-cache.sqlite").exists()
    (chad,) = live.prior_fact_checks["chad"]
    # the same report fields as the Fact Check Tools API's result for the same review
    assert (chad.claim_reviewed, chad.rating, chad.publisher, chad.url, chad.date, chad.claimant, chad.source) == (
        "Lake Chad has shrunk by 90% since the 1960s", "Mostly true", "Sahel Fact Desk",
        "https://sahelfacts.example/checks/lake-chad-90-percent", "2023-03-04", "Viral social media post", "claimreview")
    assert chad.similarity >= 0.7
    tower = live.prior_fact_checks["tower"][0]  # the most similar first (the Spanish review of it may follow)
    assert tower.publisher == "Paris Fact Check" and tower.rating == "True"
    # Kilimanjaro: the stored review is about glaciers *growing*, a different claim (lexically close, not the same)
    assert "kili" not in live.prior_fact_checks or all(p.rating != "False" for p in live.prior_fact_checks["kili"])


def test_match_stored_is_the_same_matching(tmp_path):
    store = _stored(tmp_path, "datacommons_feed.json")
    try:
        direct = match_stored(CLAIMS, store)
        config = Config(db=str(tmp_path / "store.db"))
        assert direct == collect_live(list(CLAIMS), make_article(), config=config, sources=[],
                                      store=store).prior_fact_checks
    finally:
        store.close()


@pytest.mark.slow
def test_check_through_the_cli_shows_imported_fact_checks_without_network(tmp_path):
    db = tmp_path / "store.db"
    assert run_cli("store", "import-claimreview", str(DATA / "datacommons_feed.json"), "--db", str(db), "-q").returncode == 0
    article = tmp_path / "article.txt"
    article.write_text("Lake Chad keeps shrinking\n\nLake Chad has shrunk by 90 percent since the 1960s, officials in "
                       "N'Djamena said on Monday. Fishermen say the shore moves further every year.\n", encoding="utf-8")
    proc = run_cli("check", str(article), "--db", str(db), "--format", "json", "-q", "--offline",
                   env={"FACTDESK_DATA_DIR": str(tmp_path / "data")}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    priors = [p for c in report["claims"] if c.get("verdict") for p in c["verdict"].get("prior_fact_checks", [])]
    assert any(p["publisher"] == "Sahel Fact Desk" and p["rating"] == "Mostly true" and p["claimant"] ==
               "Viral social media post" for p in priors), priors
    assert not (tmp_path / "http-cache.sqlite").exists()  # nothing was fetched
