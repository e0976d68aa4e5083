"""Are two stated values about the same thing? (The words around them, or the rest of the sentence.)

>>> same_context("It was founded in 1921.", (17, 21), "The club was founded in 1927.", (24, 28))
True
"""

from __future__ import annotations

from factdesk.verify.negation import content_words, tokens


def _window(text: str, span: tuple[int, int], side: str, n: int = 4) -> set[str]:
    chunk = text[max(0, span[0] - 60):span[0]] if side == "left" else text[span[1]:span[1] + 60]
    words = [w for w in tokens(chunk) if w in content_words(chunk)]
    return set(words[-n:] if side == "left" else words[:n])


def same_context(claim: str, cspan: tuple[int, int], passage: str, pspan: tuple[int, int]) -> bool:
    """Two values are about the same thing when the words just before them (the subject, the verb)
    overlap, or the passage restates most of the rest of the claim: ``founded in 1921`` vs
    ``founded in 1927`` is a conflict, ``final in 2021`` vs ``founded in 1927`` is not."""
    cl, pl = _window(claim, cspan, "left"), _window(passage, pspan, "left")
    if cl and pl:
        if cl & pl:
            return True
    elif _window(claim, cspan, "right") & _window(passage, pspan, "right"):
        return True
    rest = content_words(claim[:cspan[0]] + " " + claim[cspan[1]:])
    return bool(rest) and len(rest & content_words(passage)) / len(rest) >= 0.75
