"""The mention table: who and what an article has named so far, for resolving short references.

People, organisations and places come from spaCy's entities, with the titles and roles written next
to them ("El Salvadoran President Nayib Bukele" → the president), their gender guessed from first
names, honorifics and gendered role nouns, and descriptions introduced without a name ("a federal
judge", "the Trump administration") kept by their head noun.

>>> table = MentionTable()
>>> bukele = table.person("Nayib Bukele", sentence=0, subject=80.0)
>>> table.add_title(bukele, "el salvadoran president")
>>> table.resolve_role("president", ["salvadoran"], sentence=1).key
'Nayib Bukele'
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.resources
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

SURNAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ten", "ter", "bin", "al", "el", "dos", "das"})
#: common nouns for people that later text refers back to ("a 34-year-old man" … "the man")
PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "suspect", "victim", "driver", "teenager", "passenger", "pilot", "gunman", "worker", "student"})
#: role nouns that name a person by function ("the president", "the judge")
PERSON_ROLES = frozenset(
    """president minister secretary senator governor mayor judge justice chancellor spokesperson spokesman
    spokeswoman ceo chief director leader king queen pope representative congressman congresswoman lawmaker
    official chairman chairwoman chair commissioner ambassador general coach manager founder prosecutor
    attorney lawyer researcher scientist professor economist candidate premier captain striker author actor
    actress singer presenter editor officer commander sheriff inspector analyst executive owner president-elect
    prince princess emperor dictator diplomat envoy negotiator chancellor historian doctor nurse surgeon
    archbishop bishop cardinal priest rector dean councillor councilor principal headteacher curator conductor""".split()
) | PERSON_NOUNS
#: nouns that name an organisation or group by function ("the company", "the administration")
ORG_ROLES = frozenset(
    """administration company firm agency ministry department court government party club team bank group
    organisation organization union council commission committee board network startup regulator
    watchdog university hospital airline carrier manufacturer retailer insurer utility charity army navy
    military police study report survey""".split()
)
#: nouns for a business ("the company"), and last words of names that are no business (a public body)
BUSINESS_NOUNS = frozenset({"company", "firm", "startup", "manufacturer", "retailer", "insurer", "airline", "carrier",
                            "business", "bank", "chipmaker", "carmaker", "automaker", "supplier", "operator", "group",
                            "chain", "grocer", "supermarket"})
#: verbs that report what someone said ("said", "insisted", "warned")
SPEECH_LEMMAS = frozenset(
    """say write add tell affirm suggest state declare insist argue claim note explain warn announce
    tweet post reply respond assert contend maintain acknowledge admit deny confirm stress emphasize
    emphasise predict promise vow describe allege remark""".split()
)
#: what an appositive or a thing's own nouns call a company ("Järvikarton, a Finnish maker of cardboard packaging")
COMPANY_KINDS = BUSINESS_NOUNS | frozenset({"maker", "lender", "brewer", "exporter", "distributor", "wholesaler",
                                            "shipbuilder", "conglomerate", "broadcaster"})
PUBLIC_BODY_WORDS = frozenset("""authority council ministry department court government parliament assembly commission
    committee agency regulator police army navy office party university school hospital union""".split())
#: a name ending in a model number ("Nokia 3310", "Airbus A320") names a product, not an organisation
PRODUCT_LIKE = re.compile(r"(?:^|\s)[A-Z]{0,3}-?\d[\w-]*$")
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "sir": "m", "dame": "f",
              "lord": "m", "lady": "f"}
GENDERED_ROLES = {"spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f", "king": "m",
                  "queen": "f", "prince": "m", "princess": "f", "chairman": "m", "chairwoman": "f", "actress": "f",
                  "emperor": "m", "businessman": "m", "businesswoman": "f"}

_MALE = """aaron abdul adam adrian ahmed alan albert alejandro alex alexander alexei ali andre andrew andrés
anthony antonio arnold barack ben benjamin bernie bill bob boris brad brandon brian bruce carl carlos charles
chris christopher chuck claude colin craig dan daniel darren david dennis derek diego dmitry don donald doug
douglas dwight ed eddie edward elon emmanuel eric erik evan fernando francis francisco frank fred friedrich
gabriel gavin george gerald giuseppe gordon greg gregory gustavo hakeem hans harold harry hassan henry hugo
ian igor isaac ivan jack jacob jair jake james jamie jared jason javier javi jean jeff jeffrey jeremy jerome
jim jimmy joe joel john jon jonathan jorge jose josé joseph josh juan julian justin kai keir ken kenneth kevin
kim kyle larry lee leo leonardo lionel louis luis luiz luka marco marcus mario mark martin matt matthew max
michael miguel mike mitch mohammed muhammad narendra nayib neil nicholas nick nicolás nicolas olaf oliver
omar oscar owen pablo patrick paul pedro pete peter philip pierre rafael ralph ramon raúl recep richard rick
rishi rob robert roberto rodrigo roger ron ronald ruben ryan sam samuel scott sean sebastian sergei sergio
shinzo simon stephen steve steven ted thomas tim timothy todd tom tony victor vladimir volodymyr walter
wayne will william xavier yoon zach wilmer andry""".split()
_FEMALE = """abigail adriana alexandra alice alicia amanda amy ana andrea angela anna anne annalena ashley
barbara betty brenda carla carmen caroline catherine charlotte cheryl christina christine claire claudia
cynthia dana deborah debra diana donna dorothy elena elizabeth ellen emily emma erin eva fatima fiona
frances gabriela giorgia gloria grace hannah heather helen hillary ilhan isabel jacinda jane janet janice
jennifer jessica jill joan joanna judith judy julia julie karen kamala kate katherine kathleen kathy kelly
kim kristen kristi laura lauren linda lisa liz liza lucy lynn madeleine margaret maria marie marine marisa
martha mary megan melania melissa michelle mirella nancy natalia natalie nicola nicole nikki olivia pamela
patricia paula rachel rebecca rita rosa ruth sandra sara sarah sharon shirley sophia sophie stephanie susan
tamara teresa theresa tracy ursula valerie victoria virginia wendy xiomara yulia zoe""".split()
#: first names of the languages news from Europe and Latin America most often carries (accents folded)
_MALE_MORE = """lukas lucas jan lars henrik soren mikkel jakub piotr pawel tomasz krzysztof joao goncalo tiago kemar jorn jens
    nils sven bjorn anders matti jukka pekka antti mikko timo klaus jurgen dieter wolfgang stefan uwe rainer lukasz
    marek jiri petr milos dusan bogdan florin mihai radu vasile luc thierry didier francois jacques alain benoit
    yves gilles herve laurent guillaume mathieu etienne jordi pere ignacio alvaro joaquin enrique manuel fabio
    paolo giovanni matteo lorenzo stefano massimo cristiano rui nuno helder duarte egon gunter helmut miroslav toni
    usain yohan nesta asafa tyson ondrej vaclav tomas jaroslav lubos radek zdenek anze janez matej primoz gregor
    jure ziga rok marko ivo ante goran dragan nikola zoran branko istvan laszlo zoltan gabor janos attila ferenc
    margus mart tonu jaan ulo andrus indrek raivo juris andris janis arturs mindaugas darius vytautas inigo inaki
    aitor unai xabier jon mikel asier iker koldo borja sergi jaume oriol arnau marti pau xavi gonzalo fernando
    alberto alfonso andres emilio esteban felipe francisco guillermo hector jaime julio marcos mateo ricardo
    vicente cosmin adrian catalin dorin ionut ovidiu sorin valentin costin horia gheorghe
    dmitri andrei alexei mikhail nikolai pavel yuri oleksandr taras bohdan mykola dariusz grzegorz marcin
    wojciech andrzej jerzy michal rafal janusz henryk hakon haakon espen geir knut magnus olav oddvar sigurd
    torbjorn trond vegard arne bengt gunnar hakan leif mats stig ulf erik nils olof kjell jesper rasmus
    frederik kasper morten soren troels jussi kari lauri ville veikko tapio eino ilkka ossi aki jonas ingo
    jorg kai lars malte moritz niklas ole sebastian tobias volker dirk hendrik joost maarten pieter sander
    thijs wouter bram koen ruud stijn arnaud bastien cedric damien florian julien maxime olivier pascal
    quentin remi sylvain vincent yannick andrea alessandro davide emanuele enrico federico filippo gianluca
    luca marcello nicola pietro riccardo salvatore sandro tommaso vittorio afonso bruno diogo gustavo
    henrique leandro rodrigo vasco sebastiao estevao gernot mirko zbigniew""".split()
_FEMALE_MORE = """mette ingrid paivi elodie ines siobhan laia aino beatriz sofia camille chloe lea mathilde margot helene agnes
    brigitte ulrike birgit sabine heike karin ilse greta astrid sigrid liv frida kerstin malin karoline hanne inger
    solveig tuula riikka satu pirjo jana petra lenka zuzana katarzyna malgorzata agnieszka magdalena ewa beata
    dorota irena marta lucia pilar montserrat nuria rocio leonor catarina mariana raquel francesca chiara giulia
    federica valentina elisabetta simona florence luiza asa begona ainhoa amaia arantxa edurne idoia itziar
    leire maite miren nerea garbine irati ane aroa ariadna berta clara cristina elena gemma irene judit
    laura lidia marina meritxell merce neus noemi olga paloma silvia veronica yolanda mirela ioana
    andreea alina bianca cristina daniela diana gabriela iulia laura lavinia oana roxana simona anca corina
    mojca spela tina urska masa nina katja ziva vesna mateja marketa tereza lucie hana veronika barbora
    kristyna radka sarka jitka dagmar zofia alicja joanna karolina kinga natalia weronika zuzanna kart kadri
    kairi liis maarja merike piret triin tiina kristiina annika helena johanna maria linnea ebba elin ida
    maja saga tove ylva lotta sanna minna hanna anneli eeva kaisa leena marjatta noora outi sari silja tanja
    aase berit gro hilde kari kirsten randi ragnhild signe tone torunn unni vigdis birgitte dorthe lene lise
    mette pernille susanne trine anke frauke gesine imke jutta marlies renate silke ute anouk femke fleur
    ilse lieke marieke mieke sanne sofie veerle amelie aurelie cecile celine delphine emilie isabelle
    juliette manon oceane pauline sandrine solene sylvie alessia beatrice caterina elisa ilaria lucrezia
    martina serena sara adriana bruna fernanda gabriela joana leticia luana patricia renata tatiana zoe
    gyongyi katalin zsofia eszter reka anna ilona""".split()
#: names given to men in one language and to women in another: a first name, but no gender
_EITHER = frozenset({"kim", "andrea", "kari", "nicola"})
MALE_NAMES = (frozenset(_MALE) | frozenset(_MALE_MORE)) - _EITHER
FEMALE_NAMES = (frozenset(_FEMALE) | frozenset(_FEMALE_MORE)) - _EITHER
#: every known first name, whatever its gender ("Kim" stays out: in news it is as often a surname)
FIRST_NAMES = MALE_NAMES | FEMALE_NAMES | (_EITHER - {"kim"})


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).replace("ø", "o").replace("ł", "l")


def _first_word(full_name: str) -> str:
    parts = full_name.split()
    return parts[0].lower().strip(".,") if parts else ""


def is_first_name(full_name: str) -> bool:
    """Does a known first name open ``full_name`` ("Andrea Rossi": yes, though it tells no gender)?"""
    first = _first_word(full_name)
    return first in FIRST_NAMES or _fold(first) in FIRST_NAMES


def gender_of_name(full_name: str) -> str | None:
    """'m', 'f' or None from the first name (a heuristic: unknown names stay unknown); accents do not
    matter ("Luíza" is "Luiza", "Łukasz" "Lukasz"). Names outside the lists above are looked up in the
    name table of ``nomquamgender`` (:func:`name_genders`)."""
    first = _first_word(full_name)
    for name in (first, _fold(first)):
        if name in MALE_NAMES:
            return "m"
        if name in FEMALE_NAMES:
            return "f"
    found = None if first in _EITHER else name_genders().get(_fold(first))
    if found is None and len(full_name.split()) > 1 and full_name.split()[-1].lower().endswith(_WOMENS_SURNAMES):
        return "f"  # "Gabrielė Vaitkutė", "Jana Nováková", "Anna Sikorska": a surname only women bear
    return found


#: endings of surnames that only women bear: Czech and Slovak "-ová", Lithuanian "-aitė", "-ytė", "-utė",
#: "-ienė" and Polish "-ska", "-cka", "-dzka" (their men's forms end in "-ý", "-as", "-ski", …)
_WOMENS_SURNAMES = ("ová", "aitė", "ytė", "utė", "ienė", "ska", "cka", "dzka")
#: a first name is given a gender when at least this many of its bearers are known and all but this share
#: of them are of one gender ("Keith" 475,663 bearers, 1 % women: a man; "Marian", 63 % women: none)
_NAME_BEARERS = 300
_NAME_MINORITY = 0.05


@functools.lru_cache(maxsize=1)
def name_genders() -> dict[str, str]:
    """First names (lower case, without accents) and the gender nearly all their bearers have, from the
    name data of the ``nomquamgender`` package (MIT; Van Buskirk et al. 2022, about 720,000 names from
    many countries: "Rūta", "Josip", "Søren"). Its 22 MB table takes seconds to read, so the names that
    pass the thresholds above are kept once in a small file in the user cache. Empty when the package
    is missing: the lists above still work."""
    try:
        version = importlib.metadata.version("nomquamgender")
    except importlib.metadata.PackageNotFoundError:
        return {}
    cached = Path(platformdirs.user_cache_dir("factdesk")) / "names" / f"nomquamgender-{version}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    try:
        source = importlib.resources.files("nomquamgender") / "name_data.json"
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError, ModuleNotFoundError):
        return {}
    table: dict[str, str] = {}
    for name, row in data.items():
        if not _PLAIN_NAME.fullmatch(name) or not isinstance(row, list) or len(row) < 3:
            continue
        bearers, share_women = row[1], row[2]
        if bearers >= _NAME_BEARERS and share_women <= _NAME_MINORITY:
            table[name] = "m"
        elif bearers >= _NAME_BEARERS and share_women >= 1 - _NAME_MINORITY:
            table[name] = "f"
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_name(f"{cached.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(table, sort_keys=True), encoding="utf-8")
        tmp.replace(cached)
    except OSError:  # a read-only cache: the table still serves this process
        pass
    return table


_PLAIN_NAME = re.compile(r"[a-z]+(?:-[a-z]+)?")


@dataclass
class Entity:
    key: str
    label: str
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    sentence: int = -1
    salience: float = 0.0
    subject_mentions: int = 0
    order: int = 0
    #: the headline names them: the story is about them, so they stay a likely antecedent
    topic: bool = False

    @property
    def short(self) -> str:
        """How a story refers to a person after the first mention: the surname (with its particles)."""
        if self.label == "PERSON" and " " in self.key:
            toks = self.key.split()
            for i, t in enumerate(toks[1:-1], 1):
                if t.lower() in SURNAME_PARTICLES:
                    return " ".join(toks[i:])
            return toks[-1]
        return self.key

    @property
    def former_only(self) -> bool:
        return bool(self.titles) and all("former" in t or "ex-" in t for t in self.titles)


#: salience a person whose name or title says the pronoun's gender has over one whose does not
GENDER_BONUS = 40.0
#: salience a person the headline names keeps over the others (an obituary's subject after a quote
#: from a colleague: "the city awarded him its gold medal")
TOPIC_BONUS = 60.0


class MentionTable:
    """Entities seen so far in an article, in order of their last mention."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.descriptors: dict[str, list[tuple[str, int, int]]] = {}  # head -> [(text, sentence, order)]
        self.linked: dict[str, Entity] = {}  # organisation noun -> what it last named ("company" -> Nokia)
        self._order = 0

    def _tick(self) -> int:
        self._order += 1
        return self._order

    # -- registering ---------------------------------------------------------------------------
    def find_person(self, name: str) -> Entity | None:
        toks = name.split()
        if not toks:
            return None
        if len(toks) == 1:
            same = self.find_surname(name)  # a bare surname two people share: see find_surname
            if same is not None:
                return same
        for e in reversed(self.entities):
            if e.label != "PERSON":
                continue
            etoks = e.key.split()
            if e.key == name or (len(toks) == 1 and toks[0] == etoks[-1]) or (len(etoks) == 1 and etoks[0] == toks[-1]):
                return e
            if len(toks) > 1 and len(etoks) > 1 and toks[-1] == etoks[-1] and toks[0] == etoks[0]:
                return e
        return None

    def find_surname(self, text: str) -> Entity | None:
        """A known person whose surname (or full name) is exactly ``text``."""
        text = text.strip()
        if not text or not text[:1].isupper():
            return None
        found = [e for e in reversed(self.entities)
                 if e.label == "PERSON" and (e.key == text or (" " in e.key and e.key.split()[-1] == text))]
        if len(found) > 1:  # two Ferreiras: the one the story is about, else the one most often its subject
            return max(found, key=lambda e: (e.key == text, e.topic, e.subject_mentions))
        return found[0] if found else None

    def person(self, name: str, *, sentence: int, subject: float = 30.0) -> Entity:
        name = " ".join(name.replace("’s", "").replace("'s", "").split())
        ent = self.find_person(name)
        if ent is None:
            ent = Entity(key=name, label="PERSON", gender=gender_of_name(name))
            self.entities.append(ent)
        elif len(name.split()) > len(ent.key.split()):
            ent.key = name  # a fuller form of the same name
            ent.gender = ent.gender or gender_of_name(name)
        self.touch(ent, sentence, subject)
        return ent

    def other(self, name: str, label: str, *, sentence: int, subject: float = 30.0) -> Entity:
        for e in self.entities:
            if e.label == label and e.key.lower() == name.lower():
                self.touch(e, sentence, subject)
                return e
        ent = Entity(key=name, label=label)
        self.entities.append(ent)
        self.touch(ent, sentence, subject)
        return ent

    def new_sentence(self) -> None:
        """Salience halves with every sentence read."""
        for e in self.entities:
            e.salience /= 2.0

    def touch(self, ent: Entity, sentence: int, weight: float | bool = 30.0) -> None:
        """Record a mention: recency (100) plus the weight of its grammatical role."""
        weight = 80.0 if weight is True else (30.0 if weight is False else float(weight))
        ent.salience += 100.0 + weight
        ent.subject_mentions += weight >= 80.0
        ent.sentence = sentence
        ent.order = self._tick()

    def add_title(self, ent: Entity, title: str) -> None:
        title = " ".join(title.lower().split())
        words = [w.strip(".,") for w in title.replace("-", " ").split()]
        heads = {w for w in words if w in PERSON_ROLES}
        for w, g in GENDERED_ROLES.items():
            if w in words:
                ent.gender = ent.gender or g
        for w in words:
            if w in HONORIFICS:
                ent.gender = ent.gender or HONORIFICS[w]
        if heads:
            ent.heads |= heads
            if title not in ent.titles:
                ent.titles.append(title)

    def add_descriptor(self, head: str, text: str, sentence: int) -> None:
        self.descriptors.setdefault(head, []).append((" ".join(text.split()), sentence, self._tick()))

    # -- resolving -----------------------------------------------------------------------------
    def resolve_pronoun(self, gender: str, exclude: str | None = None) -> Entity | None:
        """Most salient person compatible with the pronoun's gender (recent sentence, subject first)."""
        cands = [e for e in self.entities if e.label == "PERSON" and e.gender in (None, gender) and e.key != exclude]
        if not cands:
            return None
        best = max(cands, key=lambda e: (e.salience + (TOPIC_BONUS if e.topic else 0.0) + (GENDER_BONUS if e.gender == gender else 0.0),
                                         e.gender == gender, e.order))
        if best.gender is None:
            best.gender = gender
        return best

    def leading_person(self, *, acting: bool = False) -> Entity | None:
        """The person the text is about just now, when one clearly leads (recent mentions, the headline's);
        with ``acting``, among those the story has shown as a subject (the winner, not the runner-up he beat)."""
        def score(e: Entity) -> float:
            return e.salience + (TOPIC_BONUS if e.topic else 0.0)

        people = sorted((e for e in self.entities if e.label == "PERSON" and (e.subject_mentions or not acting)),
                        key=score, reverse=True)
        if not people or not people[0].subject_mentions:
            return None  # (one the story has shown acting, not only named)
        return people[0] if len(people) == 1 or score(people[1]) < 0.6 * score(people[0]) else None

    def resolve_role(self, head: str, modifiers: list[str], *, sentence: int) -> Entity | None:
        """The named person a role phrase refers to ("the Salvadoran president" → Nayib Bukele)."""
        mods = [m.lower() for m in modifiers if m.lower() not in {"then", "current", "sitting"}]
        former = any(m in {"former", "ex"} for m in mods)
        mods = [m for m in mods if m not in {"former", "ex"}]
        cands = []
        for e in self.entities:
            if e.label != "PERSON" or head not in e.heads:
                continue
            if not former and e.former_only:
                continue
            titles = " ".join(e.titles)
            if all(m[:5] in titles for m in mods):
                cands.append(e)
        if not cands:
            holders = [e for e in self.entities if e.label == "PERSON" and head in e.heads and (former or not e.former_only)]
            if len(holders) == 1:  # one holder of the role: extra modifiers ("the Italian lawmaker") add detail
                return holders[0]
            return None
        return max(cands, key=lambda e: e.order)

    def resolve_org(self, head: str, within: int, sentence: int) -> Entity | None:
        """The most salient organisation named in the last ``within`` sentences ("the company" → Apple).

        The organisation this noun already named stays its referent while the article still speaks of
        it ("The company took its name…" … "the company agreed to sell…"), and a product's name the
        recogniser calls an organisation ("the Nokia 3310", "Boeing 737") is never "the company"."""
        orgs = [e for e in self.entities if e.label == "ORG" and not PRODUCT_LIKE.search(e.key)]
        # "the group" after "the Douro Litoral Hospital Group": the one organisation whose name ends in the noun
        called = {e.key for e in orgs if e.key.split()[-1].lower() == head and sentence - e.sentence <= 4 * within + 2}
        if len(called) == 1:
            return max((e for e in orgs if e.key in called), key=lambda e: e.order)
        if head in BUSINESS_NOUNS:
            # "the company" is not the town council or the ministry named in between
            orgs = [e for e in orgs if e.key.split()[-1].lower() not in PUBLIC_BODY_WORDS
                    and e.key.split()[-1].lower() not in _THING_ENDINGS - _BODY_ENDINGS  # nor "the City Circle Line"
                    and (e.subject_mentions > 0 or e.topic)]  # nor "Bergen" in "between Bergen and Ålesund"
        linked = self.linked.get(head)
        if linked is not None and linked in orgs and sentence - linked.sentence <= 2 * within + 2:
            return linked
        cands = [e for e in orgs if sentence - e.sentence <= within]
        if not cands:
            return None
        return max(cands, key=lambda e: (e.subject_mentions > 0 or e.topic, e.salience, e.order))

    def link(self, head: str, ent: Entity) -> None:
        """Remember that ``head`` ("the company") named ``ent``."""
        self.linked[head] = ent

    def resolve_descriptor(self, head: str, modifiers: list[str]) -> str | None:
        """A fuller description introduced earlier ("the judge" → "federal judge")."""
        mods = [m.lower() for m in modifiers]
        best = None
        for text, _, order in self.descriptors.get(head, []):
            low = text.lower()
            if len(low.split()) <= len(mods) + 1:
                continue
            if all(m in low for m in mods) and (best is None or order > best[1]):
                best = (text, order)
        return best[0] if best else None


#: what ends the name of a place or a building, not a person ("Victoria Bridge", "Maria Street")
_THING_ENDINGS = frozenset("""bridge street road avenue lane square station park hall tower lake river university
    college school hospital church cathedral chapel airport line falls bay island house museum library theatre
    stadium arena centre center dam tunnel canal port harbour gallery prize award fund foundation institute
    council county party company group bank authority agency office ministry association club team trust
    reservoir mine terminal depot viaduct pier lighthouse castle palace abbey monastery reef glacier valley
    forest beach baths pool observatory""".split())

#: the endings of ``_THING_ENDINGS`` that name a body, not a place or a building
_BODY_ENDINGS = frozenset("""university college prize award fund foundation institute council county party company
    group bank authority agency office ministry association club team trust""".split())


def unusual_names(texts: list[str]) -> frozenset[str]:
    """Capitalised words of a text that no English dictionary knows ("Eyjafjallajökull", "Fimmvörðuháls"):
    names, wherever they stand, even where the tagger reads them as common nouns."""
    from lemminflect import getAllLemmas

    out = set()
    for text in texts:
        for m in re.finditer(r"(?<![\w'’-])([^\W\d_][^\W\d_'’-]{3,})(?![\w'’-])", text):
            word = m.group(1)
            if word[:1].isupper() and not word.isupper() and not getAllLemmas(word.lower()):
                out.add(word)
    return frozenset(out)


def mark_missed_names(doc, names: frozenset[str]) -> None:
    """Read a word of ``names`` as the proper noun it is ("Eyjafjallajökull began erupting …" tagged NOUN)."""
    for tok in doc:
        if tok.text in names and tok.pos_ in ("NOUN", "ADJ", "VERB", "X"):
            tok.pos_, tok.tag_ = "PROPN", "NNP"


#: what an appositive calls a business: "Labetex, a Czech textile start-up, …", "Ege Kanat, a blade maker, …"
_BUSINESS_APPOSITIVE = re.compile(r"\b(?:start-?up|company|firm|maker|manufacturer|producer|retailer|brewery|"
                                  r"operator|developer|supplier|chain|carrier|airline|insurer|bank|group)$", re.I)


def called_a_business(tok) -> bool:
    """An appositive right after the name calls it a business ("Labetex, a Czech textile start-up, …")."""
    doc = tok.doc
    appos = next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i + 1 and doc[tok.i + 1].text == ","), None)
    return (appos is not None and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.subtree)
            and bool(_BUSINESS_APPOSITIVE.search(doc[appos.left_edge.i:appos.i + 1].text)))


def mark_missed_companies(doc) -> None:
    """Add to ``doc.ents`` the companies the recogniser missed that an appositive names as a business
    ("Labetex, a Czech textile start-up, restarted production …"): the organisation a later "the
    company" means."""
    from spacy.tokens import Span

    taken = {t.i for e in doc.ents for t in e}
    spans = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in taken or not tok.text[:1].isupper():
            continue
        if not called_a_business(tok):
            continue
        start = tok.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and start - 1 not in taken:
            start -= 1
        spans.append(Span(doc, start, tok.i + 1, label="ORG"))
    if spans:
        doc.set_ents(spans, default="unmodified")


def mark_missed_people(doc) -> None:
    """Add the people the recogniser missed to ``doc.ents``: two to four capitalised proper nouns, the
    first a known first name ("Åsa Lindqvist, an ecologist, said…"), not after "the" and not ending in
    a word that names a place or building ("Victoria Bridge"). Names outside ASCII are the usual
    misses of the small English model."""
    from spacy.tokens import Span

    trimmed = [Span(doc, e.start + 1, e.end, label=e.label_) for e in doc.ents
               if len(e) > 1 and e[0].text.endswith("ing") and e[0].text[:1].isupper()
               and (e.start == 0 or doc[e.start - 1].is_quote or doc[e.start - 1].is_punct)
               and not is_first_name(e[0].text)]
    if trimmed:  # "“Closing Varkaus is the hardest decision”": a gerund opening the words is no part of a name
        doc.set_ents(trimmed, default="unmodified")
    relabelled = []
    for e in doc.ents:  # "Pemberthy Park in Thrushcombe reopened": a name ending in a kind of place or body
        if (e.label_ == "PERSON" and len(e) >= 2 and e[-1].lower_ in _THING_ENDINGS and e[-1].text[:1].isupper()
                and not is_first_name(e[0].text)):
            relabelled.append(Span(doc, e.start, e.end, label="ORG" if e[-1].lower_ in _BODY_ENDINGS else "FAC"))
    for e in doc.ents:  # "Begoña Ibáñez founded the business": a first name opens it, the recogniser said ORG
        if (e.label_ in ("ORG", "GPE", "NORP", "FAC") and 2 <= len(e) <= 4 and all(t.pos_ == "PROPN" for t in e)
                and is_first_name(e[0].text) and e[-1].lower_ not in _THING_ENDINGS
                and not (e.start > 0 and doc[e.start - 1].lower_ == "the")):
            relabelled.append(Span(doc, e.start, e.end, label="PERSON"))
    if relabelled:
        doc.set_ents(relabelled, default="unmodified")
    taken = {t.i for e in doc.ents for t in e}
    spans, i = [], 0
    while i < len(doc):
        tok = doc[i]
        if (tok.pos_ == "PROPN" and i not in taken and tok.text[:1].isupper() and is_first_name(tok.text)
                and not (i > 0 and doc[i - 1].lower_ == "the")):
            j = i + 1
            while j < len(doc) and j - i < 4 and j not in taken and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
                j += 1
            if j - i >= 2 and doc[j - 1].lower_ not in _THING_ENDINGS:
                spans.append(Span(doc, i, j, label="PERSON"))
                i = j
                continue
        i += 1
    if spans:
        doc.set_ents(spans, default="unmodified")
