"""Property tests: ingest of any text/HTML ends in an Article or an InputError, never anything else,
and what it returns is consistent (offsets, no line in two places, comment indices)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factdesk.errors import InputError
from factdesk.ingest import article_from_bytes, article_from_html, article_from_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)

PROSE = st.sampled_from([
    "The mayor said on Monday that the new bridge would open in 2027, two years later than planned.",
    "Officials estimated the cost at 48 million euros, up from 31 million in the first plan.",
    "Residents have complained about noise from the building site since work began.",
    "Ich glaube nicht, dass die Zahlen stimmen.",
    "C'est une bonne nouvelle pour le quartier, enfin !",
    "Nobody asked the people who actually live there.",
])
CHROME = st.sampled_from([
    "Share", "Advertisement", "9 Comments", "Kommentare (3)", "3 commentaires", "Comentarios: 4", "Reply",
    "Listen to the article", "By Jane Doe", "March 3, 2025", "Read more: Other story", "Sign up for our newsletter",
    "Maria K. · 2 hours ago", "vor 2 Stunden", "Leave a Reply", "Home | News", "© 2025 Example",
])
TITLE = st.sampled_from(["City Bridge Delayed Again", "Bridge opening pushed back to 2027", "Why It Matters"])
LINE = st.one_of(PROSE, CHROME, TITLE, st.just(""), st.text(max_size=80))


def _squash(text: str) -> str:
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def _check(article, source_lines: list[str]) -> None:
    assert article.paragraphs, "an Article always has paragraphs"
    body = article.body
    for offset, para in zip(article.paragraph_offsets(), article.paragraphs):
        assert body[offset:offset + len(para)] == para
        assert para == para.strip() and para
    assert [c.index for c in article.comments] == list(range(len(article.comments)))
    assert all(c.text.strip() for c in article.comments)
    normalised = {" ".join(ln.split()) for ln in source_lines}
    squashed_input = _squash("".join(source_lines))
    for para in article.paragraphs:
        # every paragraph is a line of the input, or consecutive lines of it joined when unwrapped
        assert para in normalised or _squash(para) in squashed_input
    for comment in article.comments:
        for line in comment.text.split("\n"):
            assert line in normalised
    assert article.title not in article.paragraphs or not article.title


@SETTINGS
@given(st.lists(LINE, min_size=0, max_size=40))
def test_page_text_never_raises_other_errors(lines):
    text = "\n".join(lines)
    try:
        art = article_from_text(text)
    except InputError:
        return
    _check(art, lines)


@SETTINGS
@given(st.binary(max_size=2048))
def test_bytes_never_raise_other_errors(data):
    try:
        article_from_bytes(data, origin="fuzz")
    except InputError:
        pass


TAGS = st.sampled_from(["div", "p", "article", "section", "span", "li", "ol", "h1", "h2", "time", "script",
                        "nav", "aside", "b", "a", "table", "tr", "td"])
ATTRS = st.sampled_from(["", ' class="comment"', ' id="comments"', ' class="comment-content"',
                         ' class="comment-author"', ' itemscope itemtype="https://schema.org/Comment"',
                         ' itemprop="text"', ' href="https://example.org/x"', ' datetime="2025-01-01"'])


@st.composite
def html_docs(draw):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag, attr = draw(TAGS), draw(ATTRS)
        inner = draw(st.one_of(PROSE, CHROME, TITLE, st.text(max_size=40)))
        closed = draw(st.booleans())
        parts.append(f"<{tag}{attr}>{inner}" + (f"</{tag}>" if closed else ""))
    head = draw(st.sampled_from(["", "<!doctype html>", "<html><head><title>T</title></head><body>"]))
    return head + "".join(parts)


@SETTINGS
@given(html_docs())
def test_html_never_raises_other_errors(html):
    try:
        art = article_from_html(html)
    except InputError:
        return
    assert art.paragraphs and all(p == p.strip() and p for p in art.paragraphs)
    for offset, para in zip(art.paragraph_offsets(), art.paragraphs):
        assert art.body[offset:offset + len(para)] == para
    assert [c.index for c in art.comments] == list(range(len(art.comments)))
    assert all(c.text.strip() for c in art.comments)


FEED_PART = st.sampled_from([
    '<?xml version="1.0"?>', '<rss version="2.0">', "<channel>", "<item>", "<title>", "Budget passes", "</title>",
    "<link>https://ex.org/a</link>", "<description>&lt;p&gt;Text&lt;/p&gt;</description>", "</item>",
    "<pubDate>Tue, 04 Mar 2025 18:30:00 GMT</pubDate>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>",
    "</entry>", "<content type='html'>&lt;b&gt;x</content>", "</channel></rss>", "</feed>", "<![CDATA[", "]]>",
])


@SETTINGS
@given(st.lists(st.one_of(FEED_PART, st.text(max_size=20)), max_size=30))
def test_feed_parsing_never_raises_other_errors(parts):
    from factdesk.ingest.feeds import parse_feed

    try:
        entries = parse_feed("".join(parts).encode("utf-8", "replace"), origin="prop")
    except InputError:
        return
    for e in entries:
        assert e.title and (e.url is None or e.url.startswith(("http://", "https://")))


@SETTINGS
@given(st.text(max_size=120))
def test_date_of_is_total(text):
    from datetime import date

    from factdesk.ingest.lexicon import date_of

    got = date_of(text)
    assert got is None or date.fromisoformat(got)
