"""Numbers with units, scale and approximate wording, and whether a claim's figure agrees with a source's.

>>> q = extract_quantities("Output rose to 2.3 million barrels a day.")[0]
>>> (q.value, q.unit)
(2300000.0, 'barrel')
>>> compare_numbers("Exports were about $10bn.", "Exports reached $10.2 billion last year.")[0].agrees
True
>>> compare_numbers("The cabinet has 40 ministers.", "The cabinet has 24 ministers.")[0].agrees
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "hundred": 1e2, "dozen": 12,
}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozens": None,
    "half": 0.5, "a third": 1 / 3, "a quarter": 0.25,
}
CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "dollars": "usd", "dollar": "usd", "£": "gbp", "gbp": "gbp",
              "pounds": "gbp", "pound": "gbp", "€": "eur", "eur": "eur", "euros": "eur", "euro": "eur",
              "¥": "jpy", "yen": "jpy", "rupees": "inr", "yuan": "cny", "jpy": "jpy", "chf": "chf", "sek": "sek",
              "nok": "nok", "dkk": "dkk", "pln": "pln", "czk": "czk"}
GRAMS_PER_POUND = 453.59237
#: a weight said just before "pounds" makes them avoirdupois pounds ("weighs 2,000 pounds", "a mass of")
_WEIGHT_BEFORE = re.compile(r"\b(?:weigh\w*|weight|mass|heavy|heavier)\b[^.;]*$", re.I)
#: unit spelling → (canonical unit, factor to the canonical unit)
UNITS: dict[str, tuple[str, float]] = {
    "%": ("percent", 1), "percent": ("percent", 1), "per cent": ("percent", 1), "percentage points": ("pp", 1),
    "kg": ("g", 1e3), "kilogram": ("g", 1e3), "kilograms": ("g", 1e3), "kilo": ("g", 1e3), "kilos": ("g", 1e3),
    "g": ("g", 1), "gram": ("g", 1), "grams": ("g", 1), "mg": ("g", 1e-3), "milligrams": ("g", 1e-3),
    "tonne": ("g", 1e6), "tonnes": ("g", 1e6), "ton": ("g", 1e6), "tons": ("g", 1e6),
    "lb": ("g", GRAMS_PER_POUND), "lbs": ("g", GRAMS_PER_POUND), "pounds weight": ("g", GRAMS_PER_POUND),
    "km": ("m", 1e3), "kilometre": ("m", 1e3), "kilometres": ("m", 1e3), "kilometer": ("m", 1e3),
    "kilometers": ("m", 1e3), "m": ("m", 1), "metre": ("m", 1), "metres": ("m", 1), "meter": ("m", 1),
    "meters": ("m", 1), "cm": ("m", 1e-2), "centimetres": ("m", 1e-2), "centimeters": ("m", 1e-2),
    "mm": ("m", 1e-3), "millimetres": ("m", 1e-3), "mile": ("mile", 1), "miles": ("mile", 1),
    "feet": ("ft", 1), "foot": ("ft", 1), "ft": ("ft", 1),
    "cubic metres": ("l", 1e3), "cubic meters": ("l", 1e3), "cubic metre": ("l", 1e3), "m³": ("l", 1e3),
    "cubic kilometres": ("l", 1e12), "cubic kilometers": ("l", 1e12), "km³": ("l", 1e12),
    "cubic yards": ("l", 764.554858), "cubic yard": ("l", 764.554858), "cubic feet": ("l", 28.316847),
    "gallons": ("l", 3.785411784),
    "µg/m³": ("ugm3", 1), "µg/m3": ("ugm3", 1), "μg/m³": ("ugm3", 1), "μg/m3": ("ugm3", 1), "ug/m3": ("ugm3", 1),
    "micrograms per cubic metre": ("ugm3", 1), "micrograms per cubic meter": ("ugm3", 1),
    "mg/m³": ("ugm3", 1e3), "milligrams per cubic metre": ("ugm3", 1e3), "square feet": ("m2", 0.09290304),
    "l": ("l", 1), "litre": ("l", 1), "litres": ("l", 1), "liter": ("l", 1), "liters": ("l", 1),
    "hectolitres": ("l", 100), "hectolitre": ("l", 100), "hectoliters": ("l", 100), "hectoliter": ("l", 100),
    "megalitres": ("l", 1e6), "megaliters": ("l", 1e6), "millilitres": ("l", 1e-3), "milliliters": ("l", 1e-3),
    "euro cents": ("cent", 1), "euro cent": ("cent", 1), "us cents": ("cent", 1),  # not euros: "4.4 euro cents"
    "°c": ("degc", 1), "degrees celsius": ("degc", 1), "°f": ("degf", 1), "degrees": ("deg", 1),
    "years": ("year", 1), "year": ("year", 1), "months": ("month", 1), "month": ("month", 1),
    "weeks": ("week", 1), "days": ("day", 1), "day": ("day", 1), "hours": ("hour", 1), "hour": ("hour", 1),
    "minutes": ("minute", 1), "seconds": ("second", 1),
    "mwh": ("wh", 1e6), "gwh": ("wh", 1e9), "kwh": ("wh", 1e3), "twh": ("wh", 1e12),
    "megawatt-hours": ("wh", 1e6), "megawatt-hour": ("wh", 1e6), "megawatt hours": ("wh", 1e6),
    "gigawatt-hours": ("wh", 1e9), "gigawatt-hour": ("wh", 1e9), "kilowatt-hours": ("wh", 1e3),
    "kilowatt-hour": ("wh", 1e3), "terawatt-hours": ("wh", 1e12), "terawatt-hour": ("wh", 1e12),
    "megawatt": ("w", 1e6), "gigawatt": ("w", 1e9), "kilowatt": ("w", 1e3),
    "mw": ("w", 1e6), "gw": ("w", 1e9), "kw": ("w", 1e3), "megawatts": ("w", 1e6), "gigawatts": ("w", 1e9),
    "ev": ("ev", 1), "kev": ("ev", 1e3), "mev": ("ev", 1e6), "gev": ("ev", 1e9), "tev": ("ev", 1e12),
    "electronvolts": ("ev", 1), "teraelectronvolts": ("ev", 1e12), "gigaelectronvolts": ("ev", 1e9),
    "square kilometres": ("m2", 1e6), "square kilometers": ("m2", 1e6), "km²": ("m2", 1e6), "km2": ("m2", 1e6),
    "square metres": ("m2", 1), "square meters": ("m2", 1), "m²": ("m2", 1), "hectares": ("m2", 1e4),
    "square miles": ("m2", 2589988.11), "acres": ("m2", 4046.86),
    "km/h": ("kmh", 1), "kilometres per hour": ("kmh", 1), "kilometers per hour": ("kmh", 1), "mph": ("kmh", 1.609344),
    "miles per hour": ("kmh", 1.609344), "knots": ("kmh", 1.852), "miles an hour": ("kmh", 1.609344),
    "kilometres an hour": ("kmh", 1), "kilometers an hour": ("kmh", 1),
}
APPROX = {
    "about": "about", "around": "about", "roughly": "about", "approximately": "about", "some": "about",
    "nearly": "below", "almost": "below", "close to": "about", "just under": "below", "under": "lt",
    "less than": "lt", "fewer than": "lt", "below": "lt", "up to": "upper", "at most": "le", "no more than": "le",
    "more than": "gt", "over": "gt", "above": "gt", "exceeding": "gt", "in excess of": "gt", "at least": "ge",
    "just over": "gt", "upwards of": "gt", "an estimated": "about", "estimated": "about",
    "as many as": "upper", "as much as": "upper", "as high as": "upper",
}
#: the words after a lead's figure ("287 over Harrowbeck First's candidate", "247 ahead of"): it counts nothing
_MARGIN_STOPS = frozenset({"over", "ahead", "behind", "clear"})
STOP_UNIT = {"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "by", "from", "with", "per",
             "than", "that", "this", "was", "were", "is", "are", "has", "had", "have", "will", "be", "been",
             "its", "their", "his", "her", "our", "which", "who", "as", "it", "they", "he", "she", "we", "but",
             "out", "more", "less", "people's", "said", "says", "after", "before", "when", "since", "during",
             "last", "this", "next", "each", "every", "times", "time", "new", "also", "all"} | _MARGIN_STOPS

#: words that end a figure's phrase before any noun it could count ("seats 640 after a refurbishment")
_CLAUSE_STOPS = frozenset({"after", "before", "when", "since", "during", "which", "who", "but", "because"})
#: verbs after a figure: what follows them is no counted noun of it
_VERB_STOPS = frozenset({"was", "were", "is", "are", "has", "had", "have", "will", "be", "been", "said", "says"})
#: the words after which a figure counts nothing
_ENDS_FIGURE = frozenset({"more", "less"}) | _VERB_STOPS | _CLAUSE_STOPS | _MARGIN_STOPS

#: the fractions written as one character: "3¾ miles", "½ per cent"
VULGAR_FRACTIONS = {"¼": 0.25, "½": 0.5, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625,
                    "⅞": 0.875}
_VULGAR_RE = "".join(VULGAR_FRACTIONS)
_APPROX_RE = "|".join(sorted((re.escape(k) for k in APPROX), key=len, reverse=True))
_SCALE_RE = "|".join(sorted((re.escape(k) for k in SCALES), key=len, reverse=True))
_WORDNUM_RE = "|".join(sorted((re.escape(k) for k in WORD_NUMBERS if WORD_NUMBERS[k] is not None), key=len, reverse=True))
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: "fifty-seven", "twenty one": a tens word and a unit word make one number
_COMPOUND_RE = rf"\b(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_UNITS_WORDS)})\b"
_NUM_RE = re.compile(
    rf"(?P<approx>\b(?:{_APPROX_RE})\s+)?"
    r"(?P<cur>US\$|\$|£|€|¥|\b(?:EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|CZK|JPY)(?=\s?\d))?\s?"  # "EUR 184 million"
    rf"(?P<num>{_COMPOUND_RE}|\bhalf\s+a(?=\s(?:million|billion|trillion|thousand)\b)|(?<![\w.])\d*[{_VULGAR_RE}]|(?<!\w)\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w.])\d+(?:\.\d+)?|\b(?:{_WORDNUM_RE})\b"
    r"|\ba(?=\s(?:hundred|thousand|million|billion|trillion)\b))"
    r"(?P<half>\s+and\s+a\s+half\b)?"  # "two and a half hours", "one and a half million"
    rf"(?:\s?(?P<scale>(?:{_SCALE_RE}))\b)?"
    r"(?P<pct>\s?%|\s(?:per\s?cent|percent)\b)?",
    re.IGNORECASE,
)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_WORD_RE = re.compile(r"(?:[^\W\d_]|°)(?:[^\W\d_]|[°'\-])*")


@dataclass(frozen=True)
class Quantity:
    """A number as stated: value after scale, canonical unit (or the counted noun), approximate wording."""

    text: str
    value: float
    unit: str | None
    approx: str | None  # about | below | lt | le | gt | ge | None
    start: int
    end: int
    decimals: int = 0
    year_like: bool = False
    step: float = 1.0


def _unit_after(text: str, pos: int) -> tuple[str | None, float, int]:
    """The unit or counted noun right after a number: ('barrel', 1, end) or (None, 1, pos)."""
    rest = text[pos:pos + 60]
    glued = re.match(r"([CF])(?![\w°])", rest)
    if glued:  # "recorded 43.6C", "a high of 104F": degrees, as "43.6 °C" says it
        return ("degc" if glued.group(1) == "C" else "degf"), 1, pos + 1
    lower = rest.lower().lstrip()
    skipped = len(rest) - len(lower)
    for spelling in sorted(UNITS, key=len, reverse=True):
        if lower.startswith(spelling) and (len(lower) == len(spelling) or not lower[len(spelling)].isalnum()):
            unit, factor = UNITS[spelling]
            return unit, factor, pos + skipped + len(spelling)
    # counted noun: skip up to two adjectives ("ministers", "new cases", "barrels a day"), never past a
    # comma or bracket ("in 48.21, under the standard": no unit)
    clause = re.match(r"[^,;:()\[\]—–]*", rest).group()
    words = list(_WORD_RE.finditer(clause))[:3]
    for n, w in enumerate(words):
        token = w.group().lower()
        if n and words[n - 1].group().lower() in ("and", "or") and _only_a_verb(token):
            return None, 1, pos  # "seating for 180 and opens onto a terrace": a new clause, nothing counted
        if token in STOP_UNIT:
            if token in _ENDS_FIGURE:
                return None, 1, pos  # "Line 2 has ten …", "seats 640 after a refit": the figure counts nothing
            continue
        if token in WORD_NUMBERS:
            return None, 1, pos  # another figure, not what this one counts
        if token in CURRENCIES:
            return CURRENCIES[token], 1, pos + w.end()
        if _only_a_verb(token):
            continue  # "as many as 2,000 died": a verb, no counted noun ("twelve founding member states": on)
        return _singular(token), 1, pos + w.end()
    return None, 1, pos


@lru_cache(maxsize=4096)
def _only_a_verb(word: str) -> bool:
    """A word English uses only as a verb ("died", "were"), never a noun a figure could count."""
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    return bool(lemmas) and "NOUN" not in lemmas and "VERB" in lemmas


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses") or word.endswith("ches") or word.endswith("shes"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _parse_num(raw: str) -> tuple[float | None, int]:
    raw = raw.lower().replace(",", "")
    if raw == "a":  # "a million": one, scaled, read to a tenth of the scale ("more than a million" is not 940,000)
        return 1.0, 1
    if re.fullmatch(r"half\s+a", raw):  # "half a million"
        return 0.5, 1
    compound = re.fullmatch(r"([a-z]+)[-\s]([a-z]+)", raw)
    if compound and compound.group(1) in _TENS and compound.group(2) in _UNITS_WORDS:
        return float(WORD_NUMBERS[compound.group(1)] + WORD_NUMBERS[compound.group(2)]), 0
    if raw[-1:] in VULGAR_FRACTIONS and (raw[:-1].isdigit() or not raw[:-1]):
        return float(raw[:-1] or 0) + VULGAR_FRACTIONS[raw[-1]], 2  # "3¾": 3.75, read to a hundredth
    if raw in WORD_NUMBERS:
        v = WORD_NUMBERS[raw]
        return (float(v) if v is not None else None), 0
    try:
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        return float(raw), decimals
    except ValueError:
        return None, 0


#: words before a bare figure that make it an age
_AGE_BEFORE = re.compile(r"\b(?:at the age of|aged|age of)\s+$", re.I)

_FIGURE_HYPHEN = re.compile(r"(?<=\d)-(?=[^\W\d_])")


#: a race time: hours, minutes and seconds ("2:01:39"), or minutes and seconds with their fraction
#: ("1:55.38"); not a time of day ("14:30")
_RACE_TIME = re.compile(r"(?:(?P<approx>about|nearly|almost|just under|just over|under|over|inside) )?"
                        r"(?<![\d:.])(?:(?P<h>\d{1,2}):(?P<m>[0-5]\d):(?P<s>[0-5]\d)(?:\.(?P<f>\d{1,3}))?"
                        r"|(?P<m2>\d{1,2}):(?P<s2>[0-5]\d)\.(?P<f2>\d{1,3}))(?![\d:])")


#: a time said in two units: "5 minutes 41.62 seconds", "two hours and 15 minutes" (figures only)
_SPOKEN_TIME = re.compile(r"(?<![\d.])(?P<a>\d+)\s+(?:(?:minutes?|mins?)\s+(?:and\s+)?(?P<b>\d+(?:\.\d+)?)\s+(?:seconds?|secs?)"
                          r"|hours?\s+(?:and\s+)?(?P<c>\d+(?:\.\d+)?)\s+(?:minutes?|mins?))\b", re.I)


def extract_quantities(text: str) -> list[Quantity]:
    """All numbers in ``text`` with scale, unit and approximate wording; bare years are marked ``year_like``."""
    out: list[Quantity] = []
    original = text
    # "a 34.6-kilometre tunnel", "a 3.1-billion-euro plant", "a 10-minute walk": the hyphen joins a figure to
    # its unit (same length, so every position still points into the original)
    text = _FIGURE_HYPHEN.sub(" ", text)
    times = []
    for t in _RACE_TIME.finditer(text):  # "ran 2:01:39", "won in 1:55.38": a time in seconds
        h = int(t.group("h")) if t.group("h") else 0
        mi, sec = int(t.group("m") or t.group("m2")), int(t.group("s") or t.group("s2"))
        frac = t.group("f") or t.group("f2") or ""
        value = h * 3600 + mi * 60 + sec + (int(frac) / 10 ** len(frac) if frac else 0.0)
        approx = APPROX.get((t.group("approx") or "").strip().lower()) or None
        times.append((t.start(), t.end()))
        out.append(Quantity(original[t.start():t.end()].strip(), value, "second", approx, t.start(), t.end(), len(frac),
                            False, 10.0 ** -len(frac)))
    for t in _SPOKEN_TIME.finditer(text):  # "in 5 minutes 41.62 seconds": one time, in seconds
        small = t.group("b") or t.group("c")
        value = float(t.group("a")) * 60 + float(small)
        unit = "second" if t.group("b") else "minute"  # minutes and seconds, or hours and minutes
        decimals = len(small.split(".")[1]) if "." in small else 0
        times.append((t.start(), t.end()))
        out.append(Quantity(original[t.start():t.end()].strip(), value, unit, None, t.start(), t.end(), decimals,
                            False, 10.0 ** -decimals))
    for m in _NUM_RE.finditer(text):
        if any(s <= m.start("num") < e for s, e in times):
            continue
        value, decimals = _parse_num(m.group("num"))
        if value is None:
            continue
        # skip parts of dates/times/ids: "14:30", "2019-03-14", "3/4"
        before = text[max(0, m.start("num") - 1):m.start("num")]
        after = text[m.end("num"):m.end("num") + 1]
        if before in {"-", "/", ":", "."} or after in {"/", ":"} or (after == "-" and not m.group("scale")):
            continue
        if before in {"–", "—"} and re.search(r"\d{4}$", text[max(0, m.start("num") - 5):m.start("num") - 1]):
            continue  # the second year of a span: "2026–27"
        scale = (m.group("scale") or "").lower()
        if scale in {"m", "b", "k"} and not m.group("cur"):
            scale = ""  # "5 m" is five metres, not five million, unless it is money
        step = 10.0 ** -decimals
        if m.group("half"):
            value, step = value + 0.5, 0.5
        if 0 < value < 1 and not decimals:
            step = 0.01  # "half", "a quarter": a fraction, stated to about a hundredth (not to a whole unit)
        if scale:
            value *= SCALES[scale]
            step *= SCALES[scale]
        unit: str | None
        factor = 1.0
        end = m.end()
        if m.group("pct"):
            unit = "percent"
        else:
            unit, factor, end = _unit_after(text, m.end() if scale else m.end("half") if m.group("half") else m.end("num"))
        if unit in {"year", "month", "week", "day"} and re.match(r"[\s-]*old\b", text[end:end + 6]):
            unit = "age"  # "the 19-year-old": an age, not a time anything took
        elif unit is None and _AGE_BEFORE.search(text[max(0, m.start("num") - 16):m.start("num")]):
            unit = "age"  # "died at the age of 84", "aged 61": an age
        if m.group("cur"):
            unit = CURRENCIES[m.group("cur").lower()]
            factor = 1.0
            end = m.end()
        elif unit == "gbp" and _WEIGHT_BEFORE.search(text[max(0, m.start() - 40):m.start()]):
            unit, factor = "g", GRAMS_PER_POUND  # "weighing nearly 2,000 pounds": a weight, not money
        if unit in _MONTHS or re.search(r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s*$", text[max(0, m.start() - 12):m.start()]):
            continue  # part of a date ("12 May", "May 12"): dates.py compares those
        value *= factor
        step *= factor
        raw = m.group("num").replace(",", "")
        year_like = (
            not scale and not m.group("cur") and not m.group("pct") and raw.isdigit() and len(raw) == 4
            and "," not in m.group("num")  # "1,800 people" is a count: a year is never written with a comma
            and 1500 <= value <= 2100
        )
        approx = APPROX.get((m.group("approx") or "").strip().lower()) or None
        out.append(Quantity(original[m.start():end].strip(), value, unit, approx, m.start(), end, decimals, year_like, step))
    return sorted(out, key=lambda q: q.start) if times else out


def _tolerance(q: Quantity) -> float:
    """Half a unit of the last stated digit (2.3 million → ±0.05 million)."""
    return 0.5 * q.step


def _rounding(q: Quantity) -> float:
    """The rounding a figure's wording states, in its value's units: a unit of its last significant
    digit ("290" → 10, "6,500" → 100, "4.2 billion" → 0.1 billion, "90" → 10)."""
    m = re.search(r"\d[\d,]*(?:\.\d+)?", q.text)
    if m is None:
        return q.step
    digits = m.group(0).replace(",", "")
    try:
        numeral = float(digits)
    except ValueError:
        return q.step
    if not numeral:
        return q.step
    factor = q.value / numeral
    if "." in digits:
        place = 10.0 ** -len(digits.split(".")[1])
    else:
        zeros = len(digits) - len(digits.rstrip("0"))
        place = 10.0 ** min(zeros, len(digits) - 1)
    return abs(factor) * place


def value_agrees(claim: Quantity, source: Quantity) -> bool:
    """Does the source's figure satisfy the claim's, reading approximate wording on both sides?

    >>> value_agrees(extract_quantities("more than 500 people")[0], extract_quantities("512 people")[0])
    True
    >>> value_agrees(extract_quantities("2.3 million barrels")[0], extract_quantities("2,312,000 barrels")[0])
    True
    """
    c, s = claim.value, source.value
    tol = max(_tolerance(claim), _tolerance(source), 1e-9 * max(abs(c), abs(s)))
    if claim.approx == "upper":  # "as many as 90,000": the claim's figure is the high estimate
        # (a source's own "up to 260" is another maximum, not a bound the claim's 160 fits under)
        return abs(c - s) <= max(0.1 * max(abs(c), abs(s)), tol) or source.approx in {"gt", "ge"} and s >= c - tol
    if claim.approx == "about" or source.approx == "about":
        # "about 6,500" is 6,480, "about 85 per cent" 84.6; but "about 290 metres" is not "about 270": the
        # rounding stated (one unit of the last digit given, at least 3 %), never more than a tenth
        size = max(abs(c), abs(s))
        step = max(_rounding(q) for q in (claim, source) if q.approx == "about")
        return abs(c - s) <= max(min(0.1 * size, max(step, 0.03 * size)), tol)
    if claim.approx == "below":  # "nearly 50" ⇒ a bit under 50
        return 0.9 * c - tol <= s <= c + tol
    # a bound is exact: only the source's own rounding counts ("fewer than 3 per cent" is not 3.1 per cent)
    stol = max(_tolerance(source), 1e-9 * max(abs(c), abs(s)))
    if claim.approx == "gt":
        return s > c - stol or source.approx in {"gt", "ge"} and s >= c - stol
    if claim.approx == "ge":
        return s >= c - stol
    if claim.approx == "lt":
        return s < c + stol or source.approx in {"lt", "le", "below"} and s <= c + stol
    if claim.approx == "le":
        return s <= c + stol
    if source.approx in {"gt", "ge"}:  # source only gives a bound: it agrees unless it excludes the claim
        return c >= s - tol
    if source.approx in {"lt", "le", "below"}:
        return c <= s + tol
    # a round figure is a rounding too ("£540 million" for £541 million, "40 per cent" for 40.4), never by more
    # than a hundredth ("2,000 died" is not 1,500)
    return abs(c - s) <= max(tol, min(0.5 * _rounding(claim), 0.01 * abs(c)) if _round_figure(claim) else tol)


def _round_figure(q: Quantity) -> bool:
    """A whole number that ends in a zero ("£540 million", "40 per cent"), not a time ("2:00:30") or a decimal."""
    m = re.search(r"\d[\d,.:]*", q.text)
    return m is not None and ":" not in m.group(0) and "." not in m.group(0) and m.group(0).endswith("0")


@dataclass(frozen=True)
class NumberCheck:
    claim: Quantity
    source: Quantity
    agrees: bool

    def describe(self) -> str:
        verb = "matches" if self.agrees else "differs from"
        return f"number: claim '{self.claim.text}' {verb} source '{self.source.text}'"


def same_kind(a: Quantity, b: Quantity) -> bool:
    """Two quantities measure the same thing when their units (or counted nouns) agree."""
    if a.year_like or b.year_like:
        return False
    if a.unit is None or b.unit is None:
        return False
    return a.unit == b.unit


def compare_numbers(claim: str, source: str) -> list[NumberCheck]:
    """For each claim quantity, the best-matching same-unit quantity of the source, and whether it agrees.

    A claim figure with no same-unit figure in the source yields nothing (the source is silent on it).
    """
    src = extract_quantities(source)
    out = []
    for cq in extract_quantities(claim):
        if cq.year_like:
            continue
        same = [s for s in src if same_kind(cq, s)]
        if not same:
            continue
        agreeing = [s for s in same if value_agrees(cq, s)]
        if agreeing:
            out.append(NumberCheck(cq, agreeing[0], True))
        else:
            best = min(same, key=lambda s: abs(s.value - cq.value))
            out.append(NumberCheck(cq, best, False))
    return out
