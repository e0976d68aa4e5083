"""Shared fixtures. Heavy models are loaded once per test session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "seed" / "article.txt"
DATA = SHARED / "data"
TEST_DATA = ROOT / "tests" / "data"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    assert SEED.is_file(), f"the seed article is missing: {SEED}"
    return SEED


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return DATA


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


@pytest.fixture(scope="session")
def embedder():
    from factdesk.embed import MiniLMEmbedder

    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def nlp():
    from factdesk.claims.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def config(tmp_path):
    """A config whose store lives in the test's own temporary directory."""
    from factdesk.config import load_config

    os.environ["FACTDESK_CONFIG"] = str(tmp_path / "no-config.toml")
    return load_config(db=str(tmp_path / "store.db"))
