"""Claims: sentences → self-contained atomic claims → types → check-worthiness.

>>> from factdesk.config import load_config
>>> from factdesk.runtime import Runtime
>>> extractor = ClaimExtractor(Runtime(load_config()))
>>> claims, warnings = extractor.extract(article)
>>> claims[0].text, claims[0].type, claims[0].checkworthiness, claims[0].checked

Every claim keeps its original sentence and the sentence's span into ``article.body``; its ``text``
is the sentence (or one clause of it) with pronouns, role phrases and relative dates resolved.
Opinion, prediction and rhetorical claims, and claims below the check-worthiness threshold, are
reported with ``checked=False`` and a ``reason``.
"""

from __future__ import annotations

import re
from pathlib import Path

from factdesk.claims.checkworthy import CheckworthyModel
from factdesk.claims.dates import MONTHS, parse_published
from factdesk.claims.decontext import Decontextualizer, SentenceAnalysis, quote_mask
from factdesk.claims.sentences import Sentence, split_sentences
from factdesk.claims.types import DATE_ENTS, NUMBER_ENTS, classify
from factdesk.errors import ModelError
from factdesk.models import UNCHECKED_TYPES, Article, Claim

__all__ = ["ClaimExtractor", "split_sentences", "Sentence"]

#: more sentences than this are not analysed (the rest of the article is reported in a warning)
MAX_SENTENCES = 2000
_STOPWORDS = frozenset("the a an and of to in is was for on that with by as at from it be are has have he she they said".split())
_EXPLICIT_DATE = re.compile(rf"\b({'|'.join(MONTHS)})\s+(\d{{1,2}}),\s+(\d{{4}})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def _looks_english(text: str) -> bool:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return True
    return sum(w in _STOPWORDS for w in words) / len(words) >= 0.08


def _unbalanced_quotes(paragraph: str) -> bool:
    return paragraph.count("“") != paragraph.count("”") or paragraph.count('"') % 2 == 1


def _explicit_dates(text: str) -> list[str]:
    out = [f"{int(y):04d}-{MONTHS.index(m) + 1:02d}-{int(d):02d}" for m, d, y in _EXPLICIT_DATE.findall(text)]
    if not out:
        out = sorted(set(_YEAR.findall(text)))
    return out


class ClaimExtractor:
    """Turns an article into claims. Models load on first use (``runtime.nlp``, ``runtime.embedder``)."""

    def __init__(self, runtime, *, model_dir: str | Path | None = None, threshold: float | None = None) -> None:
        self.runtime = runtime
        self._model_dir = model_dir
        self._threshold = threshold
        self._model: CheckworthyModel | None = None
        self._warnings: list[str] = []

    @property
    def model(self) -> CheckworthyModel:
        if self._model is None:
            d = self._model_dir
            models_dir = getattr(getattr(self.runtime, "config", None), "models_dir", None)
            if d is None and models_dir:
                d = Path(models_dir) / "checkworthy"
            self._model = CheckworthyModel.load(d)
        return self._model

    @property
    def threshold(self) -> float:
        return self._threshold if self._threshold is not None else self.model.threshold

    # -- article claims ------------------------------------------------------------------------
    def extract(self, article: Article) -> tuple[list[Claim], list[str]]:
        warnings: list[str] = []
        sentences, split_warnings = split_sentences(article.paragraphs)
        warnings += split_warnings
        if not sentences:
            return [], ["the article body has no sentences: no claims were extracted"]
        if len(sentences) > MAX_SENTENCES:
            warnings.append(f"the article has {len(sentences)} sentences; only the first {MAX_SENTENCES} were analysed")
            sentences = sentences[:MAX_SENTENCES]
        if not _looks_english(article.body[:20000]):
            warnings.append("the article does not look like English text: claims and check-worthiness may be unreliable")
        for i, para in enumerate(article.paragraphs):
            if _unbalanced_quotes(para):
                warnings.append(f"paragraph {i} has unbalanced quotation marks: speakers and quotes there may be incomplete")
        self._warnings = []
        claims = self._claims(article.title, sentences, parse_published(article.published), origin="article")
        return claims, warnings + self._warnings

    # -- reader claims from comments -----------------------------------------------------------
    def extract_comment_claims(self, article: Article) -> list[Claim]:
        """Specific factual assertions made by readers (origin="comment"; spans index the comment text)."""
        out: list[Claim] = []
        published = parse_published(article.published)
        for comment in article.comments:
            text = comment.text[:20000]
            sentences, _ = split_sentences([text])
            if not sentences:
                continue
            claims = self._claims(article.title, sentences[:200], published, origin="comment",
                                  comment_index=comment.index, speaker=comment.author)
            for c in claims:
                specific = bool(c.numbers or c.dates or any(e["label"] in ("PERSON", "ORG", "GPE", "FAC", "LOC", "EVENT") for e in c.entities))
                if c.checked and specific:
                    out.append(c)
        return out

    # -- shared --------------------------------------------------------------------------------
    def _claims(self, title: str, sentences: list[Sentence], published, *, origin: str,
                comment_index: int | None = None, speaker: str | None = None) -> list[Claim]:
        dc = Decontextualizer(self.runtime.nlp)
        analyses = dc.run(title, [s.text for s in sentences], published,
                          [s.continues_quote for s in sentences], [s.paragraph for s in sentences])
        drafts: list[tuple[Sentence, SentenceAnalysis, str, str, str | None]] = []
        for sent, an in zip(sentences, analyses):
            mask = quote_mask(an.doc, sent.continues_quote)
            ctype, reason = classify(an.doc, speech=an.speech, quote_mask=mask)
            if ctype == "quote" and an.speaker and not an.speaker[:1].isupper():
                ctype = "attribution"  # a vague source ("critics argue that…"): check the content
            if len(an.texts) == 1:
                drafts.append((sent, an, an.texts[0], ctype, reason))
                continue
            for text, adoc in zip(an.texts, self.runtime.nlp.pipe(an.texts)):  # atoms: typed one by one
                atype, areason = classify(adoc, speech=None)
                drafts.append((sent, an, text, atype, areason))
        try:
            scores = self.model.score([d[2] for d in drafts], self.runtime.embedder) if drafts else []
            threshold = self.threshold
        except ModelError as exc:  # a broken install still yields a report, with the reason
            self._warnings.append(f"check-worthiness model unavailable, every claim scored 0.5: {exc}")
            scores, threshold = [0.5] * len(drafts), 0.5
        claims: list[Claim] = []
        for (sent, an, text, ctype, reason), score in zip(drafts, scores):
            score = float(round(float(score), 4))
            checked = ctype not in UNCHECKED_TYPES
            if checked and score < threshold:
                checked = False
                reason = f"check-worthiness {score:.2f} is below the threshold {threshold:.2f}"
            elif ctype in UNCHECKED_TYPES and not reason:
                reason = f"{ctype} claims are reported but not checked"
            doc = an.doc
            numbers = [e.text for e in doc.ents if e.label_ in NUMBER_ENTS]
            dates = list(an.dates) + [d for d in _explicit_dates(sent.text) if d not in an.dates]
            who = an.speaker if an.speech else None
            if origin == "comment" and speaker and not who:
                who = None
            claims.append(
                Claim(
                    id=Claim.make_id(text, sent.span, origin if comment_index is None else f"comment{comment_index}"),
                    text=text,
                    sentence=sent.text,
                    span=sent.span,
                    paragraph=sent.paragraph,
                    type=ctype,
                    speaker=who,
                    quote=an.quote if ctype in ("quote", "attribution") else None,
                    entities=an.entities,
                    numbers=numbers,
                    dates=dates,
                    checkworthiness=min(max(score, 0.0), 1.0),
                    checked=checked,
                    reason=None if checked else reason,
                    origin=origin,
                    comment_index=comment_index,
                )
            )
        return claims
