"""Ingest: a URL, an HTML file or the plain text of a scraped page → ``Article``.

One entry point, :func:`load_article`, takes what a user types: a path (plain text or HTML,
told apart by content, not by extension), an ``http(s)://`` URL, or ``-`` for standard input.
Bad input raises :class:`~factdesk.errors.InputError` (or :class:`~factdesk.errors.FetchError`
for URLs) with one message naming what was wrong.

>>> from factdesk.ingest import article_from_text
>>> art = article_from_text(
...     "Harbour Reopens After Storm\\n"
...     "The harbour reopened on Monday after three days of closure caused by the storm.\\n"
...     "Ferries will run on a reduced timetable until Friday, the port authority said.")
>>> art.title, len(art.paragraphs)
('Harbour Reopens After Storm', 2)

Modules: :mod:`.detect` (size caps, binary refusal, decoding, HTML/feed/text sniffing),
:mod:`.page_text` (scraped-page text: chrome, title, body, comments), :mod:`.lexicon` (line shapes),
:mod:`.html` (trafilatura + comment markup), :mod:`.comments` (comment sections), :mod:`.render`
(pages that need a browser), :mod:`.url` (safe fetching), :mod:`.feeds` (RSS/Atom), :mod:`.load` (the
entry points).
"""

from factdesk.ingest.load import (
    article_from_bytes,
    article_from_html,
    article_from_text,
    fetch_article,
    is_url,
    load_article,
)
from factdesk.ingest.page_text import PageText, split_page

__all__ = [
    "PageText",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "fetch_article",
    "is_url",
    "load_article",
    "split_page",
]
