"""Dates at the precision they are given, and whether a claim's date agrees with a source's.

"March 2019" and "14 March 2019" agree (the claim is less precise); "2018" and "March 2019" do not.

>>> [d.text for d in extract_dates("The law passed on 14 March 2019 and took effect in 2020.")]
['14 March 2019', '2020']
>>> compare_dates("It opened in March 2019.", "The museum opened on 14 March 2019.")[0].agrees
True
>>> compare_dates("It opened in 2018.", "The museum opened on 14 March 2019.")[0].agrees
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
#: words ending in "s" that are no plural noun after a year ("in 1991 as a field station", "in 2019 was")
_NOT_PLURAL = r"(?:as|was|is|has|its|this|his|us|thus|plus|across|whereas|towards|afterwards|besides|unless|perhaps|always|sometimes|becomes|remains|seems|goes|does)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_PATTERNS = [
    re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_MON},?\s+(?:of\s+)?{_YEAR}\b"),
    re.compile(rf"\b(?:in|since|by|until|from|of|during|before|after|year|early|late|mid-?)\s+{_YEAR}\b(?!\s*(?:%|per|people|(?!{_NOT_PLURAL}\b)[a-z]+s\b))", re.I),
    re.compile(rf"\b{_YEAR}\b(?=\s*(?:,|\.|;|\)|$|\s(?:when|and|after|before|election|season|census|survey|budget|olympics|world cup)))", re.I),
    # a medieval year said as a time ("placed on top in 1319", "in March 1173"): after a preposition of time,
    # not "from" or "by" ("rose from 1200 to 1400" is a count), and never before a counted noun
    re.compile(rf"\b(?:{_DAY}\s+)?{_MON},?\s+(?P<year>1[0-4]\d\d)\b"),
    re.compile(r"\b(?:in|since|until|during|before|after|around|c\.)\s+(?P<year>1[0-4]\d\d)\b"
               r"(?![,.]\d)(?!\s*(?:%|per\b|people\b|[a-z]+s\b))", re.I),
]
_DECADE = re.compile(r"\b(?:the\s+)?(?P<dec>1[5-9]\d0|20[0-9]0)s\b")


@dataclass(frozen=True)
class DateMention:
    text: str
    year: int
    month: int | None
    day: int | None
    start: int
    end: int
    decade: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "decade" if self.decade else "year"

    def iso(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def extract_dates(text: str) -> list[DateMention]:
    """Absolute dates in ``text`` (day, month or year precision; decades as ``1990s``)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            start, end = m.start("year"), m.end()
            gd = m.groupdict()
            if gd.get("mon") or gd.get("mnum") or gd.get("day"):
                start = m.start()
            if any(s < end and start < e for s, e in taken):
                continue
            month = MONTHS.get((gd.get("mon") or "").lower().rstrip(".")) if gd.get("mon") else (
                int(gd["mnum"]) if gd.get("mnum") else None)
            if gd.get("mon") == "May" and not gd.get("day") and not re.match(r"May,?\s+(of\s+)?\d{4}", text[m.start():]):
                month = None
            day = int(gd["day"]) if gd.get("day") else None
            if day is not None and not 1 <= day <= 31:
                continue
            taken.append((start, end))
            found.append(DateMention(text[start:end], int(gd["year"]), month, day, start, end))
    for m in _DECADE.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(DateMention(m.group(), int(m.group("dec")), None, None, m.start(), m.end(), decade=True))
    return sorted(found, key=lambda d: d.start)


def dates_agree(claim: DateMention, source: DateMention) -> bool:
    """Equal at every level both state (year, then month, then day); a decade contains its years."""
    if claim.decade or source.decade:
        a, b = (claim, source) if claim.decade else (source, claim)
        return a.year <= b.year < a.year + 10 if not b.decade else a.year == b.year
    if claim.year and source.year and claim.year != source.year:  # 0: the text gives no year ("on 18 April")
        return False
    if claim.month and source.month and claim.month != source.month:
        return False
    if claim.day and source.day and claim.day != source.day:
        return False
    return True


_YEARLESS = [
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?![\w,]*\s*,?\s*(?:of\s+)?\d{{4}})"),
    re.compile(rf"\b{_MON}\s+{_DAY}\b(?!\s*,?\s*\d{{4}})"),
]


def extract_yearless(text: str, taken: list[tuple[int, int]] | None = None) -> list[DateMention]:
    """Day-and-month dates with no year ("on 18 April", "April 18"), year 0: they agree with any year.

    >>> [(d.text, d.year, d.month, d.day) for d in extract_yearless("She reached New York on 18 April.")]
    [('18 April', 0, 4, 18)]
    """
    taken = list(taken or [])
    out: list[DateMention] = []
    for pat in _YEARLESS:
        for m in pat.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day = int(m.group("day"))
            month = MONTHS.get(m.group("mon").lower().rstrip("."))
            if month is None or not 1 <= day <= 31 or (m.group("mon") == "May" and not m.group("day")):
                continue
            end = m.end() - 1 if m.group().endswith(".") and len(m.group("mon").rstrip(".")) > 3 else m.end()
            taken.append((m.start(), end))
            out.append(DateMention(text[m.start():end], 0, month, day, m.start(), end))
    return out


@dataclass(frozen=True)
class DateCheck:
    claim: DateMention
    source: DateMention
    agrees: bool

    def describe(self) -> str:
        verb = "matches" if self.agrees else "differs from"
        return f"date: claim '{self.claim.text}' {verb} source '{self.source.text}'"


def compare_dates(claim: str, source: str) -> list[DateCheck]:
    """For each claim date: an agreeing source date if any, else the closest one (a disagreement)."""
    src = extract_dates(source)
    if not src:
        return []
    out = []
    for cd in extract_dates(claim):
        agreeing = [s for s in src if dates_agree(cd, s)]
        if agreeing:
            out.append(DateCheck(cd, agreeing[0], True))
        else:
            best = min(src, key=lambda s: (abs(s.year - cd.year), abs((s.month or 0) - (cd.month or 0))))
            out.append(DateCheck(cd, best, False))
    return out
