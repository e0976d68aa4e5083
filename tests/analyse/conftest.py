"""Fixtures for the analysis tests: the seed as an Article, the labelled comment set."""

from __future__ import annotations

import pytest

from factdesk.models import Article, Comment


def seed_article(seed_path) -> Article:
    """The seed page turned into an Article by hand (the ingest stage is tested elsewhere)."""
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    title, body = lines[1], [ln for ln in lines[2:14] if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.strip().endswith("Comments")) + 1
    comments = [ln for ln in lines[start:] if ln.strip()]
    return Article(title=title, paragraphs=body, comments=[Comment(index=i, text=t) for i, t in enumerate(comments)])


@pytest.fixture(scope="session")
def seed(seed_path) -> Article:
    art = seed_article(seed_path)
    assert len(art.paragraphs) == 12 and len(art.comments) == 9
    return art


@pytest.fixture(scope="session")
def comment_analyser():
    from factdesk.analyse.comments import CommentAnalyser

    return CommentAnalyser()


@pytest.fixture(scope="session")
def labelled():
    from factdesk.lab.analyse.comment_data import load_comment_set

    return load_comment_set()
