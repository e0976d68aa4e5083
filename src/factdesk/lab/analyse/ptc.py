"""The PTC corpus (SemEval-2020 Task 11 training articles) as the trainers and evaluators read it.

``load_ptc(folder)`` reads ``train_articles.jsonl`` (one article a line: ``article_id``, ``text``,
``technique_spans``, ``propaganda_spans``); ``split_ptc`` splits it by article id, never by span, so
no article is on both sides.

>>> arts = [{"article_id": str(i)} for i in range(10)]
>>> train, dev = split_ptc(arts, dev_fraction=0.2, seed=13)
>>> len(train), len(dev), bool({a["article_id"] for a in train} & {a["article_id"] for a in dev})
(8, 2, False)
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from factdesk.config import shared_data_dir
from factdesk.errors import InputError

PTC_DIR = "propaganda-ptc-semeval2020"


def default_ptc_dir() -> Path:
    return shared_data_dir() / PTC_DIR


def load_ptc(path: Path | None = None) -> list[dict[str, Any]]:
    """The articles of a PTC-shaped folder (or one ``.jsonl`` file); InputError if there are none."""
    path = Path(path) if path is not None else default_ptc_dir()
    if path.is_dir():
        path = path / "train_articles.jsonl"
    if not path.is_file():
        raise InputError(f"PTC data not found: {path}")
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            art = json.loads(line)
            art["article_id"], art["text"]  # noqa: B018 - both keys are required
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}: not a PTC article ({exc})") from exc
        art.setdefault("technique_spans", [])
        art.setdefault("propaganda_spans", [])
        out.append(art)
    return out


def split_ptc(articles: list[dict[str, Any]], dev_fraction: float = 0.2, seed: int = 13) -> tuple[list, list]:
    """Split by article id (never by span): (train, development)."""
    ids = sorted({a["article_id"] for a in articles})
    random.Random(seed).shuffle(ids)
    dev_ids = set(ids[: int(round(len(ids) * dev_fraction))])
    return [a for a in articles if a["article_id"] not in dev_ids], [a for a in articles if a["article_id"] in dev_ids]
