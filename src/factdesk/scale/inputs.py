"""Turn batch inputs (paths, directories, URLs, JSONL of articles, feeds) into jobs.

A job's ``key`` is stable for the same input, so re-running a batch skips what is done.

>>> jobs = expand_inputs(["articles/", "more.jsonl"])
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from factdesk.errors import InputError

TEXT_SUFFIXES = {".txt", ".html", ".htm", ".md", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}


class Job(BaseModel):
    """One article to check: where it comes from and how to read it."""

    key: str
    kind: Literal["path", "url", "inline", "article"]
    source: str = ""
    title: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    article: str | None = Field(default=None, description="an already ingested Article as JSON")
    label: str = ""


def job_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


#: one JSONL line (one article) may not be longer than this
MAX_JSONL_LINE_BYTES = 20 * 1024 * 1024


def _jsonl_rows(path: Path):
    """(lineno, dict) per non-blank line; ``InputError`` for a line too long, not UTF-8, not JSON or not an object."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with fh:
        lineno = 0
        while raw := fh.readline(MAX_JSONL_LINE_BYTES + 1):
            lineno += 1
            if len(raw) > MAX_JSONL_LINE_BYTES:
                raise InputError(f"{path}:{lineno}: line longer than {MAX_JSONL_LINE_BYTES} bytes")
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError:
                raise InputError(f"{path}:{lineno}: not UTF-8") from None
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
            except RecursionError:
                raise InputError(f"{path}:{lineno}: not valid JSON (nested too deeply)") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{lineno}: expected a JSON object")
            for name in ("id", "title", "text", "html", "url", "published"):
                value = row.get(name)
                if value is not None and not isinstance(value, str) and not (name == "id" and isinstance(value, int)):
                    raise InputError(f"{path}:{lineno}: field {name!r} must be a string")
            yield lineno, row


def _jobs_from_jsonl(path: Path) -> list[Job]:
    jobs: list[Job] = []
    for lineno, row in _jsonl_rows(path):
        text = row.get("text")
        if text is None and isinstance(row.get("paragraphs"), list):
            text = "\n\n".join(str(p) for p in row["paragraphs"])
        url, html = row.get("url"), row.get("html")
        if not (text or html or url):
            raise InputError(f"{path}:{lineno}: an article needs 'text', 'paragraphs', 'html' or 'url'")
        ident = str(row.get("id") or url or hashlib.sha256((text or html or "").encode()).hexdigest())
        if text or html:
            jobs.append(Job(key=job_key("inline", ident), kind="inline", source=f"{path}:{lineno}",
                            title=row.get("title"), text=text, html=html, url=url,
                            published=row.get("published"), label=str(row.get("title") or ident)[:80]))
        else:
            jobs.append(Job(key=job_key("url", url), kind="url", source=url, url=url, label=url))
    return jobs


def _jobs_from_feed(data: bytes, origin: str) -> list[Job]:
    """Feed items become jobs: a linked item is fetched by the worker, an unlinked one is read inline."""
    from factdesk.ingest.feeds import parse_feed

    jobs = []
    for entry in parse_feed(data, origin=origin):
        if entry.url:
            jobs.append(Job(key=job_key("url", entry.url), kind="url", source=entry.url, url=entry.url,
                            title=entry.title, published=entry.published, label=entry.url))
        else:
            article = entry.to_article()
            jobs.append(Job(key=job_key("article", article.content_hash()), kind="article", source=origin,
                            article=article.model_dump_json(), label=entry.title[:80]))
    return jobs


def _looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or head.startswith(
        (b"<rss", b"<feed")
    )


def expand_inputs(inputs: list[str], *, fetch=None, on_duplicate=None) -> list[Job]:
    """Expand inputs into jobs, deduplicated by key (first occurrence wins), in a stable order.

    ``fetch(url) -> (bytes, content_type)`` reads URL inputs: a feed expands into its items,
    anything else becomes one article job (fetched again by the worker, with the same safety rules).
    ``on_duplicate(kept, dropped)`` hears of every job dropped because an earlier one had its key
    (the same id in a JSONL file, the same URL or file twice).
    """
    jobs: list[Job] = []
    for raw in inputs:
        if _is_url(raw):
            if fetch is not None:
                data, ctype = fetch(raw)
                if "rss" in ctype or "atom" in ctype or ctype.endswith("xml") or _looks_like_feed(data):
                    jobs += _jobs_from_feed(data, raw)
                    continue
            jobs.append(Job(key=job_key("url", raw), kind="url", source=raw, url=raw, label=raw))
            continue
        path = Path(raw).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() == ".jsonl":
                    jobs += _jobs_from_jsonl(child)
                elif child.suffix.lower() in FEED_SUFFIXES:
                    jobs += _jobs_from_feed(_read_feed_file(child), str(child))
                elif child.suffix.lower() in TEXT_SUFFIXES:
                    jobs.append(_path_job(child))
            continue
        if not path.is_file():
            raise InputError(f"no such file, directory or URL: {raw}")
        if path.suffix.lower() == ".jsonl":
            jobs += _jobs_from_jsonl(path)
        elif path.suffix.lower() in FEED_SUFFIXES or _looks_like_feed(_head(path)):
            jobs += _jobs_from_feed(_read_feed_file(path), str(path))
        else:
            jobs.append(_path_job(path))
    unique: dict[str, Job] = {}
    for job in jobs:
        kept = unique.setdefault(job.key, job)
        if kept is not job and on_duplicate is not None:
            on_duplicate(kept, job)
    return list(unique.values())


def _path_job(path: Path) -> Job:
    resolved = str(path.resolve())
    return Job(key=job_key("path", resolved), kind="path", source=resolved, label=path.name)


def _head(path: Path, n: int = 4096) -> bytes:
    """The first ``n`` bytes of a file (to sniff it without reading it all)."""
    try:
        with path.open("rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _read_feed_file(path: Path) -> bytes:
    """A feed file's bytes; ``InputError`` if it is over the feed size cap (checked before reading)."""
    from factdesk.ingest.detect import read_path
    from factdesk.ingest.feeds import MAX_FEED_BYTES

    return read_path(path, limit=MAX_FEED_BYTES)
