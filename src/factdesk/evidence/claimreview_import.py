"""Read the bulk ClaimReview exports fact-checkers' markup is published in, streamed, as store records.

Formats (recognised by content, not by name; ``.gz`` files are read through gzip):

- **Data Commons "Fact Check Markup" feed** — a schema.org ``DataFeed`` JSON:
  ``{"@type": "DataFeed", "dataFeedElement": [{"@type": "DataFeedItem", "item": [ClaimReview…]}]}``;
- **Duke Reporters' Lab Fact-Check Insights** — the CSV export (``claim_review.csv``: one review
  per row, dotted keys such as ``claimReviewed``, ``author.name``, ``itemReviewed.author.name``,
  ``reviewRating.alternateName``, ``datePublished``, ``url``) and the JSON export
  (``{"claimReviews": […], "mediaReviews": […], "meta": {…}}``);
- **plain ClaimReview JSON-LD** — one object, an array, an ``@graph``, or JSON lines (the Data
  Commons research dataset has one markup per line).

JSON is parsed with ijson as a stream of events, so memory stays bounded by one record whatever the
file's size: a record larger than ``max_record_bytes`` is skipped (and counted) without being built,
and so is a record that is no ClaimReview or lacks a claim or a rating. Nothing here raises for a
bad record; :class:`InputError` only for a file that is none of the formats above.

>>> stats = ImportStats()
>>> records = list(read_claimreview_file(Path("tests/data/sources/datacommons_feed.json"), stats))  # doctest: +SKIP
>>> stats.skipped_malformed                                                                         # doctest: +SKIP
2
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import ijson

from factdesk.errors import InputError
from factdesk.evidence.sources.claimreview import claimreview_fields, node_index
from factdesk.evidence.store.factchecks import FactCheckRecord

#: a ClaimReview is a few kilobytes; one over this is skipped unread
MAX_RECORD_BYTES = 256 * 1024
#: where the reviews sit in each JSON container (ijson prefixes)
_RECORD_PREFIXES = {
    # dataFeedElement[] (".item") → its "item" key (".item") → that list's entries (".item")
    "datacommons-feed": ("dataFeedElement.item.item.item", "dataFeedElement.item.item"),
    "fact-check-insights-json": ("claimReviews.item",),
    "claimreview-jsonld": ("item", "@graph.item"),
}
#: Fact-Check Insights CSV columns, in the order of its two export versions (the JSON export may list
#: a review as such a row instead of an object)
FCI_COLUMNS_V2 = ["id", "@context", "@type", "claimReviewed", "datePublished", "url", "author.@type", "author.name",
                  "author.url", "itemReviewed.@type", "itemReviewed.author.name", "itemReviewed.author.@type",
                  "itemReviewed.author.sameAs", "reviewRating.@type", "reviewRating.ratingValue",
                  "reviewRating.alternateName", "author.image", "itemReviewed.name", "itemReviewed.datePublished"]
FCI_COLUMNS_V1 = ["id", "@context", "@type", "claimReviewed", "datePublished", "url", "author.@type", "author.name",
                  "author.url", "itemReviewed.@type", "itemReviewed.author.@type", "reviewRating.@type",
                  "reviewRating.alternateName", "author.image", "itemReviewed.name", "itemReviewed.datePublished"]


@dataclass
class ImportStats:
    """What an import read and skipped, per file and in all."""

    records: int = 0
    skipped_malformed: int = 0
    skipped_too_large: int = 0
    formats: dict[str, str] = field(default_factory=dict)

    @property
    def skipped(self) -> int:
        return self.skipped_malformed + self.skipped_too_large


#: what a JSON string longer than the record cap is replaced by, before ijson sees it
OVERSIZE = "[factdesk: a string over the record size cap, skipped unread]"
_JSON_SPECIAL = re.compile(rb'["\\]')
_CSV_SPECIAL = re.compile(r'["\n]')


class _CappedStrings:
    """A binary reader over a JSON file that replaces every string longer than ``cap`` bytes by
    :data:`OVERSIZE`, so the parser never holds a huge token (ijson builds each string whole)."""

    def __init__(self, raw: IO[bytes], cap: int) -> None:
        self.raw, self.cap = raw, cap
        self.in_string = self.escaped = self.overflow = False
        self.buffer = bytearray()

    def read(self, n: int = 65536) -> bytes:
        if n == 0:
            return b""  # ijson asks read(0) to learn the type
        out = bytearray()
        while not out:
            chunk = self.raw.read(max(n, 4096))
            if not chunk:
                break
            self._feed(chunk, out)
        return bytes(out)

    def _text(self, segment: bytes, out: bytearray) -> None:
        if not self.in_string:
            out += segment
        elif not self.overflow:
            self.buffer += segment
            if len(self.buffer) > self.cap:
                self.overflow = True
                self.buffer = bytearray()

    def _feed(self, chunk: bytes, out: bytearray) -> None:
        pos = 0
        if self.escaped and chunk:  # the byte after a backslash that ended the previous chunk
            self._text(chunk[:1], out)
            self.escaped, pos = False, 1
        for match in _JSON_SPECIAL.finditer(chunk, pos):
            i = match.start()
            if i < pos:
                continue  # escaped by the backslash before it
            self._text(chunk[pos:i], out)
            if chunk[i] == 0x5C:  # backslash: it and the next byte belong to the string
                if i + 1 < len(chunk):
                    self._text(chunk[i:i + 2], out)
                else:
                    self._text(chunk[i:i + 1], out)
                    self.escaped = True
                pos = i + 2
                continue
            if not self.in_string:
                out += b'"'
                self.in_string, self.overflow, self.buffer = True, False, bytearray()
            else:
                out += OVERSIZE.encode() if self.overflow else self.buffer
                out += b'"'
                self.in_string, self.buffer = False, bytearray()
            pos = i + 1
        if pos < len(chunk):
            self._text(chunk[pos:], out)


def _open_json(path: Path, cap: int = MAX_RECORD_BYTES) -> _CappedStrings:
    return _CappedStrings(_open(path), cap)


def _open(path: Path) -> IO[bytes]:
    raw = path.open("rb")
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw


def detect_format(path: Path) -> str:
    """One of ``datacommons-feed``, ``fact-check-insights-json``, ``fact-check-insights-csv``,
    ``claimreview-jsonld``, ``claimreview-jsonl``; :class:`InputError` otherwise."""
    with _open(path) as f:
        head = f.read(64 * 1024).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not head:
        raise InputError(f"{path}: empty file")
    if head[0] not in "[{":
        first = head.splitlines()[0]
        if "claimReviewed" in first and ("," in first or "\t" in first):
            return "fact-check-insights-csv"
        raise InputError(f"{path}: not a ClaimReview export (neither JSON nor a Fact-Check Insights CSV)")
    if head[0] == "[":
        return "claimreview-jsonld"
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if len(lines) > 1 and _complete_json(lines[0]) and lines[1].lstrip().startswith("{"):
        return "claimreview-jsonl"
    keys, kind = _top_level(path)
    if "dataFeedElement" in keys or kind == "DataFeed":
        return "datacommons-feed"
    if "claimReviews" in keys:
        return "fact-check-insights-json"
    if kind == "ClaimReview" or "@graph" in keys:
        return "claimreview-jsonld"
    raise InputError(f"{path}: a JSON file, but no ClaimReview export (no dataFeedElement, claimReviews, "
                     "@graph or ClaimReview at the top)")


def _complete_json(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _top_level(path: Path) -> tuple[set[str], str | None]:
    """The top-level keys and ``@type`` of a JSON object file, read as a stream."""
    keys: set[str] = set()
    kind = None
    with _open(path) as raw:
        try:
            for prefix, event, value in ijson.parse(_CappedStrings(raw, MAX_RECORD_BYTES)):
                if prefix == "" and event == "map_key":
                    keys.add(value)
                elif prefix == "@type" and event == "string":
                    kind = value.rsplit("/", 1)[-1]
                elif prefix == "@type.item" and event == "string" and kind is None:
                    kind = value.rsplit("/", 1)[-1]
        except ijson.common.IncompleteJSONError:
            pass  # a broken tail: decide on what was read
        except ijson.common.JSONError as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
    return keys, kind


def read_claimreview_file(path: Path, stats: ImportStats | None = None, *,
                          max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[FactCheckRecord]:
    """Stream the prior fact-checks of one export file (see the module docstring)."""
    stats = stats if stats is not None else ImportStats()
    kind = detect_format(path)
    stats.formats[str(path)] = kind
    if kind == "fact-check-insights-csv":
        yield from _read_csv(path, stats, max_record_bytes)
    elif kind == "claimreview-jsonl":
        yield from _read_jsonl(path, stats, max_record_bytes)
    elif kind == "claimreview-jsonld" and _first_char(path) == "{":
        keys, _ = _top_level(path)
        yield from _read_json(path, stats, max_record_bytes, kind, ("@graph.item",) if "@graph" in keys else ("",))
    else:
        yield from _read_json(path, stats, max_record_bytes, kind, _RECORD_PREFIXES[kind])


def _first_char(path: Path) -> str:
    with _open(path) as f:
        return f.read(4096).decode("utf-8", "replace").lstrip("\ufeff \t\r\n")[:1]


def _record(node: Any, origin: str, stats: ImportStats) -> FactCheckRecord | None:
    if isinstance(node, list) and node and all(isinstance(x, (str, int, float, type(None))) for x in node):
        node = _row_to_node(_fci_row(node))
    if not isinstance(node, dict):
        stats.skipped_malformed += 1
        return None
    if "@type" not in node and "claimReviewed" in node:
        node = {**node, "@type": "ClaimReview"}
    fields = claimreview_fields(node, node_index([node]))
    if fields is None:
        stats.skipped_malformed += 1
        return None
    fields["claim"] = " ".join(fields["claim"].split())
    try:
        record = FactCheckRecord(origin=origin, **{k: (v[:4000] if isinstance(v, str) else v) for k, v in fields.items()})
    except ValueError:
        stats.skipped_malformed += 1
        return None
    stats.records += 1
    return record


#: prefixes where a record may be a row (a list of values) rather than an object
_ROW_PREFIXES = {"claimReviews.item"}


def _read_json(path: Path, stats: ImportStats, limit: int, origin: str,
               prefixes: tuple[str, ...]) -> Iterator[FactCheckRecord]:
    """Records found at ``prefixes``, each built from ijson events under a size cap."""
    wanted = set(prefixes)
    with _open(path) as raw:
        builder = None
        inside = oversize = False
        depth = size = 0
        try:
            for prefix, event, value in ijson.parse(_CappedStrings(raw, limit), use_float=True):
                if not inside:
                    if prefix not in wanted or event in ("end_map", "end_array", "map_key"):
                        continue
                    if event == "start_map" or (event == "start_array" and prefix in _ROW_PREFIXES):
                        builder, inside, oversize, depth, size = ijson.ObjectBuilder(), True, False, 0, 0
                    elif event == "start_array":
                        continue  # the list that holds the records
                    else:
                        stats.skipped_malformed += 1  # a record that is a bare value
                        continue
                if event in ("start_map", "start_array"):
                    depth += 1
                elif event in ("end_map", "end_array"):
                    depth -= 1
                if not oversize:
                    size += len(value) if isinstance(value, str) else 8
                    if size > limit or value == OVERSIZE:
                        oversize, builder = True, None  # stop building; read on to the record's end
                    else:
                        builder.event(event, value)
                if depth == 0:
                    inside = False
                    if oversize:
                        stats.skipped_too_large += 1
                        continue
                    record = _record(builder.value, origin, stats)
                    if record is not None:
                        yield record
        except ijson.common.JSONError:
            stats.skipped_malformed += 1  # the rest of the file is unreadable: keep what was read


def _read_jsonl(path: Path, stats: ImportStats, limit: int) -> Iterator[FactCheckRecord]:
    with _open(path) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
        while True:
            line = f.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith("\n"):
                stats.skipped_too_large += 1
                while line and not line.endswith("\n"):  # skip the rest of the line, a bounded read at a time
                    line = f.readline(limit + 1)
                continue
            if not line.strip():
                continue
            try:
                node = json.loads(line)
            except (ValueError, RecursionError):
                stats.skipped_malformed += 1
                continue
            nodes = node if isinstance(node, list) else [node]
            for item in nodes:
                record = _record(item, "claimreview-jsonl", stats)
                if record is not None:
                    yield record


def _row_to_node(row: dict[str, str]) -> dict:
    """A flat row with dotted keys (``author.name``) as the nested ClaimReview it came from."""
    node: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value in (None, ""):
            continue
        parts = key.split(".")
        if any(p.isdigit() for p in parts):
            continue  # itemReviewed.appearance.N.*: not kept
        target = node
        for part in parts[:-1]:
            nxt = target.get(part)
            if not isinstance(nxt, dict):
                nxt = target[part] = {}
            target = nxt
        target[parts[-1]] = value
    node.setdefault("@type", "ClaimReview")
    return node


def _fci_row(values: list) -> dict[str, str]:
    columns = FCI_COLUMNS_V1 if len(values) > 13 and values[11] == "Rating" and values[13] != "Rating" else FCI_COLUMNS_V2
    return {c: ("" if v is None else str(v)) for c, v in zip(columns, values)}


def _csv_rows(f: IO[str], limit: int, stats: ImportStats) -> Iterator[str]:
    """The rows of a CSV stream as strings (quoted newlines kept); a row over ``limit`` characters is
    skipped while it is read, never held."""
    row: list[str] = []
    size = 0
    quoted = oversize = False
    while True:
        chunk = f.read(65536)
        if not chunk:
            break
        pos = 0
        for match in _CSV_SPECIAL.finditer(chunk):
            i = match.start()
            if chunk[i] == '"':
                quoted = not quoted  # a doubled quote toggles twice: still inside
                continue
            if quoted:
                continue
            piece = chunk[pos:i]
            if not oversize:
                row.append(piece)
                size += len(piece)
            if oversize or size > limit:
                stats.skipped_too_large += 1
            else:
                yield "".join(row)
            row, size, oversize, pos = [], 0, False, i + 1
        piece = chunk[pos:]
        if not oversize:
            row.append(piece)
            size += len(piece)
            if size > limit:
                oversize, row = True, []
    if oversize:
        stats.skipped_too_large += 1
    elif "".join(row).strip():
        yield "".join(row)


def _read_csv(path: Path, stats: ImportStats, limit: int) -> Iterator[FactCheckRecord]:
    with _open(path) as raw:
        f = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
        rows = _csv_rows(f, limit, stats)
        header_line = next(rows, None)
        if header_line is None:
            return
        header = next(csv.reader([header_line]))
        for line in rows:
            if not line.strip():
                continue
            try:
                values = next(csv.reader([line]))
            except (csv.Error, StopIteration):
                stats.skipped_malformed += 1
                continue
            record = _record(_row_to_node(dict(zip(header, values))), "fact-check-insights-csv", stats)
            if record is not None:
                yield record
