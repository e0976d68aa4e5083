"""Property tests for the parsers the other stages' tests do not already fuzz: sentence splitting and
relative dates (claims), numbers and dates (verify), batch inputs (JSONL and feeds, scale), plus
deeply nested HTML for ingest. Any input ends in a result that keeps its invariants or in a
``FactdeskError`` — never another exception, and never a hang."""

from __future__ import annotations

import json
import math
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.claims.relative_dates import parse_published, resolve_relative_dates
from factdesk.claims.sentences import MAX_SENTENCE_CHARS, split_sentences
from factdesk.errors import FactdeskError, InputError
from factdesk.models import PARAGRAPH_SEPARATOR
from factdesk.scale.inputs import _jobs_from_feed, _jobs_from_jsonl
from factdesk.verify.dates import compare_dates, extract_dates
from factdesk.verify.numbers import compare_numbers, extract_quantities
from tests.reliability.conftest import LAUGHS

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# text that looks like news (numbers, units, dates, quotes, abbreviations) mixed with anything at all
WORDS = st.sampled_from([
    "The", "council", "said", "Dr.", "U.S.", "Sen.", "4.5", "percent", "%", "$10bn", "€3", "1,200", "million",
    "about", "more than", "in", "March", "May", "14", "2019", "2019-03-14", "last", "week", "next", "Tuesday",
    "the 1990s", "“", "”", '"', "km", "°C", "tonnes", "yesterday", "ago", "—", "\n", "\x00", "e.g.", "No.", "...",
    "9" * 40, "1e308", "-", "/", ":", "2/3", "half", "a third",
])
NEWSY = st.lists(st.one_of(WORDS, st.text(max_size=12)), max_size=60).map(" ".join)
ANY_TEXT = st.one_of(NEWSY, st.text(max_size=400))


@SETTINGS
@given(st.lists(ANY_TEXT, max_size=6))
def test_sentence_spans_index_the_body_exactly(paragraphs):
    paragraphs = [p for p in paragraphs if p.strip()]
    sentences, warnings = split_sentences(paragraphs)
    body = PARAGRAPH_SEPARATOR.join(paragraphs)
    assert all(isinstance(w, str) for w in warnings)
    last_end = 0
    for i, sent in enumerate(sentences):
        s, e = sent.span
        assert body[s:e] == sent.text and sent.text == sent.text.strip() and sent.text
        assert s >= last_end, "sentences overlap or go backwards"
        assert len(sent.text) <= MAX_SENTENCE_CHARS
        assert sent.index == i and 0 <= sent.paragraph < len(paragraphs)
        last_end = e


@SETTINGS
@given(ANY_TEXT, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)), st.booleans())
def test_relative_dates_resolve_to_real_dates(text, published, future):
    new_text, values = resolve_relative_dates(text, published, future=future)
    assert isinstance(new_text, str)
    for iso in values:
        parts = iso.split("-")
        assert len(parts) in (1, 2, 3) and all(p.isdigit() for p in parts), iso
        if len(parts) == 3:
            date.fromisoformat(iso)


@SETTINGS
@given(st.one_of(st.text(max_size=60), st.none(), WORDS))
def test_parse_published_is_total(value):
    got = parse_published(value)
    assert got is None or isinstance(got, date)


@SETTINGS
@given(ANY_TEXT)
def test_quantities_are_well_formed(text):
    for q in extract_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
        assert isinstance(q.value, float) and not math.isnan(q.value)
    for d in extract_dates(text):
        assert text[d.start:d.end] == d.text
        assert 1500 <= d.year <= 2099 and (d.month is None or 1 <= d.month <= 12)
        assert d.day is None or 1 <= d.day <= 31


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_comparisons_never_raise(claim, source):
    for check in compare_numbers(claim, source):
        assert isinstance(check.agrees, bool) and isinstance(check.describe(), str)
    for check in compare_dates(claim, source):
        assert isinstance(check.agrees, bool) and isinstance(check.describe(), str)


#: repeated shapes that make naive regexes backtrack; each at the longest size a claim sentence can
#: have (MAX_SENTENCE_CHARS) against a 20 kB source passage, and as a 20 kB paragraph for splitting
#: (sentence splitting costs about 0.3 s per 5000-character chunk on "May May May…": see
#: docs/reliability.md, "known limits")
PATHOLOGICAL = ["1,", "9", " ", ".", "May ", "5 million ", "more than ", "$", "5 °c ", "last week ", "1e308 ",
                "the 1990s ", "“", "in 2019", "-", "\x00", "a"]


@pytest.mark.parametrize("unit", PATHOLOGICAL)
def test_pathological_repetitions_finish(unit):
    claim = (unit * (MAX_SENTENCE_CHARS // len(unit) + 1))[:MAX_SENTENCE_CHARS]
    source = (unit * (20_000 // len(unit) + 1))[:20_000]
    start = time.perf_counter()
    compare_numbers(claim, source)
    compare_dates(claim, source)
    resolve_relative_dates(source, date(2024, 5, 1))
    sentences, _ = split_sentences([unit * (20_000 // len(unit))])
    elapsed = time.perf_counter() - start
    # a hang guard, not a speed target: linear work here takes well under a second
    assert elapsed < 60, f"{unit!r}: {elapsed:.1f} s"
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)


# -- batch inputs (scale) ----------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
ROWS = st.dictionaries(st.sampled_from(["id", "title", "text", "html", "url", "paragraphs", "published", "x"]),
                       JSON_VALUES, max_size=6)


@SETTINGS
@given(st.lists(st.one_of(ROWS.map(json.dumps), JSON_VALUES.map(json.dumps), st.binary(max_size=80)
                          .map(lambda b: b.decode("latin-1"))), max_size=6), st.binary(max_size=40))
def test_jsonl_batch_input_is_jobs_or_one_input_error(tmp_path_factory, lines, tail):
    path = tmp_path_factory.mktemp("jsonl") / "in.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n" + tail)
    try:
        jobs = _jobs_from_jsonl(path)
    except InputError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        return
    for job in jobs:
        assert job.kind in ("inline", "url") and job.key and (job.text or job.html or job.url)


FEED_PARTS = st.sampled_from([
    b'<?xml version="1.0"?>', b'<rss version="2.0">', b"<channel>", b"<title>Desk</title>", b"<item>", b"</item>",
    b"<link>https://news.example/a</link>", b"<link>javascript:alert(1)</link>", b"<description>", b"</description>",
    b"&lt;p&gt;Hi&lt;/p&gt;", b"<![CDATA[<b>x</b>]]>", b"</channel></rss>", b'<feed xmlns="http://www.w3.org/2005/Atom">',
    b"<entry><title>T</title></entry>", b"</feed>", b"&amp;", b"&bogus;", b"\x00", b"\xff\xfe", b"<!-- c -->",
])


@SETTINGS
@given(st.lists(st.one_of(FEED_PARTS, st.binary(max_size=20)), max_size=30))
def test_feed_batch_input_is_jobs_or_one_input_error(parts):
    data = b"".join(parts)
    try:
        jobs = _jobs_from_feed(data, "feed")
    except InputError:
        return
    for job in jobs:
        assert job.key and job.kind in ("url", "inline", "article")


def test_feed_bombs_and_floods_are_refused_or_capped():
    with pytest.raises(InputError, match="entities"):
        _jobs_from_feed(LAUGHS, "laughs")
    external = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel>' \
               b"<item><title>&x;</title></item></channel></rss>"
    with pytest.raises(InputError, match="entities"):
        _jobs_from_feed(external, "xxe")
    many = b'<rss version="2.0"><channel>' + b"<item><title>t</title><description>d</description></item>" * 3000 \
        + b"</channel></rss>"
    assert len(_jobs_from_feed(many, "many")) <= 2000
    with pytest.raises(InputError, match="too large"):
        _jobs_from_feed(b"<rss>" + b" " * (11 * 1024 * 1024), "big")


# -- deeply nested HTML (ingest) ---------------------------------------------------------------------
@pytest.mark.parametrize("depth", [100_000])
def test_deeply_nested_html_is_an_article_or_an_input_error(depth):
    from factdesk.ingest import article_from_html

    text = "<p>The council said on Tuesday that the new bridge would open in 2027, two years late.</p>" * 3
    html = "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>"
    start = time.perf_counter()
    try:
        art = article_from_html(html)
    except FactdeskError:
        art = None
    assert time.perf_counter() - start < 60
    if art is not None:
        assert any("bridge" in p for p in art.paragraphs)
