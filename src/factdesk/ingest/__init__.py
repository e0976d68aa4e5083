"""Ingest: a URL, an HTML file or the plain text of a scraped page → ``Article``.

PLACEHOLDER (issue 3 replaces it). Contract: ``load_article(source, config=None) -> Article``
where ``source`` is a path, a URL or '-' (stdin); raises ``InputError`` with a clear message.
"""

from __future__ import annotations

from pathlib import Path

from factdesk.errors import InputError
from factdesk.models import Article


def load_article(source: str, config=None) -> Article:
    path = Path(source)
    if not path.is_file():
        raise InputError(f"no such file: {source}")
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if len(lines) < 2:
        raise InputError(f"{source}: no article found")
    return Article(title=lines[0], paragraphs=lines[1:])
