"""Like with like: which subject and which attribute a stated value belongs to, read from the parse.

A figure, a date or a name in a passage speaks for or against a claim only when the passage states it
about the claim's subject *and* for the same attribute or event: the Santa Justa Lift's opening year,
not its listing year; the Hoover Dam's height, not the Glen Canyon Dam's; Lisbon's population, not the
year of the census that counted it. Each value is placed in a :class:`Frame` from the dependency
parse — the predicate that governs it (``open``, ``design``, ``tall``, ``population``), its role (a
date, an amount, the agent or the theme of the predicate) and the subject the predicate is about —
and two values are compared only when their frames line up (:func:`compare_frames`).

Subjects are resolved the way a reader resolves them: a pronoun or a bare description ("It", "The
lift", "The structure") in a reference passage is the document it comes from (its title); an
attribute noun ("The population of Lisbon", "Lisbon's population", "The bridge's length") stands for
its owner; a participle or relative clause ("The tower, completed in 1519,", "which opened in 1902")
is about the noun it hangs on.

>>> from factdesk.claims.nlp import load_nlp                                # doctest: +SKIP
>>> reader = FrameReader(load_nlp())                                        # doctest: +SKIP
>>> checks = reader.compare("The Santa Justa Lift opened in 1902.",
...                         "It was inaugurated on 10 July 1902.", title="Santa Justa Lift")  # doctest: +SKIP
>>> [(c.kind, c.agrees) for c in checks]                                    # doctest: +SKIP
[('date', True)]
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from factdesk.verify.dates import DateMention, dates_agree, extract_dates, extract_yearless
from factdesk.verify.entities import names_match
from factdesk.verify.numbers import SCALES, Quantity, extract_quantities, value_agrees

#: predicates that mean the same attribute or event (lemmas; nouns and adjectives included)
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "open opening inaugurate inauguration launch unveil debut",
    "begin beginning start commence",
    "complete completion finish build construct construction erect",
    "found co-found foundation establish establishment create form set incorporate",
    "design designer plan architect conceive draw engineer",
    "list inscribe designate declare name listing inscription designation",
    "kill die death dead toll claim fatality casualty victim perish lose",  # "1,198 were lost"
    "population resident inhabitant people populate populous live",
    "long length stretch span extend lengthen run measure",
    "average mean",
    "tall height high rise stand elevation altitude measure",
    "deep depth",
    "wide width breadth diameter across",
    "cost budget price spend spending worth value fund funding invest investment",
    "win beat defeat victory triumph crush thrash rout",
    "lose loss defeat",
    "bear born birth",
    "score goal net",
    "area cover size",
    "hold capacity seat seating accommodate impound store",  # a reservoir "impounds 21,400 megalitres"
    "visit visitor attract tourist",
    "employ employee staff worker workforce",
    "grow growth rise raise increase climb jump",
    "fall decline drop decrease shrink slump",
    "weigh weight mass",
    "produce production output generate make",  # a furnace that "made 640,000 tonnes" produced them
    "sell sale sales revenue taking takings gross earn earning take",
    "elect election vote win",
    "consecrate consecration dedicate",
    "close closure shut",
    "trigger invoke activate",
    "discover discovery find excavate unearth uncover",
    "publish publication release",
    "marry marriage wed",
    "appoint appointment name nominate",
    "award prize receive win",
    "serve term hold",
    "last take duration",
    "arrive arrival reach land landing dock touch",
    "sink sank founder",
    "climb ascent ascend",  # "climbs about 300 feet" / "total ascent … is 92 metres"
    "leave depart departure sail",
    "finish clock time record swim run win",
    "headquarter headquartered headquarters base seat locate situate",
    "effect force apply",  # a law "takes effect", "enters into force", "applies from"
    "pay contribute finance cofinance",  # who paid a share of a bill
    "carry handle transport",  # what a line, tunnel or port is built to carry
    "top head lead",  # "topped the medal table", "headed the standings"
    "subsidy grant aid gift donation",  # public money towards something
    "have serve comprise feature boast offer provide house hold",  # "serves 14 stations", "provides 96 beds"
    "place add install mount fit",  # "the bell chamber was placed on top" / "was added"
    "estimate forecast expect predict project put",  # "puts the harvest at 486,000 hectolitres"
    "cover travel fly drive sail walk journey distance",  # "covered some 24 miles" / "flew just over 24 miles"
    "propose recommend suggest",  # a board "proposed" / "recommends" a dividend; a team "suggested" a cause
    "flatten devastate level raze",  # a blast that "flattened" / "knocked down" / "devastated" a forest
    "burn rage rag",  # a fire "burned" / "raged" for four days (the small parser lemmatises "raged" as "rag")
    "fly cruise",  # "flew at up to 60,000 feet" / "cruised at altitudes of up to 18,300 metres"
))
#: predicates that say nothing about which attribute a value is (``is 221 metres``, ``has 545,000``)
GENERIC = frozenset({"be", "have", "include", "contain", "reach", "total", "number", "amount", "stand", "make",
                     "become", "remain", "see", "get", "count", "record", "report", "say", "show"})
#: nouns that name an attribute of their owner: "the population of Lisbon" is about Lisbon
ATTRIBUTE_NOUNS = frozenset("""population length height depth width area cost budget price value capacity
    size weight speed toll total number share rate output revenue age distance altitude elevation diameter
    span salary wage debt deficit turnout attendance score lead majority construction building opening
    completion founding foundation history life career launch inauguration work headquarters headquarter
    taking takings earning gross subsidy grant aid gift donation ascent""".split())
#: head nouns too common to identify a subject on their own ("the bridge", "the city")
GENERIC_HEADS = frozenset("""bridge tower dam city town river lake building station line museum church
    cathedral company club team government party country state island street square park stadium school
    university hospital airport port palace castle monument statue lift metro railway road tunnel
    mountain valley region province district organisation organization agency group firm bank court
    ministry council board authority""".split())
_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
#: verbs whose subject is the agent a claim can get wrong ("Gaudí designed …", "Germany won …")
AGENTIVE = frozenset("""design build found establish write compose direct paint sculpt invent discover create
    develop commission sign draft produce win referee coach captain lead chair launch consecrate inaugurate unveil
    dedicate crown conduct translate illustrate publish manufacture host organise organize finance fund sponsor
    assassinate score""".split())
#: the past forms of ``AGENTIVE`` verbs a claim names its agent with ("Gaudí designed …"): such a claim has
#: its names read in frames even when it states no figure (``verifier._NAMES_AN_AGENT``)
AGENTIVE_PAST = frozenset("""designed built founded established wrote composed directed painted invented
    discovered created developed commissioned signed produced won led launched consecrated inaugurated unveiled
    dedicated crowned conducted translated published hosted organised organized financed funded sponsored
    assassinated scored""".split())
_PRED_POS = {"VERB", "AUX"}


def fold(text: str) -> str:
    """Lower case without diacritics: ``Belém`` and ``Belem`` are one name."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@dataclass(frozen=True)
class Value:
    kind: str  # date | quantity | name
    text: str
    start: int
    end: int
    date: DateMention | None = None
    quantity: Quantity | None = None
    #: a range ("between 30,000 and 50,000", "30 to 50 million"): its two ends, in the quantity's unit
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Frame:
    """A value in its clause: about ``subject`` (words), for ``predicates`` (lemmas), in ``role``."""

    value: Value
    predicates: frozenset[str]
    role: str  # time | amount | agent | theme | other
    subject: str  # the subject phrase as written (or resolved through the title)
    subject_words: frozenset[str]
    subject_head: str
    sentence: str = ""
    #: "planned" for what is due, scheduled, planned or will happen ("is due to open in 2028"), else "actual"
    modality: str = "actual"
    #: the predicate's other participants (object, agent, the noun a relative clause hangs on), as
    #: (words, head): an event is identified by any of them
    others: tuple[tuple[frozenset[str], str], ...] = ()
    #: the predicate is denied ("was not approved", "never opened")
    negated: bool = False
    #: years the clause dates its statement with, besides the value itself ("revenue of £318 million in
    #: 2025"): a figure for 2024 is another fact
    years: frozenset[int] = frozenset()
    #: for counts, the noun the number counts, read from the parse ("545,000 residents" → resident);
    #: None when the number stands alone ("was 545,796")
    count_noun: str | None = None
    #: a comparative figure in parentheses ("702 million litres (2024: 688 million litres)"): it speaks
    #: only to a claim that names its year
    comparative: bool = False
    #: a date that is a figure's period ("carried 4.1 million passengers in 2025"): another period's
    #: figure is another fact, so two periods are not compared as if they were one event's times
    period: bool = False
    #: the earlier level of a change, dated in its phrase ("…, down from nearly 60 per cent … in 2021")
    earlier: bool = False
    #: the clause is in the present tense ("operates 24 aircraft", "now has 612 member farms"): what holds now
    present: bool = False
    #: a date of a state, not of an event ("was 38 per cent full on Monday"): the state may hold at other dates
    state: bool = False

    @property
    def generic(self) -> bool:
        return not (self.predicates - GENERIC)


@dataclass(frozen=True)
class FrameCheck:
    """A claim value and a passage value in matching frames, and whether they agree."""

    kind: str
    claim: Frame
    source: Frame
    agrees: bool

    def describe(self) -> str:
        if self.kind == "negation":
            return f"negation: the source denies it for '{self.source.value.text}' (about {self.source.subject})"
        verb = "matches" if self.agrees else "differs from"
        return f"{self.kind}: claim '{self.claim.value.text}' {verb} source '{self.source.value.text}' (about {self.source.subject})"


# -- values ---------------------------------------------------------------------------------------
_OLD_YEAR = re.compile(r"\b(?:in|since|until|during|before|after|around|c\.)\s+$")
_RANGE = re.compile(r"(?:\bbetween\s+|\bfrom\s+)?(?P<a>\d[\d,.]*)\s*(?P<sa>thousand|million|billion)?\s*"
                    r"(?:and|to|–|—|-)\s*(?P<b>\d[\d,.]*)", re.IGNORECASE)


def find_values(text: str) -> list[Value]:
    """Dates and quantities in ``text`` (names are read from the parse, see :meth:`FrameReader.frames`).
    Two figures joined as a range ("between 30,000 and 50,000 people") are one value with both ends."""
    out = [Value("date", d.text, d.start, d.end, date=d) for d in extract_dates(text)]
    out += [Value("date", d.text, d.start, d.end, date=d) for d in extract_yearless(text, [(v.start, v.end) for v in out])]
    taken = [(v.start, v.end) for v in out]
    quantities = []
    for q in extract_quantities(text):
        lead = q.start + len(text[q.start:q.end]) - len(text[q.start:q.end].lstrip())  # where its figure starts
        if q.year_like or any(s <= lead < e for s, e in taken):
            continue
        if q.unit is None and not any(ch.isdigit() for ch in q.text):
            continue  # "without one", "the first two": a word, not a figure
        if _MODEL_NUMBER.search(text[:q.start]) and re.match(r"\s*\d+(?![\d,.])", q.text) and not q.approx:
            continue  # "the Nokia 3310", "Apollo 11", "Article 50": part of a name
        if (_OLD_YEAR.search(text[max(0, lead - 12):lead]) and re.fullmatch(r"\d{3,4}", q.text.split()[0])
                and q.unit is None):
            continue  # "began in 1248": a year before the date patterns' range, not a count
        cut = min([s for s, _ in taken if q.start < s < q.end], default=None)
        if cut is not None:  # "545,796 at the 2021 census": the figure stops before the date
            kept = re.sub(r"(?:\s+(?:at|in|on|the|of|for|by|during|since|from|a|an))+\s*$", "", text[q.start:cut].rstrip())
            q = replace(q, end=q.start + len(kept), text=kept, unit=q.unit if q.unit in _UNIT_FAMILY else "?")
        quantities.append(q)
    used: set[int] = set()
    for m in _RANGE.finditer(text):
        qa = next((i for i, q in enumerate(quantities) if q.start <= m.start("a") < q.end), None)
        qb = next((i for i, q in enumerate(quantities) if i != qa and q.start <= m.start("b") < q.end), None)
        if qa is None or qb is None or qa == qb or qa in used or qb in used:
            continue
        a, b = quantities[qa], quantities[qb]
        inside = a.end > m.start("b")  # the first figure's extent swallowed the range ("30 to 50 million")
        if b.unit is None or (a.unit not in {None, b.unit} and a.unit not in SCALES and not inside):
            continue
        low = a.value
        if a.value < b.value / 100 and not m.group("sa"):  # "30 to 50 million": the scale is the second's
            low = a.value * (b.value / max(1.0, float(re.sub(r"[^\d.]", "", m.group("b")) or 1)))
        lo, hi = sorted((low, b.value))
        used |= {qa, qb}
        out.append(Value("quantity", text[m.start():b.end].strip(), m.start(), b.end, quantity=b, low=lo, high=hi))
    for i, q in enumerate(quantities):
        if i not in used:
            out.append(Value("quantity", q.text, q.start, q.end, quantity=q))
    return sorted(out, key=lambda v: v.start)


#: a capitalised word right before a figure, not the sentence's first, a month or a title word: the figure
#: is part of a name ("the Nokia 3310 sold…")
_MODEL_NUMBER = re.compile(  # (at the start of a sentence too: "Line 2 has ten underground stations")
    r"(?:^|(?<=[a-z,;:)] ))(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|In|On|At|By|From|Since|Until|To|Of|And|The|About|Some|Over"
    r"|Under|Nearly|Almost|Around|Roughly|Just|Only|Page|No|Number|Between|Approximately|Exactly|Its|Their|His|Her"
    r"|Our|My|All|Another|These|Those|Every|Each|With|For|After|Before|During|Within|Up|Down)\b)"
    r"[A-Z][A-Za-z-]+\s*$")
_UNIT_FAMILY = {"ev": "energy", "wh": "electric energy", "ugm3": "concentration", "m2": "area", "kmh": "speed",
                "m": "length", "mile": "length", "ft": "length", "g": "mass", "lb": "mass", "l": "volume",
                "percent": "percent", "pp": "percent", "w": "power", "degc": "temperature", "degf": "temperature",
                "usd": "money", "eur": "money", "gbp": "money", "jpy": "money", "inr": "money", "cny": "money",
                "year": "duration", "month": "duration", "week": "duration", "day": "duration", "hour": "duration",
                "minute": "duration", "second": "duration"}


def unit_family(q: Quantity) -> str | None:
    if q.unit is None:  # a bare figure ("was 67,200."): a count of what its clause says
        return "count:?"
    return _UNIT_FAMILY.get(q.unit, "count:" + q.unit)


#: what a hall, a stadium or a theatre holds, counted ("seats 220 people", "holds 21,500 spectators")
_SEATED = frozenset({"people", "person", "seat", "spectator", "visitor", "guest", "fan", "passenger"})


def _comparable(fa_: Frame, fb_: Frame) -> bool:
    a, b = fa_.value, fb_.value
    if a.kind != b.kind:
        return False
    if a.kind == "quantity":
        fa, fb = unit_family(a.quantity), unit_family(b.quantity)  # type: ignore[arg-type]
        if fa is None or fb is None:
            return False
        if _fraction(a.quantity) != _fraction(b.quantity):  # type: ignore[arg-type]
            return False  # "almost a third of the vote" is a share, not a count like "won 4"
        if fa.startswith("count:") and fb.startswith("count:"):  # counts: by the counted noun from the parse
            na, nb = fa_.count_noun, fb_.count_noun
            if na is not None and nb is not None:
                return bool(synonyms(na) & synonyms(nb)) or _people_of(fa_, fb_)
            if fa == fb:
                return True  # the value's own words count the same thing ("6 seats" / "six seats")
            if "count:?" not in (fa, fb) and not synonyms(fa[6:]) & synonyms(fb[6:]):
                # each names what it counts, and they differ ("a third of the vote" / "13 of the 31 seats"),
                # unless an attribute noun says what one counts ("a population of 67,200" / "67,000 residents")
                return any(synonyms(unit) & synonyms(n) for unit, f in ((fa[6:], fb_), (fb[6:], fa_))
                           for n in f.predicates & ATTRIBUTE_NOUNS)
            if "margin" in fa_.predicates and "margin" in fb_.predicates:
                return True  # "held Saltergate by 612 votes" and "a majority of 612": the lead, counted or not
            # a bare figure ("was 545,796") counts what its attribute noun names ("the population")
            bare, other = (fa_, nb) if na is None else (fb_, na)
            if other in _SEATED and bare.predicates & synonyms("seat"):
                return True  # "has seating for 180" and "seats 220 people": how many it holds
            named = bare.predicates & ATTRIBUTE_NOUNS
            return other is None or any(synonyms(other) & synonyms(n) for n in named)
        if fa != fb:
            # a bare figure with decimals in the same frame as a measured one ("won … in 48.21" for "in 48.12
            # seconds"): the same measure, its unit left unsaid
            bare, measured = (a.quantity, b.quantity) if fa == "count:?" else (b.quantity, a.quantity)
            return ("count:?" in (fa, fb) and not (fa + fb).replace("count:?", "").startswith("count:")
                    and bare.decimals > 0 and bare.decimals == measured.decimals  # type: ignore[union-attr]
                    and 0.5 <= bare.value / max(measured.value, 1e-9) <= 2.0)  # type: ignore[union-attr]
        if fa == "money" and a.quantity.unit != b.quantity.unit:  # type: ignore[union-attr]
            # another currency: the same figure is a wrong currency; other figures can't be compared here
            return _close(a.quantity.value, b.quantity.value)  # type: ignore[union-attr]
        return True
    return True


_FRACTION = re.compile(r"(?i)\b(?:half|thirds?|quarters?|fifths?|sixths?|tenths?)\b")


def _fraction(q: Quantity) -> bool:
    """A share said as a fraction ("a third of the vote", "about a quarter of the water")."""
    return q.value < 1 and bool(_FRACTION.search(q.text))


def _people_of(fa_: Frame, fb_: Frame) -> bool:
    """A count of "people" is a count of the staff, visitors or residents a shared predicate names: "We employ
    2,150 people" counts the "2,150 staff" a service employs (but "killed 90 people" is not "90 firefighters")."""
    na, nb = fa_.count_noun, fb_.count_noun
    if not ({na, nb} & {"people", "person"}):
        return False
    other = nb if na in ("people", "person") else na
    return any(other in synonyms(p) for p in fa_.predicates & fb_.predicates if p not in GENERIC)


#: canonical unit → its factor to the unit it is compared in (``_BASE``): metres, feet and miles are one scale;
#: grams and pounds another; seconds, minutes, hours, days and weeks a third
_CONVERT = {"m": 1.0, "ft": 0.3048, "mile": 1609.344, "g": 1.0, "lb": 453.59237,
            "second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0, "week": 604800.0}
#: the unit each convertible unit is compared in
_BASE = {"ft": "m", "mile": "m", "lb": "g", "minute": "second", "hour": "second", "day": "second", "week": "second"}


def _close(x: float, y: float, rel: float = 0.02) -> bool:
    return abs(x - y) <= rel * max(abs(x), abs(y), 1e-9)


def _in_base(v: Value) -> Value:
    """A length, mass or duration in metres / grams / seconds, so that "870 miles" meets "1,393 km" and
    "about 16 hours" meets "15 hours and 57 minutes"."""
    q = v.quantity
    if q is None or q.unit not in _BASE:
        return v
    f = _CONVERT[q.unit]
    base = _BASE[q.unit]
    nq = replace(q, value=q.value * f, unit=base, step=q.step * f)
    return replace(v, quantity=nq, low=v.low * f if v.low is not None else None,
                   high=v.high * f if v.high is not None else None)


def _range_agrees(claim: Value, source: Value) -> bool:
    """A claim figure against a source range (or a claim range against a source figure)."""
    cq = claim.quantity
    tol = 0.5 * max(cq.step, source.quantity.step) if cq and source.quantity else 0.0  # type: ignore[union-attr]
    if claim.low is not None and source.low is None:
        s = source.quantity.value  # type: ignore[union-attr]
        return claim.low - tol <= s <= claim.high + tol  # type: ignore[operator]
    lo, hi = source.low, source.high
    if claim.low is not None:  # both ranges: they must overlap
        return claim.low <= hi + tol and lo - tol <= claim.high  # type: ignore[operator]
    c = cq.value  # type: ignore[union-attr]
    approx = cq.approx  # type: ignore[union-attr]
    if approx == "about":
        return 0.9 * lo - tol <= c <= 1.1 * hi + tol  # type: ignore[operator]
    if approx in {"gt", "ge"}:
        return c <= hi + tol  # type: ignore[operator]
    if approx in {"lt", "le", "below"}:
        return c >= lo - tol  # type: ignore[operator]
    if approx == "upper":
        return lo - tol <= c <= 1.1 * hi + tol  # type: ignore[operator]
    return lo - tol <= c <= hi + tol  # type: ignore[operator]


def values_agree(a: Value, b: Value) -> bool:
    if a.kind == "date":
        return dates_agree(a.date, b.date)  # type: ignore[arg-type]
    if a.kind == "quantity" and a.quantity and b.quantity and a.quantity.unit != b.quantity.unit and (
            unit_family(a.quantity) == "money" or {a.quantity.unit, b.quantity.unit} <= set(_CONVERT)):
        if unit_family(a.quantity) == "money":
            return False  # the same figure in another currency
        a, b = _in_base(a), _in_base(b)
        if a.quantity.unit != b.quantity.unit:  # type: ignore[union-attr]
            return False
        # converted figures: a rounding of the conversion is not a disagreement
        if a.low is None and b.low is None:
            qa, qb = a.quantity, b.quantity
            tol = max(0.5 * qa.step, 0.5 * qb.step, 0.01 * max(qa.value, qb.value))  # type: ignore[union-attr]
            if qa.approx or qb.approx:  # type: ignore[union-attr]
                return value_agrees(qa, qb)  # type: ignore[arg-type]
            return abs(qa.value - qb.value) <= tol  # type: ignore[union-attr]
    if a.kind == "quantity":
        if a.low is not None or b.low is not None:
            return _range_agrees(a, b)
        return value_agrees(a.quantity, b.quantity)  # type: ignore[arg-type]
    return names_match(a.text, b.text)


def synonyms(lemma: str) -> frozenset[str]:
    out = {lemma}
    for group in SYNONYMS:
        if lemma in group:
            out |= group
    return frozenset(out)


#: verbs that make a budget a plan: what was set aside, not what was spent
_SETTING = frozenset({"approve", "propose", "plan", "set", "agree", "allocate", "earmark", "announce", "adopt"})


def _set_aside(preds: frozenset[str]) -> bool:
    return "budget" in preds and bool(preds & _SETTING)


_RANGE_START = re.compile(r"\b(?:between|from)\s+$", re.I)
_RANGE_END = re.compile(r"\b(?:between\s+[^,;]{1,40}?\s+and|from\s+[^,;]{1,40}?\s+(?:to|until|till))\s+$", re.I)
#: predicates that name the end of a work, and its start: "built between 1671 and 1677" was completed in 1677
_ENDING = frozenset({"complete", "completion", "finish", "end"})
_STARTING = frozenset({"begin", "beginning", "start", "commence"})


def _other_end(claim: "Frame", source: "Frame", frames: list["Frame"]) -> bool:
    """The source date is the start of a span the claim's predicate names the end of, or the other way
    round: "completed in 1671" is not confirmed by the 1671 of "built between 1671 and 1677" (when the
    span's end was read as a date of its own, to be compared instead)."""
    if claim.value.kind != "date" or source.value.kind != "date" or not source.sentence:
        return False
    before = source.sentence[:source.value.start]
    if claim.predicates & _ENDING and not claim.predicates & _STARTING:
        return bool(_RANGE_START.search(before)) and any(
            f.value.kind == "date" and f.sentence == source.sentence and f.value.start > source.value.start
            and _RANGE_END.search(f.sentence[:f.value.start]) for f in frames)
    if claim.predicates & _STARTING and not claim.predicates & _ENDING:
        return bool(_RANGE_END.search(before))
    return False


def _budget_for_cost(a: "Frame", b: "Frame") -> bool:
    """One frame is a budget set aside ("approved a budget of 1.15 billion"), the other what the work cost
    ("The project cost 1.15 billion"): a plan and an outcome, not one figure. A cost still to come ("will
    cost 310 million") is what the budget plans."""
    for x, y in ((a, b), (b, a)):
        if _set_aside(x.predicates) and "budget" not in y.predicates and y.modality == "actual":
            return True
    return False


def predicates_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Same attribute or event: a shared specific predicate, or both generic (``is``/``has``)."""
    sa, sb = a - GENERIC, b - GENERIC
    if not sa and not sb:
        return True
    if not sa or not sb:
        # a generic verb that one group names ("reached New York" and "arrived in New York")
        general, specific = (a, sb) if not sa else (b, sa)
        return any((synonyms(x) - {x}) & specific for x in general & GENERIC)
    return any(synonyms(x) & sb for x in sa)


# -- subjects -------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_STOP = frozenset("the a an of in on at to for and or its his her their this that these those it he she they".split())


def words_of(text: str) -> frozenset[str]:
    # a hyphenated name in its parts, as the parser's tokens give it ("Kon-Tiki": kon, tiki)
    words = (re.sub(r"['’]s$", "", fold(p)) for w in _WORD.findall(text) for p in w.split("-"))  # "Haldenhöfen's"
    return frozenset(w for w in words if w and w not in _STOP)


#: a company's legal form, no part of what it is called
LEGAL_FORMS = frozenset({"ag", "inc", "ltd", "plc", "sa", "gmbh", "corp", "co", "llc", "nv", "bv", "asa", "ab", "oy",
                         "oyj", "spa", "kg", "kgaa", "se", "aps", "sas", "sarl", "limited", "incorporated", "corporation"})


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict:
    """What lemminflect knows of ``word``: its lemmas by part of speech (none for a name it never met)."""
    from lemminflect import getAllLemmas

    return getAllLemmas(word)


def _common_noun(word: str) -> bool:
    """A noun of English ("wing", "festival"), not only a name ("Obama")."""
    return "NOUN" in _lemmas(word)


def _english(word: str) -> bool:
    """A word of English of any kind ("neighbouring", "green"), not only a name."""
    return bool(_lemmas(word))


_ORDINALS = {w: i for i, w in enumerate("""first second third fourth fifth sixth seventh eighth ninth tenth eleventh
    twelfth""".split(), start=1)}


def _ranks(words: frozenset[str]) -> set[int]:
    """Which one of a numbered series a phrase names: "second" and "2" (in "Line 2") are both 2."""
    return {_ORDINALS[w] for w in words if w in _ORDINALS} | {int(w) for w in words if w.isdigit() and int(w) <= 12}


def _kin(word: str, others: set[str]) -> str:
    """``word`` as one of ``others`` that is the same name with a demonym's ending ("bregonian" for
    "bregonia", "brazilian" for "brazil"), else itself."""
    if word in others or len(word) < 6:
        return word
    for o in others:
        if len(o) >= 5 and word.startswith(o) and len(word) - len(o) <= 3 and word[len(o):] in _DEMONYM_ENDINGS:
            return o
        if len(word) >= 5 and o.startswith(word) and len(o) - len(word) <= 3 and o[len(word):] in _DEMONYM_ENDINGS:
            return o
    return word


#: what a place's name takes to name its people or things ("Bregonia" → "Bregonian", "Brazil" → "Brazilian")
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ese", "i", "ish", "er"})


def same_thing(words_a: frozenset[str], head_a: str, words_b: frozenset[str], head_b: str) -> bool:
    """Do two noun phrases (their words and head) name the same thing?

    Proper names decide: a shared name word that is not a generic head ("Santa Justa" in both; not just
    "Dam" in Hoover Dam and Glen Canyon Dam). Without names, the same head noun.
    """
    if head_a in LEGAL_FORMS:  # "Vantrel Semiconductor AG" is "Vantrel Semiconductor"
        head_a = head_b
    if head_b in LEGAL_FORMS:
        head_b = head_a
    words_a, words_b = words_a - LEGAL_FORMS, words_b - LEGAL_FORMS
    if not words_a or not words_b:
        return False
    names_a = {w for w in words_a if w not in GENERIC_HEADS and w not in _ORDINALS}
    names_b = {w for w in words_b if w not in GENERIC_HEADS and w not in _ORDINALS}
    names_b = {_kin(w, names_a) for w in names_b}  # "Bregonian" is Bregonia's
    shared = names_a & names_b
    if head_a != head_b and (head_b in _WHOLE_NOUNS and head_a in words_b and _common_noun(head_a)
                             or head_a in _WHOLE_NOUNS and head_b in words_a and _common_noun(head_b)):
        head_a = head_b  # "the coalition agreement" and "the 186-page document" of a text on the coalition agreement
    if head_a != head_b and (words_a < words_b or words_b < words_a):
        longer, shorter = (words_b, words_a) if words_a < words_b else (words_a, words_b)
        if not longer - shorter <= _ORG_KINDS:
            return False  # "Lisbon" is not the "Lisbon Metro"; "Hoover" is not the "Hoover Dam"
        head_a = head_b  # "Brenmoor" is "Brenmoor Bank": a company's short name
    digits_a, digits_b = {w for w in words_a if w.isdigit()}, {w for w in words_b if w.isdigit()}
    if digits_a and digits_b and not digits_a & digits_b:
        return False  # the 2014 final is not the 2010 final
    rank_a, rank_b = _ranks(words_a), _ranks(words_b)
    if rank_a and rank_b and not rank_a & rank_b:
        return False  # "the city's second metro line" is not "Metro Line 1"
    if shared:
        ranked = {w for w in words_a | words_b if w in _ORDINALS or w.isdigit()} if rank_a & rank_b else set()
        if head_a == head_b and head_a in GENERIC_HEADS and len(shared) < 2 and (
                words_a - words_b - _NAME_JOINERS - ranked and words_b - words_a - _NAME_JOINERS - ranked):
            return False  # two of a kind told apart by their names: the Gotthard Base / Road Tunnel
        if shared == {head_a} == {head_b} and names_a - shared - _NAME_JOINERS and names_b - shared - _NAME_JOINERS \
                and _common_noun(head_a):
            return False  # only the kind in common, each with a name of its own: the Heulwen Wing, the Tegid Wing
        if head_a != head_b and len(shared) == 1 and not shared & {head_a, head_b} and min(len(names_a), len(names_b)) > 1:
            return False  # one word in common, other heads: the Hubble Space Telescope, the International Space Station
        # both named: most of the shorter name must be shared (Vasco da Gama Bridge vs 25 de Abril Bridge)
        small = min(len(names_a), len(names_b))
        if len(shared) >= max(1, (small + 1) // 2):
            return True
        # or most of its words that are names and no English ("the Cunard liner Lusitania", "RMS Lusitania")
        proper_a = {w for w in names_a if not _common_noun(w)}
        proper_b = {w for w in names_b if not _common_noun(w)}
        small = min(len(proper_a), len(proper_b))
        return small > 0 and len(proper_a & proper_b) >= max(1, (small + 1) // 2)
    if names_a or names_b:  # one named, one not: "the council" may be any council
        return False
    return head_a == head_b and bool(head_a)


#: words that only say a name is a company's: "Brenmoor Bank" is called "Brenmoor"
_ORG_KINDS = frozenset("""bank group company holdings airways airlines foods stores supermarkets energy power
    renewables motors industries""".split())


_ROMAN = re.compile(r"^[IVXLC]+$")


@lru_cache(maxsize=4096)
def _name_words(phrase: str) -> frozenset[str]:
    """The words of a subject that are names and nothing else, owners' included ("Ravensholm's" is
    Ravensholm; "Brackenfield" first in a title too): capitalised, and no word of English ("Green Line",
    "Grade II-listed" name no place) nor an initialism."""
    out = set()
    for w in _WORD.findall(phrase):
        w = re.sub(r"['’]s?$", "", w)
        if w.isupper():
            continue  # an initialism may stand for the other's words ("EU", "European Union")
        if w[:1].isupper() and not _ROMAN.match(w) and w.lower() not in _STOP and not _english(w.lower()):
            out.add(fold(w))
    return frozenset(out) - GENERIC_HEADS - _NAME_JOINERS


def _proper_words(phrase: str) -> frozenset[str]:
    """The capitalised words of a subject phrase (its first word only when a name goes on): its name."""
    words = _WORD.findall(phrase)
    return frozenset(fold(w) for w in words[1:] if w[:1].isupper()) | (
        frozenset({fold(words[0])}) if words and words[0][:1].isupper() and words[0].lower() not in _STOP
        and (len(words) == 1 or words[1][:1].isupper()) else frozenset())  # "Jamaica" alone is a name too


def _capitalised(phrase: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _WORD.findall(phrase) if w[:1].isupper() and w.lower() not in _STOP)


def _only_the_kind_shared(a: Frame, b: Frame) -> bool:
    """Two named subjects that share only a common noun: "NASA's Curiosity rover" and "Opportunity
    (rover)" are two rovers (while "The Cunard liner Carpathia" and "RMS Carpathia" share the name)."""
    shared = a.subject_words & {_kin(w, set(a.subject_words)) for w in b.subject_words}
    ca, cb = _capitalised(a.subject), _capitalised(b.subject)
    cb = {_kin(w, set(ca)) for w in cb}
    return bool(shared and shared <= {a.subject_head, b.subject_head} and ca and cb and not (ca & cb)
                and not shared & (ca | cb))


#: words that make a place's name the name of a vote held there ("the Åsbru municipal election 2025")
_VOTE_WORDS = frozenset("""election elections municipal local general presidential parliamentary regional mayoral
    referendum vote poll ballot runoff round first second turnout""".split())


def _place_and_its_vote(words_a: frozenset[str], words_b: frozenset[str]) -> bool:
    """One subject is a place and the other a vote held there: the same words, and beyond them only words
    that name a vote (and its year)."""
    shared = words_a & words_b
    extra = (words_a ^ words_b) - _VOTE_WORDS
    years_a, years_b = {w for w in words_a if w.isdigit()}, {w for w in words_b if w.isdigit()}
    if years_a and years_b and not years_a & years_b:
        return False  # the 2021 election is not the 2025 one
    return bool(shared - _VOTE_WORDS) and all(w.isdigit() for w in extra) and bool((words_a ^ words_b) & _VOTE_WORDS)


#: a subject owned by a name: "Brenstad's low-emission zone", "the Falcons' coach"
_OWNED = re.compile(r"^(?:the\s+)?((?:[A-ZÀ-Þ][\w\-]*\s+)*[A-ZÀ-Þ][\w\-]*)['’]s?\s+(\S.*)$")


def _other_owners(a: str, b: str) -> bool:
    """The same kind of thing owned by two different names ("Brenstad's low-emission zone" and
    "Harlund's low-emission zone"): two things."""
    ma, mb = _OWNED.match(a), _OWNED.match(b)
    if ma is None or mb is None or words_of(ma.group(1)) & words_of(mb.group(1)):
        return False
    ra, rb = words_of(ma.group(2)), words_of(mb.group(2))
    return bool(ra) and ra == rb


def subjects_match(a: Frame, b: Frame) -> bool:
    """Is the claim frame ``a`` about the same thing as the source frame ``b``? Their subjects name the
    same thing, or (for events) another participant of both does: "which the authorities began building
    on 13 August 1961" (the wall) and "Construction of the wall was begun on 13 August 1961"."""
    if _only_the_kind_shared(a, b) or _other_owners(a.subject, b.subject):
        return False
    if a.value.kind == "name" and re.match(r"(?i)the\s", a.subject) and re.match(r"(?i)an?\s", b.subject):
        return False  # "a British expedition led by Charles Evans" is some expedition, not "The British expedition"
    # "Ravensholm's Green Line tram extension to Fellside" is not "Brackenfield tram extension": each subject
    # has a name the other side never says, and only a kind in common
    na, nb = _name_words(a.subject), _name_words(b.subject)
    said_a, said_b = _name_words(f"{a.sentence} {a.subject}"), _name_words(f"{b.sentence} {b.subject}")
    other_names = bool(na and nb and not {_kin(w, set(said_a)) for w in nb} & said_a
                       and not {_kin(w, set(said_b)) for w in na} & said_b)
    if not other_names and same_thing(a.subject_words, a.subject_head, b.subject_words, b.subject_head):
        return True
    if "turnout" in a.predicates & b.predicates and _place_and_its_vote(a.subject_words, b.subject_words):
        return True  # "turnout in Åsbru" is the turnout of "the Åsbru municipal election"
    sa, sb = (a.subject_words, a.subject_head), (b.subject_words, b.subject_head)
    if any(same_thing(*sa, *o) for o in b.others) or any(same_thing(*sb, *o) for o in a.others):
        return True  # one's subject takes part in the other's event (the wall its authorities built)
    na, nb = _proper_words(a.subject), _proper_words(b.subject)
    if na and nb:
        return False  # two named subjects, other things: not one event through a shared "Earth"
    return any(same_thing(*oa, *ob) for oa in a.others for ob in b.others)


# -- the reader -----------------------------------------------------------------------------------
class FrameReader:
    """Parses sentences (cached) and places their values in frames."""

    def __init__(self, nlp, *, cache_size: int = 4096) -> None:
        self.nlp = nlp
        self._cache: OrderedDict[str, object] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def parse_many(self, texts: list[str]) -> list:
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        docs = dict(zip(todo, self.nlp.pipe(todo, batch_size=64))) if todo else {}
        with self._lock:
            for t, d in docs.items():
                self._cache[t] = d
            while len(self._cache) > self._size:
                self._cache.popitem(last=False)
            return [docs.get(t) or self._cache.get(t) for t in texts]

    def frames(self, text: str, title: str | None = None, doc=None, *, names: bool = True,
               context: str | None = None, publisher: str | None = None) -> list[Frame]:
        """Every date, quantity and (with ``names``) agent name of ``text`` in its frame. A pronoun or a
        bare description stands for ``title`` (and the other names ``context`` gives it: "The
        Terrorism Confinement Center, known as CECOT, …"); "we" and "our …" outside quotes stand for
        ``publisher`` ("We employ 2,150 people" on a service's "About us" page)."""
        doc = doc if doc is not None else self.parse_many([text])[0]
        if title:
            title = self.headline_subject(title)
        if publisher and (not title or self._nameless(title)):
            title = publisher  # "Annual results 2025", "About us": a page of its publisher's about the publisher
        aliases = tuple(a for a in aliases_in(context) if not title or fold(a) not in fold(title)) if context else ()
        values = find_values(text)
        # "14 of the 41 seats": the 41 is the whole the 14 are part of, not the subject's own figure
        values = [v for v in values if not (v.kind == "quantity" and any(
            o is not v and o.kind == "quantity" and o.start < v.start and v.end <= o.end
            and re.search(r"\bof( the)?\s*$", text[o.start:v.start]) for o in values))]
        if names:
            values += _name_values(doc, values)
        out = []
        for v in values:
            fr = _frame(doc, v, title, aliases, publisher=publisher)
            if fr is not None:
                out.append(fr)
            if fr is not None and fr.role == "holder":
                # a titled name that does an act to its object is its holder and the act's agent: "President Calvin
                # Coolidge signed the act" meets "signed by President X" as well as "President X signed …"
                agent = _frame(doc, v, title, aliases, act=True, publisher=publisher)
                if agent is not None and agent.role == "agent":
                    out.append(agent)
        out = _lifespan(text, out)
        counted = {f.predicates for f in out if f.value.kind == "quantity" and _core_amount(doc, f.value)}
        # a date beside a figure of the same predicate is the figure's period ("carried 4.1 million
        # passengers in 2025"), not the time of a one-off event
        return [replace(f, period=True) if f.value.kind == "date" and f.predicates in counted else f for f in out]

    def headline_subject(self, title: str) -> str:
        """What a document is about, from its title: a name ("Santa Justa Lift") is itself; a headline
        ("Vantrel selects Haldenhöfen for its second fab") is about its subject ("Vantrel")."""
        title = re.sub(r"\s*\([^()]*\)\s*$", "", title) or title  # "Perseverance (rover)": Perseverance
        placed = _PLACED.match(title)
        if placed and _name_like(placed.group(1)) and len(_WORD.findall(placed.group(1))) > 1:
            title = placed.group(1)  # "Ebbersley Community Centre, Wydon Vale": the centre, in Wydon Vale
        owner = _DOCUMENT_KIND.sub("", title)  # "Nordfjord Ferries annual report 2025": Nordfjord Ferries
        if re.search(r"[A-Z]", owner) and owner.strip().lower() not in _DOCUMENT_ADJECTIVES:
            title = owner  # (not "Annual results 2025": no owner there)
        title = _ABOUT_OF.sub("", title) or title  # "History of the statue": the statue
        name, colon, rest = title.partition(": ")
        if colon and not self._headline(rest):
            if name.strip():
                return name.strip()  # "Hoover Dam: facts and figures", "Metro Line 2: Nyhamn – Östra Berga"
        elif colon and _ABOUT_OF.match(rest) is None:
            title = rest  # "Bérignolles: first season at the villa comes to a close": the season
        doc = self.parse_many([title])[0]
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("VERB", "AUX") or root.tag_ in ("VBG", "VBN"):
            return title
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ == "PRON":
            return title
        return doc[subj.left_edge.i:subj.right_edge.i + 1].text

    def _nameless(self, title: str) -> bool:
        """A title that names nothing ("Annual results 2025", "About us", "Our factories")."""
        doc = self.parse_many([title])[0]
        return any(t.is_alpha and t.is_lower for t in doc) and not any(
            t.pos_ == "PROPN" or t.text[:1].isupper() and t.i > 0 for t in doc)  # ("Hubble" is a name)

    def _headline(self, text: str) -> bool:
        """A clause with a finite verb ("Falcons come from behind to claim the cup"), not a label."""
        doc = self.parse_many([text])[0]
        return any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG", "VBN") for t in doc)

    def compare(self, claim: str, passage: str, title: str | None = None) -> list[FrameCheck]:
        cdoc, pdoc = self.parse_many([claim, passage])
        return compare_frames(self.frames(claim, None, cdoc), self.frames(passage, title, pdoc))


#: a name and, after a comma, the place it is in: "Ebbersley Community Centre, Wydon Vale", "Calderby Baths, Station Road"
_PLACED = re.compile(r"^([^,:]+?),\s+((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,3})$")


#: the kind of document a title names after its subject ("… annual report 2025", "… results for 2025")
_DOCUMENT_ADJECTIVES = ("annual", "interim", "quarterly", "half-year", "full-year", "preliminary", "yearly")
_DOCUMENT_KIND = re.compile(rf"(?:'s|’s)?\s+(?:(?:{'|'.join(_DOCUMENT_ADJECTIVES)})\s+)?"
                            r"(?:report|results|accounts|review|statement)(?:\s+(?:for\s+)?(?:\d{4}(?:[–/-]\d{2,4})?))?\s*$",
                            re.I)
#: a title about one side of a thing: "History of the statue", "A timeline of the Berlin Wall"
_ABOUT_OF = re.compile(r"^(?:(?:a|the)\s+)?(?:history|timeline|chronology|overview|profile|facts|biography)\s+of\s+",
                       re.IGNORECASE)


_ALIAS = re.compile(r"\b(?:also known as|known as|called|nicknamed|abbreviated(?: as)?|or simply)\s+(?:the\s+)?"
                    r"[\"“]?((?:[A-ZÀ-Þ][\w\-']*)(?:\s+(?:of|de|da|del|the|[A-ZÀ-Þ][\w\-']*))*)"
                    r"|\(([A-ZÀ-Þ][A-Za-zÀ-ÿ]{1,11})\)")


def aliases_in(text: str) -> list[str]:
    """Other names a text gives its subject: "known as CECOT", "(UNESCO)".

    >>> aliases_in("The Terrorism Confinement Center, known as CECOT, is a prison.")
    ['CECOT']
    """
    out = []
    for m in _ALIAS.finditer(text):
        name = (m.group(1) or m.group(2) or "").strip()
        if name and name not in out:
            out.append(name)
    return out[:4]


def _span_tokens(doc, start: int, end: int) -> list:
    return [t for t in doc if t.idx < end and t.idx + len(t.text) > start]


def _anchor(tokens: list):
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


_NAME_JOINERS = frozenset({"de", "da", "do", "dos", "das", "del", "della", "di", "du", "i", "y", "van", "von", "der",
                           "den", "la", "le", "al", "bin", "ibn"})


#: nouns naming a role a person holds: a name beside one ("the spokesman Egon Krenz") can be the wrong holder
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson president minister chancellor king queen pope captain
    coach manager referee architect engineer director chairman chairwoman chair ceo founder mayor governor
    secretary leader commander general admiral pilot conductor composer author designer sculptor painter
    inventor winner champion goalkeeper striker premier ambassador judge prosecutor""".split())


def _role_of(tok):
    """The role noun a proper name stands beside: "the spokesman Egon Krenz" (apposition), "spokesman
    Günter Schabowski", "President Jacques Chirac" (compound)."""
    if tok.dep_ == "appos" and tok.head.lemma_.lower() in ROLE_NOUNS:
        return tok.head
    for c in tok.children:
        if c.dep_ == "compound" and c.lemma_.lower() in ROLE_NOUNS:
            return c
    return None


def _name_span(tok):
    """The proper name around a PROPN token ("Lluís Domènech i Montaner", "King Manuel I"), as a token
    range, read from the parse (the small model's NER misses many names outside English)."""
    doc = tok.doc
    start = end = tok.i
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or (doc[start - 1].lower_ in _NAME_JOINERS and start > 1
                                                          and doc[start - 2].pos_ == "PROPN")):
        start -= 1
    while end + 1 < len(doc) and (doc[end + 1].pos_ == "PROPN" or (doc[end + 1].lower_ in _NAME_JOINERS | {"for", "of"}
                                                                    and end + 2 < len(doc) and doc[end + 2].pos_ == "PROPN"
                                                                    and doc[end + 2].text[:1].isupper())):
        end += 1
    if end + 3 < len(doc) and doc[end + 1].text == "(" and doc[end + 3].text == ")" and doc[end + 2].text.isupper():
        end += 3  # "the European Organization for Nuclear Research (CERN)": its short form goes with it
    return doc[start:end + 1]


#: the class words of an institution's or a venue's name ("the University of Cambridge", "St Mary's Hospital")
INSTITUTIONS = frozenset("""university college hospital infirmary museum library school academy institute stadium
    arena cathedral church abbey palace theatre observatory laboratory""".split())


#: what says where an organisation has its seat ("headquartered in", "based in", "Its headquarters are in")
_SEAT_VERBS = frozenset({"headquarter", "headquartered", "base", "locate", "situate"})
_SEAT_NOUNS = frozenset({"headquarters", "seat", "head office", "base"})


def _seat_of(tok) -> bool:
    """``tok`` names the place where its clause's subject is based: compared with the claim's place."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at") or tok.head.dep_ != "prep":
        return False
    verb = tok.head.head
    if verb.lemma_.lower() in _SEAT_VERBS or verb.lower_ in _SEAT_VERBS:
        return True
    if verb.pos_ == "NOUN" and (verb.lower_ in _SEAT_NOUNS or verb.lower_ == "office" and any(
            c.lower_ == "head" for c in verb.children)):
        return True  # "has its headquarters in Trennwald", "with its head office in Varnholm"
    return verb.lemma_ == "be" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _SEAT_NOUNS for c in verb.children)


def _birthplace(tok) -> bool:
    """``tok`` names where its clause's person was born ("was born in Guangzhou", "Born in Larvik, he …")."""
    return (tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.dep_ == "prep"
            and tok.head.head.lower_ == "born" and tok.ent_type_ not in ("DATE", "TIME"))


def _institution(tok):
    """The class word of an institution named where something happened ("at the University of Cambridge",
    "in St Mary's Hospital"): such a name is compared only with another of the same class."""
    if tok.pos_ != "PROPN" or tok.dep_ != "pobj" or tok.head.lower_ not in ("at", "in"):
        return None
    span = _name_span(tok)
    words = {w.lower_ for w in span if w.pos_ == "PROPN"}
    found = words & INSTITUTIONS
    return next(iter(found)) if found and len(span) > 1 else None


def _name_values(doc, taken: list[Value]) -> list[Value]:
    """Proper names that are the agent of a predicate ("designed by Gustave Eiffel", "won by Benfica",
    "Gaudí designed the Palau"): the argument a claim most often gets wrong about its subject. (Objects
    are not compared: "Benfica beat Porto" does not contradict "Benfica beat Sporting".)"""
    out: list[Value] = []
    busy = [(v.start, v.end) for v in taken]
    heads = []

    def named(tok) -> list:
        if tok.pos_ == "PROPN":
            return [tok]
        # "by the architect Lluís Domènech i Montaner"
        return [c for c in tok.children if c.pos_ == "PROPN" and c.dep_ in {"appos", "compound", "flat"}]

    for tok in doc:
        if tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ in ("by", "aboard")):
            for t in [tok, *tok.conjuncts]:  # "by Queen Elizabeth II and the French president François Mitterrand"
                heads += named(t)
        elif (tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and tok.head.pos_ == "VERB"
              and tok.head.lemma_.lower() in AGENTIVE and any(c.dep_ == "dobj" for c in tok.head.children)):
            heads.append(tok)
        elif tok.pos_ == "PROPN" and _role_of(tok) is not None:  # "the spokesman Egon Krenz announced …"
            heads.append(tok)
        elif tok.pos_ == "PROPN" and _who_did(tok) is not None:  # "Dr X, who leads the board's dental service"
            heads.append(tok)
        elif _institution(tok) is not None:  # "a team at the University of Cambridge"
            heads.append(tok)
        elif _seat_of(tok) or _birthplace(tok):  # "headquartered in Espoo", "was born in Guangzhou"
            heads.append(tok)
    for head in heads:
        span = _name_span(head)
        if _seat_of(head):  # the place with the larger ones it names after a comma ("Keilaniemi, Espoo")
            span = doc[head.left_edge.i:head.right_edge.i + 1]
        s, e = span.start_char, span.end_char
        if any(a < e and s < b for a, b in busy) or any(v.start == s for v in out):
            continue
        out.append(Value("name", doc.text[s:e].rstrip("."), s, e))
    return out


def _who_did(tok):
    """The act a name's relative clause says it did to something ("Dr X, who leads the board's dental service",
    "Y, who designed the bridge"): the clause's verb, or None. Not for a name that is itself the agent of its
    clause ("chosen by the architect Irving Morrow, who also designed …": the choosing is what it tells)."""
    top = tok
    while top.dep_ in ("appos", "compound", "flat") and top.head.i != top.i:
        top = top.head  # "by the consulting architect Irving Morrow": the phrase after "by"
    if top.dep_ == "pobj" and (top.head.dep_ == "agent" or top.head.lower_ == "by"):
        return None
    for c in tok.children:
        if (c.dep_ == "relcl" and c.lemma_.lower() in AGENTIVE
                and any(g.dep_ == "nsubj" and g.lower_ == "who" for g in c.children)
                and any(g.dep_ == "dobj" for g in c.children)):
            return c
    return None


def _verb_read_as_noun(tok) -> bool:
    """A plural noun the small parser tagged a verb ("carry up to 160 freight trains a day": "trains" the
    object of "carry"): a verb in an object's place, with a number or a noun compound of its own."""
    return (tok.pos_ == "VERB" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") and tok.tag_ in ("VBZ", "NNS")
            and any(c.dep_ in ("nummod", "compound") for c in tok.children))


def _counted(tok) -> bool:
    """A noun with its own number ("14 stations", "11.4 km")."""
    return tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" and c.like_num for c in tok.children)


def _predicate(tok):
    """Climb from a value's anchor to the predicate that governs it; collect the nouns passed."""
    nouns: list = []
    role = "other"
    cur = tok
    seen = 0
    other_figure = False
    while seen < 8:
        seen += 1
        if cur.dep_ == "agent" or (cur.dep_ == "pobj" and (cur.head.dep_ == "agent" or cur.head.lower_ == "aboard")):
            role = "agent"  # "carried by the Space Shuttle Discovery", "carried aboard the Space Shuttle Columbia"
        head = cur.head
        if cur.dep_ in {"pobj"} and head.lower_ in {"in", "on", "since", "until", "by", "during", "from"} and role == "other":
            role = "time"
        if cur.pos_ in _PRED_POS and cur is not tok and not _verb_read_as_noun(cur):
            return cur, nouns, role
        if cur.pos_ == "ADJ" and cur.dep_ in {"acomp", "amod", "ROOT", "conj"} and cur is not tok:
            return cur, nouns, role
        if cur.pos_ in {"NOUN", "PROPN"} and cur is not tok and not other_figure:
            nouns.append(cur)
        if head.i == cur.i:
            return cur, nouns, role
        if cur.dep_ == "conj" and _counted(cur) and _counted(head):
            other_figure = True  # "a length of 11.4 km and 14 stations": the nouns above are the length's
        cur = head
    return cur, nouns, role


def _described(nouns: list):
    """The common noun of an appositive that describes a name, on the way from a value up to its predicate
    ("Brûlemont, a village 40 km north of Vallanche": the village, which is Brûlemont)."""
    for n in nouns:
        if n.dep_ == "appos" and n.pos_ == "NOUN" and n.head.pos_ == "PROPN" and n.i > n.head.i:
            return n
    return None


def _subject_of(pred):
    """The subject token the predicate is about (through acl/relcl/conj/advcl/xcomp)."""
    for _ in range(5):
        for child in pred.children:
            if child.dep_ in _SUBJ:
                if child.dep_ == "expl":
                    break
                return child, pred
        if pred.dep_ in {"acl", "relcl", "amod"} and pred.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return pred.head, pred
        if pred.dep_ in {"conj", "advcl", "xcomp", "ccomp", "acomp"} and pred.head.i != pred.i:
            pred = pred.head
            continue
        break
    return None, pred


def _compound_chain(c, tok) -> bool:
    """``c`` is a name word deep in a chain of compounds on ``tok`` ("Green" in "Green Line tram extension")."""
    w = c
    while w.i != tok.i:
        if w.dep_ not in ("compound", "flat") or w.head.i == w.i:
            return False
        w = w.head
    return True


def _appos_name(tok, end: int | None = None):
    """The name a common noun is given right after it ("the Cunard liner Carpathia", "Her first lamb, Bonnie,")."""
    if tok.pos_ not in ("NOUN", "ADJ"):
        return None
    end = tok.i + 1 if end is None else end
    named = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN" and (
        c.left_edge.i == end or c.left_edge.i == end + 1 and tok.doc[end].text == ",")), None)
    if named is None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i != tok.i:
        # "Thor Heyerdahl's balsa raft the Kon-Tiki left Callao": the name the parser made a second subject
        named = next((c for c in tok.head.children if c.i > tok.i and c.dep_ == tok.dep_ and c.pos_ == "PROPN"
                      and c.left_edge.i == end), None)
    return named


def _np_words(tok) -> tuple[str, frozenset[str]]:
    """A subject noun phrase's text and words: compounds, flat names, adjectives; through an attribute
    noun to its owner ("The population of Lisbon" → Lisbon)."""
    if tok.lemma_.lower() in ATTRIBUTE_NOUNS:
        for child in tok.children:
            if child.dep_ == "poss":
                return _np_words(child)
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return _np_words(objs[0])
    parts = [c for c in tok.subtree if c.i <= tok.i and c.dep_ in {"compound", "flat", "amod", "nmod", "poss", "det", "nummod"}
             and (c.head.i in {tok.i} | {x.i for x in tok.children} or _compound_chain(c, tok))]
    end = tok.i + 1
    if tok.pos_ == "PROPN" and end < len(tok.doc) and tok.doc[end].pos_ == "NUM" and tok.doc[end].head.i == tok.i:
        parts.append(tok.doc[end])  # "the Nokia 3310", "Apollo 11": the number is part of the name
        end += 1
    named = _appos_name(tok, end)
    if named is not None:
        # "the Cunard liner Carpathia", "Its rival Solvex", "Her first lamb, Bonnie,": the name
        parts += [w for w in named.subtree]
        end = named.right_edge.i + 1
    parts = sorted(parts + [tok], key=lambda t: t.i)
    start = parts[0].i
    phrase = tok.doc[start:end].text
    # descriptive adjectives ("the new stadium") do not identify a subject; names and compounds do
    naming = [t for t in parts if t.pos_ in {"PROPN", "NOUN", "NUM"} or t.dep_ in {"compound", "flat"} or t.text[:1].isupper()
              or t.lower_ in _ORDINALS]  # "the second metro line" is not "Metro Line 1" (``same_thing``)
    owner = _named_of(tok)  # "the central bank of Norland", "the University of Coimbra"
    if owner is not None:
        naming += [t for t in owner.subtree if t.pos_ == "PROPN" or t.dep_ in {"compound", "flat"}]
        phrase = tok.doc[start:max(t.i for t in owner.subtree) + 1].text
    ends = _joined_places(tok)
    if ends:  # "the new high-speed line between Karsholm and Merisund" is the Karsholm–Merisund line
        naming += ends
        phrase = tok.doc[start:max(t.i for t in ends) + 1].text
    return phrase, words_of(" ".join(t.text for t in naming))


def _joined_places(tok) -> list:
    """The two named places a line, road or route runs between ("between Karsholm and Merisund", "from
    Karsholm to Tallby"), when its phrase names them."""
    preps = {c.lower_: c for c in tok.children if c.dep_ == "prep"}
    objs = lambda p: [g for g in p.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]  # noqa: E731
    if "between" in preps:
        first = objs(preps["between"])
        if first:
            second = [x for x in first[0].children if x.dep_ == "conj" and x.pos_ == "PROPN"]
            if second:
                return [first[0], second[0]]
    if "from" in preps and "to" in preps and objs(preps["from"]) and objs(preps["to"]):
        return [objs(preps["from"])[0], objs(preps["to"])[0]]
    return []


def _named_of(tok):
    """The proper name in an "of" phrase that names a common noun: "the central bank of Norland"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objs:
                return objs[0]
    return None


def _owner(nouns, skip: set[int]):
    """The owner of an attribute noun: "Lisbon's population", "the population of Lisbon", "a budget of
    310 million euros for the stadium" (the value's own words are skipped)."""
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "on"}:
                objs = [c for c in child.children if c.dep_ == "pobj" and not c.like_num and c.i not in skip
                        and not any(g.dep_ == "nummod" and g.like_num for g in c.children)]  # not "of 11.4 km"
                if objs:
                    return objs[0]
            if child.dep_ == "prep" and child.lower_ == "in" and noun.lemma_.lower() in ATTRIBUTE_NOUNS:
                # "Turnout in Søndervik", "the population in Porto": the place's attribute
                places = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip
                          and c.ent_type_ not in ("DATE", "TIME") and (c.pos_ == "PROPN" or any(
                              g.dep_ in ("poss", "compound") and g.pos_ == "PROPN" and g.ent_type_ not in ("DATE", "TIME")
                              for g in c.children))]
                # (or a named vote: "Turnout in Montevara's mayoral election")
                if places:
                    return places[0]
    for noun in nouns[:1]:  # "In neighbouring Åsbru, turnout was 71 per cent": the place set before the clause
        verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
        for child in (verb.children if verb is not None else ()):
            if child.dep_ == "prep" and child.lower_ == "in" and child.i < noun.i:
                place = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN" and c.ent_type_ not in ("DATE", "TIME")]
                if place:
                    return place[0]
    return None


def _is_reference(tok) -> bool:
    """A pronoun or a bare description ("the lift", "the structure"): resolved through the title."""
    if tok.pos_ == "PRON":
        return True
    if tok.pos_ == "PROPN" and not (tok.lower_ in _OWN_BODIES and not any(c.dep_ == "compound" for c in tok.children)):
        return False  # (but "The Board declared an interim dividend" is the document's company's board)
    kids = list(tok.children)
    if any(k.pos_ == "PROPN" for k in kids) or _named_of(tok) is not None:
        return False
    return any(k.dep_ in {"det", "poss"} and k.lower_ in {"the", "this", "that", "its", "these", "those"} for k in kids)


#: a company's own bodies, capitalised as if names: "The Board", "the Group", "the Company"
_OWN_BODIES = frozenset({"board", "group", "company"})
#: what a publisher calls itself after "our": "Our cooperative was founded …" is the publisher's founding
_OWN_BODY_NOUNS = frozenset({"cooperative", "co-operative", "service", "organisation", "organization", "society",
                             "charity", "trust", "association", "club", "orchestra", "union", "institute"})


def _first_person(tok) -> bool:
    """"We" / "us", or a noun owned by "our", outside quotation marks: the publisher speaking of itself (in
    quotes, "we" is the speaker's, whoever publishes the words)."""
    if not (tok.lower_ in ("we", "us") or any(c.dep_ == "poss" and c.lower_ == "our" for c in tok.children)):
        return False
    before = tok.doc.text[:tok.idx]
    return before.count('"') % 2 == 0 and before.count("\u201c") <= before.count("\u201d")


#: nouns for a business: "The company" in a passage is the document's subject, whatever its name
_BUSINESS_NOUNS = frozenset({"company", "firm", "group", "business", "operator", "carrier", "airline",
                             "manufacturer", "maker", "chipmaker", "carmaker", "retailer", "startup"})


#: things whose measure in metres or feet is a height ("a 324-metre tower"), not a length
_TALL_THINGS = frozenset({"tower", "building", "skyscraper", "mast", "spire", "statue", "mountain", "peak",
                          "volcano", "chimney", "pylon", "dam", "wall", "waterfall", "cliff"})


def _hyphened_measure(value: Value, anchor) -> str | None:
    """The attribute a figure joined to its unit by a hyphen gives the noun it modifies: "a 34.6-kilometre
    railway tunnel" (long), "a 324-metre tower" (tall), "a 3.1-billion-euro plant" (cost)."""
    if value.kind != "quantity" or anchor is None:
        return None
    if anchor.dep_ not in ("compound", "amod", "nmod", "nummod") or anchor.head.pos_ not in ("NOUN", "PROPN"):
        return None
    family = unit_family(value.quantity)  # type: ignore[arg-type]
    if "-" not in value.text:
        # "the £3.4 million project", "a £6.4 million refurbishment": what the work costs (not "a £2.6 million
        # grant", "a £1.9 billion approach": sums of another kind)
        return "cost" if family == "money" and anchor.head.lemma_.lower() not in _SUMS_NOT_COSTS else None
    if family == "money":
        return "cost"
    if value.quantity.unit in ("m", "mile", "ft"):  # type: ignore[union-attr]
        return "tall" if anchor.head.lemma_.lower() in _TALL_THINGS else "long"
    return None


#: the nouns a sum before them names, other than what a thing costs ("a £2.6 million grant", "a £1.9 billion bid")
_SUMS_NOT_COSTS = frozenset("""grant subsidy loan fund funding budget deal contract order investment bid offer fine
    payment donation gift prize award pay salary bonus takeover acquisition approach dividend profit loss revenue
    sale sales turnover package settlement bill tax levy aid support injection bailout debt deficit surplus
    fee price valuation value compensation pension allowance saving savings cut cuts spending income""".split())

#: what a length measures
_DIMENSIONS = frozenset({"long", "length", "tall", "height", "high", "deep", "depth", "wide", "width", "across",
                         "altitude", "elevation", "distance", "span", "diameter", "circumference"})
#: verbs of change whose "to" gives the new level and "from" the old one
_CHANGE_VERBS = frozenset({"fall", "rise", "drop", "decline", "grow", "increase", "decrease", "climb", "jump", "slump",
                           "shrink", "sink", "soar", "plunge", "surge", "slip", "ease", "recover", "dip", "edge",
                           "improve", "worsen", "deteriorate", "widen", "narrow", "rebound", "tumble", "slide",
                           "swell", "double", "halve", "triple", "increase", "reduce", "cut", "raise", "lift", "lower"})
#: verbs of saying: a date beside them is when something was said, not when the fact was true
#: (not "announced": an announcement may be the event itself, "announced the discovery in July 2012")
_SAYING = frozenset({"say", "tell", "add"})


def _figure_top(tok, also: tuple[str, ...] = ()):
    """The word a figure's phrase hangs on from outside: "4.1 million passengers" → passengers."""
    while tok.dep_ in ("nummod", "compound", "quantmod", *also) and tok.head.i != tok.i:
        tok = tok.head
    return tok


#: the words a lead is told by: "247 votes ahead of", "a majority of 287", "a 612-vote margin"
_MARGIN_AFTER = frozenset({"ahead", "behind", "clear"})
_MARGIN_NOUNS = frozenset({"majority", "margin", "lead"})
_MARGIN_VERBS = frozenset({"win", "lead", "beat", "defeat", "hold", "retain", "carry"})


def _margin(doc, toks: list, anchor) -> bool:
    """The figure is a lead over another ("finished 247 votes ahead of Kazimierz Dąbek", "a majority of 287
    over …", "a 612-vote majority"), which no count of votes, goals or points is."""
    after = toks[-1].i + 1 if toks else anchor.i + 1
    nxt = doc[after].lower_ if after < len(doc) else ""
    if nxt in _MARGIN_AFTER or nxt in ("more", "fewer") and after + 1 < len(doc) and doc[after + 1].lower_ == "than":
        return True  # ("247 more than Kazimierz Dąbek")
    top = _figure_top(anchor)
    if top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lemma_.lower() in _MARGIN_NOUNS:
        return True
    if (top.dep_ == "pobj" and top.head.lower_ == "by" and top.head.head.lemma_.lower() in _MARGIN_VERBS
            and nxt != "to"):
        return True  # "held Saltergate by 612 votes" (not "passed by 41 votes to 27": a tally)
    return top.dep_ in ("amod", "compound") and top.head.lemma_.lower() in _MARGIN_NOUNS


def _core_amount(doc, value: Value) -> bool:
    """The figure is what its predicate measures ("carried 4.1 million passengers", "revenue was £318
    million"), not a participant ("founded by eight states")."""
    tok = _anchor(_span_tokens(doc, value.start, value.end))
    return tok is not None and _figure_top(tok).dep_ in ("dobj", "attr", "nsubj", "nsubjpass", "oprd")


def _change_phrase(anchor) -> str | None:
    """"to" or "from" when the value is the new or old level of a change ("fell to X from Y")."""
    tok = _figure_top(anchor, ("nmod",))
    if tok.dep_ == "pobj" and tok.head.lower_ in ("to", "from") and tok.head.head.lemma_.lower() in _CHANGE_VERBS:
        return tok.head.lower_
    for up in list(anchor.ancestors)[:4]:  # "…, up from 3.8 million in 2024": the earlier figure and its year
        if up.lower_ == "from" and up.dep_ == "prep" and (up.head.lower_ in ("up", "down") or up.head.lemma_.lower() in _CHANGE_VERBS):
            return "from"
    return None


def _moved_by(anchor, pred) -> set[str]:
    """A figure under "up" or "down" is how far the clause's attribute moved: "reported revenue of £318 million,
    up about 6 per cent on the previous year" says the revenue rose about 6 per cent ("up to 500" is no move)."""
    doc = anchor.doc
    for up in list(anchor.ancestors)[:3]:
        if up.lower_ in ("up", "down") and up.dep_ == "advmod" and up.head.i == pred.i and not any(
                i < len(doc) and doc[i].lower_ == "to" for i in (anchor.i + 1, up.i + 1)):
            owned = {c.lemma_.lower() for c in pred.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")
                     and c.lemma_.lower() in _ATTRIBUTE_WORDS}
            return {"rise" if up.lower_ == "up" else "fall", *owned}
    return set()


#: the words that name an attribute or an event of its own (``ATTRIBUTE_NOUNS`` and every ``SYNONYMS`` word)
_ATTRIBUTE_WORDS = ATTRIBUTE_NOUNS | frozenset().union(*SYNONYMS)


def _from_prep(anchor):
    """The "from" of "fell to X from Y" / "up from Y" that holds the figure ``anchor``."""
    tok = _figure_top(anchor, ("nmod",))
    if tok.dep_ == "pobj" and tok.head.lower_ == "from":
        return tok.head
    return next((up for up in list(anchor.ancestors)[:4] if up.lower_ == "from" and up.dep_ == "prep"), None)


def _in_noun_clause(tok, pred, anchor) -> bool:
    """``tok`` sits in a clause on another noun below ``pred`` ("cost 1.38 billion euros, well over the budget
    approved in 2018", "the bridge, opened in 1932, cost …"): that clause's time, not the time of the figure
    (a clause on the figure's own noun dates it: "a budget of 1.25 billion euros approved in 2018")."""
    path = {anchor.i, *(a.i for a in anchor.ancestors)}
    while tok.i != pred.i and tok.head.i != tok.i:
        if tok.dep_ in ("acl", "relcl") and tok.pos_ in ("VERB", "AUX") and tok.head.i not in path:
            return True
        tok = tok.head
    return False


def _years_told(prep) -> frozenset[int]:
    """The years a phrase names for its figure ("from nearly 60 per cent at the previous election in 2021")."""
    if prep is None:
        return frozenset()
    scope = prep.head if prep.head.lower_ in ("up", "down") else prep  # "down from X at the election in 2021"
    return frozenset(_year_of(t) for t in scope.subtree if _year_token(t))


def _year_token(tok) -> bool:
    """A year the recogniser reads as (part of) a date ("in 2021", "23 May 2021"), or a financial or
    season year ("for 2025–26", "2024/25")."""
    return (re.fullmatch(YEAR_DIGITS, tok.text) is not None and tok.ent_type_ == "DATE"
            or _SPLIT_YEAR.fullmatch(tok.text) is not None)


#: the digits of a year a text may name (1500–2099)
YEAR_DIGITS = r"1[5-9]\d\d|20\d\d"
#: a financial or season year, one token: "2025–26", "2024/25", "2019-2020"
_SPLIT_YEAR = re.compile(rf"(?:{YEAR_DIGITS})[–/-](?:\d\d|\d{{4}})")


def _year_of(tok) -> int:
    """The year of a ``_year_token``: a split year is known by its first ("2026–27" is not "2025–26")."""
    return int(tok.text[:4])


#: what a change is called, that a base year hangs on ("an increase of 6.2 per cent on 2024", "up on 2024")
_CHANGE_WORDS = frozenset("""increase rise fall decrease decline drop growth gain jump climb up down more less higher
    lower fewer""".split())


def _in_earlier_phrase(tok) -> bool:
    """``tok`` belongs to the earlier level of a change ("…, down from 59 per cent in 2021")."""
    if _change_phrase(tok) == "from":
        return True
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is not None and (
            prep.lower_ in ("on", "over", "against") and prep.head.lemma_.lower() in _CHANGE_WORDS
            or prep.lower_ in ("with", "to") and prep.head.lemma_.lower() == "compare" or prep.lower_ == "than"):
        return True  # "an increase of 6.2 per cent on 2024", "compared with 2024": the year compared against
    return any(up.lower_ in ("up", "down") and any(c.lower_ == "from" and c.dep_ == "prep" for c in up.children)
               for up in list(tok.ancestors)[:6])


#: nouns a distance names a race with ("100 metres freestyle", "the 400 m hurdles", "the 10,000 metres final")
_RACE_NOUNS = frozenset("""freestyle backstroke breaststroke butterfly medley hurdles relay steeplechase sprint dash
    final finals heat heats semi-final semifinal individual race walk""".split())


def _names_an_event(doc, toks: list) -> bool:
    if not toks:
        return False
    after = toks[-1].i + 1
    before = toks[0].i - 1
    if after < len(doc) and doc[after].lower_ in _RACE_NOUNS:
        return True
    return before >= 1 and doc[before].tag_ == "POS" and doc[before - 1].lower_ in {"men", "women", "boys", "girls"}


def _in_force(pred) -> bool:
    """"took effect", "enter into force", "come into operation": the verb says a rule began to apply."""
    if pred.lemma_.lower() not in ("take", "enter", "come", "go", "bring", "put"):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "effect" for c in pred.children) or any(
        c.dep_ == "prep" and c.lower_ == "into" and any(g.lemma_.lower() in ("force", "effect", "operation")
                                                        for g in c.children) for c in pred.children)


#: verbs with a particle that mean one verb of ``SYNONYMS``
_PHRASAL = {("go", "down"): "sink", ("lift", "off"): "launch", ("blast", "off"): "launch", ("take", "off"): "depart",
            ("set", "off"): "depart", ("set", "up"): "found", ("break", "out"): "begin", ("pass", "away"): "die",
            ("open", "up"): "open", ("shut", "down"): "close", ("close", "down"): "close", ("step", "down"): "resign",
            ("take", "over"): "appoint", ("knock", "down"): "flatten"}


def _reporter(doc) -> str | None:
    """The named organisation a sentence reports for ("…, Nordfjord Ferries said in its annual report"): the
    owner of the figures it gives without one."""
    for tok in doc:
        if tok.lemma_.lower() in _SAYING and (tok.dep_ in ("ROOT", "parataxis", "ccomp")
                                              or tok.i > 0 and doc[tok.i - 1].text == ","):
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ == "PROPN" and subj.ent_type_ in ("ORG", ""):
                return doc[subj.left_edge.i:subj.right_edge.i + 1].text
    return None


def _frame(doc, value: Value, title: str | None, aliases: tuple[str, ...] = (), *, act: bool = False,
           publisher: str | None = None) -> Frame | None:
    toks = _span_tokens(doc, value.start, value.end)
    anchor = _anchor(toks)
    if anchor is None:
        return None
    if value.kind == "quantity" and _names_an_event(doc, toks):
        return None  # "the men's 100 metres freestyle": the race's name, not a distance anything covers
    pred, nouns, role = _predicate(anchor)
    who = _who_did(anchor) if value.kind == "name" else None
    if who is not None:
        pred, nouns, role = who, [], "other"  # "X, who leads the service, said …": the leading
    preds = {pred.lemma_.lower()}
    particle = next((c.lower_ for c in pred.children if c.dep_ == "prt"), None)
    if (pred.lemma_.lower(), particle) in _PHRASAL:  # "went down within 18 minutes": sank
        preds.add(_PHRASAL[(pred.lemma_.lower(), particle)])
    if pred.lemma_.lower() in ("get", "be") and any(c.dep_ == "prep" and c.lower_ == "under" and any(
            g.lower_ == "way" for g in c.children) for c in pred.children):
        preds.add("begin")  # "Construction got under way on 3 February": began
    verbless = title is not None and _name_like(title) and not any(t.pos_ in ("VERB", "AUX") for t in doc)
    change = _change_phrase(anchor) if value.kind in ("quantity", "date") else None
    if change == "to" and value.kind == "date":
        change = None
    earlier: frozenset[int] = frozenset()
    if change == "from":
        earlier = _years_told(_from_prep(anchor))
        if not earlier:
            return None  # "fell to £13.9 million from £14.3 million": the earlier level, of a time not told
        # "…, down from nearly 60 per cent at the previous election in 2021": that year's level
    if value.kind == "date" and pred.lemma_.lower() in _SAYING and not any(
            c.dep_ in ("auxpass", "nsubjpass") for c in pred.children):  # ("was added in 1372" is no saying)
        return None  # "…, Corran Airways said on Tuesday": when it was said, which no source contradicts
    if change in ("to", "from"):
        preds = {"be"}  # "fell to £13.9 million" states the level: "was £13.9 million"
        # … of the attribute that changed: "increased its revenue by 9.4% to EUR 301.7 million" (revenue's level)
        if value.kind == "quantity":
            preds |= {c.lemma_.lower() for c in pred.children if c.dep_ == "dobj" and c.lemma_.lower() in ATTRIBUTE_NOUNS}
    if pred.pos_ == "AUX" or pred.lemma_ == "be":
        for c in pred.children:
            if c.dep_ in {"acomp", "attr", "advmod"} and c.i not in {t.i for t in toks} and (
                    c.pos_ in {"ADJ", "NOUN"} and c.dep_ != "advmod" or c.lemma_.lower() in _DIMENSIONS):  # "was far longer"
                preds.add(c.lemma_.lower())
    for n in nouns:
        lemma = n.lemma_.lower()
        if lemma in ATTRIBUTE_NOUNS or any(lemma in g for g in SYNONYMS):
            preds.add(lemma)
    if value.kind == "date":  # "adopted a resolution proclaiming 30 June Asteroid Day": when it was proclaimed
        preds |= {g.lemma_.lower() for c in pred.children if c.dep_ == "dobj" for g in c.children
                  if g.dep_ == "acl" and g.pos_ == "VERB" and g.tag_ == "VBG"}
    if value.kind == "quantity" and change is None:
        preds |= _moved_by(anchor, pred)  # "reported revenue of £318 million, up about 6 per cent": revenue rose
    if _in_force(pred):
        preds.add("effect")  # "takes effect", "enters into force": when a rule starts to apply
    if value.kind == "date" and _took_up_post(pred, anchor):
        preds.add("appoint")  # "took charge in 2022", "in charge since 2019", "has run the company since 2020"
    up = pred
    while up.dep_ in {"xcomp"} and up.head.i != up.i and up.head.pos_ == "VERB":  # "began building"
        up = up.head
        preds.add(up.lemma_.lower())
    if value.kind == "quantity" and value.quantity is not None and unit_family(value.quantity) in ("length", None, "count:?"):
        # "300 metres below the surface", "221 metres high": the dimension (not "24.6 µg/m³ across the network")
        after = toks[-1].i + 1 if toks else anchor.i + 1
        if after < len(doc) and doc[after].text == "(":  # "2.4 metres (7 ft 10 in) in diameter": past the conversion
            close = next((t.i for t in doc[after:after + 8] if t.text == ")"), None)
            after = close + 1 if close is not None else after
        nxt = doc[after].lower_ if after < len(doc) else ""
        if nxt == "in" and after + 1 < len(doc) and doc[after + 1].lower_ in _DIMENSION_NOUNS:
            nxt = _DIMENSION_NOUNS[doc[after + 1].lower_]  # "2.4 metres in diameter", "57 kilometres in length"
        preds |= {"deep"} if nxt in {"below", "beneath", "under", "underground", "deep", "down"} else \
            {"tall"} if nxt in {"above", "high", "tall"} else {"long"} if nxt == "long" else \
            {"wide"} if nxt in {"wide", "across"} else set()
    if value.kind == "quantity" and value.quantity is not None and unit_family(value.quantity) == "speed":
        preds.add("speed")  # "run at up to 100 miles an hour" is a speed, as "a maximum speed of 160 km/h" is
    if (value.kind == "quantity" and value.quantity is not None and unit_family(value.quantity) == "length"
            and not preds & _DIMENSIONS):
        top = _figure_top(anchor)
        of_noun = top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ in ("NOUN", "PROPN")
        if (of_noun and top.head.head.lemma_.lower() not in ATTRIBUTE_NOUNS) or (
                top.dep_ in ("amod", "compound") and top.head.pos_ in ("NOUN", "PROPN")):
            preds.add("long")  # "a tunnel of 4,050 metres", "the 27-kilometre ring": its length
    if value.kind == "quantity":  # "with about 126 million units sold": what was done to the counted things
        counted = [t for t in toks if t.pos_ == "NOUN"] + [n for n in nouns[:1] if n.pos_ == "NOUN"]
        for n in counted[:1]:
            preds |= {c.lemma_.lower() for c in n.children if c.dep_ == "acl" and c.pos_ == "VERB" and c.i > n.i
                      and c.tag_ == "VBN"}
    for c in pred.children:  # "killing as many as 90,000 people", "has 545,000 residents": the counted noun
        if c.dep_ in {"dobj", "attr"} and c.pos_ == "NOUN" and c.lemma_.lower() in {"resident", "inhabitant", "people"}:
            preds.add(c.lemma_.lower())
    subj_tok, _ = _subject_of(pred)
    described = _described(nouns) if value.kind in ("quantity", "date") else None
    if described is not None:  # "above Brûlemont, a village 40 km north of Vallanche": what the village is
        subj_tok, preds = described.head, {"be", described.lemma_.lower()}
    measure = _hyphened_measure(value, anchor)
    if measure is not None:
        subj_tok = anchor.head  # "built the 300-metre tower": the tower's height, not the builder's
    as_subject = False
    beside: set[int] = set()  # a listed name with its own figure, not a participant of this one
    if (subj_tok is not None and value.kind == "quantity" and subj_tok.i < anchor.i
            and any(c.dep_ == "nummod" and c.i > subj_tok.i for c in subj_tok.children)):
        # "…, the Social Democrats 9 and the local list Åsbru Together won 4": the Social Democrats have their
        # figure beside them; the one after the verb is the last listed name's
        listed = [c for c in subj_tok.children if c.dep_ == "conj"]
        if listed:
            beside, subj_tok = {subj_tok.i}, listed[-1]
    gapped = [c for c in pred.children if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN") and c.i < anchor.i
              and (subj_tok is None or c.i > subj_tok.i)]
    not_mine: set[int] = set(beside)
    if not gapped and subj_tok is not None and value.kind == "quantity":
        gapped = _gapped_segment(doc, toks, subj_tok)
    if gapped:  # "Gay finished second in 9.71 seconds, and Asafa Powell third in 9.84 seconds": Powell's time
        not_mine = ({subj_tok.i} if subj_tok is not None else set()) | beside
        subj_tok = gapped[-1]
    if (subj_tok is not None and subj_tok.dep_ == "pobj" and subj_tok.head.lower_ == "of"
            and subj_tok.head.head.dep_ == "attr" and subj_tok.head.head.head.lemma_ == "be"):
        subj_tok = subj_tok.head.head  # "X is a group of galaxies discovered by …": X, through the group
    if subj_tok is not None and subj_tok.dep_ == "attr" and subj_tok.head.lemma_ == "be":
        # "The Palau is a concert hall designed by …": the hall is the copula's subject
        subj_tok = next((c for c in subj_tok.head.children if c.dep_ in _SUBJ), subj_tok)
    if subj_tok is not None and subj_tok.lemma_.lower() in ATTRIBUTE_NOUNS:
        # "Work on the Sagrada Família began …": the attribute's owner is what the clause is about
        owner = _owner([subj_tok], {t.i for t in toks})
        if owner is not None:
            preds.add(subj_tok.lemma_.lower())
            subj_tok = owner
    if any(n.lemma_.lower() in ATTRIBUTE_NOUNS for n in nouns):
        # "a budget of 310 million euros for the stadium": the attribute's owner is the subject
        value_ids = {t.i for t in toks}
        owner = _owner([t for t in toks if t.pos_ in {"NOUN", "PROPN"}] + nouns, value_ids)
        if owner is not None:
            subj_tok = owner
    if subj_tok is not None:
        if subj_tok.lemma_.lower() in ATTRIBUTE_NOUNS:
            preds.add(subj_tok.lemma_.lower())
        if subj_tok.i in {t.i for t in toks}:  # the value is the subject ("Benfica won"): about the object
            role = "agent"
            as_subject = True
            objs = [c for c in pred.children if c.dep_ in {"dobj", "attr"}]
            subj_tok = objs[0] if objs else None
            if value.kind == "quantity" and subj_tok is not None and subj_tok.pos_ == "NOUN" and not any(
                    c.dep_ in ("det", "poss", "compound", "amod") for c in subj_tok.children):
                subj_tok = None  # "3.1 per cent stopped treatment": a bare noun says whose figure it is not
    if who is not None:  # "X, who leads the board's dental service": X the agent, the service the subject
        role, as_subject = "agent", True
        subj_tok = next(c for c in who.children if c.dep_ == "dobj")
    role_tok = None
    if value.kind == "name" and _institution(_anchor(toks)) is not None:
        role = "place"
        holder = _anchor(toks).head.head  # the word "at the University of X" hangs on
        if holder.pos_ in ("NOUN", "PROPN"):
            preds = {"at"}  # "a team at the University of Cambridge": where the team was, whatever it did
    if measure is not None:
        preds = {measure}  # "a 34.6-kilometre tunnel": how long the tunnel is, whatever the clause's verb
    if value.kind == "quantity" and _margin(doc, toks, anchor):
        preds = {"margin"}  # "finished 247 votes ahead of X", "a majority of 287": by how much, not how many
    if value.kind == "name" and _seat_of(_anchor(toks)):
        preds = {"headquarters"}  # "with its head office in Varnholm" under "is a maker of …": where it is based
    if value.kind == "name" and _birthplace(_anchor(toks)):
        preds = {"birthplace"}  # "was born in Guangzhou": where, compared only with where else one was born
    if value.kind == "name":
        name_head = _anchor(toks)
        # a role holder also when the name is the subject ("the spokesman Günter Schabowski announced"), not
        # when it is the agent of a passive ("designed by the architect X" meets "designed by Y")
        role_tok = _role_of(name_head) if name_head is not None and (role != "agent" or as_subject) else None
        if act and role_tok is not None and as_subject and subj_tok is not None and pred.lemma_.lower() in AGENTIVE:
            # "President Calvin Coolidge signed the act": also the agent of an act done to its object, as "the act
            # was signed by President Herbert Hoover" says it (``FrameReader.frames``)
            role_tok = None
        elif act:
            return None
        if role_tok is not None:  # the holder of a role: compared with other holders of that role
            role = "holder"
        elif role == "other":
            role = "theme"
    if value.kind == "name" and role == "agent" and subj_tok is not None and any(t.like_num for t in subj_tok.subtree):
        return None  # "The Greens won six seats" / "The Søndervik List won 5 seats": an amount is no one thing
    if subj_tok is None:
        if not title and role_tok is None:
            return None  # (a role holder's subject is its role, below)
        subject, words, head = title or "", words_of(title or ""), _last_word(title or "")
    else:
        subject, words = _np_words(subj_tok)
        named = _appos_name(subj_tok)  # "Her first lamb, Bonnie, was born …": Bonnie
        head = fold(named.text if named is not None else subj_tok.lemma_ if subj_tok.pos_ != "PROPN" else subj_tok.text)
        ownerless = subj_tok.lemma_.lower() in ATTRIBUTE_NOUNS and _owner([subj_tok], set()) is None
        reporter = _reporter(doc) if ownerless and not title else None
        if reporter is not None:
            # "Revenue rose to 1.52 billion kroner, Nordfjord Ferries said": the reporting company's revenue
            subject, words, head = reporter, words_of(reporter), _last_word(reporter)
        elif publisher and _first_person(subj_tok):
            # "We employ 2,150 people", "Our cooperative was founded in 1931": the publishing organisation's
            subject, words = publisher, words_of(publisher) | (words - _STOP - {"our", "we", "us"})
            if subj_tok.pos_ == "PRON" or subj_tok.lemma_.lower() in _BUSINESS_NOUNS | _OWN_BODY_NOUNS:
                head = _last_word(publisher)
        elif (_is_reference(subj_tok) or ownerless) and title:
            # "It", "The lift", "Construction began …": the document's subject
            subject, words = title, words_of(title) | (words - _STOP)
            head = _last_word(title) if subj_tok.pos_ == "PRON" or ownerless or (
                _name_like(title) and subj_tok.lemma_.lower() in _WHOLE_NOUNS) else head  # "the roof" stays a roof
            if subj_tok.lemma_.lower() in _BUSINESS_NOUNS | _OWN_BODIES:
                # "The company" is the title's Vantrel, not a "Vantrel company" the claim's Vantrel is part of
                words, head = words_of(title), _last_word(title)
    if role_tok is not None:
        mods = [t for t in role_tok.subtree if t.i < role_tok.i and t.dep_ in {"amod", "compound"} and t.pos_ != "PROPN"]
        mods += [t for t in role_tok.children if t.dep_ in {"amod", "compound"} and t.pos_ in {"ADJ", "PROPN"}
                 and t.i not in {x.i for x in toks}]
        subject = " ".join(t.text for t in sorted({*mods, role_tok}, key=lambda t: t.i))
        words, head = words_of(subject), role_tok.lemma_.lower()
    if value.kind == "quantity":
        role = "amount"
    elif value.kind == "date":
        role = "time"
    count_noun = None
    if value.kind == "quantity":
        num = next((t for t in toks if t.like_num or t.pos_ == "NUM"), None)
        while num is not None and num.dep_ in ("nummod", "compound", "quantmod") and num.head.i != num.i and (
                num.head.like_num or num.head.pos_ == "NUM"):
            num = num.head  # "2.3 million barrels": the head of "million"
        if num is not None and num.dep_ == "nummod" and num.head.pos_ == "NOUN" and (
                num.head.i in {t.i for t in toks} or all(t.pos_ in ("ADJ", "CCONJ", "PUNCT", "NOUN", "PROPN", "ADV")
                                                         or t.tag_ in ("VBG", "VBN") for t in num.doc[num.i + 1:num.head.i])):
            counted = num.head
            while counted.dep_ == "compound" and (counted.head.pos_ == "NOUN" or _verb_read_as_noun(counted.head)):
                counted = counted.head  # "160 freight trains": trains
            count_noun = counted.lemma_.lower()  # "1,056,006 glossy white and matte cream tiles": tiles
            if counted.pos_ == "VERB":
                count_noun = counted.lower_.rstrip("s") or count_noun
        if count_noun is not None and _names_attribute(count_noun, pred):
            preds.add(count_noun)  # "won the Golden Boot with six goals": a count of goals is what was scored
        if _paid_for(anchor, value):
            preds.add("cost")  # "was made for 3.8 million euros", "sold for £2 million": its price
    value_words = {fold(w) for w in _WORD.findall(value.text)}
    # the participants keep every word, the value's too: "the 2014 World Cup final" is not "the 2010 …"
    # (not the value's own phrase: "by the architect Åsa Lindfors" is no participant two designs share)
    others = tuple((w, h) for w, h in _participants(pred, subj_tok, {t.i for t in toks} | not_mine, title)
                   if w - value_words and not (value.kind == "name" and value_words and value_words <= w))
    if aliases and (subj_tok is None or _is_reference(subj_tok)):  # the other names of the resolved subject
        others += tuple((words_of(a), _last_word(a)) for a in aliases)
    years = frozenset(_year_of(t) for t in pred.subtree if _year_token(t) and t.i not in {x.i for x in toks}
                      and not _in_earlier_phrase(t)  # not the year of "up from 3.8 million in 2024"
                      and not _in_noun_clause(t, pred, anchor))  # nor of "over the budget approved in 2018"
    negated = any(c.dep_ == "neg" or c.lower_ in {"never", "not"} for c in pred.children)
    comparative = _COMPARATIVE.search(doc.text[:value.start])
    if comparative:
        years = frozenset({int(comparative.group(1) or comparative.group(2))})
    if earlier:
        years = earlier
    own_words = frozenset(words - value_words)
    if not own_words and role_tok is not None and preds & AGENTIVE:
        own_words = frozenset({fold(head)})  # "Pope John Paul II" against "Pope Benedict XVI": holders of "pope"
    if verbless and value.kind == "quantity":
        # "Hardback, 352 pages, £18.99.": a fact sheet's line of its document's subject, with no verb to say
        # which attribute: what the figure counts or measures says it (``compare_frames``)
        name = re.sub(r"\s+by\s+[A-Z][^,:;]*$", "", title)  # "The Amber Ferry by Agnieszka Wróbel": the book
        preds, subject, own_words, head = set(), name, frozenset(words_of(name)), _last_word(name)
    return Frame(value, frozenset(preds), role, subject, own_words,
                 head, doc.text, _modality(pred), others, negated, years, count_noun, bool(comparative),
                 earlier=bool(earlier), present=_present(pred),
                 state=value.kind == "date" and _copula_state(pred) and not _starts_or_ends(anchor))


#: what a person takes when starting in a post ("took charge", "took office", "took the helm")
_POSTS_TAKEN = frozenset({"charge", "office", "helm", "command", "reins"})
#: what a person does in a post since it began ("has run the company since 2020", "has led the club since …")
_IN_POST = frozenset({"run", "lead", "head", "manage", "chair", "coach", "captain", "direct"})


def _in_charge(tok) -> bool:
    return tok.lower_ == "in" and any(c.lemma_.lower() == "charge" for c in tok.children)


def _took_up_post(pred, anchor) -> bool:
    """The date is when someone started in a post: "took charge in 2022", "in charge since 2019" (a phrase on
    the person), "has run the company since 2020" — an appointment's date."""
    lemma = pred.lemma_.lower()
    if lemma == "take" and any(c.dep_ == "dobj" and c.lemma_.lower() in _POSTS_TAKEN for c in pred.children):
        return True
    if not _governed_by(anchor, ("since",)):
        return False
    near = [anchor.head, *anchor.head.ancestors][:3]
    if any(_in_charge(t) or any(_in_charge(c) for c in t.children) for t in near):
        return True  # "Chief executive X, in charge since 2019, has kept …"
    return lemma in _IN_POST and pred.tag_ in ("VBN", "VBZ", "VBP", "VBD") and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in pred.children)


def _governed_by(anchor, preps: tuple[str, ...]) -> bool:
    """The value hangs on one of ``preps`` ("since 2019", "from March until June")."""
    return any(t.dep_ == "prep" and t.lower_ in preps for t in [anchor.head, *anchor.head.ancestors][:2])


def _starts_or_ends(anchor) -> bool:
    """The date is when a state began or ends ("has been general director since 2019"): one date, compared."""
    return _governed_by(anchor, ("since", "from", "until", "till", "to"))


def _copula_state(pred) -> bool:
    """The predicate is a state said with "be" and what the subject is ("was 38 per cent full", "was world
    champion"), not an event ("was opened", "The election was on 3 May")."""
    verb = pred
    for _ in range(4):
        if verb.pos_ in _PRED_POS or verb.head.i == verb.i:
            break
        verb = verb.head
    return (verb.lemma_ == "be" and verb.dep_ not in ("aux", "auxpass")
            and any(c.dep_ in ("attr", "acomp") for c in verb.children))


def _present(pred) -> bool:
    """A clause that says what holds now: a present-tense verb ("operates") or "now", "currently"."""
    if any(c.lower_ in ("now", "currently", "today") and c.dep_ == "advmod" for c in pred.children):
        return True
    return pred.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in pred.children)


def _names_attribute(count_noun: str, pred) -> bool:
    """Does what a figure counts name the attribute ("six goals" scored, "8,700 inhabitants" the
    population, "900 staff" employed)? "people" only where the verb says nothing of its own ("was home to
    70,000 people", "a town of 12,000 people"), not "the fire killed 90 people"."""
    if synonyms(count_noun) == {count_noun}:
        return False
    return count_noun != "people" or pred.lemma_.lower() in GENERIC


def _paid_for(anchor, value: Value) -> bool:
    """A sum a verb takes "for": what something was made, bought or sold for is its price."""
    if value.kind != "quantity" or value.quantity is None or unit_family(value.quantity) != "money":
        return False
    top = _figure_top(anchor)
    return top.dep_ == "pobj" and top.head.lower_ == "for" and top.head.head.pos_ == "VERB"


def _gapped_segment(doc, toks: list, subj_tok) -> list:
    """The name that opens the verbless stretch after the last comma before the value, in a list that
    leaves out its verb: "The Social Democrats received 32.1 per cent and 14 seats, the Civic Alliance
    25.4 per cent and 11 seats": the 11 seats are the Civic Alliance's."""
    if not toks:
        return []
    first = toks[0].i
    comma = next((i for i in range(first - 1, subj_tok.i, -1) if doc[i].text in (",", ";")), None)
    if comma is None:
        return []
    segment = doc[comma + 1:first]
    if any(t.pos_ in ("VERB", "AUX") for t in segment):
        return []  # a clause with its own verb: its parse says whose the value is
    name = next((t for t in segment if t.pos_ == "PROPN" and t.dep_ != "pobj"), None)
    if name is None:
        return []
    while name.dep_ in ("compound", "amod", "flat", "nmod") and comma < name.head.i < first and name.head.pos_ in ("NOUN", "PROPN"):
        name = name.head  # "the Green group": the group
    return [name]


def _participants(pred, subject, skip: set[int], title: str | None) -> list[tuple[frozenset[str], str]]:
    """The predicate's other arguments (and those of the verbs it completes: "began building")."""
    out = []
    chain, tok = [pred], pred
    while tok.dep_ in {"xcomp", "ccomp", "conj"} and tok.head.i != tok.i and len(chain) < 4 and not (
            tok.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        # (a complement with a subject of its own is its own event: in "The Civic Alliance won 13 seats, the Social
        # Democrats 9 … won 4", read as a complement of the last "won", the Social Democrats take no part in the 13;
        # a coordinated clause goes on the same story: "Nokia announced …, and the acquisition was completed …")
        tok = tok.head
        chain.append(tok)
    for verb in chain:
        args = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"}]
        args += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if verb.dep_ in {"relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
            args.append(verb.head)
        for arg in args:
            if arg.i in skip or (subject is not None and arg.i == subject.i) or arg.lower_ in {"which", "that", "who"}:
                continue
            if arg.lemma_.lower() in _MEASURE_NOUNS and any(c.dep_ == "prep" and c.lower_ == "of" for c in arg.children):
                continue  # "an average of 41.2 pence", "a total of 40": the value's measure, not a participant
            if arg.lemma_.lower() in ATTRIBUTE_NOUNS:
                arg = _owner([arg], skip) or arg
            if _is_reference(arg) and title:
                out.append((words_of(title), _last_word(title)))
            else:
                _, words = _np_words(arg)
                out.append((words, fold(arg.lemma_ if arg.pos_ != "PROPN" else arg.text)))
    return out


#: the opening of a comparative in parentheses, right before a value: "(2024: ", "(2023/24: "
_COMPARATIVE = re.compile(r"\((?:FY\s?)?((?:19|20)\d\d)(?:[/–-]\d{2,4})?\s*:\s*(?:[^()]{0,12})$"
                          r"|\b((?:19|20)\d\d)\s*\(\s*$")  # or a year's own figure after it: "… on 2024 (£299.8 million)"
#: nouns that hold a figure ("an average of …", "a total of …") and name no participant of an event
_MEASURE_NOUNS = frozenset({"average", "total", "sum", "maximum", "minimum", "median", "mean", "share", "rate",
                            "number", "amount", "tally", "figure", "record", "high", "low", "peak", "rise", "fall",
                            "increase", "decrease", "drop", "gain", "loss", "crowd"})
_PLANNED = frozenset({"will", "shall", "due", "schedule", "plan", "expect", "set", "intend", "aim", "propose", "would"})


def _modality(pred) -> str:
    """A plan, schedule or forecast ("will open", "is due to open", "is scheduled to open") is another
    event than what happened ("opened"): their dates are not compared."""
    tok = pred
    for _ in range(4):
        if any(c.lemma_.lower() in _PLANNED or c.lower_ in _PLANNED for c in tok.children if c.dep_ in {"aux", "auxpass", "advmod"}):
            return "planned"
        if tok.lemma_.lower() in _PLANNED and tok is not pred:
            return "planned"
        if tok.dep_ in {"xcomp", "ccomp"} or (tok.dep_ == "conj" and tok.head.i != tok.i):
            tok = tok.head
            if tok.lemma_.lower() in _PLANNED or tok.lower_ == "due":
                return "planned"
            continue
        break
    return "actual"


#: nouns that call a whole thing by its class ("the barrier" for the Berlin Wall), not a part of it ("the roof")
_WHOLE_NOUNS = frozenset("""barrier structure building monument landmark site facility venue vessel ship boat complex
    project scheme attraction edifice construction installation animal creature species dinosaur mountain peak
    volcano river lake island city town village country nation company firm group organisation organization
    institution body event festival race competition tournament war battle disaster accident storm mission
    spacecraft probe telescope satellite rocket aircraft plane train vehicle drug vaccine trial study book novel
    film work painting song album document""".split())


def _name_like(title: str) -> bool:
    """A title that is a name ("Berlin Wall", "Santa Justa Lift"), not a headline: "the barrier" in its
    text is the thing the name says ("wall"), the head compared with a claim's."""
    words = _WORD.findall(title)
    return 0 < len(words) <= 6 and ":" not in title and all(
        w[:1].isupper() or w.isdigit() or w.lower() in _NAME_JOINERS | {"of", "the", "and", "on", "upon", "by"} for w in words)


#: a person's dates in brackets after the name that opens an entry: "Thor Heyerdahl (6 October 1914 – 18 April
#: 2002) was …", "Marie Curie (born 7 November 1867)"
_LIFESPAN = re.compile(r"^(?P<name>(?:[A-Z][\w.'’-]*\s+){1,5}?[A-Z][\w.'’-]*)\s*\((?P<inner>[^()]{4,80})\)")


def _lifespan(text: str, frames: list[Frame]) -> list[Frame]:
    """The dates of a bracketed lifespan are the named person's birth and death (the first before the dash, or
    after "born"; the second after it, or after "died"), whatever the sentence goes on to say."""
    m = _LIFESPAN.match(text)
    if m is None:
        return frames
    start, end = m.span("inner")
    dash = re.search(r"\s[–-]\s|–", m.group("inner"))
    split = start + dash.start() if dash else end
    name = m.group("name")
    out = []
    for f in frames:
        if f.value.kind == "date" and start <= f.value.start < end:
            said = text[start:f.value.start].lower()
            died = f.value.start >= split or "died" in said or "d." in said
            born = not died and (dash is not None or "born" in said or "b." in said)
            if born or died:
                f = replace(f, predicates=frozenset({"die" if died else "bear"}), subject=name, role="time",
                            subject_words=words_of(name), subject_head=_last_word(name), others=(), years=frozenset())
        out.append(f)
    return out


def _last_word(text: str) -> str:
    """The head of a title or name: its last word, not a year after it ("Åsbru municipal election 2025"),
    nor what a name "of" or "to" something is of ("Monument to the Great Fire of London": monument)."""
    linked = re.match(r"^\s*(?:the\s+)?((?:[A-Z][\w'’-]*\s+){0,3}[A-Z][\w'’-]*)\s+(?:of|to)\s+(?:the\s+)?[A-Z]", text)
    if linked:
        text = linked.group(1)
    ws = _WORD.findall(text)
    words = [w for w in ws if not w.isdigit()] or ws
    return fold(words[-1]) if words else ""


#: "in diameter", "in length", "in height": the dimension a figure before them measures (as the word after
#: the figure: "wide", "long", "high", "deep")
_DIMENSION_NOUNS = {"diameter": "across", "width": "wide", "breadth": "wide", "length": "long", "height": "high",
                    "depth": "deep", "circumference": "long"}
#: nouns that make a figure a different measure of the same event ("carried 20 lifeboats with a total
#: capacity of 1,178 people" is not how many people it carried)
_OTHER_MEASURES = frozenset({"capacity", "share", "rate", "average"})


def _same_class(cf: Frame, sf: Frame) -> bool:
    """Two places are compared only when they are institutions of one class (two universities)."""
    if cf.role != "place":
        return True
    ca = {w.lower() for w in cf.value.text.split()} & INSTITUTIONS
    return bool(ca & {w.lower() for w in sf.value.text.split()})


_SPENT_ON = re.compile(r"^\s*(?:(?:a|per|each|every)\s+(?:year|month|week)\s+|annually\s+|so far\s+)?on\s+"
                       r"(?:the\s+|its\s+|their\s+|his\s+|her\s+)?([^\W\d_][\w-]+)")


#: what money goes "on" that names the subject's own undertaking, not a part of its spending
_WHAT_IT_IS_FOR = frozenset({"project", "projects", "scheme", "work", "works", "programme", "program", "plan",
                             "site", "development", "construction", "building", "renovation", "restoration", "it"})


def _spent_on_other(cf: Frame, sf: Frame) -> bool:
    """The claim's money went on something ("spends about £31 million a year on dentistry") the source's
    figure does not speak of ("an annual budget of about £640 million"): a part, not the whole."""
    if not cf.predicates & {"spend", "spending", "invest", "investment", "pay"} or not cf.sentence:
        return False
    m = _SPENT_ON.match(cf.sentence[cf.value.end:])
    if m is None:
        return False
    if m.group(1).lower() in _WHAT_IT_IS_FOR:
        return False  # "spent 5.4 billion on the project": the subject's own undertaking
    stem = fold(m.group(1))[:5]
    return stem not in fold(sf.sentence or "")


_PER_YEAR = re.compile(r"^\s*(?:a|per|each|every)\s+year\b|^\s*annually\b", re.I)
_ANNUAL = re.compile(r"\b(?:a|per|each|every)\s+year\b|\bannual(?:ly)?\b|\byearly\b|\bin\s+(?:19|20)\d\d\b", re.I)


def _yearly(f: Frame, *, anywhere: bool = False) -> bool:
    """A sum said per year: right after the figure ("spends about £31 million a year"), or, for a source,
    anywhere in its sentence ("an annual budget of £640 million", "spent £29 million in 2025")."""
    if f.value.kind != "quantity" or not f.sentence:
        return False
    if anywhere:
        return bool(_ANNUAL.search(f.sentence))
    return bool(_PER_YEAR.match(f.sentence[f.value.end:]))


def _same_measure(cf: Frame, sf: Frame) -> bool:
    """A figure the source gives as a capacity, share, rate or average answers only a claim about that."""
    if cf.value.kind != "quantity":
        return True
    if _spent_on_other(cf, sf) or _yearly(cf) and not _yearly(sf, anywhere=True):
        return False  # (a yearly sum against a one-off one: "spends £31 million a year" / "a £7.8 million programme")
    theirs, mine = sf.predicates & _OTHER_MEASURES, cf.predicates & _OTHER_MEASURES
    return theirs == mine or bool(theirs & mine)


_WEEKDAY_BEFORE = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\($")


def _weekday_told(f: Frame) -> bool:
    """The claim's date is a weekday the claims stage dated ("on Wednesday (May 20, 2026)"): its year is the
    article's own, which a source's bare year ("won the title in 2026") matches whatever the day."""
    return f.value.kind == "date" and bool(_WEEKDAY_BEFORE.search(f.sentence[:f.value.start]))


def compare_frames(claim_frames: list[Frame], source_frames: list[Frame]) -> list[FrameCheck]:
    """For each claim value, the source values in a matching frame (same subject, same attribute,
    comparable kind): agreeing if any agrees, else the closest disagreeing one. Values in other frames
    say nothing (they are about another subject or another attribute)."""
    out = []
    # "fell to 54.8 per cent, down from nearly 60 per cent … in 2021": the new level is not 2021's
    then = frozenset().union(*(f.years for f in claim_frames if f.earlier))
    for cf in claim_frames:
        matches = [sf for sf in source_frames
                   if (cf.earlier or not (then and sf.years and sf.years <= then))
                   and _comparable(cf, sf) and cf.role == sf.role and _same_class(cf, sf)
                   and (cf.role != "time" or cf.modality == sf.modality)
                   and (not cf.years or not sf.years or bool(cf.years & sf.years))
                   and (not sf.comparative or bool(cf.years & sf.years) or cf.value.kind == "date")
                   and not (cf.period and sf.period)
                   and subjects_match(cf, sf) and (not sf.predicates or predicates_match(cf.predicates, sf.predicates))
                   and not _budget_for_cost(cf, sf) and not _other_end(cf, sf, source_frames) and _same_measure(cf, sf)
                   and ("margin" in cf.predicates) == ("margin" in sf.predicates)]  # a lead is no tally
        if not matches:
            continue
        agreeing = [sf for sf in matches if values_agree(cf.value, sf.value)]
        if agreeing and any(sf.negated != cf.negated for sf in agreeing):
            # the same value, but one text denies what the other asserts ("was not approved in 2023")
            out.append(FrameCheck("negation", cf, next(sf for sf in agreeing if sf.negated != cf.negated), False))
        elif agreeing and _weekday_told(cf) and all(not sf.value.date.month for sf in agreeing):  # type: ignore[union-attr]
            continue  # "beat Brekkvik IF on Wednesday (May 20, 2026)" against "won the title in 2026": the day untold
        elif agreeing:
            out.append(FrameCheck(cf.value.kind, cf, agreeing[0], True))
        elif cf.present and not cf.years and all(sf.years and not sf.present for sf in matches):
            continue  # "operates 24 aircraft" (now) against "at the end of 2024 … operated 22": that year's figure
        elif cf.earlier and not any(cf.years & sf.years or sf.earlier for sf in matches):
            continue  # "up from 121 million euros in 2024" against an undated figure: the current year's, likely
        elif cf.value.kind == "date" and cf.state:
            continue  # "was 38 per cent full on Monday" against "was 71 per cent full at the start of June 2025"
        elif cf.value.kind == "date" and len({(sf.sentence, sf.value.text) for sf in matches}) > 1:
            continue  # "won in the 2004 and 2005 finals and in 2006": an event that recurs; another year is no denial
        elif cf.value.kind != "name":
            out.append(FrameCheck(cf.value.kind, cf, matches[0], False))
        elif all(not names_match(cf.value.text, sf.value.text) for sf in matches):
            # "opened by Queen Elizabeth II and Jacques Chirac": a source name another claim name
            # accounts for is not the one this name is wrong against
            others = [o.value.text for o in claim_frames if o is not cf and o.value.kind == "name"]
            rest = [sf for sf in matches if not any(names_match(o, sf.value.text) for o in others)]
            if rest:
                out.append(FrameCheck(cf.value.kind, cf, rest[0], False))
    return out


@dataclass
class FrameFindings:
    """What the frames say about one (claim, passage) pair."""

    agree: list[FrameCheck] = field(default_factory=list)
    disagree: list[FrameCheck] = field(default_factory=list)
