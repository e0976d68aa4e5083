"""Settings in sections; keys of earlier versions still read, each with one deprecation line; environment
variables read by the config alone; every model path through one resolver that honours ``[models] dir``."""

from __future__ import annotations

import json
import logging
import shutil

import pytest

from factdesk.config import Config, load_config
from factdesk.errors import ConfigError, ModelError
from factdesk.modelpaths import MODELS, ModelPaths, installation_models_dir, shipped_models_dir
from tests.helpers import run_cli

SECTIONED = """
db = "{db}"

[sources]
use = ["local", "wikipedia"]
urls = ["https://example.org/report.html"]
deadline_s = 12

[sources.wikipedia]
lang = "de"

[sources.feeds]
urls = ["https://example.org/rss.xml"]

[evidence]
retrieve_k = 7

[models]
embedder = "minilm-fp32"

[verify]
stance = "head"
cross_top_k = 2

[listen]
voice = "espeak"

[ingest]
max_input_bytes = 4096
"""

EARLIER = """
db = "{db}"
sources = ["local", "wikipedia"]
source_urls = ["https://example.org/report.html"]
feeds = ["https://example.org/rss.xml"]
deadline_s = 12
retrieve_k = 7
embedder = "minilm-fp32"
stance = "head"
cross_top_k = 2
max_input_bytes = 4096

[sources_config.wikipedia]
lang = "de"

[server]
speaker = "espeak"
"""


def _settings(cfg: Config) -> tuple:
    return (cfg.sources.use, cfg.sources.urls, cfg.sources.deadline_s, cfg.source_settings("wikipedia"),
            cfg.source_settings("feeds"), cfg.evidence.retrieve_k, cfg.models.embedder, cfg.verify.stance,
            cfg.verify.cross_top_k, cfg.listen.voice, cfg.ingest.max_input_bytes)


def test_sections_and_the_keys_of_earlier_versions_give_the_same_settings(tmp_path, caplog):
    new, old = tmp_path / "new.toml", tmp_path / "old.toml"
    new.write_text(SECTIONED.format(db=tmp_path / "s.db"))
    old.write_text(EARLIER.format(db=tmp_path / "s.db"))
    with caplog.at_level(logging.WARNING, logger="factdesk.config"):
        sectioned = load_config(new)
    assert caplog.records == []
    expected = (["local", "wikipedia"], ["https://example.org/report.html"], 12.0, {"lang": "de"},
                {"urls": ["https://example.org/rss.xml"]}, 7, "minilm-fp32", "head", 2, "espeak", 4096)
    assert _settings(sectioned) == expected
    with caplog.at_level(logging.WARNING, logger="factdesk.config"):
        earlier = load_config(old)
    assert _settings(earlier) == expected
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 11, notes  # one line per key of an earlier version
    assert any("'stance' is now 'stance' under [verify]" in n for n in notes)
    assert any("'speaker' under [server] is now 'voice' under [listen]" in n for n in notes)
    assert any("[sources_config.<name>] is now [sources.<name>]" in n for n in notes)


def test_defaults_and_refusals(tmp_path):
    cfg = Config(db=str(tmp_path / "s.db"))
    assert cfg.sources.use == ["auto"] and cfg.models.dir is None and cfg.listen.voice is None
    assert not hasattr(cfg.server, "speaker")
    bad = tmp_path / "bad.toml"
    for text, where in [('[verify]\nstanse = "head"\n', "verify.stanse"),
                        ("[sources]\ndeadline = 3\n", "unknown setting 'deadline'"),
                        ('[listen]\nspeaker = "espeak"\n', "listen.speaker")]:
        bad.write_text(text)
        with pytest.raises(ConfigError, match=where):
            load_config(bad)


def test_environment_is_read_by_the_config(tmp_path, monkeypatch):
    cfg_file = tmp_path / "c.toml"
    cfg_file.write_text('[sources]\ndeadline_s = 12\n\n[sources.claimreview]\nlang = "fr"\n')
    monkeypatch.setenv("FACTDESK_FACTCHECK_API_KEY", "K")
    monkeypatch.setenv("FACTDESK_DEADLINE_S", "3")
    monkeypatch.setenv("FACTDESK_NETWORK_PROBE", "127.0.0.1:1")
    monkeypatch.setenv("FACTDESK_MODELS_DIR", str(tmp_path / "models"))
    cfg = load_config(cfg_file, sources={"use": ["local"]})
    assert cfg.source_settings("claimreview") == {"lang": "fr", "api_key": "K"}
    assert cfg.sources.deadline_s == 3.0 and cfg.sources.use == ["local"]
    assert cfg.sources.network_probe == "127.0.0.1:1" and cfg.models.dir == str(tmp_path / "models")


def test_an_old_config_file_says_where_each_key_went_on_stderr(tmp_path):
    old = tmp_path / "old.toml"
    old.write_text('stance = "head"\n\n[server]\nspeaker = "espeak"\n')
    proc = run_cli("models", "list", "--config", str(old))
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 2 and all(ln.startswith("config: ") for ln in lines), proc.stderr
    assert "[verify]" in proc.stderr and "[listen]" in proc.stderr


# -- one resolver for every model -----------------------------------------------------------------
def test_models_dir_replaces_the_models_it_holds_and_only_those(tmp_path):
    (tmp_path / "stance").mkdir()
    paths = ModelPaths(tmp_path)
    assert paths.dir("stance") == tmp_path / "stance"
    assert paths.dir("checkworthy") == shipped_models_dir() / "checkworthy"
    assert paths.dir("embedder") == installation_models_dir() / "embedder"
    assert paths.prepare_dir("embedder") == tmp_path / "embedder"
    assert ModelPaths().prepare_dir("embedder") == installation_models_dir() / "embedder"
    with pytest.raises(ConfigError, match="unknown model 'stanse'"):
        paths.dir("stanse")


def test_the_runtime_reads_every_model_through_the_resolver(tmp_path, config, embedder):
    """A model in ``[models] dir`` is the one the runtime loads: broken copies there break what reads them."""
    from factdesk.runtime import Runtime

    models = tmp_path / "models"
    shutil.copytree(shipped_models_dir() / "stance", models / "stance")
    meta = json.loads((models / "stance" / "meta.json").read_text())
    (models / "stance" / "meta.json").write_text(json.dumps({**meta, "n_features": 999}))
    (models / "analyse").mkdir()
    (models / "embedder").mkdir()
    cfg = config.model_copy(update={"models": config.models.model_copy(update={"dir": str(models)})})
    with Runtime(cfg) as rt:
        assert {name: rt.model_paths.dir(name) == models / name for name in MODELS} == {
            "checkworthy": False, "verifiable": False, "stance": True, "stance-cross": False, "verdict": False,
            "analyse": True, "embedder": True}
        with pytest.raises(ModelError, match=f"not prepared \\(no {models / 'embedder'}"):
            rt.embedder  # noqa: B018
        rt.embedder = embedder
        with pytest.raises(ModelError, match="expects 999 features"):
            rt.verifier  # noqa: B018
        with pytest.raises(ModelError, match=f"propaganda lexicon missing: {models / 'analyse'}"):
            rt.analyser  # noqa: B018


def test_only_the_config_reads_the_environment():
    """``os.environ.get`` / ``os.getenv`` / ``os.environ[...]`` / ``in os.environ`` appear in config.py alone
    (``setdefault`` of a third-party library's variable, such as OPENBLAS_NUM_THREADS, is process set-up)."""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "factdesk"

    def is_environ(node) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "environ"

    readers = []
    for path in sorted(src.rglob("*.py")):
        if path.name == "config.py" and path.parent == src:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            read = (
                (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                 and ((node.func.attr == "get" and is_environ(node.func.value)) or node.func.attr == "getenv"))
                or (isinstance(node, ast.Subscript) and is_environ(node.value) and isinstance(node.ctx, ast.Load))
                or (isinstance(node, ast.Compare) and any(is_environ(c) for c in node.comparators))
            )
            if read:
                readers.append(f"{path.relative_to(src)}:{node.lineno}")
    assert readers == []
