"""Decontextualisation: make each sentence's claims readable on their own.

For every sentence (in article order, so the mention table grows as a reader's memory does):

- pronouns outside quotation marks ("He added…", "his government") become the person they refer
  to (nearest salient person of compatible gender), unless that person is already named earlier
  in the same sentence;
- role phrases ("the Salvadoran president") become the named person who holds that role in the
  article; bare descriptions ("the judge", "the administration") take the fuller description the
  article introduced ("the federal judge", "the Trump administration");
- relative dates ("yesterday", "this week", "in March") become absolute when the article date is known;
- compound sentences whose coordinated clauses each assert something are split into atomic claims
  (the shared subject is repeated);
- speakers and the quoted words are found for direct and indirect speech, and carried over to a
  quotation that continues in the next sentence.

>>> dc = Decontextualizer(nlp)
>>> out = dc.run("Talks resume", ["Senator Jane Doe met the mayor.", "She said talks would resume."], None)
>>> out[1].texts
['Doe said talks would resume.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from factdesk.claims.atoms import Atom, split_atoms
from factdesk.claims.relative_dates import (ANCHORED as ANCHORED_DATE, RULES as DATE_RULES, anniversary_year,
                                            resolve_anchored_dates, resolve_relative_dates)
from factdesk.claims.mentions import (
    BUSINESS_NOUNS, COMPANY_KINDS, GENDERED_ROLES, HONORIFICS, ORG_ROLES, PERSON_ROLES, SPEECH_LEMMAS, SURNAME_PARTICLES,
    Entity,
    MentionTable, gender_of_name,
    is_first_name,
    called_a_business,
    mark_missed_companies,
    mark_missed_names,
    mark_missed_people,
    unusual_names,
)
from factdesk.claims.nlp import pipe
from factdesk.claims.references import (BROADER, ORG_NOUNS, PLACE_OWNED, ThingTable, common_plural, english_noun,
                                         owned_by, possessive)

#: job titles written before a name ("Chief executive Annika Lähteenmäki said …"): the post is a fact of its own
TITLE_ROLES = frozenset("""executive director coach manager headteacher chairman chairwoman chair officer spokesperson
    spokesman spokeswoman curator conductor editor principal captain treasurer engineer architect""".split())
#: of these, the posts a company holds ("Harjuvaara Steel's chief executive")
_COMPANY_POSTS = frozenset({"executive", "director", "chairman", "chairwoman", "chair", "officer"})

#: what a built thing is also called (``BROADER``): a name before a noun of that kind names the thing
_BUILT_KINDS = frozenset({"building", "structure", "bridge", "tower", "facility", "site", "line", "route", "church"})
SPEECH_FORMS = frozenset({"writing", "saying", "adding", "telling", "noting", "arguing", "wrote", "said"})
#: reporting verbs whose content is best checked as an attribution (what a source found or reports)
REPORT_LEMMAS = frozenset({"report", "find", "show", "estimate", "reveal", "conclude", "indicate", "according"})
_MONTHS_AND_DAYS = frozenset("""january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split())
PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
#: bare organisation nouns that may point back to the organisation last named ("the company" → Apple)
ORG_FALLBACK_HEADS = frozenset({"company", "firm", "agency", "club", "group", "board", "organisation", "organization",
                                "bank", "airline", "carrier", "manufacturer", "retailer", "insurer", "startup",
                                "union", "charity", "regulator", "watchdog"})
#: what an appositive calls a thing, not a person ("Café Aurora, the São Paulo coffee chain")
_THING_NOUNS = (frozenset(BROADER) | frozenset(w for v in BROADER.values() for w in v) | ORG_NOUNS | ORG_ROLES
                | COMPANY_KINDS
                | frozenset({"chain", "brand", "cooperative", "newspaper", "magazine", "app", "platform", "startup",
                             "province", "region"}))
#: spaCy's pipeline costs grow with length; longer sentences are parsed only up to here
MAX_NLP_CHARS = 1200
#: the sentences before one whose dates tell which year a bare "27 April" or "in March" is in
STORY_SENTENCES = 4
#: texts per spaCy batch: each batch costs ≈ 3–6 ms on top of its texts, so small batches are slow;
#: on a long article the caller works on one batch's sentences while the next is parsed
PARSE_BATCH = 64


#: what may make decontextualisation rewrite a sentence, guessed from its text before the parse:
#: a pronoun, a description as subject ("The minister said…"), a quotation without its speaker
_MAY_RESOLVE = re.compile(r"\b(he|him|his|himself|she|her|hers|herself|they|them|their|theirs|themselves|it|its)\b"
                          r"|^\W*(the|this|that|these|those)\b|^\W*[“\"‘']", re.I)


def may_rewrite(text: str, continues_quote: bool = False, dated: bool = True) -> bool:
    """Whether the sentence may come out of decontextualisation changed (a cheap guess, before the
    parse; a sentence split into clauses is not foreseen). Used only to choose what to embed while
    spaCy parses: a wrong guess costs time, never a different claim.

    >>> may_rewrite("Unemployment fell to 3.9 percent."), may_rewrite("He denied it.")
    (False, True)
    """
    return (continues_quote or _MAY_RESOLVE.search(text) is not None
            or ANCHORED_DATE.search(text) is not None
            or (dated and any(pattern.search(text) for pattern, _ in DATE_RULES)))


def _plain_word_first(tok, known: Entity) -> bool:
    """A sentence's first word that is a plural common noun and the last word of a name that is no one's
    ("Trams returned …" after "Aske Valley Trams"): the word in its own sense."""
    return tok.is_sent_start and known.gender is None and known.key != tok.text and common_plural(tok.text)


#: a pronoun that stays as written (its own clause says who, and the table does not know them)
_NO_ONE = object()


@dataclass
class Resolution:
    source: str
    target: str
    kind: str  # pronoun | role | description | date


@dataclass
class SentenceAnalysis:
    """What decontextualisation found in one sentence."""

    doc: object
    texts: list[str]
    resolutions: list[Resolution] = field(default_factory=list)
    speaker: str | None = None
    quote: str | None = None
    speech: str | None = None  # direct | indirect | report
    speech_verb: str | None = None
    dates: list[str] = field(default_factory=list)
    entities: list[dict[str, str]] = field(default_factory=list)
    #: the speaker is a person or organisation the article names (not "critics", "analysts")
    speaker_named: bool = False
    #: with ``one_fact``: the atoms behind ``texts`` (same order), each with how it was cut out
    atoms: list = field(default_factory=list)


_FUTURE_PHRASE = re.compile(r"\b(is|are|was|were) (expected|likely|set|poised|scheduled|due|going) to\b|\bplans? to\b|\bforecasts?\b|\bprojected to\b"
                            r"|\b(is|are) (scheduled|due|planned|set) for\b", re.I)


_AHEAD = re.compile(r"\b(will|shall|'ll|(is|are) (due|scheduled|set|expected|planned) (to|for)|plans? to|from next)\b"
                    r"|\b(opens|starts|begins|launches|premieres|debuts|resumes|reaches|arrives|returns|"
                    r"kicks? off|hits (?:cinemas|screens|shelves|stores)|takes? (?:effect|place)|comes? into (?:force|effect|service)"
                    r"|enters? (?:service|force)|go(?:es)? on sale|expires)\b", re.I)  # "The cuts take effect on 25 October"
#: a present-tense event verb with a date is a schedule ("The film opens in cinemas on 16 October"):
#: its month and day are the next ones
_SCHEDULE_VERBS = frozenset({"open", "start", "begin", "launch", "premiere", "debut", "resume", "reach", "arrive",
                             "return", "kick", "hit", "go", "take", "come", "enter", "expire"})  # "takes effect in April"


#: how many sentences after two people are named together "the pair" may still mean them
PAIR_WITHIN = 3
#: the people "the two …" and "both …" may count ("the two men", "both defendants")
_PAIR_PEOPLE = frozenset({"men", "women", "brothers", "sisters", "aviators", "climbers", "defendants"})
#: auxiliaries that put a clause's event ahead: "will open", "can resit it in August", "may reopen in May"
_AHEAD_AUX = frozenset({"will", "shall", "'ll", "wo", "can", "may", "might"})
#: verbs that report what someone said: what they said is the clause that tells the time
_REPORTING = frozenset({"say", "tell", "announce", "add", "report", "confirm", "state", "explain", "expect", "hope"})


def _clause_ahead(verb, *, reported: bool = False) -> bool:
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & _AHEAD_AUX or reported and "would" in aux:  # "said the shops would open next spring"
        return True
    if verb.tag_ in ("VBZ", "VBP") and not aux and verb.lemma_.lower() in _SCHEDULE_VERBS:
        return True
    clause = verb.doc[verb.left_edge.i:verb.right_edge.i + 1].text
    return verb.tag_ != "VBD" and bool(_FUTURE_PHRASE.search(clause))


def is_past(doc) -> bool:
    """The main clause tells in the past tense of what was ("It employed 3,950 people …", "Revenue was …"),
    not of what is or will be."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and (root.tag_ == "VBD" or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in root.children)) and not _clause_ahead(root)


def is_future(doc) -> bool:
    """The main clause speaks of the future ("will begin", "is expected to take"), or what a speaker
    reports does ("The company plans to sell online in January, a spokeswoman said")."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return False
    root = roots[0]
    if _clause_ahead(root):
        return True
    if root.lemma_.lower() in _REPORTING and not any(c.dep_ == "dobj" for c in root.children):
        return any(_clause_ahead(c, reported=True) for c in root.children if c.dep_ in ("ccomp", "xcomp"))
    return False


def quote_mask(doc, starts_inside: bool = False) -> list[bool]:
    """True for tokens inside quotation marks (curly or straight)."""
    inside = starts_inside
    mask: list[bool] = []
    for t in doc:
        tx = t.text
        if tx in {"“", "``"}:
            inside = True
            mask.append(True)
        elif tx in {"”", "''"}:
            mask.append(True)
            inside = False
        elif tx == '"':
            mask.append(True)
            inside = not inside
        else:
            mask.append(inside)
    return mask


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _name_shaped(name: str, label: str) -> bool:
    """A place the recogniser found that reads like a person's name ("Usain Bolt" as GPE): two
    capitalised words, no particle; its short form may well be a person's surname."""
    words = name.split()
    return label == "GPE" and len(words) == 2 and all(w[:1].isupper() for w in words)


#: a company's figures, said without their owner in its results ("Revenue rose …", "Net profit reached …")
OWNED_FIGURES = frozenset({"revenue", "revenues", "sales", "turnover", "profit", "profits", "earnings", "income",
                           "loss", "losses", "ebitda", "ebit"})
#: how many sentences back the company whose figures they are was named
OWNER_WITHIN = 3


def _ownerless_figure(tok) -> int | None:
    """The first word of a bare figure noun that is its clause's subject ("Revenue rose …", "net profit
    reached …", "Pre-tax profit fell …"): no article, no owner, no name in front of it."""
    head = tok
    while head.dep_ in ("amod", "compound") and head.head.i > head.i and head.head.pos_ == "NOUN":
        head = head.head
    if head.lower_ not in OWNED_FIGURES or head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    lefts = list(head.lefts)
    if any(c.dep_ in ("det", "poss", "nummod") or c.pos_ == "PROPN" for c in lefts):
        return None
    return min([c.left_edge.i for c in lefts if c.dep_ in ("amod", "compound")] + [head.i])


def _cap(text: str) -> str:
    if not text or (len(text) > 1 and text[1].isupper()):  # "iPhone", "eBay" keep their casing
        return text
    return text[:1].upper() + text[1:]


def _owned(doc, tok, name: str) -> str:
    """``name`` in the place of the pronoun ``tok``: "his"/"her"/"hers" become "name's"."""
    apostrophe = "’" if "’" in doc.text else "'"
    return name + (apostrophe + "s" if tok.tag_ == "PRP$" or tok.lower_ == "hers" else "")


#: the words that join a name to the place or person it is of ("the University of Coimbra", "Banco do Brasil")
_OF_WORDS = frozenset({"of", "de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "von", "van", "for", "in", "at"})


def _person_by_title(ent) -> str | None:
    """"PERSON" for a name the recogniser called something else that a person's title and a first name
    open ("Councillor Lukas Brändli" read as an organisation)."""
    if ent.label_ in ("ORG", "GPE", "NORP", "FAC") and len(ent) >= 3 and (
            ent[0].lower_ in PERSON_ROLES or ent[0].lower_ in HONORIFICS) and is_first_name(ent[1].text):
        return "PERSON"
    return None


def _common_word_first(ent, table: MentionTable) -> bool:
    """A sentence's first word the recogniser called a person that is an English common noun and no name
    the article knows ("Turnout was 47 per cent"): the word, not someone "he" may mean."""
    if len(ent) != 1 or ent.start != ent.sent.start or not ent.text[:1].isupper():
        return False
    word = re.sub(r"['’]s$", "", ent.text)
    if any(e.key == word or e.key.endswith(" " + word) for e in table.entities):
        return False  # "Bolt retired" after "Usain Bolt" (whatever the recogniser called him)
    return not is_first_name(word) and english_noun(word)


#: common nouns for a person the story does not name: "her" in their own clause is theirs
_PEOPLE_NOUNS = frozenset("""woman man girl boy mother father widow widower wife husband daughter son resident
    neighbour neighbor shopper swimmer walker farmer visitor passenger customer pensioner student teacher
    worker driver rider runner fan""".split())


def _named_female(person: Entity) -> bool:
    """The person's first name, title or honorific says she is a woman (not just a pronoun met before)."""
    return gender_of_name(person.key) == "f" or any(
        GENDERED_ROLES.get(w) == "f" or HONORIFICS.get(w) == "f" for t in person.titles for w in t.split())


class Decontextualizer:
    """``submit`` (optional): runs a function on a worker thread and returns its future; given
    one, spaCy's NER runs there while this thread runs the rest of the pipeline (same analyses,
    see ``factdesk.claims.nlp.pipe``). ``started`` (optional) is called once the parse has begun
    (after the NER is queued), for work that should queue behind it on the same worker."""

    def __init__(self, nlp, *, batch_size: int = PARSE_BATCH, submit=None, started=None,
                 one_fact: bool = False) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.submit = submit
        self.started = started
        #: one fact per claim (``atoms.split_atoms``) and references to things resolved
        #: (``references.ThingTable``: "it", "its", "the telescope"); off, sentences are rewritten
        #: whole and split only at coordinated predicates (the decontextualisation set's conventions)
        self.one_fact = one_fact
        self._things: ThingTable | None = None
        self._story_year: int | None = None  # the year an anniversary piece tells of (per article: ``iter_run``)
        self._lower_words: frozenset[str] = frozenset()  # (per article: see ``iter_run``)
        self._repl: dict[int, tuple[int, str]] = {}  # the sentence's resolved spans, while descriptors are read
        #: names the recogniser called people that the article shows are things, with their label (per article)
        self.not_people: dict[str, str] = {}
        self._headline = ""  # the article's title, lowercased (what it is about)

    # -- public --------------------------------------------------------------------------------
    def run(self, title: str, sentences: list[str], published: date | None,
            continues_quote: list[bool] | None = None, paragraphs: list[int] | None = None) -> list[SentenceAnalysis]:
        """One analysis per sentence, in order (see :meth:`iter_run`)."""
        return list(self.iter_run(title, sentences, published, continues_quote, paragraphs))

    def iter_run(self, title: str, sentences: list[str], published: date | None,
                 continues_quote: list[bool] | None = None,
                 paragraphs: list[int] | None = None) -> Iterator[SentenceAnalysis]:
        """Yield each sentence's analysis as soon as its parse batch is ready.

        A caller can work on the sentences of one batch (embed them on another core, say) while
        spaCy parses the next; the analyses do not depend on the batch size.
        """
        table = MentionTable()
        # "Forty years ago this week, …": a bare "6 March" in the story is that year's
        self._story_year = anniversary_year(sentences[:3], published)
        self._pair: tuple[str, str, int] | None = None  # the last two people named together ("X and Y"), and where
        self._things = ThingTable(title) if self.one_fact else None
        self.not_people = {}
        self._headline = title.lower()
        texts = [s[:MAX_NLP_CHARS] for s in sentences]
        docs = pipe(self.nlp, [title[:MAX_NLP_CHARS]] + texts, batch_size=self.batch_size, submit=self.submit,
                    started=self.started)
        title_doc = next(docs)
        body = " ".join(texts)
        # words the article writes in lower case ("its blood thinner dalmexaban"): a drug, a material, a breed,
        # never an organisation when a sentence opens with it ("Dalmexaban loses patent protection …")
        # (only words no English dictionary knows: "Shell" may be a company beside a "shell")
        names = unusual_names([title, *texts])
        self._lower_words = frozenset(w for w in re.findall(r"(?<![\w'’])[a-z][a-z-]{3,}\b", body)
                                      if w.capitalize() in names)
        for ent in title_doc.ents:  # headline casing fools NER: keep only names the body repeats
            if ent.text in body:
                self._register_entity(ent, table, -1, [False] * len(title_doc))
        last_speaker: tuple[str, str, int] | None = None  # (speaker, verb, paragraph)
        for i, doc in enumerate(docs):
            table.new_sentence()
            cont = bool(continues_quote and continues_quote[i])
            para = paragraphs[i] if paragraphs else 0
            mark_missed_names(doc, names)
            mark_missed_people(doc)
            mark_missed_companies(doc)
            res = self._sentence(doc, i, table, published, cont, texts[i - 1] if i else "",
                                 " ".join(texts[max(0, i - STORY_SENTENCES):i]))
            if res.speaker:
                res.speaker_named = table.find_person(res.speaker) is not None or any(
                    e.key == res.speaker for e in table.entities)
            if res.speaker and res.speech in ("direct", "indirect"):
                known = table.find_person(res.speaker)
                last_speaker = (known.short if known else res.speaker, res.speech_verb or "said", para)
            elif self._is_bare_quote(doc, cont) and last_speaker and para - last_speaker[2] <= 1:
                known = table.find_person(last_speaker[0])
                res.speaker, res.speech = (known.key if known else last_speaker[0]), "direct"
                res.speaker_named = known is not None
                res.quote = self._quoted_words(doc, cont) or doc.text
                res.texts = [f"{last_speaker[0]} {last_speaker[1]}: {t}" for t in res.texts]
                for atom, text in zip(res.atoms, res.texts):
                    atom.text, atom.speech = text, True
            yield res

    @staticmethod
    def _named_pair(doc, table: MentionTable) -> tuple[str, str] | None:
        """Two people a sentence names together ("John Alcock and Arthur Whitten Brown took off …"): whom "the
        pair" or "the two men" of a later sentence means."""
        people = [e for e in doc.ents if e.label_ == "PERSON"]
        for a, b in zip(people, people[1:]):
            if b.root.dep_ == "conj" and b.root.head.i == a.root.i and not any(
                    e is not a and e is not b and e.root.head.i == a.root.i and e.root.dep_ == "conj" for e in people):
                first, second = table.find_person(a.text), table.find_person(b.text)
                if first is not None and second is not None and first.key != second.key:
                    return first.key, second.key
        return None

    @staticmethod
    def _pair_mention(doc, i: int) -> int | None:
        """The end of "the pair", "the duo", "the two men/women/brothers", "both men" starting at ``i``."""
        words = [t.lower_ for t in doc[i:i + 3]]
        if words[:2] in (["the", "pair"], ["the", "duo"]) and (len(words) < 3 or words[2] != "of"):
            return i + 2
        if len(words) > 1 and words[0] == "both" and words[1] in _PAIR_PEOPLE:
            return i + 2
        if len(words) == 3 and words[:2] == ["the", "two"] and words[2] in _PAIR_PEOPLE:
            return i + 3
        return None

    @staticmethod
    def _lone_first_name(tok, in_ent: set[int], mask) -> bool:
        """A proper noun alone as its clause's subject ("Dolly was made from a cell"), in no entity, whose
        word is a first name with a gender: no compound name, no article, no month ("May").
        """
        subject = tok.pos_ == "PROPN" and tok.dep_ in ("nsubj", "nsubjpass") or (
            # the small parser reads a sentence's opening name it does not know as an adverb ("Dolly was made …")
            tok.is_sent_start and tok.pos_ == "ADV" and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"))
        return (subject and tok.i not in in_ent and not mask[tok.i]
                and tok.text[:1].isupper() and tok.text[1:].islower() and tok.ent_type_ == ""
                and not any(c.dep_ in ("compound", "det", "poss", "flat") for c in tok.children)
                and tok.lower_ not in _MONTHS_AND_DAYS and gender_of_name(tok.text) is not None)

    # -- per sentence --------------------------------------------------------------------------
    def _sentence(self, doc, index: int, table: MentionTable, published: date | None, cont: bool,
                  previous: str = "", told: str = "") -> SentenceAnalysis:
        mask = quote_mask(doc, cont)
        repl: dict[int, tuple[int, str]] = {}
        self._ents: dict[int, Entity] = {}  # replacement start -> the entity it names
        resolutions: list[Resolution] = []
        seen: set[str] = set()
        ent_at = {e.start: e for e in doc.ents}
        in_ent = {t.i for e in doc.ents for t in e}
        entities: list[dict[str, str]] = []
        clause_subject: dict[int, str] = {}  # verb index -> entity key of its subject
        i = 0
        aged = self._aged_reference(doc, table, mask)
        if aged is not None:  # "The 29-year-old pulled away…" → Faith Chepkoech, who is 29
            end, person, _ = aged
            repl[0] = (end, person.key)
            resolutions.append(Resolution(doc[:end].text, person.key, "description"))
            seen.add(person.key)
            table.touch(person, index, self._role_weight(doc[end - 1]))
            i = end
        while i < len(doc):
            tok = doc[i]
            # "Marques told…": a sentence's first word may be tagged a noun
            maybe_name = tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start
                                                 or tok.pos_ == "NOUN" and tok.is_sent_start and tok.dep_ in ("nsubj", "nsubjpass"))
            known = None if i in ent_at or i in in_ent or mask[i] or not maybe_name else table.find_surname(tok.text)
            if known is not None and _plain_word_first(tok, known):
                known = None  # "Trams returned …" after "Aske Valley Trams": the word's own sense, not the name
            if known is not None and self._shadowed(tok.text, known):
                known = None  # "Hubble was built…" after the Hubble Space Telescope and Edwin Hubble: the telescope
            if known is not None and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                    and known.gender is None and not known.titles:
                known.label = "FAC"  # "the Sagrada Família": people's names take no article
                self.not_people[known.key] = "FAC"
                known = None
            if known is not None and (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"
                                      or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
                                      or doc[max(0, i - len(known.key.split()) + 1):i + 1].text == known.key):
                known = None  # part of a longer name ("Hubble Deep Field", "Positron Collider"), or the full name already
            if known is not None:  # a name the article used before, missed by the entity recogniser
                if self.one_fact and known.key != tok.text and known.key.endswith(" " + tok.text):
                    repl[i] = (i + 1, known.key)  # each claim names the person in full
                    self._ents[i] = known
                table.touch(known, index, self._role_weight(tok))
                seen.add(known.key)
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    clause_subject[tok.head.i] = known.key
                entities.append({"text": tok.text, "label": known.label})
                i += 1
                continue
            if known is None and self._lone_first_name(tok, in_ent, mask):
                # "Dolly the sheep was born …": a first name alone as a subject, missed by the entity recogniser,
                # is someone (or some animal) the pronouns after it may mean ("she became the first mammal…")
                lone = table.person(tok.text, sentence=index, subject=self._role_weight(tok))
                clause_subject[tok.head.i] = lone.key
            if i in ent_at and self._demonym(doc, ent_at[i], mask):
                # "The Kenyan took 30 seconds off the mark": the person the story is about, when one clearly is
                person = table.leading_person()
                if person is not None and person.key not in seen:
                    repl[i - 1] = (i + 1, _cap(person.key) if i - 1 == 0 else person.key)
                    self._ents[i - 1] = person
                    resolutions.append(Resolution(doc[i - 1:i + 1].text, person.key, "role"))
                    seen.add(person.key)
                    table.touch(person, index, self._role_weight(tok))
                    entities.append({"text": person.key, "label": "PERSON"})
                    i += 1
                    continue
            if i in ent_at:
                ent = ent_at[i]
                e = self._register_entity(ent, table, index, mask)
                tail = self._name_tail(ent) if ent.label_ == "PERSON" else []
                if e is not None:
                    seen.add(e.key)
                    if ent.root.dep_ in ("nsubj", "nsubjpass"):
                        clause_subject[ent.root.head.i] = e.key
                    if e.label == "ORG" and called_a_business(ent.root):
                        for noun in ("company", "firm", "business"):
                            table.link(noun, e)  # "Labetex, a Czech textile start-up, …": what "the company" means
                name = ent.text if not tail else doc[ent.start:tail[-1].i + 1].text
                stop = tail[-1].i + 1 if tail else ent.end
                while stop > ent.start + 1 and doc[stop - 1].tag_ == "POS":
                    stop -= 1
                short = doc[ent.start:stop].text
                if (self.one_fact and e is not None and (ent.label_ == "PERSON" or e.label in ("PERSON", "ORG"))
                        and not mask[ent.start]
                        and e.key != short and e.key.endswith(" " + short)
                        and not (stop == ent.start + 1 and _plain_word_first(doc[ent.start], e))):
                    # also a thing's short name (not "Trams run …")
                    repl[ent.start] = (stop, e.key)  # "Sørensen" → "Henrik Sørensen": each claim names the person in full
                    self._ents[ent.start] = e
                entities.append({"text": name, "label": ent.label_})
                i = tail[-1].i + 1 if tail else ent.end
                continue
            low = tok.lower_
            pair_end = self._pair_mention(doc, i) if self.one_fact and self._pair and not mask[i] else None
            if pair_end is not None:  # "The pair took off from …", "the two men had taken …": both, by name
                both = " and ".join(self._pair[:2])
                repl[i] = (pair_end, _cap(both) if i == 0 else both)
                resolutions.append(Resolution(doc[i:pair_end].text, both, "description"))
                i = pair_end
                continue
            if not mask[i] and low in PRONOUNS and tok.pos_ == "PRON" and tok.tag_ in ("PRP", "PRP$"):
                exclude = None
                if tok.tag_ == "PRP" and tok.dep_ in ("dobj", "dative", "pobj"):  # "Gerwig handed him": not Gerwig
                    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
                    exclude = clause_subject.get(verb.i)
                target = table.resolve_pronoun(PRONOUNS[low], exclude=exclude)
                if tok.tag_ == "PRP$" and PRONOUNS[low] in ("m", "f"):
                    own = self._own_clause_person(tok, clause_subject, table, PRONOUNS[low])
                    if own is _NO_ONE:
                        i += 1
                        continue  # "a widow who comes home to her father's orchard": hers, left as written
                    target = own or target
                ship = self._things.vessel() if self._things is not None and PRONOUNS[low] == "f" else None
                if ship is not None and (target is None or not _named_female(target)):
                    # "She had been launched in Belfast": the ship, not a name of unknown gender
                    name = _owned(doc, tok, ship.name)
                    repl[i] = (i + 1, name)
                    resolutions.append(Resolution(tok.text, name, "pronoun"))
                    i += 1
                    continue
                # one fact per claim: a pronoun in a coordinated clause ("…, and he died in 1904")
                # ends up in a claim of its own, without the name said earlier in the sentence
                # (and so in a "where"/"when" clause: "…in London, where he took silver")
                own_clause = self.one_fact and any(
                    a.pos_ in ("VERB", "AUX") and (a.dep_ in ("conj", "parataxis") or a.dep_ == "relcl" and (any(
                        c.tag_ == "WRB" and c.lower_ in ("where", "when") for c in a.children)
                        or a.left_edge.i > 0 and doc[a.left_edge.i - 1].text == ","))  # ", which he had set in 2017"
                    for a in [tok.head, *tok.head.ancestors][:2])
                if target is not None and (target.key not in seen or own_clause):
                    name = _owned(doc, tok, target.key if self.one_fact else target.short)
                    repl[i] = (i + 1, name)
                    self._ents[i] = target
                    resolutions.append(Resolution(tok.text, name, "pronoun"))
                    seen.add(target.key)
                    table.touch(target, index, self._role_weight(tok))
            elif not mask[i] and i not in in_ent and tok.pos_ in ("NOUN", "PROPN") and low in (PERSON_ROLES | ORG_ROLES):
                done = self._role(doc, tok, table, index, repl, resolutions, seen, in_ent)
                if done:
                    i = done
                    continue
            elif not mask[i] and i not in in_ent and (start := _ownerless_figure(tok)) is not None and start == i:
                owner = table.resolve_org("company", within=OWNER_WITHIN, sentence=index)
                if owner is not None:
                    # "Revenue rose 14 per cent to 486 million euros" in Nebelwerk's results: Nebelwerk's revenue
                    apostrophe = "’" if "’" in doc.text else "'"
                    name = f"{possessive(owner.key, apostrophe)} {tok.text if tok.text[1:2].isupper() else tok.lower_}"
                    repl[i] = (i + 1, name)
                    resolutions.append(Resolution(tok.text, owner.key, "description"))
            i += 1
        if self._things is not None:  # "it", "its", "the telescope"… (people are done above)
            found_things: list[tuple[str, str, str]] = []
            self._things.sentence(doc, index, repl, mask, found_things,
                                  is_person=lambda name: self._is_person(name, table),
                                  relabel=self.not_people)
            resolutions += [Resolution(*r) for r in found_things]
        self._repl = repl
        self._register_descriptors(doc, table, index, in_ent)
        pair = self._named_pair(doc, table)
        if pair is not None:
            self._pair = (*pair, index)
        elif self._pair is not None and (index - self._pair[2] > PAIR_WITHIN or any(
                (p := table.find_person(e.text)) is not None and p.key not in self._pair[:2]
                for e in doc.ents if e.label_ == "PERSON")):
            self._pair = None  # someone else has come into the story since, or the pair is long gone
        self._repl = {}
        speaker, quote, speech, verb = self._speech(doc, mask, repl, table)
        atoms = split_atoms(doc, repl, mask, speech=speech is not None) if self.one_fact else []
        if aged is not None and atoms:
            atoms.append(Atom(f"{aged[1].key} is {aged[2]} years old.", "apposition"))  # the age, a fact of its own
        titled = _titled_name(doc, mask) if atoms else None
        if titled is not None:  # "Chief executive Annika Lähteenmäki said …": who she is, and what she said
            title, name, post = titled
            for atom in atoms:
                if atom.text.lower().startswith(title.lower() + " ") and atom.text[len(title) + 1:][:1].isupper():
                    atom.text = atom.text[len(title) + 1:]
            owner = table.resolve_org("company", within=3, sentence=index) if post in _COMPANY_POSTS else None
            apostrophe = "’" if "’" in doc.text else "'"
            role = f"{possessive(owner.key, apostrophe)} {title.lower()}" if owner is not None else f"the {title.lower()}"
            atoms.append(Atom(f"{name} is {role}.", "apposition"))
        texts = [a.text for a in atoms] if atoms else self._atoms(doc, repl, mask, speech is not None)
        dates: list[str] = []
        final: list[str] = []
        future = is_future(doc)
        past = is_past(doc)
        for t in texts:
            # each atom looks ahead or back on its own ("will merge next September under a plan
            # approved on Wednesday": the approval was last Wednesday)
            # (a reported "was expected to reach Luduș on Friday" looks ahead in its atom as in its sentence)
            ahead = future if not atoms or len(texts) == 1 else bool(_AHEAD.search(t) or future and _FUTURE_PHRASE.search(t))
            anchored, counted = resolve_anchored_dates(t, doc.text, previous)  # "a year later" → "in 1883"
            new, found = resolve_relative_dates(anchored, published, future=ahead, past=past, context=told,
                                                story_year=self._story_year)
            found = counted + found
            if new != t:
                resolutions.append(Resolution("relative date", ", ".join(found), "date"))
            dates += [d for d in found if d not in dates]
            final.append(new)
        for atom, text in zip(atoms, final):
            atom.text = text
        return SentenceAnalysis(doc, final, resolutions, speaker, quote, speech, verb, dates, entities, atoms=atoms)

    @staticmethod
    def _aged_reference(doc, table: MentionTable, mask: list[bool]) -> tuple[int, Entity, str] | None:
        """``(end, person, years)`` for a sentence that opens with "The 29-year-old" standing alone (not "The
        29-year-old striker"): the person the story is about just now, when one clearly leads."""
        words = [t.lower_ for t in doc[:6]]
        if len(doc) < 7 or words[0] != "the" or not doc[1].like_num or words[2:6] != ["-", "year", "-", "old"] or mask[0]:
            return None
        after = doc[6]
        if after.pos_ in ("NOUN", "PROPN") and after.dep_ not in ("ROOT",) and not after.text == ",":
            return None  # "The 29-year-old striker": a description with its own noun
        # (the person a story has shown acting: "Kučera won …, outsprinting Vandermeulen. The 27-year-old …")
        person = table.leading_person() or table.leading_person(acting=True)
        if person is None:
            return None
        return 6, person, doc[1].text

    def _role(self, doc, tok, table, index, repl, resolutions, seen, in_ent) -> int | None:
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            return None
        # "the president, Nayib Bukele" / "the president of France": not a short reference
        if any(c.dep_ == "appos" for c in tok.rights) or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights):
            return None
        if tok.head.i in in_ent and tok.dep_ == "compound":
            return None
        det = dets[0]
        mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i > det.i]
        if any(m.i in in_ent and m.ent_type_ == "PERSON" for m in mods):
            return None
        covered = {w.i for m in mods for w in m.subtree}
        if not set(range(det.i + 1, tok.i)) <= covered:
            return None
        mod_words = [w.lower_ for m in mods for w in m.subtree]
        low = tok.lower_
        target = table.resolve_role(low, mod_words, sentence=index) if low in PERSON_ROLES else None
        if target is not None:
            if target.key in seen:
                return tok.i + 1
            repl[det.i] = (tok.i + 1, target.key)
            self._ents[det.i] = target
            resolutions.append(Resolution(doc[det.i:tok.i + 1].text, target.key, "role"))
            seen.add(target.key)
            table.touch(target, index, self._role_weight(tok))
            return tok.i + 1
        fuller = table.resolve_descriptor(low, mod_words)
        if fuller is not None:
            new = f"{det.text} {fuller}"
            if new.lower() != doc[det.i:tok.i + 1].text.lower():
                repl[det.i] = (tok.i + 1, new)
                resolutions.append(Resolution(doc[det.i:tok.i + 1].text, new, "description"))
            return tok.i + 1
        if low in ORG_ROLES and low in ORG_FALLBACK_HEADS and not mods and not (
                self._things is not None and self._things.unnamed_with_noun(tok.lemma_.lower())):
            # not "the network" after "the city's district heating network": that network, not a company
            return self._org(doc, det, tok, low, table, index, repl, resolutions, seen) or tok.i + 1
        return None

    def _org(self, doc, det, tok, low, table, index, repl, resolutions, seen) -> int | None:
        """"the company" → the organisation it names (``MentionTable.resolve_org``)."""
        org = table.resolve_org(low, within=2, sentence=index)
        if org is None:
            return None
        if org.key not in seen:
            words = org.key.split()
            needs_article = " of " in f" {org.key} " or words[-1].lower() in ORG_ROLES
            name = (f"{det.text} " if needs_article and not org.key.lower().startswith("the ") else "") + org.key
            if det.i == 0:
                name = _cap(name)
            name, end = owned_by(doc, tok.i + 1, name)  # "the company's" → "Vistula Tram Works'"
            repl[det.i] = (end, name)
            resolutions.append(Resolution(doc[det.i:tok.i + 1].text, name, "organisation"))
            seen.add(org.key)
            table.touch(org, index, self._role_weight(tok))
        table.link(low, org)
        return tok.i + 1

    # -- the mention table ---------------------------------------------------------------------
    def _register(self, doc, table: MentionTable, sentence: int, mask: list[bool]) -> None:
        for ent in doc.ents:
            self._register_entity(ent, table, sentence, mask)
        self._register_descriptors(doc, table, sentence, {t.i for e in doc.ents for t in e})

    @staticmethod
    def _name_tail(ent) -> list:
        """Tokens the recogniser cut off a name: particles and the surname ("Ursula von der" + "Leyen")."""
        doc, j, tail = ent.doc, ent.end, []
        ends_in_particle = ent[-1].lower_ in SURNAME_PARTICLES
        while j < len(doc) and len(tail) < 4:
            t = doc[j]
            if t.lower_ in SURNAME_PARTICLES and t.text.islower() and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
                tail.append(t)
                ends_in_particle = True
            elif ends_in_particle and t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ", "VERB"):
                tail.append(t)
                ends_in_particle = False
            else:
                break
            j += 1
        return tail if tail and not ends_in_particle else []

    @staticmethod
    def _role_weight(tok) -> float:
        """Salience of a mention by grammatical role (after Lappin & Leass, 1994)."""
        dep = tok.dep_
        if dep in ("nsubj", "nsubjpass"):
            return 80.0
        if dep == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass"):
            return 60.0
        if dep in ("dobj", "dative", "attr"):
            return 50.0
        if dep == "pobj":
            return 40.0
        return 30.0

    def _shadowed(self, name: str, person: Entity) -> bool:
        """A bare surname that also names a thing mentioned since the person was ("Hubble" for the
        Hubble Space Telescope after the astronomer Edwin Hubble): the thing is meant."""
        if self._things is None or person.key == name:
            return False
        low = name.lower()
        owner = re.compile(rf"{re.escape(person.key)}['’]s?\b")  # "Antonín Dvořák's Symphony": his, not him
        return any(t.named and low in t.words and t.sentence >= person.sentence and len(t.words) > 1
                   and not owner.search(t.name) for t in self._things.things)

    def _is_person(self, name: str, table: MentionTable) -> bool:
        """Whether a name the thing table met is a person's. A name of several words with a particle
        and no known first name ("Sporting de Alcântara") is not one just because its last word was
        read as a person's name before ("Alcântara win…" in the headline): it is that thing's full
        name, and the short name is a thing too."""
        if name in self.not_people:
            return False
        if any(w[:1].islower() and w not in SURNAME_PARTICLES for w in name.split()):
            return False  # "Ravensholm's Green Line tram extension to Fellside": common words are no person's name
        found = table.find_person(name)
        if found is None:
            return False
        words = name.split()
        if (len(words) > 2 and " " not in found.key and found.key == words[-1] and found.gender is None
                and not found.titles and any(w in SURNAME_PARTICLES for w in words[1:-1])
                and not is_first_name(words[0])):
            found.label = "ORG"
            self.not_people[found.key] = "ORG"
            return False
        return True

    def _not_a_person(self, ent, bare: str, table: MentionTable) -> Entity | None:
        """The thing a name labelled PERSON really is: one the article labelled a place or an
        organisation before ("Zürich", "Braga"), or one an appositive calls a thing ("Café Aurora,
        the São Paulo coffee chain"). None: a person, as far as the article tells (always for the
        surname of a person the article named in full: "Bolt" after Usain Bolt)."""
        prior = table.find_person(bare)
        if prior is not None and prior.key != bare:
            return None
        for e in table.entities:
            if e.label != "PERSON" and (e.key.lower() == bare.lower() or e.key.endswith(" " + bare)) \
                    and not _name_shaped(e.key, e.label) and not (e.sentence < 0 and e.label == "ORG" and " " in bare):
                # the same name, or a short form of it ("Aurora" for Café Aurora); (not a full name the headline
                # alone called an organisation: headline casing fools the recogniser)
                return e
        for c in ent.root.rights:
            if (c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in _THING_NOUNS
                    and not (c.lemma_.lower() in COMPANY_KINDS - BUSINESS_NOUNS
                             and (is_first_name(bare.split()[0]) or any(g.dep_ == "compound" for g in c.children)))):
                # ("Sebastião Ferreira, a violin maker": a maker of one thing, or with a first name, is a person)
                return table.other(bare, "ORG", sentence=-1, subject=0.0)
        root = ent.root
        if (root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.i == ent.end
                and BROADER.get(root.head.lemma_.lower(), frozenset()) & _BUILT_KINDS):
            # "The Škrovada lighthouse", "the Kvarnforsen dam": the name of a built thing, no person
            return table.other(bare, "FAC", sentence=-1, subject=0.0)
        prior = table.find_person(bare)
        if " " not in bare and not is_first_name(bare) and (prior is None or (prior.key == bare and prior.gender is None)):
            # one word, no first name, nothing but the recogniser says a person: "Alcântara" after Sporting
            # de Alcântara, "in Kraków", "Kraków, which lies…"
            for t in reversed(self._things.things if self._things is not None else []):
                if (t.named and not t.plural and len(t.words) > 1 and bare.lower() in t.words and t.label != "PERSON"
                        and not _name_shaped(_strip_the(t.name), t.label)):
                    if prior is not None:
                        prior.label = t.label or "ORG"
                    name = t.name[4:] if t.name.startswith("the ") and t.label in ("ORG", "PROPN", "") else t.name
                    return table.other(name, t.label or "ORG", sentence=-1, subject=0.0)
            label = None
            if ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "near", "outside", "across", "throughout"):
                label = "GPE"
            elif ent.root.dep_ == "poss" and ent.root.head.lemma_.lower() in PLACE_OWNED:
                label = "GPE"  # "Ravensholm's streets", "Ravensholm's mayor": a place's"
            elif any(c.dep_ == "relcl" and any(w.lower_ == "which" for w in c.children) for c in ent.root.children):
                label = "GPE" if any(w.lower_ in ("lies", "located") for w in ent.root.subtree) else "ORG"
            if label is not None:
                if prior is not None:
                    prior.label = label  # no longer a person a pronoun may mean
                    return prior
                return table.other(bare, label, sentence=-1, subject=0.0)
        return None

    def _register_entity(self, ent, table: MentionTable, sentence: int, mask: list[bool]) -> Entity | None:
        subject = self._role_weight(ent.root)
        label = _person_by_title(ent) or ent.label_
        if label == "ORG" and len(ent) == 1 and ent.start == ent.sent.start and common_plural(ent.text):
            return None  # "Buses will replace the trams": the word, not an organisation "the company" may mean
        if label == "ORG" and len(ent) == 1 and ent.text.lower() in self._lower_words:
            # "Dalmexaban loses patent protection" after "its blood thinner dalmexaban": a product
            self.not_people[ent.text] = "PRODUCT"
            return None
        if label in ("GPE", "FAC", "PRODUCT", "LOC", "PERSON") and ent.root.dep_ == "appos" and ent.root.head.pos_ == "NOUN" \
                and ent.root.head.lower_ in ORG_ROLES and len(ent) <= 3:
            label = "ORG"  # "the metro company Metroselskabet": a company, whatever the recogniser says
        if label == "PERSON" and _common_word_first(ent, table):
            return None
        if ent.label_ == "PERSON":
            bare = re.sub(r"\s*['’]s$", "", ent.text)
            thing = self._not_a_person(ent, bare, table)
            known = None if thing is not None else table.find_person(bare)
            if thing is None and known is not None and self._shadowed(bare, known):
                self.not_people[bare] = "PROPN"
                return None
            if thing is not None:
                self.not_people[bare] = thing.label
                table.touch(thing, sentence, subject)
                return thing
        if label != "PERSON" and table.find_surname(ent.text.replace("’s", "").replace("'s", "")) is not None:
            known = table.find_surname(ent.text.replace("’s", "").replace("'s", ""))
            if (ent.label_ in ("ORG", "GPE", "FAC", "LOC") and known.key == known.short and known.gender is None
                    and not known.titles and not is_first_name(known.key)):
                known.label = ent.label_  # one word the recogniser read both ways, no sign of a person: a thing
                self.not_people[known.key] = ent.label_
            table.touch(known, sentence, subject)
            return known
        if label == "PERSON":
            toks = list(ent) + self._name_tail(ent)
            title_toks = []
            while toks and (toks[0].lower_ in PERSON_ROLES or toks[0].lower_ in HONORIFICS or toks[0].lower_ in {"sen.", "gov.", "rep.", "dr.", "gen."}):
                title_toks.append(toks.pop(0))
            while toks and (toks[-1].tag_ == "POS" or toks[-1].like_num or toks[-1].is_punct):
                toks.pop()  # ("Atlético da Ribeira 2-1": a score the recogniser took into the name)
            if not toks:
                return None
            # the name as written: "Jurić-Bašić", "Ravn-Højgaard" keep their hyphens unspaced
            name = "".join(t.text_with_ws for t in toks[:-1]) + toks[-1].text
            e = table.person(name, sentence=sentence, subject=subject)
            e.topic = e.topic or sentence == -1  # the headline names them
            doc = ent.doc
            j = ent.start - 1
            left = []
            while j >= 0 and (doc[j].pos_ in ("PROPN", "NOUN", "ADJ") or doc[j].lower_ == "of") and doc[j].dep_ not in ("poss",) and doc[j].tag_ != "POS":
                left.insert(0, doc[j])
                j -= 1
                if len(left) >= 7:
                    break
            title = " ".join(t.text for t in left + title_toks)
            if title:
                table.add_title(e, title)
            for c in ent.root.rights:  # "Nayib Bukele, the president of El Salvador,"
                if c.dep_ == "appos":
                    table.add_title(e, " ".join(w.text for w in c.subtree if w.dep_ != "det"))
            return e
        if label in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            name = re.sub(r"['’]s$", "", ent.text)
            name = re.split(r"\s+as\s+", name)[0]  # "the Premier Division as Division One (champions)": one name
            if label == "ORG" and " " not in name and not english_noun(name):
                # "Athletic" after "Brackwater Athletic": that club (not "Council" in "Council leader …")
                # (not "Coimbra" after "the University of Coimbra": the place the name is of)
                fuller = [e for e in table.entities if e.label == "ORG" and e.key.endswith(" " + name)
                          and e.key.split()[-2].lower() not in _OF_WORDS]
                if len(fuller) == 1:
                    table.touch(fuller[0], sentence, subject)
                    return fuller[0]
            if name != ent.text:
                # "Haldenhöfen's town council": the place named before, not an organisation "Haldenhöfen's"
                known = next((e for e in table.entities if e.key.lower() == name.lower()), None)
                if known is not None:
                    table.touch(known, sentence, subject)
                    return known
            found = table.other(name, label, sentence=sentence, subject=subject)
            # the headline names it (headline casing hides names from the recogniser: the words count)
            found.topic = found.topic or sentence == -1 or (len(name) > 3 and bool(re.search(
                rf"(?<!\w){re.escape(name.lower())}(?!\w)", self._headline)))
            return found
        return None

    @staticmethod
    def _demonym(doc, ent, mask) -> bool:
        """"the Kenyan", "the Briton": a nationality word used as a noun for a person, after "the"."""
        tok = doc[ent.start]
        return (ent.label_ == "NORP" and len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].lower_ == "the"
                and not mask[ent.start] and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")
                and not tok.lower_.endswith(("s", "ese")) and not any(c.dep_ in ("prep", "relcl", "acl", "appos") for c in tok.children))

    @staticmethod
    def _own_clause_person(tok, clause_subject: dict, table: MentionTable, gender: str):
        """Whose "her"/"his" is, when its own clause says: the person who is the clause's subject
        ("Haukeland … gives the performance of her career": Haukeland's), or, in a relative clause about
        a person the table does not know ("a widow who comes home to her father's orchard"), no one
        to name (``_NO_ONE``). None: the clause does not say."""
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is None:
            return None
        key = clause_subject.get(verb.i)
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if key is not None:
            ent = next((e for e in table.entities if e.key == key and e.label == "PERSON"), None)
            if ent is not None:
                return ent if ent.gender in (None, gender) else None
            if subj is not None and any(c.dep_ == "relcl" and any(w.lower_ == "who" for w in c.children)
                                        for c in subj.children):
                return _NO_ONE  # "Haukeland, who won …, gives the performance of her career": the claim names her
            return None
        if subj is not None and subj.lower_ in ("who", "that") and verb.dep_ == "relcl":
            return _NO_ONE
        if (subj is not None and subj.pos_ == "NOUN" and (subj.lemma_.lower() in _PEOPLE_NOUNS or subj.lower_ in PERSON_ROLES)
                and not any(w.i == tok.i for w in subj.subtree)):
            return _NO_ONE  # "said one woman walking her dog": the woman's, whom the table does not know
        return None

    def _register_descriptors(self, doc, table: MentionTable, sentence: int, in_ent: set[int]) -> None:
        for tok in doc:
            low = tok.lower_
            if tok.pos_ not in ("NOUN", "PROPN") or tok.i in in_ent or low not in (PERSON_ROLES | ORG_ROLES):
                continue
            dets = [c for c in tok.lefts if c.dep_ == "det" and c.lower_ in ("a", "an", "the")]
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod")]
            if not dets or not mods or tok.dep_ == "compound":
                continue
            if any(s <= tok.i < e for s, (e, _) in self._repl.items()):
                continue  # "The modern group" was Nokia: not a fuller description of a group
            # a named person with the role ("the president, Nayib Bukele"): title, not a descriptor
            appos = [c for c in tok.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
            start = min(m.left_edge.i for m in mods)
            text = doc[start:tok.i + 1].text
            for c in tok.rights:
                if c.dep_ == "prep" and c.lower_ in ("for", "of", "at") and len(list(c.subtree)) <= 5:
                    text = doc[start:c.right_edge.i + 1].text
            if appos:
                e = table.person(doc[appos[0].left_edge.i:appos[0].right_edge.i + 1].text, sentence=sentence, subject=30.0)
                table.add_title(e, text)
                continue
            if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.rights):
                continue  # "the metro company Metroselskabet": named there (the thing table knows it by that name)
            if tok.dep_ == "appos" and tok.head.pos_ == "PROPN" and tok.head.ent_type_ != "PERSON":
                continue  # "Põhjatuul Air, a regional airline based at …": what the named airline is, not a description
                # of some other one ("the airline" is Põhjatuul Air)
            if tok.lemma_.lower() in ("administration",) or any(m.pos_ in ("ADJ", "PROPN", "NOUN") for m in mods):
                table.add_descriptor(low, text, sentence)

    # -- speech --------------------------------------------------------------------------------
    def _speaker_text(self, tok, repl, table: MentionTable) -> str:
        """The speaker's full name when the article names them, else the subject phrase."""
        for start, (end, name) in repl.items():
            if start <= tok.i < end:
                ent = self._ents.get(start)
                return ent.key if ent is not None else re.sub(r"['’]s$", "", name)
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN":
            words = [t.text for t in tok.doc[tok.left_edge.i:tok.right_edge.i + 1] if t.tag_ != "POS" and (t.ent_type_ == "PERSON" or t.i == tok.i)]
            e = table.find_person(" ".join(words)) or table.find_surname(tok.text)
            if e is not None:
                return e.key
        span = tok.doc[tok.left_edge.i:tok.right_edge.i + 1]
        return span.text

    def _speech(self, doc, mask, repl, table):
        quoted = self._quoted_words(doc, False)
        for tok in doc:
            if mask[tok.i]:
                continue
            lemma = tok.lemma_.lower()
            # ("called the reopening “the best thing to happen to this town”": quoted words, said of something)
            is_speech = lemma in SPEECH_LEMMAS or tok.lower_ in SPEECH_FORMS or (lemma == "call" and bool(quoted))
            is_report = lemma in REPORT_LEMMAS
            if not (is_speech or is_report):
                continue
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subj and tok.dep_ in ("advcl", "xcomp", "conj", "acl") and tok.lower_.endswith("ing"):
                subj = [c for c in tok.head.children if c.dep_ in ("nsubj",)]
            if not subj and quoted:  # "…,” said one woman walking her dog: the parser made her the walking's subject
                subj = [g for c in tok.children if c.dep_ in ("ccomp", "advcl") and c.i > tok.i and c.tag_ == "VBG"
                        for g in c.children if g.dep_ == "nsubj" and g.i < c.i and g.pos_ in ("NOUN", "PROPN")]
            if tok.lower_ == "according":
                pobj = [w for w in tok.subtree if w.dep_ == "pobj"]
                if pobj:
                    return self._speaker_text(pobj[0], repl, table), None, "report", "according to"
                continue
            if not subj:
                continue
            if subj[0].lower_ in {"who", "that"} and tok.dep_ == "relcl":  # "three men … who claim"
                head = tok.head
                while head.dep_ in ("appos", "conj") and head.head.i != head.i:
                    head = head.head
                speaker = doc[head.left_edge.i:head.i + 1].text
            elif subj[0].lower_ in {"it", "this", "that", "which", "there", "who"}:
                continue
            else:
                speaker = self._speaker_text(subj[0], repl, table)
            if quoted:
                return speaker, quoted, "direct", tok.text
            comp = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp")]
            if comp and all(mask[w.i] for w in comp[0].subtree if not w.is_punct):
                # a short quotation (“It's daylight robbery,” said…): direct speech all the same
                return speaker, doc[comp[0].left_edge.i:comp[0].right_edge.i + 1].text, "direct", tok.text
            if comp:
                clause = doc[comp[0].left_edge.i:comp[0].right_edge.i + 1].text
                clause = re.sub(r"^that\s+", "", clause)
                kind = "report" if is_report and not is_speech else "indirect"
                return speaker, clause, kind, tok.text
        return None, quoted, None, None

    @staticmethod
    def _quoted_words(doc, cont: bool) -> str | None:
        text = doc.text
        parts = re.findall(r"“([^”]{3,})”", text) or re.findall(r'"([^"]{3,})"', text)
        if cont and not parts:
            end = text.find("”")
            parts = [text[:end]] if end > 0 else [text]
        parts = [p for p in parts if len(p.split()) >= 4]  # skip titles like “Surviving CECOT”
        return " … ".join(p.strip() for p in parts) if parts else None

    @staticmethod
    def _is_bare_quote(doc, cont: bool) -> bool:
        t = doc.text.strip()
        return cont or (t[:1] in "“\"" and t.rstrip()[-1:] in "”\"")

    # -- atomic claims and rendering -----------------------------------------------------------
    def _render(self, doc, keep: list[int], repl) -> str:
        keep_set = set(keep)
        out: list[str] = []
        i_iter = iter(sorted(keep_set))
        skip_until = -1
        for i in i_iter:
            if i < skip_until:
                continue
            if i in repl:
                end, name = repl[i]
                if not out:
                    name = _cap(name)
                if all(j in keep_set for j in range(i, end)):
                    out.append(name + doc[end - 1].whitespace_)
                    skip_until = end
                    continue
            out.append(doc[i].text_with_ws)
        text = "".join(out).strip()
        text = re.sub(r"\s+([,.;:!?])", r"\1", text) if keep != list(range(len(doc))) else text
        return text

    def _atoms(self, doc, repl, mask, is_speech: bool) -> list[str]:
        everything = list(range(len(doc)))
        whole = self._render(doc, everything, repl)
        if is_speech or any(mask) or len(doc) < 8 or any(t.text in {"—", "–", ";", ":", "--"} for t in doc):
            return [whole]
        roots = [t for t in doc if t.dep_ == "ROOT"]
        if len(roots) != 1:
            return [whole]
        root = roots[0]
        conjs = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
        if len(conjs) != 1:
            return [whole]
        conj = conjs[0]
        subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].lower_ in {"i", "we", "you", "it", "this", "that", "there", "they"}:
            return [whole]
        if conj.i < root.i or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in {"i", "we", "you"} for c in conj.children):
            return [whole]
        conj_sub = set(range(conj.left_edge.i, conj.right_edge.i + 1))
        ccs = {c.i for c in root.children if c.dep_ == "cc" and c.i < conj.i}
        puncts = {c.i for c in root.children if c.dep_ == "punct" and c.i < conj.i and c.i > root.i and c.i + 1 in ccs | conj_sub}
        first = [i for i in everything if i not in conj_sub and i not in ccs and i not in puncts
                 and not (doc[i].dep_ == "punct" and i == len(doc) - 1)]
        if len(first) < 4 or len(conj_sub) < 3:
            return [whole]
        prefix: list[int] = []
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            s = subj[0]
            prefix = list(range(s.left_edge.i, s.right_edge.i + 1))
            if not any(c.dep_ in ("aux", "auxpass") for c in conj.children) and conj.tag_ in ("VBN", "VBG"):
                prefix += [c.i for c in root.children if c.dep_ in ("aux", "auxpass")]
        second = sorted(set(prefix) | conj_sub)
        a = self._render(doc, first, repl).rstrip(",;: ")
        b = self._render(doc, second, repl).rstrip(",;: ")
        end = doc[-1].text if doc[-1].text in ".!?" else "."
        return [_cap(a.rstrip(".")) + end, _cap(b.rstrip(".")) + end]


def _titled_name(doc, mask: list[bool]) -> tuple[str, str, str] | None:
    """``(title, name, post)`` for a sentence that opens with a job title before its subject's name ("Chief
    executive Annika Lähteenmäki said …", "Project director Łucja Brzezińska said …")."""
    j = next((t.i for t in doc[:4] if t.text[:1].isupper() and t.i > 0 and t.pos_ == "PROPN"), None)
    if j is None or any(mask[:j + 1]) or not all(t.is_alpha for t in doc[:j]) or not all(t.is_lower for t in doc[1:j]):
        return None
    post = doc[j - 1].lower_
    head = doc[j]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    if post not in TITLE_ROLES or head.dep_ not in ("nsubj", "nsubjpass") or doc[j - 1].head.i != head.i:
        return None
    if not all(t.pos_ == "PROPN" for t in doc[j:head.i + 1]):
        return None
    return doc[:j].text, doc[j:head.i + 1].text, post
