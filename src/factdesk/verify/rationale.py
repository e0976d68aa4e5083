"""One or two plain sentences that say why a verdict came out as it did, naming what disagrees.

>>> from factdesk.verify.numbers import compare_numbers
>>> chk = compare_numbers("The cabinet has 40 ministers.", "The cabinet has 24 ministers.")[0]
>>> mismatch_sentence(chk, "Government website")
'The claim says 40 ministers; Government website says 24 ministers.'
"""

from __future__ import annotations

import re

from factdesk.models import Evidence
from factdesk.verify.frames import FrameCheck, fold

_LEAD_REFERENCE = re.compile(r"^(?:It|He|She|They|Its|His|Her|Their|(?:The|This|That) [a-z][a-z\-]*)\b")


def _who(ev: Evidence | None) -> str:
    if ev is None:
        return "the source"
    name = ev.publisher or ev.title
    return f"the source ({name})" if name else "the cited source"


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def restated(frame) -> str:
    """The sentence a frame comes from, with a leading pronoun or description replaced by the subject
    it was resolved to: "It is 12.3 km long" → "the Vasco da Gama Bridge is 12.3 km long"."""
    sent = " ".join(frame.sentence.split()).rstrip(".")
    subject = " ".join(frame.subject.split())
    m = _LEAD_REFERENCE.match(sent)
    if m and subject and fold(subject) not in fold(sent):
        lead = m.group()
        name = subject if subject[:1].isupper() and not subject.lower().startswith("the ") else subject
        name = name[0].lower() + name[1:] if name.lower().startswith("the ") else name
        possessive = lead.split()[0] in {"Its", "His", "Her", "Their"}
        sent = (f"{name}'s" if possessive else name) + sent[len(lead):]
    elif sent[:1].isupper() and not _proper_start(sent):
        sent = sent[0].lower() + sent[1:]
    return _clip(sent, 200)


def _proper_start(sent: str) -> bool:
    first = sent.split(" ", 1)[0]
    return first not in {"The", "A", "An", "In", "On", "At", "By", "It", "This", "That", "Its", "After", "Before"}


def mismatch_sentence(check, who: str) -> str:
    """``The claim says X; <who> says Y.`` for a number, date or name check; for a like-with-like
    check, what the source says about the claim's subject: ``The claim says 17.2 km; the source says
    the Vasco da Gama Bridge is 12.3 km long.``"""
    if isinstance(check, FrameCheck):
        verb = "names" if check.kind == "name" else "says"
        return f"The claim {verb} {check.claim.value.text}; {who} says {restated(check.source)}."
    claim_text = getattr(check.claim, "text", str(check.claim))
    source_obj = getattr(check, "source", None)
    source_text = getattr(source_obj, "text", str(source_obj)) if source_obj is not None else "something else"
    if hasattr(check.claim, "label"):  # a name
        return f"The claim names {claim_text}; {who} names {source_text}."
    return f"The claim says {claim_text}; {who} says {source_text}."


def write_rationale(label: str, top_support: Evidence | None, top_refute: Evidence | None,
                    mismatches: list, quote: dict | None = None, prior: str | None = None, *,
                    agreements: list | None = None, undecided: str | None = None) -> str:
    """The verdict's explanation (1–2 sentences). ``agreements``: the like-with-like checks the top
    supporting passage passed; ``undecided``: why a claim got no verdict (``nothing_relevant`` or
    ``unsettled``)."""
    if quote and quote.get("kind") in {"altered", "not_found"} and label in {"refuted", "not_enough_evidence", "mixed"}:
        if quote["kind"] == "altered":
            changed = "; ".join(quote.get("changed", [])[:2])
            return (f"The quoted words differ from what the source records: \"{_clip(quote.get('source_text') or '', 120)}\""
                    f" ({changed}).")
    if prior:
        lead = prior
    else:
        lead = ""
    if label == "refuted":
        if mismatches:
            first = mismatch_sentence(mismatches[0], _who(top_refute))
            return (lead + " " + first).strip()
        if top_refute is not None:
            return (lead + f" {_cap(_who(top_refute))} contradicts it: \"{_clip(top_refute.text)}\"").strip()
        return (lead or "The evidence contradicts the claim.").strip()
    if label == "supported":
        if quote and quote.get("kind") in {"verbatim", "trimmed", "paraphrased"}:
            return (f"The source records these words ({quote['kind']}): \"{_clip(quote.get('source_text') or '', 120)}\"."
                    + (" " + lead if lead else ""))
        if agreements:
            chk = agreements[0]
            return (lead + f" {_cap(_who(top_support))} confirms {chk.claim.value.text}: "
                    f"{_cap(restated(chk.source))}.").strip()
        if top_support is not None:
            return (lead + f" {_cap(_who(top_support))} says the same: \"{_clip(top_support.text)}\"").strip()
        return (lead or "The evidence supports the claim.").strip()
    if label == "mixed":
        parts = []
        if top_support is not None:
            parts.append(f"{_who(top_support)} supports it (\"{_clip(top_support.text, 90)}\")")
        if top_refute is not None:
            contra = mismatch_sentence(mismatches[0], _who(top_refute)) if mismatches else \
                f"{_who(top_refute)} contradicts it (\"{_clip(top_refute.text, 90)}\")."
            parts.append(contra)
        text = "Sources disagree: " + "; ".join(parts)
        return (lead + " " + text).strip() if lead else text
    if quote and quote.get("kind") == "not_found":
        return "No source found records these words."
    if undecided == "nothing_relevant" or (undecided is None and top_support is None and top_refute is None):
        return "Nothing relevant to this claim was found in the sources searched."
    return "Relevant sources were found, but none of them confirms or contradicts the claim firmly enough."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
