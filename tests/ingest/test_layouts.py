"""The seed and the hand-written page layouts in tests/data/ingest (expected.json says what each holds)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.ingest import article_from_text, load_article

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
EXPECTED = {k: v for k, v in json.loads((DATA / "expected.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}

SEED_TITLE = "Bukele Challenges Clinton on Salvadoran Prison Conditions Amid Deportation Controversy"


def _inside(article) -> set[str]:
    lines = {article.title, *article.paragraphs}
    for c in article.comments:
        lines.update(c.text.split("\n"))
    return lines


def test_seed(seed_path):
    art = load_article(str(seed_path))
    assert art.title == SEED_TITLE
    assert len(art.paragraphs) == 12
    assert len(art.comments) == 9
    assert art.paragraphs[0].startswith("El Salvadoran President Nayib Bukele")
    assert art.paragraphs[-1].startswith("This latest exchange between Bukele and Clinton")
    # every non-blank line of the page is exactly one of: title, paragraph, comment, chrome
    lines = [ln.strip() for ln in seed_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    comments = [c.text for c in art.comments]
    for line in lines:
        places = [line == art.title, line in art.paragraphs, line in comments, line in art.chrome]
        assert sum(places) == 1, line
    assert set(art.chrome).isdisjoint(_inside(art))
    assert len(art.chrome) == 4  # the widget label, its description, the audio label and the count


def test_seed_without_its_count_line(seed_path):
    """The comment count line missing: the comments are still found after the widget."""
    text = seed_path.read_text(encoding="utf-8").replace("9 Comments\n", "")
    art = article_from_text(text)
    assert art.title == SEED_TITLE
    assert (len(art.paragraphs), len(art.comments)) == (12, 9)


def test_seed_without_count_line_or_blank_lines(seed_path):
    """No count line and no gap either: the widget's description addresses the reader, so the
    widget is not taken for a sub-heading and the comments still do not join the body."""
    text = seed_path.read_text(encoding="utf-8").replace("9 Comments\n", "")
    text = "\n".join(ln for ln in text.splitlines() if ln.strip())
    art = article_from_text(text)
    assert (art.title, len(art.paragraphs), len(art.comments)) == (SEED_TITLE, 12, 9)
    poll = "\n".join(ln for ln in (DATA / "en_no_count.txt").read_text(encoding="utf-8").splitlines() if ln.strip())
    art = article_from_text(poll)
    assert (len(art.paragraphs), len(art.comments)) == (5, 4)


def test_sub_heading_before_two_paragraphs_stays_in_body():
    text = ("Port Strike Ends After Nine Days\n"
            "Dock workers returned on Friday after the union accepted a 5 percent raise over two years.\n"
            "Shipping lines said it would take a week to clear the backlog of about 40 vessels.\n"
            "What Comes Next\n"
            "The agreement still has to be ratified by members in a vote next month.\n"
            "Union leaders said they expected it to pass by a wide margin.\n")
    art = article_from_text(text)
    assert art.paragraphs[2] == "What Comes Next" and len(art.paragraphs) == 5 and not art.comments


def test_seed_with_blank_line_paragraphs(seed_path):
    """The same page saved with a blank line between all lines."""
    text = "\n\n".join(ln for ln in seed_path.read_text(encoding="utf-8").splitlines() if ln.strip())
    art = article_from_text(text)
    assert art.title == SEED_TITLE
    assert (len(art.paragraphs), len(art.comments)) == (12, 9)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout(name):
    exp = EXPECTED[name]
    art = load_article(str(DATA / name))
    assert art.title == exp["title"]
    assert len(art.paragraphs) == exp["paragraphs"], art.paragraphs
    assert len(art.comments) == exp["comments"], [c.text for c in art.comments]
    assert art.source_kind == ("html" if name.endswith(".html") else "text")
    if "author" in exp:
        assert art.author == exp["author"]
    if "published" in exp:
        assert (art.published or "")[:10] == (exp["published"] or "")
    for key in ("language", "url", "links"):
        if key in exp:
            assert getattr(art, key) == exp[key], key
    if "comment_authors" in exp:
        assert [c.author for c in art.comments] == exp["comment_authors"]
    if "multi_paragraph_comment" in exp:
        assert "\n" in art.comments[exp["multi_paragraph_comment"]].text
    inside = _inside(art)
    for line in exp["chrome"]:
        assert line not in inside, f"chrome line leaked: {line!r}"
    assert all(p.strip() == p and p for p in art.paragraphs)
    assert [c.index for c in art.comments] == list(range(len(art.comments)))


def test_paragraph_offsets_match_body():
    art = load_article(str(DATA / "en_subheads.txt"))
    for offset, para in zip(art.paragraph_offsets(), art.paragraphs):
        assert art.body[offset:offset + len(para)] == para


def test_html_detected_by_content_not_extension(tmp_path):
    src = (DATA / "wordpress.html").read_bytes()
    disguised = tmp_path / "page.txt"
    disguised.write_bytes(src)
    art = load_article(str(disguised))
    assert art.source_kind == "html" and art.title == EXPECTED["wordpress.html"]["title"]
    text_as_html = tmp_path / "story.html"
    text_as_html.write_bytes((DATA / "en_no_count.txt").read_bytes())
    assert load_article(str(text_as_html)).source_kind == "text"


def test_stdin_via_library(monkeypatch, seed_path):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(seed_path.read_bytes()), encoding="utf-8"))
    art = load_article("-")
    assert art.title == SEED_TITLE and len(art.comments) == 9


def test_chrome_words_inside_article_sentences_are_kept():
    """Vocabulary marks short chrome lines, never article sentences that use the same words."""
    text = ("Platform Tightens Rules on Harassment\n"
            "The platform updated its community guidelines in March to ban coordinated harassment campaigns.\n"
            "Share prices of the company fell 3 percent after the announcement on Tuesday.\n"
            "Advertisers had complained that their ads appeared next to abusive posts for months.\n"
            "The company said it would also stop using third-party cookies for targeting by next year.\n"
            "Its weekly newsletter for advertisers will report how many accounts were suspended.\n")
    art = article_from_text(text)
    assert art.title == "Platform Tightens Rules on Harassment"
    assert len(art.paragraphs) == 5 and art.chrome == []


def test_a_short_last_comment_counts_when_it_makes_the_announced_number():
    page = "\n".join([
        "Science", "The Mould That Changed Medicine", "28 September 2026",
        "Alexander Fleming discovered penicillin on 28 September 1928 at St Mary's Hospital in London.",
        "The mould was later identified as Penicillium notatum.",
        "Fleming published his findings in 1929, but he struggled to purify the substance.",
        "Join the discussion (3)",
        "My grandfather was given penicillin in 1944 and always said it saved his life.",
        "I did not know the first patient was a police constable.",
        "Great piece.",
    ])
    art = article_from_text(page)
    assert [c.text for c in art.comments][-1] == "Great piece."
    assert len(art.comments) == 3
    # without a count to make, a two-word line after the comments stays chrome
    art = article_from_text(page.replace("Join the discussion (3)", "Join the discussion"))
    assert "Great piece." not in [c.text for c in art.comments]


@pytest.mark.parametrize("byline, dateline, author", [
    ("By Martín Quiroga in Trelew", "Trelew, 20 September 2026", "Martín Quiroga"),
    ("Reporter: Gemma Thwaite", "BRACKENFORD, Thursday 12 March 2026", "Gemma Thwaite"),
    ("Words by Nadia Kovalenko, Chess Correspondent", "Korsava – Sunday 15 March 2026", "Nadia Kovalenko"),
])
def test_a_place_in_a_byline_or_before_a_date_keeps_it_metadata_not_the_title(byline, dateline, author):
    """A byline that names where the reporter filed from, a role before the name, and a dateline that
    opens with a place are page metadata: the headline stays the title and the date is read."""
    page = "\n".join([
        "Sport › Chess", "Dörrenberg Edges Strand in Play-Off to Claim First National Chess Title", byline, dateline,
        "Ilja Dörrenberg became national chess champion for the first time on Saturday, scoring 8 points.",
        "In all, 14 players took part in the championship, which was played in the Old Town Hall.",
        "Dörrenberg then won a rapid play-off 2–0 on Saturday evening to settle the title.",
    ])
    art = article_from_text(page)
    assert art.title == "Dörrenberg Edges Strand in Play-Off to Claim First National Chess Title"
    assert art.author == author
    assert art.published is not None and art.published.startswith("2026-")
    assert len(art.paragraphs) == 3
    # a headline that only starts with a place and a date is still a headline
    headline = "Lisbon, 1 November 1755: The Morning the Earth Shook the Capital"
    art = article_from_text(page.replace("Dörrenberg Edges Strand in Play-Off to Claim First National Chess Title",
                                         headline))
    assert art.title == headline


def test_a_count_heading_that_quotes_a_short_title_opens_the_comments():
    # exactly 60 characters: too long for the short count patterns, once too short for the quoting one
    heading = "6 thoughts on “The Glass Pyramid That Paris Learned to Love”"
    assert len(heading) == 60
    page = "\n".join([
        "Culture", "The Glass Pyramid That Paris Learned to Love", "Monday 2 November 2026",
        "The glass pyramid in the Cour Napoléon has served as the main entrance to the Louvre since 1989.",
        "It was designed by the Chinese-American architect I. M. Pei.",
        heading,
        "Went last spring and the queue was two hours long.",
        "Great article, thanks.",
    ])
    art = article_from_text(page)
    assert [c.text for c in art.comments] == ["Went last spring and the queue was two hours long.", "Great article, thanks."]
    assert not any("thoughts on" in p for p in art.paragraphs)
