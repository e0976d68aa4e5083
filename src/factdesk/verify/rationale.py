"""One or two plain sentences that say why a verdict came out as it did, naming what disagrees.

>>> from factdesk.verify.numbers import compare_numbers
>>> chk = compare_numbers("The cabinet has 40 ministers.", "The cabinet has 24 ministers.")[0]
>>> mismatch_sentence(chk, "Government website")
'The claim says 40 ministers; Government website says 24 ministers.'
"""

from __future__ import annotations

from factdesk.models import Evidence


def _who(ev: Evidence | None) -> str:
    if ev is None:
        return "the source"
    name = ev.publisher or ev.title
    return f"the source ({name})" if name else "the cited source"


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def mismatch_sentence(check, who: str) -> str:
    """``The claim says X; <who> says Y.`` for a number, date or name check."""
    claim_text = getattr(check.claim, "text", str(check.claim))
    source_obj = getattr(check, "source", None)
    source_text = getattr(source_obj, "text", str(source_obj)) if source_obj is not None else "something else"
    if hasattr(check.claim, "label"):  # a name
        return f"The claim names {claim_text}; {who} names {source_text}."
    return f"The claim says {claim_text}; {who} says {source_text}."


def write_rationale(label: str, top_support: Evidence | None, top_refute: Evidence | None,
                    mismatches: list, quote: dict | None = None, prior: str | None = None) -> str:
    """The verdict's explanation (1–2 sentences)."""
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
    if top_support is None and top_refute is None:
        return "No evidence found addresses this claim."
    return "The passages found are related but neither confirm nor contradict the claim."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
