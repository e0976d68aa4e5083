"""Input checks: sizes, binary data, decoding, HTML vs text sniffing, and hostile HTML/text shapes."""

from __future__ import annotations

import time

import pytest

from factdesk.config import Config
from factdesk.errors import InputError
from factdesk.ingest import article_from_bytes, article_from_html, article_from_text, load_article
from factdesk.ingest.detect import binary_kind, decode_bytes, read_path, sniff_kind

PROSE = ("The committee met on Tuesday and agreed to publish the full report next month, "
         "after two years of hearings and more than 300 witness statements.")


@pytest.mark.parametrize(
    "data, kind",
    [(b"%PDF-1.4 ...", "a PDF document"), (b"PK\x03\x04zip", "a ZIP archive"), (b"\x1f\x8b\x08\x00", "gzip"),
     (b"GIF89a....", "a GIF image"), (b"text\x00with nul", "binary data"), (bytes(range(1, 31)) * 10, "binary data")],
)
def test_binary_kinds(data, kind):
    assert kind in binary_kind(data)


def test_text_is_not_binary():
    assert binary_kind("Grüße, café — “quoted”\n".encode()) is None
    assert binary_kind("\ufeffBOM text".encode("utf-16")) is None


def test_decoding():
    assert decode_bytes("naïve".encode("utf-16"), origin="x") == "naïve"
    assert decode_bytes(b'<meta charset="iso-8859-1"><p>caf\xe9</p>', origin="x").endswith("café</p>")
    # no declaration, not UTF-8: the charset is detected (windows-1252 among equals)
    assert decode_bytes(b"caf\xe9 au lait", origin="x") == "café au lait"


@pytest.mark.parametrize(
    "text, kind",
    [("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"), ("<html lang=en><p>x", "html"),
     ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "feed"),
     ("<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
     ("Title\nA paragraph that mentions <b> once.", "text"), ("Just text.", "text")],
)
def test_sniff(text, kind):
    assert sniff_kind(text) == kind


def test_size_checked_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    start = time.perf_counter()
    with pytest.raises(InputError, match="file too large"):
        read_path(big, limit=Config().ingest.max_input_bytes)
    assert time.perf_counter() - start < 1.0  # refused from stat, not by reading 100 MB


def test_feed_is_not_an_article():
    with pytest.raises(InputError, match="RSS/Atom feed, not an article"):
        article_from_bytes(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', origin="f")


def test_unsupported_scheme_and_empty_source():
    with pytest.raises(InputError, match="unsupported URL scheme 'ftp'"):
        load_article("ftp://example.org/a.txt")
    with pytest.raises(InputError, match="no input given"):
        load_article("")


def test_long_single_line_is_bounded():
    """A 5 MB single line of prose: handled in linear time (one paragraph, no title)."""
    line = (PROSE + " ") * 32000
    start = time.perf_counter()
    art = article_from_text(line)
    assert len(art.paragraphs) == 1
    assert time.perf_counter() - start < 10


def test_deeply_nested_html_is_bounded():
    html = "<html><body>" + "<div>" * 100_000 + f"<p>{PROSE}</p>" + "</div>" * 100_000 + "</body></html>"
    start = time.perf_counter()
    try:
        art = article_from_html(html)
    except InputError as exc:
        assert "no article" in str(exc)
    else:
        assert PROSE in art.body
    assert time.perf_counter() - start < 10


def test_entity_bomb_in_html_is_not_expanded():
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
            '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            f'<html><body><h1>A Title Here</h1><p>{PROSE} &lol3;</p></body></html>')
    art = article_from_html(bomb)
    assert "lollol" not in art.body


def test_external_entity_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    page = (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            f"<html><body><h1>Title of Page</h1><p>{PROSE} &xxe;</p></body></html>")
    art = article_from_html(page)
    assert "TOP-SECRET-VALUE" not in art.body


def test_script_and_style_never_in_body():
    html = (f"<html><body><article><h1>Safe Title Here</h1><script>alert('x')</script><style>p{{}}</style>"
            f"<p>{PROSE}</p><p>{PROSE}</p></article></body></html>")
    art = article_from_html(html)
    assert "alert" not in art.body and "p{}" not in art.body


def test_too_many_lines_refused_quickly():
    start = time.perf_counter()
    with pytest.raises(InputError, match="too many lines"):
        article_from_text("a b\n" * 1_000_000)
    assert time.perf_counter() - start < 5


def test_comment_flood_is_capped():
    from factdesk.ingest.html import MAX_COMMENTS

    item = "<div itemscope itemtype='https://schema.org/Comment'><span itemprop='text'>Same here.</span></div>"
    html = f"<html><body><article><h1>Flooded Page Title</h1><p>{PROSE}</p><p>{PROSE}</p></article>" \
           + item * (MAX_COMMENTS + 500) + "</body></html>"
    start = time.perf_counter()
    art = article_from_html(html)
    assert len(art.comments) == MAX_COMMENTS
    assert time.perf_counter() - start < 15


def test_comment_words_in_article_classes_do_not_hide_the_article():
    html = (f'<html><body><article class="post has-comments comments-open"><h1>A Headline Of Note</h1>'
            f"<p>{PROSE}</p><p>The chair said the findings would be sent to parliament in June.</p></article>"
            '<div class="comments"><div class="comment"><span class="author">Ann</span>'
            '<p class="comment-text">I was there.</p></div></div></body></html>')
    art = article_from_html(html)
    assert art.title == "A Headline Of Note" and len(art.paragraphs) == 2
    assert [(c.author, c.text) for c in art.comments] == [("Ann", "I was there.")]


def test_control_characters_are_stripped():
    text = f"Breaking\x1b[2J News\x07 Title\n{PROSE}\x1b]0;pwned\x07\nThe chair said more was to come in June.\n"
    art = article_from_text(text)
    assert art.title == "Breaking[2J News Title"
    assert all("\x1b" not in p and "\x07" not in p for p in art.paragraphs)
    html = f"<html><body><article><h1>Esc\x1b[31mape</h1><p>{PROSE}\x1b[0m</p></article></body></html>"
    art = article_from_html(html)
    assert "\x1b" not in art.title and all("\x1b" not in p for p in art.paragraphs)


def test_lone_surrogates_do_not_break_the_report():
    art = article_from_text(f"Title With \ud800 Surrogate Here\n{PROSE} \udfff\n")
    art.model_dump_json()  # must encode
    art = article_from_html(f"<html><body><h1>Head \ud800 Line Here</h1><p>{PROSE}\udfff</p></body></html>")
    art.model_dump_json()
