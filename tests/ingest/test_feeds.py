"""RSS/Atom parsing: entries as text, size and entity limits."""

from __future__ import annotations

import pytest

from factdesk.errors import InputError
from factdesk.ingest.feeds import parse_feed, read_feed

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>City Desk</title>
<item><title>Budget passes</title><link>https://ex.org/budget</link>
<description>&lt;p&gt;The council approved the &lt;b&gt;budget&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Tue, 04 Mar 2025 18:30:00 GMT</pubDate><author>desk@ex.org (Ana Ruiz)</author></item>
<item><title>Bridge closes</title><link>javascript:alert(1)</link><description>Repairs start Monday.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lab News</title>
<entry><title>New telescope</title><link href="https://lab.example/t"/><updated>2025-01-02T03:04:05Z</updated>
<content type="html">&lt;p&gt;First light is due in May.&lt;/p&gt;&lt;p&gt;It cost 3 million.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_entries():
    entries = parse_feed(RSS, origin="rss")
    assert [e.title for e in entries] == ["Budget passes", "Bridge closes"]
    assert entries[0].summary == "The council approved the budget."
    assert "<" not in entries[0].summary
    assert entries[0].published == "2025-03-04T18:30:00+00:00"
    assert entries[1].url is None  # a javascript: link is dropped
    doc = entries[0].to_document(source="feed")
    assert doc.url == "https://ex.org/budget" and doc.publisher == "City Desk"


def test_atom_entries_to_article():
    (entry,) = parse_feed(ATOM, origin="atom")
    art = entry.to_article()
    assert art.title == "New telescope" and len(art.paragraphs) == 2


def test_feed_limits(tmp_path):
    with pytest.raises(InputError, match="feed too large"):
        parse_feed(RSS, origin="rss", max_bytes=100)
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>'
    with pytest.raises(InputError, match="declares XML entities"):
        parse_feed(bomb, origin="bomb")
    with pytest.raises(InputError, match="not a readable RSS/Atom feed"):
        parse_feed(b"just some words, not a feed", origin="words")
    many = b'<rss version="2.0"><channel>' + b"<item><title>t</title></item>" * 50 + b"</channel></rss>"
    assert len(parse_feed(many, origin="many", max_items=10)) == 10
    path = tmp_path / "f.xml"
    path.write_bytes(ATOM)
    assert read_feed(path)[0].url == "https://lab.example/t"
