"""Exceptions form one hierarchy: catch FactdeskError for anything factdesk raises on purpose."""

from __future__ import annotations


class FactdeskError(Exception):
    """Base of every error factdesk raises on purpose (a bug raises something else)."""


class InputError(FactdeskError):
    """The input (file, URL, text, JSONL line…) cannot be used; the message says what was wrong."""


class FetchError(InputError):
    """A URL could not be fetched (timeout, HTTP error, redirect loop, wrong content type, too big)."""


class StoreError(FactdeskError):
    """The evidence store cannot be opened or used (not a factdesk store, newer schema, corrupt…)."""


class StoreDamagedError(StoreError):
    """The store's file is an SQLite database that cannot be read whole (cut off, corrupt)."""


class ConfigError(FactdeskError):
    """A setting is missing or invalid."""


class ModelError(FactdeskError):
    """A trained artefact (check-worthiness, stance) is missing or unreadable."""
