"""The examples in the ingest docstrings run as written."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["factdesk.ingest", "factdesk.ingest.detect", "factdesk.ingest.lexicon",
                                  "factdesk.ingest.page_text", "factdesk.ingest.html", "factdesk.ingest.feeds",
                                  "factdesk.ingest.comments"])
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
