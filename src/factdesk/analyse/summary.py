"""A short, plain-language summary of the analysis for the top of the report.

>>> from factdesk.models import Analysis
>>> reader_summary(Analysis(headline={"text": "The body supports the headline."}), [])
'It quotes no named person. The body supports the headline.'
"""

from __future__ import annotations

from collections import Counter

from factdesk.models import Analysis, Claim


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def reader_summary(analysis: Analysis, claims: list[Claim]) -> str:
    """Three to five short sentences a reader can take in at a glance."""
    parts: list[str] = []
    verdicts = Counter(c.verdict.label for c in claims if c.checked and c.verdict is not None)
    if verdicts:
        order = ("supported", "refuted", "mixed", "not_enough_evidence")
        shown = ", ".join(f"{verdicts[k]} {k.replace('_', ' ')}" for k in order if verdicts[k])
        parts.append(f"Of {_plural(sum(verdicts.values()), 'checked claim')}: {shown}.")
    voices = analysis.voices
    if voices:
        names = ", ".join(v.speaker for v in voices[:3])
        msg = f"It quotes {_plural(len(voices), 'named voice')} ({names})"
        share = analysis.extra.get("balance", {}).get("top_share", 0)
        if len(voices) == 1 or share >= 0.75:
            msg += f", and {voices[0].speaker} has most of the quoted words"
        parts.append(msg + ".")
    else:
        parts.append("It quotes no named person.")
    if analysis.vague_attributions:
        phrases = ", ".join(f"'{v['phrase']}'" for v in analysis.vague_attributions[:3])
        parts.append(f"{_plural(len(analysis.vague_attributions), 'statement')} rest on unnamed sources ({phrases}).")
    unattributed = analysis.extra.get("unattributed_sentences", [])
    if unattributed:
        parts.append(f"{_plural(len(unattributed), 'factual statement')} carry no attribution.")
    visible = [t for t in analysis.techniques if t.shown]  # spans below the measured operating point stay unsaid
    if visible:
        kinds = Counter(t.technique.replace("_", " ") for t in visible)
        top = ", ".join(f"{k} ×{n}" for k, n in kinds.most_common(3))
        parts.append(f"Persuasive wording found in {_plural(len(visible), 'place')} ({top}).")
    if analysis.headline.get("text"):
        parts.append(analysis.headline["text"])
    if analysis.comments.get("count"):
        parts.append("Comments: " + analysis.comments.get("text", ""))
    return " ".join(parts)
