"""Fixtures for the verify tests: the shipped stance head over the session's embedder (loaded once)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def head(embedder):
    from factdesk.verify.head import OnnxStanceModel

    return OnnxStanceModel.load(embedder)
