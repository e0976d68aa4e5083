"""The examples in the analysis modules' docstrings run as written (sourcing's needs spaCy: tested elsewhere)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["textutil", "phrases", "comments", "machine", "headline", "summary", "vocab",
                                  "evaluate", "language"])
def test_docstring_examples(name):
    module = importlib.import_module(f"factdesk.analyse.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
