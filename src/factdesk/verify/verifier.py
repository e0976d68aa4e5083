"""The verify stage: stance models, like-with-like alignment and a claim-level decision, with cited sentences.

For each claim, every candidate passage gets stance probabilities from the head over sentence
embeddings (:mod:`factdesk.verify.head`), and in the cascade design the cross-encoder
(:mod:`factdesk.verify.crossenc`) reads each claim's most relevant passages. Then the checks that do
not trust the models alone correct them (:mod:`factdesk.verify.align`): the frames of
:mod:`factdesk.verify.frames` compare a figure, date or agent name only when the passage states it
about the claim's subject and attribute, and a value some passage confirms is not refuted by
another subject's or another event's value. The claim's weighed evidence then goes to the
claim-level decision (:mod:`factdesk.verify.decide`): a label, a calibrated probability and, for
"not enough evidence", which kind; :mod:`factdesk.verify.rationale` explains it, naming both sides.

>>> verifier = Verifier(embedder, OnnxStanceModel.load(embedder), CrossEncoderStance.load())  # doctest: +SKIP
>>> verdicts = verifier.verify_many(claims, found.candidates, found.prior_fact_checks)          # doctest: +SKIP
>>> verdicts[claims[0].id].label                                                                # doctest: +SKIP
'refuted'

One verifier serves many checks at once (a server's workers): it keeps no per-call state, and its
caches (passage vectors, parses) are guarded by locks.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from factdesk.embed import Embedder
from factdesk.evidence.store.base import embed_text
from factdesk.models import Claim, Evidence, Passage, PriorFactCheck, ScoredPassage, Verdict
from factdesk.verify.aggregate import ScoredEvidence, rating_stance, recency_weight, relevance, source_weight
from factdesk.verify.answers import polar_answer
from factdesk.verify.align import ON_TOPIC, RESTATES, PassageChecks, adjust_stance, align
from factdesk.verify.decide import PairEvidence, VerdictModel, confidence_words
from factdesk.verify.entities import EntityFinder
from factdesk.verify.features import features_matrix
from factdesk.verify.frames import (AGENTIVE_PAST, INSTITUTIONS, ROLE_NOUNS, YEAR_DIGITS, FrameCheck, FrameReader,
                                    find_values)
from factdesk.verify.negation import overlap, stem_overlap
from factdesk.verify.quotes import check_quote
from factdesk.verify.rationale import write_rationale
from factdesk.verify.stance import LABELS, EmbeddingStanceModel, StanceModel

__all__ = ["StoredVectors", "Verifier", "Weighed"]

log = logging.getLogger(__name__)

MAX_CANDIDATES = 20
#: cascade: how many of a claim's passages the cross-encoder reads, and the least relevance worth reading
CROSS_TOP_K = 4
CROSS_MIN_RELEVANCE = 0.2
MAX_CITED = 5
#: quotation marks: only words the article quotes are checked as someone's words
_QUOTE_MARKS = re.compile("[\"“”„«»]")
#: a claim that may name who did it ("built by CERN", "aboard the Space Shuttle Columbia", "the spokesman Egon
#: Krenz", "Gaudí designed …") or where an organisation is based ("headquartered in Espoo"): its names are read
#: in frames even when it states no figure or date
_NAMES_AN_AGENT = re.compile(
    r"\b(?:by|aboard|headquartered|headquarters|based in|born in|" + "|".join(sorted(ROLE_NOUNS | INSTITUTIONS)) + r")\b"
    r"|\b[A-Z][\w'’.-]*\s+(?:" + "|".join(sorted(AGENTIVE_PAST)) + r")\b",
    re.I)
#: the passages whose values are read in frames: each claim's most relevant ones, at least this relevant
#: (parsing costs a few ms a sentence)
FRAME_TOP_K = 8
FRAME_MIN_RELEVANCE = 0.15

#: passage vectors of recent texts kept by a verifier (the same passages come back for many claims)
VECTOR_CACHE_SIZE = 20000

#: stored passage vectors by passage id (the evidence store's ``get_vectors``); ids it lacks are left out
StoredVectors = Callable[[list[str]], Mapping[str, np.ndarray]]


_YEAR = re.compile(rf"\b(?:{YEAR_DIGITS})\b")


def _doc_year(p: Passage) -> int | None:
    """The year a document speaks for: its publication year, else a year its title names."""
    m = re.match(r"(19\d\d|20\d\d)-", p.published or "") or re.search(r"\b(19\d\d|20\d\d)\b", p.title or "")
    return int(m.group(1)) if m else None


def _another_period(year: int | None, confirming: set) -> bool:
    """The disagreeing document is dated, and every document that confirms the value is dated otherwise."""
    return year is not None and bool(confirming) and None not in confirming and year not in confirming


@dataclass
class Weighed:
    """One claim's evidence after the models and the checks: what the decision and the report read."""

    claim: Claim
    passages: list[ScoredPassage]
    scored: list[ScoredEvidence]
    evidence: list[Evidence]
    checks: list[PassageChecks]
    pairs: list[PairEvidence]
    quote: dict | None = None
    priors: list[PriorFactCheck] = field(default_factory=list)
    prior_note: str | None = None


#: who reported a fact and when ("…, the Aldenbridge-based drugmaker said on Thursday (March 5, 2026)."), which a
#: passage stating the fact need not repeat
_SAID_AFTER = re.compile(r",\s+(?:[^,]{1,60}?\s)?(?:said|says|reported|announced|told\s+\w+|added|stated|confirmed)"
                         r"(?:\s+(?:on|in|last|this|earlier|yesterday|today)\b[^,.]{0,25})?\.?\s*$", re.I)
_ACCORDING = re.compile(r",\s+according to\b[^,]*?\.?\s*$", re.I)
_DATE_IN_BRACKETS = re.compile(r"\s*\([^()]*\b\d{4}\)")


def _value_span(check: FrameCheck) -> tuple[int, int]:
    """Which of the claim's values a frame check compared: its character span in the claim."""
    return check.claim.value.start, check.claim.value.end


def _without_attribution(claim: str) -> str:
    """The claim's fact without the words saying who reported it and the date in brackets its day was
    resolved to."""
    return _ACCORDING.sub(".", _SAID_AFTER.sub(".", _DATE_IN_BRACKETS.sub("", claim)))


class Verifier:
    """Decides supported / refuted / mixed / not_enough_evidence for checked claims.

    ``embedder`` embeds claims and the passages the store has no vector for; ``stance_model`` (the
    head) reads every candidate; ``cross_model``, if given (the cascade design), reads each claim's
    ``cross_top_k`` most relevant passages; ``frames`` (a :class:`FrameReader` over the spaCy pipeline)
    places values in their subject and attribute (without it, values are compared by the words
    around them); ``decider`` turns a claim's weighed evidence into a verdict (default: the trained
    one shipped with factdesk); ``stored_vectors`` looks up passage vectors the evidence store already
    holds (nothing is looked up without it).
    """

    def __init__(self, embedder: Embedder, stance_model: EmbeddingStanceModel, cross_model: StanceModel | None = None,
                 decider: VerdictModel | None = None, *, frames: FrameReader | None = None,
                 stored_vectors: StoredVectors | None = None, cross_top_k: int = CROSS_TOP_K) -> None:
        self.embedder = embedder
        self.model = stance_model
        self.cross = cross_model
        self.decider = decider if decider is not None else VerdictModel.load()
        self.frames = frames
        self.stored_vectors = stored_vectors
        self.cross_top_k = cross_top_k
        self._finder = EntityFinder(None)
        self._cache_lock = threading.Lock()
        self._vec_cache: dict[str, np.ndarray] = {}

    @property
    def design(self) -> str:
        """``cascade`` (head and cross-encoder) or ``head`` (the head alone)."""
        return "cascade" if self.cross is not None else "head"

    # ------------------------------------------------------------------------------------------
    def verify_many(
        self,
        claims: list[Claim],
        candidates: dict[str, list[ScoredPassage]],
        prior: dict[str, list[PriorFactCheck]],
    ) -> dict[str, Verdict]:
        weighed = self.weigh(claims, candidates, prior)
        return {c.id: self.conclude(weighed[c.id]) for c in claims}

    def weigh(
        self,
        claims: list[Claim],
        candidates: dict[str, list[ScoredPassage]],
        prior: dict[str, list[PriorFactCheck]],
    ) -> dict[str, Weighed]:
        """Every claim's candidate passages scored by the models and corrected by the checks."""
        pairs: list[tuple[int, ScoredPassage]] = []
        per_claim: dict[str, list[ScoredPassage]] = {}
        for ci, c in enumerate(claims):
            cands = sorted(candidates.get(c.id, []), key=lambda s: -s.score)[:MAX_CANDIDATES]
            per_claim[c.id] = cands
            pairs += [(ci, sp) for sp in cands]
        probs, cos = self._score(claims, pairs)
        ov, rel = self._relevance(claims, pairs, cos)
        probs = self._cascade(claims, pairs, probs, rel)
        frames = self._frame_checks(claims, pairs, rel)
        out: dict[str, Weighed] = {}
        k = 0
        for c in claims:
            n = len(per_claim[c.id])
            out[c.id] = self._weigh_claim(c, per_claim[c.id], probs[k:k + n], cos[k:k + n], ov[k:k + n],
                                          rel[k:k + n], frames[k:k + n], prior.get(c.id, []))
            k += n
        return out

    def _frame_checks(self, claims: list[Claim], pairs: list[tuple[int, ScoredPassage]],
                      rel: np.ndarray) -> list[tuple[list[FrameCheck], int] | None]:
        """Per pair: the like-with-like checks and how many claim values the frames placed (None when
        no parser is at hand). Only passages holding a value of a kind the claim states are parsed."""
        if self.frames is None or not pairs:
            return [None] * len(pairs)
        claim_kinds = [{v.kind for v in find_values(c.text)} for c in claims]
        ranked: dict[int, list[int]] = {}
        for k, (ci, _) in enumerate(pairs):
            if rel[k] >= FRAME_MIN_RELEVANCE:
                ranked.setdefault(ci, []).append(k)
        top = {k for ks in ranked.values() for k in sorted(ks, key=lambda k: (-rel[k], k))[:FRAME_TOP_K]}
        wanted = [k for k, (ci, sp) in enumerate(pairs) if k in top
                  and (claim_kinds[ci] & {v.kind for v in find_values(sp.passage.text)} or _NAMES_AN_AGENT.search(claims[ci].text))]
        texts = [c.text for c in claims] + [pairs[k][1].passage.text for k in wanted]
        docs = self.frames.parse_many(texts)
        claim_frames = [self.frames.frames(c.text, None, d) for c, d in zip(claims, docs[:len(claims)])]
        out: list[tuple[list[FrameCheck], int] | None] = [([], len(claim_frames[ci])) for ci, _ in pairs]
        from factdesk.verify.frames import compare_frames

        for k, doc in zip(wanted, docs[len(claims):]):
            ci, sp = pairs[k]
            if not claim_frames[ci]:
                continue
            passage_frames = self.frames.frames(sp.passage.text, sp.passage.title, doc, context=sp.passage.context,
                                                 publisher=sp.passage.publisher)
            out[k] = (compare_frames(claim_frames[ci], passage_frames), len(claim_frames[ci]))
        return out

    @staticmethod
    def _relevance(claims: list[Claim], pairs: list[tuple[int, ScoredPassage]],
                   cos: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per pair: the share of the claim's content words in the passage, and the relevance that
        weighs the passage (cosine, that overlap, fused retrieval score against the claim's best)."""
        top_fused: dict[int, float] = {}
        for ci, sp in pairs:
            top_fused[ci] = max(top_fused.get(ci, 0.0), sp.score)
        ov = np.array([overlap(claims[ci].text, sp.passage.text) for ci, sp in pairs], dtype=float)
        rel = np.array([relevance(float(cos[k]), float(ov[k]), sp.score / (top_fused[ci] or 1.0))
                        for k, (ci, sp) in enumerate(pairs)], dtype=float)
        return ov, rel

    def _score(self, claims: list[Claim], pairs: list[tuple[int, ScoredPassage]]) -> tuple[np.ndarray, np.ndarray]:
        if not pairs:
            return np.zeros((0, 3)), np.zeros(0)
        claim_texts = [claims[ci].text for ci, _ in pairs]
        passage_texts = [sp.passage.text for _, sp in pairs]
        embed_texts = [embed_text(sp.passage) for _, sp in pairs]
        self._remember_stored([sp.passage for _, sp in pairs], embed_texts)
        vec = self._embed(list(dict.fromkeys([c.text for c in claims] + embed_texts)))
        u = np.stack([vec[t] for t in claim_texts])
        v = np.stack([vec[t] for t in embed_texts])
        probs = self.model.predict_embedded(u, v, features_matrix(claim_texts, passage_texts))
        cos = np.sum(u * v, axis=1)
        return np.asarray(probs, dtype=float), np.asarray(cos, dtype=float)

    def _cascade(self, claims: list[Claim], pairs: list[tuple[int, ScoredPassage]], probs: np.ndarray,
                 rel: np.ndarray) -> np.ndarray:
        """The cascade design: the cross-encoder reads each claim's ``cross_top_k`` most relevant passages
        (relevance as the verdict weighs it, and at least ``CROSS_MIN_RELEVANCE``); its probabilities are
        blended into the head's with the weight fitted on the calibration slice (``blend_weight``)."""
        cross = self.cross if self.cross_top_k > 0 else None
        if cross is None or not pairs:
            return probs
        rel_by_claim: dict[int, list[tuple[float, int]]] = {}
        for k, (ci, _) in enumerate(pairs):
            if rel[k] >= CROSS_MIN_RELEVANCE:
                rel_by_claim.setdefault(ci, []).append((float(rel[k]), k))
        chosen = sorted(k for ranked in rel_by_claim.values()
                        for _, k in sorted(ranked, key=lambda x: (-x[0], x[1]))[:self.cross_top_k])
        if not chosen:
            return probs
        read = cross.predict([(claims[pairs[k][0]].text, embed_text(pairs[k][1].passage)) for k in chosen])
        weight = float(cross.meta.get("blend_weight", 1.0))
        out = np.array(probs, dtype=float, copy=True)
        out[chosen] = weight * np.asarray(read, dtype=float) + (1.0 - weight) * out[chosen]
        return out

    def _remember_stored(self, passages: list[Passage], texts: list[str]) -> None:
        """Take passage vectors from the evidence store when it holds them (it embedded the same
        ``texts``, each passage's ``embed_text``), so only passages it lacks are embedded here."""
        if self.stored_vectors is None:
            return
        with self._cache_lock:
            todo = {p.id: t for p, t in zip(passages, texts) if t not in self._vec_cache}
        if not todo:
            return
        try:
            found = self.stored_vectors(list(todo))
        except Exception:  # a closed or busy store: embedding is the fallback, never a failure
            log.debug("stored vectors unavailable", exc_info=True)
            return
        with self._cache_lock:
            for pid, vec in found.items():
                if vec.shape == (self.embedder.dim,):
                    self._vec_cache[todo[pid]] = vec

    def _embed(self, texts: list[str]) -> dict[str, np.ndarray]:
        """Embeddings by text, with a bounded cache: the same passages come back for many claims."""
        with self._cache_lock:
            found = {t: self._vec_cache[t] for t in texts if t in self._vec_cache}
        todo = [t for t in texts if t not in found]
        if todo:
            fresh = dict(zip(todo, self.embedder.encode(todo)))
            found.update(fresh)
            with self._cache_lock:
                for t, vec in fresh.items():
                    self._vec_cache.setdefault(t, vec)
                while len(self._vec_cache) > VECTOR_CACHE_SIZE:
                    self._vec_cache.pop(next(iter(self._vec_cache)))
        return found

    def _weigh_claim(self, claim: Claim, cands: list[ScoredPassage], probs: np.ndarray, cos: np.ndarray,
                     ovs: np.ndarray, rels: np.ndarray, frames: list, priors: list[PriorFactCheck]) -> Weighed:
        quote_info = None
        quote_text = claim.quote if claim.quote else (claim.text if claim.type == "quote" else None)
        if quote_text and not _QUOTE_MARKS.search(claim.sentence or claim.text):
            # reported speech ("Revenue rose to X, the company said"): what was said is checked as a fact,
            # not as someone's words
            quote_text = None
        if quote_text:
            quote_info = check_quote(quote_text, claim.speaker, [sp.passage.text for sp in cands]).as_dict()
        # a value some relevant passage confirms about the claim's subject and attribute is not refuted by
        # another passage's value in a matching frame: that one is about another time or event (the 2024
        # figure beside the 2025 one, the 200 m final beside the 100 m)
        # ... and a document of another year that restates it with another value is that year's figure (the
        # 2024 report's dividend beside the 2025 report's), not a conflict: each confirmed value, with the
        # years of the documents that confirm it
        confirmed_years: dict[tuple[int, int], set] = {}
        denied_years: dict[tuple[int, int], set] = {}
        for f, sp in zip(frames, cands):
            for c in (f[0] if f else []):
                (confirmed_years if c.agrees else denied_years).setdefault(_value_span(c), set()).add(_doc_year(sp.passage))
        # ... but a claim that names no year speaks for the newest period its sources report: a value only older
        # documents confirm and a newer one denies is last year's ("proposed a final dividend of 31.5 pence",
        # the 2024 results' figure, against the 2025 results' 33.0 pence)
        stale = set() if _YEAR.search(_without_attribution(claim.text)) else {
            key for key, years in confirmed_years.items()
            if None not in years and denied_years.get(key) and None not in denied_years[key]
            and max(denied_years[key]) > max(years)}
        scored: list[ScoredEvidence] = []
        evidence: list[Evidence] = []
        checks_all: list[PassageChecks] = []
        pair_ev: list[PairEvidence] = []
        for i, sp in enumerate(cands):
            p = sp.passage
            ov, rel = float(ovs[i]), float(rels[i])
            fr = frames[i]
            frame_checks = None
            values = 0
            if fr is not None:
                # a passage that restates the claim around another value is a real conflict (mixed)
                year = _doc_year(p)
                frame_checks = [c for c in fr[0] if (c.agrees and _value_span(c) not in stale) or (
                    not c.agrees and (_value_span(c) not in confirmed_years or _value_span(c) in stale
                                      or ov >= RESTATES and not _another_period(year, confirmed_years[_value_span(c)])))]
                values = fr[1]
            checks = align(claim.text, p.text, self._finder, frame_checks, values)
            adj = adjust_stance(probs[i], checks, rel, ov >= 0.7, ov)
            notes = checks.describe()
            if quote_info and quote_info.get("source_index") == i:
                adj = self._quote_adjust(adj, quote_info)
                notes.append(f"quote: {quote_info['kind']}" + (
                    "" if quote_info.get("attributed") is not False else " (attributed to someone else)"))
            answer = polar_answer(claim.text, p.title, p.text)
            if answer == "no":  # the source answers "No" to a question that restates the claim
                adj = np.array([0.05, 0.9, 0.05])
                notes.append(f"answer: \"No\" to \"{p.title}\"")
            # a frame match is on topic whatever the relevance score says
            eff_rel = max(rel, 0.75) if checks.frame_agree or checks.frame_disagree else rel
            se = ScoredEvidence(i, dict(zip(LABELS, map(float, adj))), eff_rel, source_weight(p.source, p.url),
                                recency_weight(p.published), notes)
            scored.append(se)
            checks_all.append(checks)
            evidence.append(self._evidence(sp, se, float(cos[i])))
            framed = [*checks.frame_agree, *checks.frame_disagree]
            restates = self._restates(claim.text, p, framed) if framed else 0.0
            quote_kind = None
            if quote_info and quote_info.get("source_index") == i:
                quote_kind = "misattributed" if quote_info.get("attributed") is False else quote_info.get("kind")
            pair_ev.append(PairEvidence(tuple(map(float, adj)), eff_rel, se.trust, se.recency, float(cos[i]), ov,
                                        len(checks.frame_agree), len(checks.frame_disagree), quote=quote_kind,
                                        restates=restates, answer=answer,
                                        agreed=tuple(_value_span(c) for c in checks.frame_agree),
                                        disagreed=tuple(_value_span(c) for c in checks.frame_disagree)))
        prior_note = None
        for j, pf in enumerate(sorted(priors, key=lambda x: -x.similarity)):
            stance = rating_stance(pf.rating)
            if pf.similarity < 0.6 or stance == "neutral":
                continue
            pr = (0.95, 0.025, 0.025) if stance == "supports" else (0.025, 0.95, 0.025) if stance == "refutes" \
                else (0.5, 0.5, 0.0)
            scored.append(ScoredEvidence(-1 - j, dict(zip(LABELS, pr)), min(1.0, pf.similarity), source_weight("claimreview")))
            pair_ev.append(PairEvidence(pr, min(1.0, pf.similarity), source_weight("claimreview"), prior=True))
            if prior_note is None:
                prior_note = f"{pf.publisher or 'A fact-checker'} already rated a matching claim \"{pf.rating}\"."
        return Weighed(claim, cands, scored, evidence, checks_all, pair_ev, quote_info,
                       sorted(priors, key=lambda x: -x.similarity), prior_note)

    def conclude(self, w: Weighed) -> Verdict:
        """The verdict on one weighed claim: label, calibrated confidence (in words too), cited
        sentences and a rationale that names both sides."""
        decision = self.decider.decide(w.pairs)
        cited = self._cite(w.scored, w.evidence, decision.label)
        top_sup = next((e for e in cited if e.stance == "supports"), None)
        top_ref = next((e for e in cited if e.stance == "refutes"), None)
        mismatches: list = []
        if top_ref is not None:
            key = next((s.key for s, e in zip(w.scored, w.evidence) if e is top_ref), None)
            if key is not None and key >= 0:
                mismatches = list(w.checks[key].disagree)
        if not mismatches and decision.label in {"refuted", "mixed"}:
            mismatches = next((list(c.disagree) for c, s in zip(w.checks, w.scored) if c.disagree
                               and s.relevance >= ON_TOPIC), [])
        agreements: list = []
        if top_sup is not None:
            key = next((s.key for s, e in zip(w.scored, w.evidence) if e is top_sup), None)
            if key is not None and key >= 0:
                agreements = w.checks[key].frame_agree
        rationale = write_rationale(decision.label, top_sup, top_ref, mismatches, w.quote, w.prior_note,
                                    agreements=agreements, undecided=decision.reason)
        confidence = round(float(min(1.0, max(0.0, decision.confidence))), 4)
        return Verdict(
            label=decision.label,  # type: ignore[arg-type]
            confidence=confidence,
            confidence_level=confidence_words(confidence),  # type: ignore[arg-type]
            undecided=decision.reason,  # type: ignore[arg-type]
            rationale=rationale,
            evidence=cited,
            prior_fact_checks=w.priors,
            quote_check=w.quote,
        )

    @staticmethod
    def _restates(claim_text: str, passage: Passage, framed: list[FrameCheck]) -> float:
        """How much of the claim, less its values the passage's frames compared, the passage restates: the
        share of those content words in the passage, its document title and the sentence before it
        ("CECOT opened in 2019" against "The prison opened in 2023." after "… known as CECOT, …")."""
        spans = sorted({_value_span(c) for c in framed}, reverse=True)
        rest = claim_text
        for start, end in spans:
            rest = rest[:start] + " " + rest[end:]
        around = " ".join(x for x in (passage.title, passage.context, passage.text) if x)
        return float(stem_overlap(_without_attribution(rest), around))

    @staticmethod
    def _quote_adjust(p: np.ndarray, q: dict) -> np.ndarray:
        kind, attributed = q.get("kind"), q.get("attributed")
        if attributed is False:
            new = [0.1, 0.45, 0.45]
        elif kind == "altered":
            new = [0.05, 0.9, 0.05]
        elif kind in {"verbatim", "trimmed"}:
            new = [0.9, 0.05, 0.05]
        elif kind == "paraphrased":
            new = [max(0.6, float(p[0])), float(p[1]) * 0.5, 0.3]
        else:
            return p
        arr = np.asarray(new, dtype=float)
        return arr / arr.sum()

    @staticmethod
    def _evidence(sp: ScoredPassage, se: ScoredEvidence, cos: float) -> Evidence:
        p = sp.passage
        side = se.side()
        stance = side if se.probs[side] >= 0.5 and side != "neutral" else "neutral"
        strength = se.probs["supports"] if stance == "supports" else se.probs["refutes"] if stance == "refutes" \
            else se.probs["neutral"]
        return Evidence(
            text=p.text, url=p.url, title=p.title, source=p.source, stance=stance,  # type: ignore[arg-type]
            score=round(float(min(1.0, max(0.0, se.weight * strength))), 4),
            published=p.published, publisher=p.publisher, passage_id=p.id,
            retrieval={"fused": sp.score, "bm25": sp.bm25, "dense": sp.dense, "cosine": round(cos, 4)},
            stance_probs={k: round(v, 4) for k, v in se.probs.items()},
            checks=se.checks,
        )

    @staticmethod
    def _cite(scored: list[ScoredEvidence], evidence: list[Evidence], label: str) -> list[Evidence]:
        """The evidence sentences shown with the verdict: strongest first; relevant neutral ones for NEE."""
        pairs = [(s, e) for s, e in zip(scored, evidence) if s.key >= 0]
        if label == "not_enough_evidence":
            chosen = [e for s, e in sorted(pairs, key=lambda x: -x[0].relevance) if s.relevance >= 0.35][:2]
            return chosen
        taking = [e for s, e in pairs if e.stance != "neutral" and s.relevance >= 0.2]
        return sorted(taking, key=lambda e: -e.score)[:MAX_CITED]
