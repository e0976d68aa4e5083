"""The examples in the analysis modules' docstrings run as written (sourcing's needs spaCy: tested elsewhere)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize("name", ["analyse.textutil", "analyse.phrases", "analyse.comments", "analyse.machine",
                                  "analyse.headline", "analyse.summary", "analyse.vocab", "analyse.language", "analyse.tagger",
                                  "lab.analyse.ptc", "lab.analyse.span_metrics",
                                  "lab.analyse.lexicon", "lab.analyse.comment_data", "lab.analyse.comment_eval",
                                  "lab.analyse.common_words"])
def test_docstring_examples(name):
    module = importlib.import_module(f"factdesk.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
