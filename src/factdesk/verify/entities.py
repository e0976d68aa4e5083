"""Named entities, aliases and abbreviations, and a different name in the same role.

Entities come from the spaCy pipeline when one is given (typed: PERSON, ORG, GPE, …), else from a
capitalised-span fallback (type ``NAME``). Two names match when they are equal, aliases
(``WHO`` = ``World Health Organization``, ``UK`` = ``United Kingdom``), an abbreviation made from the
initials, or a surname of the full name.

>>> names_match("WHO", "World Health Organization")
True
>>> names_match("Merkel", "Angela Merkel")
True
>>> names_match("Berlin", "Munich")
False
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from factdesk.verify.negation import content_words

#: groups of names for the same thing (lower case); extended by abbreviations found by initials
ALIASES: list[set[str]] = [
    {"us", "u.s.", "usa", "u.s.a.", "united states", "united states of america", "america", "the us"},
    {"uk", "u.k.", "united kingdom", "britain", "great britain"},
    {"eu", "european union"}, {"un", "united nations", "u.n."}, {"nhs", "national health service"},
    {"uae", "united arab emirates"}, {"ussr", "soviet union"}, {"drc", "democratic republic of the congo"},
    {"nasa", "national aeronautics and space administration"}, {"fifa"}, {"uefa"}, {"ioc", "international olympic committee"},
    {"imf", "international monetary fund"}, {"ecb", "european central bank"}, {"fed", "federal reserve"},
    {"opec", "organization of the petroleum exporting countries"}, {"nato", "north atlantic treaty organization"},
    {"who", "world health organization", "world health organisation"},
    {"cdc", "centers for disease control and prevention", "centers for disease control"},
    {"fda", "food and drug administration"}, {"gop", "republican party", "republicans"},
    {"prc", "china", "people's republic of china"}, {"nyc", "new york city"}, {"la", "los angeles"},
]
_ALIAS_INDEX: dict[str, int] = {name: i for i, group in enumerate(ALIASES) for name in group}
_SMALL = {"of", "the", "and", "for", "on", "in", "at", "to", "de", "la", "du", "von", "van", "&"}
#: an upper-case letter, Latin scripts with their accents (Ø, Ł, Š …): names outside ASCII stay whole
_UPPER = "[A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ]"
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "sir", "president", "minister", "senator", "judge", "general", "king",
           "queen", "prince", "pope", "chancellor", "governor", "mayor", "coach", "captain", "lord", "lady"}
_NOT_NAMES = {"CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"}
COMPATIBLE = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "PERSON": "PERSON", "NORP": "NORP",
              "NAME": "NAME", "PRODUCT": "PRODUCT", "EVENT": "EVENT", "WORK_OF_ART": "WORK"}


@dataclass(frozen=True)
class Entity:
    text: str
    label: str
    start: int = -1
    end: int = -1

    @property
    def kind(self) -> str:
        return COMPATIBLE.get(self.label, self.label)


def _clean(name: str) -> str:
    name = name.lower().replace("’", "'").strip(" .,;:'\"")
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s$", "", name)
    words = [w for w in name.split() if w.rstrip(".") not in _TITLES]
    return " ".join(words) or name


def initials(name: str) -> str:
    """``World Health Organization`` → ``who``."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name.lower()) if w and w not in _SMALL)


def names_match(a: str, b: str) -> bool:
    """Same name, alias, abbreviation by initials, or one name's words inside the other's (surname); a
    name given with its short form in brackets ("European Organization for Nuclear Research (CERN)") is
    either."""
    for x, y in ((a, b), (b, a)):
        m = re.fullmatch(r"\s*(.+?)\s*\(([^()]+)\)\s*", x)
        if m:
            return names_match(m.group(1), y) or names_match(m.group(2), y)
    ca, cb = _clean(a), _clean(b)
    if not ca or not cb:
        return False
    if ca == cb:
        return True
    ia, ib = _ALIAS_INDEX.get(ca), _ALIAS_INDEX.get(cb)
    if ia is not None and ia == ib:
        return True
    na, nb = ca.replace(".", ""), cb.replace(".", "")
    if " " not in na and len(na) >= 2 and initials(cb) == na:
        return True
    if " " not in nb and len(nb) >= 2 and initials(ca) == nb:
        return True
    wa, wb = set(ca.split()), set(cb.split())
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and short <= long_ and any(len(w) > 2 for w in short)


#: last words of names that are a kind of body or place, not a surname: "Canadian Space Agency" is not
#: mentioned by "the European Space Agency", as "Edwin Hubble" is by "Hubble"
_INSTITUTION_HEADS = frozenset("""agency council party union association committee commission authority
    company corporation bank university college school institute academy society foundation trust
    league federation ministry department office court parliament assembly government airways airlines
    airport bridge station tower cathedral church museum library stadium hospital river lake island
    street square park street road railway group organisation organization service services board
    program programme project centre center fund club team army navy force forces marathon championship
    championships cup games olympics prix festival award awards prize race final tournament series summit
    conference treaty act accord agreement crater mountain mount valley bay sea ocean canal tunnel dam
    hall theatre theater opera prison mission telescope rover satellite station""".split())


def mentioned(name: str, text: str) -> bool:
    """Is ``name`` (or an alias / abbreviation / surname of it) in ``text``?"""
    low = text.lower()
    c = _clean(name)
    if c and re.search(rf"\b{re.escape(c)}\b", low):
        return True
    group = _ALIAS_INDEX.get(c)
    if group is not None and any(re.search(rf"\b{re.escape(n)}\b", low) for n in ALIASES[group] if len(n) > 2 or n.isalpha() and re.search(rf"\b{re.escape(n.upper())}\b", text)):
        return True
    if " " in c:
        abbr = initials(c)
        if len(abbr) >= 2 and re.search(rf"\b{re.escape(abbr.upper())}\b", text):
            return True
        last = c.split()[-1]
        if len(last) > 3 and last not in _INSTITUTION_HEADS and re.search(rf"\b{re.escape(last)}\b", low) \
                and c.split()[0][0].isalpha():
            return True
    elif len(c) >= 2 and c.replace(".", "").isalpha() and name.isupper():
        # abbreviation in the claim, full name in the text
        for m in re.finditer(rf"(?:{_UPPER}[^\W\d_]+|of|the|and|for)(?:\s+(?:{_UPPER}[^\W\d_]+|of|the|and|for))+", text):
            if initials(m.group()) == c.replace(".", ""):
                return True
    return False


_CAP = re.compile(rf"\b(?:{_UPPER}(?:[^\W\d_]|['’\-])+|{_UPPER}{{2,}})(?:\s+(?:of|the|de|da|do|dos|van|von|del|di)?\s*(?:{_UPPER}(?:[^\W\d_]|['’\-])+|{_UPPER}{{2,}}))*")
_SENT_START_WORDS = {"The", "A", "An", "In", "On", "At", "It", "He", "She", "They", "We", "I", "This", "That",
                     "But", "And", "However", "After", "Before", "When", "While", "According", "There", "His",
                     "Her", "Their", "Its", "As", "If", "For", "By", "From", "With", "Since", "Last", "Next",
                     "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                     "February", "March", "April", "May", "June", "July", "August", "September", "October",
                     "November", "December", "Mr", "Mrs", "Ms", "Dr"}


class EntityFinder:
    """Entities of a text, typed by spaCy when a pipeline is given; results are cached per text."""

    def __init__(self, nlp=None, *, cache_size: int = 4096) -> None:
        self.nlp = nlp
        self._cache: OrderedDict[str, list[Entity]] = OrderedDict()
        self._size = cache_size

    def find_many(self, texts: list[str]) -> list[list[Entity]]:
        todo = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if todo:
            if self.nlp is not None:
                with self.nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in self.nlp.pipe_names]):
                    docs = list(self.nlp.pipe(todo, batch_size=64))
                results = [self._merge([Entity(e.text, e.label_, e.start_char, e.end_char) for e in d.ents
                                        if e.label_ not in _NOT_NAMES], self._fallback(t))
                           for t, d in zip(todo, docs)]
            else:
                results = [self._fallback(t) for t in todo]
            for t, r in zip(todo, results):
                self._cache[t] = r
                if len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return [self._cache[t] if t in self._cache else self._fallback(t) for t in texts]

    def find(self, text: str) -> list[Entity]:
        return self.find_many([text])[0]

    @staticmethod
    def _merge(typed: list[Entity], spans: list[Entity]) -> list[Entity]:
        """spaCy's typed entities plus capitalised spans it missed."""
        out = list(typed)
        for e in spans:
            if not any(t.start < e.end and e.start < t.end for t in typed):
                out.append(e)
        return sorted(out, key=lambda e: e.start)

    @staticmethod
    def _fallback(text: str) -> list[Entity]:
        out = []
        for m in _CAP.finditer(text):
            words = m.group().split()
            start = m.start()
            while words and words[0] in _SENT_START_WORDS:
                start = text.index(words[0], start) + len(words[0])
                words = words[1:]
            at_start = start == 0 or text[:start].rstrip().endswith((".", "!", "?", ":", '"', "“"))
            if at_start and len(words) == 1 and _COMMON_SUFFIX.search(words[0]):
                continue  # "Inflation was 3%": a capitalised common noun, not a name
            if words:
                name = " ".join(words)
                start = text.index(words[0], start)
                out.append(Entity(name, "NAME", start, start + len(m.group()) - (m.start() and 0) - (start - m.start())))
        return out


@dataclass(frozen=True)
class EntityCheck:
    claim: Entity
    source: Entity | None
    agrees: bool

    def describe(self) -> str:
        if self.agrees:
            return f"name: '{self.claim.text}' found in source"
        return f"name: claim names '{self.claim.text}', source names '{self.source.text if self.source else '?'}'"


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_COMMON_SUFFIX = re.compile(r"(tion|sion|ment|ity|ness|ance|ence|ing|ism|ship|ure|ies|ers|ists|ics|ency|age)$")


def _neighbours(text: str, ent: Entity) -> tuple[str | None, str | None]:
    """The word just before and just after an entity mention (lower case), its grammatical slot."""
    if ent.start < 0:
        i = text.find(ent.text)
        if i < 0:
            return None, None
        ent = Entity(ent.text, ent.label, i, i + len(ent.text))
    left = _WORD.findall(text[max(0, ent.start - 40):ent.start])
    right = _WORD.findall(text[ent.end:ent.end + 40])
    return (left[-1].lower() if left else None), (right[0].lower() if right else None)


def same_role(claim: str, ce: Entity, source: str, se: Entity) -> bool:
    """Two names fill the same slot when the word before or after them is the same (``beat``, ``in``)."""
    if ce.kind != se.kind and "NAME" not in {ce.kind, se.kind} and {ce.kind, se.kind} - {"PERSON", "ORG", "PLACE"}:
        return False
    cl, cr = _neighbours(claim, ce)
    sl, sr = _neighbours(source, se)
    if (cr is not None and cr == sr) or (cl is not None and cl == sl and cl not in _SLOT_FILLERS):
        return True
    # "NASA and the Canadian Space Agency" / "NASA and the European Space Agency": the same words before
    # them, up to the first that is not a joiner
    left_c, left_s = _left_words(claim, ce), _left_words(source, se)
    for k in range(2, 4):
        if len(left_c) < k or len(left_s) < k or left_c[-k:] != left_s[-k:]:
            return False
        if any(w not in _SLOT_FILLERS for w in left_c[-k:]):
            return True
    return False


#: words before a name that do not make a slot on their own
_SLOT_FILLERS = frozenset({"and", "or", "the", "a", "an", "of", "by", "to", "with"})


def _left_words(text: str, ent: Entity) -> list[str]:
    start = ent.start if ent.start >= 0 else text.find(ent.text)
    return [w.lower() for w in _WORD.findall(text[max(0, start - 60):start])] if start >= 0 else []


def compare_entities(claim: str, source: str, claim_ents: list[Entity], source_ents: list[Entity],
                     *, min_context: float = 0.4) -> list[EntityCheck]:
    """Claim names found in the source agree; a claim name missing from a source that has another name in
    the same slot, while sharing the rest of the claim's words, disagrees (same role, other name).

    >>> c, s = "Barcelona beat Real Madrid in Seville.", "Valencia beat Real Madrid in Seville."
    >>> f = EntityFinder()
    >>> [x.describe() for x in compare_entities(c, s, f.find(c), f.find(s)) if not x.agrees]
    ["name: claim names 'Barcelona', source names 'Valencia'"]
    """
    out: list[EntityCheck] = []
    claim_entity_words = {w for e in claim_ents for w in content_words(e.text)}
    context = content_words(claim) - claim_entity_words
    src_words = content_words(source)
    shared = len(context & src_words) / len(context) if context else 0.0
    for ce in claim_ents:
        if mentioned(ce.text, source) or any(names_match(ce.text, se.text) for se in source_ents):
            out.append(EntityCheck(ce, None, True))
            continue
        if shared < min_context:
            continue
        rivals = [se for se in source_ents if not mentioned(se.text, claim)
                  and not any(names_match(se.text, c2.text) for c2 in claim_ents) and same_role(claim, ce, source, se)]
        if rivals:
            out.append(EntityCheck(ce, rivals[0], False))
    return out
