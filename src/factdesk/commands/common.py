"""What the command modules share: the store rule, the embedder they run, progress lines on stderr."""

from __future__ import annotations

import os
from pathlib import Path

import typer

__all__ = ["create_store", "require_store", "say", "training_embedder"]


def _sqlite_path(db: str) -> Path | None:
    """The file of a SQLite store (``None`` for a server store or an in-memory one)."""
    if db.startswith("sqlite://"):
        db = db[len("sqlite://"):]
    if "://" in db or db == ":memory:":
        return None
    return Path(db).expanduser()


def create_store(db: str) -> None:
    """Create an empty evidence store at ``db`` (a no-op on one that exists)."""
    from factdesk.evidence.store import open_store

    open_store(db).close()


def require_store(db: str, command: str = "check") -> None:
    """Stores are created on purpose: refuse a SQLite store that does not exist.

    A mistyped ``--db`` would otherwise become a new, empty store, and every claim would come back
    "not enough evidence" without a word. The default store (in the data directory) is the one
    exception: it is created, with a one-line notice on stderr. ``command`` names the command in
    the error (``StoreError``, exit 2). A PostgreSQL store is the server's to refuse.
    """
    from factdesk.config import default_db
    from factdesk.errors import StoreError

    path = _sqlite_path(db)
    if path is None or path.exists():
        return
    if path == Path(default_db()).expanduser():
        create_store(str(path))
        say(f"factdesk: created the evidence store {path} (empty; add evidence with `factdesk store add FILE…`)")
        return
    raise StoreError(f"{command}: no evidence store at {db}; create one with `factdesk store init --db {db}` "
                     f"(or `factdesk store add FILE… --db {db}`)")


def training_embedder():
    """The packaged MiniLM, with PyTorch limited to the machine's first two cores."""
    import torch

    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    from factdesk.embed import MiniLMEmbedder

    return MiniLMEmbedder()


def say(message: str) -> None:
    typer.echo(message, err=True)
