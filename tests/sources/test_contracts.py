"""Contract tests: every fixture keeps the shape its service documents (tests/data/sources/fixtures.json
names the shape and the documentation page), and each connector reads every fixture of its service."""

from __future__ import annotations

import csv
import io
import json
import re

import feedparser
import jsonschema
import pytest

from factdesk.evidence.claimreview_import import ImportStats, read_claimreview_file
from factdesk.evidence.sources.claimreview import extract_claimreviews, parse_search_response
from factdesk.evidence.sources.client import RejectedAnswer, ServiceBusy
from factdesk.evidence.sources.gdelt import loads_lenient, parse_artlist
from factdesk.evidence.sources.robots import RobotsRules
from factdesk.evidence.sources.wikipedia import parse_answer
from factdesk.http import Fetched
from tests.sources.conftest import templated
from tests.sources.server import DATA

MANIFEST = json.loads((DATA / "fixtures.json").read_text())
FIXTURES = {k: v for k, v in MANIFEST.items() if not k.startswith("_")}
SCHEMAS = {p.name.removesuffix(".schema.json"): json.loads(p.read_text()) for p in (DATA / "schemas").glob("*.json")}
#: the Fact-Check Insights CSV keys (Reporters' Lab: "What exactly is the Fact-Check Insights dataset?")
FCI_KEYS = ["id", "@context", "@type", "claimReviewed", "datePublished", "url", "author.@type", "author.name",
            "author.url", "itemReviewed.@type", "itemReviewed.author.name", "reviewRating.@type",
            "reviewRating.alternateName", "itemReviewed.datePublished"]


def _text(name: str) -> str:
    text = (DATA / name).read_text(encoding="utf-8")
    return templated(text, "http://127.0.0.1:1") if FIXTURES[name].get("templated") else text


def _fetched(name: str, headers: dict | None = None) -> Fetched:
    body = _text(name).encode()
    return Fetched("http://x", "http://x", 200, "application/json", body, headers or {})


def test_every_fixture_is_listed_with_its_documentation():
    on_disk = {p.name for p in DATA.iterdir() if p.is_file() and p.name not in ("fixtures.json", "README.md")}
    assert on_disk == set(FIXTURES), f"unlisted: {on_disk - set(FIXTURES)}; gone: {set(FIXTURES) - on_disk}"
    for name, entry in FIXTURES.items():
        assert entry.get("doc") and ("schema" in entry or "check" in entry), name
        if "schema" in entry:
            assert entry["schema"] in SCHEMAS, name


@pytest.mark.parametrize("name", sorted(n for n, e in FIXTURES.items() if "schema" in e))
def test_fixture_matches_its_documented_schema(name):
    jsonschema.validate(json.loads(_text(name)), SCHEMAS[FIXTURES[name]["schema"]])


def test_the_schemas_catch_the_drifts_the_issue_found():
    """A schema that would not notice a drift guards nothing: each documented drift must fail it."""
    drifts = [
        ("mediawiki_query", {"query": {"pages": [{"pageid": 1, "title": "?", "missing": True}]}}),  # invented title
        ("gdelt_artlist", {"articles": [{"url": "u", "title": "t", "domain": "d", "language": "English",
                                         "sourcecountry": "x", "seendate": "2024-03-10"}]}),        # date shape
        ("google_error", {"error": {"code": 403, "message": "API key not valid"}}),                # no status
        ("mediawiki_error", {"error": {"code": "maxlag"}}),                                        # no info
        ("factcheck_search", {"claims": [{"text": "x", "claimReview": [{"url": "u", "rating": "False",
                                                                       "publisher": {}}]}]}),
    ]
    for schema, bad in drifts:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, SCHEMAS[schema])


# -- each connector reads its service's fixtures ----------------------------------------------------------
@pytest.mark.parametrize("name", sorted(n for n, e in FIXTURES.items() if e.get("schema") == "mediawiki_query"))
def test_wikipedia_reads_every_query_answer(name):
    pages = parse_answer(_fetched(name))
    assert isinstance(pages, list)


def test_wikipedia_error_answers_are_refusals_or_waits():
    with pytest.raises(RejectedAnswer, match="nosrsearch"):
        parse_answer(_fetched("wikipedia_error.json"))
    with pytest.raises(ServiceBusy) as busy:
        parse_answer(_fetched("wikipedia_maxlag.json", {"retry-after": "5"}))
    assert busy.value.retry_after == 5.0


def test_gdelt_reads_its_answers_and_text():
    assert len(parse_artlist(_fetched("gdelt_artlist.json"))) == 3
    assert parse_artlist(_fetched("gdelt_empty.json")) == []
    assert parse_artlist(_fetched("gdelt_artlist_lenient.json"))[0].domain == "sahelherald.example"
    with pytest.raises(ValueError):
        json.loads(_text("gdelt_artlist_lenient.json"))  # the fixture keeps the slips a strict parser refuses
    assert loads_lenient(_text("gdelt_artlist_lenient.json"))["articles"]
    with pytest.raises(RejectedAnswer, match="The specified phrase is too short."):
        parse_artlist(_fetched("gdelt_error.txt"))
    with pytest.raises(ServiceBusy) as busy:
        parse_artlist(_fetched("gdelt_throttle.txt"))
    assert busy.value.retry_after == 5.0
    for name in ("gdelt_error.txt", "gdelt_throttle.txt"):
        text = _text(name)
        assert text.count("\n") == 1 and not text.lstrip().startswith(("{", "[")), name


def test_fact_check_tools_answers_and_errors():
    assert [r.rating for r in parse_search_response(_fetched("factcheck_search.json"))] == ["Mostly true", "False"]
    assert parse_search_response(_fetched("factcheck_empty.json")) == []
    for name in ("factcheck_error_invalid_key.json", "factcheck_error_disabled.json", "factcheck_error_quota.json"):
        with pytest.raises(RejectedAnswer, match=json.loads(_text(name))["error"]["status"]):
            parse_search_response(_fetched(name))


@pytest.mark.parametrize("name", sorted(n for n, e in FIXTURES.items() if e.get("check") == "claimreview_html"))
def test_claimreview_pages_carry_valid_claimreview(name):
    html = _text(name)
    blocks = re.findall(r"<script[^>]*ld\+json[^>]*>(.*?)</script>", html, re.S)
    nodes = []
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue  # pages carry broken blocks too
        for node in data.get("@graph", [data]):
            if "ClaimReview" in json.dumps(node.get("@type")):
                nodes.append(node)
    assert nodes
    for node in nodes:
        jsonschema.validate(node, SCHEMAS["claimreview"])
    assert len(extract_claimreviews(html)) == len(nodes)


# -- exports ---------------------------------------------------------------------------------------------------
def _records(data) -> list:
    if isinstance(data, list):
        return data
    if "dataFeedElement" in data:
        return [i for e in data["dataFeedElement"] for i in (e["item"] if isinstance(e["item"], list) else [e["item"]])]
    return data["claimReviews"]


@pytest.mark.parametrize("name", sorted(n for n, e in FIXTURES.items() if "invalid_records" in e))
def test_exports_hold_valid_claimreviews_and_the_declared_bad_ones(name):
    entry = FIXTURES[name]
    text = _text(name)
    if name.endswith(".csv"):
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
        assert text.startswith("\ufeff") and all(k in header for k in FCI_KEYS)
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
        valid = [r for r in rows if r["claimReviewed"].strip() and r["reviewRating.alternateName"].strip() and r["url"]]
        total = len(rows)
    elif name.endswith(".jsonl"):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        parsed = []
        for ln in lines:
            try:
                parsed.append(json.loads(ln))
            except ValueError:
                pass
        validator = jsonschema.Draft202012Validator(SCHEMAS["claimreview"])
        valid = [p for p in parsed if validator.is_valid(p)]
        total = len(lines)
    else:
        records = _records(json.loads(text))
        validator = jsonschema.Draft202012Validator(SCHEMAS["claimreview"])
        valid = [r for r in records if isinstance(r, dict) and validator.is_valid(r)]
        total = len(records)
    assert total - len(valid) == entry["invalid_records"]
    stats = ImportStats()
    imported = list(read_claimreview_file(DATA / name, stats))
    assert len(imported) == len(valid) and stats.skipped == entry["invalid_records"]


@pytest.mark.parametrize("name", sorted(n for n, e in FIXTURES.items() if e.get("check") == "feed"))
def test_feeds_are_valid(name):
    parsed = feedparser.parse(_text(name).encode())
    assert not parsed.bozo and parsed.entries


def test_robots_fixture_parses():
    rules = RobotsRules.from_answer(200, _text("robots.txt"))
    assert rules.allows("http://x/news") and not rules.allows("http://x/private/a")
