"""Question-and-answer evidence: a source that answers "No" to a yes/no question restating the claim.

Fact-checkers often lay out their evidence as questions and answers ("Did the senator vote for the bill?"
— "No. The record shows…"), and FAQ pages and official Q&A do the same. The stance model reads the
answer alone, and "No." tells it nothing; read with its question, it denies the claim the question
restates. On the 400 AVeriTeC development claims, a "No" to a yes/no question holding at least a third
of the claim's content words came with a refuted claim 54 times in 63 (0.86; the set's base rate is
0.62); a "Yes" came with a supported claim only 24 times in 40, so a "Yes" decides nothing here.

>>> polar_answer("The senator voted for the 2019 budget.", "Did the senator vote for the 2019 budget?",
...              "No. He was absent on the day of the vote.")
'no'
>>> polar_answer("The senator voted for the 2019 budget.", "Did the senator not vote for the budget?", "No.")
>>> polar_answer("The senator voted for the 2019 budget.", "Who won the 2019 election?", "No one.")
"""

from __future__ import annotations

import re

from factdesk.verify.negation import negation_count, overlap

#: a yes/no question opens with an auxiliary ("Did …", "Is …", "Has …")
_POLAR = re.compile(r"^\s*(?:did|does|do|is|was|were|are|has|have|had|can|could|will|would|should)\b", re.I)
_ANSWER = re.compile(r"^\s*[\"“]?(yes|no)\b(?![-'’]|\s+(?:one|longer|more|less|doubt)\b)", re.I)
#: the share of the claim's content words the question must restate
RESTATES_CLAIM = 1 / 3


def polar_answer(claim: str, question: str | None, answer: str) -> str | None:
    """``"yes"`` or ``"no"`` when ``answer`` answers the yes/no ``question`` that restates ``claim``
    (and the question asserts nothing negated of its own: "Did X not …?" is left alone); else None."""
    if not question or not _POLAR.match(question) or negation_count(question):
        return None
    m = _ANSWER.match(answer)
    if m is None or overlap(claim, question) < RESTATES_CLAIM:
        return None
    return m.group(1).lower()
