"""``factdesk store …``: the local evidence store.

    factdesk store init --db evidence.db
    factdesk store add news.jsonl pages/ feed.xml --db evidence.db
    factdesk store import-wikipedia enwiki-latest-pages-articles1.xml.bz2 --limit 5000
    factdesk store import-claimreview fact_check_insights.csv datacommons-feed.json
    factdesk store search "unemployment fell to 3.5%" -k 5
    factdesk store stats
    factdesk store check
    factdesk store delete-source feed
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from factdesk.errors import InputError
from factdesk.models import Document

__all__ = ["ConfigOption", "DbOption", "QuietOption", "app", "import_documents"]

app = typer.Typer(help="Manage the local evidence store.", no_args_is_help=True)

DbOption = Annotated[Optional[str], typer.Option("--db", help="Evidence store: SQLite path or postgresql:// URL.")]
ConfigOption = Annotated[Optional[Path], typer.Option("--config", help="Config file (TOML).")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress on stderr.")]


def _config(config: Path | None, db: str | None):
    from factdesk.config import load_config

    return load_config(config, db=db)


def _embedder(cfg):
    """The embedder the config names (the one checks use), without a cache: imports embed each text once."""
    from factdesk.embed import make_embedder
    from factdesk.modelpaths import ModelPaths

    return make_embedder(cfg.models.embedder, graph_dir=ModelPaths.from_config(cfg).dir("embedder"), cache=False)


def _must_exist(cfg, command: str) -> None:
    """Only ``store init`` and the commands that add create a store: a missing SQLite file is an error."""
    from factdesk.commands.common import require_store

    require_store(cfg.db, f"store {command}")


def _open(cfg, *, with_embedder: bool, command: str):
    """The store; without the embedder (stats, check, search, delete-source) it must already be a
    factdesk store: a missing file, an empty one or another database is refused and left as it was."""
    from factdesk.evidence.store import open_store

    if not with_embedder:
        _must_exist(cfg, command)
    return open_store(cfg.db, embedder=_embedder(cfg) if with_embedder else None, create=with_embedder)


@app.command("init")
def init(db: DbOption = None, config: ConfigOption = None) -> None:
    """Create an empty evidence store (SQLite file or PostgreSQL schema); one that exists is left as it is."""
    from factdesk.commands.common import create_store
    from factdesk.evidence.store import open_store

    cfg = _config(config, db)
    create_store(cfg.db)
    store = open_store(cfg.db)
    try:
        st = store.stats()
    finally:
        store.close()
    typer.echo(f"evidence store ready at {cfg.db}: {st['documents']} documents, {st['passages']} passages")


@contextmanager
def _progress(description: str, total: int | None, quiet: bool) -> Iterator:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[note]}"), TimeElapsedColumn()]
    with Progress(*columns, console=Console(stderr=True), disable=quiet, transient=False) as bar:
        task = bar.add_task(description, total=total, note="")

        def update(done: int, note: str) -> None:
            bar.update(task, completed=done, note=note)

        yield update


def import_documents(store, docs: Iterable[Document], total: int | None, batch_size: int, quiet: bool, what: str) -> int:
    with _progress(f"importing {what}", total, quiet) as update:
        return store.add_documents(docs, batch_size=batch_size, progress=update)


@app.command("add")
def add(
    paths: Annotated[list[Path], typer.Argument(help="JSONL files, folders of .txt/.md/.html, RSS/Atom files.")],
    db: DbOption = None,
    config: ConfigOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 256,
    quiet: QuietOption = False,
) -> None:
    """Add documents to the store (idempotent: re-running resumes and skips what is stored).

    Files are read as ``factdesk check`` reads them (binary, empty and undecodable files refused,
    byte order marks honoured); every input is checked before anything is written. An id seen twice
    keeps its first document (each later one is named in a warning), as in ``factdesk batch``."""
    from factdesk.commands.scale import warn_duplicates
    from factdesk.evidence.store.importers import read_path, validate_path

    cfg = _config(config, db)
    totals: dict[Path, int | None] = {}
    for path in paths:  # check every input before anything is written
        if not path.exists():
            raise InputError(f"no such file or folder: {path}")
        totals[path] = validate_path(path)
    seen: dict[str, str] = {}
    duplicates: list[tuple[str, str, str]] = []
    store = _open(cfg, with_embedder=True, command="add")
    try:
        written = 0
        for path in paths:
            docs = _first_of_each_id(_located(path, read_path), seen, duplicates)
            written += import_documents(store, docs, totals[path], batch_size, quiet, str(path))
        stats = store.stats()
    finally:
        store.close()
    warn_duplicates(Console(stderr=True), duplicates)
    typer.echo(f"{written} documents added or updated; the store holds {stats['documents']} documents, "
               f"{stats['passages']} passages")


def _located(path: Path, read_path) -> Iterator[tuple[str, Document]]:
    """(where, document) for each document of ``path``: ``file:line`` for JSONL, else the file."""
    from factdesk.evidence.store.importers import read_jsonl_lines

    if path.is_file() and path.suffix.lower() in (".jsonl", ".ndjson"):
        for lineno, doc in read_jsonl_lines(path):
            yield f"{path}:{lineno}", doc
        return
    for doc in read_path(path):
        yield (doc.url if doc.source == "feed" and doc.url else str(path)), doc


def _first_of_each_id(located: Iterable[tuple[str, Document]], seen: dict[str, str],
                      duplicates: list[tuple[str, str, str]]) -> Iterator[Document]:
    """The documents whose id was not seen before in this run; later ones are listed as duplicates."""
    for where, doc in located:
        if doc.id in seen:
            duplicates.append((seen[doc.id], where, f"id {doc.id[:80]!r}"))
            continue
        seen[doc.id] = where
        yield doc

@app.command("import-wikipedia")
def import_wikipedia(
    dump: Annotated[Path, typer.Argument(help="MediaWiki XML dump (.xml or .xml.bz2).")],
    db: DbOption = None,
    config: ConfigOption = None,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Stop after this many articles.")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 64,
    quiet: QuietOption = False,
) -> None:
    """Stream a MediaWiki dump into the store (articles only; resumable)."""
    from factdesk.evidence.store.importers import read_mediawiki_dump

    if not dump.is_file():
        raise InputError(f"no such file: {dump}")
    cfg = _config(config, db)
    pages = read_mediawiki_dump(dump, limit=limit)
    first = next(pages, None)  # a broken or hostile dump fails here, before the model loads
    if first is None:
        raise InputError(f"{dump}: no articles found (namespace 0, not redirects)")
    store = _open(cfg, with_embedder=True, command="import-wikipedia")
    try:
        written = import_documents(store, itertools.chain([first], pages), limit, batch_size, quiet, dump.name)
        stats = store.stats()
    finally:
        store.close()
    typer.echo(f"{written} articles added or updated; the store holds {stats['documents']} documents, "
               f"{stats['passages']} passages")

@app.command("import-claimreview")
def import_claimreview(
    paths: Annotated[list[Path], typer.Argument(help="ClaimReview exports: the Data Commons fact-check feed, "
                                                     "Fact-Check Insights CSV/JSON, ClaimReview JSON-LD or JSON lines.")],
    db: DbOption = None,
    config: ConfigOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Records per transaction.")] = 500,
    quiet: QuietOption = False,
) -> None:
    """Import prior fact-checks (streamed); checks then match claims against them offline."""
    from factdesk.evidence.claimreview_import import ImportStats, detect_format, read_claimreview_file
    from factdesk.evidence.store import open_store

    for path in paths:  # every input is recognised before anything is written
        if not path.is_file():
            raise InputError(f"no such file: {path}")
        detect_format(path)
    cfg = _config(config, db)
    stats = ImportStats()
    store = open_store(cfg.db)  # no embedder: fact-checks are matched by text, not stored vectors
    try:
        written = unchanged = 0
        for path in paths:
            with _progress(f"importing {path.name}", None, quiet) as update:
                def records(path=path, update=update):
                    for i, record in enumerate(read_claimreview_file(path, stats), 1):
                        if i % 1000 == 0:
                            update(i, f"{stats.skipped} skipped")
                        yield record
                w, u = store.add_fact_checks(records(), batch_size=batch_size)
            written, unchanged = written + w, unchanged + u
        total = store.count_fact_checks()
    finally:
        store.close()
    skipped = ""
    if stats.skipped:
        skipped = (f"; {stats.skipped} records skipped ({stats.skipped_malformed} malformed or not a "
                   f"ClaimReview with a claim and a rating, {stats.skipped_too_large} too large)")
    typer.echo(f"{written} prior fact-checks added or updated, {unchanged} unchanged{skipped}; "
               f"the store holds {total} prior fact-checks")


@app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="A claim or key words.")],
    db: DbOption = None,
    config: ConfigOption = None,
    k: Annotated[int, typer.Option("-k", min=1, max=200, help="How many passages.")] = 10,
    mode: Annotated[str, typer.Option("--mode", help="hybrid | bm25 | dense")] = "hybrid",
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines output.")] = False,
) -> None:
    """Search the store (hybrid BM25 + dense by default) and show both signals."""
    from factdesk.evidence.retrieve import Retriever

    if mode not in ("hybrid", "bm25", "dense"):
        raise InputError(f"unknown mode {mode!r} (hybrid, bm25 or dense)")
    if not query.strip():
        raise InputError("empty query: give a claim or key words to search for")
    cfg = _config(config, db)
    _must_exist(cfg, "search")
    embedder = _embedder(cfg) if mode != "bm25" else None
    from factdesk.evidence.store import open_store

    store = open_store(cfg.db, embedder=embedder, create=False)
    try:
        hits = Retriever(store, embedder).retrieve(query, k, mode=mode)  # type: ignore[arg-type]
    finally:
        store.close()
    if as_json:
        for h in hits:
            typer.echo(h.model_dump_json())
        return
    if not hits:
        typer.echo("no passages found")
    for i, h in enumerate(hits, 1):
        p = h.passage
        signals = f"bm25 #{h.bm25_rank or '-'}  dense #{h.dense_rank or '-'}  fused {h.score:.4f}"
        typer.echo(f"{i:>2}. {p.text}\n    {p.title or p.doc_id} · {p.url or p.source} · {signals}")

@app.command("stats")
def stats(db: DbOption = None, config: ConfigOption = None,
          as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Documents, passages and sources in the store."""
    store = _open(_config(config, db), with_embedder=False, command="stats")
    try:
        st = store.stats()
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(st, indent=2, sort_keys=True))
        return
    typer.echo(f"store      {st['location']} ({st['backend']}, schema v{st['schema_version']})")
    typer.echo(f"documents  {st['documents']}")
    typer.echo(f"passages   {st['passages']}")
    typer.echo(f"reports    {st['reports']}")
    if "fact_checks" in st:
        typer.echo(f"fact-checks {st['fact_checks']} (prior, imported)")
    typer.echo(f"embedder   {st['embedder'] or '-'} ({st['embedding_dim']} dims)")
    typer.echo(f"size       {st['size_bytes'] / 1e6:.1f} MB")
    for source, n in st["sources"].items():
        typer.echo(f"  source {source}: {n} documents")

@app.command("check")
def check(db: DbOption = None, config: ConfigOption = None) -> None:
    """Verify the store's integrity (exit 1 and list the problems if any)."""
    from factdesk.errors import StoreDamagedError

    try:
        store = _open(_config(config, db), with_embedder=False, command="check")
    except StoreDamagedError as exc:  # cut off or corrupt beyond opening: that is the check's answer
        typer.echo(f"problem: {exc}")
        raise typer.Exit(1) from None
    try:
        problems = store.integrity_check()
    finally:
        store.close()
    if problems:
        for p in problems:
            typer.echo(f"problem: {p}")
        raise typer.Exit(1)
    typer.echo("ok")

@app.command("delete-source")
def delete_source(
    name: Annotated[str, typer.Argument(help="Source name (see `factdesk store stats`).")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Delete every document of one source."""
    store = _open(_config(config, db), with_embedder=False, command="delete-source")
    try:
        n = store.delete_source(name)
    finally:
        store.close()
    typer.echo(f"{n} documents deleted from source {name!r}")
