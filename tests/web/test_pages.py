"""The article page and the standalone HTML report show a report through the same partials and the
same vocabulary: a claim's card, the highlighted body and a comment read the same in both.

A hand-built report is put in the store of an app served by uvicorn in a thread; no check runs."""

from __future__ import annotations

import re

import httpx
import pytest

from factdesk.config import load_config
from factdesk.report import render
from factdesk.report.vocabulary import VERDICT_COLOURS
from tests.report.reports import rich_report
from tests.web.conftest import ThreadServer

KEY = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def served(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTDESK_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("FACTDESK_API_TOKEN", raising=False)
    report = rich_report()
    with ThreadServer(load_config(db=str(tmp_path / "store.db"))) as srv, httpx.Client(base_url=srv.base_url) as c:
        srv.app.state.web.jobs.reports.save(KEY, report.to_json(), {"kind": "report", "title": report.article.title})
        page = c.get(f"/checks/{KEY}")
        css = c.get("/static/verdicts.css")
        look = c.get("/static/report.css")
    assert page.status_code == 200 and look.status_code == 200
    return report, page.text, css, look.text


def _card(html: str, claim_id: str) -> str:
    found = re.findall(rf'<article class="claim [^"]*" id="claim-{claim_id}".*?</article>', html, re.S)
    assert len(found) == 1, claim_id
    return re.sub(r'<details class="evidence" (open)?>', '<details class="evidence">', found[0])


def test_the_page_and_the_standalone_report_share_cards_body_and_comments(served):
    report, page, _, _ = served
    standalone = render(report, "html")
    checked = [c for c in report.claims if c.checked]
    assert checked
    for claim in checked:
        assert _card(page, claim.id) == _card(standalone, claim.id)
    for i in range(len(report.article.paragraphs)):
        body = re.compile(rf'<p id="p{i}" [^>]*>.*?</p>', re.S)
        assert body.findall(page) == body.findall(standalone) != []
    quiet = [c for c in report.article.comments if c.index not in {cc.comment_index for cc in report.comment_claims}]
    for comment in quiet:
        item = re.compile(rf'<li class="comment[^"]*" id="comment-{comment.index}">.*?</li>\s*(?=<li class="comment|</ol>)', re.S)
        assert item.findall(page) == item.findall(standalone) != []


def test_verdict_colours_are_served_as_a_stylesheet(served):
    _, page, css, _ = served
    assert '<link rel="stylesheet" href="/static/verdicts.css">' in page
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    for key, colour in VERDICT_COLOURS.items():
        assert f".v-{key} " in css.text and colour.ink in css.text and colour.tint in css.text


def test_the_page_and_the_standalone_report_share_their_look_and_analysis(served):
    report, page, _, look = served
    standalone = render(report, "html")
    assert '<link rel="stylesheet" href="/static/report.css">' in page
    assert look.strip() and look.strip() in standalone  # the standalone file carries the same stylesheet inline
    for pattern in (r'<section class="analysis".*?</section>', r'<h1 id="story-title".*?</h1>',
                    r'<ul class="counts".*?</ul>', r'<ul class="legend".*?</ul>'):
        found = re.findall(pattern, page, re.S)
        assert found and found == re.findall(pattern, standalone, re.S), pattern
    assert page.count('<table class="data"') == standalone.count('<table class="data"') >= 4
