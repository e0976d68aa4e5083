"""A new user's first check: the models were prepared at set-up, so it builds nothing, writes nothing
under the user's cache, and says nothing on stderr but the one line that creates their store.
``factdesk models prepare`` is what set-up runs; a check without a prepared model says so in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factdesk.embed import GRAPH_FILES, PREPARED_META, weights_key
from factdesk.modelpaths import ModelPaths

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Harbour reopens after storm\n\nThe harbour reopened on Monday after three days of closure caused "
           "by the storm. Ferries will run on a reduced timetable until Friday, the port authority said.\n")


def new_user(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user who never ran factdesk: a home of their own, nothing else set."""
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "PYTHONPATH": str(ROOT / "src"), "FACTDESK_NETWORK_PROBE": os.environ["FACTDESK_NETWORK_PROBE"]}
    return {**env, **extra}


def factdesk(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factdesk", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.slow
def test_a_new_users_first_check_builds_nothing_and_says_only_that_it_made_a_store(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    proc = factdesk("check", str(article), "-f", "json", "-q", env=new_user(home))
    assert proc.returncode == 0, proc.stderr
    store = home / ".local" / "share" / "factdesk" / "factdesk.db"
    assert proc.stderr.splitlines() == [
        f"factdesk: created the evidence store {store} (empty; add evidence with `factdesk store add FILE…`)"]
    # no model exported or quantised for this user (onnxruntime itself leaves a device id and a 24 KB
    # telemetry database under ~/.cache/Microsoft when it is imported: small, and not ours to stop)
    assert not (home / ".cache" / "factdesk").exists()
    cached = [p for p in (home / ".cache").rglob("*") if p.is_file()] if (home / ".cache").exists() else []
    assert sum(p.stat().st_size for p in cached) < 100_000 and not [p for p in cached if p.suffix == ".onnx"]
    report = json.loads(proc.stdout)
    assert report["claims"] and any("live sources skipped" in w for w in report["warnings"])


def test_a_model_that_was_not_prepared_is_one_line(tmp_path):
    models = tmp_path / "models"
    (models / "embedder").mkdir(parents=True)  # [models] dir names an embedder folder with nothing in it
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = new_user(tmp_path, FACTDESK_MODELS_DIR=str(models), FACTDESK_DATA_DIR=str(tmp_path / "data"))
    proc = factdesk("check", str(article), "--offline", env=env)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and not ln.startswith("factdesk: created")]
    assert proc.returncode == 2 and len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "the embedding model is not prepared" in lines[0] and "factdesk models prepare" in lines[0]
    listing = factdesk("models", "list", env=env)
    assert listing.returncode == 1 and "embedder" in listing.stdout and "missing" in listing.stdout


@pytest.mark.slow
def test_models_prepare_makes_the_graphs_set_up_makes_quietly_and_once(tmp_path):
    models = tmp_path / "models"
    env = new_user(tmp_path, FACTDESK_MODELS_DIR=str(models))
    proc = factdesk("models", "prepare", env=env, timeout=600)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr  # no PyTorch warnings, no progress bars
    graphs = models / "embedder"
    assert sorted(p.name for p in graphs.iterdir()) == sorted([*GRAPH_FILES.values(), PREPARED_META])
    assert json.loads((graphs / PREPARED_META).read_text())["weights"] == weights_key()
    # deterministic: the same bytes as the installation's graph (which the evidence stores' vectors come from)
    installed = ModelPaths().usual_dir("embedder") / GRAPH_FILES["int8"]
    assert (graphs / GRAPH_FILES["int8"]).read_bytes() == installed.read_bytes()
    mtime = (graphs / GRAPH_FILES["int8"]).stat().st_mtime_ns
    again = factdesk("models", "prepare", "-q", env=env)
    assert again.returncode == 0 and again.stdout == "" and (graphs / GRAPH_FILES["int8"]).stat().st_mtime_ns == mtime
