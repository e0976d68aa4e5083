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
from factdesk.models import Article, Report
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


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
