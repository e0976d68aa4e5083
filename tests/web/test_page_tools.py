"""The article and home pages in Debian's Chromium at desktop (1280 px) and phone (390 px) width: claims
highlighted within their sentences, verdicts opened in place on a phone, the Listen length before
playing, the reader's sources, checking again with live sources, checking one claim, downloads.

Everything runs against the session's real ``factdesk serve``; its live sources are a local stand-in
(see conftest). Screenshots go to test-artifacts/."""

from __future__ import annotations

import json
import re

import pytest

from factdesk.models import Article, Claim, Evidence, Report, Verdict
from factdesk.report.vocabulary import VERDICT_TEXT, confidence_text, duration_text, undecided_text
from tests.web.conftest import CHECK_TIMEOUT_S, LIVE_PAGE, wait_done

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _open(browser, server, viewport, **kw):
    context = browser.new_context(base_url=server.base_url, viewport=viewport, **kw)
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda exc: page.problems.append(str(exc)))
    # a CSP refusal (an inline script or style, an outside load) is a console error in Chromium
    page.on("console", lambda msg: page.problems.append(msg.text) if msg.type == "error" else None)
    return context, page


@pytest.fixture
def desktop(browser, server):
    context, page = _open(browser, server, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone(browser, server):
    context, page = _open(browser, server, PHONE, is_mobile=True, has_touch=True)
    yield page
    context.close()


def _sentences_with_parts(report: Report) -> dict[int, list]:
    """Body offset of each sentence holding several claims → its claims."""
    out: dict[int, list] = {}
    for claim in report.claims:
        out.setdefault(claim.span[0], []).append(claim)
    return {k: v for k, v in out.items() if len(v) > 1}


# -- claims within their sentences --------------------------------------------------------------
def test_each_claim_is_highlighted_within_its_sentence(desktop, seed_check, artifacts):
    report = Report.model_validate(seed_check["report"])
    shared = _sentences_with_parts(report)
    assert shared, "the seed has sentences that hold several one-fact claims"
    page = desktop
    page.goto(f"/checks/{seed_check['id']}")
    by_id = {c.id: c for c in report.claims}
    split = 0
    for start, claims in shared.items():
        sentence = page.locator(f'span.sent[data-sentence="{start}"]')
        assert sentence.inner_text() == report.article.body[claims[0].span[0]:claims[0].span[1]]
        parts = sentence.locator("a.hl")
        groups = [parts.nth(i).get_attribute("data-claims").split() for i in range(parts.count())]
        if len({tuple(g) for g in groups}) > 1:
            split += 1
        for claim in claims:  # every claim of the sentence has words of its own there
            assert any(claim.id in g for g in groups), claim.text
        for i, ids in enumerate(groups):  # a part's colour is the gravest verdict of the claims it holds
            keys = {by_id[c].verdict.label if by_id[c].verdict else "unchecked" for c in ids}
            cls = parts.nth(i).get_attribute("class")
            assert any(f"hl-{k}" in cls for k in keys), (cls, keys)
            # and its words come from each of those claims
            words = set(re.findall(r"\w+", parts.nth(i).inner_text().lower()))
            for c in ids:
                claim_words = set(re.findall(r"\w+", by_id[c].text.lower()))
                assert words & claim_words, (parts.nth(i).inner_text(), by_id[c].text)
    assert split >= len(shared) // 2, "most shared sentences are cut into their claims' parts"
    # clicking one part opens that part's claims in the panel, not the sentence's other claims
    start, claims = next((s, cs) for s, cs in shared.items()
                         if len({page.locator(f'span.sent[data-sentence="{s}"] a.hl').nth(i).get_attribute("data-claims")
                                 for i in range(page.locator(f'span.sent[data-sentence="{s}"] a.hl').count())}) > 1)
    part = page.locator(f'span.sent[data-sentence="{start}"] a.hl').last
    ids = part.get_attribute("data-claims").split()
    part.click()
    for claim in claims:
        card = page.locator(f"#claim-{claim.id}")
        assert ("active" in (card.get_attribute("class") or "")) == (claim.id in ids), claim.text
    page.screenshot(path=str(artifacts / "claim-parts-1280.png"))
    assert page.problems == []


def test_a_sentence_shows_its_refuted_and_supported_parts_in_their_colours(desktop, phone, served_report, artifacts):
    """A hand-built report (deterministic verdicts): one sentence, a refuted and a supported fact."""
    job_id, report = served_report
    for page, name in ((desktop, "1280"), (phone, "390")):
        page.goto(f"/checks/{job_id}")
        sentence = page.locator("span.sent").first
        marks = sentence.locator("mark")
        colours = {marks.nth(i).get_attribute("class"): marks.nth(i).locator("a").evaluate(
            "a => getComputedStyle(a).backgroundColor") for i in range(marks.count())}
        assert {"v-refuted", "v-supported"} <= set(colours), colours
        assert colours["v-refuted"] != colours["v-supported"]
        texts = {marks.nth(i).get_attribute("class"): marks.nth(i).inner_text() for i in range(marks.count())}
        assert texts["v-supported"] == "The city spent $4 million" and texts["v-refuted"] == "hired 40 staff."
        sentence.screenshot(path=str(artifacts / f"refuted-and-supported-{name}.png"))
        assert page.problems == []


@pytest.fixture(scope="module")
def served_report(server):
    """A hand-built report with known verdicts, saved in the running server's store as a finished check."""
    from factdesk.evidence.store import open_store

    text = "The city spent $4 million and hired 40 staff."
    article = Article(title="City budget", paragraphs=[text, "The council meets again in May."])
    ev = Evidence(text="The city hired 24 staff.", source="local", stance="refutes", score=0.8)
    good = Evidence(text="The city spent $4 million.", source="local", stance="supports", score=0.8)
    claims = [
        Claim(id="a1", text="The city spent $4 million.", sentence=text, span=(0, len(text)), paragraph=0, group=0,
              checkworthiness=0.9, checked=True,
              verdict=Verdict(label="supported", confidence=0.9, rationale="The budget says so.", evidence=[good])),
        Claim(id="b2", text="The city hired 40 staff.", sentence=text, span=(0, len(text)), paragraph=0, group=0,
              checkworthiness=0.9, checked=True,
              verdict=Verdict(label="refuted", confidence=0.85, rationale="It hired 24.", evidence=[ev])),
    ]
    report = Report(article=article, claims=claims)
    job_id = "feedfacefeedfacefeedfacefeedface"
    store = open_store(str(server.db))  # the server reads reports from its store (no embedder needed)
    try:
        store.save_report(job_id, report.to_json(), {"kind": "report", "title": article.title})
    finally:
        store.close()
    return job_id, report


# -- phone: the verdict opens in place ------------------------------------------------------------
def test_on_a_phone_each_verdict_opens_under_its_sentence(phone, seed_check, artifacts):
    report = Report.model_validate(seed_check["report"])
    page = phone
    page.goto(f"/checks/{seed_check['id']}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    panel_top = page.locator("#checker").evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    by_id = {c.id: c for c in report.claims}
    for n, link in enumerate([page.locator("a.hl").nth(2), page.locator("a.hl").nth(9)]):
        link.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        ids = link.get_attribute("data-claims").split()
        link.click()
        box = page.locator(".inline-verdict")
        box.wait_for(state="visible")
        assert box.count() == 1
        # under the sentence: right after it in the text, far above the panel
        sentence = link.locator("xpath=ancestor::span[contains(@class,'sent')]")
        s_box, v_box = sentence.bounding_box(), box.bounding_box()
        assert 0 <= v_box["y"] - (s_box["y"] + s_box["height"]) < 40
        assert v_box["y"] + page.evaluate("window.scrollY") < panel_top
        assert abs(page.evaluate("window.scrollY") - before) < PHONE["height"], "no jump down the page"
        assert link.get_attribute("aria-expanded") == "true"
        shown = box.inner_text()
        for cid in ids:
            claim = by_id[cid]
            assert claim.text in shown
            if claim.verdict:
                assert VERDICT_TEXT[claim.verdict.label] in shown
                assert confidence_text(claim.verdict) in shown
                if undecided_text(claim.verdict):
                    assert undecided_text(claim.verdict) in shown
        page.screenshot(path=str(artifacts / f"phone-inline-verdict-{n}.png"))
    # Escape closes it and gives the focus back to the words
    page.keyboard.press("Escape")
    assert page.locator(".inline-verdict").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('hl')")
    assert page.problems == []


# -- Listen: the length before playing ------------------------------------------------------------
def test_listen_shows_the_length_before_playing(desktop, server, seed_check, artifacts):
    page = desktop
    audio_requests: list[str] = []
    page.on("request", lambda r: audio_requests.append(r.url) if re.search(r"/audio\?format=", r.url) else None)
    page.goto(f"/checks/{seed_check['id']}")
    length = page.locator("#listen-length")
    page.wait_for_function("() => document.getElementById('listen-length').textContent.trim() !== ''",
                           timeout=120_000)
    with server.client(timeout=120) as client:
        timings = client.get(f"/api/checks/{seed_check['id']}/audio/timings").json()
    assert length.inner_text() == duration_text(timings["duration_s"]) and re.fullmatch(r"\d+:\d\d", length.inner_text())
    button = page.get_by_role("button", name=re.compile(r"Listen to the article"))
    assert duration_text(timings["duration_s"]) in button.inner_text()
    assert page.evaluate("document.getElementById('player').paused")
    assert audio_requests == [], "the length comes from the timings, not from the audio"
    page.locator(".listen").screenshot(path=str(artifacts / "listen-length.png"))
    assert page.problems == []


# -- the reader's own checks -------------------------------------------------------------------------
def test_check_one_claim_on_the_home_page_and_the_article_page(desktop, phone, server, seed_check, artifacts):
    claim = "CECOT opened in 2019."
    with server.client(timeout=120) as client:
        answer = client.post("/api/claims", json={"claims": [claim], "sources": ["local"]})
        assert answer.status_code == 200, answer.text
        expected = answer.json()["claims"][0]
    verdict = Verdict.model_validate(expected["verdict"])
    for page, url, name in ((phone, "/", "home-390"), (desktop, f"/checks/{seed_check['id']}", "article-1280")):
        page.goto(url)
        form = page.locator("form[data-claim-check]")
        assert form.is_visible()
        form.get_by_label("A claim to check").fill(claim)
        if url == "/":
            for box in form.locator('input[name="sources"]').all():  # this server's store only
                box.set_checked(box.get_attribute("value") == "local")
        else:
            for box in page.locator('#rerun-sources input[name="sources"]').all():
                box.set_checked(box.get_attribute("value") == "local")
        form.get_by_role("button", name="Check this claim").click()
        card = form.locator(".claim-result .claim")
        card.wait_for(state="visible", timeout=120_000)
        text = card.inner_text()
        assert VERDICT_TEXT[verdict.label] in text and verdict.label == "refuted"
        assert confidence_text(verdict) in text  # the same words as the server's vocabulary
        assert verdict.rationale in text and claim in text
        card.locator("summary").first.wait_for()
        for ev in verdict.evidence:
            assert ev.text in text
        assert f"v-{verdict.label}" in card.get_attribute("class")
        if url == "/":
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        card.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"claim-check-{name}.png"))
        assert page.problems == []


def test_check_again_with_live_sources(desktop, server, seed_check, live_sources, artifacts):
    old = Report.model_validate(seed_check["report"])
    assert not any(ev.source == "wikipedia" for c in old.claims if c.verdict for ev in c.verdict.evidence)
    page = desktop
    page.goto(f"/checks/{seed_check['id']}")
    boxes = page.locator('#rerun-sources input[name="sources"]')
    ticked = {b.get_attribute("value") for b in boxes.all() if b.is_checked()}
    assert {"local", "wikipedia"} <= ticked, "checking again offers the live sources, ticked"
    for box in boxes.all():  # the store and the (local stand-in for) Wikipedia
        box.set_checked(box.get_attribute("value") in {"local", "wikipedia"})
    page.locator("#rerun-form").screenshot(path=str(artifacts / "check-again.png"))
    page.get_by_role("button", name="Check the article again with these sources").click()
    page.wait_for_url(lambda url: re.search(r"/checks/[0-9a-f]{32}$", url) and seed_check["id"] not in url)
    new_id = page.url.rsplit("/", 1)[1]
    page.wait_for_selector("#story-title", timeout=CHECK_TIMEOUT_S * 1000)
    with server.client() as client:
        body = wait_done(client, new_id)
    assert body["status"] == "done", body
    new = Report.model_validate(body["report"])
    assert new.article == old.article
    cited = [ev for c in new.claims if c.verdict for ev in c.verdict.evidence if ev.source == "wikipedia"]
    assert cited and all(ev.url == f"{live_sources.base}/wiki/Surviving_CECOT" for ev in cited)
    assert LIVE_PAGE["title"] in {ev.title for ev in cited}
    assert live_sources.hits("/w/api.php"), "Wikipedia was asked"
    assert page.problems == []


def test_the_home_page_form_sends_the_sources_chosen(browser, server, live_sources):
    context, page = _open(browser, server, DESKTOP)
    try:
        page.goto("/")
        ticked = {b.get_attribute("value") for b in page.locator('#check-sources input[name="sources"]').all()
                  if b.is_checked()}
        assert ticked == {"local"}, "the server's own sources are ticked (this server: the store only)"
        before = len(live_sources.hits("/w/api.php"))
        page.get_by_label("Article text").fill(
            "Documentary on CECOT\n\nSurviving CECOT is a documentary by PBS Frontline. It features three "
            "Venezuelan men who were deported to the CECOT prison in El Salvador by the United States.")
        page.locator('#check-sources input[value="wikipedia"]').check()
        page.get_by_role("button", name="Check the article").click()
        page.wait_for_url(re.compile(r"/checks/[0-9a-f]{32}$"))
        job_id = page.url.rsplit("/", 1)[1]
        with server.client() as client:
            body = wait_done(client, job_id)
        assert body["status"] == "done", body
        assert len(live_sources.hits("/w/api.php")) > before, "the check asked Wikipedia"
        assert page.problems == []
    finally:
        context.close()


def test_downloads_json_markdown_and_claimreview(desktop, server, seed_check, artifacts):
    page = desktop
    page.goto(f"/checks/{seed_check['id']}")
    report = Report.model_validate(seed_check["report"])
    got = {}
    for label in ("JSON", "Markdown", "HTML", "ClaimReview"):
        with page.expect_download() as info:
            page.locator("#downloads").get_by_role("link", name=label, exact=True).click()
        download = info.value
        path = artifacts / f"download-{download.suggested_filename}"
        download.save_as(str(path))
        got[label] = (download.suggested_filename, path.read_text(encoding="utf-8"))
    name, text = got["JSON"]
    assert name.endswith(".json") and Report.model_validate_json(text) == report
    name, text = got["Markdown"]
    assert name.endswith(".md") and text.startswith(f"# {report.article.title}")
    assert "## Analysis" in text and "{'" not in text
    name, text = got["HTML"]
    assert name.endswith(".html") and "<script" not in text.lower() and 'class="story"' in text
    name, text = got["ClaimReview"]
    reviews = json.loads(text)
    with server.client() as client:
        assert reviews == json.loads(client.get(f"/api/checks/{seed_check['id']}/claimreview").text)
    assert page.problems == []


def test_the_standalone_report_looks_like_the_page(browser, server, seed_check, artifacts, tmp_path):
    """The same elements carry the same computed style in the downloaded HTML and on the web page."""
    with server.client() as client:
        html = client.get(f"/api/checks/{seed_check['id']}/report", params={"format": "html"}).text
    local = tmp_path / "report.html"
    local.write_text(html, encoding="utf-8")
    styles = {}
    for name, url in (("page", f"{server.base_url}/checks/{seed_check['id']}"), ("file", local.as_uri())):
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        page.goto(url)
        styles[name] = page.evaluate("""() => {
            const pick = (sel, props) => { const el = document.querySelector(sel); if (!el) return null;
                const cs = getComputedStyle(el); return props.map(p => cs.getPropertyValue(p)); };
            return {
              headline: pick('#story-title', ['font-family', 'font-size', 'font-weight']),
              body: pick('.story-body p', ['font-family', 'font-size', 'line-height']),
              highlight: pick('.story-body a.hl', ['background-color', 'border-bottom-color', 'border-bottom-width']),
              panel: pick('.checker', ['width', 'border-top-color', 'position']),
              card: pick('.claim', ['border-left-width', 'border-left-color', 'padding-left']),
              badge: pick('.claim .badge', ['background-color', 'color', 'border-radius']),
              analysis: pick('.analysis table.data th', ['font-weight', 'border-bottom-width']),
              comment: pick('.comment .flag', ['background-color', 'color']),
            };
        }""")
        page.screenshot(path=str(artifacts / f"look-alike-{name}.png"))
        context.close()
    assert styles["page"] == styles["file"], styles
    assert all(v is not None for v in styles["page"].values()), styles
