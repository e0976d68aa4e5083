"""Read documents for the store from files: JSONL, folders of .txt/.md/.html, RSS/Atom feeds,
MediaWiki XML dumps. Each reader is a generator of :class:`Document`; :func:`read_path` picks one
through :data:`READERS`, a registry keyed by file suffix.

Every reader has size limits, and bad input raises :class:`InputError` naming the file (and the
line, for JSONL). JSONL files are validated completely before the first document is yielded, so a
malformed line means nothing of that file is written.

>>> docs = list(read_path(Path("news.jsonl")))
"""

from __future__ import annotations

import bz2
import hashlib
import html as html_lib
import json
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factdesk.errors import InputError
from factdesk.models import Document

MAX_FILE_BYTES = 20 * 1024 * 1024  # one .txt/.html/.md/feed file
MAX_JSONL_LINE_BYTES = 10 * 1024 * 1024
MAX_WIKI_PAGE_CHARS = 2 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
DOC_FIELDS = ("id", "url", "title", "text", "published", "source", "publisher")

Reader = Callable[[Path], Iterator[Document]]


def _read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file within ``limit``, read by ingest's reader (the one ``factdesk
    check`` uses): pipes and devices refused without waiting, empty and binary files refused."""
    from factdesk.ingest.detect import check_text_bytes, read_path

    data = read_path(path, limit=limit)
    check_text_bytes(data, origin=str(path))
    return data


def _read_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """A text or HTML file decoded the way ``factdesk check`` decodes one (byte order marks,
    declared and detected charsets); undecodable bytes are an ``InputError``."""
    from factdesk.ingest.detect import decode_bytes

    return decode_bytes(_read_bytes(path, limit), origin=str(path))


def _open_regular(path: Path):
    """Open a regular file for reading (binary); a pipe, a device or a socket is refused at once."""
    import os
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"{path}: not a regular file (a named pipe, a device or a socket)")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _file_id(path: Path) -> str:
    return path.resolve().as_uri()


# -- JSONL --------------------------------------------------------------------------------------
def _jsonl_doc(path: Path, lineno: int, raw: bytes) -> Document | None:
    where = f"{path}:{lineno}"
    if not raw.strip():
        return None
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})") from None
    except RecursionError:  # '[[[[…' nested past the interpreter's limit
        raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object with id and text, got {type(obj).__name__}")
    if "id" not in obj or "text" not in obj:
        missing = [k for k in ("id", "text") if k not in obj]
        raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
    if isinstance(obj["id"], (int, float)) and not isinstance(obj["id"], bool):
        obj["id"] = str(obj["id"])
    data = {k: obj[k] for k in DOC_FIELDS if k in obj and obj[k] is not None}
    try:
        doc = Document.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise InputError(f"{where}: field {'.'.join(map(str, first['loc']))!r}: {first['msg']}") from None
    if not doc.id.strip():
        raise InputError(f"{where}: empty id")
    return doc


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    f = _open_regular(path)
    with f:
        lineno = 0
        while True:
            raw = f.readline(MAX_JSONL_LINE_BYTES + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > MAX_JSONL_LINE_BYTES:
                raise InputError(f"{path}:{lineno}: line longer than {MAX_JSONL_LINE_BYTES} bytes")
            yield lineno, raw


def validate_jsonl(path: Path) -> int:
    """Check every line; return the number of documents. Raises InputError at the first bad line,
    and for a file with no document at all."""
    n = sum(1 for lineno, raw in _jsonl_lines(path) if _jsonl_doc(path, lineno, raw) is not None)
    if n == 0:
        raise InputError(f"{path}: no documents (the file is empty or blank)")
    return n


def read_jsonl_lines(path: Path) -> Iterator[tuple[int, Document]]:
    """(line number, document) per non-blank line, after the whole file is validated."""
    validate_jsonl(path)
    for lineno, raw in _jsonl_lines(path):
        doc = _jsonl_doc(path, lineno, raw)
        if doc is not None:
            yield lineno, doc


def read_jsonl(path: Path) -> Iterator[Document]:
    """One document per line: ``{"id", "text"}`` plus optional url, title, published, source, publisher."""
    for _lineno, doc in read_jsonl_lines(path):
        yield doc


# -- text, markdown, HTML -----------------------------------------------------------------------
def read_text_file(path: Path) -> Iterator[Document]:
    text = _read_text(path)
    lines = [ln.strip() for ln in text.splitlines()]
    title = next((ln.lstrip("#").strip() for ln in lines if ln), None)
    if path.suffix.lower() in (".md", ".markdown"):
        text = re.sub(r"^#{1,6}\s*", "", text, flags=re.M)  # headings become plain lines
        text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
        text = re.sub(r"[*_`]{1,3}", "", text)
    if not text.strip():
        return
    yield Document(id=_file_id(path), url=path.resolve().as_uri(), title=title, text=text, source="local")


def read_html_file(path: Path) -> Iterator[Document]:
    import trafilatura

    raw = _read_text(path)
    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True) or ""
    text = "\n\n".join(line for line in text.splitlines() if line.strip())  # each line is a paragraph
    meta = trafilatura.extract_metadata(raw)
    title = getattr(meta, "title", None) if meta else None
    url = getattr(meta, "url", None) if meta else None
    date = getattr(meta, "date", None) if meta else None
    publisher = getattr(meta, "sitename", None) if meta else None
    if not text.strip():
        return
    yield Document(
        id=_file_id(path), url=url or path.resolve().as_uri(), title=title, text=text, published=date,
        source="local", publisher=publisher,
    )


def directory_files(path: Path) -> list[Path]:
    """The .txt/.md/.html files under a folder, sorted (so re-runs see the same order)."""
    return [child for child in sorted(p for p in path.rglob("*") if p.is_file())
            if READERS.get(child.suffix.lower()) in (read_text_file, read_html_file)]


def read_directory(path: Path) -> Iterator[Document]:
    """Every .txt/.md/.html file under a folder (sorted, so re-runs see the same order)."""
    for child in directory_files(path):
        yield from READERS[child.suffix.lower()](child)


def validate_path(path: Path) -> int | None:
    """Check an input of ``factdesk store add`` before anything is written: every line of a JSONL
    file, the bytes of every text and HTML file (of a folder too: none may be empty, binary or
    undecodable), the entries of a feed. Returns the number of documents when known."""
    if path.is_dir():
        files = directory_files(path)
        if not files:
            raise InputError(f"{path}: no .txt, .md or .html files in this folder")
        for child in files:
            _read_text(child)
        return None
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return validate_jsonl(path)
    reader = READERS.get(path.suffix.lower())
    if reader in (read_text_file, read_html_file):
        _read_text(path)
        return None
    next(iter(read_path(path)), None)  # unknown type or unreadable feed fails here
    return None


# -- RSS / Atom ---------------------------------------------------------------------------------
def _strip_html(text: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<br\s*/?>|</p\s*>|</div\s*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"[ \t]+", " ", html_lib.unescape(text)).strip()


def _iso(struct: Any) -> str | None:
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=timezone.utc).isoformat()
    except (TypeError, ValueError):
        return None


def read_feed(path: Path) -> Iterator[Document]:
    """Entries of an RSS or Atom file (each entry's content, else its summary)."""
    import feedparser

    data = _read_bytes(path)
    if b"<mediawiki" in data[:2000]:
        raise InputError(f"{path} is a MediaWiki dump: use `factdesk store import-wikipedia`")
    if re.search(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", data[:65536], re.I):  # billion-laughs shape: refused
        raise InputError(f"{path}: feed declares XML entities (refused: entity expansion is not allowed)")
    feed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if getattr(feed, "bozo", 0) and feed.get("bozo_exception") else ""
        raise InputError(f"{path}: no feed entries found{reason}")
    publisher = feed.feed.get("title") or None
    for entry in feed.entries:
        body = ""
        if entry.get("content"):
            body = " ".join(c.get("value", "") for c in entry.content)
        body = _strip_html(body or entry.get("summary", "") or "")
        title = _strip_html(entry.get("title", "") or "") or None
        if not body and not title:
            continue
        link = entry.get("link") or None
        ident = entry.get("id") or link or hashlib.sha1(f"{title}|{body}".encode()).hexdigest()
        yield Document(
            id=f"feed:{ident}", url=link, title=title, text=body or title or "",
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            source="feed", publisher=publisher,
        )


# -- MediaWiki XML dump -------------------------------------------------------------------------
def _open_dump(path: Path):
    f = _open_regular(path)
    try:
        magic = f.read(3)
        f.seek(0)
        return bz2.open(f, "rb") if magic == b"BZh" else f
    except OSError as exc:
        f.close()
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def wikitext_to_text(wikitext: str) -> str:
    """Plain prose from wikitext: templates, references, tables, files and markup removed.

    >>> wikitext_to_text("'''Paris''' is the [[capital city|capital]] of [[France]].<ref>x</ref>{{cite}}")
    'Paris is the capital of France.'
    """
    import mwparserfromhell

    wikitext = re.sub(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>", "", wikitext, flags=re.S | re.I)
    wikitext = re.sub(r"^=+[^=\n]+=+\s*$", "", wikitext, flags=re.M)  # section headings
    code = mwparserfromhell.parse(wikitext)
    text = code.strip_code(normalize=True, collapse=True, keep_template_params=False)
    lines = []
    for line in text.splitlines():
        line = line.strip()
        # headings, list bullets, table/file leftovers carry no checkable prose
        if not line or re.fullmatch(r"=+.*=+", line) or line.startswith(("|", "{", "!", "Category:", "thumb|")):
            continue
        lines.append(line.lstrip("*#:; ").strip())
    return "\n\n".join(ln for ln in lines if ln)


def read_mediawiki_dump(path: Path, *, limit: int | None = None) -> Iterator[Document]:
    """Articles (namespace 0, no redirects) of a MediaWiki XML export, streamed with iterparse.

    The parser never resolves entities, loads a DTD or touches the network, and keeps no more than
    one page in memory (billion-laughs and oversized-node inputs are refused, not expanded).
    """
    from lxml import etree

    base = "https://en.wikipedia.org/wiki/"
    n = 0
    with _open_dump(path) as stream:
        parser = etree.iterparse(
            stream, events=("end",), resolve_entities=False, no_network=True, load_dtd=False,
            huge_tree=False, remove_comments=True,
        )
        try:
            for _event, elem in parser:
                tag = etree.QName(elem).localname
                if tag == "base" and elem.text:
                    base = elem.text.rsplit("/", 1)[0] + "/"
                if tag != "page":
                    continue
                ns = elem.findtext("{*}ns") or "0"
                title = elem.findtext("{*}title") or ""
                redirect = elem.find("{*}redirect") is not None
                page_id = elem.findtext("{*}id") or title
                wikitext = elem.findtext("{*}revision/{*}text") or ""
                elem.clear()
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
                if ns != "0" or redirect or not title or wikitext.lstrip().lower().startswith("#redirect"):
                    continue
                text = wikitext_to_text(wikitext[:MAX_WIKI_PAGE_CHARS])
                if not text:
                    continue
                yield Document(
                    id=f"wikipedia:{page_id}", url=base + title.replace(" ", "_"), title=title, text=text,
                    source="wikipedia-dump", publisher="Wikipedia",
                )
                n += 1
                if limit is not None and n >= limit:
                    return
        except etree.XMLSyntaxError as exc:
            raise InputError(f"{path}: not a well-formed MediaWiki dump ({exc})") from None
        except (OSError, EOFError) as exc:  # truncated or corrupt .bz2
            raise InputError(f"{path}: cannot read the dump ({exc})") from None


#: file suffix → reader (folders go to read_directory)
READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    **{s: read_text_file for s in TEXT_SUFFIXES},
    **{s: read_html_file for s in HTML_SUFFIXES},
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,
}


def read_path(path: Path) -> Iterator[Document]:
    """Documents from a file or folder, by suffix (see :data:`READERS`)."""
    if path.is_dir():
        return read_directory(path)
    if not path.exists():
        raise InputError(f"no such file or folder: {path}")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise InputError(f"{path}: unknown file type {path.suffix or '(none)'!r} (known: {known}, or a folder)")
    return reader(path)
