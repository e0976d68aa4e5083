"""The only orchestration: ingest → claims → evidence → verify → analyse → Report.

Each stage is called through the component the ``Runtime`` built for it; no stage calls another.
Warnings and timings are what the stages return, so checks on several threads never mix them.

>>> from factdesk.config import load_config
>>> from factdesk.runtime import Runtime
>>> from factdesk.ingest import load_article
>>> with Runtime(load_config()) as rt:
...     report = check(load_article("article.txt"), rt)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

from factdesk.evidence.gather import EvidenceFound
from factdesk.models import Article, ClaimsReport, Report
from factdesk.runtime import Runtime

#: progress(stage, fraction_done, message)
ProgressFn = Callable[[str, float, str], None]


def _no_progress(stage: str, fraction: float, message: str) -> None:
    return None


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = round(time.perf_counter() - start, 4)


def check(article: Article, runtime: Runtime, *, progress: ProgressFn | None = None) -> Report:
    """Check one article and return its report."""
    progress = progress or _no_progress
    timings: dict[str, float] = {}
    warnings: list[str] = []

    progress("claims", 0.0, "finding claims")
    with _timed(timings, "claims"):
        found_claims = runtime.claim_extractor.run(article)
        found_comment_claims = runtime.claim_extractor.run_comments(article)
    claims, comment_claims = found_claims.claims, found_comment_claims.claims
    warnings += found_claims.warnings + found_comment_claims.warnings
    to_check = [c for c in claims + comment_claims if c.checked]

    progress("evidence", 0.0, f"gathering evidence for {len(to_check)} claims")
    with _timed(timings, "evidence"):
        # with nothing to check, neither the store nor the live sources are opened
        found = runtime.evidence.gather(to_check, article, progress=progress) if to_check else EvidenceFound()
    warnings += found.warnings

    progress("verify", 0.0, f"verifying {len(to_check)} claims")
    with _timed(timings, "verify"):
        verdicts = runtime.verifier.verify_many(to_check, found.candidates, found.prior_fact_checks) if to_check else {}
    for claim in to_check:
        claim.verdict = verdicts.get(claim.id)

    progress("analyse", 0.0, "analysing language, sources and comments")
    with _timed(timings, "analyse"):
        analysis, comments = runtime.analyser.analyse(article, claims)
    warnings += analysis.extra.pop("warnings", [])  # e.g. a body longer than the analysis reads
    article = article.model_copy(update={"comments": comments})

    progress("done", 1.0, "report ready")
    return Report(
        article=article,
        claims=claims,
        comment_claims=comment_claims,
        analysis=analysis,
        warnings=_dedupe(warnings),
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        timings=timings,
    )


#: the most claims one call verifies, and the longest claim text
MAX_CLAIMS = 1000
MAX_CLAIM_CHARS = 2000


def verify_claims(texts: list[str], runtime: Runtime, *, progress: ProgressFn | None = None) -> ClaimsReport:
    """Check claims without an article: one claim per text, with the same retrieval, live sources and
    verification as :func:`check` (``factdesk verify``, ``POST /api/claims``)."""
    from factdesk.errors import InputError

    progress = progress or _no_progress
    texts = [" ".join(t.split()) for t in texts]
    if not any(texts):
        raise InputError("no claim to check: give at least one non-empty claim")
    if len(texts) > MAX_CLAIMS:
        raise InputError(f"{len(texts)} claims given; at most {MAX_CLAIMS} are checked at once")
    too_long = next((i for i, t in enumerate(texts) if len(t) > MAX_CLAIM_CHARS), None)
    if too_long is not None:
        raise InputError(f"claim {too_long + 1} is {len(texts[too_long])} characters long; a claim is at most "
                         f"{MAX_CLAIM_CHARS} (check a whole article with `factdesk check`)")
    texts = [t for t in texts if t]
    timings: dict[str, float] = {}
    progress("claims", 0.0, f"reading {len(texts)} claims")
    with _timed(timings, "claims"):
        extraction = runtime.claim_extractor.single(texts)
    claims = extraction.claims
    # the live sources read an article; here the claims are all there is
    context = Article(title="", paragraphs=texts)
    progress("evidence", 0.0, f"gathering evidence for {len(claims)} claims")
    with _timed(timings, "evidence"):
        found = runtime.evidence.gather(claims, context, progress=progress, own_text_is_evidence=True)
    progress("verify", 0.0, f"verifying {len(claims)} claims")
    with _timed(timings, "verify"):
        verdicts = runtime.verifier.verify_many(claims, found.candidates, found.prior_fact_checks)
    for claim in claims:
        claim.verdict = verdicts.get(claim.id)
    progress("done", 1.0, "verdicts ready")
    return ClaimsReport(claims=claims, warnings=_dedupe(extraction.warnings + found.warnings),
                        created=datetime.now(timezone.utc).isoformat(timespec="seconds"), timings=timings)


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
