"""The labelled data the comment flags are measured on.

- the comment set written for the project (package data, ``factdesk/resources/eval/comments``:
  eight fictional articles, 208 labelled comments; its README says how it was made);
- TweepFake (human vs bot tweets) and the YouTube Spam Collection from the shared data folder
  (``config.shared_data_dir()``; their test splits are held back elsewhere).

>>> sets = load_comment_set()
>>> len(sets), sum(len(rows) for _, rows in sets)
(8, 208)
"""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from factdesk.config import shared_data_dir
from factdesk.errors import InputError
from factdesk.models import Article, Comment

#: articles a1-a4 set thresholds and train the machine-written model; a5-a8 are held out
DEV_ARTICLES = ("a1", "a2", "a3", "a4")


def default_comment_set() -> Path:
    return Path(str(resources.files("factdesk") / "resources" / "eval" / "comments"))


def load_comment_set(folder: Path | None = None) -> list[tuple[Article, list[dict[str, Any]]]]:
    """Articles with their comments and the gold labels of each comment."""
    folder = Path(folder) if folder is not None else default_comment_set()
    arts_path, com_path = folder / "articles.jsonl", folder / "comments.jsonl"
    if not arts_path.is_file() or not com_path.is_file():
        raise InputError(f"{folder} has no articles.jsonl + comments.jsonl (a labelled comment set)")
    arts = {}
    for line in arts_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            arts[a["id"]] = a
    labels: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n, line in enumerate(com_path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
                labels[row["article"]].append(row)
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{com_path}:{n}: not a labelled comment ({exc})") from exc
    out = []
    for aid, a in arts.items():
        rows = sorted(labels.get(aid, []), key=lambda r: r["index"])
        comments = [Comment(index=r["index"], author=r.get("author"), posted=r.get("posted"), text=r["text"]) for r in rows]
        out.append((Article(title=a["title"], paragraphs=a["paragraphs"], published=a.get("published"), comments=comments), rows))
    return out


def is_dev(rows: list[dict[str, Any]]) -> bool:
    return bool(rows) and rows[0]["article"] in DEV_ARTICLES


def comment_samples(folder: Path | None = None, *, dev: bool, nlp: Any = None) -> list[tuple[str, Any, int]]:
    """(text, specificity, 1 if labelled machine-style) for the dev or the held-out half of the set;
    specificity is measured against each comment's own article, as the comment analysis does."""
    from factdesk.analyse.comments import ArticleProfile, specificity

    out = []
    for article, rows in load_comment_set(folder):
        if bool(rows) and (rows[0]["article"] in DEV_ARTICLES) != dev:
            continue
        prof = ArticleProfile.build(article, None, nlp)  # the same article profile as at inference time
        out += [(r["text"], specificity(r["text"], prof), int(bool(r["machine_style"]))) for r in rows]
    return out


def load_tweepfake(split: str = "validation", limit: int | None = None, folder: Path | None = None) -> list[tuple[str, int]]:
    """(tweet, 1 if a bot wrote it) for one TweepFake split (``train`` or ``validation``)."""
    path = Path(folder or shared_data_dir() / "tweepfake") / f"{split}.csv"
    if not path.is_file():
        raise InputError(f"TweepFake split not found: {path}")
    rows = []
    with path.open(newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter=";"):
            rows.append((r["text"], 1 if r["account.type"] == "bot" else 0))
    if limit and len(rows) > limit:
        rows = random.Random(0).sample(rows, limit)
    return rows


def youtube_spam_files(folder: Path | None = None) -> list[Path]:
    folder = Path(folder or shared_data_dir() / "youtube-spam-collection")
    files = sorted(folder.glob("Youtube0*.csv"))
    if not files:
        raise InputError(f"YouTube spam collection not found in {folder}")
    return files
