"""One fact per claim: cut a sentence's parse into atoms that each assert one thing.

A sentence often packs several facts: "The Belém Tower, completed in 1519, was listed as a UNESCO
World Heritage Site in 1983" says when the tower was completed *and* when it was listed; a verifier
given both compares 1519 with 1983. :func:`split_atoms` reads the dependency parse and detaches

- **appositives** ("X, the city's oldest bridge, …" → "X is the city's oldest bridge."; a role with
  a name, "The chief executive, Ana Lima, said…" → "Ana Lima is the chief executive." and the
  sentence goes on with the name);
- **non-restrictive relative clauses** (", which opened in 1902," → "X opened in 1902."; "whose",
  "where", "when" and fronted objects, ", which NASA launched in 2021," → "NASA launched X in 2021.");
- **participle phrases** set off by commas (", completed in 1519," → "X was completed in 1519.",
  also "Built in 1912, the dam…");
- **coordinated predicates and clauses** ("opened in 1959 and today runs four lines" → two atoms,
  each with the subject; "…, while Y will hold 38 per cent" → its own atom);
- **participle clauses that add an event** ("won the cup on Saturday, beating Ribeira 2-1" →
  "On Saturday, Alcântara beat Ribeira 2-1."; the verb put in the clause's tense with lemminflect);
- **coordinated quantities** where each conjunct has its own number ("147 passengers and 20
  bicycles" → one atom each); a list that forms one fact ("24 classrooms, a sports hall and a
  special needs unit") stays.

Each atom names its subject (the head phrase without its detached modifiers, with references
resolved through ``repl``), carries only its own part of the sentence, and keeps the sentence's
opening date and place when it continues the main clause ("On 1 November 1755, …"). Restrictive
modifiers ("the bridge that crosses the Tagus"), quotations and what a speaker said stay whole.

>>> [a.text for a in split_atoms(nlp("The Santa Justa Lift, which opened in 1902, was designed by Raoul Mesnier."), {})]
['The Santa Justa Lift was designed by Raoul Mesnier.', 'The Santa Justa Lift opened in 1902.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factdesk.claims.mentions import PERSON_ROLES, SPEECH_LEMMAS as REPORTING_LEMMAS

#: the time words an appositive may open with ("once the centre of…", "now a museum")
_APPOSITIVE_TIMES = frozenset({"once", "formerly", "previously", "now", "still"})
#: verbs of saying: what they report (their clausal complement) stays one atom with the speaker
#: reporting verbs, and those a finding is reported with ("the survey found", "figures show")
SPEECH_LEMMAS = REPORTING_LEMMAS | frozenset("call report find show estimate reveal conclude indicate".split())
#: participles that describe a state rather than an event: "based in Porto" → "is based in Porto"
STATIVE_PARTICIPLES = frozenset(
    """based located situated known headquartered housed owned run operated named called composed
    made used set home surrounded covered lined listed protected""".split()
)
#: words that date a clause from another time told before ("three hours later")
_RELATIVE_TIME = frozenset({"later", "earlier", "afterwards", "afterward", "after", "before", "thereafter", "then",
                            "subsequently", "ago"})
RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose", "where", "when"})
#: sentence-level context that every atom of the main clause keeps (dates, places, "under the plan")
_CONTEXT_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"})
_NUMBER_ENTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
_CONTRAST_MARKS = frozenset({"while", "whereas"})
#: what one "was born … and …" ("born and raised in Porto"); any other second verb is the person's own act
_BORN_AND = frozenset({"raised", "bred", "educated", "baptised", "baptized", "brought"})
#: words of a schedule that the small parser reads as a preposition or adjective ("… was budgeted at £31
#: million and due to open in 2028"): a predicate of their own when a verb follows ("to open")
_SCHEDULE_WORDS = frozenset({"due", "set", "expected", "scheduled", "likely", "ready"})


@dataclass
class Atom:
    """One fact of a sentence: its text and how it was cut out."""

    text: str
    #: main | predicate | clause | apposition | relative | participle | consequence
    kind: str
    #: the atom carries the sentence's speech (its speaker and quoted or reported words)
    speech: bool = False


Piece = int | str  # a token index, or words to insert
#: nouns of time a "when" clause can follow ("in 1998, when…", "the year when…")
_TIME_NOUNS = frozenset({"year", "day", "month", "week", "time", "moment", "era", "period", "decade", "century",
                         "season", "summer", "winter", "spring", "autumn", "night", "morning", "evening", "age"})


def _subtree(tok) -> set[int]:
    return set(range(tok.left_edge.i, tok.right_edge.i + 1))


#: nouns that sum up a whole clause when set after it ("…, a journey that can take two hours", "…, a rise of
#: 4 per cent"): an appositive of the clause, not of the noun before the comma
_SUMMARY_NOUNS = frozenset("""journey trip drive walk ride flight record rise increase fall drop decline jump gain cut
    loss total sum distance move step decision outcome result change improvement fifth quarter third half""".split())

_QUANTIFIERS = frozenset({"several", "most", "some", "many", "all", "both", "each", "none", "one", "few", "half", "two", "three"})
_CLOSERS = frozenset({",", ")", "—", "–", ";"})
_OPENERS = frozenset({",", "(", "—", "–"})


class _Splitter:
    """The detachable modifiers of one parsed sentence, and the atoms built from them."""

    def __init__(self, doc, repl: dict[int, tuple[int, str]], mask: list[bool]) -> None:
        self.doc = doc
        self.repl = repl
        self.mask = mask
        self.apostrophe = "’" if "’" in doc.text else "'"
        self.protected = self._protected()
        #: token index of a detached modifier -> (kind, the token it says something about)
        self.detached: dict[int, tuple[str, object]] = {}
        self._find()
        self._pieces: dict[int | None, list[Piece]] = {}

    # -- what may not be cut ---------------------------------------------------------------------
    def _protected(self) -> set[int]:
        """Quoted words and what a verb of saying reports."""
        doc, out = self.doc, {i for i, m in enumerate(self.mask) if m}
        for t in doc:
            if t.lemma_.lower() in SPEECH_LEMMAS and not self.mask[t.i]:
                for c in t.children:
                    if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and any(self.mask[w.i] for w in c.subtree)):
                        out |= _subtree(c)
        return out

    # -- finding the detachable modifiers --------------------------------------------------------
    def _opened(self, mod) -> bool:
        when = self._appositive_time(mod)
        i = when.i if when is not None else mod.left_edge.i
        return i > 0 and self.doc[i - 1].text in _OPENERS and not self._joining_dash(i - 1)

    def _appositive_time(self, mod):
        """The time word an appositive opens with, which the parser hangs on the head ("Łódź, once the
        centre of Poland's textile industry, …", "the mill, now a museum, …")."""
        if mod.dep_ != "appos":
            return None
        first = mod.left_edge
        if first.dep_ == "advmod" and first.head.i == mod.i and first.lower_ in _APPOSITIVE_TIMES:
            return first  # the parser hung it on the appositive: "once the capital of Norway"
        i = first.i - 1
        if i <= 0:
            return None
        t = self.doc[i]
        return t if t.dep_ == "advmod" and t.head.i == mod.head.i and t.lower_ in _APPOSITIVE_TIMES else None

    def _joining_dash(self, i: int) -> bool:
        """A dash with no space on either side joins words ("Electron–Positron"): no parenthesis."""
        doc = self.doc
        return doc[i].text in ("—", "–") and not doc[i].whitespace_ and i > 0 and not doc[i - 1].whitespace_

    def _closed(self, mod) -> bool:
        """Set off on the right too: a comma (or dash, bracket) or the end of the sentence follows."""
        j = mod.right_edge.i + 1
        doc = self.doc
        return j >= len(doc) or (doc[j].text in _CLOSERS and not self._joining_dash(j)) or (j == len(doc) - 1 and doc[j].is_punct)

    def _next_to(self, head, mod) -> bool:
        """``mod`` follows ``head``'s own words (no verb of the sentence in between): a misattached
        modifier ("The order is part of a programme, under which…" read as about "order") is left."""
        return all(head in self.doc[j].ancestors for j in range(head.i + 1, mod.left_edge.i))

    def _set_off(self, head, mod) -> bool:
        if not (self._opened(mod) and self._closed(mod) and self._next_to(head, mod)):
            return False
        # what follows the closing comma must not belong to the head's phrase (a list cut in two
        # by the parser: "a steel structure with four lanes, two tram tracks and …")
        j = mod.right_edge.i + 2
        return not (j < len(self.doc) - 1 and head in self.doc[j].ancestors and self.doc[j].dep_ in ("conj", "appos", "nummod", "compound", "amod"))

    def _find(self) -> None:
        doc = self.doc
        for t in doc:
            if t.i in self.protected:
                continue
            head = t.head
            if t.dep_ == "appos" and head.pos_ in ("NOUN", "PROPN") and head.i < t.i and self._set_off(head, t):
                if self._appositive(head, t):
                    self.detached[t.i] = ("apposition", head)
            elif (t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN" and t.right_edge.i + 2 < len(doc)
                  and doc[t.right_edge.i + 1].text == "," and doc[t.right_edge.i + 2].dep_ == t.dep_
                  and doc[t.right_edge.i + 2].head.i == head.i and doc[t.right_edge.i + 2].pos_ == "PROPN"):
                # "the son of a carpenter, Ferreira left school": a description set before the name
                self.detached[t.i] = ("apposition", doc[t.right_edge.i + 2])
            elif t.dep_ == "relcl" and self._next_to(head, t) and self._closed(t) and self._fits(head, t) and (
                    head.ent_type_ != "QUANTITY") and (  # "a colony … at 3,900 metres, which …": not the metres
                    (self._opened(t) and self._relative(t) is not None)
                    or (head.dep_ == "appos" and head.i in self.detached and self._relative(t, that=True) is not None)):
                # a relative clause on an appositive ("X, a former accountant who stole…") is a fact about X
                self.detached[t.i] = ("relative", self._anchor(head))
            elif t.dep_ == "acl" and t.tag_ == "VBN" and (t.left_edge.i == t.i or all(
                    c.dep_ == "advmod" for c in t.lefts)) and self._set_off(head, t):
                # "completed in 1519", "first broadcast in 2011"
                self.detached[t.i] = ("participle", self._anchor(self._phrase_head(head)))
            elif (t.dep_ == "advcl" and (t.tag_ == "VBN" or t.i == 0 and t.tag_ in ("VB", "VBD") and _participle_form(t))
                  and t.left_edge.i == 0 and t.right_edge.i + 1 < len(doc)
                  and doc[t.right_edge.i + 1].text == "," and self._subject(head) is not None
                  and not any(c.dep_ in ("mark", "nsubj", "nsubjpass", "aux", "auxpass") for c in t.children)):
                self.detached[t.i] = ("participle", self._subject(head))
            elif (t.dep_ == "advcl" and t.tag_ == "VBG" and t.i == 0 and t.right_edge.i + 1 < len(doc)
                  and doc[t.right_edge.i + 1].text == "," and head.pos_ in ("VERB", "AUX") and head.i > t.i
                  and self._subject(head) is not None and self._closed(t)
                  and not any(c.dep_ in ("mark", "nsubj", "aux") for c in t.children)):
                # "Weighing nearly 2,000 pounds, Curiosity carries 17 cameras": the subject's own fact
                self.detached[t.i] = ("consequence", head)
            elif (t.dep_ == "advcl" and t.tag_ == "VBG" and t.left_edge.i == t.i and t.i > 0 and doc[t.i - 1].text == ","
                  and head.pos_ in ("VERB", "AUX") and head.i < t.i and self._subject(head) is not None
                  and not any(c.dep_ in ("mark", "nsubj") for c in t.children) and self._closed(t)):
                # "…, beating Ribeira 2-1": the subject did a second thing ("Alcântara beat Ribeira 2-1")
                self.detached[t.i] = ("consequence", head)
            elif (t.dep_ == "advcl" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
                  and doc[t.left_edge.i].lower_ == "when" and doc[t.left_edge.i].head.i == t.i
                  and (when := self._noun_before(t.left_edge.i - 1)) is not None and when.ent_type_ == "DATE"
                  and when.dep_ == "pobj" and self._subject(t) is not None and self._closed(t)):
                # "Construction began in March 2021, when the minister turned the first sod at Askerby": a second
                # event at that date (a relative clause of the date the parser hung on the verb)
                self.detached[t.i] = ("relative", when)
            elif (whole := self._partitive(t)) is not None:
                # "the paintings, some of which had hung unrecognised …": a fact about some of the paintings
                self.detached[t.i] = ("partitive", whole)
            elif t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in t.children) \
                    and self._subject(t) is not None and self._opened(t):
                self.detached[t.i] = ("clause", head)
            elif t.dep_ in ("conj", "parataxis", "ccomp") and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ";" \
                    and t.pos_ in ("VERB", "AUX") and self._subject(t) is not None and head.i < t.i:
                self.detached[t.i] = ("clause", head)
            elif t.dep_ == "conj" and self.detached.get(head.i, ("",))[0] == "participle" and t.i > head.i \
                    and (t.tag_ == "VBN" or t.tag_ == "VBD" and _also_participle(t)
                         or t.lower_ in _SCHEDULE_WORDS and _predicate_word(t)) and not self.mask[t.i]:
                # "the centre, budgeted at £31 million and due to open in 2028": a second fact of the same thing
                self.detached[t.i] = ("participle", self.detached[head.i][1])
            elif (t.dep_ == "conj" or self._and_clause(t)) and _predicate_word(t) and head.pos_ in ("VERB", "AUX") and t.i > head.i \
                    and not self.mask[t.i] and not any(c.dep_ == "cc" and c.lower_ in ("or", "nor") and head.i < c.i < t.i
                                                      for c in head.children):
                # ("were wrecked or swept away": one fact, either way; neither alone is asserted)
                first = self._chain_root(head)
                if self._clause_subject(first) is None or len(list(t.subtree)) < 2:
                    continue
                if first.i > 0 and doc[first.i - 1].text == "," and first.tag_ == "VBN" and not any(
                        c.dep_ in ("aux", "auxpass") for c in first.children) and self._subject(first) is not None \
                        and self._subject(first).i < first.i:
                    continue  # "The Seikan Tunnel, opened in 1988, is longer…": a participle read as the verb
                own = self._subject(t)
                if own is not None and (own.ent_type_ in ("DATE", "TIME") or own.lower_ in ("today", "now", "yesterday")):
                    own = None  # "… and today runs four lines": a date read as the subject
                if own is not None and own.lower_ in ("it", "this", "that", "there") and own.i not in self.repl:
                    continue
                if own is not None and any(c.lower_ == "whose" for c in own.children):
                    # "…to three firms registered in Vienna and Maribor, whose sole directors were …": a relative
                    # clause the parser joined to the main verb, about the noun phrase before its comma
                    noun = self._noun_before(t.left_edge.i - 1)
                    if noun is not None:
                        self.detached[t.i] = ("relative", self._anchor(noun))
                    continue
                self.detached[t.i] = ("clause", first) if own is not None else ("predicate", first)

    def _the(self, name: list[Piece]) -> list[Piece]:
        """A noun phrase opening with its count takes "the" after "of" ("two of the 300 coins")."""
        first = name[0] if name else None
        counted = isinstance(first, int) and (self.doc[first].like_num or self.doc[first].tag_ == "$")  # "€3.1 billion"
        return ["the"] + name if counted else name

    def _partitive(self, verb):
        """The noun a clause like "some of which had hung …" (after a comma) tells about: the one before
        the comma; None when the clause is not one."""
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("advcl", "relcl", "ccomp", "conj", "parataxis"):
            return None
        q = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _QUANTIFIERS | {"none"}
                  or c.dep_ in ("nsubj", "nsubjpass") and c.like_num), None)
        if q is None:  # "…, of which 2.6 million euros came from …": a counted sum, "of which" its own
            q = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                      and any(w.dep_ == "nummod" for w in c.children)), None)
        if q is None or q.left_edge.i < 2 or self.doc[q.left_edge.i - 1].text != ",":
            return None
        of = next((c for c in q.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None or not any(g.dep_ == "pobj" and g.lower_ in ("which", "whom") for g in of.children):
            return None
        before = self.doc[q.left_edge.i - 2]
        # "…, of which €610 million came from the state": a sum before the comma is the whole
        head = before if before.pos_ in ("NOUN", "PROPN") or (of.i < q.i and before.like_num) else None
        return head

    @staticmethod
    def _appositive(head, appos) -> bool:
        """An appositive that says something about its head (not "Cremona, Italy" nor a date)."""
        if appos.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY") or head.ent_type_ in ("DATE", "TIME"):
            return False
        if appos.ent_type_ == "CARDINAL" or (appos.like_num and appos.ent_type_ != "ORDINAL"):  # "Sørensen, 58," is an age; no other number
            return head.ent_type_ == "PERSON" and appos.like_num and len(list(appos.subtree)) == 1
        if appos.ent_type_ in ("GPE", "LOC") and head.ent_type_ in ("GPE", "LOC", "FAC", "ORG"):
            return False
        first = appos.left_edge
        if head.pos_ == "PRON" or (first.lower_ in _QUANTIFIERS and any(w.lower_ == "of" for w in appos.subtree)):
            return False
        if (appos.lemma_.lower() in _SUMMARY_NOUNS and head.dep_ in ("pobj", "dobj")
                and head.ent_type_ not in ("MONEY", "QUANTITY", "CARDINAL", "PERCENT")  # "for 4.2 million kroner, a record"
                and appos.right_edge.i >= len(appos.doc) - 2 and first.lower_ in ("a", "an")):
            return False  # "…to the hospital in Câmpeni, a journey that can take two hours": the clause's, not Câmpeni's
        return True

    @staticmethod
    def _phrase_head(head):
        """The noun a participle set off after a phrase is about: the phrase's own head when the word before
        the comma ends a modifier inside it ("The first expedition to reach the area, led by Kulik, …": the
        expedition; "Hugo's novel about the building, published in 1831": the novel). Not through "of",
        "in", "at", "from", "on": "the University of Padua, founded in 1222" may be either."""
        w = head
        while w.dep_ in ("dobj", "pobj") and w.head.dep_ in ("relcl", "acl", "prep"):
            up = w.head
            if up.dep_ == "prep" and up.lower_ in ("of", "in", "at", "from", "on", "near", "by"):
                break
            owner = up.head
            if owner.pos_ not in ("NOUN", "PROPN") or owner.i > w.i:
                break
            w = owner
        return w

    def _noun_before(self, comma: int):
        """The widest noun phrase that ends just before ``comma`` (None if there is no comma there)."""
        if comma < 1 or self.doc[comma].text != ",":
            return None
        found, w = None, self.doc[comma - 1]
        while w.right_edge.i in (comma - 1, comma):
            if w.pos_ in ("NOUN", "PROPN"):
                found = w
            if w.head.i == w.i:
                break
            w = w.head
        return found

    def _anchor(self, head):
        """What a relative clause or participle is about: "the guideline of 5 micrograms, which…" →
        the guideline."""
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "PROPN") \
                and head.ent_type_ not in ("GPE", "LOC", "ORG", "PERSON", "FAC"):
            return head.head.head
        return head

    @staticmethod
    def _chain_root(verb):
        """The first verb of a chain of coordinated verbs (``conj`` of ``conj`` …)."""
        while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):  # (a clause of its own ends the chain)
            verb = verb.head
        return verb

    def _clause_subject(self, verb):
        """The subject of ``verb``, or of the verb whose complement it is ("plans to extend…")."""
        while verb is not None:
            subj = self._subject(verb)
            if subj is not None:
                return subj
            if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    @staticmethod
    def _subject(verb):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
        if len(subjects) > 1 and subjects[-1].pos_ == "PROPN":
            return subjects[-1]  # "the son of a carpenter, Ferreira left…": the name
        return subjects[0] if subjects else None

    @staticmethod
    def _relative(verb, that: bool = False):
        """The relative pronoun of a relative clause (which, who, whose, where, when; with ``that``:
        also "that"), if any."""
        for w in verb.subtree:
            if w.i > verb.i:
                break
            if (w.lower_ in RELATIVE_PRONOUNS or (that and w.lower_ == "that")) and w.tag_ in ("WDT", "WP", "WP$", "WRB"):
                return w
        return None

    # -- token sets ------------------------------------------------------------------------------
    def _span(self, mod) -> set[int]:
        """A detached modifier with the punctuation and conjunction that set it off."""
        doc = self.doc
        kind, _ = self.detached[mod.i]
        tokens = _subtree(mod)
        if kind in ("predicate", "clause") and mod.dep_ in ("conj", "parataxis", "ccomp") or (
                kind == "participle" and mod.dep_ == "conj"):
            # its own coordinated verbs are atoms of their own, cut from the same head
            for c in mod.children:
                if c.dep_ == "conj" and c.i in self.detached:
                    tokens -= _subtree(c)
            j = min(tokens) - 1
            joined = j if self._and_clause(mod) else -1  # (its "and" hangs on the object before it)
            while j >= 0 and (doc[j].lower_ in ("and", "but", "or", ",", ";") and doc[j].head.i in (mod.head.i, mod.i)
                              or doc[j].text in (",", ";") or j == joined):
                tokens.add(j)
                j -= 1
            return tokens
        when = self._appositive_time(mod)
        if when is not None:
            tokens.add(when.i)
        if kind == "apposition":
            tokens -= self._list_after(mod)
        lo, hi = min(tokens), max(tokens)
        if lo > 0 and doc[lo - 1].text in _OPENERS:
            tokens.add(lo - 1)
            aged = lo > 1 and doc[lo - 1].text == "," and doc[lo - 2].like_num and doc[lo - 2].dep_ == "appos"
            if hi + 1 < len(doc) - 1 and doc[hi + 1].text in _CLOSERS and not aged:
                tokens.add(hi + 1)  # (after "Holubová, 41, who runs …," the age keeps its closing comma)
        elif hi + 1 < len(doc) and doc[hi + 1].text == ",":  # "Built in 1912, the dam…"
            tokens.add(hi + 1)
        return tokens

    def _and_clause(self, t) -> bool:
        """A clause after ", and" with its own subject that the parser read as a complement of the verb before
        it: "It has 102 floors, and its observation deck is on the 86th floor" (a second fact, not what it has)."""
        j = t.left_edge.i
        return (t.dep_ == "ccomp" and j >= 2 and self.doc[j - 1].lower_ in ("and", "but") and self.doc[j - 2].text == ","
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i >= j for c in t.children))

    def _list_after(self, appos) -> set[int]:
        """In "his wife, the ceramicist Teresa Vilar, and three children", the tokens after the appositive's
        closing comma: the sentence's own list ("and three children"), though the parser hangs it on the
        name; the closing comma stays with the appositive."""
        doc = self.doc
        out: set[int] = set()
        for t in appos.subtree:
            if (t.dep_ == "conj" and t.left_edge.i >= 2 and doc[t.left_edge.i - 1].lower_ in ("and", "or")
                    and doc[t.left_edge.i - 2].text == "," and t.head.i != appos.head.i):
                out |= set(range(t.left_edge.i - 1, t.right_edge.i + 1))
        return out

    def _cut(self, tokens: set[int], owner: int | None) -> set[int]:
        """``tokens`` without the detached modifiers inside them (other than ``owner`` itself)."""
        out = set(tokens)
        for i in self.detached:
            if i != owner and i in tokens:
                out -= self._span(self.doc[i])
        return out

    def _owner(self, tok) -> int | None:
        """The detached modifier whose atom holds ``tok`` (None: the main clause)."""
        for a in tok.ancestors:
            if a.i in self.detached and self.detached[a.i][0] != "predicate":
                return a.i
        return None

    # -- names -----------------------------------------------------------------------------------
    def core(self, head) -> list[Piece]:
        """The noun phrase of ``head`` without its detached modifiers (a role with a name: the name)."""
        if head.dep_ == "appos" and head.i in self.detached and self.detached[head.i][0] == "apposition" \
                and not self._is_name_for_role(head.head, head):
            return self.core(head.head)  # "X, a former accountant who stole…": the relative clause is about X
        if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN") and head.head.i < head.i:
            return self.core(head.head)  # "Brazil and Vietnam, the world's two largest producers"
        for c in head.children:
            kind = self.detached.get(c.i, (None,))[0]
            if kind == "apposition" and self._is_name_for_role(head, c):
                return self.core(c)
        tokens = self._cut(_subtree(head), head.i)
        ordered = sorted(tokens)
        while ordered and self.doc[ordered[-1]].is_punct:
            ordered.pop()
        while ordered and self.doc[ordered[0]].is_punct:
            ordered.pop(0)
        if ordered and ordered[-1] != head.i and self.doc[ordered[-1]].like_num and self.doc[ordered[-1]].dep_ == "appos":
            return ordered + [","]  # "Rui Carvalho, 58, said…": the age stays set off
        return ordered

    @staticmethod
    def _is_name_for_role(head, appos) -> bool:
        """"The chief executive, Ana Lima, …": the role's appositive is the name."""
        return (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.lower_ in PERSON_ROLES) and appos.pos_ == "PROPN" \
            and appos.ent_type_ not in ("DATE", "TIME", "CARDINAL") \
            and not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.children)  # "a Largo": a kind

    def _plural(self, head) -> bool:
        if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
            return True
        if head.tag_ == "NNPS" and not head.lower_.endswith("s"):
            # a name the small tagger reads as plural ("Rūta Žemaitytė"): English plural names end in s ("the
            # Falcons", "the Netherlands")
            return any(c.dep_ == "conj" for c in head.children)
        return head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children)

    # -- atoms -----------------------------------------------------------------------------------
    def pieces(self, owner: int | None) -> list[Piece]:
        """The words of the main clause (``None``) or of one detached modifier's atom."""
        if owner not in self._pieces:
            self._pieces[owner] = self._main() if owner is None else (self._modifier(self.doc[owner]) or [])
        return self._pieces[owner]

    def _main(self) -> list[Piece]:
        keep = self._cut(set(range(len(self.doc))), None)
        # a role named by its appositive: the sentence goes on with the name
        for i, (kind, head) in self.detached.items():
            if kind == "apposition" and self._is_name_for_role(head, self.doc[i]) and head.i in keep:
                role = _subtree(head) & keep
                return self._substitute(sorted(keep), role, self.core(self.doc[i]))
        return sorted(keep)

    @staticmethod
    def _substitute(pieces: list[Piece], old: set[int], new: list[Piece]) -> list[Piece]:
        out: list[Piece] = []
        placed = False
        for p in pieces:
            if isinstance(p, int) and p in old:
                if not placed:
                    out += new
                    placed = True
                continue
            out.append(p)
        return out

    def context(self, root) -> list[Piece]:
        """The opening date or place of a clause ("On 1 November 1755,"), for its other atoms."""
        subj = self._subject(root)
        limit = subj.left_edge.i if subj is not None else root.i
        out: list[Piece] = []
        for c in root.children:
            if c.i >= limit or c.dep_ not in ("prep", "npadvmod", "advmod") or c.i in self.detached:
                continue
            words = _subtree(c)
            if any(self.doc[w].ent_type_ in _CONTEXT_ENTS for w in words):
                out += sorted(words)
                nxt = max(words) + 1
                if nxt < len(self.doc) and self.doc[nxt].text == ",":
                    out.append(nxt)
        return out

    def _modifier(self, mod) -> list[Piece] | None:
        kind, head = self.detached[mod.i]
        own = sorted(self._cut(_subtree(mod), mod.i))
        if kind == "apposition":
            tail = self._list_after(mod)
            own = [i for i in own if i not in tail]
            while own and self.doc[own[-1]].text == ",":
                own.pop()
            joined = False
            named = self._is_name_for_role(head, mod)
            if named:
                subject, predicate = self.core(mod), self._role_phrase(head)
            else:  # (not what the sentence joins to the head after the appositive: "…, a charity, and the rest")
                joined = head.i < mod.i and any(c.dep_ == "conj" and c.i > mod.right_edge.i for c in head.children)
                subject = [p for p in self.core(head) if not (joined and isinstance(p, int) and p > mod.right_edge.i)]
                predicate = own
            subject = [p for p in subject if not (isinstance(p, int) and p in tail)]
            when = self._appositive_time(mod)
            if when is not None:  # "Łódź was once the centre of…", "The mill is now a museum"
                past = when.lower_ in ("once", "formerly", "previously")
                verb = ("were" if past else "are") if self._plural(head) else ("was" if past else "is")
                return subject + [verb, when.lower_] + [p for p in predicate if p != when.i]
            # (a name for its role is one person or more by the name: "X's founder and chief executive, Rūta
            # Žemaitytė" is one)
            plural = self._plural(mod) if named else head.tag_ in ("NNS", "NNPS") if joined else self._plural(head)
            return subject + ["are" if plural else "is"] + predicate
        if kind == "participle":
            return self._before(self.core(head), mod) + [self._be(head, mod)] + own
        if kind == "relative":
            return self._relative_atom(mod, head, own)
        if kind == "partitive":  # "some of which had hung …" → "Some of the paintings had hung …"
            which = next(w for w in mod.subtree if w.lower_ in ("which", "whom") and w.dep_ == "pobj")
            of = which.head
            if of.i < of.head.i:  # "of which €610 million came …" → "€610 million of the €3.1 billion came …"
                part = sorted(_subtree(of.head) - _subtree(of))
                return part + ["of"] + self._the(self.core(head)) + [
                    i for i in own if i not in part and i not in _subtree(of)]
            return [p for i in own for p in (self._the(self.core(head)) if i == which.i else [i])]
        if kind == "clause":
            marks = {c.i for c in mod.children if c.dep_ in ("mark", "cc") and c.i < mod.i
                     and c.lower_ in _CONTRAST_MARKS | {"and", "but", "or"}}
            return [i for i in own if i not in marks]
        if kind == "predicate":
            if head.dep_ == "relcl" and self.detached.get(head.i, ("",))[0] == "relative":
                # "the blaze, which broke out at 10 p.m. and was brought under control at 4 a.m.": the blaze
                rel = self._relative(head, that=True)
                if rel is None or rel.dep_ not in ("nsubj", "nsubjpass"):
                    return None
                marks = {i for i in own if self.doc[i].dep_ == "cc" and self.doc[i].head.i in (head.i, mod.i)}
                # "which was taken down in 1989 and restored in 2025": the second participle shares the "was"
                bare = (mod.tag_ == "VBN" or mod.tag_ == "VBD" and _also_participle(mod)) and not any(
                    c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in mod.children)
                shared = [c.i for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i] if bare else []
                name = self._before(self.core(self.detached[head.i][1]), head)
                return name + shared + [i for i in own if i not in marks]
            return self._predicate_atom(mod, head, own)
        if kind == "consequence":
            verb = _finite(mod, head)
            if verb is None:
                return None
            dates = [i for c in head.children if c.dep_ in ("prep", "npadvmod") and c.i < mod.i and self._is_date(c)
                     for i in sorted(_subtree(c))]
            opening = self.context(head)
            frame = opening if opening else (dates + [","] if dates else [])
            more = {c.i: _finite(c, head) for c in mod.children if c.dep_ == "conj" and c.tag_ == "VBG"}
            return frame + self.core(self._subject(head)) + [verb] + [
                more[i] if more.get(i) else i for i in own if i != mod.i]
        return None

    def _fits(self, head, mod) -> bool:
        """"when" follows a time and "where" a place: "struck by a tram, when the church was…" is no
        relative clause of the tram (the clause stays in its sentence)."""
        rel = self._relative(mod)
        if rel is None or rel.lower_ not in ("where", "when"):
            return True
        timely = head.ent_type_ in ("DATE", "TIME") or head.lemma_.lower() in _TIME_NOUNS or head.like_num
        if rel.lower_ == "when":
            return timely
        placed = head.dep_ == "pobj" and head.head.lower_ in ("to", "at", "in", "from", "near", "into", "outside", "inside")
        return not timely and (placed or head.ent_type_ not in ("PERSON", "NORP"))

    def _before(self, name: list[Piece], mod) -> list[Piece]:
        """The words of a noun phrase before its modifier ("the Victoria Bridge, which opened in 1887,
        and the Abbey footbridge": the bridge alone), less a dangling conjunction or comma."""
        if mod.i < max((p for p in name if isinstance(p, int)), default=-1) and mod.head.i in name:
            name = [p for p in name if not isinstance(p, int) or p < mod.left_edge.i]
        while name and isinstance(name[-1], int) and (self.doc[name[-1]].is_punct or self.doc[name[-1]].dep_ == "cc"):
            name.pop()
        return name

    def _relative_atom(self, mod, head, own: list[int]) -> list[Piece] | None:
        rel = self._relative(mod, that=True)
        if rel is None:
            return None
        if head.dep_ == "appos" and head.i not in self.detached and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "the Large Electron–Positron Collider, which…" (a name the parser cut at its dash)
        if rel.lower_ in ("who", "whom") and head.ent_type_ != "PERSON" and head.dep_ == "pobj" \
                and head.head.lower_ == "of" and head.head.head.ent_type_ == "PERSON":
            head = head.head.head  # "Niccolò Ferrà of the Civic Union, who took 33.9 per cent": Ferrà
        name = self._before(self.core(head), mod)
        rest = [i for i in own if i != rel.i]
        if rel.lower_ == "whose":
            noun = rel.head
            if any(isinstance(p, int) and self.doc[p].pos_ == "ADP" for p in name) and noun.pos_ == "NOUN":
                # "Ulm Minster in Germany, whose spire rises…" → "the spire of Ulm Minster in Germany rises…"
                lead = [i for i in own if noun.left_edge.i <= i <= noun.i and i != rel.i]
                return ["the"] + lead + ["of"] + name + [i for i in own if i > noun.i]
            return [p for i in own for p in (name + [self.apostrophe + "s"] if i == rel.i else [i])]
        if rel.dep_ in ("nsubj", "nsubjpass"):
            return name + rest
        if rel.dep_ == "dobj":
            verb, after = rel.head, rel.head.i
            for c in verb.children:
                if c.dep_ == "prt" and c.i == after + 1:
                    after = c.i
            return [p for i in rest for p in ([i] + name if i == after else [i])]
        if rel.dep_ == "pobj" and rel.head.dep_ == "prep":
            prep = rel.head
            if prep.lower_ == "of" and prep.head.dep_ in ("nsubj", "nsubjpass") and (
                    prep.head.lower_ in _QUANTIFIERS or prep.head.like_num):
                # "two of which" → "Two of the 300 coins"
                return [p for i in own for p in (self._the(name) if i == rel.i else [i])]
            subj = next((c for c in prep.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if prep.lower_ == "of" and subj is not None and prep.i < subj.i and (
                    subj.lower_ in _QUANTIFIERS or subj.like_num or any(c.like_num for c in subj.children)):
                # "…, of which 9.8 million came from the Cohesion Fund" → "9.8 million of the 14.5 million euros
                # came from the Cohesion Fund" (not "the Cohesion Fund of 14.5 million euros")
                part = sorted(_subtree(subj))
                return part + ["of"] + self._the(name) + [i for i in rest if i != prep.i and i not in part]
            return [i for i in rest if i != prep.i] + [prep.text] + name
        if rel.lower_ in ("where", "when"):
            fits = ("in", "on", "during", "at") if rel.lower_ == "when" else ("in", "at", "on", "near", "inside")
            if head.dep_ == "pobj" and (head.head.lower_ in fits or rel.lower_ == "when" and head.head.pos_ == "ADP"):
                prep = head.head.text
            else:
                prep = "at" if rel.lower_ == "where" and head.ent_type_ in ("FAC", "ORG", "PERSON") else "in"
            return rest + [prep] + name
        return None

    def _predicate_atom(self, mod, head, own: list[int]) -> list[Piece]:
        """The clause of ``head`` with ``mod`` in the place of ``head``'s predicate."""
        frame = self.pieces(self._owner(head)) if self._owner(head) is not None else self.pieces(None)
        drop = {i for i in _subtree(head) if i >= head.i}
        passive_pair = mod.tag_ == "VBD" and any(c.dep_ == "auxpass" for c in head.children) and _also_participle(mod) \
            and not (head.lower_ == "born" and mod.lower_ not in _BORN_AND)  # "was born … and moved to": active
        if any(c.dep_ in ("aux", "auxpass") for c in mod.children) or (mod.tag_ in ("VBZ", "VBD", "VBP") and not passive_pair):
            drop |= {c.i for c in head.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < head.i}
        marks = {i for i in own if self.doc[i].dep_ == "cc" and self.doc[i].head.i in (head.i, mod.i)}
        body = [i for i in own if i not in marks]
        if self._own_time(mod):  # "…struck an iceberg and sank less than three hours later": not on the 14th
            drop |= self._fronted(head)
        out: list[Piece] = []
        placed = False
        for p in frame:
            if isinstance(p, int) and p in drop:
                if not placed and p >= head.i:
                    out += body
                    placed = True
                continue
            out.append(p)
        if not placed:
            out += body
        return out

    def _own_time(self, verb) -> bool:
        """The verb says when on its own ("… three hours later", "… on 15 April", "… in 1913")."""
        for c in verb.children:
            if c.dep_ in ("advmod", "npadvmod") and c.lower_ in _RELATIVE_TIME:
                return True
            if c.dep_ in ("prep", "npadvmod") and c.i > verb.i and any(
                    self.doc[w].ent_type_ in ("DATE", "TIME") for w in _subtree(c)):
                return True
        return False

    def _fronted(self, head) -> set[int]:
        """The phrases set before ``head``'s subject ("Four days later, shortly before midnight on 14
        April, she…"), with their commas."""
        subj = self._subject(head)
        if subj is None:
            return set()
        out: set[int] = set()
        for c in head.children:
            if c.dep_ in ("prep", "npadvmod", "advmod") and c.i < subj.left_edge.i:
                out |= _subtree(c)
        out |= {i for i in range(0, subj.left_edge.i) if self.doc[i].text == "," and out and i > min(out)}
        return out

    def _is_date(self, phrase) -> bool:
        """"on Saturday", "on Wednesday night", "in 2009": a phrase that is only a date."""
        words = [self.doc[w] for w in _subtree(phrase) if w != phrase.i or phrase.dep_ != "prep"]
        return bool(words) and all(w.ent_type_ == "DATE" or w.dep_ == "det" or (w.ent_type_ == "TIME" and w.lower_ in (
            "night", "morning", "evening", "afternoon", "noon", "midnight")) for w in words)

    def _role_phrase(self, head) -> list[Piece]:
        tokens = _subtree(head)
        for c in head.children:
            if c.i in self.detached:
                tokens -= self._span(c)
        return sorted(tokens)

    def _be(self, head, participle) -> str:
        plural = self._plural(head)
        if participle.lower_ in STATIVE_PARTICIPLES:
            return "are" if plural else "is"
        return "were" if plural else "was"

    # -- coordinated quantities ------------------------------------------------------------------
    def quantities(self, pieces: list[Piece]) -> list[list[Piece]]:
        """One copy of ``pieces`` per conjunct when every conjunct of a coordination carries its own
        number ("147 passengers and 20 bicycles"); ``[pieces]`` when there is none."""
        kept = {p for p in pieces if isinstance(p, int)}
        doc = self.doc
        for t in doc:
            if t.i not in kept or t.i in self.protected or t.dep_ == "conj" or t.pos_ not in ("NOUN", "ADJ", "PROPN"):
                continue
            conjs = [c for c in t.children if c.dep_ == "conj" and c.pos_ == t.pos_ and c.i in kept]
            if not conjs:
                continue
            while conjs[-1].i in kept and any(c.dep_ == "conj" and c.i in kept for c in conjs[-1].children):
                conjs.append(next(c for c in conjs[-1].children if c.dep_ == "conj"))
            members = [t] + conjs
            owns = []
            for k, m in enumerate(members):
                words = _subtree(m)
                for later in members[k + 1:]:
                    words -= _subtree(later)
                words -= {c.i for c in m.children if c.dep_ in ("cc", "punct")}
                owns.append(words & kept)
            if len(members) > 3 or not all(any(doc[w].like_num or doc[w].ent_type_ in _NUMBER_ENTS for w in o
                                               if doc[w].ent_type_ not in ("DATE", "TIME")) for o in owns):
                continue
            if any(doc[m.i].ent_type_ in ("DATE", "TIME") or doc[m.i].like_num for m in members):
                continue
            glue = set(range(min(min(o) for o in owns), max(max(o) for o in owns) + 1)) & kept
            glue -= set().union(*owns)
            # "carry up to 147 passengers and 20 bicycles": "up to" caps every figure of the verb
            capping = {w for w in owns[0] if doc[w].lower_ == "to" and doc[w].dep_ == "quantmod"
                       and w > 0 and doc[w - 1].lower_ == "up" and doc[w - 1].dep_ == "prt"}
            out = []
            for k, o in enumerate(owns):
                others = (set().union(*(x for j, x in enumerate(owns) if j != k)) | glue) - (capping if k else set())
                out.append([p for p in pieces if not (isinstance(p, int) and p in others)])
            return out
        return [pieces]

    def gapped(self, pieces: list[Piece]) -> list[list[Piece]]:
        """Two events of one verb told with the verb said once ("opened to pedestrians on 27 May 1937 and
        to cars on 29 May"): one copy per event, each with its own phrase and date; ``[pieces]`` when the
        sentence has no such gap."""
        kept = {p for p in pieces if isinstance(p, int)}
        doc = self.doc
        for second in doc:
            first_date = second.head
            verb = first_date.head
            if not (second.dep_ == "conj" and second.pos_ == "ADP" and second.i in kept and first_date.dep_ == "prep"
                    and first_date.pos_ == "ADP" and verb.pos_ in ("VERB", "AUX") and self._dated(first_date)):
                continue
            # the second date hangs on the verb or, as the parser often has it, on the second phrase's noun
            later = [c for c in verb.children if c.dep_ == "prep" and c.i > second.i and self._dated(c)] or [
                c for c in second.subtree if c.dep_ == "prep" and c.i > second.i and self._dated(c)]
            cc = [c.i for c in first_date.children if c.dep_ == "cc" and c.i < second.i]
            if not later or not cc:
                continue
            own_second = _subtree(second)
            date_one = _subtree(first_date) - own_second - set(cc)
            date_two = _subtree(later[0])
            same = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == second.lower_ and c.i < first_date.i]
            one = own_second | set(cc) | date_two
            two = date_one | set(cc) | (_subtree(same[0]) if same else set())
            return [[p for p in pieces if not (isinstance(p, int) and p in drop)] for drop in (one, two)]
        return [pieces]

    def _dated(self, prep) -> bool:
        return any(c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in prep.children)


_OPEN_QUOTES = ("“", '"')
_CLOSE_QUOTES = ("”", '"')


def _speaker_first(doc, pieces: list[Piece]) -> list[Piece] | None:
    """``“Q,” said X.`` / ``“Q,” X said in a statement.`` → ``X said: “Q.”`` (the speaker first, the
    quoted words verbatim); None when the sentence is not a quotation followed by its attribution."""
    if not pieces or not isinstance(pieces[0], int) or doc[pieces[0]].text not in _OPEN_QUOTES:
        return None
    close = next((i for i in range(pieces[0] + 1, len(doc)) if doc[i].text in _CLOSE_QUOTES), None)
    if close is None or close - 1 <= pieces[0] or doc[close - 1].text not in (",", "!", "?"):
        return None
    after = [p for p in pieces if isinstance(p, int) and p > close and not (doc[p].is_punct and p == len(doc) - 1)]
    verbs = [doc[p] for p in after if doc[p].lemma_.lower() in SPEECH_LEMMAS and doc[p].pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or any(isinstance(p, str) for p in pieces):
        return None
    verb = verbs[0]
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > close]
    if not subj:
        return None
    speaker = [p for p in after if subj[0].left_edge.i <= p <= subj[0].right_edge.i]
    rest = [p for p in after if p not in speaker and p != verb.i and not doc[p].is_punct]
    mark = doc[close - 1].text if doc[close - 1].text in ("!", "?") else "."
    quoted = [p for p in pieces if isinstance(p, int) and pieces[0] <= p < close - 1]
    return speaker + [verb.i] + rest + [":"] + quoted + [mark, close]


def _also_participle(verb) -> bool:
    """A past form that is also the past participle ("listed", "opened"; not "sold"… which are too, nor "ran")."""
    from lemminflect import getInflection

    return verb.lower_ in (getInflection(verb.lemma_.lower(), "VBN") or ())


def _predicate_word(tok) -> bool:
    """A verb, or a schedule word with its verb ("due to open"), heads a predicate of its own."""
    return tok.pos_ in ("VERB", "AUX") or (tok.lower_ in _SCHEDULE_WORDS and any(
        c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") for c in tok.children)) or (
        # "… and shares out 14 ministries": a verb the parser tagged a noun (no noun takes a particle or object)
        tok.pos_ == "NOUN" and any(c.dep_ in ("prt", "dobj") for c in tok.children))


def _participle_form(verb) -> bool:
    """A word that can be a past participle, whatever tag the parser gave it ("Shot over 38 days, …")."""
    from lemminflect import getInflection, getLemma

    lemmas = set(getLemma(verb.lower_, upos="VERB") or ()) | {verb.lemma_.lower()}
    return any(verb.lower_ in (getInflection(lemma, "VBN") or ()) for lemma in lemmas)


def _finite(participle, head) -> str | None:
    """The participle as a finite verb in the tense of its clause ("beating" after "won" → "beat")."""
    from lemminflect import getInflection  # imported when first needed (its tables load in ≈ 0.2 s)

    lemma = participle.lemma_.lower()
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "shall", "'ll"}:
        return f"will {lemma}"
    if head.tag_ in ("VBD", "VBN") or aux & {"was", "were", "had"}:
        tag = "VBD"
    elif head.tag_ in ("VBZ", "VBP"):
        tag = "VBZ" if head.tag_ == "VBZ" or aux & {"has", "is"} else "VBP"
    else:
        return None
    forms = getInflection(lemma, tag)
    return forms[0] if forms else None


def split_atoms(doc, repl: dict[int, tuple[int, str]], mask: list[bool] | None = None, *,
                speech: bool = False) -> list[Atom]:
    """The atoms of one sentence's parse, main clause first.

    ``repl`` maps a token index to ``(end, text)``: the tokens ``start:end`` read as ``text`` (a
    resolved reference); ``mask`` marks quoted tokens, which are never cut; ``speech``: the main
    clause reports speech (its atom keeps the speaker and the words).
    """
    mask = mask if mask is not None else [False] * len(doc)
    roots = [t for t in doc if t.dep_ == "ROOT"]
    whole = Atom(_capitalised(render(doc, list(range(len(doc))), repl)), "main", speech)
    if len(roots) == 1 and len(doc) >= 6 and roots[0].pos_ in ("NOUN", "PROPN") and not speech:
        mended = _verb_read_as_participle(doc, roots[0], repl, mask)
        if mended is not None:
            return mended
    if len(roots) != 1 or len(doc) < 6 or roots[0].pos_ not in ("VERB", "AUX"):
        return [whole]
    mended = _participle_read_as_verb(doc, roots[0], repl, mask)
    if mended is not None:
        return mended
    sp = _Splitter(doc, repl, mask)
    if not sp.detached and not any(t.dep_ == "conj" for t in doc):
        return [whole]
    atoms: list[Atom] = []
    seen: set[str] = set()
    main = sp.pieces(None)
    if speech:
        main = _speaker_first(doc, main) or main

    def add(pieces: list[Piece], kind: str, is_speech: bool) -> None:
        for variant in (v for q in sp.quantities(pieces) for v in sp.gapped(q)):
            text = _finish(render(doc, variant, repl), doc)
            if len(text.split()) >= 3 and text not in seen:
                seen.add(text)
                atoms.append(Atom(text, kind, is_speech))

    add(main, "main", speech)
    for i in sorted(sp.detached):
        pieces = sp.pieces(i)
        if pieces:
            add(pieces, sp.detached[i][0], False)
    return atoms or [whole]


def _verb_read_as_participle(doc, root, repl, mask) -> list[Atom] | None:
    """"The Kelder Bridge, which opened in 1932, reopened in 1952." parsed as a noun phrase with "reopened" a
    participle on it: the last verb is the sentence's own ("The Kelder Bridge reopened in 1952."), the relative
    clause a fact of the subject ("The Kelder Bridge opened in 1932.")."""
    if any(mask):
        return None
    rel = next((c for c in root.children if c.dep_ == "relcl" and c.i > root.i), None)
    verb = next((c for c in root.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and rel is not None
                 and c.i > rel.right_edge.i), None)
    if rel is None or verb is None:
        return None
    pronoun = next((c for c in rel.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that")),
                   None)
    if (pronoun is None or doc[rel.left_edge.i - 1].text != "," or doc[verb.left_edge.i - 1].text != ","
            or verb.left_edge.i != verb.i or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)):
        return None
    last = len(doc) - 1 if doc[-1].is_punct else len(doc)
    if verb.right_edge.i + 1 < last or any(c.i > root.i and c.i not in (rel.i, verb.i) and not c.is_punct
                                             for c in root.children):
        return None  # the verb's phrase must close the sentence, and nothing else hang on the noun after it
    name = list(range(root.left_edge.i, rel.left_edge.i - 1))
    main = name + list(range(verb.i, verb.right_edge.i + 1))
    relative = name + [w.i for w in rel.subtree if w.i != pronoun.i]
    return [Atom(_finish(render(doc, main, repl), doc), "main", False),
            Atom(_finish(render(doc, relative, repl), doc), "relative", False)]


def _participle_read_as_verb(doc, root, repl, mask) -> list[Atom] | None:
    """"The Nokia 3310, launched in 2000, sold more than 200 million units." parsed with "launched" as the
    verb and "sold" joined to it: the participle is the subject's own fact and "sold" the main one
    ("The Nokia 3310 sold …", "The Nokia 3310 was launched in 2000.")."""
    # (a past form the tagger took for the verb, participle or not in its tables: "first lit on …")
    if root.tag_ not in ("VBN", "VBD") or root.i == 0 or any(mask):
        return None
    start = root.i  # "The lamp, first lit on 10 September 1876, burned …": an adverb may open the participle
    while start > 1 and doc[start - 1].dep_ == "advmod" and doc[start - 1].head.i == root.i:
        start -= 1
    if doc[start - 1].text != ",":
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return None
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i), None)
    def helped(c) -> bool:  # "…, has been rebuilt with a new glass roof": a finite verb group
        return c.tag_ in ("VBN", "VBG") and any(a.dep_ == "aux" and a.i < c.i for a in c.children)

    conj = next((c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 and (c.tag_ in ("VBD", "VBZ", "VBP") or helped(c)) and c.i > root.i
                 and doc[c.left_edge.i - 1].text == ","), None)
    if subj is None or conj is None or any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "aux" and not helped(conj)
                                           for c in conj.children):
        return None
    name = sorted(w.i for w in subj.subtree)
    while name and doc[name[-1]].is_punct:
        name.pop()
    if name and name[-1] != start - 2 and doc[name[-1]].dep_ != "appos":
        return None  # the subject must run up to the comma before the participle
    skip = {subj.i, conj.i}
    part = sorted(w.i for c in root.children if c.i not in skip and c.i < conj.i and c.dep_ not in ("punct", "cc")
                  for w in c.subtree)
    rest = sorted(w.i for w in conj.subtree if not (w.is_punct and w.i == len(doc) - 1))
    if not part or not rest:
        return None
    plural = subj.tag_ in ("NNS", "NNPS")
    be = ("are" if plural else "is") if root.lower_ in STATIVE_PARTICIPLES else ("were" if plural else "was")
    if any(doc[i].lower_ == "since" for i in part):  # "closed since 2011": a state that has lasted
        be = "have been" if plural else "has been"
    out = []
    for pieces, kind in ((name + rest, "main"), (name + [be] + sorted([root.i] + part), "participle")):
        out.append(Atom(_finish(render(doc, pieces, repl), doc), kind, False))
    return out


# -- rendering -------------------------------------------------------------------------------------
def render(doc, pieces: list[Piece], repl: dict[int, tuple[int, str]]) -> str:
    """Words of ``pieces`` in order, with resolved references read through ``repl``."""
    kept = {p for p in pieces if isinstance(p, int)}
    out: list[str] = []
    replaced: set[int] = set()  # tokens read as part of a replacement already written
    last = None
    for p in pieces:
        if isinstance(p, int) and last is not None and p != last + 1 and out and not out[-1].endswith(" "):
            out[-1] += " "  # words that were not next to each other in the sentence
        if isinstance(p, int):
            last = p
        if isinstance(p, str):
            if out and not out[-1].endswith(" "):
                out[-1] += " "
            out.append(p + " ")
            continue
        if p in replaced:
            continue
        if p in repl:
            end, name = repl[p]
            if all(j in kept for j in range(p, end)):
                if out and p > 0 and doc[p - 1].i not in kept and out[-1] and not out[-1].endswith(" "):
                    out[-1] += " "
                if p == 0 and "".join(out).strip() and re.match(r"(?:The|A|An) ", name):
                    name = name[:1].lower() + name[1:]  # "The office's director" moved after "is": "the Kočevje …"
                out.append(name + doc[end - 1].whitespace_)
                replaced |= set(range(p + 1, end))
                continue
        tok = doc[p]
        if tok.i == 0 and "".join(out).strip() and tok.pos_ not in ("PROPN",) and tok.text != "I" and not (
                len(tok.text) > 1 and tok.text.isupper()):
            out.append(tok.lower_ + tok.whitespace_)  # a phrase moved from the start of the sentence
        else:
            out.append(tok.text_with_ws)
    return "".join(out)


def _capitalised(text: str) -> str:
    """A sentence that now starts with a resolved reference starts with a capital ("the dam's" →
    "The dam's"); "iPhone" and a leading quotation mark are left alone."""
    if text[:1].islower() and not (len(text) > 1 and text[1].isupper()):
        return text[:1].upper() + text[1:]
    return text


_SPACE_BEFORE = re.compile(r"\s+([,.;:!?)”’]|['’]s\b|n't\b)")


def _finish(text: str, doc) -> str:
    """Tidy punctuation, capitalise, end with the sentence's own mark (or a period)."""
    text = " ".join(text.split())
    text = _SPACE_BEFORE.sub(r"\1", text)
    text = re.sub(r"([“(])\s+", r"\1", text)
    text = re.sub(r",(\s*,)+", ",", text)
    text = re.sub(r"^[\s,;:—–-]+|[\s,;:—–-]+$", "", text)
    text = re.sub(r"[,;]?\s+(and|but|or|yet|so|nor)\s*([.!?]?)$", r"\2", text)  # a conjunction whose clause went
    text = re.sub(r",\s*([.!?])", r"\1", text)
    end = doc[-1].text if len(doc) and doc[-1].text in (".", "!", "?") else "."
    stripped = text.rstrip()
    if stripped and stripped[-1] not in ".!?" and not (stripped[-1] in "”\"’" and stripped[-2:-1] in (".", "!", "?")):
        text = stripped.rstrip(".") + end
    if text and not (len(text) > 1 and text[1].isupper()):
        text = text[:1].upper() + text[1:]
    return text
