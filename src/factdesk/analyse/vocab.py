"""Common news vocabulary: words found in many news articles carry little that is specific.

Mined from the document frequency of words over the PTC news articles (text only, no labels):
a word in at least ``min_df`` articles is "common". Stored as ``resources/models/analyse/
news_common_words.json`` by ``factdesk train comments`` (``factdesk.lab.analyse.common_words``).

>>> "policy" in common_words()
True
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from factdesk.modelpaths import shipped_models_dir

MODEL_DIR = shipped_models_dir() / "analyse"
COMMON_PATH = MODEL_DIR / "news_common_words.json"


@lru_cache(maxsize=1)
def common_words(path: str | None = None) -> frozenset[str]:
    """The common-word set (empty when the artefact is missing: then every shared word counts)."""
    p = Path(path) if path else COMMON_PATH
    if not p.is_file():
        return frozenset()
    return frozenset(json.loads(p.read_text())["words"])
