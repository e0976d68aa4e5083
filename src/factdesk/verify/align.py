"""Alignment: what the exact checks find in a (claim, passage) pair, and how it corrects the model.

:func:`align` gathers the checks that do not trust the stance model: the like-with-like frame checks
(:mod:`factdesk.verify.frames`: a figure, date or agent name compared only about the same subject and
the same attribute), names the passage restates, and negation. :func:`adjust_stance` corrects the
model's (supports, refutes, neutral) with what they found and with how much the passage is about the
claim at all.

>>> from factdesk.verify.entities import EntityFinder
>>> align("Unemployment fell to 3.5% in 2019.", "Unemployment fell to 4.1% in 2019.", EntityFinder()).disagree[0].describe()
"number: claim '3.5%' differs from source '4.1%'"
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from factdesk.verify.context import same_context
from factdesk.verify.dates import compare_dates
from factdesk.verify.entities import EntityFinder, compare_entities
from factdesk.verify.frames import FrameCheck
from factdesk.verify.negation import negation_mismatch
from factdesk.verify.numbers import NumberCheck, compare_numbers

__all__ = ["GROUNDED", "ON_TOPIC", "PassageChecks", "adjust_stance", "align"]

#: relevance from which a passage counts as about the claim (its model stance is taken in full)
ON_TOPIC = 0.5
#: content-word overlap with the claim below which a model-only refutation is shrunk (see ``adjust_stance``)
GROUNDED = 0.3
#: a passage that restates this share of the claim's content words may refute it by naming someone else
RESTATES = 0.6
#: a passage date this many years from the claim's, none agreeing, leaves the claim's date unconfirmed
NEAR_MISS_YEARS = 3
#: what is left of the model's support for a passage that states figures or dates of the claim's kinds
#: but never the claim's own (``PassageChecks.unconfirmed``)
UNCONFIRMED = 0.4


#: units whose figures a passage gives in several senses at once (level, change, range)
_SHIFTING_UNITS = frozenset({"percent", "pp", "degc", "degf", "deg"})


@dataclass
class PassageChecks:
    """Alignment findings for one (claim, passage) pair."""

    agree: list = field(default_factory=list)
    disagree: list = field(default_factory=list)
    negation: bool = False
    #: how many of the claim's values (figures, dates, agent names) the frames could place at all
    claim_values: int = 0
    #: the passage states figures or dates of the kinds the claim's have, and none of them is the claim's
    #: (compared without frames: whatever they are about)
    unconfirmed: bool = False

    @property
    def frame_agree(self) -> list[FrameCheck]:
        return [c for c in self.agree if isinstance(c, FrameCheck)]

    @property
    def frame_disagree(self) -> list[FrameCheck]:
        return [c for c in self.disagree if isinstance(c, FrameCheck)]

    def describe(self) -> list[str]:
        out = [c.describe() for c in self.disagree] + [c.describe() for c in self.agree]
        if self.negation:
            out.append("negation: one text denies what the other asserts")
        return out


def align(claim: str, passage: str, finder: EntityFinder, frames: list[FrameCheck] | None = None,
          claim_values: int = 0) -> PassageChecks:
    """Figures, dates, names and negation of ``claim`` against ``passage``.

    With ``frames`` (the like-with-like checks of the pair, from the parse) those decide figures, dates
    and agent names; without them (no parser at hand) figures and dates are compared by the words
    around them (:func:`~factdesk.verify.context.same_context`).

    >>> align("Unemployment fell to 3.5% in 2019.", "Unemployment fell to 4.1% in 2019.", EntityFinder()).disagree[0].describe()
    "number: claim '3.5%' differs from source '4.1%'"
    """
    res = PassageChecks(claim_values=claim_values)
    if frames is not None:
        for chk in frames:
            (res.agree if chk.agrees else res.disagree).append(chk)
        # dates too, where the passage's nearest date is a near miss (2015 for 2016, May for April): a date
        # years away is more often another event of the subject's than a wrong one
        loose = compare_numbers(claim, passage) + [c for c in compare_dates(claim, passage)
                                                   if c.agrees or abs(c.source.year - c.claim.year) <= NEAR_MISS_YEARS]
        # ... and a figure of the claim's whose every same-kind figure in the passage differs ("packed in 350
        # crates" against "packed into 214 crates"), whatever dates agree beside it
        # (not a share or a temperature: a passage gives those as levels, changes and ranges at once)
        figure_missed = any(not c.agrees for c in loose if isinstance(c, NumberCheck)
                            and c.claim.unit not in _SHIFTING_UNITS)
        res.unconfirmed = bool(loose) and (not any(c.agrees for c in loose) or figure_missed) and not res.frame_agree
    else:
        for chk in compare_numbers(claim, passage) + compare_dates(claim, passage):
            if chk.agrees:
                res.agree.append(chk)
            elif same_context(claim, (chk.claim.start, chk.claim.end), passage, (chk.source.start, chk.source.end)):
                res.disagree.append(chk)
    ce, pe = finder.find_many([claim, passage])
    # a name the passage shares agrees; another name in the same slot disagrees only when the passage
    # restates the rest of the claim ("Barcelona beat Real Madrid" / "Valencia beat Real Madrid")
    for chk in compare_entities(claim, passage, ce, pe, min_context=RESTATES if frames is not None else 0.4):
        (res.agree if chk.agrees else res.disagree).append(chk)
    res.negation = negation_mismatch(claim, passage)
    return res


def _set_side(p: np.ndarray, side: int, value: float) -> np.ndarray:
    """Raise one stance to at least ``value``; the other two share what is left in their old ratio."""
    if p[side] >= value:
        return p
    rest = [i for i in range(3) if i != side]
    others = p[rest].sum()
    out = p.copy()
    out[side] = value
    out[rest] = (1 - value) * (p[rest] / others if others > 0 else 0.5)
    return out


def adjust_stance(probs: np.ndarray, checks: PassageChecks, rel: float, high_overlap: bool,
                  grounding: float = 1.0) -> np.ndarray:
    """Rule corrections of the model's (supports, refutes, neutral).

    - A frame check that disagrees (the passage states another value for the claim's subject and
      attribute) makes the passage a refutation; one that agrees, with none disagreeing, makes it
      support (firmly when it placed every value of the claim): the parse found the same subject and
      attribute, so the passage is on topic whatever its relevance score.
    - A passage only partly about the claim (relevance below ``ON_TOPIC``) has its model stance shrunk
      toward neutral in proportion: sharing the word "football" does not make a passage evidence.
    - A refutation the model alone sees (no check disagrees, no negation) needs common ground in the
      sentence itself: it is shrunk in proportion to the share of the claim's content words the
      sentence holds, up to ``GROUNDED`` (the document title that passage vectors carry makes every
      sentence of a matching article look on topic).
    """
    p = np.clip(probs.astype(float), 1e-4, None)
    p = p / p.sum()
    if checks.frame_disagree:  # a frame's denial of the same value counts here too (kind "negation")
        return _set_side(p, 1, 0.9)
    if checks.frame_agree:
        placed = {(c.claim.value.start, c.claim.value.end) for c in checks.frame_agree}
        whole = checks.claim_values and len(placed) >= checks.claim_values
        return _set_side(p, 0, 0.88 if whole else 0.7)
    on_topic = rel >= ON_TOPIC
    if not on_topic:
        factor = max(0.0, rel) / ON_TOPIC
        p[0], p[1] = p[0] * factor, p[1] * factor
        p[2] = 1.0 - p[0] - p[1]
    if GROUNDED > 0 and not (checks.disagree or checks.negation) and grounding < GROUNDED:
        p[1] *= max(0.0, grounding) / GROUNDED
        p[2] = 1.0 - p[0] - p[1]
    if on_topic and (checks.disagree or checks.negation):
        p = _set_side(p, 1, 0.85)
    elif high_overlap and checks.agree and not checks.disagree and not checks.negation and not checks.unconfirmed:
        # the passage restates the claim and every figure, date and name in it agrees
        p = _set_side(p, 0, 0.8)
    if checks.unconfirmed and UNCONFIRMED < 1.0:
        # "completed in 1936" does not support "finished in 1938", however alike the sentences read
        p[0] *= UNCONFIRMED
        p[2] = 1.0 - p[0] - p[1]
    return p
