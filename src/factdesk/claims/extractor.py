"""The claim stage: an article → sentences → self-contained atomic claims, typed and scored.

>>> from factdesk.claims.checkworthy import CheckworthyModel
>>> from factdesk.claims.nlp import load_nlp
>>> from factdesk.embed import MiniLMEmbedder
>>> extractor = ClaimExtractor(load_nlp(), MiniLMEmbedder(), CheckworthyModel.load)
>>> claims, warnings = extractor.extract(article)
>>> claims[0].text, claims[0].type, claims[0].checkworthiness, claims[0].checked

Every claim keeps its original sentence and the sentence's span into ``article.body``; its ``text``
is the sentence (or one clause of it) with pronouns, role phrases and relative dates resolved.
Opinion, prediction and rhetorical claims, and claims below the check-worthiness threshold, are
reported with ``checked=False`` and a ``reason``. ``run(article)`` also returns the stage's timings.
One extractor serves many checks at once: every call keeps its warnings and timings to itself.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from factdesk.claims.background import BackgroundEncoder, spare_core
from factdesk.claims.checkworthy import CheckworthyScorer
from factdesk.claims.relative_dates import MONTHS, parse_published
from factdesk.claims.decontext import Decontextualizer, SentenceAnalysis, may_rewrite, quote_mask
from factdesk.claims.sentences import Sentence, split_sentences
from factdesk.claims.types import NUMBER_ENTS, classify, content_type
from factdesk.claims.verifiability_model import VerifiabilityModel
from factdesk.claims.verifiable import REASON_TYPES, Verifiability, judge, named_speaker
from factdesk.embed import Embedder
from factdesk.errors import ModelError
from factdesk.models import Article, Claim

__all__ = ["ClaimExtractor", "Extraction"]

#: more sentences than this are not analysed (the rest of the article is reported in a warning)
MAX_SENTENCES = 2000
#: comments analysed for reader claims (the rest are skipped)
MAX_COMMENTS = 2000
#: characters of body text analysed (≈ 15,000 words, far past any news article); the rest gets a warning
MAX_BODY_CHARS = 100_000
#: entity labels that make a reader's assertion specific to this story
SPECIFIC_LABELS = frozenset({"PERSON", "ORG", "GPE", "FAC", "LOC", "EVENT"})
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


@dataclass
class _Draft:
    sentence: Sentence
    analysis: SentenceAnalysis
    text: str
    type: str | None  # None: an atom of a split sentence, typed from its own parse later
    gate: Verifiability | None  # None: an atom, judged from its own parse later (see _type_atoms)
    comment_index: int | None
    #: the sentence's verdict, for the atoms of a split sentence
    sentence_gate: Verifiability | None = None
    #: index of the sentence (in the article, or in its comment): the atoms of one sentence share it
    group: int = 0
    #: the claim carries the sentence's speech (its speaker and words); other atoms of a speech
    #: sentence ("X is the museum's director") have no speaker
    speech: bool = True


class _Stopwatch:
    """Wall time of consecutive stages (seconds); the laps add up to the time since it started."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self._last
        self._last = now


@dataclass
class Extraction:
    """What one call of the claim stage found, with its warnings and where its time went."""

    claims: list[Claim]
    warnings: list[str] = field(default_factory=list)
    #: seconds per stage: split, parse_decontext, atoms, embed_wait, score_build (they add up to the
    #: call's wall time), and embed_busy (the embedder's own time, partly hidden behind the other
    #: stages when a worker thread embedded)
    timings: dict[str, float] = field(default_factory=dict)
    #: whether a worker thread embedded while spaCy parsed
    overlapped: bool = False


_CLAUSE_BREAK = re.compile(r"\s+[—–]\s+|\s*;\s+|\s+--\s+")


def _clauses(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Cut sentences at dashes and semicolons (spans still index ``text``)."""
    out: list[Sentence] = []
    for s in sentences:
        start = 0
        for m in list(_CLAUSE_BREAK.finditer(s.text)) + [None]:
            end = m.start() if m else len(s.text)
            piece = s.text[start:end]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if len(piece.split()) >= 3:
                a = s.span[0] + start + lead
                out.append(Sentence(piece, (a, a + len(piece)), s.paragraph, len(out)))
            start = m.end() if m else end
    return out


class ClaimExtractor:
    """Turns an article into claims with a spaCy pipeline (``nlp``), a sentence ``embedder`` and a
    check-worthiness model.

    ``checkworthy_model`` is a model, or a function that loads one on first use: then a model that
    cannot be loaded is a warning in each result (every claim scores 0.5), not a failed check.
    """

    def __init__(self, nlp, embedder: Embedder, checkworthy_model: CheckworthyScorer | Callable[[], CheckworthyScorer],
                 *, threshold: float | None = None, overlap: bool | None = None, background_ner: bool = False,
                 min_checkworthiness: float | None = None, one_fact: bool = True,
                 verifiability_model: VerifiabilityModel | Callable[[], VerifiabilityModel] | None = VerifiabilityModel.load) -> None:
        self.nlp = nlp
        self.embedder = embedder
        self._checkworthy = checkworthy_model
        self._checkworthy_lock = threading.Lock()
        self._threshold = threshold
        #: verifiable claims scoring below this are reported unchecked (None: every verifiable
        #: claim is checked; check-worthiness only orders them); config ``min_checkworthiness``
        self.min_checkworthiness = min_checkworthiness
        #: one fact per claim, references to things resolved (``atoms``, ``references``); False gives
        #: the earlier whole-sentence claims
        self.one_fact = one_fact
        #: the verifiability model (or its loader) that may veto what the rules let through; None: rules alone
        self._verifiability = verifiability_model
        self._verifiability_lock = threading.Lock()
        #: embed on a worker thread while spaCy parses (same claims either way): True, False, or
        #: None to decide per call (on when a core looks free, see ``spare_core``): it saves ≈ 15 %
        #: on an idle 2-core machine and costs ≈ 10 % on a saturated one (docs/claims.md, "Speed")
        self.overlap = overlap
        #: with the worker thread, also run spaCy's NER there while this thread runs the rest of
        #: the pipeline (same claims; see ``factdesk.claims.nlp.pipe``). Off by default: since the
        #: pipeline multiplies with numpy (``nlp.numpy_matmul``) the worker's embeddings are the
        #: longer path, and queueing the NER before them made the stage slower (docs/claims.md)
        self.background_ner = background_ner

    @property
    def checkworthy_model(self) -> CheckworthyScorer:
        """The check-worthiness model, loaded on first use if a loader was given (``ModelError`` if it cannot be)."""
        with self._checkworthy_lock:
            if not isinstance(self._checkworthy, CheckworthyScorer):
                self._checkworthy = self._checkworthy()
            return self._checkworthy

    def verifiability_model(self) -> VerifiabilityModel | None:
        """The verifiability model, loaded on first use (``ModelError`` if it cannot be)."""
        with self._verifiability_lock:
            if self._verifiability is not None and not isinstance(self._verifiability, VerifiabilityModel):
                self._verifiability = self._verifiability()
            return self._verifiability

    # -- article claims ------------------------------------------------------------------------
    def extract(self, article: Article) -> tuple[list[Claim], list[str]]:
        """The article's claims and the warnings about them."""
        result = self.run(article)
        return result.claims, result.warnings

    def run(self, article: Article) -> Extraction:
        """The article's claims, the warnings about them and the stage's timings."""
        watch = _Stopwatch()
        warnings: list[str] = []
        paragraphs = _within_budget(article.paragraphs, MAX_BODY_CHARS)
        if paragraphs != article.paragraphs:
            warnings.append(f"the article body is {len(article.body)} characters long; only the first "
                            f"{MAX_BODY_CHARS} were analysed for claims")
        sentences, split_warnings = split_sentences(paragraphs)
        warnings += split_warnings
        if not sentences:
            return Extraction([], ["the article body has no sentences: no claims were extracted"])
        if len(sentences) > MAX_SENTENCES:
            warnings.append(f"the article has {len(sentences)} sentences; only the first {MAX_SENTENCES} were analysed")
            sentences = sentences[:MAX_SENTENCES]
        if not _looks_english(article.body[:20000]):
            warnings.append("the article does not look like English text: claims and check-worthiness may be unreliable")
        for i, para in enumerate(article.paragraphs):
            if _unbalanced_quotes(para):
                warnings.append(f"paragraph {i} has unbalanced quotation marks: speakers and quotes there may be incomplete")
        watch.lap("split")
        published = parse_published(article.published)
        with self._encoder() as encoder:
            drafts = self._drafts(article.title, sentences, published, None, encoder, background_ner=self.background_ner)
            watch.lap("parse_decontext")
            claims, score_warnings = self._finish(drafts, encoder, watch)
        return Extraction(claims, warnings + score_warnings, {**watch.laps, "embed_busy": encoder.busy_s},
                          encoder.background)

    # -- reader claims from comments -----------------------------------------------------------
    def extract_comment_claims(self, article: Article) -> list[Claim]:
        """Specific factual assertions made by readers (origin="comment"; spans index the comment text).

        A reader claim must be checkable (not opinion / prediction / rhetorical, above the
        check-worthiness threshold) and specific: it names a number, a date, a person, an
        organisation or a place.
        """
        return self.run_comments(article).claims

    def run_comments(self, article: Article) -> Extraction:
        """The readers' claims (see :meth:`extract_comment_claims`) and the warnings about them."""
        published = parse_published(article.published)
        drafts: list[_Draft] = []
        watch = _Stopwatch()
        with self._encoder() as encoder:
            for comment in article.comments[:MAX_COMMENTS]:
                text = comment.text[:20000]
                sentences, _ = split_sentences([text])
                sentences = _clauses(sentences, text)  # readers pack a fact and its context in one line
                if sentences:
                    drafts += self._drafts(article.title, sentences[:200], published, comment.index, encoder)
            claims, warnings = self._finish(drafts, encoder, watch, model_threshold=True)
        out: list[Claim] = []
        for c in claims:
            specific = bool(c.numbers or c.dates or any(e["label"] in SPECIFIC_LABELS for e in c.entities))
            if c.checked and specific:
                out.append(c)
        return Extraction(out, warnings, {**watch.laps, "embed_busy": encoder.busy_s}, encoder.background)

    # -- shared --------------------------------------------------------------------------------
    def _encoder(self) -> BackgroundEncoder:
        background = spare_core() if self.overlap is None else self.overlap
        return BackgroundEncoder(self.embedder, background=background)

    def _drafts(self, title: str, sentences: list[Sentence], published, comment_index: int | None,
                encoder: BackgroundEncoder, *, background_ner: bool = False) -> list[_Draft]:
        """Decontextualise and type; one draft per atomic claim, its text queued on ``encoder``.

        The sentences as written are prefetched, so (with a worker thread) the embedder works while
        spaCy parses; those that will probably stay as written go first (``may_rewrite``: no
        pronoun, relative date, description as subject or speakerless quote), so the worker seldom
        embeds a sentence decontextualisation then rewrites. A rewritten sentence is discarded (if
        not started) and its new texts added. Atoms of split sentences are typed later, all from
        one spaCy call. With ``background_ner`` (one call per extraction: the worker must be free
        when the NER is queued, or the parse would wait behind embeddings) the worker runs spaCy's
        NER first.
        """
        background = encoder.background and background_ner
        dated = published is not None
        # a stable sort: the likely-unchanged sentences first, each group in article order
        first = [s.text for s in sorted(sentences, key=lambda s: may_rewrite(s.text, s.continues_quote, dated))]
        dc = Decontextualizer(self.nlp, submit=encoder.submit if background else None,
                              started=lambda: encoder.prefetch(first), one_fact=self.one_fact)
        analyses = dc.iter_run(title, [s.text for s in sentences], published,
                               [s.continues_quote for s in sentences], [s.paragraph for s in sentences])
        drafts: list[_Draft] = []
        for sent, an in zip(sentences, analyses):
            if sent.text not in an.texts:
                encoder.discard(sent.text)
            encoder.add(an.texts)
            # -- the gate is verifiability (claims/verifiable.py); atoms of a split sentence are
            #    judged and typed from their own parse in _type_atoms, the speech atom as the sentence
            mask = quote_mask(an.doc, sent.continues_quote)
            named = named_speaker(an.speaker, an.entities, known=an.speaker_named)
            gate = judge(an.doc, speech=an.speech, speaker_named=named, quote_mask=mask)
            ctype = content_type(an.doc, speech=an.speech, quote_mask=mask)
            if ctype == "quote" and not named:
                ctype = "attribution"  # a vague source ("critics argue that…"): check the content
            if len(an.texts) > 1:
                speech = [a.speech for a in an.atoms] if an.atoms else [False] * len(an.texts)
                drafts += [_Draft(sent, an, text, ctype if sp else None, gate if sp else None, comment_index,
                                  gate, sent.index, sp) for text, sp in zip(an.texts, speech)]
                continue
            drafts.append(_Draft(sent, an, an.texts[0], ctype, gate, comment_index, gate, sent.index))
        return drafts

    # -- claims given as they are (factdesk verify) ----------------------------------------------
    def single(self, texts: list[str]) -> Extraction:
        """One claim per text, as written (nothing split or rewritten: a journalist's claim is already
        self-contained), typed and scored, and always checked: whoever asks wants a verdict."""
        texts = [" ".join(t.split()) for t in texts]
        claims: list[Claim] = []
        warnings: list[str] = []
        try:
            model = self.checkworthy_model
            scores = list(model.score(texts, self.embedder)) if texts else []
        except ModelError as exc:
            scores, warnings = [0.5] * len(texts), [f"check-worthiness model unavailable, every claim scored 0.5: {exc}"]
        for i, (text, doc, score) in enumerate(zip(texts, self.nlp.pipe(texts, batch_size=64), scores)):
            ctype, _reason = classify(doc, speech=None)
            entities = [{"text": e.text, "label": e.label_} for e in doc.ents]
            claims.append(Claim(
                id=Claim.make_id(text, (0, len(text)), f"claim{i}"), text=text, sentence=text, span=(0, len(text)),
                paragraph=i, type=ctype, entities=entities,  # type: ignore[arg-type]
                numbers=[e.text for e in doc.ents if e.label_ in {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}],
                dates=_explicit_dates(text), checkworthiness=round(float(min(1.0, max(0.0, score))), 4), checked=True,
            ))
        return Extraction(claims, warnings)

    def _type_atoms(self, drafts: list[_Draft]) -> None:
        """Type and judge the atoms of split sentences from their own parse (one spaCy call for all of
        them); a reason that holds for the whole sentence (a question, an unnamed person's quote…)
        holds for each of its atoms."""
        atoms = [d for d in drafts if d.type is None]
        for d, doc in zip(atoms, self.nlp.pipe([d.text for d in atoms], batch_size=64)):
            d.type = content_type(doc, speech=None)
            whole = d.sentence_gate
            d.gate = whole if whole is not None and whole.whole else judge(doc)

    def _model_veto(self, drafts: list[_Draft], embeddings) -> list[str]:
        """The verifiability model leaves unchecked what the rules let through only when it is nearly
        certain there is nothing to check (``veto_below`` of its card; 0 turns the veto off)."""
        try:
            model = self.verifiability_model()
        except ModelError as exc:
            return [f"verifiability model unavailable, the rules decide alone: {exc}"]
        if model is None or model.veto_below <= 0 or not drafts:
            return []
        probs = model.probability([d.text for d in drafts], embeddings)
        for d, p in zip(drafts, probs):
            if d.gate is not None and d.gate.verifiable and p < model.veto_below:
                d.gate = Verifiability(False, "no_content", f"the verifiability model finds nothing to check (p {p:.2f})")
        return []

    def _scores(self, drafts: list[_Draft], embeddings) -> tuple[list[float], float, list[str]]:
        """Check-worthiness of every draft (in one batch), the threshold, and a warning if the model failed."""
        try:
            model = self.checkworthy_model
            scores = model.score([d.text for d in drafts], self.embedder, embeddings=embeddings) if drafts else []
            threshold = self._threshold if self._threshold is not None else model.threshold
            return list(scores), threshold, []
        except ModelError as exc:  # a broken install still yields a report, with the reason
            return [0.5] * len(drafts), 0.5, [f"check-worthiness model unavailable, every claim scored 0.5: {exc}"]

    def _finish(self, drafts: list[_Draft], encoder: BackgroundEncoder, watch: _Stopwatch,
                model_threshold: bool = False) -> tuple[list[Claim], list[str]]:
        """Type the atoms, score every draft and build the claims. A verifiable claim is checked
        unless it scores below ``min_checkworthiness`` (when set) or, with ``model_threshold`` (reader
        comments: most of what readers write is not worth a check), below the model's threshold."""
        self._type_atoms(drafts)
        watch.lap("atoms")
        embeddings = encoder.result()
        watch.lap("embed_wait")
        scores, threshold, warnings = self._scores(drafts, embeddings)
        warnings += self._model_veto(drafts, embeddings)
        claims: list[Claim] = []
        minimum = threshold if model_threshold else self.min_checkworthiness
        for d, score in zip(drafts, scores):
            score = min(max(float(round(float(score), 4)), 0.0), 1.0)
            # the gate is verifiability; check-worthiness orders the claims and filters only on request
            checked, reason = True, None
            if d.gate is not None and not d.gate.verifiable:
                checked, reason = False, f"{d.gate.reason.replace('_', ' ')}: {d.gate.why}"
                d.type = REASON_TYPES.get(d.gate.reason) or d.type
            elif minimum is not None and score < minimum:
                checked, reason = False, f"check-worthiness {score:.2f} is below the minimum {minimum:.2f}"
            an, sent = d.analysis, d.sentence
            origin = "article" if d.comment_index is None else "comment"
            dates = list(an.dates) + [x for x in _explicit_dates(sent.text) if x not in an.dates]
            claims.append(
                Claim(
                    id=Claim.make_id(d.text, sent.span, origin if d.comment_index is None else f"comment{d.comment_index}"),
                    text=d.text,
                    sentence=sent.text,
                    span=sent.span,
                    paragraph=sent.paragraph,
                    type=d.type,
                    speaker=an.speaker if an.speech and d.speech else None,
                    quote=an.quote if d.type in ("quote", "attribution") else None,
                    entities=an.entities,
                    numbers=[e.text for e in an.doc.ents if e.label_ in NUMBER_ENTS],
                    dates=dates,
                    checkworthiness=score,
                    checked=checked,
                    reason=None if checked else reason,
                    origin=origin,
                    comment_index=d.comment_index,
                    group=d.group,
                )
            )
        watch.lap("score_build")
        return claims, warnings


def _within_budget(paragraphs: list[str], budget: int) -> list[str]:
    """The leading paragraphs that fit in ``budget`` characters (the last one cut), so spans stay valid."""
    kept, used = [], 0
    for para in paragraphs:
        if used + len(para) > budget:
            if budget - used > 0:
                kept.append(para[: budget - used])
            break
        kept.append(para)
        used += len(para) + 2
    return kept
