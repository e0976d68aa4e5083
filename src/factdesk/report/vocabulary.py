"""How factdesk speaks to a reader: the words, numbers, dates and colours of every report.

The terminal, Markdown and standalone HTML reports and the web page all take their wording from
here, so a verdict reads the same wherever it is shown:

>>> from factdesk.models import Claim, Verdict
>>> claim = Claim(id="c1", text="Taxes rose.", sentence="Taxes rose.", span=(0, 11), paragraph=0,
...               checkworthiness=0.9, checked=True,
...               verdict=Verdict(label="mixed", confidence=0.55, rationale="Sources disagree."))
>>> verdict_key(claim), verdict_text(claim), confidence_text(claim.verdict)
('mixed', 'Mixed evidence', 'low confidence (55%)')
>>> count_text("not_enough_evidence", 3)
'3 not enough evidence'
>>> VERDICT_COLOURS["refuted"].ink, VERDICT_COLOURS["refuted"].terminal
('#a3231a', 'red')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from factdesk.models import VERDICT_LABELS, Claim, Comment, Report, Verdict

# -- verdicts ------------------------------------------------------------------------------------
#: Every key a claim's highlight, badge or count can have: the four verdict labels, then ``unchecked``
#: (the claim was not checked: an opinion, a prediction…) and ``pending`` (checked, but no verdict).
VERDICT_KEYS: tuple[str, ...] = (*VERDICT_LABELS, "unchecked", "pending")

#: How each key is said to a reader, in every format.
VERDICT_TEXT: dict[str, str] = {
    "supported": "Supported",
    "refuted": "Refuted",
    "mixed": "Mixed evidence",
    "not_enough_evidence": "Not enough evidence",
    "unchecked": "Not checked",
    "pending": "No verdict",
}

#: When several claims share one highlight it shows the most serious of their verdicts (first here).
SEVERITY: tuple[str, ...] = ("refuted", "mixed", "supported", "not_enough_evidence", "pending", "unchecked")


def verdict_key(claim: Claim) -> str:
    """The claim's verdict label; ``unchecked`` when it was not checked, ``pending`` when checked
    without a verdict."""
    if claim.verdict is not None:
        return claim.verdict.label
    return "unchecked" if not claim.checked else "pending"


def verdict_text(claim: Claim) -> str:
    """``Supported`` … ``Not checked``: the words for the claim's verdict."""
    return VERDICT_TEXT[verdict_key(claim)]


def most_serious(keys: list[str]) -> str:
    """The key a shared highlight takes (see :data:`SEVERITY`)."""
    return min(keys, key=SEVERITY.index)


def verdict_counts(report: Report) -> dict[str, int]:
    """Number of the report's article claims per key: every verdict label and ``unchecked`` (zeros
    included), then ``pending`` when there are any."""
    counts = Counter(verdict_key(c) for c in report.claims)
    out = {label: counts.get(label, 0) for label in VERDICT_LABELS}
    out["unchecked"] = counts.get("unchecked", 0)
    if counts.get("pending"):
        out["pending"] = counts["pending"]
    return out


def count_text(key: str, n: int) -> str:
    """``2 supported``, ``1 mixed evidence``, ``3 not checked``: one entry of a verdict summary."""
    return f"{n} {VERDICT_TEXT[key].lower()}"


def reason_text(claim: Claim) -> str:
    """Why a claim has no verdict: ``Not checked: <reason>`` or the reason a checked claim has none."""
    if not claim.checked:
        return f"Not checked: {claim.reason or 'not check-worthy'}"
    return claim.reason or "No verdict was reached."


# -- numbers and confidence -----------------------------------------------------------------------
def percent(value: float | None) -> str:
    """``0.83`` → ``83%`` (``""`` for no value)."""
    return "" if value is None else f"{float(value):.0%}"


#: Where medium and high confidence start (as ``Verdict.confidence_level`` is defined).
CONFIDENCE_MEDIUM, CONFIDENCE_HIGH = 0.6, 0.8

#: How sure a verdict is, in words (``Verdict.confidence_level``).
CONFIDENCE_WORDS: dict[str, str] = {"low": "low confidence", "medium": "medium confidence", "high": "high confidence"}


def confidence_level(verdict: Verdict) -> str:
    """``low``, ``medium`` or ``high``: the verdict's own level, else from its confidence (low below 0.6,
    medium below 0.8, high from 0.8, as ``Verdict.confidence_level`` is defined)."""
    if verdict.confidence_level:
        return verdict.confidence_level
    p = verdict.confidence
    return "high" if p >= CONFIDENCE_HIGH else "medium" if p >= CONFIDENCE_MEDIUM else "low"


def confidence_text(verdict: Verdict) -> str:
    """The confidence in words and as a number: ``high confidence (91%)``."""
    return f"{CONFIDENCE_WORDS[confidence_level(verdict)]} ({percent(verdict.confidence)})"


def confidence_short(verdict: Verdict) -> str:
    """The confidence for a column headed *Confidence*: ``high (91%)``."""
    return f"{confidence_level(verdict)} ({percent(verdict.confidence)})"


#: Why a claim has not enough evidence (``Verdict.undecided``), as a reader is told.
UNDECIDED_TEXT: dict[str, str] = {
    "nothing_relevant": "nothing relevant found",
    "unsettled": "relevant sources found, none settles it",
}


def undecided_text(verdict: Verdict | None) -> str:
    """For *not enough evidence*: which kind (``nothing relevant found`` / ``relevant sources found, none
    settles it``); ``""`` for any other verdict. A verdict of an older report without the field is read
    from its evidence: nothing cited is nothing relevant."""
    if verdict is None or verdict.label != "not_enough_evidence":
        return ""
    kind = verdict.undecided or ("unsettled" if verdict.evidence else "nothing_relevant")
    return UNDECIDED_TEXT[kind]


def verdict_detail(claim: Claim) -> str:
    """The verdict with its kind where it has one: ``Not enough evidence: nothing relevant found``."""
    kind = undecided_text(claim.verdict)
    return f"{verdict_text(claim)}: {kind}" if kind else verdict_text(claim)


def score_text(score: float) -> str:
    """An evidence sentence's weight (retrieval and stance): ``0.92``."""
    return f"{score:.2f}"


#: How an evidence sentence's stance on a claim is said.
STANCE_TEXT: dict[str, str] = {"supports": "supports", "refutes": "refutes", "neutral": "neutral"}


def duration_text(seconds: float | None) -> str:
    """A length of audio: ``3:35`` (``1:02:05`` from an hour; ``""`` for no value)."""
    if seconds is None:
        return ""
    total = int(round(float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# -- evidence sources ----------------------------------------------------------------------------------
#: How each evidence source is named to a reader (the store first, then the live sources).
SOURCE_TEXT: dict[str, str] = {
    "local": "Evidence store (on this server)",
    "wikipedia": "Wikipedia",
    "gdelt": "GDELT news search",
    "web": "Pages the article cites",
    "feeds": "News feeds (from the settings)",
    "claimreview": "Published fact-checks (Google Fact Check Tools, needs a key)",
}


def source_text(name: str) -> str:
    return SOURCE_TEXT.get(name, key_words(name))


def key_words(key: str) -> str:
    """A data key as words: ``headline_words_missing`` → ``Headline words missing``."""
    text = str(key).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


# -- comments --------------------------------------------------------------------------------------
#: How each comment flag is said to a reader.
FLAG_TEXT: dict[str, str] = {
    "generic": "generic",
    "templated": "templated",
    "near_duplicate": "near duplicate",
    "machine_written": "machine-written",
    "coordinated": "coordinated",
}

#: A comment whose author is not known.
ANONYMOUS = "Anonymous"


def flag_text(flag: str) -> str:
    return FLAG_TEXT.get(flag, flag)


def comment_author(comment: Comment) -> str:
    return comment.author or ANONYMOUS


def page_words() -> dict[str, Any]:
    """The words a page's script needs to show a verdict it fetched (``POST /api/claims``) exactly as
    the server-rendered cards say it; embedded as a JSON data block."""
    return {
        "verdict": VERDICT_TEXT,
        "confidence": CONFIDENCE_WORDS,
        "undecided": UNDECIDED_TEXT,
        "stance": STANCE_TEXT,
        "thresholds": {"medium": CONFIDENCE_MEDIUM, "high": CONFIDENCE_HIGH},
    }


# -- colours ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Colour:
    """One verdict's colour: ``ink`` (text, borders) and ``tint`` (backgrounds) as CSS hex for HTML,
    ``terminal`` a colour name rich understands (``dim`` for no colour)."""

    ink: str
    tint: str
    terminal: str


VERDICT_COLOURS: dict[str, Colour] = {
    "supported": Colour("#1d6b33", "#d7f0dc", "green"),
    "refuted": Colour("#a3231a", "#fbd9d6", "red"),
    "mixed": Colour("#8a5a00", "#fdecc4", "yellow"),
    "not_enough_evidence": Colour("#3d4d66", "#e3e8f1", "blue"),
    "unchecked": Colour("#555555", "#eeeeee", "dim"),
    "pending": Colour("#555555", "#eeeeee", "dim"),
}

#: The colour of an evidence sentence's stance, and of each comment flag, named by verdict key.
STANCE_COLOUR: dict[str, str] = {"supports": "supported", "refutes": "refuted", "neutral": "unchecked"}
FLAG_COLOUR: dict[str, str] = {
    "generic": "mixed",
    "templated": "mixed",
    "near_duplicate": "mixed",
    "machine_written": "refuted",
    "coordinated": "refuted",
}


def verdict_style(key: str) -> str:
    """The terminal style of a verdict (``bold red``; ``dim`` when not checked)."""
    colour = VERDICT_COLOURS.get(key, VERDICT_COLOURS["unchecked"]).terminal
    return colour if colour == "dim" else f"bold {colour}"


def stance_style(stance: str) -> str:
    """The terminal style of an evidence stance (``green``, ``red``, ``dim``)."""
    return VERDICT_COLOURS[STANCE_COLOUR.get(stance, "unchecked")].terminal


# -- text, dates, links ----------------------------------------------------------------------------
def one_line(text: str) -> str:
    """Collapse whitespace so that text from the page cannot break a table row or a heading."""
    return " ".join(str(text).split())


def quoted(text: str) -> str:
    """Text in quotation marks, unless it already starts or ends with one: ``“Taxes rose.”``."""
    text = one_line(text)
    if text[:1] in "“\"‘'" or text[-1:] in "”\"’'":
        return text
    return f"“{text}”"


def when(value: str | None) -> str:
    """An ISO timestamp as a reader reads it: ``25 Nov 2026, 02:00 UTC`` (unparsable text as is)."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if len(str(value)) <= 10:
        return moment.strftime("%-d %b %Y")
    zone = " UTC" if moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0 else ""
    return moment.strftime("%-d %b %Y, %H:%M") + zone


def safe_url(url: Any) -> str | None:
    """The URL if it is an absolute http(s) URL, else ``None``: only these become links (no ``javascript:``)."""
    if url and re.match(r"^https?://[^\s]+$", str(url).strip(), re.IGNORECASE):
        return str(url).strip()
    return None
