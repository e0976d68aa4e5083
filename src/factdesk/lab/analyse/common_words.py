"""Mine the common-news-word list (``news_common_words.json``) from article texts (no labels).

>>> mine_common_words(["The vote.", "the VOTE passed", "a vote"], min_df=2)["words"]
['the', 'vote']
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def mine_common_words(texts: list[str], min_df: int = 6) -> dict[str, Any]:
    """Words found in at least ``min_df`` of ``texts`` (document frequency)."""
    df: Counter[str] = Counter()
    for t in texts:
        df.update({w.lower() for w in _WORD.findall(t)})
    words = sorted(w for w, c in df.items() if c >= min_df)
    return {"min_df": min_df, "documents": len(texts), "words": words}
