"""Shared fixtures. Heavy models are loaded once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "seed" / "article.txt"
DATA = SHARED / "data"
TEST_DATA = ROOT / "tests" / "data"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# No test reaches beyond 127.0.0.1: `auto` sources (the default) probe the network first, so the probe
# points at a local port that is bound and never listens (connections are refused) for the whole
# session — every check, in this process and in the CLI subprocesses (they inherit the variable), goes
# on offline. Tests of the probe itself set it per test.
_CLOSED_PORT = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
_CLOSED_PORT.bind(("127.0.0.1", 0))
CLOSED_PROBE = f"127.0.0.1:{_CLOSED_PORT.getsockname()[1]}"
os.environ["FACTDESK_NETWORK_PROBE"] = CLOSED_PROBE

# Nor does a test touch the user's data directory: the default store lives in a folder of the session's
# own, created before any test runs (a test of its creation sets FACTDESK_DATA_DIR itself).
_DATA_DIR = tempfile.mkdtemp(prefix="factdesk-test-data-")
atexit.register(shutil.rmtree, _DATA_DIR, ignore_errors=True)
os.environ["FACTDESK_DATA_DIR"] = _DATA_DIR


@pytest.fixture(scope="session", autouse=True)
def default_store():
    """The default store of the session's data directory, there from the start (no creation notice)."""
    from factdesk.commands.common import create_store
    from factdesk.config import default_db

    create_store(default_db())
    return default_db()


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
    """A config whose store lives in the test's own temporary directory, with the store as the only
    source (tests of ``auto`` sources say so)."""
    from factdesk.config import load_config

    os.environ["FACTDESK_CONFIG"] = str(tmp_path / "no-config.toml")
    return load_config(db=str(tmp_path / "store.db"), sources={"use": ["local"]})
