"""Reports built by hand for the renderer tests: every verdict label, unchecked claims, comment claims,
comments with every flag, hostile markup and non-Latin text. Spans are computed from the body."""

from __future__ import annotations

from factdesk.models import (
    COMMENT_FLAGS,
    Analysis,
    Article,
    Claim,
    Comment,
    Evidence,
    PriorFactCheck,
    QuotedVoice,
    Report,
    TechniqueSpan,
    Verdict,
)

XSS = "<script>alert('x')</script>"


def _claim(article: Article, sentence: str, **kw) -> Claim:
    body = article.body
    start = body.index(sentence)
    span = (start, start + len(sentence))
    paragraph = next(i for i, off in enumerate(article.paragraph_offsets()) if off <= start < off + len(article.paragraphs[i]) + 1)
    checked = kw.pop("checked", True)
    text = kw.pop("text", sentence)
    return Claim(
        id=Claim.make_id(text, span),
        text=text,
        sentence=sentence,
        span=span,
        paragraph=paragraph,
        checkworthiness=kw.pop("checkworthiness", 0.8 if checked else 0.3),
        checked=checked,
        **kw,
    )


def _ev(text: str, stance: str, url: str | None, **kw) -> Evidence:
    return Evidence(text=text, stance=stance, url=url, source=kw.pop("source", "local"), score=kw.pop("score", 0.7), **kw)


def rich_report() -> Report:
    """A science-and-sport article with a claim of every verdict label and a hostile comment section."""
    paragraphs = [
        "The Montreal marathon drew 14,200 runners on Sunday, organisers said. The winner finished in 2:09:31, a course record.",
        "City officials claimed the event raised $3.1 million for the children’s hospital. "
        f"Mayor Élise Tremblay said the course was “the flattest in Canada” {XSS}.",
        "Participation has doubled since 2015. This is surely the best race in the world.",
        "Runners from 61 countries took part, including a team from Zürich and one from 東京.",
    ]
    article = Article(
        title=f"Marathon record falls in Montreal {XSS} — “Élan” & ümlauts",
        url="https://news.example.org/sport/marathon?x=1&y=2",
        published="2026-05-03T09:00:00Z",
        author="Jeanne Dupré",
        language="en",
        paragraphs=paragraphs,
        comments=[
            Comment(index=i, author=f"reader{i} {XSS if i == 0 else ''}".strip(), text=text, flags=[flag], reasons=[f"reason for {flag}: {XSS}"])
            for i, (flag, text) in enumerate(
                zip(
                    COMMENT_FLAGS,
                    [
                        f"Great article, thanks for sharing! {XSS}",
                        "Great article, thanks for sharing! Really informative.",
                        "Great article, thanks for sharing!!",
                        "This event highlights the importance of community engagement and collective well-being.",
                        "Everyone should read this. Share it now. Share it now.",
                    ],
                )
            )
        ]
        + [Comment(index=5, author="Ana", text="I ran it in 2019 and the course is hilly near Mont Royal — 28 km mark.")],
    )
    c_supported = _claim(
        article,
        "The Montreal marathon drew 14,200 runners on Sunday, organisers said.",
        type="number",
        speaker="organisers",
        verdict=Verdict(
            label="supported",
            confidence=0.91,
            confidence_level="high",
            rationale="The race results list 14,200 starters.",
            evidence=[
                _ev("14,200 runners started the 2026 Montreal marathon.", "supports", "https://results.example.com/2026", title="Results 2026", score=0.92),
                _ev(f"Record field {XSS}", "neutral", "javascript:alert(1)", title=f"Bad {XSS}", score=0.2),
            ],
        ),
    )
    c_refuted = _claim(
        article,
        "City officials claimed the event raised $3.1 million for the children’s hospital.",
        type="number",
        verdict=Verdict(
            label="refuted",
            confidence=0.83,
            rationale="The claim says $3.1 million; the hospital foundation says $1.3 million.",
            evidence=[_ev("The marathon raised $1.3 million for the hospital foundation.", "refutes", "https://foundation.example.org/news", title="Foundation news", source="wikipedia")],
            prior_fact_checks=[
                PriorFactCheck(claim_reviewed="Marathon raised $3.1 million", rating="False", publisher="Checkers Inc", url="https://check.example.net/1", date="2026-05-04")
            ],
        ),
    )
    c_mixed = _claim(
        article,
        "Participation has doubled since 2015.",
        type="comparison",
        verdict=Verdict(
            label="mixed",
            confidence=0.55,
            rationale="One source says doubled, another says grew by a third.",
            evidence=[
                _ev("Entries doubled between 2015 and 2025.", "supports", "https://a.example.org/x", title="A"),
                _ev("Entries grew by a third since 2015.", "refutes", None, title="B"),
            ],
        ),
    )
    quote_sentence = f"Mayor Élise Tremblay said the course was “the flattest in Canada” {XSS}."
    c_nee = _claim(
        article,
        quote_sentence,
        type="quote",
        speaker="Élise Tremblay",
        quote="the flattest in Canada",
        text="Mayor Élise Tremblay said the course was “the flattest in Canada”.",
        verdict=Verdict(label="not_enough_evidence", confidence=0.4, confidence_level="low", undecided="nothing_relevant",
                        rationale="No source records the mayor's words."),
    )
    c_opinion = _claim(
        article,
        "This is surely the best race in the world.",
        type="opinion",
        checked=False,
        reason="opinion: a judgement, not a verifiable fact",
    )
    c_unicode = _claim(
        article,
        "Runners from 61 countries took part, including a team from Zürich and one from 東京.",
        type="number",
        verdict=Verdict(label="supported", confidence=0.7, rationale="Entry list shows 61 nations.", evidence=[]),
    )
    comment_claim = Claim(
        id=Claim.make_id("The course is hilly near Mont Royal.", (0, 10), "comment"),
        text="The course is hilly near Mont Royal.",
        sentence=article.comments[5].text,
        span=(0, 10),
        paragraph=0,
        type="factual",
        checkworthiness=0.6,
        checked=True,
        origin="comment",
        comment_index=5,
        verdict=Verdict(label="refuted", confidence=0.6, rationale="The course map shows a flat route.",
                        evidence=[_ev("The course is flat from start to finish.", "refutes", "https://course.example.org/map",
                                      title="Course map")]),
    )
    return Report(
        article=article,
        claims=[c_supported, c_refuted, c_mixed, c_nee, c_opinion, c_unicode],
        comment_claims=[comment_claim],
        analysis=Analysis(
            summary=f"The article relies on organisers and officials. {XSS}",
            techniques=[TechniqueSpan(technique="loaded_language", span=(0, 5), text="surely the best",
                                      explanation=f"Loaded language: superlative {XSS}")],
            voices=[QuotedVoice(speaker="Élise Tremblay", role="mayor", direct_quotes=1, words=5)],
            vague_attributions=[{"phrase": "organisers said", "sentence": paragraphs[0].split(". ")[0] + ".",
                                 "span": [0, 5], "reason": "'organisers said' names no one: the reader cannot check who says this"}],
            unattributed_claims=[c_mixed.id],
            headline={"support": "partly supported", "support_score": 0.52, "word_overlap": 0.6,
                      "headline_words_missing_from_body": ["Élan", "ümlauts"],
                      "best_matching_sentence": "The winner finished in 2:09:31, a course record.",
                      "embedding_similarity": 0.61, "headline_sensationalism": 0.31, "body_sensationalism": 0.05,
                      "headline_markers": ["record falls"], "more_sensational_than_body": True,
                      "text": "The body partly supports the headline; the headline is more sensational than the body."},
            comments={"count": 6, "flags": {"generic": 1, "templated": 1, "near_duplicate": 1, "machine_written": 1,
                                            "coordinated": 1},
                      "specific": 1,
                      "clusters": [{"id": 1, "comments": [3, 4], "size": 2, "links": ["shared phrasing", "same minute"]}],
                      "templates": [{"skeleton": f"great article thanks for sharing {XSS}", "comments": [0, 1, 2]}],
                      "near_duplicate_pairs": [{"a": 0, "b": 2, "jaccard": 0.82}],
                      "text": "6 comments; 3 built on shared templates; 1 engages with specifics of the article."},
            extra={
                "quotes": [{"speaker": "Élise Tremblay", "kind": "direct", "text": "the flattest in Canada", "span": [0, 5]},
                           {"speaker": None, "kind": "indirect", "text": f"the race raised money {XSS}", "span": [0, 5]}],
                "balance": {"named_voices": 1, "vague_attributions": 1, "quoted_words": 5, "top_voice": "Élise Tremblay",
                            "top_share": 1.0, "one_sided": True,
                            "text": "1 named voice quoted; Élise Tremblay has 100% of the quoted words"},
                "unattributed_sentences": [{"claim_id": c_mixed.id, "text": c_mixed.text, "span": list(c_mixed.span)}],
                "reading_level": {"grade": 8.5, "text": "Readable by a 13-year-old."},
            },
        ),
        warnings=[f"source wikipedia timed out {XSS}"],
        created="2026-05-03T10:00:00+00:00",
        timings={"claims": 0.1, "verify": 0.2},
    )


def empty_report() -> Report:
    """An article with no claims, no comments, no URL and no date."""
    return Report(article=Article(title="Quiet day", paragraphs=["Nothing happened.", "Really nothing."]))


def overlapping_report() -> Report:
    """Two atomic claims from one sentence (same span) and a claim whose span crosses a paragraph end."""
    article = Article(title="Budget", paragraphs=["The city spent $4 million and hired 40 staff.", "Taxes rose."])
    s = article.paragraphs[0]
    v = Verdict(label="supported", confidence=0.8, rationale="ok")
    a = Claim(id="a1", text="The city spent $4 million.", sentence=s, span=(0, len(s)), paragraph=0, checkworthiness=0.9, checked=True, verdict=v)
    b = Claim(id="b2", text="The city hired 40 staff.", sentence=s, span=(0, len(s)), paragraph=0, checkworthiness=0.9, checked=True,
              verdict=Verdict(label="refuted", confidence=0.7, rationale="24 staff"))
    cross = Claim(id="c3", text="Taxes rose.", sentence="Taxes rose.", span=(len(s) - 5, len(article.body) + 50), paragraph=1, checkworthiness=0.5, checked=True)
    return Report(article=article, claims=[a, b, cross])
