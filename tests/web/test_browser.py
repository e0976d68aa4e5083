"""The pages in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Screenshots go to test-artifacts/ (gitignored)."""

from __future__ import annotations

import pytest

from factdesk.models import Report
from tests.web.conftest import WEB_DATA, wait_done

SEED_TITLE = "Bukele Challenges Clinton on Salvadoran Prison Conditions Amid Deportation Controversy"

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server.base_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    context.close()


def test_submit_the_seed_through_the_home_page(page, seed_check, artifacts):
    # the seed_check fixture pasted the seed into the home page and followed the live progress page
    landed = seed_check["landed"]
    assert landed["url"].endswith(f"/checks/{seed_check['id']}") and landed["errors"] == []
    assert landed["title"] == SEED_TITLE
    page.goto(f"/checks/{seed_check['id']}")
    assert page.locator("#checker-title").inner_text().endswith("Fact Checker")
    assert page.locator(".story-body p").count() == 12
    assert page.locator(".comment").count() == 9
    report = Report.model_validate(seed_check["report"])
    assert seed_check["progress_seen"]  # the live progress page came first
    # one highlighted sentence per claimed sentence; each claim has at least one highlight of its own words
    assert page.locator("span.sent").count() == len({(c.paragraph, *c.span) for c in report.claims})
    for claim in report.claims:
        assert page.locator(f'a.hl[data-claims~="{claim.id}"]').count() >= 1, claim.text
    assert page.locator(".claims > li").count() == len([c for c in report.claims if c.checked])
    page.screenshot(path=str(artifacts / "article.png"), full_page=True)
    assert page.js_errors == []


def test_listen_plays_and_follows_along(page, seed_check, artifacts):
    page.goto(f"/checks/{seed_check['id']}")
    page.get_by_role("button", name="Listen to the article").click()
    button = page.locator("#listen")
    page.wait_for_function("() => document.getElementById('player').currentTime > 1.5", timeout=120_000)
    assert page.locator("#player").evaluate("a => !a.paused && a.duration > 10")
    assert button.get_attribute("aria-pressed") == "true"
    # follow-along: a sentence is marked and named (title first, then body sentences)
    page.wait_for_function("() => Number(document.body.dataset.readingSentence) >= 0", timeout=20_000)
    assert page.locator("#now-reading-text").inner_text().strip()
    page.evaluate("document.getElementById('player').currentTime = 12")
    page.wait_for_function("() => CSS.highlights.has('reading') && Number(document.body.dataset.readingSentence) > 0",
                           timeout=20_000)
    reading = page.evaluate("[...CSS.highlights.get('reading')][0].toString()")
    now = page.locator("#now-reading-text").inner_text()
    assert reading.strip() and reading.strip()[:20] == now.strip()[:20]
    page.screenshot(path=str(artifacts / "listen.png"))
    assert page.js_errors == []


def test_clicking_a_highlight_opens_its_evidence(page, seed_check, artifacts):
    report = Report.model_validate(seed_check["report"])
    with_evidence = [c for c in report.claims if c.verdict and c.verdict.evidence]
    assert with_evidence, "no claim of the seed found evidence in the store"
    claim = with_evidence[-1]
    page.goto(f"/checks/{seed_check['id']}")
    sentence = page.locator(f'span.sent[data-sentence="{claim.span[0]}"]')
    assert sentence.inner_text() == report.article.body[claim.span[0]:claim.span[1]]
    highlight = sentence.locator(f'a.hl[data-claims~="{claim.id}"]').first
    highlight.click()
    card = page.locator(f"#claim-{claim.id}")
    assert "active" in card.get_attribute("class")
    assert card.locator("details.evidence").evaluate("d => d.open")
    first = card.locator(".evidence-item blockquote").first
    first.wait_for(state="visible")
    assert first.inner_text() == claim.verdict.evidence[0].text
    assert card.locator(".badge").inner_text() in {"Supported", "Refuted", "Mixed evidence", "Not enough evidence"}
    page.screenshot(path=str(artifacts / "highlight.png"))
    # keyboard: focus another highlight and press Enter
    other = page.locator("a.hl").first
    other.focus()
    page.keyboard.press("Enter")
    other_id = other.get_attribute("data-claim")
    assert "active" in page.locator(f"#claim-{other_id}").get_attribute("class")
    assert page.js_errors == []


def test_comment_flags_are_shown(page, seed_check, artifacts):
    report = Report.model_validate(seed_check["report"])
    flagged = [c for c in report.article.comments if c.flags]
    assert flagged, "the seed's templated comments should be flagged"
    page.goto(f"/checks/{seed_check['id']}#comments")
    for comment in flagged:
        item = page.locator(f"#comment-{comment.index}")
        assert item.locator(".flag").count() == len(comment.flags)
        for reason in comment.reasons:
            assert reason in item.locator(".reasons").inner_text()
    page.locator("#comments").screenshot(path=str(artifacts / "comments.png"))


def test_phone_width_and_no_javascript(browser, server, seed_check, artifacts):
    phone = browser.new_context(base_url=server.base_url, viewport={"width": 390, "height": 844},
                                java_script_enabled=False)
    pg = phone.new_page()
    pg.goto(f"/checks/{seed_check['id']}")
    assert pg.evaluate("document.documentElement.scrollWidth") <= 391  # no sideways scrolling
    for landmark in ("banner", "main", "complementary", "contentinfo"):
        assert pg.get_by_role(landmark).count() >= 1
    assert pg.locator(".story-body p").count() == 12 and pg.locator(".claim").count() >= 1
    sources = pg.locator("audio#player source")
    assert [sources.nth(i).get_attribute("type") for i in range(sources.count())] == ["audio/ogg", "audio/mpeg"]
    pg.screenshot(path=str(artifacts / "phone.png"), full_page=True)
    phone.close()


def test_script_in_article_or_comments_never_runs(page, server, artifacts):
    text = (WEB_DATA / "hostile_article.txt").read_text(encoding="utf-8")
    with server.client() as client:
        job = client.post("/api/checks", json={"text": text}).json()
        body = wait_done(client, job["id"])
    assert body["status"] == "done", body
    report = Report.model_validate(body["report"])
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"/checks/{job['id']}")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__xss") == "undefined" and dialogs == []
    assert "<script>" in page.locator("#story-title").inner_text()  # shown as text
    assert page.locator("#story-body script, #story-body img, #comments script, #comments img").count() == 0
    assert page.locator("#story-body a[href^='javascript']").count() == 0
    assert report.article.comments, "the comment section of the hostile page should be read"
    assert "<script>" in page.locator("#comments").inner_text()
    page.screenshot(path=str(artifacts / "xss.png"), full_page=True)
