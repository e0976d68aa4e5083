"""Relative dates made absolute against the article's publication date.

>>> from datetime import date
>>> resolve_relative_dates("The vote was held yesterday.", date(2025, 4, 15))
('The vote was held on April 14, 2025.', ['2025-04-14'])
>>> resolve_relative_dates("Prices rose in March.", date(2025, 4, 15))
('Prices rose in March 2025.', ['2025-03'])

Dates counted from an earlier date of the article ("a year later", "that month") are made absolute
against the one year (or month) the sentence states before them, or else the sentence before:

>>> resolve_anchored_dates("Gaudí took over the project a year later.",
...                        "Construction began in 1882, and Gaudí took over the project a year later.")
('Gaudí took over the project in 1883.', ['1883'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def parse_published(value: str | None) -> date | None:
    """The article date from an ISO 8601 string (date or datetime), or None."""
    if not value:
        return None
    text = value.strip()
    for parse in (lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).date(), date.fromisoformat):
        try:
            return parse(text[:32])
        except ValueError:
            continue
    for fmt in ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y", "%a, %d %b %Y %H:%M:%S %z"):
        try:
            return datetime.strptime(text[:40], fmt).date()
        except ValueError:
            continue
    return None


def fmt_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _shift_month(d: date, k: int) -> tuple[int, int]:
    m = d.month - 1 + k
    return d.year + m // 12, m % 12 + 1


# Each rule: a regex and a function (match, published) -> (replacement text, iso value).
Rule = tuple[re.Pattern[str], Callable[[re.Match[str], date], tuple[str, str]]]


def _day(offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    def f(m: re.Match[str], d: date) -> tuple[str, str]:
        day = d + timedelta(days=offset)
        return f"on {fmt_day(day)}", day.isoformat()

    return f


def _week(offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    def f(m: re.Match[str], d: date) -> tuple[str, str]:
        mon = _monday(d) + timedelta(weeks=offset)
        return f"in the week of {fmt_day(mon)}", mon.isoformat()

    return f


def _month(offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    def f(m: re.Match[str], d: date) -> tuple[str, str]:
        y, mo = _shift_month(d, offset)
        return f"in {MONTHS[mo - 1]} {y}", f"{y:04d}-{mo:02d}"

    return f


def _year(offset: int) -> Callable[[re.Match[str], date], tuple[str, str]]:
    def f(m: re.Match[str], d: date) -> tuple[str, str]:
        return f"in {d.year + offset}", f"{d.year + offset:04d}"

    return f


#: "by the end of January": a deadline, so the next such month
_DEADLINE_BEFORE = re.compile(r"\b(by|until|till|before)\s+the\s+(end|start|beginning|middle)\s+$", re.I)


def _in_month(m: re.Match[str], d: date, future: bool = False) -> tuple[str, str]:
    mo = MONTHS.index(m.group(2).capitalize()) + 1
    deadline = m.group(1).lower() == "of" and _DEADLINE_BEFORE.search(m.string[:m.start()]) is not None
    if future or deadline or m.group(1).lower() in ("until", "by"):  # looks ahead: the next such month
        year = d.year if mo >= d.month else d.year + 1
    else:  # news reports the past: a later month is last year's
        year = d.year if mo <= d.month else d.year - 1
    return f"{m.group(1)} {MONTHS[mo - 1]} {year}", f"{year:04d}-{mo:02d}"


def _weekday(m: re.Match[str], d: date, future: bool = False) -> tuple[str, str]:
    name = m.group(2).capitalize()
    wd = WEEKDAYS.index(name)
    if (m.group(1) or "").lower().startswith("next") or future:
        delta = (wd - d.weekday()) % 7
        if (m.group(1) or "").lower().startswith("next"):
            delta = delta or 7
        day = d + timedelta(days=delta)
        prefix = "on " if m.group(1) else ""
        return f"{prefix}{name} ({fmt_day(day)})", day.isoformat()
    day = d - timedelta(days=(d.weekday() - wd) % 7)
    prefix = "on " if m.group(1) else ""
    return f"{prefix}{name} ({fmt_day(day)})", day.isoformat()


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    """The month and day a match of "12 April" / "April 12" names (groups ``d1 m1`` or ``m2 d2``)."""
    return MONTHS.index((m.group("m1") or m.group("m2")).capitalize()) + 1, int(m.group("d1") or m.group("d2"))


def _written(m: re.Match[str], year: int, month: int, day: int) -> str:
    """The day written as the match wrote its day and month: "12 April 2025" or "April 12, 2025"."""
    name = MONTHS[month - 1]
    return f"{day} {name} {year}" if m.group("d1") is not None else f"{name} {day}, {year}"


#: a deadline day this many days before the report, in a sentence that does not look ahead, is the one
#: just passed (a report of what was done by then), not next year's
JUST_PASSED = 31


def _day_month(m: re.Match[str], d: date, future: bool = False) -> tuple[str, str]:
    """"12 April" / "April 12" without a year: the year of the article (next year's when the date
    has passed and the sentence looks ahead; last year's when it is still to come in a report)."""
    mo, day = _month_day(m)
    lead = (m.group("lead") or "").lower().strip()
    ahead = future or lead in ("until", "by", "from", "before")
    try:
        this = date(d.year, mo, day)
    except ValueError:
        return m.group(0), ""
    year = d.year
    # "had reached 268,400 people by 22 November", four days before the report: this year's deadline
    just_passed = not future and lead in ("by", "until", "before") and 0 < (d - this).days <= JUST_PASSED
    if ahead and this < d and not just_passed:
        year += 1
    elif not ahead and this > d + timedelta(days=7):
        year -= 1
    return (m.group("lead") or "") + _written(m, year, mo, day), f"{year:04d}-{mo:02d}-{day:02d}"


#: the year a season named with "this", "next" or "last" falls in, counted from the article's year
#: ("next summer" is the following year's summer, "this autumn" the article year's); winter, which
#: spans two years, is left as written
_SEASON_SHIFT = {"this": 0, "next": 1, "last": -1}


def _season(m: re.Match[str], d: date) -> tuple[str, str]:
    year = d.year + _SEASON_SHIFT[m.group(1).lower()]
    return f"in {m.group(2).lower()} {year}", f"{year:04d}"


def _end_of_year(m: re.Match[str], d: date, past: bool = False) -> tuple[str, str]:
    """"the end of the year": this year's end, unless the sentence tells in the past tense of what was then
    ("It employed 3,950 people at the end of the year", published in February): the end of a year that has
    ended, the last one (before December)."""
    year = d.year - 1 if past and m.group(2).lower() == "the" and d.month < 12 else d.year
    return f"{m.group(1)} end of {year}", f"{year:04d}-12"


_MONTH_RE = "|".join(MONTHS)
_WEEKDAY_RE = "|".join(WEEKDAYS)


def _month_of_year(m: re.Match[str], d: date) -> tuple[str, str]:
    """"in January last year": that month of the year named."""
    mo = MONTHS.index(m.group(2).capitalize()) + 1
    year = d.year + {"last": -1, "this": 0, "next": 1}[m.group(3).lower()]
    return f"{m.group(1)} {MONTHS[mo - 1]} {year}", f"{year:04d}-{mo:02d}"


RULES: list[Rule] = [
    # "in January last year" is one date (before "last year" and "in January" each take their part)
    (re.compile(rf"\b(in|since|until|by|from|during|of|early|late|mid-?)\s+({_MONTH_RE})\s+(last|this|next)\s+year\b",
                re.I), _month_of_year),
    (re.compile(r"\byesterday\b", re.I), _day(-1)),
    (re.compile(r"(?<!\bago )\btoday\b", re.I), _day(0)),  # not "ten years ago today": an anniversary
    (re.compile(r"\btomorrow\b", re.I), _day(1)),
    (re.compile(r"\bthis week\b", re.I), _week(0)),
    (re.compile(r"\blast week\b", re.I), _week(-1)),
    (re.compile(r"\bnext week\b", re.I), _week(1)),
    (re.compile(r"\bthis month\b", re.I), _month(0)),
    (re.compile(r"\blast month\b", re.I), _month(-1)),
    (re.compile(r"\bnext month\b", re.I), _month(1)),
    (re.compile(r"\bthis year\b", re.I), _year(0)),
    (re.compile(r"\blast year\b", re.I), _year(-1)),
    (re.compile(r"\bnext year\b", re.I), _year(1)),
    # "in March" / "since March" without a year (and not "March 3" or "March 2024")
    (re.compile(rf"\b(in|since|until|by|from|during|of|early|late|mid-?)\s+({_MONTH_RE})\b(?!\s*(\d|,\s*\d))"), _in_month),
    # (not "Sunday 2 September 1666", "Sunday, 2 September", "Sunday, September 2": the date is given)
    (re.compile(rf"\b(on |next |last )?({_WEEKDAY_RE})\b(?!\s*\(|,?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH_RE})\b)"), _weekday),
    # "12 April" / "April 12" without a year (not "12 April 2026", "April 12, 2026")
    (re.compile(rf"(?P<lead>\b(?:until|by|from|before|on|since|after) (?:at least )?)?\b(?:(?P<d1>[0-3]?\d) (?P<m1>{_MONTH_RE})|"
                rf"(?P<m2>{_MONTH_RE}) (?P<d2>[0-3]?\d)(?!\d))\b(?!,? ?\d{{4}})(?!\s*\()"), _day_month),
    (re.compile(r"\b(the|The) end of (the|this) year\b"), _end_of_year),
    (re.compile(r"\b(this|next|last) (spring|summer|autumn|fall)\b", re.I), _season),
]


#: a date right after a reporting verb is when something was said, which is past even when what was
#: said looks ahead ("will begin in October, the council announced on Monday")
_REPORTED_AT = re.compile(r"\b(?:said|announced|told\s+\w+|confirmed|reported|added|stated|explained|wrote|"
                          r"revealed|disclosed)\s+$", re.I)
_WEEKDAY_RANGE = re.compile(rf"\b(from )?({_WEEKDAY_RE})s? (to|through|until|and) ({_WEEKDAY_RE})s?\b|\b({_WEEKDAY_RE})s\b")
_LOOKS_AHEAD = frozenset({_in_month, _weekday, _day_month})
_PREPOSITIONS = frozenset({"for", "of", "until", "till", "since", "by", "from", "through", "over", "during", "before",
                           "after", "in", "on", "at", "to", "into", "within", "throughout"})


_FULL_DATE = re.compile(rf"\b(?:(?P<d1>[0-3]?\d) (?P<m1>{_MONTH_RE})|(?P<m2>{_MONTH_RE}) (?P<d2>[0-3]?\d),?) "
                        r"(?P<y>1[0-9]{3}|20[0-9]{2})\b")
#: a bare day this many days after a dated day of an earlier year, told just before, is in that year
STORY_DAYS = 62


def _story_day(m: re.Match[str], context: str, published: date) -> date | None:
    """The day a bare "27 April" names when the sentences just before tell of an earlier year's day
    it follows ("In the early hours of 26 April 1986, … It was evacuated on 27 April"): the last
    full date of ``context``, of a year before the article's, with the bare day up to
    ``STORY_DAYS`` after it."""
    told = list(_FULL_DATE.finditer(context))
    if not told:
        return None
    last = told[-1]
    year = int(last.group("y"))
    if year >= published.year:
        return None
    try:
        then, day = date(year, *_month_day(last)), date(year, *_month_day(m))
    except ValueError:
        return None
    return day if 0 <= (day - then).days <= STORY_DAYS else None


#: an anniversary piece's opening: "Forty years ago this week, …", "Ninety-eight years ago today, …"
_ANNIVERSARY = re.compile(r"\b(?P<n>\d{1,3}|[A-Za-z]+(?:-[a-z]+)?) years ago (?:today|this week|this month)\b")


def anniversary_year(texts: list[str], published: date | None) -> int | None:
    """The year an anniversary piece tells of ("Forty years ago this week" in 2026: 1986), if it says so."""
    if published is None:
        return None
    for text in texts:
        m = _ANNIVERSARY.search(text)
        if m is not None:
            n = _count(m.group("n"))
            return published.year - n if n else None
    return None


def _anniversary_day(m: re.Match[str], year: int, published: date) -> date | None:
    """A bare day near the anniversary, in an anniversary piece: the day of the year it tells of (not of the
    year it is published in), when it falls within ``STORY_DAYS`` of the publication's day of the year."""
    try:
        day, near = date(year, *_month_day(m)), date(year, published.month, published.day)
    except ValueError:
        return None
    return day if abs((day - near).days) <= STORY_DAYS else None


def resolve_relative_dates(text: str, published: date | None, *, future: bool = False, past: bool = False,
                           context: str = "", story_year: int | None = None) -> tuple[str, list[str]]:
    """Replace relative date expressions by absolute ones; returns (new text, ISO values found).

    ``future``: the sentence speaks of the future ("will begin in March"), so a bare month or
    weekday is the next one rather than the last one. ``past``: it tells in the past tense of what was
    ("employed 3,950 people at the end of the year"). ``context``: the sentences just before; a bare
    day soon after a day of an earlier year that they date is in that year.
    """
    if published is None:
        return text, []
    found: list[tuple[int, int, str, str]] = []
    # "open from Tuesday to Saturday": days of a timetable, not dates
    taken: list[tuple[int, int]] = [m.span() for m in _WEEKDAY_RANGE.finditer(text)]
    # "proclaimed 30 June Asteroid Day in December 2015", "began in 2015 and ended in March": a sentence that
    # names an earlier year may put a bare month or day in that year, or mean one that recurs
    other_year = any(int(m.group(1)) < published.year for m in _YEAR.finditer(text))
    for pattern, fn in RULES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if other_year and fn in (_in_month, _day_month):
                continue
            story = _story_day(m, context, published) if fn is _day_month and context else None
            if story is None and fn is _day_month and story_year is not None and not future:
                story = _anniversary_day(m, story_year, published)  # "Vega 2 flew by on 6 March" (in 1986)
            if story is not None:
                found.append((m.start(), m.end(), (m.group("lead") or "") + _written(m, story.year, story.month, story.day), story.isoformat()))
                taken.append((m.start(), m.end()))
                continue
            ahead = future and not _REPORTED_AT.search(text[:m.start()])  # "announced on Monday" is past
            if fn is _end_of_year:
                repl, iso = _end_of_year(m, published, past=past and not future)
            else:
                repl, iso = fn(m, published, ahead) if fn in _LOOKS_AHEAD else fn(m, published)
            found.append((m.start(), m.end(), repl, iso))
            taken.append((m.start(), m.end()))
    if not found:
        return text, []
    out, pos = [], 0
    for s, e, repl, _ in sorted(found):
        before = text[max(0, s - 12):s].lower().split()
        possessive = text[e:e + 2] in ("'s", "’s")
        written = text[s:s + 3].lower() in ("on ", "in ")  # ("flew by on 6 March": the "on" was there)
        if (possessive or (before and before[-1] in _PREPOSITIONS)) and repl.split(" ", 1)[0] in ("in", "on") \
                and not written:
            repl = repl.split(" ", 1)[1]  # "this year's award" → "2025's award"; "until next year" → "until 2026"
        out.append(text[pos:s])
        # keep a capital letter at the start of a sentence
        out.append(repl[0].upper() + repl[1:] if s == 0 else repl)
        pos = e
    out.append(text[pos:])
    return "".join(out), [iso for *_, iso in sorted(found)]


# -- dates counted from an earlier date of the article -----------------------------------------
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"a": 1, "an": 1})
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
ANCHORED = re.compile(r"\b(?P<n>\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|[a-z]+)"
                      r" (?P<unit>years?) (?P<dir>later|earlier)\b|\bthat (?P<that>year|month)\b(?![-’'])", re.I)
#: "more than a year later", "nearly ten years earlier": not a year one can name
_APPROX_BEFORE = re.compile(r"\b(more than|over|nearly|almost|about|around|some|at least|less than|under)\s+$", re.I)
_YEAR = re.compile(r"(?<![\d,.£$€-])(1[0-9]{3}|20[0-9]{2})(?!\d|[.,]\d|\s*(?:%|per\b|people\b|seats\b|residents\b|workers\b|visitors\b|"
                   r"metres\b|kilometres\b|km\b|tonnes\b|euros\b|dollars\b|pounds\b|francs\b|kroner\b))")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE}) (1[0-9]{{3}}|20[0-9]{{2}})\b")


def _count(word: str) -> int | None:
    w = word.lower()
    if w.isdigit():
        return int(w)
    if w in _NUMBER_WORDS:
        return _NUMBER_WORDS[w]
    tens, _, unit = w.partition("-")
    if tens in _TENS and (not unit or (unit in _NUMBER_WORDS and 0 < _NUMBER_WORDS[unit] < 10 and unit not in ("a", "an"))):
        return _TENS[tens] + (_NUMBER_WORDS[unit] if unit else 0)
    return None


def resolve_anchored_dates(text: str, sentence: str, previous: str = "") -> tuple[str, list[str]]:
    """Replace "N years later/earlier", "that year" and "that month" in ``text`` (an atom of
    ``sentence``) by the year or month they name, counted from the year (or month and year) stated
    before the phrase in ``sentence`` or, failing that, in ``previous`` (the sentence before).
    Nothing is replaced where no such date is stated, where several are, or where the count is
    approximate ("more than a year later"). Returns (new text, ISO values found)."""
    out, pos, found = [], 0, []
    for m in ANCHORED.finditer(text):
        if _APPROX_BEFORE.search(text[:m.start()]):
            continue
        at = sentence.lower().find(m.group(0).lower())
        pattern = _MONTH_YEAR if m.group("that") == "month" else _YEAR
        # the date counted from: the one the sentence states before the phrase, else the one the
        # sentence before states; several ("victories in 1954, 1974 and 1990") name none of them
        dates = pattern.findall(sentence[:at]) if at >= 0 else []
        dates = dates or pattern.findall(previous)
        if len(set(dates)) != 1:
            continue
        if m.group("that") == "month":
            month, year = dates[-1]
            value, iso = f"{month} {year}", f"{int(year):04d}-{MONTHS.index(month) + 1:02d}"
        else:
            years = dates
            n = 0 if m.group("that") else _count(m.group("n"))
            if n is None:
                continue
            y = int(years[-1]) + (n if (m.group("dir") or "").lower() == "later" else -n)
            value, iso = str(y), f"{y:04d}"
        start = m.start()
        dated = bool(m.group("that")) and re.search(rf"\b({_MONTH_RE}) of $", text[:start]) is not None
        if dated:
            start -= 3  # "1 January of that year" → "1 January 2018"
        lead = text[max(0, start - 12):start].lower().split()
        possessive = text[m.end():m.end() + 2] in ("'s", "’s")
        repl = value if dated or possessive or (lead and lead[-1] in _PREPOSITIONS) else f"in {value}"
        out += [text[pos:start], repl[0].upper() + repl[1:] if start == 0 else repl]
        pos = m.end()
        found.append(iso)
    if not found:
        return text, []
    out.append(text[pos:])
    return "".join(out), found
