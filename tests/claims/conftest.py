"""Fixtures for the claims tests: one extractor (spaCy + MiniLM loaded once per session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factdesk.models import Article, Comment

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "claims" / "articles"


@pytest.fixture(scope="session")
def checkworthy_model():
    from factdesk.claims.checkworthy import CheckworthyModel

    return CheckworthyModel.load()


@pytest.fixture(scope="session")
def extractor(nlp, embedder, checkworthy_model):
    from factdesk.claims import ClaimExtractor

    return ClaimExtractor(nlp, embedder, checkworthy_model)


def load_article(name: str) -> Article:
    data = json.loads((ARTICLES / name).read_text(encoding="utf-8"))
    data["comments"] = [Comment(**c) for c in data.get("comments", [])]
    data.pop("provenance", None)
    data.pop("expect", None)
    return Article(**data)


def article_expectations(name: str) -> dict:
    return json.loads((ARTICLES / name).read_text(encoding="utf-8")).get("expect", {})


@pytest.fixture(scope="session")
def seed_article(seed_path) -> Article:
    """The seed page cut by hand into title and body (ingest is another stage's job)."""
    lines = seed_path.read_text(encoding="utf-8").split("\n")
    title = lines[1].strip()
    body_end = lines.index("Fact Checker")
    paragraphs = [l.strip() for l in lines[2:body_end] if l.strip()]
    start = next(i for i, l in enumerate(lines) if l.strip().endswith("Comments") and l.strip()[0].isdigit())
    comments = [Comment(index=i, text=l.strip()) for i, l in enumerate(x for x in lines[start + 1:] if x.strip())]
    return Article(title=title, paragraphs=paragraphs, comments=comments)


@pytest.fixture(scope="session")
def seed_claims(extractor, seed_article):
    return extractor.extract(seed_article)
