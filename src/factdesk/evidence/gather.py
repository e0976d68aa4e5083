"""The evidence stage: live sources into the store, then hybrid retrieval per claim.

``EvidenceGatherer(retriever, store, sources, config=config).gather(claims, article) -> EvidenceFound``:

1. the live sources configured (``build_sources(config)``; with ``auto``, only when the network
   answers) run
   (:func:`factdesk.evidence.sources.collect_live`) and the documents they bring are added to the
   local store (so the next check finds them without the network); prior fact-checks imported into
   the store are matched there too, offline;
2. every claim gets hybrid-retrieved candidates from the retriever;
3. passages from the article being checked (same URL, or its own sentences) are never evidence.

A failing source, or a failed write of its documents, is a warning in the result, never a failed check.

>>> found = EvidenceGatherer(retriever, store, sources, config=config).gather(claims, article)  # doctest: +SKIP
>>> found.candidates[claims[0].id][0].passage.text                                              # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
from array import array
from itertools import accumulate
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factdesk.config import Config
from factdesk.embed import Embedder
from factdesk.errors import ConfigError
from factdesk.evidence.retrieve import Retriever
from factdesk.evidence.store.protocol import EvidenceStore
from factdesk.models import Article, Claim, Passage, PriorFactCheck, ScoredPassage

if TYPE_CHECKING:  # the live sources load when a check uses them
    from factdesk.evidence.sources.base import Source

__all__ = ["EvidenceFound", "EvidenceGatherer", "article_filter"]

log = logging.getLogger(__name__)


@dataclass
class EvidenceFound:
    candidates: dict[str, list[ScoredPassage]] = field(default_factory=dict)
    prior_fact_checks: dict[str, list[PriorFactCheck]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def _url_key(url: str | None) -> str | None:
    if not url:
        return None
    url = re.sub(r"^https?://(www\.)?", "", url.strip().lower())
    return url.split("#", 1)[0].rstrip("/")


#: normalised article text longer than this is searched through a word index, not scanned per passage
SCAN_MAX_CHARS = 1_000_000
#: passage texts whose answer is remembered per article (a small store returns the same ones for every claim)
MEMO_MAX = 50_000


class _Haystack:
    """``text in body`` for a normalised body (words joined by single spaces), at a cost that does not
    grow with the body: a long body is indexed once (word → positions) and a passage is looked up at
    the positions of its rarest whole word, instead of scanning 20 MB for each of thousands of
    candidate passages."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.index: dict[str, array] | None = None
        if len(body) > SCAN_MAX_CHARS:
            words = body.split(" ")
            index: dict[str, array] = {}
            for word, start in zip(words, accumulate((len(w) + 1 for w in words[:-1]), initial=0)):
                index.setdefault(word, array("I")).append(start)
            self.index = index

    def __contains__(self, text: str) -> bool:
        if self.index is None:
            return text in self.body
        words = text.split(" ")
        if len(words) < 3:  # no whole word inside (the first and last may be cut): scan
            return text in self.body
        offsets = list(_offsets(words))
        # interior words are whole words of the body wherever the text occurs in it
        i = min(range(1, len(words) - 1), key=lambda j: len(self.index.get(words[j], ())))
        for pos in self.index.get(words[i], ()):
            start = pos - offsets[i]
            if start >= 0 and self.body.startswith(text, start):
                return True
        return False


def _offsets(words: list[str]):
    """The start offset of each word in ``" ".join(words)``."""
    pos = 0
    for w in words:
        yield pos
        pos += len(w) + 1


def article_filter(article: Article):
    """A predicate that is true for passages taken from ``article`` itself.

    Its cost per passage does not grow with the article (see :class:`_Haystack`): a 20 MiB article
    with a thousand claims used to spend minutes scanning its own text for every candidate.

    >>> art = Article(title="T", url="https://x.org/a", paragraphs=["Taxes rose by 4% in May."])
    >>> f = article_filter(art)
    >>> f(Passage(id="p", doc_id="d", text="Taxes rose by 4% in May."))
    True
    """
    url = _url_key(article.url)
    body = _Haystack(_norm(article.title + " " + article.body))
    memo: dict[str, bool] = {}

    def is_from_article(p: Passage) -> bool:
        if url is not None and _url_key(p.url) == url:
            return True
        text = _norm(p.text)
        if len(text) < 20:
            return False
        found = memo.get(text)
        if found is None:
            if len(memo) >= MEMO_MAX:
                memo.clear()
            found = memo[text] = text in body
        return found

    return is_from_article


class EvidenceGatherer:
    """Candidate evidence (and prior fact-checks) for claims, from the live ``sources`` (if any) and
    the evidence ``store`` searched through ``retriever``. ``config`` gives ``retrieve_k`` and the
    live sources' settings (deadline, HTTP); ``embedder`` matches prior fact-checks to claims by
    meaning (without it, by words)."""

    def __init__(self, retriever: Retriever, store: EvidenceStore, sources: list[Source], *, config: Config,
                 embedder: Embedder | None = None, host_limits: object | None = None) -> None:
        self.retriever = retriever
        self.store = store
        self.sources = list(sources)
        self.config = config
        self.embedder = embedder
        #: the per-host limiters shared by a batch's workers (None: this process's own)
        self.host_limits = host_limits

    def gather(self, claims: list[Claim], article: Article, progress=None, *, own_text_is_evidence: bool = False
               ) -> EvidenceFound:
        """Collect candidate evidence passages (and prior fact-checks) for each claim.

        Passages from ``article`` itself are never evidence for its claims, unless
        ``own_text_is_evidence`` (claims checked on their own: a passage that restates one is the best
        evidence there is)."""
        found = EvidenceFound()
        if not claims:
            return found
        # the live sources when configured, and always the prior fact-checks imported into the store (offline)
        self._collect_live(claims, article, progress, found)
        if progress is not None:
            progress("evidence", 0.5, f"searching the evidence store for {len(claims)} claims")
        # a store that cannot be opened (wrong file, newer schema) is the user's to fix: it raises
        exclude = None if own_text_is_evidence else article_filter(article)
        found.candidates = self.retriever.retrieve_many(claims, k=self.config.evidence.retrieve_k, exclude=exclude)
        for claim in claims:
            found.candidates.setdefault(claim.id, [])
        if not any(found.candidates.values()) and self.store.stats().get("passages", 0) == 0:
            found.warnings.append(
                "the evidence store is empty, so no claim could be verified: add evidence with "
                "`factdesk store add FILE…` or `factdesk store import-wikipedia DUMP`, or check with live sources "
                "(`--sources auto`, the default, when the network answers)"
            )
        return found

    def _collect_live(self, claims: list[Claim], article: Article, progress, found: EvidenceFound) -> None:
        from factdesk.evidence.sources import collect_live

        try:
            live = collect_live(claims, article, config=self.config, sources=self.sources, store=self.store,
                                embedder=self.embedder, host_limits=self.host_limits, progress=progress)
        except ConfigError:  # a misspelt source name or bad setting is the user's to fix: exit 2
            raise
        except Exception as exc:  # a source problem never fails the check
            log.warning("live sources failed", exc_info=True)
            found.warnings.append(f"live sources failed: {type(exc).__name__}: {exc}")
            return
        found.warnings.extend(live.warnings)
        for claim_id, checks in live.prior_fact_checks.items():
            found.prior_fact_checks.setdefault(claim_id, []).extend(checks)
        if live.documents:
            is_own = article_filter(article)
            docs = [d for d in live.documents if not is_own(Passage(id="", doc_id=d.id, text="", url=d.url))]
            try:
                self.store.add_documents(docs)
            except Exception as exc:  # the store may be read-only or busy; carry on with what it holds
                log.warning("could not store live documents", exc_info=True)
                found.warnings.append(f"could not add {len(docs)} source documents to the store: {exc}")
