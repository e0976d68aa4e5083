"""The pipeline end to end through the library: a report for any article, and a clear word when the
store has nothing to verify against."""

from factdesk.models import Article, Document
from factdesk.pipeline import check
from factdesk.runtime import Runtime

ARTICLE = Article(
    title="Harbour bridge reopens",
    paragraphs=[
        "The Port Elspeth harbour bridge reopened on Monday after an 18-month renovation that cost 64 million euros.",
        "Mayor Ines Calder said traffic would return to normal within a week.",
    ],
)


def test_empty_store_says_so(config):
    with Runtime(config) as rt:
        report = check(ARTICLE, rt)
    assert report.claims and all(c.verdict is None or c.verdict.label == "not_enough_evidence" for c in report.claims)
    assert any("evidence store is empty" in w for w in report.warnings)


def test_store_with_evidence_gives_no_empty_store_warning(config):
    with Runtime(config) as rt:
        rt.store.add_documents([Document(
            id="harbour-1", url="https://news.example/harbour", title="Bridge renovation",
            text="The Port Elspeth harbour bridge reopened on Monday. The renovation took 18 months and cost 64 million euros.",
        )])
        report = check(ARTICLE, rt)
    assert not any("evidence store is empty" in w for w in report.warnings)
    checked = [c for c in report.claims if c.checked and c.verdict is not None]
    assert any(ev.url == "https://news.example/harbour" for c in checked for ev in c.verdict.evidence)
