"""Claim extraction on hostile articles: control characters, NUL bytes, lone quotes, a paragraph
with no full stop, hundreds of tiny sentences, digits and dates everywhere, bidi controls. Each gives
claims whose spans index the body exactly (or none) — never an exception, never a hang.

Sizes are kept small: extraction costs tens of milliseconds per sentence (docs/reliability.md,
"Known limits", has the cost measured on larger shapes)."""

from __future__ import annotations

import time

import pytest

from factdesk.models import Article, Comment

HOSTILE = {
    "nul_and_controls": ["The council\x00 said\x07 on Tuesday that the budget rose by 4 percent.\x1b[31m",
                         "\x00" * 50 + " The mayor resigned in 2019."],
    "unclosed_quotes": ['“The bridge will open in 2027, the mayor said. ' * 15, '"' * 300],
    "no_full_stop_10k": [("the council approved a budget of 48 million euros and " * 200).strip()],
    "confetti": ["A. B. C. D. E. F. 1. 2. 3. 4. " * 25],
    "numbers_everywhere": [" ".join(f"{i},{i:03d}.5% of ${i}bn in {1900 + i % 200}" for i in range(100))],
    "rtl_and_emoji": ["قال المجلس إن الميزانية ارتفعت 4 في المئة. 🇫🇷🔥 The minister said 12 schools closed."],
    "surrogate_free_unicode": ["\u202e\u200b\ufeffThe report said 31 people were hurt on Monday.\u2028Next."],
}


@pytest.fixture(scope="module")
def extractor(nlp, embedder):
    from factdesk.claims import ClaimExtractor
    from factdesk.claims.checkworthy import CheckworthyModel

    return ClaimExtractor(nlp, embedder, CheckworthyModel.load())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_articles_give_well_formed_claims(extractor, name):
    paragraphs = HOSTILE[name]
    art = Article(title="Hostile", paragraphs=paragraphs, published="2025-04-16",
                  comments=[Comment(index=0, text=paragraphs[0][:5000])])
    start = time.perf_counter()
    claims, warnings = extractor.extract(art)
    comment_claims = extractor.extract_comment_claims(art)
    elapsed = time.perf_counter() - start
    assert elapsed < 120, f"{name}: {elapsed:.0f} s"  # a hang guard, not a speed target
    body = art.body
    for claim in claims:
        s, e = claim.span
        assert 0 <= s < e <= len(body) and body[s:e] == claim.sentence, claim
        assert 0.0 <= claim.checkworthiness <= 1.0
    for claim in comment_claims:
        assert art.comments[0].text[claim.span[0]:claim.span[1]] == claim.sentence
    assert all(isinstance(w, str) and w for w in warnings)
